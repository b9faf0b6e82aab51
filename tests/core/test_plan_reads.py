"""Opening a project reads its plan through statements compiled once (``queries.load_plan``): the
people and outlets by their ids bound as one value, the assignments' notes by a subquery of the
project. The plan must be exactly what the plain per-call queries read (the reference below is the
read before that change), on the demo, on a synthetic database and in the edge cases: a coordinator
and lead outlet with no assignment, notes, a project with no assignments."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pytest

from planner.domain.rows import ProjectPlan
from planner.services import assignments, notes, outlets, people, projects, queries, stages
from planner.services.availability import unavailable_during
from planner.store import convert
from planner.store.models import Person


def reference_plan(db: Any, project_id: uuid.UUID) -> ProjectPlan:
    """The plan as the plain queries read it: IN lists of the ids read before, one call each."""
    project = queries.get_project(db, project_id)
    plan_stages = queries.load_stages(db, project_id)
    rows = queries.load_assignments(db, project_id=project_id)
    outlet_ids = {a.outlet_id for a in rows} | ({project.lead_outlet_id} if project.lead_outlet_id else set())
    people_ids = {p for a in rows for p in a.person_ids} | ({project.coordinator_id} if project.coordinator_id else set())
    with db.reader() as s:
        found = [convert.person_row(r._mapping) for r in s.execute(
            Person.__table__.select().where(Person.id.in_(people_ids) | Person.outlet_id.in_(outlet_ids)))]  # type: ignore[attr-defined]
    plan_people = {p.id: p for p in found}
    outlet_ids |= {p.outlet_id for p in found if p.outlet_id is not None}
    plan_outlets = {o.id: o for o in queries.list_outlets(db, ids=list(outlet_ids))}
    order = {st.id: st.position for st in plan_stages}
    rows.sort(key=lambda a: (order.get(a.stage_id, 0), a.role != "lead", str(a.outlet_id)))
    threads = notes.project_threads(db, project_id, stages=False)
    rows = [replace(a, notes=notes.with_thread(a.notes, threads[a.id])) if a.id in threads else a for a in rows]
    return ProjectPlan(project, tuple(plan_stages), tuple(rows), plan_outlets, plan_people,
                       unavailable_during(db, plan_stages, rows))


def assert_same_plan(db: Any, project_id: uuid.UUID) -> None:
    got, want = queries.load_plan(db, project_id), reference_plan(db, project_id)
    assert got == want
    assert got.assignments == want.assignments  # the same order
    assert list(got.outlets) == list(want.outlets)  # the outlets in list order


def assert_named_plan(db: Any, project_id: uuid.UUID) -> None:
    """``load_plan(staff=False)`` (the workspace's) is the full plan with only the people it names, and
    the analysis finds the same in both."""
    from planner.graph.analysis import analyze_plan

    full, named = queries.load_plan(db, project_id), queries.load_plan(db, project_id, staff=False)
    ids = {p for a in full.assignments for p in a.person_ids} | {full.project.coordinator_id} - {None}
    assert named == replace(full, people={k: p for k, p in full.people.items() if k in ids})
    assert set(named.people) == ids and list(named.outlets) == list(full.outlets)
    assert analyze_plan(named) == analyze_plan(full)


def test_every_demo_plan_equals_the_plain_read(demo_db) -> None:
    summaries = queries.list_projects(demo_db)
    assert summaries
    for s in summaries:
        assert_same_plan(demo_db, s.project.id)
        assert_named_plan(demo_db, s.project.id)


def test_a_synthetic_database_reads_the_same(db) -> None:
    from planner.services.synth import synth

    synth(db, seed=7, outlets=40, projects=4, stages=6, per_stage=5)
    for s in queries.list_projects(db):
        assert_same_plan(db, s.project.id)
        assert_named_plan(db, s.project.id)


@pytest.fixture
def edge_plan(db):  # type: ignore[no-untyped-def]
    """A lead outlet and a coordinator from outlets with no assignment, a crew, notes on an assignment,
    and an outlet outside the plan."""
    a = outlets.create_outlet(db, name="甲融媒体中心", tier="county", adcode="500153").row
    b = outlets.create_outlet(db, name="乙融媒体中心", tier="county", adcode="511083").row
    lead = outlets.create_outlet(db, name="丙融媒体中心", tier="municipal").row
    outlets.create_outlet(db, name="丁融媒体中心", tier="municipal")  # not in the plan at all
    coordinator_home = outlets.create_outlet(db, name="戊融媒体中心", tier="provincial").row
    coordinator = people.create_person(db, outlet_id=coordinator_home.id, name="赵协调", role="reporter").row
    crew = people.create_person(db, outlet_id=a.id, name="钱记者", role="reporter").row
    people.create_person(db, outlet_id=lead.id, name="孙编辑", role="reporter")
    people.create_person(db, outlet_id=b.id, name="李摄像", role="reporter")
    project = projects.create_project(db, title="边界项目", lead_outlet_id=lead.id, coordinator_id=coordinator.id).row
    empty = projects.create_project(db, title="空项目", lead_outlet_id=lead.id).row
    st = stages.create_stage(db, project_id=project.id, title="第一站", starts_at="2026-03-02 09:00",
                             ends_at="2026-03-02 12:00").row
    piece = assignments.create_assignment(db, stage_id=st.id, outlet_id=a.id, role="lead", format="text",
                                          person_ids=[crew.id]).row
    assignments.create_assignment(db, stage_id=st.id, outlet_id=b.id, role="support", format="photo")
    notes.create_note(db, body="第一条", assignment_id=piece.id)
    notes.create_note(db, body="第二条", assignment_id=piece.id)
    return project, empty, {lead.id, coordinator_home.id, a.id, b.id}


def test_edge_cases_read_the_same(db, edge_plan) -> None:  # type: ignore[no-untyped-def]
    project, empty, expected_outlets = edge_plan
    assert_same_plan(db, project.id)
    assert_same_plan(db, empty.id)
    assert_named_plan(db, project.id)
    assert_named_plan(db, empty.id)
    plan = queries.load_plan(db, project.id)
    assert set(plan.outlets) == expected_outlets
    assert "第二条" in next(a.notes for a in plan.assignments if a.role.value == "lead")
    assert queries.load_plan(db, empty.id).assignments == ()


def test_no_in_list_is_compiled_per_open(db, edge_plan) -> None:  # type: ignore[no-untyped-def]
    """Without the one-value ids, every open compiled an expanded ``IN (…)`` of the plan's ids (the plan's
    people and outlets, and the open counts of its outlets)."""
    from sqlalchemy import event

    project = edge_plan[0]
    queries.load_plan(db, project.id)  # compile the statements once
    expanded: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "__[POSTCOMPILE" in statement or " IN (?, ?" in statement:
            expanded.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        plan = queries.load_plan(db, project.id)
        counts = queries.open_assignment_counts(db, outlet_ids=plan.outlets)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert expanded == []
    full = queries.open_assignment_counts(db)
    assert counts == {o: full[o] for o in plan.outlets if o in full} and counts


def test_the_assignments_notes_are_read_by_a_join(db, edge_plan) -> None:  # type: ignore[no-untyped-def]
    """The notes of a project's assignments: SQLite turned ``IN (SELECT … IN (SELECT …))`` into a list of
    every assignment id of the project and probed the notes with it (~1.1 ms on the large project with
    no note at all); joined from the project's stages it reads the same rows (the edge case has notes)."""
    import sqlite3

    project = edge_plan[0]
    queries.load_plan(db, project.id)  # compiled
    sql = queries._PROJECT_ASSIGNMENT_NOTES._sqlite[0]
    con = sqlite3.connect(str(db.path))
    try:
        steps = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, [project.id.hex])]
    finally:
        con.close()
    assert not any("LIST SUBQUERY" in s for s in steps), steps
    assert any("note" in s.lower() for s in steps)


