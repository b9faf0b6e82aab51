"""The core services on PostgreSQL: every entity, validation errors, delete+restore, cycles, locking.

Skipped unless ``PLANNER_TEST_PG_URL`` points at a server (``.ci/setup-postgres`` prints one); each
test gets its own new database on that server.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import create_engine, inspect, text

from planner.domain.errors import (
    CycleError,
    DuplicateError,
    IllegalTransitionError,
    StaleError,
    ValidationError,
)
from planner.services import alliances, assignments, history, outlets, people, projects, stages
from planner.services.queries import counts, load_plan
from planner.store.database import open_database
from tests.exchange.conftest import dump

pytestmark = pytest.mark.postgres


def _world(db):  # type: ignore[no-untyped-def]
    o1 = outlets.create_outlet(db, name="四川日报报业集团", tier="provincial", adcode="510000", formats=["text", "photo"]).row
    o2 = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county", adcode="500153", parent_id=None).row
    al = alliances.create_alliance(db, name="川渝九地媒体联盟", kind="regional").row
    alliances.add_member(db, alliance_id=al.id, outlet_id=o1.id, role="founder")
    alliances.add_member(db, alliance_id=al.id, outlet_id=o2.id)
    p1 = people.create_person(db, outlet_id=o1.id, name="张三", role="reporter").row
    pr = projects.create_project(db, title="巴蜀陶韵", kind="culture_tourism", starts_on="2025-04-22",
                                 ends_on="2025-05-30", lead_outlet_id=o1.id).row
    s1 = stages.create_stage(db, project_id=pr.id, title="隆昌", starts_at="2025-04-22 09:00",
                             ends_at="2025-04-22 12:00").row
    s2 = stages.create_stage(db, project_id=pr.id, title="荣昌", depends_on=[s1.id]).row
    a1 = assignments.create_assignment(db, stage_id=s1.id, outlet_id=o1.id, role="lead", format="text",
                                       person_ids=[p1.id], due_at="2025-04-22 18:00").row
    return {"o1": o1, "o2": o2, "al": al, "p1": p1, "pr": pr, "s1": s1, "s2": s2, "a1": a1}


def test_schema_matches_models_and_head(pg_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from planner.store.models import metadata
    from planner.store.schema import HEAD

    assert pg_db.created and not pg_db.is_sqlite
    with pg_db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []


def test_alembic_migrations_run_on_postgres(pg_url):
    """An old-revision database on the server is migrated to head by open_database."""
    from planner.store.migrate import run_upgrade
    from planner.store.schema import HEAD, REVISIONS

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        run_upgrade(conn, REVISIONS[0])
        conn.execute(text("INSERT INTO setting (key, value) VALUES ('app.id', 'joint-coverage-planner')"))
    engine.dispose()
    db = open_database(pg_url)
    try:
        assert db.migrated_from == REVISIONS[0]
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            names = {i["name"] for i in inspect(conn).get_indexes("assignment")}
        assert "ix_assignment_due_at" in names
    finally:
        db.close()


def test_every_entity_and_the_plan(pg_db):
    w = _world(pg_db)
    assert counts(pg_db) == {"outlets": 2, "alliances": 1, "people": 1, "projects": 1, "stages": 2, "assignments": 1}
    plan = load_plan(pg_db, w["pr"].id)
    assert [s.title for s in plan.stages] == ["隆昌", "荣昌"]
    assert plan.stages[1].depends_on == (w["s1"].id,)
    assert plan.assignments[0].person_ids == (w["p1"].id,)
    assert plan.stages[0].starts_at == w["s1"].starts_at


def test_validation_errors_leave_the_server_unchanged(pg_db):
    w = _world(pg_db)
    before = dump(pg_db)
    cases = [
        (DuplicateError, lambda: outlets.create_outlet(pg_db, name="四川日报报业集团", tier="provincial")),
        (ValidationError, lambda: outlets.create_outlet(pg_db, name="  ", tier="county")),
        (ValidationError, lambda: outlets.create_outlet(pg_db, name="X", tier="galactic")),
        (ValidationError, lambda: outlets.create_outlet(pg_db, name="Y", tier="county", adcode="999999")),
        (ValidationError, lambda: projects.create_project(pg_db, title="Z", starts_on="2025-05-01", ends_on="2025-04-01")),
        (DuplicateError, lambda: stages.create_stage(pg_db, project_id=w["pr"].id, title="隆昌")),
        (ValidationError, lambda: people.create_person(pg_db, outlet_id=w["o1"].id, name="李四", role="reporter",
                                                       email="not-mail")),
        (ValidationError, lambda: assignments.create_assignment(pg_db, stage_id=w["s1"].id, outlet_id=w["o2"].id,
                                                                role="support", format="photo", person_ids=[w["p1"].id])),
        (IllegalTransitionError, lambda: assignments.set_status(pg_db, w["a1"].id, status="planned")),
        (ValidationError, lambda: assignments.set_status(pg_db, w["a1"].id, status="declined")),
        (CycleError, lambda: stages.add_dependency(pg_db, stage_id=w["s1"].id, depends_on=w["s2"].id)),
        (ValidationError, lambda: stages.add_dependency(pg_db, stage_id=w["s1"].id, depends_on=w["s1"].id)),
    ]
    for error, call in cases:
        with pytest.raises(error):
            call()
        assert dump(pg_db) == before


def test_delete_and_restore_keep_ids(pg_db):
    w = _world(pg_db)
    before = dump(pg_db)
    removed = stages.delete_stage(pg_db, w["s1"].id)
    plan = load_plan(pg_db, w["pr"].id)
    assert [s.title for s in plan.stages] == ["荣昌"] and not plan.assignments
    history.restore(pg_db, removed)
    plan = load_plan(pg_db, w["pr"].id)
    assert {s.id for s in plan.stages} == {w["s1"].id, w["s2"].id}
    assert plan.assignments[0].id == w["a1"].id and plan.assignments[0].person_ids == (w["p1"].id,)
    after = dump(pg_db)
    assert {t: after[t] for t in ("stage", "assignment", "assignment_person", "stage_dependency")} == \
        {t: before[t] for t in ("stage", "assignment", "assignment_person", "stage_dependency")}


def test_two_sessions_editing_one_assignment_get_a_stale_error(pg_url):
    """Two editors (two connections) read version 1; the second write is refused, not lost."""
    first, second = open_database(pg_url), open_database(pg_url)
    try:
        w = _world(first)
        seen_by_first = load_plan(first, w["pr"].id).assignments[0]
        seen_by_second = load_plan(second, w["pr"].id).assignments[0]
        assert seen_by_first.version == seen_by_second.version == 1
        assignments.update_assignment(first, w["a1"].id, expected_version=seen_by_first.version, brief="第一位编辑")
        with pytest.raises(StaleError):
            assignments.update_assignment(second, w["a1"].id, expected_version=seen_by_second.version, brief="第二位")
        row = load_plan(second, w["pr"].id).assignments[0]
        assert row.brief == "第一位编辑" and row.version == 2
    finally:
        first.close()
        second.close()


def test_concurrent_transactions_cannot_both_win(pg_url):
    """Even without an expected version, the UPDATE … WHERE version = ? guard refuses a racing write."""
    import threading

    from planner.domain.enums import Entity
    from planner.services.unit import unit

    first, second = open_database(pg_url), open_database(pg_url)
    try:
        w = _world(first)
        inside = threading.Event()
        release = threading.Event()
        errors: list[Exception] = []

        def slow_writer() -> None:
            try:
                with unit(first) as tx:
                    tx.update(Entity.ASSIGNMENT, w["a1"].id, {"notes": "慢"}, None)
                    inside.set()
                    release.wait(10)
            except Exception as exc:
                errors.append(exc)

        t = threading.Thread(target=slow_writer)
        t.start()
        assert inside.wait(10)
        # the second writer read version 1 before the first commits; its UPDATE waits, then matches no row
        with unit(second) as tx:
            obj = tx.get(Entity.ASSIGNMENT, w["a1"].id)
            assert obj.version == 1
        releaser = threading.Timer(0.5, release.set)
        releaser.start()
        with pytest.raises(StaleError):
            assignments.update_assignment(second, w["a1"].id, expected_version=1, notes="快")
        t.join(10)
        assert not errors
        row = load_plan(second, w["pr"].id).assignments[0]
        assert row.notes == "慢" and row.version == 2
    finally:
        first.close()
        second.close()


def test_bundle_between_sqlite_and_postgres(demo_db, pg_db, tmp_path):
    from planner.services.exchange import export_bundle, import_bundle
    from planner.services.queries import list_projects

    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "a.jcp")
    assert import_bundle(pg_db, tmp_path / "a.jcp").written
    local = lambda rows: [dataclasses.replace(r, version=0, updated_at=None) for r in rows]  # noqa: E731
    assert local(load_plan(pg_db, project.id).assignments) == local(load_plan(demo_db, project.id).assignments)
    before = dump(pg_db)
    assert not import_bundle(pg_db, tmp_path / "a.jcp").written
    assert dump(pg_db) == before
    export_bundle(pg_db, project.id, tmp_path / "b.jcp")
    assert not import_bundle(demo_db, tmp_path / "b.jcp").written
