"""Every write of every service keeps the exchange metadata: a new dot per record and changed field,
tombstones for deletions, undeletion on undo — through the one hook in ``services.unit``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.enums import Entity
from planner.domain.revisions import Order, Rev, compare, covers, desk_key, join, later
from planner.services import alliances, assignments, commands, outlets, people, projects, stages, syncmeta
from planner.services.queries import list_projects, load_plan
from planner.store.database import open_database


def _meta(db, record_id):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return syncmeta.load_meta(s, [record_id]).get(record_id)


def _project(db):  # type: ignore[no-untyped-def]
    return next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")


def test_create_gives_a_revision_of_this_desk_with_the_real_editor(db):
    from planner.services.settings import set_desk

    set_desk(db, editor="王编辑", outlet_id=None)
    made = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county").row
    meta = _meta(db, made.id)
    desk = syncmeta.local_desk(db)
    assert meta.entity is Entity.OUTLET and not meta.deleted
    assert meta.rev.vv.keys() == {desk} and meta.rev.base == (desk, meta.rev.vv[desk]) and not meta.rev.dots
    assert meta.editor == "王编辑" and meta.desk == desk


def test_update_dots_only_the_changed_fields(demo_db):
    plan = load_plan(demo_db, _project(demo_db).id)
    a = next(x for x in plan.assignments if x.status.value == "planned")
    before = _meta(demo_db, a.id)
    before_rev = before.rev if before else syncmeta.implicit_rev(syncmeta.local_desk(demo_db))
    assignments.update_assignment(demo_db, a.id, brief="新的任务说明", notes=a.notes)  # notes unchanged
    after = _meta(demo_db, a.id).rev
    assert compare(before_rev.vv, after.vv) is Order.BEFORE
    assert set(after.dots) == {"brief"} and after.dot("brief") == after.last
    assert after.dot("notes") == before_rev.dot("notes")
    assignments.set_status(demo_db, a.id, status="confirmed")
    rev = _meta(demo_db, a.id).rev
    assert set(rev.dots) == {"brief", "status"} and rev.dot("status") == rev.last
    person = next(p for p in plan.people.values() if p.outlet_id == a.outlet_id)
    assignments.set_people(demo_db, a.id, person_ids=[] if a.person_ids else [person.id])
    rev = _meta(demo_db, a.id).rev
    assert rev.dot("person_ids") == rev.last and rev.dot("status") != rev.last


def test_local_version_is_not_the_revision(demo_db):
    """Optimistic locking keeps its own counter; the revision does not move on a no-op."""
    plan = load_plan(demo_db, _project(demo_db).id)
    stage = plan.stages[0]
    before = _meta(demo_db, stage.id).rev
    stages.update_stage(demo_db, stage.id, notes=stage.notes)  # nothing changes
    assert _meta(demo_db, stage.id).rev == before
    stages.update_stage(demo_db, stage.id, notes="改")
    assert _meta(demo_db, stage.id).rev.dots.keys() == {"notes"}
    assert load_plan(demo_db, plan.project.id).stages[0].version == stage.version + 1


def test_move_renumbers_with_position_dots(demo_db):
    plan = load_plan(demo_db, _project(demo_db).id)
    stages.move_stage(demo_db, plan.stages[3].id, to_position=1)
    moved = [s.id for s in load_plan(demo_db, plan.project.id).stages][:4]
    for sid in moved:
        assert set(_meta(demo_db, sid).rev.dots) == {"position"}


def test_delete_leaves_tombstones_with_scope_label_and_snapshot(demo_db):
    plan = load_plan(demo_db, _project(demo_db).id)
    stage = next(s for s in plan.stages if plan.assignments_for_stage(s.id))
    children = plan.assignments_for_stage(stage.id)
    stages.delete_stage(demo_db, stage.id)
    meta = _meta(demo_db, stage.id)
    assert meta.deleted and meta.scope == plan.project.id and meta.label == stage.title
    assert meta.snapshot["title"] == stage.title
    for a in children:
        child = _meta(demo_db, a.id)
        assert child.deleted and child.scope == plan.project.id and stage.title in child.label
        assert child.snapshot["person_ids"] == sorted(str(p) for p in a.person_ids)


def test_undo_of_a_delete_brings_the_record_back_with_a_newer_revision(demo_db):
    plan = load_plan(demo_db, _project(demo_db).id)
    a = plan.assignments[0]
    cmd = commands.Delete(Entity.ASSIGNMENT, a.id)
    cmd.do(demo_db)
    tomb = _meta(demo_db, a.id)
    assert tomb.deleted
    cmd.undo(demo_db)
    back = _meta(demo_db, a.id)
    assert not back.deleted and back.snapshot is None
    assert compare(tomb.rev.vv, back.rev.vv) is Order.BEFORE and back.rev.base == back.rev.last and not back.rev.dots


def test_delete_outlet_relinks_with_field_dots(db):
    parent = outlets.create_outlet(db, name="重庆日报", tier="provincial").row
    child = outlets.create_outlet(db, name="重庆日报永川记者站", tier="municipal", parent_id=parent.id).row
    project = projects.create_project(db, title="测试项目", lead_outlet_id=parent.id).row
    outlets.delete_outlet(db, parent.id)
    assert set(_meta(db, child.id).rev.dots) == {"parent_id"}
    assert set(_meta(db, project.id).rev.dots) == {"lead_outlet_id"}
    assert _meta(db, parent.id).deleted and _meta(db, parent.id).snapshot is None  # directory: no snapshot


def test_every_service_kind_is_stamped(db):
    outlet = outlets.create_outlet(db, name="温江区融媒体中心", tier="county").row
    alliance = alliances.create_alliance(db, name="巴蜀联盟", kind="alliance").row
    member = alliances.add_member(db, alliance_id=alliance.id, outlet_id=outlet.id).row
    person = people.create_person(db, outlet_id=outlet.id, name="李记者", role="reporter").row
    project = projects.create_project(db, title="项目甲").row
    s1 = stages.create_stage(db, project_id=project.id, title="第一站").row
    s2 = stages.create_stage(db, project_id=project.id, title="第二站", depends_on=[s1.id]).row
    a = assignments.create_assignment(db, stage_id=s2.id, outlet_id=outlet.id, role="lead", format="text",
                                      person_ids=[person.id]).row
    copy = projects.duplicate_project(db, project.id, title="项目乙").row
    with db.reader() as s:
        from sqlalchemy import select

        from planner.store.models import StageDependency, SyncRecord

        dep_ids = list(s.scalars(select(StageDependency.id)))
        metas = {r.id: r for r in s.scalars(select(SyncRecord))}
    for rid in (outlet.id, alliance.id, member.id, person.id, project.id, s1.id, s2.id, a.id, copy.id, *dep_ids):
        assert rid in metas
    assert metas[a.id].scope == project.id and metas[s2.id].scope == project.id
    assert all(metas[d].scope in (project.id, copy.id) for d in dep_ids)
    people.update_person(db, person.id, phone="13800000000")
    assert set(_meta(db, person.id).rev.dots) == {"phone"}
    outlets.update_outlet(db, outlet.id, name="温江区融媒体中心（新）")
    assert set(_meta(db, outlet.id).rev.dots) == {"name"}  # name_key is part of name


@pytest.mark.parametrize("fixture", sorted((Path(__file__).resolve().parents[1] / "data").glob("schema-*-demo.db")),
                         ids=lambda p: p.name)
def test_old_databases_get_revisions_on_their_first_write(tmp_path, fixture):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with open_database(path) as old:
        plan = load_plan(old, _project(old).id)
        assert _meta(old, plan.stages[0].id) is None  # implicit revision until written
        stages.update_stage(old, plan.stages[0].id, notes="迁移后第一次修改")
        rev = _meta(old, plan.stages[0].id).rev
        desk = syncmeta.local_desk(old)
        assert rev.base == (desk, 1) and rev.dots["notes"][0] == desk and rev.vv[desk] > 1


# -- the pure revision rules --------------------------------------------------------------------
desks = st.sampled_from(["a" * 32, "b" * 32, "c" * 32])
vvs = st.dictionaries(desks, st.integers(1, 50), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(vvs, vvs, vvs)
def test_version_vector_order_is_a_partial_order(a, b, c):
    assert compare(a, a) is Order.EQUAL
    ab = compare(a, b)
    assert compare(b, a) is {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE}.get(ab, ab)
    j = join(a, b)
    assert compare(a, j) in (Order.BEFORE, Order.EQUAL) and compare(b, j) in (Order.BEFORE, Order.EQUAL)
    if compare(a, b) in (Order.BEFORE, Order.EQUAL) and compare(b, c) in (Order.BEFORE, Order.EQUAL):
        assert compare(a, c) in (Order.BEFORE, Order.EQUAL)
    for desk, n in a.items():
        assert covers(j, (desk, n))


@settings(max_examples=100, deadline=None)
@given(desks, st.integers(1, 10**15), desks, st.integers(1, 10**15))
def test_winner_is_deterministic_and_symmetric(d1, n1, d2, n2):
    assert later((d1, n1), (d2, n2)) == later((d2, n2), (d1, n1))


def test_rev_json_round_trip_normalises_desk_ids():
    hyphen = "4f0c2a1e-0b6c-4c1e-9a4e-2f5d1c3b7a88"
    rev = Rev.from_json({"vv": {hyphen: 5, "{4F0C2A1E0B6C4C1E9A4E2F5D1C3B7A88}": 7}, "base": [hyphen, 5],
                         "dots": {"brief": ["4F0C2A1E0B6C4C1E9A4E2F5D1C3B7A88", 7]}})
    key = desk_key(hyphen)
    assert rev.vv == {key: 7} and rev.dot("brief") == (key, 7) and rev.dot("notes") == (key, 5)
    assert Rev.from_json(rev.to_json()) == rev
    for bad in ({"vv": {}}, {"vv": {key: 0}, "base": [key, 0]}, {"vv": {key: 2}, "base": [key, 3]},
                {"vv": {key: 2**60}, "base": [key, 1]}, {"vv": {key: True}, "base": [key, 1]}):
        with pytest.raises(ValueError):
            Rev.from_json(bad)
