"""Happy paths of the services: what they write, what they return, what the change log says."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.domain.enums import Entity, Format, ProjectStatus, Role, Status
from planner.domain.errors import ValidationError
from planner.services import (
    alliances,
    assignments,
    history,
    outlets,
    people,
    projects,
    queries,
    settings,
    stages,
    templates,
)


def test_outlet_create_update_and_log_with_desk_identity(db, plan) -> None:  # type: ignore[no-untyped-def]
    settings.set_desk(db, editor="陈编辑", outlet_id=plan.cq.id)
    changes = outlets.update_outlet(db, plan.cq.id, expected_version=1, short_name="荣昌融媒", capacity="１２")
    assert changes.row.short_name == "荣昌融媒" and changes.row.capacity == 12 and changes.row.version == 2
    assert changes.touches(Entity.OUTLET) and changes.previous == {"short_name": "", "capacity": None}
    entry = queries.change_log(db, entity_id=plan.cq.id)[0]
    assert entry.action == "update" and entry.desk == "陈编辑（荣昌区融媒体中心）"
    assert entry.before == {"short_name": "", "capacity": None} and entry.after["capacity"] == 12


def test_places_resolve_names_and_codes(db) -> None:  # type: ignore[no-untyped-def]
    o = outlets.create_outlet(db, name="温江区融媒体中心", tier="county", adcode="温江").row
    assert o.adcode == "510115000000"
    o2 = outlets.create_outlet(db, name="成都传媒", tier="市级", adcode="５１０１").row  # full-width digits
    assert o2.adcode == "510100000000"


def test_assignment_status_machine(db, plan) -> None:  # type: ignore[no-untyped-def]
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="主办", format="图片",
                                      person_ids=[plan.p_cq.id], due_at="2026-03-02 11:00").row
    assert a.role is Role.LEAD and a.format is Format.PHOTO and a.status is Status.PLANNED
    assert a.due_at == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    a = assignments.set_status(db, a.id, status=Status.CONFIRMED).row
    a = assignments.set_status(db, a.id, status="published").row  # forward moves may skip
    with pytest.raises(ValidationError) as info:
        assignments.set_status(db, a.id, status="filed")  # back needs a reason
    assert info.value.code == "reason_required"
    a = assignments.set_status(db, a.id, status="filed", reason="链接失效，重新交稿").row
    assert a.status is Status.FILED and a.reason == "链接失效，重新交稿"
    with pytest.raises(ValidationError):
        assignments.set_status(db, a.id, status="declined", reason="太晚了")  # decline only before work starts
    a = assignments.set_status(db, a.id, status="cancelled", reason="项目调整").row
    a = assignments.set_status(db, a.id, status="planned", reason="恢复").row
    assert a.status is Status.PLANNED


def test_bulk_status_all_or_nothing_or_skip(db, plan) -> None:  # type: ignore[no-untyped-def]
    ids = [assignments.create_assignment(db, stage_id=st.id, outlet_id=plan.cq.id, role="support", format="text").row.id
           for st in (plan.s1, plan.s2, plan.s3)]
    assignments.set_status(db, ids[0], status="published")
    with pytest.raises(ValidationError):
        assignments.set_status_many(db, ids, status="confirmed")
    assert [a.status for a in assignments.get_assignments(db, ids)].count(Status.PLANNED) == 2
    changes = assignments.set_status_many(db, ids, status="confirmed", skip_illegal=True)
    assert [aid for aid, _ in changes.rows] == [ids[0]]
    assert sorted(a.status for a in assignments.get_assignments(db, ids)) == sorted(
        [Status.PUBLISHED, Status.CONFIRMED, Status.CONFIRMED])


def test_people_on_assignment(db, plan) -> None:  # type: ignore[no-untyped-def]
    extra = people.create_person(db, outlet_id=plan.cq.id, name="赵摄影", role="photographer").row
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text").row
    changed = assignments.set_people(db, a.id, person_ids=[plan.p_cq.id, extra.id])
    assert set(changed.row.person_ids) == {plan.p_cq.id, extra.id} and changed.row.version == 2
    assert changed.previous["person_ids"] == []
    people.delete_person(db, extra.id)
    assert queries.load_assignments_by_id(db, [a.id])[0].person_ids == (plan.p_cq.id,)


# (the exchange metadata is history like the change log: a delete leaves tombstones that undo supersedes)
def test_delete_project_and_restore_with_same_ids(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                      person_ids=[plan.p_cq.id]).row
    before = {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}
    removed = projects.delete_project(db, plan.project.id)
    assert {s.entity for s in removed.removed} >= {Entity.PROJECT, Entity.STAGE, Entity.ASSIGNMENT,
                                                   Entity.STAGE_DEPENDENCY, Entity.ASSIGNMENT_PERSON}
    assert queries.list_projects(db) == []
    history.restore(db, removed)
    assert {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")} == before
    assert queries.load_plan(db, plan.project.id).assignments[0].id == a.id


def test_delete_outlet_keeps_links_for_undo(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    child = outlets.create_outlet(db, name="下属单位", tier="county", parent_id=plan.cq.id).row
    projects.update_project(db, plan.project.id, lead_outlet_id=plan.cq.id, coordinator_id=plan.p_cq.id)
    group = alliances.create_alliance(db, name="陶韵联盟", kind="ad_hoc").row
    alliances.add_member(db, alliance_id=group.id, outlet_id=plan.cq.id)
    before = {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}
    removed = outlets.delete_outlet(db, plan.cq.id)
    assert queries.get_project(db, plan.project.id).lead_outlet_id is None
    assert queries.list_outlets(db, ids=[child.id])[0].parent_id is None
    history.restore(db, removed)
    assert {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")} == before


def test_duplicate_project_copies_stages_dependencies_and_assignments(db, plan) -> None:  # type: ignore[no-untyped-def]
    a = assignments.create_assignment(db, stage_id=plan.s2.id, outlet_id=plan.sc.id, role="lead", format="short_video",
                                      person_ids=[plan.p_sc.id]).row
    assignments.set_status(db, a.id, status="published")
    copy = projects.duplicate_project(db, plan.project.id, title="巴蜀陶韵（第二季）", code="TY-2", shift_days=365).row
    new = queries.load_plan(db, copy.id)
    old = queries.load_plan(db, plan.project.id)
    assert [s.title for s in new.stages] == [s.title for s in old.stages]
    assert new.stages[1].depends_on == (new.stages[0].id,)
    assert new.stages[0].starts_at.year == 2027 and new.project.status is ProjectStatus.DRAFT
    (na,) = new.assignments
    assert na.status is Status.PLANNED and na.person_ids == (plan.p_sc.id,) and na.id != a.id


def test_move_stage_renumbers(db, plan) -> None:  # type: ignore[no-untyped-def]
    stages.move_stage(db, plan.s3.id, to_position=1)
    assert [s.title for s in queries.load_stages(db, plan.project.id)] == ["专家解读", "荣昌陶博物馆", "隆昌石牌坊"]
    assert [s.position for s in queries.load_stages(db, plan.project.id)] == [1, 2, 3]
    stages.reorder_stages(db, project_id=plan.project.id, stage_ids=[plan.s1.id, plan.s2.id, plan.s3.id])
    assert queries.load_stages(db, plan.project.id)[0].title == "荣昌陶博物馆"


@pytest.mark.parametrize("key", sorted(templates.TEMPLATES))
def test_project_from_template(db, key) -> None:  # type: ignore[no-untyped-def]
    spec = templates.TEMPLATES[key]
    stations = [("重庆西", "沙坪坝区"), "荣昌区"] if key == "infrastructure" else []
    row = templates.create_from_template(db, template=key, title=f"模板-{key}", starts_on="2026-12-01",
                                         stations=stations).row
    plan = queries.load_plan(db, row.id)
    assert plan.project.kind is spec.kind and plan.project.required_formats == spec.required_formats
    assert len(plan.stages) == len(spec.stages) + len(stations)
    assert any(s.depends_on for s in plan.stages)
    if key == "infrastructure":
        assert plan.stages[0].adcode == "500106000000" and plan.stages[1].adcode == "500153000000"
        assert [s.title for s in plan.stages][-3:] == ["前方体验采访", "中期专家解读", "后期影响评估"]


def test_resolve_references(db, plan) -> None:  # type: ignore[no-untyped-def]
    assert queries.resolve_project(db, "TY-1").id == plan.project.id
    assert queries.resolve_project(db, "巴蜀陶韵联合报道").id == plan.project.id
    assert queries.resolve_project(db, str(plan.project.id)).id == plan.project.id
    assert queries.resolve_project(db, plan.project.id.hex[:8]).id == plan.project.id
    assert queries.resolve_outlet(db, "隆昌市融媒体中心").id == plan.sc.id


def test_demo_data_is_realistic(demo_db) -> None:  # type: ignore[no-untyped-def]
    counts = queries.counts(demo_db)
    assert counts["outlets"] >= 240 and counts["alliances"] >= 5 and counts["people"] >= 100
    rail = queries.resolve_project(demo_db, "YKGT-2026")
    plan = queries.load_plan(demo_db, rail.id)
    assert len(plan.assignments) >= 40
    provinces = {plan.outlets[a.outlet_id].province_code for a in plan.assignments}
    tiers = {plan.outlets[a.outlet_id].tier for a in plan.assignments}
    assert provinces == {"50", "51"} and len(tiers) >= 3
    covered = {a.stage_id for a in plan.assignments}
    assert any(s.id not in covered for s in plan.stages)  # a gap on purpose
    names = {a.name for a in queries.list_alliances(demo_db)}
    assert {"天府融媒联合体", "涪江流域川渝九地媒体联盟"} <= names
    tianfu = next(a for a in queries.list_alliances(demo_db) if a.name == "天府融媒联合体")
    assert len(queries.list_memberships(demo_db, alliance_id=tianfu.id)) >= 200
