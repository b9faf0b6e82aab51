"""Notes threads of stages and assignments: write, correct and delete a note; read a thread.

Every note is written under this desk's identity (``Database.desk``: on a shared server, the
signed-in editor's) and may be changed or deleted by its author only — someone else's note is
answered with a new one. Each call is one transaction with its change-log entry; the undoable
commands are the generic ``Create``/``Update``/``Delete`` of :mod:`planner.services.commands`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import StaleError, ValidationError
from planner.domain.notes import MAX_NOTE_LEN, NoteRow
from planner.domain.text import clean_text
from planner.services.unit import Tx, unit, what
from planner.services.validate import uuid_value
from planner.store.database import Database
from planner.store.models import Assignment, Note, Stage

_COLUMNS = (Note.id, Note.stage_id, Note.assignment_id, Note.author, Note.body, Note.created_at, Note.updated_at,
            Note.version)
#: ids per ``IN (…)`` when reading the threads of many records at once
_CHUNK = 500


def note_row(m: Any) -> NoteRow:
    return NoteRow(id=m.id, stage_id=m.stage_id, assignment_id=m.assignment_id, author=m.author, body=m.body,
                   created_at=m.created_at, updated_at=m.updated_at, version=m.version)


def clean_body(value: object) -> str:
    body = clean_text(value, what="备注", field="body", max_len=MAX_NOTE_LEN)
    if not body:
        raise ValidationError("empty", field="body", what="备注")
    return body


def add_in(tx: Tx, *, body: str, stage_id: uuid.UUID | None = None, assignment_id: uuid.UUID | None = None,
           id: uuid.UUID | None = None) -> Note:
    """Write a note inside an open transaction (a stage or an assignment created with its first note)."""
    note = Note(stage_id=stage_id, assignment_id=assignment_id, author=tx.db.desk, body=clean_body(body),
                **({"id": id} if id else {}))
    tx.add(Entity.NOTE, note)
    return note


def create_note(db: Database, *, body: str, stage_id: uuid.UUID | None = None, assignment_id: uuid.UUID | None = None,
                id: uuid.UUID | None = None) -> Changes:
    """Add a note to the thread of a stage or of an assignment (exactly one of them)."""
    stage_id = uuid_value(stage_id, what="报道环节", field="stage_id")
    assignment_id = uuid_value(assignment_id, what="报道任务", field="assignment_id")
    if (stage_id is None) == (assignment_id is None):
        raise ValidationError("invalid", field="body", detail="备注属于一个环节或一项任务 / a note belongs to one stage or one assignment")
    with unit(db) as tx:
        if stage_id is not None:
            tx.get(Entity.STAGE, stage_id)
        else:
            tx.get(Entity.ASSIGNMENT, assignment_id)  # type: ignore[arg-type]
        note = add_in(tx, body=body, stage_id=stage_id, assignment_id=assignment_id, id=id)
        tx.flush()
        return tx.changes(row=note_row(note))


def _own(tx: Tx, note_id: uuid.UUID, expected_version: int | None) -> Note:
    note = tx.get(Entity.NOTE, note_id)
    if expected_version is not None and note.version != expected_version:
        raise StaleError(what=what(Entity.NOTE))
    if note.author and note.author != tx.db.desk:
        raise ValidationError("not_author", field="body", author=note.author)
    return note


def update_note(db: Database, note_id: uuid.UUID, *, expected_version: int | None = None, body: str) -> Changes:
    """Correct one's own note (the thread shows it as edited)."""
    with unit(db) as tx:
        _own(tx, note_id, expected_version)
        after = tx.update(Entity.NOTE, note_id, {"body": clean_body(body)}, expected_version)
        return tx.changes(row=note_row(_Values(after)))


