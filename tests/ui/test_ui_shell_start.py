"""Start-up: the smoke start paints and exits 0; open errors appear as a clear message box; first run
offers the demo data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.services import queries
from planner.store.database import open_database
from planner.ui import app as app_module
from planner.ui.file_actions import open_or_report

pytestmark = pytest.mark.qt


@pytest.fixture
def captured(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes shown (title, text) instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def fake(_parent, title, text, *_a, **_k):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, fake)
    return shown


def test_smoke_start_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(tmp_path / "home")}
    db_path = tmp_path / "smoke.db"
    run = subprocess.run([sys.executable, "-m", "planner", "--smoke", "--db", str(db_path)],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("first paint: ") and run.stdout.strip().endswith(" s")
    assert float(run.stdout.split()[2]) > 0
    db = open_database(db_path, read_only=True)
    db.close()


def test_smoke_demo_in_english(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-m", "planner", "--smoke", "--demo", "--lang", "en"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    assert "first paint:" in run.stdout


def test_not_a_planner_file(qapp, tmp_path: Path, captured) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    assert open_or_report(bad, None) is None
    [(title, text)] = captured
    assert title == "无法打开数据库"
    assert "不是报道策划数据库" in text and str(bad) in text
    assert bad.read_text(encoding="utf-8") == "这不是数据库"


def test_newer_schema_and_in_use(qapp, tmp_path: Path, captured) -> None:
    future = tmp_path / "future.db"
    open_database(future).close()
    con = sqlite3.connect(future)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    assert open_or_report(future, None, "en") is None
    assert "newer version" in captured[-1][1]
    busy = tmp_path / "busy.db"
    first = open_database(busy)
    try:
        assert open_or_report(busy, None) is None
        assert "正被另一个程序窗口使用" in captured[-1][1]
    finally:
        first.close()


def test_corrupt_file(qapp, demo_db_path: Path, captured) -> None:
    size = demo_db_path.stat().st_size
    with demo_db_path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 8192)
    assert open_or_report(demo_db_path, None) is None
    assert "损坏" in captured[-1][1] or "不是报道策划数据库" in captured[-1][1]


def test_run_reports_open_error_and_exits_1(qapp, tmp_path: Path, captured) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"garbage" * 100)
    assert app_module.run(["--smoke", "--db", str(bad)]) == 1
    assert captured and "不是报道策划数据库" in captured[-1][1]


def test_first_run_offers_the_demo(qapp, db, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from planner.ui.onboarding import FirstStartDialog

    assert db.created

    def choose_demo(dialog):
        from PySide6.QtWidgets import QLabel

        assert any(str(db.label) in label.text() for label in dialog.findChildren(QLabel))  # says which file
        dialog.demo_button.setChecked(True)
        dialog.next_step()
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    assert app_module.offer_start(db) == "demo"
    assert queries.counts(db)["outlets"] > 100 and queries.counts(db)["projects"] == 3
    monkeypatch.setattr(FirstStartDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert app_module.offer_start(db) == "empty"


def test_default_database_is_created_on_first_run(qapp, tmp_path: Path, monkeypatch) -> None:
    from planner.paths import default_database_path

    assert not default_database_path().exists()
    assert app_module.run(["--smoke"]) == 0  # (the printed time is checked in a fresh process above)
    assert default_database_path().is_file()


def test_restart_command_reopens_the_same_file(tmp_path: Path) -> None:
    cmd = app_module.restart_command(tmp_path / "a.db")
    assert cmd[0] == sys.executable and cmd[1:3] == ["-m", "planner"]
    assert cmd[-2:] == ["--db", str(tmp_path / "a.db")]
    assert app_module.restart_command(None)[-1] == "planner"
