"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects in whichever thread happens to allocate when a generation's count passes its
threshold. Here that is often a database worker (:mod:`planner.ui.workers`): a load builds
thousands of rows. If the garbage it finds holds Qt objects — a closed dialog, a screen, an
``AppContext`` with its undo stack and timers, caught in a reference cycle — they are deleted on
that worker thread while the GUI thread may be using them: "Timers cannot be stopped from another
thread", then a segmentation fault, in either thread (seen in long test runs: a history panel's
load compiling SQL on the worker while an earlier test's screens were collected).

:func:`install` turns automatic collection off and, every :data:`INTERVAL_MS` on the GUI thread,
collects what CPython would have collected by then: generation 0 past its threshold, the older
ones after enough younger collections, and a full collection only once the objects promoted since
the last one are a quarter of those it kept (CPython's rule against quadratic full collections).
What is garbage is still collected — only the thread, and the moment (at most one interval later,
or when the GUI thread is back in its event loop), change.

The check is cheap (``gc.get_count()`` when nothing is due). Anything that turns automatic
collection back on (``store.fast.no_gc`` restoring a state it read before, a library) is turned
off again at the next check.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 250  # a quarter of a second: an idle window wakes four times a second for it


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thread_id = threading.get_ident()
        # objects promoted to the oldest generation since its last collection, and how many that
        # collection kept (CPython's long_lived_pending and long_lived_total); followed through
        # gc.callbacks, so collections asked for elsewhere (gc.collect()) count too
        self.pending = 0
        self.kept = len(gc.get_objects(generation=2))
        self._young = 0
        gc.callbacks.append(self.observe)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def observe(self, phase: str, info: dict[str, int]) -> None:
        """Follow what each collection of the older generations promoted or kept."""
        generation = info["generation"]
        if generation == 1:
            if phase == "start":
                self._young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
            else:  # what survived is in the oldest generation now
                self.pending += max(0, self._young - info["collected"] - info["uncollectable"])
        elif generation == 2 and phase == "stop":
            self.pending, self.kept = 0, len(gc.get_objects(generation=2))

    def collect_due(self) -> int:
        """Collect the generations that are due, as CPython would; returns the oldest collected
        (-1 for none). Only on the GUI thread (elsewhere it does nothing)."""
        if threading.get_ident() != self.thread_id:
            return -1
        if gc.isenabled():
            gc.disable()
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if t0 == 0 or c0 <= t0:  # a threshold of 0 means "never collect automatically"
            return -1
        # the oldest generation past its threshold, as CPython chooses it when generation 0 is due
        # (each collection counts once in the next generation's count and resets the younger ones)
        if c2 > t2 and self.pending >= self.kept // 4:
            gc.collect(2)
            return 2
        if c1 > t1:
            gc.collect(1)
            return 1
        gc.collect(0)
        return 0


_installed: _Collector | None = None


def install(app: QCoreApplication | None = None) -> None:
    """Collect on this (the GUI) thread from now on; again is harmless."""
    global _installed
    if _installed is not None:
        try:
            _installed.timer.isActive()
        except RuntimeError:  # the application it lived on was deleted
            gc.callbacks.remove(_installed.observe)
            _installed = None
    if _installed is None:
        parent = app or QCoreApplication.instance()
        if parent is None:
            raise RuntimeError("install() needs a QApplication")
        _installed = _Collector(parent)
    gc.disable()


def installed() -> bool:
    return _installed is not None


def collect_due() -> int:
    """Collect what is due now (the timer does this every interval); -1 when not installed."""
    return _installed.collect_due() if _installed is not None else -1
