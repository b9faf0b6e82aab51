"""Alembic: the revision list the start-up check uses, and migrations equal to the models."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from planner.store.migrate import MIGRATIONS_DIR, alembic_config, run_upgrade
from planner.store.models import metadata
from planner.store.schema import HEAD, REVISIONS


def test_revision_list_matches_scripts() -> None:
    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        script = ScriptDirectory.from_config(alembic_config(conn))
        history = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(history) == REVISIONS
    assert script.get_current_head() == HEAD


def test_migrating_from_nothing_gives_the_models_schema(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        run_upgrade(conn)
        conn.commit()
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diffs == []


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("0001_*.py"))


FIXTURE = Path(__file__).resolve().parents[1] / "data" / "schema-0001-demo.db"


def _copy_fixture(tmp_path: Path) -> Path:
    import shutil

    dest = tmp_path / "old.db"
    shutil.copy(FIXTURE, dest)
    return dest


def _counts(path: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("outlet", "alliance", "membership", "person", "project", "stage", "assignment", "change_log")}
    finally:
        con.close()


def test_committed_old_database_is_backed_up_then_migrated(tmp_path: Path) -> None:
    import sqlite3

    from planner.store.database import open_database

    path = _copy_fixture(tmp_path)
    before = _counts(path)
    db = open_database(path)
    try:
        assert db.migrated_from == "0001_initial"
        assert db.backup_path is not None and db.backup_path.is_file()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
            indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list('assignment')")}
            assert {"ix_assignment_due_at", "ix_assignment_status_due"} <= indexes
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        from planner.services import queries

        assert queries.resolve_project(db, "YKGT-2026").title == "渝昆高铁川渝段开通联合报道"
    finally:
        db.close()
    assert _counts(path) == before
    backup = sqlite3.connect(db.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    backup.close()
    again = open_database(path)  # already current: no second backup
    assert again.migrated_from is None
    again.close()


def test_failed_migration_restores_the_original(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from planner.domain.errors import MigrationError
    from planner.store import migrate
    from planner.store.database import open_database

    path = _copy_fixture(tmp_path)
    before = _counts(path)

    def broken(conn, target="head"):  # type: ignore[no-untyped-def]
        run_upgrade(conn, target)
        conn.exec_driver_sql("DELETE FROM outlet")  # damage, then fail half-way
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "run_upgrade", broken)
    with pytest.raises(MigrationError) as info:
        open_database(path)
    assert "disk full" in str(info.value)
    assert _counts(path) == before
    import sqlite3

    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    con.close()
    monkeypatch.undo()
    db = open_database(path)  # the restored file still migrates cleanly
    assert db.migrated_from == "0001_initial"
    db.close()


OLD_DATABASES = sorted((Path(__file__).resolve().parents[1] / "data").glob("schema-*-demo.db"))


def test_every_schema_of_a_release_has_a_committed_database() -> None:
    """Each revision that users' files may hold has a demo database here (schema-<rev>-demo.db)."""
    committed = {p.name.split("-")[1] for p in OLD_DATABASES}
    assert {rev.split("_")[0] for rev in REVISIONS[:2]} <= committed


@pytest.mark.parametrize("fixture", OLD_DATABASES, ids=lambda p: p.name)
def test_each_committed_database_opens_at_head_with_its_data(tmp_path: Path, fixture: Path) -> None:
    import shutil

    from planner.services import queries
    from planner.store.database import open_database

    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = _counts(path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert queries.resolve_project(db, "YKGT-2026").title == "渝昆高铁川渝段开通联合报道"
    finally:
        db.close()
    assert _counts(path) == before
