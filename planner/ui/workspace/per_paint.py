"""What a delegate works out once per paint of its view, not once per cell.

Within one paint of a view every item has the view's widget, style, font and device, so facts drawn
from them (the style's name, a focus margin, the font's key) are the same for every cell: asking for
them per cell cost ~10 µs each (the matrix and the outlet list paint on every open). The view brackets
its paint (:func:`paint_bracketed`) and the delegate keeps what it :meth:`~PerPaintDelegate.remember`\\s
until the paint ends. Outside a bracketed paint (a grab of one item, another view) nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

T = TypeVar("T")


class PerPaintDelegate(QStyledItemDelegate):
    """A delegate with one value kept for the length of a paint of its view (see the module)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._painting = False
        #: what the delegate remembered in this paint; None before it has, and outside a paint
        self.per_paint: Any = None

    def begin_paint(self) -> None:
        self._painting, self.per_paint = True, None

    def end_paint(self) -> None:
        self._painting, self.per_paint = False, None

    def remember(self, value: T) -> T:
        """Keep ``value`` as :attr:`per_paint` until this paint ends (not outside a paint); give it back."""
        if self._painting:
            self.per_paint = value
        return value


def paint_bracketed(view: QAbstractItemView, paint: Callable[[Any], None], event: Any) -> None:
    """``paint(event)`` (the view's own paintEvent), with its :class:`PerPaintDelegate` told when it
    begins and ends."""
    delegate = view.itemDelegate()
    if not isinstance(delegate, PerPaintDelegate):
        paint(event)
        return
    delegate.begin_paint()
    try:
        paint(event)
    finally:
        delegate.end_paint()
