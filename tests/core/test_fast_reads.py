"""The fast read paths behind opening a project: the coverage matrix built from a loaded plan equals
the one read from the database, rows kept between reads never go stale, and the narrowed counts
and timestamp parsing give what the plain queries give."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from planner.domain.enums import Format, Role
from planner.services import assignments, coverage, outlets, queries, stages
from planner.store.fast import Converters, RowCache
from tests.counting import uuid_hashes


def _same_matrix(db, a: coverage.CoverageMatrix, b: coverage.CoverageMatrix) -> None:  # type: ignore[no-untyped-def]
    assert a.stages == b.stages and a.cells == b.cells
    if db.engine.dialect.name == "sqlite":
        assert a.outlets == b.outlets  # the same order too (SQLite sorts names by code point, as Python does)
    else:
        assert sorted(a.outlets, key=lambda o: o.id) == sorted(b.outlets, key=lambda o: o.id)


def test_matrix_from_the_plan_equals_the_matrix_read_from_the_database(demo_db) -> None:
    summaries = queries.list_projects(demo_db)
    assert summaries
    for s in summaries:
        plan = queries.load_plan(demo_db, s.project.id)
        _same_matrix(demo_db, coverage.coverage_matrix(demo_db, s.project.id), coverage.plan_matrix(plan))


def test_the_matrix_from_the_plan_hashes_no_uuid_per_piece(demo_db, monkeypatch) -> None:
    """``uuid.UUID.__hash__`` is a Python call: building the matrix from a plan hashes each cell's
    (stage, outlet) key and nothing else per piece (the outlets it keeps are found by ``.int``), and
    its cells are still :class:`~planner.services.coverage.Cell` values."""

    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    with uuid_hashes(monkeypatch) as hashes:
        matrix = coverage.plan_matrix(plan)
    keys = {(a.stage_id, a.outlet_id) for a in plan.assignments}
    assert hashes.n <= 2 * len(plan.assignments) + 2 * len(keys)  # looking the keys up and storing them, nothing else
    assert all(type(c) is coverage.Cell for cells in matrix.cells.values() for c in cells)
    _same_matrix(demo_db, coverage.coverage_matrix(demo_db, project.id), matrix)


def test_after_an_edit_the_matrix_builds_only_the_edited_stage(demo_db, monkeypatch) -> None:
    """A stage whose pieces are unchanged keeps its cells (``coverage._STAGE_CELLS``): building the
    matrix again after one piece changed hashes only that stage's keys, and equals a fresh build."""
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    before = coverage.plan_matrix(queries.load_plan(demo_db, project.id))
    key, piece = next((k, c) for k, cells in before.cells.items() for c in cells if c.status.value == "planned")
    assignments.set_status(demo_db, piece.assignment_id, status="confirmed")
    plan = queries.load_plan(demo_db, project.id)
    edited = [a for a in plan.assignments if a.stage_id == key[0]]
    with uuid_hashes(monkeypatch) as hashes:
        after = coverage.plan_matrix(plan)
    assert hashes.n <= 4 * len(edited) < len(plan.assignments)  # the edited stage's keys: looked up and stored
    assert next(c for c in after.cells[key] if c.assignment_id == piece.assignment_id).status.value == "confirmed"
    kept = [k for k in before.cells if k[0] != key[0]]
    assert kept and all(after.cells[k] is before.cells[k] for k in kept)
    coverage._STAGE_CELLS.clear()
    fresh = coverage.plan_matrix(plan)
    assert list(after.cells.items()) == list(fresh.cells.items())  # the same cells, in the same order
    _same_matrix(demo_db, coverage.coverage_matrix(demo_db, project.id), after)


def test_a_plan_whose_stage_pieces_are_apart_gets_its_cells_in_plan_order(demo_db) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    coverage.plan_matrix(plan)  # every stage kept
    shuffled = replace(plan, assignments=plan.assignments[1::2] + plan.assignments[::2])
    matrix = coverage.plan_matrix(shuffled)
    expected: dict = {}
    for a in shuffled.assignments:
        expected.setdefault((a.stage_id, a.outlet_id), []).append((a.id, a.role, a.format, a.status))
    assert list(matrix.cells.items()) == list(expected.items())


def test_a_cell_lists_its_lead_first_on_both_paths(demo_db) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    stage = plan.stages[0]
    outlet = next(iter(plan.outlets.values()))
    # a support piece first, then a lead piece of the same outlet on the same stage
    assignments.create_assignment(demo_db, stage_id=stage.id, outlet_id=outlet.id, role=Role.SUPPORT, format=Format.TEXT)
    lead = assignments.create_assignment(demo_db, stage_id=stage.id, outlet_id=outlet.id, role=Role.LEAD,
                                         format=Format.PHOTO).row
    matrix = coverage.coverage_matrix(demo_db, project.id)
    cell = matrix.cells[(stage.id, outlet.id)]
    assert cell[0].assignment_id == lead.id and len(cell) >= 2
    _same_matrix(demo_db, matrix, coverage.plan_matrix(queries.load_plan(demo_db, project.id)))


