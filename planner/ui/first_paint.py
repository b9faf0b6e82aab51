"""Doing something when a widget is painted for the first time (start-up's deferred work).

Start-up keeps work away from the window's first paint — the screens' first loads, the integrity
check of a file opened without its open-time check, the smoke run's measurement — and starts it
when that paint arrives. One event filter, removed at the first paint, does this for each of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Calls ``callback`` once, when ``widget`` receives its next paint event (before it paints:
    ``QTimer.singleShot(0, …)`` in the callback runs after the paint). A child of ``widget``."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.widget and event.type() == QEvent.Type.Paint:
            self.cancel()
            self.callback()
        return False

    def cancel(self) -> None:
        """No call after all (removes the filter; calling it twice is harmless)."""
        self.widget.removeEventFilter(self)
