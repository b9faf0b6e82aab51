"""The open-time quick_check is left out only for a file exactly as this program's last clean close
left it (``planner.store.clean_close``); any change, another file, a leftover log, or a crash
brings it back."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.store import clean_close
from planner.store import database as database_module
from planner.store.database import open_database


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ``PRAGMA quick_check`` the opening code runs (on its own sqlite3 connections)."""
    seen: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        con = real_connect(*args, **kwargs)
        con.set_trace_callback(lambda sql: seen.append(sql) if "quick_check" in sql else None)
        return con

    monkeypatch.setattr(database_module.sqlite3, "connect", connect)
    return seen


def closed_cleanly(path: Path) -> Path:
    open_database(path).close()
    assert clean_close.matches(path)
    return path


def opens_unchecked(path: Path, checks: list[str]) -> bool:
    checks.clear()
    db = open_database(path, trust_clean_close=True)
    try:
        assert db.unchecked == (not checks)
        return db.unchecked
    finally:
        db.close()


def test_a_file_as_it_was_closed_opens_without_the_check(demo_db_path: Path, checks: list[str]) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    assert opens_unchecked(path, checks)
    # closing an unchecked file leaves no stamp: the next open checks (the app checks after its paint)
    assert not clean_close.matches(path)
    assert not opens_unchecked(path, checks)
    assert checks == ["PRAGMA quick_check"]
    assert clean_close.matches(path)  # checked at open → stamped at the clean close
    checks.clear()
    open_database(path).close()  # without trust_clean_close (command line, File ▸ Open): always checked
    assert checks == ["PRAGMA quick_check"]


def test_a_written_file_is_checked(demo_db_path: Path, checks: list[str]) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    with sqlite3.connect(path) as con:  # another program writes
        con.execute("UPDATE setting SET value = value WHERE key = 'desk.id'")
        con.execute("CREATE TABLE scratch (x)")
    con.close()
    assert not opens_unchecked(path, checks)


def test_an_appended_file_is_checked(demo_db_path: Path, checks: list[str]) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    st = path.stat()
    with path.open("ab") as fh:
        fh.write(b"\0" * 4096)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # even with the old modification time
    assert not opens_unchecked(path, checks)


def test_a_replaced_file_is_checked(demo_db_path: Path, checks: list[str]) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    copy = path.with_name("copy.db")
    shutil.copy2(path, copy)  # same bytes, same size and modification time: another file
    os.replace(copy, path)
    assert path.stat().st_mtime_ns == clean_close._read()[str(path)][1]
    assert not opens_unchecked(path, checks)


def test_an_edited_file_gets_a_new_stamp_at_its_clean_close(demo_db_path: Path, checks: list[str]) -> None:
    from planner.services import outlets

    path = closed_cleanly(demo_db_path.resolve())
    before = clean_close._read()[str(path)]
    with open_database(path) as db:
        outlets.create_outlet(db, name="关闭前写入", tier="county")
    assert clean_close._read()[str(path)] != before
    assert not path.with_name(path.name + "-wal").exists()
    assert opens_unchecked(path, checks)


def test_a_leftover_log_is_checked(demo_db_path: Path, checks: list[str]) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    stamp = clean_close._read()[str(path)]
    con = sqlite3.connect(path)  # another program's write still in the log, not yet in the file
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE scratch (x)")
    con.commit()
    try:
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        assert (path.stat().st_size, path.stat().st_mtime_ns) == tuple(stamp[:2])
        assert not clean_close.matches(path)
    finally:
        con.close()


def test_after_a_crash_the_file_is_checked(demo_db_path: Path, checks: list[str], tmp_path: Path) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    crash = textwrap.dedent(f"""
        import os
        from planner.store.database import open_database
        db = open_database({str(path)!r}, trust_clean_close=True)
        assert db.unchecked
        os._exit(9)  # killed: no clean close
    """)
    proc = subprocess.run([sys.executable, "-c", crash], env={**os.environ}, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 9, proc.stderr[-2000:]
    assert not clean_close.matches(path)  # opening took the stamp away; nobody put it back
    assert not opens_unchecked(path, checks)


def test_a_damaged_or_unchecked_file_gets_no_stamp(demo_db_path: Path) -> None:
    path = closed_cleanly(demo_db_path.resolve())
    db = open_database(path)
    db.stop_writes("integrity")  # the full check found damage
    db.close()
    assert not clean_close.matches(path)
    db = open_database(path, read_only=True)  # a reader never stamps
    db.close()
    assert not clean_close.matches(path)


def test_a_file_to_migrate_is_checked_even_with_a_stamp(tmp_path: Path, checks: list[str]) -> None:
    old = Path(__file__).resolve().parents[1] / "data"
    source = sorted(old.glob("schema-*-demo.db"))[0]
    path = (tmp_path / "old.db").resolve()
    shutil.copy(source, path)
    clean_close.record(path)  # as if this program had closed it (an older version of it)
    assert clean_close.matches(path)
    db = open_database(path, trust_clean_close=True)
    try:
        assert db.migrated_from is not None and not db.unchecked
        assert "PRAGMA quick_check" in checks
    finally:
        db.close()


def test_the_stamps_file_is_bounded_and_a_broken_one_is_no_stamp(tmp_path: Path) -> None:
    paths = []
    for i in range(clean_close.MAX_FILES + 5):
        p = tmp_path / f"f{i}.db"
        p.write_bytes(b"x")
        assert clean_close.record(p)
        paths.append(p)
    data = clean_close._read()
    assert len(data) == clean_close.MAX_FILES and str(paths[-1]) in data and str(paths[0]) not in data
    clean_close._store().write_text("{not json", encoding="utf-8")
    assert not clean_close.matches(paths[-1])
    assert clean_close.record(paths[-1]) and clean_close.matches(paths[-1])


def test_a_file_built_aside_leaves_no_stamp_under_its_building_name(tmp_path: Path) -> None:
    from planner.store.replace import build_database

    target = tmp_path / "new.db"
    build_database(target, lambda db: None)
    assert target.exists()
    assert not any(name.endswith(".building") for name in clean_close._read())