def test_rows_kept_between_reads_follow_every_change(demo_db) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    before = coverage.coverage_matrix(demo_db, project.id)
    queries.load_plan(demo_db, project.id)  # fills the people cache too
    outlet = before.outlets[0]
    outlets.update_outlet(demo_db, outlet.id, name=outlet.name + "（改）", expected_version=outlet.version)
    stage = before.stages[0]
    stages.update_stage(demo_db, stage.id, title=stage.title + "·改", expected_version=stage.version)
    key, piece = next((k, c) for k, cells in before.cells.items() for c in cells if c.status.value == "planned")
    assignments.set_status(demo_db, piece.assignment_id, status="confirmed")
    after = coverage.coverage_matrix(demo_db, project.id)
    assert {o.name for o in after.outlets if o.id == outlet.id} == {outlet.name + "（改）"}
    assert after.stages[0].title == stage.title + "·改"
    assert next(c for c in after.cells[key] if c.assignment_id == piece.assignment_id).status.value == "confirmed"
    plan = queries.load_plan(demo_db, project.id)
    assert plan.outlets[outlet.id].name == outlet.name + "（改）"
    _same_matrix(demo_db, after, coverage.plan_matrix(plan))


def test_stage_dependencies_survive_the_row_cache(demo_db) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    first = queries.load_stages(demo_db, project.id)
    again = queries.load_stages(demo_db, project.id)
    assert first == again and any(st.depends_on for st in again)


def test_open_counts_for_some_outlets_equal_the_full_count(demo_db) -> None:
    full = queries.open_assignment_counts(demo_db)
    some = list(full)[:5]
    assert queries.open_assignment_counts(demo_db, outlet_ids=some) == {o: full[o] for o in some}
    assert queries.open_assignment_counts(demo_db, outlet_ids=[]) == {}


def test_stored_timestamps_parse_to_aware_utc() -> None:
    conv = Converters()
    assert conv.datetime("2026-11-23 02:30:00.123456") == datetime(2026, 11, 23, 2, 30, 0, 123456, tzinfo=UTC)
    assert conv.datetime("2026-11-23 02:30:00") == datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    east8 = timezone(timedelta(hours=8))
    assert conv.datetime("2026-11-23T10:30:00+08:00") == datetime(2026, 11, 23, 10, 30, tzinfo=east8)
    assert conv.datetime(None) is None
    assert conv.datetime("2026-11-23 02:30:00") is conv.datetime("2026-11-23 02:30:00")  # parsed once per read


def test_row_cache_is_bounded() -> None:
    cache = RowCache(3)
    for i in range(10):
        cache.put(("raw", i), i)
    assert cache.get(("raw", 9)) == 9
    assert sum(cache.get(("raw", i)) is not None for i in range(10)) <= 3
    empty = RowCache(0)
    assert empty.put(("raw", 1), 1) == 1 and empty.get(("raw", 1)) is None


def test_both_matrix_paths_agree_on_a_new_database_and_follow_edits(db) -> None:
    """The same on a fresh database (the PostgreSQL run of the core suite uses this ``db``)."""
    from planner.services import projects

    made = [outlets.create_outlet(db, name=n, tier="county", adcode=code).row
            for n, code in (("温江区融媒体中心", "510115"), ("荣昌区融媒体中心", "500153"), ("渝北区融媒体中心", "500112"))]
    project = projects.create_project(db, title="测试项目").row
    first = stages.create_stage(db, project_id=project.id, title="第一站").row
    second = stages.create_stage(db, project_id=project.id, title="第二站", depends_on=[first.id]).row
    for st in (first, second):
        for i, o in enumerate(made):
            assignments.create_assignment(db, stage_id=st.id, outlet_id=o.id, role="support" if i else "lead",
                                          format="text")
    assignments.create_assignment(db, stage_id=first.id, outlet_id=made[1].id, role="lead", format="photo")
    for _ in range(2):  # the second time from the kept rows
        matrix = coverage.coverage_matrix(db, project.id)
        _same_matrix(db, matrix, coverage.plan_matrix(queries.load_plan(db, project.id)))
    assert matrix.cells[(first.id, made[1].id)][0].role is Role.LEAD
    assert [s.depends_on for s in matrix.stages] == [(), (first.id,)]
    outlets.update_outlet(db, made[0].id, short_name="温江", expected_version=made[0].version)
    again = coverage.coverage_matrix(db, project.id)
    assert {o.short_name for o in again.outlets if o.id == made[0].id} == {"温江"}
    _same_matrix(db, again, coverage.plan_matrix(queries.load_plan(db, project.id)))


def _through_sqlalchemy(self, conn, values):  # type: ignore[no-untyped-def]
    return [tuple(r) for r in conn.execute(self.statement(conn.dialect.name == "sqlite"), values)]


