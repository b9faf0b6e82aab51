"""One way of matching what people type against names, used by every picker and by global search.

A name matches a query when it contains the query (width- and case-folded: ``川报`` finds
四川日报报业集团's short name 川报集团, ``温江`` finds 温江区), or when the query spells a run of its
characters in pinyin — in full (``wenjiang``), by initials (``wj``), or mixed (``wenj``, ``chongqx``).
Each character may be spelled by any of its readings, so a polyphone matches either way; the
reading the name really has (from pypinyin's phrase table where the name holds a known word — 重庆
is *chóng*qìng — else the character's most common reading) ranks a match higher than a rare one.
The readings are dictionary look-ups per character, so indexing 3,600 places takes a fraction of the
seconds ``lazy_pinyin`` needs; importing pypinyin's tables is the slow part (a second on a busy
machine), which is why the UI builds its indexes in a worker.

:func:`keys` precomputes what matching needs for a record (its names); :func:`rank` says how well a
query matches (``None``: not at all). Lower is better: the name starts with the query (0), contains
it (1), its pinyin starts with it (2), or a later character's does (3); 4 and 5 are the same
through a rare reading of some character (沾益 spelled ``chanyi``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

#: Rank of a match, best first.
PREFIX, CONTAINS, PINYIN_PREFIX, PINYIN_INNER, LOOSE_PREFIX, LOOSE_INNER = range(6)
_SEP = "\x1f"  # between the names of one record in the folded text


def fold(text: str) -> str:
    """Full-width to half-width, case-folded, without spaces: what a match compares."""
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "").replace("\u3000", "")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[list[str]]]:
    from pypinyin.phrases_dict import phrases_dict

    return phrases_dict


def tables_ready() -> bool:
    """Whether pypinyin's tables are loaded (building keys is then quick)."""
    return _table.cache_info().currsize > 0 and _phrases.cache_info().currsize > 0


def warm() -> None:
    """Load pypinyin's tables (about a second on a busy machine: do it off the GUI thread)."""
    _table()
    _phrases()


def _plain(reading: str) -> str:
    """``zhòng`` → ``zhong``; ``lǜ`` → ``lv``."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # ü keeps its dots as v
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=8192)
def char_readings(ch: str) -> tuple[str, ...]:
    """Every toneless pinyin reading of a character (``重`` → zhong, chong, tong); a letter or digit
    reads as itself; other characters have none. ``ü`` is ``v`` and also ``u`` (lv, lu)."""
    folded = fold(ch)
    if len(folded) == 1 and folded.isascii():
        return (folded,) if folded.isalnum() else ()
    raw = _table().get(ord(ch))
    if not raw:
        return ()
    out: list[str] = []
    for reading in raw.split(","):
        plain = _plain(reading)
        for form in (plain, plain.replace("v", "u")):
            if form and form.isascii() and form not in out:
                out.append(form)
    return tuple(out)


#: One character: its readings, the ones it really has in this name first, and how many those are.
Char = tuple[tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class Keys:
    """What matching needs of one record: its folded names and each character's readings."""

    text: str  # the folded names, separated by _SEP
    chars: tuple[tuple[Char, ...], ...]  # per name, per character
    letters: frozenset[str]  # first letters of every reading (a quick "cannot match")
    spelled: tuple[str, ...]  # per name, its own readings in full (chongqingxizhan) …
    initials: tuple[str, ...]  # … and by initials (cqxz): the quick pass finds most matches here


def _name_chars(name: str) -> tuple[Char, ...]:
    """Each character's readings, the name's own first: from a word of the phrase table that covers
    it (longest first), else the character's most common reading."""
    own: list[tuple[str, ...] | None] = [None] * len(name)
    phrases = _phrases()
    i = 0
    while i < len(name):
        for size in (4, 3, 2):
            word = phrases.get(name[i:i + size]) if i + size <= len(name) else None
            if word and len(word) == size:
                for j, readings in enumerate(word):
                    own[i + j] = tuple(dict.fromkeys(_plain(r) for r in readings))
                i += size
                break
        else:
            i += 1
    out: list[Char] = []
    for ch, mine in zip(name, own, strict=True):
        every = char_readings(ch)
        own_forms = {f for r in (mine or every[:1]) for f in (r, r.replace("v", "u"))}  # lv is lu too
        first = tuple(r for r in every if r in own_forms) or every[:1]
        ordered = first + tuple(r for r in every if r not in first)
        out.append((ordered, len(first)))
    return tuple(out)


def keys(*names: str) -> Keys:
    """The matching keys of a record called ``names`` (empty names are skipped)."""
    folded = [fold(n) for n in names if n and n.strip()]
    chars = tuple(_name_chars(name) for name in folded)
    letters = frozenset(r[0] for name in chars for readings, _own in name for r in readings)
    spelled = tuple("".join(rs[0] if rs else "\x00" for rs, _own in name) for name in chars)
    initials = tuple("".join(rs[0][0] if rs else "\x00" for rs, _own in name) for name in chars)
    return Keys(_SEP.join(folded), chars, letters, spelled, initials)


