"""Counting Python-level calls in tests that guard a hot path's cost (a count, not a time)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Count:
    n = 0


@contextmanager
def uuid_hashes(monkeypatch: Any) -> Iterator[Count]:
    """``uuid.UUID.__hash__`` is a Python call: how many the block makes (``.n`` after it)."""
    count = Count()
    real = uuid.UUID.__hash__

    def counting(self: uuid.UUID) -> int:
        count.n += 1
        return real(self)

    monkeypatch.setattr(uuid.UUID, "__hash__", counting)
    try:
        yield count
    finally:
        monkeypatch.setattr(uuid.UUID, "__hash__", real)
