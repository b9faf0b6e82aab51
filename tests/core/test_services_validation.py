"""Every bad input raises a typed error and leaves the database exactly as it was."""

from __future__ import annotations

import uuid

import pytest

from planner.domain.errors import (
    CycleError,
    DuplicateError,
    IllegalTransitionError,
    NotFoundError,
    PlannerError,
    StaleError,
    ValidationError,
    error_text,
)
from planner.services import alliances, assignments, outlets, people, projects, stages

BAD_CALLS = {
    "empty outlet name": lambda db, p: outlets.create_outlet(db, name="   ", tier="county"),
    "control chars in name": lambda db, p: outlets.create_outlet(db, name="荣昌\x07融媒", tier="county"),
    "duplicate outlet (width/space folded)": lambda db, p: outlets.create_outlet(db, name=" 荣昌区融媒体中心", tier="county"),
    "unknown tier": lambda db, p: outlets.create_outlet(db, name="新单位", tier="galactic"),
    "unknown place code": lambda db, p: outlets.create_outlet(db, name="新单位", tier="county", adcode="999999"),
    "unknown place name": lambda db, p: outlets.create_outlet(db, name="新单位", tier="county", adcode="不存在县"),
    "negative capacity": lambda db, p: outlets.create_outlet(db, name="新单位", tier="county", capacity="-3"),
    "unknown format": lambda db, p: outlets.create_outlet(db, name="新单位", tier="county", formats=["全息"]),
    "own parent": lambda db, p: outlets.update_outlet(db, p.cq.id, parent_id=p.cq.id),
    "rename to duplicate": lambda db, p: outlets.update_outlet(db, p.sc.id, name="荣昌区融媒体中心"),
    "duplicate alliance": lambda db, p: (alliances.create_alliance(db, name="联盟", kind="bilateral"),
                                         alliances.create_alliance(db, name="联盟", kind="ad_hoc")),
    "project end before start": lambda db, p: projects.create_project(
        db, title="新项目", starts_on="2026-05-02", ends_on="2026-05-01"),
    "wrong date": lambda db, p: projects.create_project(db, title="新项目", starts_on="2026-02-30"),
    "not a date": lambda db, p: projects.create_project(db, title="新项目", starts_on="明天"),
    "duplicate project title": lambda db, p: projects.create_project(db, title="巴蜀陶韵联合报道"),
    "duplicate project code": lambda db, p: projects.create_project(db, title="别的项目", code="TY-1"),
    "stage end before start": lambda db, p: stages.create_stage(
        db, project_id=p.project.id, title="新环节", starts_at="2026-03-05 10:00", ends_at="2026-03-05 09:00"),
    "stage edit end before start": lambda db, p: stages.update_stage(db, p.s1.id, ends_at="2026-03-01 08:00"),
    "duplicate stage title": lambda db, p: stages.create_stage(db, project_id=p.project.id, title="荣昌陶博物馆"),
    "stage unknown place": lambda db, p: stages.create_stage(db, project_id=p.project.id, title="x", adcode="123"),
    "stage in missing project": lambda db, p: stages.create_stage(db, project_id=uuid.uuid4(), title="x"),
    "dependency cycle": lambda db, p: stages.add_dependency(db, stage_id=p.s1.id, depends_on=p.s3.id),
    "self dependency": lambda db, p: stages.add_dependency(db, stage_id=p.s1.id, depends_on=p.s1.id),
    "duplicate dependency": lambda db, p: stages.add_dependency(db, stage_id=p.s2.id, depends_on=p.s1.id),
    "person from another outlet": lambda db, p: assignments.create_assignment(
        db, stage_id=p.s1.id, outlet_id=p.cq.id, role="lead", format="text", person_ids=[p.p_sc.id]),
    "unknown role": lambda db, p: assignments.create_assignment(
        db, stage_id=p.s1.id, outlet_id=p.cq.id, role="boss", format="text"),
    "missing outlet": lambda db, p: assignments.create_assignment(
        db, stage_id=p.s1.id, outlet_id=uuid.uuid4(), role="lead", format="text"),
    "empty person name": lambda db, p: people.create_person(db, outlet_id=p.cq.id, name="", role="editor"),
    "duplicate person in outlet": lambda db, p: people.create_person(db, outlet_id=p.cq.id, name="张敏", role="editor"),
    "bad e-mail": lambda db, p: people.create_person(db, outlet_id=p.cq.id, name="王五", role="editor", email="nope"),
    "stale outlet edit": lambda db, p: outlets.update_outlet(db, p.cq.id, expected_version=99, notes="x"),
    "delete outlet in use": lambda db, p: (
        assignments.create_assignment(db, stage_id=p.s1.id, outlet_id=p.cq.id, role="lead", format="text"),
        outlets.delete_outlet(db, p.cq.id)),
}


@pytest.mark.parametrize("case", sorted(BAD_CALLS))
def test_bad_input_is_refused_and_database_unchanged(case, db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    call = BAD_CALLS[case]
    if case in ("duplicate alliance", "delete outlet in use"):
        # The first half of these cases is a legitimate write; snapshot after it.
        with pytest.raises(PlannerError) as info:
            call(db, plan)
        before = dump()
        with pytest.raises(PlannerError):
            call(db, plan) if case == "duplicate alliance" else outlets.delete_outlet(db, plan.cq.id)
        assert dump() == before
    else:
        before = dump()
        with pytest.raises(PlannerError) as info:
            call(db, plan)
        assert dump() == before
    message = error_text(info.value, "zh")
    assert message and "{" not in message, message
    assert error_text(info.value, "en")


def test_error_types_are_specific(db, plan) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DuplicateError):
        outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county")
    with pytest.raises(CycleError) as cycle:
        stages.add_dependency(db, stage_id=plan.s1.id, depends_on=plan.s3.id)
    assert "荣昌陶博物馆" in error_text(cycle.value) and "专家解读" in error_text(cycle.value)
    with pytest.raises(StaleError):
        outlets.update_outlet(db, plan.cq.id, expected_version=5, notes="x")
    with pytest.raises(NotFoundError):
        projects.update_project(db, uuid.uuid4(), title="x")
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text").row
    with pytest.raises(IllegalTransitionError):
        assignments.set_status(db, a.id, status="planned")
    err = ValidationError("empty", what="名称")
    assert error_text(err, "en") == "The name must not be empty."


def test_person_outlet_mismatch_on_outlet_change(db, plan) -> None:  # type: ignore[no-untyped-def]
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                      person_ids=[plan.p_cq.id]).row
    with pytest.raises(ValidationError) as info:
        assignments.update_assignment(db, a.id, outlet_id=plan.sc.id)
    assert info.value.code == "person_not_on_assignment"
    with pytest.raises(ValidationError):
        assignments.set_people(db, a.id, person_ids=[plan.p_sc.id])
