"""Undo and redo with two editors: a row the other editor changed in between is never overwritten.

Editor A works through undoable commands; editor B saves the same rows through the services in
between. Every undo or redo step of A must then fail with the normal "changed elsewhere"
:class:`StaleError` and leave B's work exactly as B saved it — on SQLite (B is a second connection
to the same file, as a second window would be) and on PostgreSQL (two clients of one server).
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from planner.domain.enums import Entity, Status
from planner.domain.errors import StaleError, error_text
from planner.services import assignments, outlets, people, projects, queries, stages
from planner.services import commands as C
from planner.store.database import Database, _sqlite_engine, open_database

PG_URL = os.environ.get("PLANNER_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def editors(request, tmp_path):  # type: ignore[no-untyped-def]
    """(A, B): two editors of one database."""
    if request.param == "sqlite":
        path = tmp_path / "shared.db"
        a = open_database(path)
        b = Database(url=str(path), engine=_sqlite_engine(path, read_only=False), path=path)
        yield a, b
        b.engine.dispose()
        a.close()
        return
    if not PG_URL:
        pytest.skip("PLANNER_TEST_PG_URL is not set")
    from tests.pgutil import create_database, drop_database

    name, url = create_database(PG_URL)
    a = open_database(url)
    b = open_database(url)
    yield a, b
    a.close()
    b.close()
    drop_database(PG_URL, name)


@pytest.fixture
def world(editors):  # type: ignore[no-untyped-def]
    a, _b = editors
    o1 = outlets.create_outlet(a, name="荣昌区融媒体中心", tier="county", adcode="500153").row
    o2 = outlets.create_outlet(a, name="隆昌市融媒体中心", tier="county", adcode="511083").row
    p1 = people.create_person(a, outlet_id=o1.id, name="张敏", role="reporter", phone="13800000001").row
    p2 = people.create_person(a, outlet_id=o1.id, name="王芳", role="photographer").row
    pr = projects.create_project(a, title="巴蜀陶韵", kind="culture_tourism", coordinator_id=p1.id).row
    s1 = stages.create_stage(a, project_id=pr.id, title="荣昌陶博物馆").row
    s2 = stages.create_stage(a, project_id=pr.id, title="隆昌石牌坊").row
    s3 = stages.create_stage(a, project_id=pr.id, title="专家解读").row
    a1 = assignments.create_assignment(a, stage_id=s1.id, outlet_id=o1.id, role="lead", format="text").row
    return SimpleNamespace(o1=o1, o2=o2, p1=p1, p2=p2, pr=pr, s1=s1, s2=s2, s3=s3, a1=a1)


def assignment(db, aid):  # type: ignore[no-untyped-def]
    return queries.load_assignments_by_id(db, [aid])[0]


def stale(fn) -> StaleError:  # type: ignore[no-untyped-def]
    with pytest.raises(StaleError) as info:
        fn()
    assert "已被其他人或其他窗口修改" in error_text(info.value, "zh")
    assert "changed elsewhere" in error_text(info.value, "en")
    return info.value


def test_undo_of_an_edit_keeps_the_other_editors_newer_save(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Update(Entity.ASSIGNMENT, world.a1.id, {"brief": "A 的说明"}, expected_version=1)
    cmd.do(a)
    assignments.update_assignment(b, world.a1.id, expected_version=2, brief="B 的说明")
    stale(lambda: cmd.undo(a))
    row = assignment(b, world.a1.id)
    assert row.brief == "B 的说明" and row.version == 3


def test_redo_of_an_edit_keeps_the_other_editors_newer_save(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Update(Entity.STAGE, world.s1.id, {"title": "荣昌陶文化博物馆"}, expected_version=1)
    cmd.do(a)
    cmd.undo(a)  # version 3, title back
    stages.update_stage(b, world.s1.id, expected_version=3, notes="B 补充的备注")
    stale(lambda: cmd.do(a))
    row = next(s for s in queries.load_stages(b, world.pr.id) if s.id == world.s1.id)
    assert row.title == "荣昌陶博物馆" and row.notes == "B 补充的备注"


def test_undo_and_redo_without_interference_still_work(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, _b = editors
    cmd = C.Update(Entity.ASSIGNMENT, world.a1.id, {"brief": "一"}, expected_version=1)
    cmd.do(a)
    for _ in range(3):
        cmd.undo(a)
        assert assignment(a, world.a1.id).brief == ""
        cmd.do(a)
        assert assignment(a, world.a1.id).brief == "一"


def test_undo_of_a_create_refuses_when_the_row_was_edited(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Create(Entity.OUTLET, {"name": "江津区融媒体中心", "tier": "county"})
    cmd.do(a)
    outlets.update_outlet(b, cmd.created_id, expected_version=1, notes="B 改过")
    stale(lambda: cmd.undo(a))
    assert any(o.id == cmd.created_id and o.notes == "B 改过" for o in queries.list_outlets(b))


def test_undo_of_a_create_refuses_to_take_a_colleagues_new_child(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Create(Entity.STAGE, {"project_id": world.pr.id, "title": "永川东站"})
    cmd.do(a)
    child = assignments.create_assignment(b, stage_id=cmd.created_id, outlet_id=world.o2.id, role="lead",
                                          format="photo").row
    stale(lambda: cmd.undo(a))
    assert assignment(b, child.id).stage_id == cmd.created_id


def test_redo_of_a_delete_refuses_when_the_restored_row_was_edited(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Delete(Entity.ASSIGNMENT, world.a1.id, expected_version=1)
    cmd.do(a)
    cmd.undo(a)
    assignments.update_assignment(b, world.a1.id, expected_version=1, notes="B 的备注")
    stale(lambda: cmd.do(a))
    assert assignment(b, world.a1.id).notes == "B 的备注"


def test_redo_of_a_delete_refuses_to_take_a_colleagues_new_child(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Delete(Entity.STAGE, world.s3.id, expected_version=1)
    cmd.do(a)
    cmd.undo(a)
    child = assignments.create_assignment(b, stage_id=world.s3.id, outlet_id=world.o2.id, role="lead",
                                          format="text").row
    stale(lambda: cmd.do(a))
    assert assignment(b, child.id).stage_id == world.s3.id


def test_undo_of_a_delete_refuses_when_the_name_was_taken(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Delete(Entity.OUTLET, world.o2.id, expected_version=1)
    cmd.do(a)
    again = outlets.create_outlet(b, name="隆昌市融媒体中心", tier="county").row
    stale(lambda: cmd.undo(a))
    assert [o.id for o in queries.list_outlets(b) if o.name == "隆昌市融媒体中心"] == [again.id]


def test_undo_of_a_delete_keeps_a_coordinator_set_meanwhile(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.Delete(Entity.PERSON, world.p1.id, expected_version=1)
    cmd.do(a)  # the project's coordinator becomes empty
    current = next(p for p in queries.list_projects(b) if p.project.id == world.pr.id).project
    projects.update_project(b, world.pr.id, expected_version=current.version, coordinator_id=world.p2.id)
    stale(lambda: cmd.undo(a))
    after = next(p for p in queries.list_projects(b) if p.project.id == world.pr.id).project
    assert after.coordinator_id == world.p2.id
    assert world.p1.id not in {p.id for p in queries.list_people(b)}


def test_status_undo_and_redo_respect_a_colleagues_change(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.SetStatus([world.a1.id], Status.CONFIRMED)
    cmd.do(a)
    assignments.set_status(b, world.a1.id, status=Status.IN_PROGRESS, expected_version=2)
    stale(lambda: cmd.undo(a))
    assert assignment(b, world.a1.id).status is Status.IN_PROGRESS

    other = C.SetStatus([world.a1.id], Status.FILED)
    other.do(a)
    other.undo(a)
    assignments.update_assignment(b, world.a1.id, expected_version=assignment(b, world.a1.id).version,
                                  notes="B")
    stale(lambda: other.do(a))
    assert assignment(b, world.a1.id).status is Status.IN_PROGRESS


def test_people_undo_respects_a_colleagues_change(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.SetPeople(world.a1.id, [world.p1.id])
    cmd.do(a)
    assignments.set_people(b, world.a1.id, person_ids=[world.p1.id, world.p2.id])
    stale(lambda: cmd.undo(a))
    assert set(assignment(b, world.a1.id).person_ids) == {world.p1.id, world.p2.id}


def test_stage_move_undo_respects_a_colleagues_change(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.MoveStage(world.pr.id, world.s3.id, 1)
    cmd.do(a)
    order = [s.id for s in queries.load_stages(b, world.pr.id)]
    assert order == [world.s3.id, world.s1.id, world.s2.id]
    stages.move_stage(b, world.s2.id, to_position=1)
    stale(lambda: cmd.undo(a))
    assert [s.id for s in queries.load_stages(b, world.pr.id)] == [world.s2.id, world.s3.id, world.s1.id]

    added = C.MoveStage(world.pr.id, world.s1.id, 1)
    added.do(a)
    stages.create_stage(b, project_id=world.pr.id, title="B 新增的环节")
    stale(lambda: added.undo(a))


def test_dependency_undo_after_a_colleague_removed_it(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    cmd = C.AddDependency(world.s2.id, world.s1.id)
    cmd.do(a)
    stages.remove_dependency(b, stage_id=world.s2.id, depends_on=world.s1.id)
    stale(lambda: cmd.undo(a))


def test_macro_undo_is_all_or_nothing(editors, world) -> None:  # type: ignore[no-untyped-def]
    a, b = editors
    macro = C.Macro([
        C.Update(Entity.STAGE, world.s1.id, {"notes": "一"}, expected_version=1),
        C.Update(Entity.STAGE, world.s2.id, {"notes": "二"}, expected_version=1),
    ])
    macro.do(a)
    stages.update_stage(b, world.s1.id, expected_version=2, title="B 改名")
    stale(lambda: macro.undo(a))  # s2 is undone first, then s1 fails: s2 is put back
    rows = {s.id: s for s in queries.load_stages(b, world.pr.id)}
    assert rows[world.s1.id].title == "B 改名" and rows[world.s1.id].notes == "一"
    assert rows[world.s2.id].notes == "二"


def test_a_stack_of_steps_on_one_row_follows_its_own_versions(editors, world) -> None:  # type: ignore[no-untyped-def]
    """Each undo is itself a write; the next step expects the version the previous one left."""
    a, b = editors
    create = C.Create(Entity.OUTLET, {"name": "璧山区融媒体中心", "tier": "county"})
    create.do(a)
    first = C.Update(Entity.OUTLET, create.created_id, {"notes": "一"}, expected_version=1)
    second = C.Update(Entity.OUTLET, create.created_id, {"notes": "二"}, expected_version=2)
    first.do(a)
    second.do(a)
    second.undo(a)
    first.undo(a)
    create.undo(a)  # version 5 by now: all three steps were this editor's own
    create.do(a)
    first.do(a)
    second.do(a)
    second.undo(a)
    seen = next(o for o in queries.list_outlets(b) if o.id == create.created_id)
    assert seen.version == 8
    outlets.update_outlet(b, create.created_id, expected_version=seen.version, short_name="璧山")
    stale(lambda: first.undo(a))
    row = next(o for o in queries.list_outlets(b) if o.id == create.created_id)
    assert (row.notes, row.short_name) == ("一", "璧山")
