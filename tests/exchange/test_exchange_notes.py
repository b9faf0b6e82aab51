"""Notes threads travel in plan bundles (format 2): notes, replies from other desks, deletions.

Desk A is the demo database, desk B an empty one with an editor of its own. A note keeps its id,
author, text and the time it was written on every desk; a deleted note travels as a tombstone; a
deletion that would take a note the deleter never saw is a conflict, not a silent loss.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest

from planner.domain.enums import Entity
from planner.domain.errors import ValidationError
from planner.services import assignments, notes
from planner.services import settings as desk_settings
from planner.services.exchange import BundleError, bundle_documents, export_bundle, import_bundle
from planner.services.queries import list_projects, load_plan
from planner.services.syncmeta import load_meta
from tests.exchange.conftest import dump


def _project(db):  # type: ignore[no-untyped-def]
    return next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")


def _send(src, dst, tmp_path: Path, name: str, **kwargs):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.jcp"
    export_bundle(src, _project(src).id, path)
    return import_bundle(dst, path, **kwargs)


def _threads(db) -> dict:  # type: ignore[no-untyped-def]
    """Every note of the project as (target, author, body, written at), by note id."""
    out = {}
    for target, rows in notes.project_threads(db, _project(db).id).items():
        for n in rows:
            out[n.id] = (target, n.author, n.body, n.created_at)
    return out


@pytest.fixture
def written(demo_db):  # type: ignore[no-untyped-def]
    """A stage note and an assignment note written at desk A by 王芳."""
    desk_settings.set_desk(demo_db, editor="王芳", outlet_id=None)
    plan = load_plan(demo_db, _project(demo_db).id)
    stage, assignment = plan.stages[0], plan.assignments[0]
    s_note = notes.create_note(demo_db, stage_id=stage.id, body="机位在南广场，提前半小时到").row
    a_note = notes.create_note(demo_db, assignment_id=assignment.id, body="稿件 800 字以内").row
    return stage, assignment, s_note, a_note


def test_notes_travel_and_a_reply_comes_back(demo_db, desk_b, tmp_path, written) -> None:  # type: ignore[no-untyped-def]
    _stage, assignment, s_note, a_note = written
    docs = bundle_documents(demo_db, _project(demo_db).id)
    assert {n["id"] for n in docs["notes.json"]} >= {str(s_note.id), str(a_note.id)}
    assert docs["manifest.json"]["counts"]["notes"] == len(docs["notes.json"])
    result = _send(demo_db, desk_b, tmp_path, "a1")
    assert not result.plan.conflicts
    assert _threads(desk_b) == _threads(demo_db)
    assert _threads(desk_b)[a_note.id][1:3] == ("王芳", "稿件 800 字以内")
    # B answers on the assignment; A gets the reply, with B's editor as its author
    desk_settings.set_desk(desk_b, editor="李雷", outlet_id=None)
    reply = notes.create_note(desk_b, assignment_id=assignment.id, body="收到，下午交稿").row
    back = _send(desk_b, demo_db, tmp_path, "b1")
    assert not back.plan.conflicts and back.plan.count("add") == 1
    assert _threads(demo_db)[reply.id][1:3] == ("李雷", "收到，下午交稿")
    assert _threads(demo_db) == _threads(desk_b)
    # a note is its author's: A may not change B's reply, B may correct it, and the correction travels
    with pytest.raises(ValidationError) as refused:
        notes.update_note(demo_db, reply.id, body="改别人的")
    assert refused.value.code == "not_author"
    notes.update_note(desk_b, reply.id, body="收到，四点前交稿")
    _send(desk_b, demo_db, tmp_path, "b2")
    assert _threads(demo_db)[reply.id][2] == "收到，四点前交稿"
    # importing the same bundle again changes nothing
    before = dump(demo_db)
    again = import_bundle(demo_db, tmp_path / "b2.jcp")
    assert not again.written and dump(demo_db) == before


def test_a_deleted_note_travels_as_a_tombstone(demo_db, desk_b, tmp_path, written) -> None:  # type: ignore[no-untyped-def]
    _stage, _assignment, s_note, a_note = written
    _send(demo_db, desk_b, tmp_path, "a1")
    notes.delete_note(demo_db, s_note.id)
    docs = bundle_documents(demo_db, _project(demo_db).id)
    assert any(t["entity"] == "note" and t["id"] == str(s_note.id) for t in docs["tombstones.json"])
    result = _send(demo_db, desk_b, tmp_path, "a2")
    assert not result.plan.conflicts
    assert s_note.id not in _threads(desk_b) and a_note.id in _threads(desk_b)
    with desk_b.reader() as s:
        assert load_meta(s, [s_note.id])[s_note.id].deleted


def test_deleting_an_assignment_with_a_note_the_deleter_never_saw_is_a_conflict(demo_db, desk_b, tmp_path,
                                                                                written) -> None:  # type: ignore[no-untyped-def]
    _stage, assignment, _s_note, a_note = written
    _send(demo_db, desk_b, tmp_path, "a1")
    desk_settings.set_desk(desk_b, editor="李雷", outlet_id=None)
    late = notes.create_note(desk_b, assignment_id=assignment.id, body="这条任务我们已经派人了").row
    assignments.delete_assignment(demo_db, assignment.id)  # A never saw B's note
    result = _send(demo_db, desk_b, tmp_path, "a2", prefer="mine")
    assert any(i.entity is Entity.ASSIGNMENT and i.local_id == assignment.id for i in result.plan.conflicts)
    # B kept the assignment and its own note; A's note went with A's deletion of it (its own tombstone)
    assert late.id in _threads(desk_b) and a_note.id not in _threads(desk_b)
    assert any(a.id == assignment.id for a in load_plan(desk_b, _project(desk_b).id).assignments)


def test_a_note_with_two_owners_or_none_is_refused(desk_b, tmp_path, demo_db, written) -> None:  # type: ignore[no-untyped-def]
    stage, assignment, _s, _a = written
    docs = bundle_documents(demo_db, _project(demo_db).id)
    for mutate, reason in (
        (lambda n: n.update(stage_id=str(stage.id), assignment_id=str(assignment.id)), "bad_record"),
        (lambda n: n.update(stage_id=None, assignment_id=None), "bad_record"),
        (lambda n: n.update(body="   "), "bad_record"),
        (lambda n: n.update(stage_id=str(uuid.uuid4()), assignment_id=None), "dangling"),
    ):
        bad = json.loads(json.dumps(docs))
        mutate(bad["notes.json"][0])
        path = tmp_path / f"bad-{reason}-{uuid.uuid4().hex[:6]}.jcp"
        with zipfile.ZipFile(path, "w") as zf:
            for name, doc in bad.items():
                zf.writestr(name, json.dumps(doc, ensure_ascii=False))
        before = dump(desk_b)
        with pytest.raises(BundleError) as err:
            import_bundle(desk_b, path)
        assert err.value.reason in (reason, "orphan", "missing"), err.value.text("en")
        assert err.value.text("zh") and err.value.text("en")
        assert dump(desk_b) == before
