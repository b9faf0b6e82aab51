"""China's administrative divisions (12-digit codes with coordinates), looked up by code and name.

Codes: the first two digits give the province, the first four the city, the first six the county.
Data: ``resources/places/adcodes.csv`` (the current divisions, plus a few places that are not
divisions, ``kind == "zone"``: 两江新区, development zones) and ``renamed.csv`` (former codes and
names → the current place, so 梁平县 / 500228 and codes kept in older databases still resolve).
Built by ``build_spec/build_places.py`` from registry packages; sources and licences are in
``resources/places/README.md``.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.paths import resource

SICHUAN = "51"
CHONGQING = "50"
YUNNAN = "53"

_SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "自治县", "自治州", "新区", "区", "县", "市", "州", "省", "地区", "盟")
_MUNICIPALITIES = {"11", "12", "31", "50"}


@dataclass(frozen=True, slots=True)
class Place:
    adcode: str
    name: str
    lon: float | None
    lat: float | None
    kind: str = ""  # "" for an administrative division; "zone" for a new area or development zone

    @property
    def province_code(self) -> str:
        return self.adcode[:2]

    @property
    def level(self) -> str:
        """``province``, ``city`` or ``county`` from the shape of the code."""
        if self.adcode[2:] == "0" * 10:
            return "province"
        if self.adcode[4:] == "0" * 8:
            return "city"
        return "county"

    @property
    def has_coords(self) -> bool:
        return self.lon is not None and self.lat is not None

    @property
    def is_division(self) -> bool:
        """An administrative division (not a national new area or development zone such as 两江新区)."""
        return not self.kind


def normalize_code(code: str) -> str:
    digits = "".join(ch for ch in str(code).strip() if ch.isdigit())
    return digits.ljust(12, "0") if 2 <= len(digits) <= 12 else digits


class Places:
    """An index of places. Build with :func:`places` to share one loaded copy.

    ``renamed`` holds ``(former code, former name, current code)`` triples: a former code resolves
    to the current place (:meth:`get`), a former name too (:meth:`by_name`, :meth:`search`).
    """

    def __init__(self, rows: Iterable[Place], renamed: Iterable[tuple[str, str, str]] = ()) -> None:
        self._by_code: dict[str, Place] = {}
        for p in rows:
            self._by_code.setdefault(p.adcode, p)
        self._renamed: dict[str, str] = {}
        self._former: list[tuple[str, str]] = []  # (former name, current code)
        self._former_of: dict[str, list[str]] = {}  # current code → its former names
        for old, old_name, new in renamed:
            if new in self._by_code:
                if old != new:
                    self._renamed.setdefault(old, new)
                if old_name and old_name != self._by_code[new].name:
                    self._former.append((old_name, new))
                    names = self._former_of.setdefault(new, [])
                    if old_name not in names:
                        names.append(old_name)
        self._names: dict[str, list[Place]] | None = None
        self._former_names: dict[str, list[Place]] | None = None

    @classmethod
    def from_csv(cls, path: Path, renamed: Path | None = None) -> Places:
        """Load ``adcodes.csv`` (``adcode,name,longitude,latitude[,kind]``) and optionally ``renamed.csv``."""
        rows = []
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            has_kind = len(header) > 4
            for rec in reader:
                # positional (not DictReader): this runs at every start and is 3× faster
                lon = float(rec[2]) if rec[2] else None
                lat = float(rec[3]) if rec[3] else None
                rows.append(Place(rec[0].strip(), rec[1].strip(), lon, lat, rec[4] if has_kind else ""))
        former: list[tuple[str, str, str]] = []
        if renamed is not None and renamed.is_file():
            with renamed.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                next(reader)
                former = [(r[0], r[1], r[2]) for r in reader if len(r) >= 3]
        return cls(rows, former)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Place]:
        """Every current place (divisions and zones), in code order."""
        return iter(sorted(self._by_code.values(), key=lambda p: p.adcode))

    def get(self, code: str | None) -> Place | None:
        """The place of a code; a former code (500228 梁平县) gives the current place (500155 梁平区)."""
        if not code:
            return None
        c = normalize_code(code)
        p = self._by_code.get(c)
        if p is None:
            new = self._renamed.get(c)
            p = self._by_code.get(new) if new else None
        return p

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def current_code(self, code: str | None) -> str | None:
        """The current code for a code (itself, or its successor when renamed); ``None`` when unknown."""
        p = self.get(code)
        return p.adcode if p is not None else None

    def former_names(self, code: str) -> list[str]:
        """Former names of a place (郫都区 → [郫县]), for matching what people still type."""
        c = self.current_code(code)
        return list(self._former_of.get(c, ())) if c else []

    def _name_index(self) -> dict[str, list[Place]]:
        # Built on first use: start-up looks places up by code only.
        if self._names is None:
            names: dict[str, list[Place]] = {}
            for p in self._by_code.values():
                if p.level == "city" and p.adcode[:2] in _MUNICIPALITIES:
                    continue  # 重庆市's 市辖区/县 rows: the name means the municipality itself
                for key in {p.name, _short(p.name)}:
                    names.setdefault(key, []).append(p)
            former: dict[str, list[Place]] = {}
            for name, new in self._former:
                place = self._by_code[new]
                if place not in former.setdefault(name, []):
                    former[name].append(place)
            self._names, self._former_names = names, former
        return self._names

    def by_name(self, name: str, *, within: str | None = None) -> list[Place]:
        """Places called ``name`` (with or without 区/县/市 suffix), optionally under code prefix ``within``.

        A current name wins; then a former one (梁平县 → 梁平区, 宜宾县 → 叙州区 rather than 宜宾市);
        then a current name without its suffix.
        """
        key = name.strip()
        names = self._name_index()
        former = self._former_names or {}

        def under(found: list[Place]) -> list[Place]:
            return [p for p in found if p.adcode.startswith(within)] if within else list(found)

        found = under(names.get(key, [])) or under(former.get(key, [])) or under(names.get(_short(key), []))
        return sorted(found, key=lambda p: (p.level != "county", p.adcode))

    def resolve(self, text: str, *, within: str | None = None) -> Place | None:
        """A code or an unambiguous name → the place; ``None`` when unknown or ambiguous."""
        text = text.strip()
        if not text:
            return None
        if text.isdigit():
            return self.get(text)
        hits = self.by_name(text, within=within)
        if len(hits) == 1:
            return hits[0]
        counties = [p for p in hits if p.level == "county"]
        return counties[0] if len(counties) == 1 else None

    def search(self, text: str, *, within: str | None = None, limit: int = 30) -> list[Place]:
        """Places whose name (or a former name) contains ``text`` (for a place picker)."""
        text = text.strip()
        if not text:
            return []
        out = [p for p in self._by_code.values() if text in p.name and (not within or p.adcode.startswith(within))]
        out.sort(key=lambda p: (not p.name.startswith(text), len(p.name), p.adcode))
        seen = {p.adcode for p in out}
        for name, new in self._former:
            if text in name and new not in seen and (not within or new.startswith(within)):
                seen.add(new)
                out.append(self._by_code[new])
        return out[:limit]

    def province(self, code: str) -> Place | None:
        p = self.get(code)
        return self._by_code.get(p.adcode[:2].ljust(12, "0")) if p is not None else None

    def city(self, code: str) -> Place | None:
        p = self.get(code)
        return self._by_code.get(p.adcode[:4].ljust(12, "0")) if p is not None else None

    def children(self, code: str) -> list[Place]:
        """Direct subdivisions: the cities of a province, the counties of a city (divisions only)."""
        parent = self.get(code)
        if parent is None:
            return []
        c = parent.adcode
        if parent.level == "province":
            return sorted(
                (p for p in self._by_code.values() if p.level == "city" and p.adcode[:2] == c[:2] and p.is_division),
                key=lambda p: p.adcode,
            )
        if parent.level == "city":
            return sorted(
                (p for p in self._by_code.values() if p.level == "county" and p.adcode[:4] == c[:4] and p.is_division),
                key=lambda p: p.adcode,
            )
        return []

    def counties(self, province: str) -> list[Place]:
        """The county-level divisions of a province (not its new areas or development zones)."""
        return sorted(
            (p for p in self._by_code.values()
             if p.level == "county" and p.adcode.startswith(province) and p.is_division),
            key=lambda p: p.adcode,
        )

    def coords(self, code: str | None) -> tuple[float, float] | None:
        """Longitude/latitude of a place, falling back to its city and then its province."""
        p = self.get(code)
        if p is None:
            return None
        c = p.adcode
        for candidate in (c, c[:4].ljust(12, "0"), c[:2].ljust(12, "0")):
            q = self._by_code.get(candidate)
            if q is not None and q.has_coords:
                return (q.lon, q.lat)  # type: ignore[return-value]
        return None

    def label(self, code: str | None) -> str:
        """``四川省 成都市 温江区`` style label of a code."""
        p = self.get(code)
        if p is None:
            return ""
        parts = []
        prov = self.province(p.adcode)
        city = self.city(p.adcode)
        for part in (prov, city, p):
            if part is not None and (not parts or part.name != parts[-1]):
                parts.append(part.name)
        return " ".join(parts)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@cache
def places() -> Places:
    """The shared index of the bundled places data."""
    return Places.from_csv(resource("places", "adcodes.csv"), resource("places", "renamed.csv"))
