"""Revisions of exchanged records: version vectors and dots (pure Python, no database).

How two desks tell a newer edit from an older or a concurrent one, without a common server
(the README's "Exchange between desks" section is the full description of the protocol):

- A **dot** ``(desk, counter)`` names one write by one desk. The counter grows with every write of
  that desk to that record; the planner uses the time in microseconds since 1970 (or the previous
  counter + 1 when the clock is behind), so a dot also says roughly when.
- A record's **version vector** ``vv`` maps each desk to the highest counter of that desk's writes
  that the record's current state has seen. ``a ≤ b`` when every entry of ``a`` is ≤ the entry
  of ``b`` (a missing entry is 0): ``b`` has seen everything ``a`` has — ``a`` is older or equal.
  Neither ≤ the other: the two were edited concurrently.
- Each editable **field** remembers the dot of the write that last set it: ``dots[field]``, or
  ``base`` for every field not listed (a create writes every field under ``base``). So concurrent
  edits of *different* fields merge, and only concurrent edits of the *same* field conflict.
- A deletion is a write too: the record becomes a **tombstone** (its vv gains the deletion's dot).

When both sides wrote the same field concurrently, a deterministic **winner** is the later dot
(higher counter, then higher desk id), like CouchDB's deterministic winning revision, and a live
record wins over a deletion. Every desk that sees the same conflict computes the same winner, so a
decision for the winner needs no new write; a decision for the other value is a new write (a new
dot by the deciding desk), which then dominates both.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Dot = tuple[str, int]

#: The largest counter a bundle may carry (JavaScript's safe integers: other writers use JSON numbers).
MAX_COUNTER = 2**53 - 1
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


def desk_key(desk_id: str) -> str:
    """One spelling per desk: a UUID with or without hyphens or braces is the same desk."""
    text = str(desk_id).strip().lower()
    compact = text.strip("{}").replace("-", "").removeprefix("urn:uuid:")
    return compact if _HEX32.match(compact) else text


def now_counter() -> int:
    return time.time_ns() // 1000


def next_counter(previous: int) -> int:
    """A counter for a new write after ``previous`` (the time, unless the clock is behind)."""
    return max(now_counter(), previous + 1)


class Order(Enum):
    EQUAL = "equal"
    BEFORE = "before"  # the first is older: the second has seen all of it
    AFTER = "after"  # the first is newer
    CONCURRENT = "concurrent"


def compare(a: Mapping[str, int], b: Mapping[str, int]) -> Order:
    """How version vector ``a`` relates to ``b``."""
    a_le_b = all(n <= b.get(d, 0) for d, n in a.items())
    b_le_a = all(n <= a.get(d, 0) for d, n in b.items())
    if a_le_b and b_le_a:
        return Order.EQUAL
    if a_le_b:
        return Order.BEFORE
    if b_le_a:
        return Order.AFTER
    return Order.CONCURRENT


def covers(vv: Mapping[str, int], dot: Dot) -> bool:
    """Has a state with version vector ``vv`` seen the write ``dot``?"""
    return vv.get(dot[0], 0) >= dot[1]


def join(*vvs: Mapping[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for vv in vvs:
        for d, n in vv.items():
            if n > out.get(d, 0):
                out[d] = n
    return out


def later(a: Dot, b: Dot) -> Dot:
    """The deterministic winner of two concurrent writes: higher counter, then higher desk id."""
    return a if (a[1], a[0]) >= (b[1], b[0]) else b


@dataclass(frozen=True)
class Rev:
    """The revision of one record: its version vector and the dot of every field."""

    vv: dict[str, int]
    base: Dot
    dots: dict[str, Dot] = field(default_factory=dict)

    def dot(self, name: str) -> Dot:
        return self.dots.get(name, self.base)

    @property
    def last(self) -> Dot:
        """The record's latest write (the highest counter in its vv)."""
        desk, counter = max(self.vv.items(), key=lambda kv: (kv[1], kv[0]))
        return desk, counter

    @classmethod
    def new(cls, desk: str, counter: int) -> Rev:
        return cls(vv={desk: counter}, base=(desk, counter))

    def write(self, desk: str, counter: int, fields: Iterable[str] | None) -> Rev:
        """This revision after a write of ``fields`` (``None``: every field) as ``(desk, counter)``."""
        vv = dict(self.vv)
        vv[desk] = max(counter, vv.get(desk, 0))
        if fields is None:
            return Rev(vv=vv, base=(desk, counter))
        dots = dict(self.dots)
        for name in fields:
            dots[name] = (desk, counter)
        return Rev(vv=vv, base=self.base, dots=dots)

    def compacted(self, names: Iterable[str]) -> Rev:
        """The same revision with fields whose dot equals ``base`` left out of ``dots``."""
        dots = {n: d for n, d in self.dots.items() if d != self.base and n in set(names)}
        return self if dots == self.dots else Rev(vv=self.vv, base=self.base, dots=dots)

    # -- JSON (the bundle's "rev" object and the sync_record.rev column) -------------------------
    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"vv": dict(sorted(self.vv.items())), "base": [self.base[0], self.base[1]]}
        if self.dots:
            out["dots"] = {n: [d[0], d[1]] for n, d in sorted(self.dots.items())}
        return out

    @classmethod
    def stored(cls, raw: Mapping[str, Any]) -> Rev:
        """A revision this program stored itself (already checked and normalised): no checks, fast."""
        base = raw["base"]
        dots = raw.get("dots")
        return cls(vv=raw["vv"], base=(base[0], base[1]),
                   dots={n: (d[0], d[1]) for n, d in dots.items()} if dots else {})

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Rev:
        """Parse (and normalise desk ids of) a stored or incoming revision; ``ValueError`` if malformed."""
        if not isinstance(raw, Mapping):
            raise ValueError("rev is not an object")
        vv_raw = raw.get("vv")
        if not isinstance(vv_raw, Mapping) or not vv_raw:
            raise ValueError("rev.vv must be a non-empty object")
        vv: dict[str, int] = {}
        for desk, n in vv_raw.items():
            key = desk_key(desk)
            vv[key] = max(vv.get(key, 0), _counter(n))
        base = _dot(raw.get("base"))
        dots = {str(n): _dot(d) for n, d in (raw.get("dots") or {}).items()}
        for d in (base, *dots.values()):
            if not covers(vv, d):
                raise ValueError(f"dot {d[0][:8]}:{d[1]} is newer than the record's vv")
        return cls(vv=vv, base=base, dots=dots)


def _counter(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_COUNTER:
        raise ValueError(f"counter {value!r} is not an integer between 1 and 2^53-1")
    return value


def _dot(value: Any) -> Dot:
    if not isinstance(value, list | tuple) or len(value) != 2 or not isinstance(value[0], str):
        raise ValueError(f"dot {value!r} is not [desk, counter]")
    return desk_key(value[0]), _counter(value[1])
