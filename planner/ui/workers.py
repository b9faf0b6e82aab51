"""Background work: a ``QRunnable`` with signals, and the pools it runs on.

Nothing in a worker touches a widget: results come back by signal to the GUI thread. Database
work goes to a single-thread pool so it never runs two transactions at once.

Lifetime: a started worker is kept alive here until every signal it sent has been delivered. The
screens that start workers drop them in their own slots (``finished`` → forget the worker); if
that was the last reference, the next garbage collection could delete the ``WorkerSignals``
object while Qt is still delivering one of its signals, or a worker whose screen was closed while
it ran — both crash the process in the collector (seen as rare segfaults "Garbage-collecting" in
long test runs). :func:`submit` holds a reference until the worker's last signal (``ended``) has
been handled and the event loop has come round once more.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class Cancelled(Exception):
    """Raised inside a job when the user pressed cancel."""


class Progress:
    """Handed to a job: report progress, and learn whether the user cancelled."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progressed.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class WorkerSignals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    #: Sent last, after finished/failed/cancelled, whatever happened.
    ended = Signal()


class Worker(QRunnable):
    """Runs ``fn(progress, *args, **kwargs)`` off the GUI thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self.progress = Progress(self.signals)
        self._fn, self._args, self._kwargs = fn, args, kwargs

    def run(self) -> None:
        try:
            result = self._fn(self.progress, *self._args, **self._kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the GUI, which shows a message
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            self.signals.ended.emit()


#: Workers started and not yet done with (see the module docstring).
_alive: set[Worker] = set()


def submit(worker: Worker, pool: QThreadPool) -> Worker:
    """Start ``worker`` on ``pool``, keeping it alive until its signals have all been handled."""
    _alive.add(worker)
    # The release is queued after the worker's other signals (posted before ``ended``) and then
    # deferred once more, so it happens outside any slot of this worker.
    worker.signals.ended.connect(lambda: QTimer.singleShot(0, lambda: _alive.discard(worker)))
    pool.start(worker)
    return worker


_db_pool: QThreadPool | None = None


def db_pool() -> QThreadPool:
    """The single-thread pool for database work."""
    global _db_pool
    if _db_pool is None:
        _db_pool = QThreadPool()
        _db_pool.setMaxThreadCount(1)
    return _db_pool


def general_pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def wait_for_all(timeout_ms: int = 30000) -> None:
    """Wait for every pool to drain (shutdown and tests)."""
    if _db_pool is not None:
        _db_pool.waitForDone(timeout_ms)
    QThreadPool.globalInstance().waitForDone(timeout_ms)
