"""A full disk says so — on open, import, merge, migration, export and demo — and leaves nothing
half-written (issue #10, item 4).

It used to be reported as "已损坏…请从备份恢复" for a healthy file (following that advice loses
recent work), and migration, merge and ``demo`` left ``*.part`` files or an unopenable file.
Each case runs on a real, small tmpfs where the machine allows mounting one (root on Linux), and
the same paths run everywhere with an injected ``OSError(ENOSPC)`` or SQLite's ``SQLITE_FULL``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import event

from planner.cli import main
from planner.domain.errors import DatabaseError, DiskFullError, error_text
from planner.services import files, outlets, queries
from planner.services.importing import import_outlets
from planner.store.database import open_database
from tests.core.conftest import dump_file

DATA = Path(__file__).resolve().parents[1] / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def says_disk_full(err: BaseException) -> None:
    assert isinstance(err, DiskFullError), repr(err)
    assert "磁盘空间不足" in error_text(err, "zh") and "已损坏" not in error_text(err, "zh")
    assert "Not enough disk space" in error_text(err, "en")


def leftovers(folder: Path) -> list[str]:
    """Half-written files: temporary parts, restoring copies, files being built."""
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".part", ".restoring", ".building"))
                  or p.name.startswith(".~"))


# -- a real small disk ----------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):  # type: ignore[no-untyped-def]
    """A folder on its own 8 MB tmpfs (skips where mounting is not allowed)."""
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


class Filler:
    """Takes up a disk's free space, leaving ``leave`` bytes; ``release()`` gives it back."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"filler-{uuid.uuid4().hex[:6]}"

    def fill(self, leave: int = 0) -> None:
        try:
            fh = self.path.open("ab")
        except OSError as exc:  # seen under load: the disk so full that not even the filler is created
            assert exc.errno == errno.ENOSPC
            return
        with fh:
            block = b"\0" * 65536
            try:
                while True:
                    fh.write(block)
                    fh.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        try:
            if leave:
                size = self.path.stat().st_size
                os.truncate(self.path, max(0, size - leave))
        except OSError:
            pass

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def _demo_on(folder: Path, template: Path) -> Path:
    """A copy of the demo database (one closed file, no -wal/-shm) on the small disk."""
    path = folder / "plan.db"
    shutil.copy(template, path)
    return path


def test_opening_on_a_full_disk_says_disk_full_not_damaged(small_disk, demo_template) -> None:  # type: ignore[no-untyped-def]
    path = _demo_on(small_disk, demo_template)
    with open_database(path) as db:
        outlets.create_outlet(db, name="满盘前写入", tier="county")
    for suffix in ("-wal", "-shm"):
        assert not (small_disk / f"plan.db{suffix}").exists()  # closed cleanly: opening must create -shm
    before = digest(path)
    filler = Filler(small_disk)
    filler.fill()
    with pytest.raises(DiskFullError) as info:
        open_database(path)
    says_disk_full(info.value)
    assert digest(path) == before
    filler.release()
    with open_database(path) as db:  # the file was never damaged
        assert "满盘前写入" in {o.name for o in queries.list_outlets(db)}