def test_reads_on_the_dbapi_cursor_equal_sqlalchemys(db, monkeypatch) -> None:
    """The hot selects run on SQLite's own cursor give the very values SQLAlchemy gives (booleans,
    ids, timestamps, JSON), so plans and matrices are identical — types included (reprs compared)."""
    from planner.services import demo, notes
    from planner.store import fast

    demo.load_demo(db)
    ids = [s.project.id for s in queries.list_projects(db)]
    for pid in ids:  # a thread on the first stage of each project, two notes on one of them
        first = queries.load_stages(db, pid)[0]
        notes.create_note(db, body="机位已确认", stage_id=first.id)
    notes.create_note(db, body="改到下午", stage_id=first.id)
    with db.engine.connect() as conn:
        for template in (queries._PROJECT_OUTLETS, queries._PROJECT_STAGES, queries._PROJECT_DEPENDENCIES,
                         queries._PROJECT_CREWS, queries._PROJECT_STAGE_NOTES, fast._CELLS, fast._PROJECT_ASSIGNMENTS):
            for pid in ids:
                assert repr(template.rows(conn, {"project": pid})) == repr(_through_sqlalchemy(template, conn, {"project": pid}))

    def read_all() -> list[str]:
        queries.clear_row_caches()
        return [repr((queries.load_plan(db, pid), coverage.coverage_matrix(db, pid))) for pid in ids]

    fast_reads = read_all()
    with db.engine.connect() as conn:  # stage threads grouped as the notes service groups them
        for pid in ids:
            got: dict = {}
            for r in queries._PROJECT_STAGE_NOTES.rows(conn, {"project": pid}):
                note = notes.note_row(queries._StageNote(*r))
                got.setdefault(note.target_id, []).append(note)
            assert got and got == notes.project_threads(db, pid, assignments=False)
    assert any("机位已确认" in st.notes and "改到下午" in st.notes for st in queries.load_stages(db, ids[-1]))
    monkeypatch.setattr(fast.Template, "rows", _through_sqlalchemy)
    assert read_all() == fast_reads


def test_a_failing_read_reports_as_sqlalchemy_does(tmp_path) -> None:
    """An error of SQLite's cursor is reported by SQLAlchemy, as for every other statement."""
    import pytest
    from sqlalchemy import bindparam, column, select, table
    from sqlalchemy.exc import OperationalError

    from planner.store.database import open_database
    from planner.store.fast import Template

    missing = Template(lambda _sqlite: select(column("x")).select_from(table("no_such_table"))
                       .where(column("x") == bindparam("project")))
    with open_database(tmp_path / "t.db") as db, db.engine.connect() as conn, pytest.raises(OperationalError):
        missing.rows(conn, {"project": 1})


def test_kept_assignment_rows_follow_their_people(db) -> None:
    """Assignments are kept between reads by their stored row *and* their people: a change of
    people alone (the assignment's own row may stay as it was) is read afresh."""
    from planner.services import people, projects

    outlet = outlets.create_outlet(db, name="温江区融媒体中心", tier="county", adcode="510115").row
    crew = [people.create_person(db, outlet_id=outlet.id, name=n, role="reporter").row for n in ("张三", "李四")]
    project = projects.create_project(db, title="测试项目").row
    stage = stages.create_stage(db, project_id=project.id, title="第一站").row
    piece = assignments.create_assignment(db, stage_id=stage.id, outlet_id=outlet.id, role="lead", format="text").row
    assert queries.load_plan(db, project.id).assignments[0].person_ids == ()
    assignments.set_people(db, piece.id, person_ids=[crew[0].id, crew[1].id])
    assert set(queries.load_plan(db, project.id).assignments[0].person_ids) == {crew[0].id, crew[1].id}
    assignments.set_people(db, piece.id, person_ids=[crew[1].id])
    again = queries.load_plan(db, project.id)
    assert again.assignments[0].person_ids == (crew[1].id,)
    assert queries.load_assignments(db, stage_ids=[stage.id])[0].person_ids == (crew[1].id,)


def test_the_directorys_people_are_the_rows_a_plan_reads(demo_db) -> None:
    """``list_people`` (the workspace's directory, read before any project is opened) builds its rows
    through the plan reads' row cache, so the first open of a project finds its people built; both
    reads follow an edit, and the list is what the plain query gives, in its order."""
    from sqlalchemy import select

    from planner.services import people
    from planner.store import convert
    from planner.store.models import Person

    def plain() -> list:
        with demo_db.reader() as s:
            return [convert.person_row(r._mapping)
                    for r in s.execute(select(*Person.__table__.columns).order_by(Person.outlet_id, Person.name))]

    queries.clear_row_caches()
    directory = {p.id: p for p in queries.list_people(demo_db)}
    assert list(directory.values()) == plain()
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    assert plan.people and all(p is directory[pid] for pid, p in plan.people.items())
    person = next(iter(plan.people.values()))
    assert queries.list_people(demo_db, outlet_id=person.outlet_id) == [p for p in plain() if p.outlet_id == person.outlet_id]
    people.update_person(demo_db, person.id, name=person.name + "（改）", expected_version=person.version)
    assert queries.list_people(demo_db) == plain()
    assert queries.load_plan(demo_db, project.id).people[person.id].name == person.name + "（改）"
