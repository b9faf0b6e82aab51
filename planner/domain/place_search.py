"""The place picker's search: places by name, pinyin or initials, each with where it lies.

Built on :mod:`planner.domain.places` (its public API only: iteration, ``get``, ``by_name``,
``province``, ``city``, ``former_names``) and :mod:`planner.domain.matcher`. ``温江``, ``wj`` and
``wenjiang`` all find 温江区 · 四川省成都市; the places of Sichuan, Chongqing and Yunnan come first.
A name several places share (朝阳) is not "unknown" but ambiguous: :meth:`PlaceIndex.resolve` says
so and names the candidates, and :meth:`PlaceIndex.candidates` lists them for the picker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from planner.domain.errors import ValidationError
from planner.domain.matcher import Matcher
from planner.domain.places import CHONGQING, SICHUAN, YUNNAN, Place, Places, normalize_code, places

_HOME = (SICHUAN, CHONGQING, YUNNAN)
SEP = " · "


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A place as the picker shows it: ``永川区 · 重庆市``."""

    adcode: str
    name: str
    within: str  # the province and city it lies in, e.g. 四川省成都市 ("" for a province)
    zone: bool = False  # a new area or development zone rather than a division

    @property
    def label(self) -> str:
        return f"{self.name}{SEP}{self.within}" if self.within else self.name


def choice_of(p: Place, idx: Places) -> PlaceChoice:
    """How the picker shows ``p``: its name and the province and city it lies in."""
    parts: list[str] = []
    for part in (idx.province(p.adcode), idx.city(p.adcode)):
        if part is not None and part.adcode != p.adcode and (not parts or part.name != parts[-1]):
            parts.append(part.name)
    return PlaceChoice(p.adcode, p.name, "".join(parts), not p.is_division)


class PlaceIndex:
    """Every place once, searchable. Build with :func:`place_index` (shared, built once)."""

    def __init__(self, idx: Places) -> None:
        self._idx = idx
        self._choices: dict[str, PlaceChoice] = {}
        entries: list[tuple[PlaceChoice, tuple[str, ...]]] = []
        for p in idx:
            if p.level == "city" and (prov := idx.province(p.adcode)) is not None and prov.name == p.name:
                continue  # 重庆市's city-level rows repeat the municipality
            choice = self._make(p)
            self._choices[p.adcode] = choice
            entries.append((choice, (p.name, *idx.former_names(p.adcode))))
        self._by_label = {c.label: c for c in self._choices.values()}
        self._matcher: Matcher[PlaceChoice] = Matcher(entries, order=_order)

    def _make(self, p: Place) -> PlaceChoice:
        return choice_of(p, self._idx)

    def __len__(self) -> int:
        return len(self._choices)

    def choice(self, code: str | None) -> PlaceChoice | None:
        """The choice of a code (a former code gives today's place)."""
        p = self._idx.get(code) if code else None
        if p is None:
            return None
        return self._choices.get(p.adcode) or self._make(p)

    def search(self, text: str, limit: int = 12) -> list[PlaceChoice]:
        """Places for what was typed, best first: an exact label or code first, then by name."""
        text = text.strip()
        if not text:
            return []
        exact = self._exact(text)
        found = self._matcher.search(text.split(SEP)[0], limit=limit + 1)
        if not found and exact is None:
            stem = station_stem(text)
            if stem != text:  # 成都东站 is no place, but it lies in 成都: offer that
                found = self._matcher.search(stem, limit=limit)
        if exact is not None:
            found = [exact, *(c for c in found if c.adcode != exact.adcode)]
        return found[:limit]

    def guess(self, station: str) -> PlaceChoice | None:
        """The place a station (or any stage title) most likely lies in: the place it names, else the
        one its stem names (永川东站 → 永川区, 成都东站 → 成都市); ``None`` when unsure."""
        for text in dict.fromkeys((station.strip(), station_stem(station))):
            if not text:
                continue
            try:
                found = self.resolve(text)
            except ValidationError:
                continue
            if found is not None:
                return found
        return None

    def candidates(self, name: str) -> list[PlaceChoice]:
        """Every place called ``name`` (with or without its 区/县/市): several means ambiguous."""
        out = []
        for p in self._idx.by_name(name.strip()):
            c = self.choice(p.adcode)
            if c is not None and c not in out:
                out.append(c)
        return sorted(out, key=_order)

    def _exact(self, text: str) -> PlaceChoice | None:
        if text in self._by_label:
            return self._by_label[text]
        digits = text.replace(" ", "")
        if digits.isdigit() and len(digits) in (6, 9, 12):
            return self.choice(normalize_code(digits))
        # ``四川省 成都市 温江区``: the label older versions showed
        parts = text.split()
        if len(parts) > 1:
            for c in self.candidates(parts[-1]):
                if self._idx.label(c.adcode) == " ".join(parts):
                    return c
        return None

    def resolve(self, text: str, *, field: str = "adcode") -> PlaceChoice | None:
        """The one place ``text`` names (a label, a code or a name); ``None`` when blank.

        Raises ``ValidationError``: ``ambiguous_place`` naming the candidates, or ``unknown_place``.
        """
        text = text.strip()
        if not text:
            return None
        exact = self._exact(text)
        if exact is not None:
            return exact
        name = text.split(SEP)[0].strip()
        found = self.candidates(name)
        whole = [c for c in found if c.name == name]  # 朝阳市 is one place even though 朝阳 is four
        if len(found) == 1 or len(whole) == 1:
            return found[0] if len(found) == 1 else whole[0]
        if found:
            raise ValidationError("ambiguous_place", field=field, value=name,
                                  candidates=tuple(c.within + c.name for c in found[:8]))
        raise ValidationError("unknown_place", field=field, value=text)


def station_stem(text: str) -> str:
    """``成都东站`` → ``成都``; ``永川南`` → ``永川``: a station's name without 站 and its direction."""
    stem = text.strip()
    for suffix in ("高铁站", "火车站", "站"):
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    if len(stem) > 2 and stem[-1] in "东西南北":
        stem = stem[:-1]
    return stem


def _order(c: PlaceChoice) -> tuple[bool, bool, str]:
    return (c.adcode[:2] not in _HOME, c.zone, c.adcode)


_lock = threading.Lock()
_index: PlaceIndex | None = None


def place_index() -> PlaceIndex:
    """The shared index (built on first call, ~0.2 s plus importing pypinyin: call it off the GUI
    thread the first time; see :func:`ready`)."""
    global _index
    with _lock:
        if _index is None:
            _index = PlaceIndex(places())
        return _index


def ready() -> bool:
    """Whether :func:`place_index` returns at once."""
    return _index is not None