def delete_note(db: Database, note_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    """Delete one's own note (undo brings it back with its date and author)."""
    with unit(db) as tx:
        note = _own(tx, note_id, expected_version)
        tx.remove(Entity.NOTE, note)
        return tx.changes()


def remove_notes_where(tx: Tx, *criteria: Any) -> None:
    """Delete the notes of records being deleted, keeping them for undo (the database would cascade silently)."""
    tx.remove_where(Entity.NOTE, *criteria)


class _Values:
    """Attribute access over a dict of column values (what ``Tx.update`` returns)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


# -- reading ---------------------------------------------------------------------------------------
def thread(db: Database, *, stage_id: uuid.UUID | None = None, assignment_id: uuid.UUID | None = None) -> list[NoteRow]:
    """The notes of one stage or one assignment, oldest first.

    A non-empty legacy ``notes`` field of the record comes first, as a read-only entry.
    """
    column = Note.stage_id if stage_id is not None else Note.assignment_id
    target = stage_id if stage_id is not None else assignment_id
    model = Stage if stage_id is not None else Assignment
    with db.engine.connect() as conn:
        rows = [note_row(r) for r in conn.execute(select(*_COLUMNS).where(column == target).order_by(Note.created_at, Note.id))]
        legacy = conn.execute(select(model.notes, model.created_at).where(model.id == target)).first()  # type: ignore[attr-defined]
    if legacy is not None and legacy[0]:
        rows.insert(0, NoteRow(id=target, stage_id=stage_id, assignment_id=assignment_id, author="", body=legacy[0],  # type: ignore[arg-type]
                               created_at=legacy[1], updated_at=legacy[1], version=0, legacy=True))
    return rows


def threads(db: Database, *, stage_ids: Iterable[uuid.UUID] = (), assignment_ids: Iterable[uuid.UUID] = ()
            ) -> dict[uuid.UUID, list[NoteRow]]:
    """The notes of many stages and assignments at once (record id → notes, oldest first; without
    the records' legacy fields, which the caller's rows already hold)."""
    out: dict[uuid.UUID, list[NoteRow]] = defaultdict(list)
    with db.engine.connect() as conn:
        for column, ids in ((Note.stage_id, list(stage_ids)), (Note.assignment_id, list(assignment_ids))):
            for start in range(0, len(ids), _CHUNK):
                q = select(*_COLUMNS).where(column.in_(ids[start:start + _CHUNK])).order_by(Note.created_at, Note.id)  # type: ignore[union-attr]
                for r in conn.execute(q):
                    row = note_row(r)
                    out[row.target_id].append(row)
    return dict(out)


def project_threads(db: Database, project_id: uuid.UUID, *, stages: bool = True, assignments: bool = True,
                    conn: Any = None) -> dict[uuid.UUID, list[NoteRow]]:
    """The notes of a project's stages and/or assignments (record id → notes, oldest first), one query each
    whatever the project's size; ``conn`` reads inside a caller's connection."""
    out: dict[uuid.UUID, list[NoteRow]] = defaultdict(list)
    stage_ids = select(Stage.id).where(Stage.project_id == project_id)
    assignment_ids = select(Assignment.id).where(Assignment.stage_id.in_(stage_ids))  # type: ignore[attr-defined]
    wheres = ([Note.stage_id.in_(stage_ids)] if stages else []) + \
        ([Note.assignment_id.in_(assignment_ids)] if assignments else [])  # type: ignore[union-attr]

    def read(c: Any) -> None:
        for where in wheres:
            for r in c.execute(select(*_COLUMNS).where(where).order_by(Note.created_at, Note.id)):
                row = note_row(r)
                out[row.target_id].append(row)

    if conn is not None:
        read(conn)
    else:
        with db.engine.connect() as c:
            read(c)
    return dict(out)


def with_thread(legacy: str, notes: list[NoteRow]) -> str:
    """A record's notes as one text: its legacy field, if any, then one line per note."""
    from planner.domain.notes import thread_text

    return "\n".join(t for t in (legacy, thread_text(notes)) if t)


def note_counts(db: Database, assignment_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many notes each of these assignments has (for a column or a badge)."""
    ids = list(assignment_ids)
    out: dict[uuid.UUID, int] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            q = (select(Note.assignment_id, func.count()).where(Note.assignment_id.in_(ids[start:start + _CHUNK]))  # type: ignore[union-attr]
                 .group_by(Note.assignment_id))
            out.update({aid: n for aid, n in conn.execute(q)})
    return out
