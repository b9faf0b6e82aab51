"""The screens' first loads start after the window's first paint: reading the project list, the
directory and the counts in workers while the window was built and painted took ~50 ms of the
start-up's CPU (``AppContext.hold_workers``, released by the app at the first paint)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.ui.startup_probe import PAINT_HOOK, run_app

pytestmark = pytest.mark.qt

SCRIPT = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject
from planner.ui import app, main_window, workers
seen = {"paint": None, "workers": []}
run = workers.Worker.run
def traced(self):
    seen["workers"].append(time.perf_counter())
    run(self)
workers.Worker.run = traced
def on_paint():
    if seen["paint"] is None:
        seen["paint"] = time.perf_counter()
""" + PAINT_HOOK + r"""
code = app.run(["--smoke", "--db", sys.argv[1]])
print(json.dumps({"code": code, **seen}))
"""


def test_no_worker_runs_before_the_first_paint(tmp_path: Path) -> None:
    out = run_app(tmp_path, SCRIPT)
    assert out["code"] == 0 and out["paint"] is not None
    assert out["workers"], "the project list is still loaded"
    assert min(out["workers"]) > out["paint"]


def test_held_workers_start_when_released_and_end_when_waited_for(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext
    from planner.ui.workers import Worker, wait_for_all

    ctx = AppContext(db)
    ran: list[str] = []
    gate = threading.Event()

    def job(progress, name):  # type: ignore[no-untyped-def]
        ran.append(name)
        return name

    ctx.hold_workers()
    first = ctx.start(Worker(job, "first"))
    ctx.start(Worker(job, "second"), database=True)
    qtbot.wait(50)
    assert ran == []  # held
    with qtbot.waitSignal(first.signals.finished, timeout=10000):
        ctx.release_workers()
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=10000)
    assert sorted(ran) == ["first", "second"]
    ctx.start(Worker(job, "not held"))  # released: no longer holding
    qtbot.waitUntil(lambda: len(ran) == 3, timeout=10000)

    ctx.hold_workers()
    late = ctx.start(Worker(lambda progress: progress.check() or gate.set()))
    ended: list[bool] = []
    late.signals.cancelled.connect(lambda: ended.append(True))
    ctx.wait_for_workers()  # a held worker is not left waiting: it is started, cancelled, and ends
    qtbot.waitUntil(lambda: ended == [True], timeout=10000)
    assert not gate.is_set()
    wait_for_all()


def test_later_calls_wait_for_the_release(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext

    ctx = AppContext(db)
    calls: list[str] = []
    ctx.later(lambda: calls.append("now"))  # nothing held: at once
    assert calls == ["now"]
    ctx.hold_workers()
    ctx.later(lambda: calls.append("first"))
    ctx.later(lambda: calls.append("second"))
    assert calls == ["now"]
    ctx.release_workers()
    assert calls == ["now", "first", "second"]
    ctx.release_workers()  # released once only
    assert calls == ["now", "first", "second"]
    ctx.hold_workers()
    ctx.later(lambda: calls.append("never"))
    ctx.wait_for_workers()  # closing before the first paint: nothing is built for a window that goes
    assert calls == ["now", "first", "second"]
