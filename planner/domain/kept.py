"""What is worked out of frozen values, given again while those values compare equal.

Opening a project reads the whole plan every time; after an edit the parts of it nobody touched are
the very same rows (the row caches give them back), so comparing a part's inputs costs a C-level
``==`` and what was worked out of them — a stage's findings, an outlet's findings, a stage's matrix
cells — can be given again instead of built anew. :class:`KeptByInputs` is that memo, one per kind of
part, keyed by the part's id as an ``int``.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

T = TypeVar("T")


class KeptByInputs(Generic[T]):
    """Values by key, each with the inputs it was worked out of; given again while they compare equal.

    The values must be frozen or never changed once made (they are shared by every reader). Bounded:
    emptied when full. Dict reads and writes are atomic, so loads in two workers may share one.
    """

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._kept: dict[int, tuple[Any, T]] = {}

    def get(self, key: int, inputs: Any) -> T | None:
        """The value kept for ``key`` if it was worked out of inputs equal to ``inputs``."""
        kept = self._kept.get(key)
        return kept[1] if kept is not None and kept[0] == inputs else None

    def put(self, key: int, inputs: Any, value: T) -> T:
        """Keep ``value`` for ``key`` with what it was worked out of; give it back."""
        if len(self._kept) >= self.limit:
            self._kept.clear()
        self._kept[key] = (inputs, value)
        return value

    def clear(self) -> None:
        self._kept.clear()
