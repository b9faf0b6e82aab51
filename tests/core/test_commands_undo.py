"""Undoable core commands: do, undo, redo give back exactly the earlier states, ids included."""

from __future__ import annotations

from planner.domain.enums import Entity, Status
from planner.services import commands as C
from planner.services import queries


def rows(dump):  # type: ignore[no-untyped-def]
    """The dump without the history that undo legitimately extends: the change log and the exchange
    metadata (an undone create leaves a tombstone, so that the deletion travels to other desks)."""
    return {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}


def test_create_undo_redo_keeps_the_id(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    before = rows(dump)
    cmd = C.Create(Entity.ASSIGNMENT, dict(stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                            person_ids=[plan.p_cq.id]))
    cmd.do(db)
    after = rows(dump)
    cmd.undo(db)
    assert rows(dump) == before
    cmd.do(db)
    assert rows(dump) == after
    assert queries.load_assignments_by_id(db, [cmd.created_id])[0].person_ids == (plan.p_cq.id,)


def test_update_undo_redo(db, plan) -> None:  # type: ignore[no-untyped-def]
    cmd = C.Update(Entity.STAGE, plan.s1.id, {"title": "荣昌陶文化博物馆", "adcode": "荣昌区"}, expected_version=1)
    cmd.do(db)
    assert queries.load_stages(db, plan.project.id)[0].title == "荣昌陶文化博物馆"
    cmd.undo(db)
    assert queries.load_stages(db, plan.project.id)[0].title == "荣昌陶博物馆"
    cmd.do(db)
    assert queries.load_stages(db, plan.project.id)[0].title == "荣昌陶文化博物馆"


def test_delete_undo_restores_everything(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    C.Create(Entity.ASSIGNMENT, dict(stage_id=plan.s2.id, outlet_id=plan.sc.id, role="lead", format="text",
                                     person_ids=[plan.p_sc.id])).do(db)
    before = rows(dump)
    cmd = C.Delete(Entity.STAGE, plan.s2.id)
    cmd.do(db)
    assert len(queries.load_stages(db, plan.project.id)) == 2
    cmd.undo(db)
    assert rows(dump) == before
    cmd.do(db)
    cmd.undo(db)
    assert rows(dump) == before


def test_status_and_people_and_moves(db, plan) -> None:  # type: ignore[no-untyped-def]
    created = C.Create(Entity.ASSIGNMENT, dict(stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text"))
    created.do(db)
    aid = created.created_id
    status = C.SetStatus([aid], Status.PUBLISHED)
    status.do(db)
    assert queries.load_assignments_by_id(db, [aid])[0].status is Status.PUBLISHED
    status.undo(db)  # undo goes straight back, no reason needed
    assert queries.load_assignments_by_id(db, [aid])[0].status is Status.PLANNED
    crew = C.SetPeople(aid, [plan.p_cq.id])
    crew.do(db)
    crew.undo(db)
    assert queries.load_assignments_by_id(db, [aid])[0].person_ids == ()
    move = C.MoveStage(plan.project.id, plan.s3.id, 1)
    move.do(db)
    move.undo(db)
    assert [s.id for s in queries.load_stages(db, plan.project.id)] == [plan.s1.id, plan.s2.id, plan.s3.id]
    dep = C.RemoveDependency(plan.s2.id, plan.s1.id)
    dep.do(db)
    assert queries.load_stages(db, plan.project.id)[1].depends_on == ()
    dep.undo(db)
    assert queries.load_stages(db, plan.project.id)[1].depends_on == (plan.s1.id,)


def test_macro_rolls_back_when_a_step_fails(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from planner.domain.errors import PlannerError

    before = rows(dump)
    macro = C.Macro([
        C.Create(Entity.ASSIGNMENT, dict(stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text")),
        C.Create(Entity.ASSIGNMENT, dict(stage_id=plan.s2.id, outlet_id=plan.cq.id, role="boss", format="text")),
    ])
    with pytest.raises(PlannerError):
        macro.do(db)
    assert rows(dump) == before