def test_an_import_on_a_full_disk_changes_nothing(small_disk, demo_template, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _demo_on(small_disk, demo_template)
    roster = tmp_path / "roster.csv"
    roster.write_text("名称,层级,备注\n" + "".join(f"导入单位{i},县级,{'备注' * 2000}\n" for i in range(400)),
                      encoding="utf-8")
    db = open_database(path)
    try:
        before = dump_file(path)
        filler = Filler(small_disk)
        filler.fill(leave=64 * 1024)
        with pytest.raises(DiskFullError) as info:
            import_outlets(db, roster)
        says_disk_full(info.value)
        with pytest.raises(DiskFullError):  # the automatic backup the app makes first
            files.backup_now(db, "before-import")
        filler.release()
        assert dump_file(path) == before
        assert leftovers(small_disk) == []
        outlets.create_outlet(db, name="空间腾出之后", tier="county")  # and work goes on
    finally:
        db.close()


def test_a_merge_on_a_full_disk_changes_nothing(small_disk, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.services.exchange import export_bundle, import_bundle

    project = next(p.project for p in queries.list_projects(demo_db) if p.project.code == "YKGT-2026")
    bundle = tmp_path / "p.jcp"
    export_bundle(demo_db, project.id, bundle)
    path = small_disk / "desk.db"
    db = open_database(path)
    try:
        before = dump_file(path)
        filler = Filler(small_disk)
        filler.fill(leave=16 * 1024)
        with pytest.raises(DiskFullError) as info:
            import_bundle(db, bundle, prefer="theirs")
        says_disk_full(info.value)
        filler.release()
        assert dump_file(path) == before
        assert leftovers(small_disk) == []
    finally:
        db.close()


def test_a_migration_on_a_full_disk_is_refused_before_writing(small_disk) -> None:  # type: ignore[no-untyped-def]
    path = small_disk / "old.db"
    shutil.copy(DATA / "schema-0001-demo.db", path)
    before = digest(path)
    filler = Filler(small_disk)
    filler.fill(leave=1536 * 1024)  # room for the backup, not for the rebuilt tables
    with pytest.raises(DiskFullError) as info:
        open_database(path)
    says_disk_full(info.value)
    assert digest(path) == before
    assert leftovers(small_disk) == []
    assert not any((small_disk / "old.db.backups").glob("*")) if (small_disk / "old.db.backups").exists() else True
    filler.release()
    with open_database(path) as db:
        assert db.migrated_from == "0001_initial"


def test_exports_on_a_full_disk_leave_no_file(small_disk, demo_db) -> None:  # type: ignore[no-untyped-def]
    from planner.export.tables import write_table
    from planner.services.queries import load_plan

    project = next(p.project for p in queries.list_projects(demo_db) if p.project.code == "YKGT-2026")
    plan = load_plan(demo_db, project.id)
    out = small_disk / "out"
    out.mkdir()
    filler = Filler(small_disk)
    filler.fill(leave=2048)
    for name in ("tasks.xlsx", "tasks.csv"):
        with pytest.raises(DiskFullError) as info:
            write_table(plan, out / name)
        says_disk_full(info.value)
    with pytest.raises(DiskFullError):
        files.save_copy(demo_db, out / "copy.db")
    assert list(out.iterdir()) == []
    filler.release()


def test_demo_on_a_full_disk_leaves_no_unopenable_file(small_disk, capsys) -> None:  # type: ignore[no-untyped-def]
    path = small_disk / "demo.db"
    filler = Filler(small_disk)
    filler.fill(leave=256 * 1024)
    code = main(["demo", "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "磁盘空间不足" in err
    assert not path.exists() and leftovers(small_disk) == []
    filler.release()


# -- injected: the same paths on any machine ----------------------------------------------------
def test_sqlite_full_inside_a_transaction_is_disk_full(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    """SQLITE_FULL (``max_page_count`` reached) in the middle of an import rolls it all back."""
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    db.engine.dispose()
    roster = tmp_path / "r.csv"
    roster.write_text("名称,层级,备注\n" + "".join(f"单位{i},县级,{'长' * 2000}\n" for i in range(200)),
                      encoding="utf-8")
    before = dump()
    with pytest.raises(DiskFullError) as info:
        import_outlets(db, roster)
    says_disk_full(info.value)
    assert dump() == before


def test_no_space_while_exporting_is_disk_full(demo_db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import planner.export.tables as tables
    from planner.services.queries import load_plan

    project = queries.list_projects(demo_db)[0].project
    plan = load_plan(demo_db, project.id)

    def no_space(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tables.csv, "writer", no_space)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DiskFullError) as info:
        tables.write_table(plan, out / "t.csv")
    says_disk_full(info.value)
    assert list(out.iterdir()) == []


def test_an_io_error_on_a_nearly_full_disk_is_disk_full_when_opening(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import planner.store.database as database
    import planner.store.failures as failures

    path = tmp_path / "x.db"
    open_database(path).close()
    real = sqlite3.connect

    def failing(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "mode=ro" in str(target):
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE: what a full disk gives for the -shm
            raise exc
        return real(target, *args, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", failing)
    monkeypatch.setattr(failures, "free_bytes", lambda _p: 4096)
    with pytest.raises(DiskFullError) as info:
        open_database(path)
    says_disk_full(info.value)
    monkeypatch.setattr(failures, "free_bytes", lambda _p: 10 ** 10)  # plenty of room: not "full", not "damaged"
    with pytest.raises(DatabaseError) as other:
        open_database(path)
    assert "已损坏" not in error_text(other.value, "zh") and "disk I/O error" in error_text(other.value, "en")


def test_the_cli_reports_a_full_disk_in_one_line(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import planner.store.replace as replace

    def full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(replace, "_install", full)
    path = tmp_path / "demo.db"
    assert main(["--lang", "en", "demo", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Not enough disk space" in err
    assert not path.exists() and leftovers(tmp_path) == []
