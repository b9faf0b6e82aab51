"""Replacing or deleting a database file happens only under its writer's lock (issue #10, item 1).

``planner-cli demo --db x.db --force`` while the app had ``x.db`` open printed "in use" — after
deleting ``x.db``, ``-wal`` and ``-shm``; the app's later writes were lost. Now every command that
replaces a file takes the lock first and deletes nothing when it cannot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.errors import DatabaseInUseError, NotPlannerDatabaseError, ValidationError, error_text
from planner.services import files, outlets, queries
from planner.store import backup
from planner.store.database import open_database

APP = textwrap.dedent("""
    import sys
    from planner.services import outlets
    from planner.store.database import open_database
    db = open_database(sys.argv[1])
    outlets.create_outlet(db, name="写在替换之前", tier="county")
    print("open", flush=True)
    sys.stdin.readline()          # the test runs the CLI now
    outlets.create_outlet(db, name="写在替换之后", tier="county")
    db.close()
    print("closed", flush=True)
""")


def test_demo_force_on_a_file_another_program_has_open_deletes_nothing(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    app = subprocess.Popen([sys.executable, "-c", APP, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert app.stdout.readline().strip() == "open"
        side = {p.name for p in tmp_path.iterdir()}
        assert {"x.db", "x.db-wal", "x.db-shm"} <= side
        code = main(["demo", "--db", str(path), "--force"])
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1 and "正被另一个程序窗口使用" in err
        assert {p.name for p in tmp_path.iterdir()} >= side  # nothing deleted, nothing half-built left
        assert not any(p.name.endswith(".building") for p in tmp_path.iterdir())
        app.stdin.write("\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "closed"
    finally:
        app.wait(30)
    with open_database(path) as db:
        assert {o.name for o in queries.list_outlets(db)} == {"写在替换之前", "写在替换之后"}


def test_demo_force_replaces_a_closed_file_after_backing_it_up(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    with open_database(path) as db:
        outlets.create_outlet(db, name="原来的单位", tier="county")
    assert main(["demo", "--db", str(path)]) == 1  # no --force: refused
    assert "已存在" in capsys.readouterr().err
    assert main(["demo", "--db", str(path), "--force"]) == 0
    with open_database(path) as db:
        names = {o.name for o in queries.list_outlets(db)}
    assert "原来的单位" not in names and len(names) > 100
    [kept] = backup.list_backups(path)
    assert kept.name.endswith("-before-replace.db")
    with open_database(kept, read_only=True) as old:
        assert [o.name for o in queries.list_outlets(old)] == ["原来的单位"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db", "x.db.backups", "x.db.lock"]


def test_restore_from_backup_waits_for_nobody_and_deletes_nothing_in_use(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    db = open_database(path)
    outlets.create_outlet(db, name="备份里的单位", tier="county")
    saved = files.backup_now(db, "manual")
    outlets.create_outlet(db, name="备份之后的单位", tier="county")
    before = path.read_bytes()
    with pytest.raises(DatabaseInUseError) as info:
        files.restore_backup(saved, path)  # the file is open (and locked) by `db`
    assert "in use" in error_text(info.value, "en")
    assert path.read_bytes() == before
    lock = db.close(keep_lock=True)  # what 文件 ▸ 从自动备份恢复 does: close, keep the lock
    assert lock is not None and lock.held
    files.restore_backup(saved, path, lock=lock)
    with open_database(path, lock=lock) as again:
        assert [o.name for o in queries.list_outlets(again)] == ["备份里的单位"]
    reasons = sorted(b.reason for b in files.list_backups(path))
    assert reasons == ["before-restore", "manual"]


def test_a_new_database_over_an_existing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    with open_database(path) as db:
        outlets.create_outlet(db, name="旧单位", tier="county")
    holder = open_database(path)
    try:
        with pytest.raises(DatabaseInUseError):
            files.new_database(path, replace_existing=True)
        assert [o.name for o in queries.list_outlets(holder)] == ["旧单位"]
    finally:
        holder.close()
    with pytest.raises(ValidationError) as info:
        files.new_database(path)
    assert "已存在" in error_text(info.value, "zh")
    with files.new_database(path, replace_existing=True) as fresh:
        assert fresh.created and queries.list_outlets(fresh) == []
    [old] = backup.list_backups(path)
    assert old.name.endswith("-before-replace.db")

    other = tmp_path / "notes.db"
    other.write_text("不是数据库")
    with files.new_database(other, replace_existing=True) as fresh:
        assert fresh.created
    moved = list(backup.backups_folder(other).iterdir())
    assert [p.read_text() for p in moved] == ["不是数据库"]  # kept aside, not deleted


def test_reopening_with_a_kept_lock_that_fails_releases_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    db = open_database(path)
    lock = db.close(keep_lock=True)
    path.write_text("damaged on purpose")
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with pytest.raises(NotPlannerDatabaseError):
        open_database(path, lock=lock)
    assert not lock.held
