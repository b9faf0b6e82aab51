"""Assignments (报道任务/派单): outlet × stage × format, their status and their people."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity, Format, Role, Status
from planner.domain.errors import StaleError, ValidationError
from planner.domain.rules import check_transition
from planner.domain.text import clean_line, clean_text
from planner.services.notes import add_in as add_note_in
from planner.services.notes import remove_notes_where
from planner.services.unit import Tx, unit, what
from planner.services.validate import datetime_value, enum_value, uuid_value
from planner.store.convert import as_mapping, assignment_row
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Note, Person

#: ``notes`` is the record's legacy opening note (see :mod:`planner.services.notes`): plan bundles of
#: format 1 still carry it; the app writes notes into the thread instead.
FIELDS = ("outlet_id", "role", "format", "due_at", "brief", "deliverable_url", "notes")


def clean_assignment(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("outlet_id", "stage_id"):
            out[key] = uuid_value(value, what="媒体单位" if key == "outlet_id" else "报道环节", field=key)
            if out[key] is None:
                raise ValidationError("empty", field=key, what="单位" if key == "outlet_id" else "环节")
        elif key == "role":
            out[key] = enum_value(Role, value, what="角色", field=key)
        elif key == "format":
            out[key] = enum_value(Format, value, what="形式", field=key)
        elif key == "due_at":
            out[key] = datetime_value(value, field=key)
        elif key == "brief":
            out[key] = clean_text(value, what="任务说明", field=key)
        elif key == "notes":
            out[key] = clean_text(value, what="备注", field=key)
        elif key == "deliverable_url":
            out[key] = clean_line(value, what="成品链接", field=key, required=False, max_len=500)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _people(tx: Tx, assignment_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
    return tuple(
        tx.s.execute(select(AssignmentPerson.person_id).where(AssignmentPerson.assignment_id == assignment_id)).scalars()
    )


def _check_people(tx: Tx, outlet_id: uuid.UUID, person_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    ids = list(dict.fromkeys(uuid_value(p, what="人员", field="person_ids") for p in person_ids))
    if not ids:
        return []
    found = {p.id: p for p in tx.s.execute(select(Person).where(Person.id.in_(ids))).scalars()}  # type: ignore[attr-defined]
    outlet = tx.get(Entity.OUTLET, outlet_id)
    for pid in ids:
        person = found.get(pid)  # type: ignore[arg-type]
        if person is None:
            raise ValidationError("not_found", field="person_ids", what="人员", ref=str(pid))
        if person.outlet_id != outlet_id:
            raise ValidationError("person_not_on_assignment", field="person_ids", person=person.name, outlet=outlet.name)
    return ids  # type: ignore[return-value]


def create_assignment(
    db: Database, *, stage_id: uuid.UUID, outlet_id: uuid.UUID, role: Role | str, format: Format | str,
    person_ids: Iterable[uuid.UUID] = (), status: Status | str = Status.PLANNED, id: uuid.UUID | None = None,
    notes: str = "", **fields: Any,
) -> Changes:
    """A new assignment; ``notes`` (optional) is the first entry of its notes thread."""
    with unit(db) as tx:
        values = clean_assignment({"stage_id": stage_id, "outlet_id": outlet_id, "role": role, "format": format, **fields})
        first_note = clean_text(notes, what="备注", field="notes")
        values["status"] = enum_value(Status, status, what="状态", field="status")
        tx.get(Entity.STAGE, values["stage_id"])
        tx.get(Entity.OUTLET, values["outlet_id"])
        people = _check_people(tx, values["outlet_id"], person_ids)
        obj = Assignment(**values, **({"id": id} if id else {}))
        tx.add(Entity.ASSIGNMENT, obj)
        tx.flush()
        for pid in people:
            tx.s.add(AssignmentPerson(assignment_id=obj.id, person_id=pid))
        if first_note:
            add_note_in(tx, body=first_note, assignment_id=obj.id)
        return tx.changes(row=assignment_row(obj.model_dump(), tuple(people)))


def update_assignment(
    db: Database, assignment_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any
) -> Changes:
    """Edit outlet, role, format, due time, brief, link or the legacy opening note.

    The status has its own call; notes are written into the thread (:mod:`planner.services.notes`).
    """
    if "status" in fields:
        raise ValidationError("invalid", field="status", detail="use set_status to change a status")
    with unit(db) as tx:
        values = clean_assignment(fields)
        if "outlet_id" in values:
            tx.get(Entity.OUTLET, values["outlet_id"])
            _check_people(tx, values["outlet_id"], _people(tx, assignment_id))
        after = tx.update(Entity.ASSIGNMENT, assignment_id, values, expected_version)
        return tx.changes(row=assignment_row(after, _people(tx, assignment_id)))


def set_status(
    db: Database, assignment_id: uuid.UUID, *, status: Status | str, reason: str = "",
    expected_version: int | None = None,
) -> Changes:
    """Move an assignment along the status machine (see :mod:`planner.domain.rules`)."""
    return set_status_many(
        db, [(assignment_id, expected_version)], status=status, reason=reason
    )


def set_status_many(
    db: Database, items: Iterable[tuple[uuid.UUID, int | None]] | Iterable[uuid.UUID], *, status: Status | str,
    reason: str = "", skip_illegal: bool = False,
) -> Changes:
    """Change the status of several assignments in one transaction.

    All or nothing unless ``skip_illegal``: then assignments that cannot make the move are left as
    they are and listed in ``Changes.rows`` as ``(id, error)`` pairs.
    """
    target = Status(enum_value(Status, status, what="状态", field="status"))
    reason = clean_text(reason, what="原因", field="reason", max_len=2000)
    skipped: list[tuple[uuid.UUID, ValidationError]] = []
    with unit(db) as tx:
        previous: dict[uuid.UUID, tuple[str, str]] = {}
        last = None
        for item in items:
            aid, version = item if isinstance(item, tuple) else (item, None)
            obj = tx.get(Entity.ASSIGNMENT, aid)
            src = Status(obj.status)
            try:
                check_transition(src, target, reason)
            except ValidationError as err:
                if not skip_illegal:
                    raise
                skipped.append((aid, err))
                continue
            previous[aid] = (obj.status, obj.reason)
            last = tx.update(
                Entity.ASSIGNMENT, aid, {"status": target.value, "reason": reason if reason else obj.reason}, version
            )
        changes = tx.changes(
            row=assignment_row(last, _people(tx, last["id"])) if last is not None else None, rows=tuple(skipped)
        )
        return changes


def set_people(
    db: Database, assignment_id: uuid.UUID, *, person_ids: Iterable[uuid.UUID], expected_version: int | None = None
) -> Changes:
    """Replace the people assigned; each must belong to the assignment's outlet."""
    with unit(db) as tx:
        obj = tx.get(Entity.ASSIGNMENT, assignment_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.ASSIGNMENT))
        new = _check_people(tx, obj.outlet_id, person_ids)
        old = list(_people(tx, assignment_id))
        if set(new) != set(old):
            tx.s.execute(AssignmentPerson.__table__.delete().where(AssignmentPerson.assignment_id == assignment_id))  # type: ignore[attr-defined]
            for pid in new:
                tx.s.add(AssignmentPerson(assignment_id=assignment_id, person_id=pid))
            after = tx.update(Entity.ASSIGNMENT, assignment_id, {}, None, log=False, touch=True)
            tx.previous["person_ids"] = old
            tx.log(
                Entity.ASSIGNMENT, assignment_id, Action.UPDATE,
                {"person_ids": [str(p) for p in old]}, {"person_ids": [str(p) for p in new]},
            )
            return tx.changes(row=assignment_row(after, tuple(new)))
        return tx.changes(row=assignment_row(as_mapping(obj), tuple(old)))


def delete_assignment(db: Database, assignment_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.ASSIGNMENT, assignment_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.ASSIGNMENT))
        tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.assignment_id == assignment_id)
        remove_notes_where(tx, Note.assignment_id == assignment_id)
        tx.remove(Entity.ASSIGNMENT, obj)
        return tx.changes()


def get_assignments(db: Database, ids: Iterable[uuid.UUID]) -> list[Any]:
    """Current rows of the given assignments (for commands that remember what they change)."""
    from planner.services.queries import load_assignments_by_id

    return load_assignments_by_id(db, list(ids))


def revert_status(
    db: Database, items: Iterable[tuple[uuid.UUID, Status | str, str] | tuple[uuid.UUID, Status | str, str, int | None]],
) -> Changes:
    """Put statuses back exactly as they were (undo of a status change; bypasses the machine).

    An item may end with the version the assignment must still have (undo passes it): one changed
    since by someone else is a :class:`StaleError` and no status is put back.
    """
    with unit(db) as tx:
        for aid, status, reason, *rest in items:
            version = rest[0] if rest else None
            tx.update(Entity.ASSIGNMENT, aid, {"status": Status(status).value, "reason": reason}, version)
        return tx.changes()
