"""Start-up on a file exactly as the app last closed it: no quick_check before the window, the full
check right after the first paint, and damage reported as the open-time check reports it."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.domain.errors import CorruptDatabaseError, PlannerError, error_text
from planner.store import clean_close
from planner.store.database import open_database
from tests.core.test_integrity_check import damage_an_index

pytestmark = pytest.mark.qt


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_pages(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 8192)


def start_window(qtbot, path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """What the app's start-up does with a trusted file: open it unchecked, show the window."""
    from planner.ui import file_actions, integrity_watch
    from planner.ui.context import AppContext
    from planner.ui.file_actions import FileActions

    reported: list[tuple[str, str]] = []
    exits: list[int] = []

    def critical(parent, title, text):  # type: ignore[no-untyped-def]
        reported.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(file_actions.QMessageBox, "critical", critical)
    monkeypatch.setattr(integrity_watch.QCoreApplication, "exit", lambda code=0: exits.append(code))
    db = file_actions.open_or_report(path, None, "zh", trust_clean_close=True)
    assert db is not None and db.unchecked
    ctx = AppContext(db)
    window = QWidget()
    window.resize(200, 100)
    qtbot.addWidget(window)
    actions = FileActions(ctx, window)
    actions.integrity.delay_ms = 600_000  # only the first paint can start the check in this test
    actions.integrity.schedule()
    return ctx, window, actions, reported, exits


def finish(ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.workers import wait_for_all

    ctx.wait_for_workers()
    wait_for_all()
    ctx.db.close()


def test_the_full_check_starts_at_the_first_paint_and_a_healthy_file_is_stamped_again(
        qtbot, demo_db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = demo_db_path.resolve()
    open_database(path).close()
    ctx, window, actions, reported, exits = start_window(qtbot, path, monkeypatch)
    assert actions.integrity.pending()
    with qtbot.waitSignal(actions.integrity.checked, timeout=60000) as blocker:
        window.show()
    assert blocker.args == [True] and not reported and not exits
    assert not ctx.db.unchecked and not actions.integrity.pending()
    finish(ctx)
    assert clean_close.matches(path)  # checked after the paint → stamped at the clean close


def test_a_damaged_file_with_a_forged_stamp_is_reported_as_opening_reports_it(
        qtbot, demo_db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = demo_db_path.resolve()
    open_database(path).close()
    damage_pages(path)
    with pytest.raises(PlannerError) as opening:  # what opening with the check says
        open_database(path)
    assert isinstance(opening.value, CorruptDatabaseError)
    clean_close.record(path)  # a stamp that matches the damaged file (forged, or the disk rotted)
    before = digest(path)
    ctx, window, actions, reported, exits = start_window(qtbot, path, monkeypatch)
    failures: list[object] = []
    actions.integrity.open_failed.connect(failures.append)
    with qtbot.waitSignal(actions.integrity.checked, timeout=60000) as blocker:
        window.show()
    assert blocker.args == [False]
    assert reported == [("无法打开数据库", error_text(opening.value, "zh"))]  # the same box, the same words
    assert exits == [1]  # … and the start-up ends, as it does when opening refuses the file
    assert type(failures[0]) is type(opening.value)
    assert ctx.db.writes_stopped
    finish(ctx)
    assert digest(path) == before  # nothing was written into it
    assert not clean_close.matches(path)  # and it is checked at the next open


def test_index_damage_behind_a_forged_stamp_stops_saving_as_before(
        qtbot, demo_db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.integrity_watch import IntegrityWatch

    path = demo_db_path.resolve()
    damage_an_index(path)  # quick_check passes, the full check does not
    clean_close.record(path)
    offered: list[str] = []
    monkeypatch.setattr(IntegrityWatch, "ask", lambda self, box: offered.append(box.text()))
    ctx, window, actions, reported, exits = start_window(qtbot, path, monkeypatch)
    with qtbot.waitSignal(actions.integrity.damaged, timeout=60000):
        window.show()
    assert not reported and not exits and offered and "已损坏" in offered[0]
    assert ctx.db.writes_stopped
    finish(ctx)
    assert not clean_close.matches(path)


TRACE = r"""
import sqlite3, sys, time
real = sqlite3.connect
def connect(*a, **k):
    con = real(*a, **k)
    def seen(sql):
        if "quick_check" in sql or "integrity_check" in sql:
            sys.stdout.write(f"SQL {sql}\n")
            sys.stdout.flush()
    con.set_trace_callback(seen)
    return con
sqlite3.connect = connect
from planner.ui import app, main_window
show = main_window.MainWindow.show
def shown(self):
    sys.stdout.write("SHOW\n")
    sys.stdout.flush()
    show(self)
main_window.MainWindow.show = shown
sys.exit(app.run(["--smoke", "--db", sys.argv[1]]))
"""


def test_the_app_checks_before_the_window_only_a_file_not_closed_cleanly(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db_path = tmp_path / "start.db"
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "home"))  # the app's and this test's stamps
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def run() -> list[str]:
        proc = subprocess.run([sys.executable, "-c", TRACE, str(db_path)], capture_output=True, text=True,
                              env=env, timeout=180)
        assert proc.returncode == 0, proc.stderr[-2000:]
        # the worker's lines may land inside the main thread's (print writes the text and the
        # newline apart): find the markers, not lines
        return re.findall(r"SHOW|SQL PRAGMA \w+(?:\(\d+\))?", proc.stdout)

    runs = [run(), run()]
    # made by the first run (nothing to check), stamped when it closed; the second opens it unchecked
    # and runs the full check after its first paint
    assert runs[1][0] == "SHOW", runs[1]
    assert runs[1][1:] == ["SQL PRAGMA integrity_check(20)"], runs[1]
    with open_database(db_path) as db:  # a clean close elsewhere (the command line) stamps it too
        assert db.setting("app.id")
    assert run() == ["SHOW", "SQL PRAGMA integrity_check(20)"]
    import sqlite3

    with sqlite3.connect(db_path) as con:  # another program writes: checked before the window
        con.execute("CREATE TABLE scratch (x)")
    con.close()
    lines = run()
    assert lines[:2] == ["SQL PRAGMA quick_check", "SHOW"], lines
