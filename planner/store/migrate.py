"""Backup-then-migrate with Alembic. Imported only when a database actually needs upgrading."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection

from planner.atomic import fsync_folder
from planner.domain.errors import DiskFullError, MigrationError, PlannerError
from planner.store.backup import backup_to, make_backup
from planner.store.failures import free_bytes, is_disk_full

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def run_upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), target)


def upgrade_sqlite(db, from_revision: str) -> Path:  # type: ignore[no-untyped-def]
    """Back ``db`` up, then migrate it to head with foreign keys off; restore the backup on failure.

    Runs under the file's writer lock (taken by ``open_database``). Without room for the backup
    and the rebuilt tables it refuses with :class:`DiskFullError` before writing anything; if the
    migration fails anyway, the original is put back from the backup, and no ``.part`` or
    ``.restoring`` file is left behind.
    """
    path: Path = db.path
    _check_room(path)
    backup = make_backup(path, f"before-upgrade-from-{from_revision}")
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _fk_off(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")

    try:
        with engine.connect() as conn:
            run_upgrade(conn)
            conn.commit()
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed: {problems[:3]}")
    except Exception as exc:
        engine.dispose()
        db.engine.dispose()
        try:
            _put_back(backup, path)
        except (PlannerError, OSError):
            # The original is safe in the backup; say where it is.
            raise MigrationError(path=str(path), detail=str(exc)[:300], backup=str(backup)) from None
        if is_disk_full(exc, path):
            raise DiskFullError(path=str(path)) from None
        raise MigrationError(path=str(path), detail=str(exc)[:300], backup=str(backup)) from None
    finally:
        engine.dispose()
    return backup


#: Room a migration needs beyond twice the file's size (the backup, and the tables the batch mode
#: rebuilds beside the old ones, through the write-ahead log).
_MARGIN = 1024 * 1024


def _check_room(path: Path) -> None:
    size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    free = free_bytes(path)
    if free is not None and free < 2 * size + _MARGIN:
        raise DiskFullError(path=str(path))


def _put_back(backup: Path, path: Path) -> None:
    restoring = path.with_name(path.name + ".restoring")
    try:
        backup_to(backup, restoring)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        restoring.replace(path)
        fsync_folder(path.parent)
    finally:
        restoring.unlink(missing_ok=True)
