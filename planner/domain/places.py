"""China's administrative divisions (12-digit codes with coordinates), looked up by code and name.

Codes: the first two digits give the province, the first four the city, the first six the county.
Data: resources/places/adcodes.csv (MIT licence beside it).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.paths import resource

SICHUAN = "51"
CHONGQING = "50"
YUNNAN = "53"

_SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "自治县", "自治州", "新区", "区", "县", "市", "州", "省", "地区", "盟")


@dataclass(frozen=True, slots=True)
class Place:
    adcode: str
    name: str
    lon: float | None
    lat: float | None

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


def normalize_code(code: str) -> str:
    digits = "".join(ch for ch in str(code).strip() if ch.isdigit())
    return digits.ljust(12, "0") if 2 <= len(digits) <= 12 else digits


class Places:
    """An index of places. Build with :func:`places` to share one loaded copy."""

    def __init__(self, rows: list[Place]) -> None:
        self._by_code: dict[str, Place] = {}
        for p in rows:
            self._by_code.setdefault(p.adcode, p)
        self._by_name: dict[str, list[Place]] = {}
        for p in self._by_code.values():
            for key in {p.name, _short(p.name)}:
                self._by_name.setdefault(key, []).append(p)

    @classmethod
    def from_csv(cls, path: Path) -> Places:
        rows = []
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                lon = float(rec["longitude"]) if rec["longitude"] else None
                lat = float(rec["latitude"]) if rec["latitude"] else None
                rows.append(Place(rec["adcode"].strip(), rec["name"].strip(), lon, lat))
        return cls(rows)

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str | None) -> Place | None:
        if not code:
            return None
        return self._by_code.get(normalize_code(code))

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def by_name(self, name: str, *, within: str | None = None) -> list[Place]:
        """Places called ``name`` (with or without 区/县/市 suffix), optionally under code prefix ``within``."""
        key = name.strip()
        found = self._by_name.get(key) or self._by_name.get(_short(key)) or []
        if within:
            found = [p for p in found if p.adcode.startswith(within)]
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
        """Places whose name contains ``text`` (for a place picker)."""
        text = text.strip()
        if not text:
            return []
        out = [p for p in self._by_code.values() if text in p.name and (not within or p.adcode.startswith(within))]
        out.sort(key=lambda p: (not p.name.startswith(text), len(p.name), p.adcode))
        return out[:limit]

    def province(self, code: str) -> Place | None:
        return self.get(normalize_code(code)[:2])

    def city(self, code: str) -> Place | None:
        c = normalize_code(code)
        return self._by_code.get(c[:4].ljust(12, "0"))

    def children(self, code: str) -> list[Place]:
        """Direct subdivisions: the cities of a province, the counties of a city."""
        c = normalize_code(code)
        parent = self.get(c)
        if parent is None:
            return []
        if parent.level == "province":
            return sorted(
                (p for p in self._by_code.values() if p.level == "city" and p.adcode[:2] == c[:2]),
                key=lambda p: p.adcode,
            )
        if parent.level == "city":
            return sorted(
                (p for p in self._by_code.values() if p.level == "county" and p.adcode[:4] == c[:4]),
                key=lambda p: p.adcode,
            )
        return []

    def counties(self, province: str) -> list[Place]:
        return sorted(
            (p for p in self._by_code.values() if p.level == "county" and p.adcode.startswith(province)),
            key=lambda p: p.adcode,
        )

    def coords(self, code: str | None) -> tuple[float, float] | None:
        """Longitude/latitude of a place, falling back to its city and then its province."""
        if not code:
            return None
        c = normalize_code(code)
        for candidate in (c, c[:4].ljust(12, "0"), c[:2].ljust(12, "0")):
            p = self._by_code.get(candidate)
            if p is not None and p.has_coords:
                return (p.lon, p.lat)  # type: ignore[return-value]
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
    return Places.from_csv(resource("places", "adcodes.csv"))