def _spell_cost(query: str, chars: tuple[Char, ...], start: int) -> int | None:
    """Whether ``query`` spells ``chars[start:…]`` — each character takes a non-empty prefix of one
    of its readings (``c`` or ``chong`` for 重), the query may end inside a reading — and with how
    many rare readings at least; ``None`` if it does not."""
    n = len(query)
    memo: dict[tuple[int, int], int | None] = {}

    def best(qi: int, ci: int) -> int | None:
        if (qi, ci) in memo:
            return memo[(qi, ci)]
        memo[(qi, ci)] = None  # no cycles (ci grows), but keep the memo total
        found: int | None = None
        if ci < len(chars):
            readings, own = chars[ci]
            for index, reading in enumerate(readings):
                extra = 0 if index < own else 1
                if found is not None and extra >= found:
                    continue
                k = 0
                while k < len(reading) and qi + k < n and reading[k] == query[qi + k]:
                    k += 1
                if k == 0:
                    continue
                if qi + k == n:
                    found = extra if found is None else min(found, extra)
                    continue
                for used in range(1, k + 1):  # an initial, a longer prefix, or the whole syllable
                    rest = best(qi + used, ci + 1)
                    if rest is not None and (found is None or rest + extra < found):
                        found = rest + extra
        memo[(qi, ci)] = found
        return found

    return best(0, start)


def rank(query: str, k: Keys, *, thorough: bool = True) -> int | None:
    """How ``query`` (already folded with :func:`fold`) matches a record: a rank, or ``None``.

    ``thorough=False`` is the quick pass: text, and the name's own readings spelled in full or by
    initials; it misses mixed spellings (``wenj``) and rare readings, which the thorough pass finds.
    """
    if not query:
        return None
    pos = k.text.find(query)
    if pos >= 0:
        return PREFIX if pos == 0 or k.text[pos - 1] == _SEP else CONTAINS
    if not query.isascii() or query[0] not in k.letters:
        return None
    quick: int | None = None
    for form in (*k.initials, *k.spelled):
        at = form.find(query)
        if at == 0:
            return PINYIN_PREFIX
        if at > 0:
            quick = PINYIN_INNER
    if quick is not None or not thorough:
        return quick
    best: int | None = None
    for chars in k.chars:
        for start in range(len(chars)):
            if not any(r[0] == query[0] for r in chars[start][0]):
                continue
            cost = _spell_cost(query, chars, start)
            if cost is None:
                continue
            r = (PINYIN_PREFIX if start == 0 else PINYIN_INNER) + (2 if cost else 0)
            best = r if best is None else min(best, r)
            if best == PINYIN_PREFIX:
                return best
    return best


#: Up to this many records the thorough pass always runs (a few milliseconds); beyond, only when the
#: quick pass found nothing (the global search over 200,000 assignments' stages: 60 ms, not 170).
THOROUGH_UP_TO = 5000


def thorough_pass(records: int, good: int, limit: int) -> bool:
    """Whether to look for mixed spellings and rare readings after the quick pass found ``good``
    prefix-or-better matches among ``records``."""
    return good < limit if records <= THOROUGH_UP_TO else good == 0


class Matcher(Generic[T]):
    """Items with names, searched by :func:`rank`; ties go to the ``order`` key, then shorter names.

    Build once (it keeps every item's keys), search on every key press.
    """

    def __init__(self, items: Iterable[tuple[T, Sequence[str]]], order: Callable[[T], object] | None = None) -> None:
        self._items: list[tuple[T, Keys, int]] = [
            (item, keys(*names), min((len(n) for n in names if n), default=0)) for item, names in items
        ]
        self._order = order or (lambda _item: 0)

    def __len__(self) -> int:
        return len(self._items)

    def search(self, query: str, limit: int = 50) -> list[T]:
        """The best ``limit`` items for ``query``, best first; an empty query matches nothing."""
        q = fold(query)
        if not q:
            return []
        scored: list[tuple[int, object, int, int, T]] = []
        missed: list[int] = []
        for i, (item, k, length) in enumerate(self._items):
            r = rank(q, k, thorough=False)
            if r is not None:
                scored.append((r, self._order(item), length, i, item))
            else:
                missed.append(i)
        if thorough_pass(len(self._items), sum(1 for s in scored if s[0] <= PINYIN_PREFIX), limit):
            for i in missed:
                item, k, length = self._items[i]
                r = rank(q, k)
                if r is not None:
                    scored.append((r, self._order(item), length, i, item))
        scored.sort(key=lambda s: s[:4])
        return [s[4] for s in scored[:limit]]