def test_the_project_is_read_in_the_plans_own_connection(db, edge_plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The project row comes from a compiled statement in load_plan's connection, not through
    ``get_project`` (which resolves a reference through the ORM, ~0.8 ms of a ~15 ms plan read). It
    equals get_project's row, follows a change, and a missing project still raises get_project's error."""
    from planner.domain.errors import NotFoundError

    project = edge_plan[0]
    want = queries.get_project(db, project.id)
    real_get = queries.get_project
    calls: list[uuid.UUID] = []
    monkeypatch.setattr(queries, "get_project", lambda d, pid: calls.append(pid) or real_get(d, pid))
    assert queries.load_plan(db, project.id).project == want
    assert calls == []
    changed = projects.update_project(db, project.id, title="边界项目·改", expected_version=want.version).row
    assert queries.load_plan(db, project.id).project == changed == real_get(db, project.id)
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError):
        queries.load_plan(db, missing)
    assert calls == [missing]


@pytest.fixture
def pg_db():  # type: ignore[no-untyped-def]
    """A fresh database on the test PostgreSQL server (skips without ``PLANNER_TEST_PG_URL``)."""
    import os

    from planner.store.database import open_database
    from tests.pgutil import create_database, drop_database

    url = os.environ.get("PLANNER_TEST_PG_URL", "")
    if not url:
        pytest.skip("PLANNER_TEST_PG_URL is not set")
    name, db_url = create_database(url)
    database = open_database(db_url)
    yield database
    database.close()
    drop_database(url, name)


def test_postgresql_reads_the_same(pg_db) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the id lists are expanded as usual: the same plan and counts."""
    from planner.services.synth import synth

    synth(pg_db, seed=5, outlets=20, projects=2, stages=4, per_stage=5)
    full = queries.open_assignment_counts(pg_db)
    for s in queries.list_projects(pg_db):
        got, want = queries.load_plan(pg_db, s.project.id), reference_plan(pg_db, s.project.id)
        assert got == want and got.assignments == want.assignments
        counts = queries.open_assignment_counts(pg_db, outlet_ids=got.outlets)
        assert counts == {o: full[o] for o in got.outlets if o in full}


def _busy_reference(db: Any, person_ids: list[uuid.UUID], start: Any, end: Any) -> dict:
    """``availability.busy`` as the plain query read it: an IN list per call, ``_window``'s conditions."""
    from planner.services import availability as av

    return av.busy_by_person(av.list_availability(db, person_ids=person_ids, start=start, end=end), start, end)


def _with_absences(db: Any) -> list[uuid.UUID]:
    """Leave, one-off duties and a weekly pattern for a few people of the database; their ids."""
    from planner.services import availability as av

    staff = [p.id for p in queries.list_people(db)][:6]
    for i, pid in enumerate(staff):
        av.create_availability(db, person_id=pid, starts_at=f"2026-03-0{i + 1}", ends_at=f"2026-03-0{i + 3}", kind="leave")
        av.create_availability(db, person_id=pid, starts_at=f"2026-03-1{i} 18:00", ends_at=f"2026-03-1{i} 20:00", kind="duty")
    av.create_availability(db, person_id=staff[0], starts_at="2026-02-02 08:00", ends_at="2026-02-02 09:00", kind="duty",
                           rule="FREQ=WEEKLY;BYDAY=MO")
    return staff


def _same_busy(db: Any, staff: list[uuid.UUID]) -> None:
    from datetime import UTC, datetime

    from planner.services import availability as av

    others = [uuid.uuid4(), *staff]
    for start, end in [(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)),
                       (datetime(2026, 3, 3, tzinfo=UTC), datetime(2026, 3, 3, 0, 0, 1, tzinfo=UTC)),  # one leave's end
                       (datetime(2026, 3, 10, 20, tzinfo=UTC), datetime(2026, 3, 11, 18, tzinfo=UTC)),  # touching ends
                       (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))]:  # before anything
        got = av.busy(db, others, start, end)
        assert got == _busy_reference(db, others, start, end)
        if start.day == 1 and start.month == 3:  # the whole fortnight: every person, the weekly duty's Mondays too
            assert set(got) == set(staff) and sum(b.recurring for b in got[staff[0]]) == 3
    assert av.busy(db, [], datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)) == {}


def test_busy_reads_what_the_plain_query_reads(db) -> None:  # type: ignore[no-untyped-def]
    """``availability.busy`` (asked of a plan's people on every open) runs one statement compiled once,
    with the ids bound as one value: the same periods as the plain query, at the window's edges too."""
    from planner.services.synth import synth

    synth(db, seed=3, outlets=8, projects=1, stages=3, per_stage=3)
    _same_busy(db, _with_absences(db))


def test_busy_on_postgresql_reads_the_same(pg_db) -> None:  # type: ignore[no-untyped-def]
    from planner.services.synth import synth

    synth(pg_db, seed=3, outlets=8, projects=1, stages=3, per_stage=3)
    _same_busy(pg_db, _with_absences(pg_db))
