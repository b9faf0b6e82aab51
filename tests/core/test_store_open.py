"""open_database: creation, checks that refuse without touching the file, locking, pragmas."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseInUseError,
    NotPlannerDatabaseError,
    SchemaTooNewError,
    error_text,
)
from planner.store.database import open_database
from planner.store.schema import HEAD


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_at_head_with_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    try:
        assert db.created
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert db.setting("app.id") == "joint-coverage-planner"
        assert len(db.setting("desk.id")) == 32
    finally:
        db.close()
    again = open_database(tmp_path / "new.db")
    assert not again.created
    again.close()


def test_current_schema_start_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    open_database(path).close()
    code = textwrap.dedent(f"""
        import sys
        from planner.store.database import open_database
        db = open_database({str(path)!r})
        db.close()
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库\n")
    before = digest(path)
    with pytest.raises(NotPlannerDatabaseError) as info:
        open_database(path)
    assert digest(path) == before
    assert "不是报道策划数据库" in error_text(info.value)


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotPlannerDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = digest(path)
    with pytest.raises(SchemaTooNewError) as info:
        open_database(path)
    assert digest(path) == before
    assert "9999_future" in error_text(info.value)
    assert not (tmp_path / "future.db.backups").exists()


def test_corrupt_file_is_refused_untouched(tmp_path: Path, demo_db_path: Path) -> None:
    path = demo_db_path
    size = path.stat().st_size
    assert size > 200_000
    with path.open("r+b") as fh:  # keep the header, smash pages in the middle
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 8192)
    before = digest(path)
    with pytest.raises((CorruptDatabaseError, NotPlannerDatabaseError)):
        open_database(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_after_an_early_check_too(demo_db_path: Path) -> None:
    """The app starts quick_check in a thread before opening; its answer must refuse just the same."""
    from planner.store import precheck

    size = demo_db_path.stat().st_size
    with demo_db_path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 8192)
    before = digest(demo_db_path)
    precheck.start(demo_db_path)
    with pytest.raises((CorruptDatabaseError, NotPlannerDatabaseError)):
        open_database(demo_db_path)
    assert digest(demo_db_path) == before


def test_early_check_is_used_only_while_the_file_is_unchanged(demo_db_path: Path, monkeypatch) -> None:
    from planner.store import precheck

    path = demo_db_path.resolve()
    precheck.start(path)
    assert precheck.take(path) == [("ok",)]
    assert precheck.take(path) is None  # an answer is used once

    precheck.start(path)
    precheck._checks[path].join()
    with sqlite3.connect(path) as con:  # another program writes after the check began
        con.execute("UPDATE setting SET value = value WHERE key = 'desk.id'")
        con.execute("CREATE TABLE scratch (x)")
    assert precheck.take(path) is None
    precheck.start(path.with_name("missing.db"))  # nothing to check: no thread, no answer
    assert precheck.take(path.with_name("missing.db")) is None

    ran = []
    precheck.start(path)
    real = precheck.take
    monkeypatch.setattr(precheck, "take", lambda p: ran.append(real(p)) or ran[-1])
    db = open_database(path)
    db.close()
    assert ran == [[("ok",)]]  # open_database used the early answer instead of checking again


def test_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    db = open_database(path)
    assert db.created
    db.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as info:
        open_database(tmp_path / "nope" / "x.db")
    assert "nope" in str(info.value)


def test_second_writer_in_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    first = open_database(path)
    try:
        with pytest.raises(DatabaseInUseError) as info:
            open_database(path)
        assert str(path) in error_text(info.value)
        reader = open_database(path, read_only=True)  # readers are welcome
        reader.close()
    finally:
        first.close()
    open_database(path).close()  # released on close


def test_second_process_gets_in_use_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from planner.store.database import open_database
            db = open_database({str(path)!r})
            print("open", flush=True)
            sys.stdin.readline()
            db.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        out = subprocess.run(
            [sys.executable, "-m", "planner.cli", "init", "--db", str(path)], capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 1
        assert "正被另一个程序窗口使用" in out.stderr
        assert "Traceback" not in out.stderr
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    open_database(path).close()


def test_read_only_refuses_writes_and_missing_files(tmp_path: Path, db) -> None:  # type: ignore[no-untyped-def]
    from planner.domain.errors import ValidationError
    from planner.services import outlets

    db.close()
    ro = open_database(db.path, read_only=True)
    try:
        with pytest.raises(ValidationError):
            outlets.create_outlet(ro, name="x", tier="county")
    finally:
        ro.close()
    with pytest.raises(DatabaseError):
        open_database(tmp_path / "absent.db", read_only=True)
