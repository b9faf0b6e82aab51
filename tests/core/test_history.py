"""History read back from the change log (per item, per project, filtered) and "revert this change"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from planner.domain.enums import Action, Entity, Status
from planner.domain.errors import ValidationError, error_text
from planner.domain.fields import value_text
from planner.services import assignments, audit, commands, notes, queries, settings, stages
from planner.services.revert import Revert


def _no_log(dump):  # type: ignore[no-untyped-def]
    return {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}


def _stage(db, sid):  # type: ignore[no-untyped-def]
    return next(s for s in queries.load_stages(db, stages_project(db, sid)) if s.id == sid)


def stages_project(db, sid):  # type: ignore[no-untyped-def]
    from planner.services.assignment_queries import project_of

    return project_of(db, stage_id=sid)[0]


def _entries(db, **kw):  # type: ignore[no-untyped-def]
    return audit.history(db, audit.HistoryFilter(**kw))


def test_an_items_history_lists_who_changed_which_fields_before_and_after(db, plan) -> None:  # type: ignore[no-untyped-def]
    settings.set_desk(db, editor="王芳", outlet_id=plan.cq.id)
    stages.update_stage(db, plan.s1.id, title="荣昌陶文化博物馆", starts_at="2026-03-02 10:00")
    note = notes.create_note(db, stage_id=plan.s1.id, body="北门进").row
    notes.delete_note(db, note.id)
    found = _entries(db, entity_id=plan.s1.id)
    assert [(e.entity, e.action) for e in found] == [
        (Entity.NOTE, Action.DELETE), (Entity.NOTE, Action.CREATE), (Entity.STAGE, Action.UPDATE),
        (Entity.STAGE, Action.CREATE),
    ]
    edit = found[2]
    assert edit.desk == "王芳（荣昌区融媒体中心）" and edit.label == "荣昌陶文化博物馆"
    assert {c.name: (c.before, c.after) for c in edit.changes} == {
        "title": ("荣昌陶博物馆", "荣昌陶文化博物馆"),
        "starts_at": ("2026-03-02T01:00:00+00:00", "2026-03-02T02:00:00+00:00"),
    }
    starts = next(c for c in edit.changes if c.name == "starts_at")
    assert value_text("stage", "starts_at", starts.after, "zh") == "2026年3月2日 10:00"
    assert value_text("stage", "starts_at", starts.after, "en") == "2026-03-02 10:00"
    assert found[0].label == "北门进"  # a deleted note is named by its logged text


def test_a_projects_history_keeps_deleted_records_and_filters(db, plan) -> None:  # type: ignore[no-untyped-def]
    settings.set_desk(db, editor="王芳", outlet_id=None)
    a = assignments.create_assignment(db, stage_id=plan.s2.id, outlet_id=plan.sc.id, role="lead", format="text").row
    settings.set_desk(db, editor="李强", outlet_id=None)
    assignments.set_status(db, a.id, status="confirmed")
    stages.delete_stage(db, plan.s2.id)
    every = _entries(db, project_id=plan.project.id)
    ids = {e.entity_id for e in every}
    assert {plan.project.id, plan.s1.id, plan.s2.id, plan.s3.id, a.id} <= ids
    deleted = next(e for e in every if e.entity_id == plan.s2.id and e.action is Action.DELETE)
    assert deleted.label == "隆昌石牌坊" and deleted.desk == "李强"
    assert {e.entity_id for e in _entries(db, project_id=plan.project.id, desk="王芳")} == {a.id}
    assert [e.action for e in _entries(db, project_id=plan.project.id, kinds=(Entity.ASSIGNMENT,))] == [
        Action.UPDATE, Action.CREATE]
    assert _entries(db, project_id=plan.project.id, since=datetime.now(UTC) + timedelta(minutes=1)) == []
    assert all(e.action is Action.DELETE for e in _entries(db, project_id=plan.project.id, actions=(Action.DELETE,)))
    page = _entries(db, project_id=plan.project.id, limit=2)
    older = _entries(db, project_id=plan.project.id, older_than=page[-1].at)
    assert len(page) == 2 and all(e.at < page[-1].at for e in older)
    assert "王芳" in audit.desks(db, plan.project.id) and "李强" in audit.desks(db)


def test_entities_are_found_by_an_id_prefix(db, plan) -> None:  # type: ignore[no-untyped-def]
    assert audit.resolve_entity(db, str(plan.s1.id)[:8]) == plan.s1.id
    assert audit.resolve_entity(db, str(plan.s1.id)) == plan.s1.id
    for bad in ("xyz", "12", "zzzzzzzz"):
        with pytest.raises(ValidationError):
            audit.resolve_entity(db, bad)


def _last(db, rid, action=Action.UPDATE):  # type: ignore[no-untyped-def]
    return next(e for e in _entries(db, entity_id=rid) if e.action is action and e.entity_id == rid)


def test_revert_an_edit_is_one_undoable_step(db, plan) -> None:  # type: ignore[no-untyped-def]
    stages.update_stage(db, plan.s1.id, title="荣昌陶文化博物馆", location="安陶小镇")
    cmd = Revert(_last(db, plan.s1.id).id)
    cmd.do(db)
    row = _stage(db, plan.s1.id)
    assert (row.title, row.location) == ("荣昌陶博物馆", "")
    cmd.undo(db)
    assert _stage(db, plan.s1.id).title == "荣昌陶文化博物馆"
    cmd.do(db)
    assert _stage(db, plan.s1.id).title == "荣昌陶博物馆"


def test_revert_is_refused_when_the_fields_changed_since(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    stages.update_stage(db, plan.s1.id, title="荣昌陶文化博物馆")
    entry = _last(db, plan.s1.id)
    stages.update_stage(db, plan.s1.id, title="荣昌安陶博物馆")
    before = dump()
    with pytest.raises(ValidationError) as info:
        Revert(entry.id).do(db)
    assert info.value.code == "revert_changed_since"
    assert "标题" in error_text(info.value, "zh") and "Title" in error_text(info.value, "en")
    assert dump() == before


def test_revert_status_and_people(db, plan) -> None:  # type: ignore[no-untyped-def]
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text").row
    assignments.set_status(db, a.id, status="published")
    status_entry = _last(db, a.id)
    assignments.set_people(db, a.id, person_ids=[plan.p_cq.id])
    people_entry = _last(db, a.id)
    assert people_entry.field_names == ("person_ids",)
    Revert(people_entry.id).do(db)
    assert queries.load_assignments_by_id(db, [a.id])[0].person_ids == ()
    cmd = Revert(status_entry.id)
    cmd.do(db)  # published → planned: no reason asked, as an undo
    assert queries.load_assignments_by_id(db, [a.id])[0].status is Status.PLANNED
    cmd.undo(db)
    assert queries.load_assignments_by_id(db, [a.id])[0].status is Status.PUBLISHED


def test_revert_a_creation_deletes_the_record_with_its_own_parts(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    before = _no_log(dump)
    a = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                      person_ids=[plan.p_cq.id], notes="带三脚架").row
    made = _no_log(dump)
    cmd = Revert(_last(db, a.id, Action.CREATE).id)
    cmd.do(db)
    assert _no_log(dump) == before
    cmd.undo(db)
    assert _no_log(dump) == made
    cmd.do(db)
    assert _no_log(dump) == before


def test_revert_a_creation_others_built_on_is_refused(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text")
    before = dump()
    with pytest.raises(ValidationError) as info:
        Revert(_last(db, plan.s1.id, Action.CREATE).id).do(db)
    assert info.value.code == "revert_has_dependents"
    assert "1 项报道任务" in error_text(info.value, "zh") and "1 assignment" in error_text(info.value, "en")
    assert dump() == before


def test_revert_a_deletion_puts_the_record_back(db, plan) -> None:  # type: ignore[no-untyped-def]
    note = notes.create_note(db, stage_id=plan.s1.id, body="保留这条").row
    notes.delete_note(db, note.id)
    entry = _last(db, note.id, Action.DELETE)
    cmd = Revert(entry.id)
    cmd.do(db)
    assert [n.id for n in notes.thread(db, stage_id=plan.s1.id)] == [note.id]
    assert notes.thread(db, stage_id=plan.s1.id)[0].created_at == note.created_at
    with pytest.raises(ValidationError) as info:
        Revert(entry.id).do(db)
    assert info.value.code == "revert_exists"
    cmd.undo(db)
    assert notes.thread(db, stage_id=plan.s1.id) == []


def test_what_cannot_be_reverted_says_why(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    commands.MoveStage(plan.project.id, plan.s3.id, 1).do(db)
    settings.set_desk(db, editor="王芳", outlet_id=None)
    stages.update_stage(db, plan.s2.id, title="隆昌石牌坊群")
    gone = _last(db, plan.s2.id)
    stages.delete_stage(db, plan.s2.id)
    before = dump()
    position = next(e for e in _entries(db, entity_id=plan.s3.id) if "position" in e.field_names)
    setting = next(e for e in _entries(db, kinds=(Entity.SETTING,)))
    for entry, code in ((position, "revert_position"), (setting, "not_revertible"), (gone, "revert_gone")):
        with pytest.raises(ValidationError) as info:
            Revert(entry.id).do(db)
        assert info.value.code == code
        assert error_text(info.value, "zh") and error_text(info.value, "en")
    assert dump() == before


def test_only_a_notes_author_reverts_its_changes(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    settings.set_desk(db, editor="王芳", outlet_id=None)
    note = notes.create_note(db, stage_id=plan.s1.id, body="请带三脚架").row
    notes.update_note(db, note.id, expected_version=1, body="请带两个三脚架")
    edit, birth = _last(db, note.id), _last(db, note.id, Action.CREATE)
    assert birth.action is Action.CREATE and edit.action is Action.UPDATE
    settings.set_desk(db, editor="李强", outlet_id=None)
    before = dump()
    for entry in (edit, birth):  # neither put back her old words nor delete her note
        with pytest.raises(ValidationError) as info:
            Revert(entry.id).do(db)
        assert info.value.code == "not_author" and "王芳" in error_text(info.value, "zh")
    assert dump() == before
    settings.set_desk(db, editor="王芳", outlet_id=None)
    Revert(edit.id).do(db)  # the author may
    assert notes.thread(db, stage_id=plan.s1.id)[-1].body == "请带三脚架"
