"""Opening a planner database on a shared server (PostgreSQL) from a SQLAlchemy URL."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from planner.domain.errors import DatabaseError, NotPlannerDatabaseError, SchemaTooNewError
from planner.store.database import Database, write_head_facts
from planner.store.schema import APP_ID, HEAD, REVISIONS

_MIGRATION_LOCK = 424242  # pg_advisory_xact_lock key: one migrating client at a time


def open_server(url: str, *, read_only: bool = False) -> Database:
    try:
        engine = create_engine(url, pool_pre_ping=True)
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            tables = set(inspect(conn).get_table_names())
            db = Database(url=url, engine=engine, read_only=read_only)
            if not tables:
                if read_only:
                    raise NotPlannerDatabaseError(path=db.label)
                from planner.store.models import metadata

                metadata.create_all(conn)
                write_head_facts(conn)
                db.created = True
            else:
                if not {"alembic_version", "setting"} <= tables:
                    raise NotPlannerDatabaseError(path=db.label)
                app = conn.execute(text("SELECT value FROM setting WHERE key='app.id'")).scalar()
                if app != APP_ID:
                    raise NotPlannerDatabaseError(path=db.label)
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if revision not in REVISIONS:
                    raise SchemaTooNewError(path=db.label, found=revision)
                if revision != HEAD:
                    if read_only:
                        raise DatabaseError("schema_needs_upgrade", path=db.label)
                    from planner.store.migrate import run_upgrade

                    run_upgrade(conn)
                    db.migrated_from = revision
    except SQLAlchemyError as exc:
        raise DatabaseError(path=url.split("@")[-1], detail=str(getattr(exc, "orig", exc))[:300]) from None
    db.reload_settings()
    return db
