"""Backup-then-migrate with Alembic. Imported only when a database actually needs upgrading."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection

from planner.domain.errors import MigrationError
from planner.store.backup import backup_to, make_backup

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
    """Back ``db`` up, then migrate it to head with foreign keys off; restore the backup on failure."""
    path: Path = db.path
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
        backup_to(backup, path.with_name(path.name + ".restoring"))
        path.with_name(path.name + ".restoring").replace(path)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise MigrationError(path=str(path), detail=str(exc)[:300], backup=str(backup)) from None
    finally:
        engine.dispose()
    return backup
