"""Python's collector runs on the GUI thread only (planner.ui.collector).

A collection on a worker thread deletes the Qt objects in the garbage it finds on that thread; a CI
run crashed so (a history panel's load compiling SQL on the database worker while an earlier
test's screens were collected).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer

from planner.ui import collector

pytestmark = pytest.mark.qt


@pytest.fixture
def collections(qapp) -> Iterator[list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """(thread id, generation) of every collection that starts while the test runs."""
    seen: list[tuple[int, int]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append((threading.get_ident(), info["generation"]))

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


class _Screen(QObject):
    """A screen caught in a reference cycle, with a running timer, as a closed dialog can be."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: None)
        self.timer.start(1)
        self.me = self


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_busy_worker_thread_never_collects_the_gui_threads_garbage(qtbot, collections) -> None:
    """A thread that allocates as a load does would trigger collections on itself; with the
    collector installed every collection runs on the GUI thread, and the garbage is still freed."""
    assert collector.installed() and not gc.isenabled()
    gui = threading.get_ident()
    screens = [_Screen() for _ in range(20)]
    marker = _Cycle()
    gone = weakref.ref(marker)
    del screens, marker
    stop = threading.Event()
    made = []

    def load() -> None:
        while not stop.is_set():
            made.append(len([[i] for i in range(5000)]))  # ~5,000 container objects a round

    worker = threading.Thread(target=load)
    worker.start()
    try:
        qtbot.waitUntil(lambda: gone() is None and len(made) > 200, timeout=10000)
    finally:
        stop.set()
        worker.join()
    assert collections, "nothing was collected"
    assert {thread for thread, _ in collections} == {gui}
    assert not gc.isenabled()


def test_automatic_collection_turned_back_on_is_turned_off_at_the_next_check(qapp) -> None:  # type: ignore[no-untyped-def]
    gc.enable()
    collector.collect_due()
    assert not gc.isenabled()


def test_the_generations_are_collected_when_cpython_would(qapp, collections) -> None:  # type: ignore[no-untyped-def]
    """Generation 0 past its threshold; generation 1 after more than its threshold of generation-0
    collections; the oldest only once what was promoted since its last collection is a quarter of
    what that collection kept."""
    kept = [[i] for i in range(20000)]  # long-lived objects the oldest generation holds
    old = gc.get_threshold()
    gc.collect()  # the collector follows collections asked for elsewhere too
    assert collector.collect_due() == -1  # nothing is due right after a full collection
    start = len(collections)
    try:
        gc.set_threshold(100, 2, 2)

        def step(n: int) -> int:
            """Make ``n`` live objects and one check."""
            kept.extend([i] for i in range(n))
            return collector.collect_due()

        assert step(50) == -1  # under generation 0's threshold: nothing
        done = [step(150) for _ in range(12)]
        # 0, 0, 0 (generation 1's count passes 2), then 1; generation 2's count passes 2 after
        # three collections of generation 1, but ~600 promoted are not a quarter of what is kept
        assert done[:4] == [0, 0, 0, 1] and 2 not in done
        assert [g for _, g in collections[start:]] == done
        assert gc.get_count()[2] > 2  # the oldest generation is due by its count, and held back
        total = len(gc.get_objects(generation=2))  # ~what the full collection kept
        many = [step(total // 40 + 100) for _ in range(20)]
        # held back until about a quarter of that has been promoted, then collected
        assert 2 in many and many.index(2) >= 6
        assert collections[-1][0] == threading.get_ident()
    finally:
        gc.set_threshold(*old)
    kept.clear()


def test_the_app_collects_on_its_gui_thread_once_the_window_is_up(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """settle_gc (run once the window is up) leaves automatic collection off, and a bulk read's
    pause of the collector does not turn it back on."""
    from planner.store.fast import no_gc
    from planner.ui import app

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # not this test process's objects
    gc.enable()
    app.settle_gc()
    assert frozen == [True] and collector.installed() and not gc.isenabled()
    with no_gc():
        pass
    assert not gc.isenabled()
