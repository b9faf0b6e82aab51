"""Workers stay alive until their signals are handled, whoever forgets them first.

A screen forgets its worker in the worker's own ``finished`` slot, and a closed screen forgets a
worker that is still running; a garbage collection at either moment used to be able to delete the
worker's signal object mid-delivery (rare "Garbage-collecting" segfaults in long runs).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QThreadPool

from planner.ui import workers
from planner.ui.workers import Worker, submit


def test_a_forgotten_running_worker_still_delivers_and_is_then_released(qtbot) -> None:
    pool = QThreadPool()
    gate = threading.Event()
    got: list[object] = []

    def job(_progress):  # type: ignore[no-untyped-def]
        gate.wait(5)
        return "done"

    worker = Worker(job)
    worker.signals.finished.connect(got.append)
    submit(worker, pool)
    assert worker in workers._alive
    del worker  # the screen that started it is gone
    gc.collect()
    gate.set()
    qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
    qtbot.waitUntil(lambda: not workers._alive, timeout=5000)
    pool.waitForDone(5000)


def test_forgetting_a_worker_inside_its_own_slot_and_collecting_is_safe(qtbot) -> None:
    pool = QThreadPool()
    holder: set[Worker] = set()
    seen: list[str] = []

    def first(result: object) -> None:
        holder.clear()  # the usual "forget the worker when it is done"
        gc.collect()  # a collection at the worst moment
        seen.append(f"first:{result}")

    worker = Worker(lambda _p: 7)
    holder.add(worker)
    worker.signals.finished.connect(first)
    worker.signals.finished.connect(lambda r: seen.append(f"second:{r}"))
    submit(worker, pool)
    del worker
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == ["first:7", "second:7"]
    qtbot.waitUntil(lambda: not workers._alive, timeout=5000)
    gc.collect()
    pool.waitForDone(5000)


def test_a_failing_worker_is_released_too(qtbot) -> None:
    pool = QThreadPool()
    errors: list[object] = []

    def job(_progress):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    worker = Worker(job)
    worker.signals.failed.connect(errors.append)
    submit(worker, pool)
    del worker
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValueError)
    qtbot.waitUntil(lambda: not workers._alive, timeout=5000)
    pool.waitForDone(5000)
