""""Revert this change": undo one change-log entry, as a command on the undo stack.

An edit is reverted by writing the fields back to their values before it — only if none of them
has changed since (else the message names the fields, and nothing is written); a status goes back
without the status machine (as an undo does), people are put back as they were. A record that an
entry created is deleted again — only while nothing else hangs on it (its notes, people and
dependencies go with it; a stage that has since got assignments is refused). A deleted record is
put back with its id and its values at the time (its former children are separate entries).
A note's changes are reverted by its author only, as the notes service allows only them to edit it.

:class:`Revert` plans the change the first time it is done and then behaves as the commands it is
made of, so undo and redo follow the program's history (:mod:`planner.services.commands`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Uuid, select

from planner.domain.changes import Changes, Snapshot
from planner.domain.enums import Action, Entity, Status
from planner.domain.errors import StaleError, ValidationError
from planner.domain.fields import INTERNAL, field_label
from planner.services import assignments, audit, history
from planner.services.commands import (
    DELETE,
    AddDependency,
    Command,
    Macro,
    RemoveDependency,
    SetPeople,
    Update,
    expected,
    history_step,
    noted,
    removed_ids,
)
from planner.services.unit import Tx, expecting, model_of, what
from planner.store.convert import as_mapping, to_json
from planner.store.database import Database
from planner.store.models import AssignmentPerson

#: kinds of record a history entry can be reverted for (settings are changed in 设置)
REVERTIBLE = frozenset({
    Entity.OUTLET, Entity.ALLIANCE, Entity.MEMBERSHIP, Entity.PERSON, Entity.PROJECT, Entity.STAGE,
    Entity.STAGE_DEPENDENCY, Entity.ASSIGNMENT, Entity.NOTE,
})
#: what may go with a record whose creation is reverted: its own parts, not others' work
_OWN_PARTS = frozenset({Entity.ASSIGNMENT_PERSON, Entity.NOTE, Entity.STAGE_DEPENDENCY})
_BIRTHS = frozenset({Action.CREATE, Action.IMPORT, Action.RESTORE})


def values_from_json(entity: Entity, values: dict[str, Any]) -> dict[str, Any]:
    """Logged JSON values back to the column types of ``entity`` (ids, times, dates)."""
    table = model_of(entity).__table__  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for key, value in values.items():
        column = table.columns.get(key)
        if column is None or value is None:
            out[key] = value
            continue
        kind = getattr(column.type, "impl", column.type)  # UTCDateTime decorates DateTime
        if isinstance(kind, Uuid) and not isinstance(value, uuid.UUID):
            out[key] = uuid.UUID(str(value))
        elif isinstance(kind, DateTime) and not isinstance(value, datetime):
            out[key] = datetime.fromisoformat(str(value))
        elif isinstance(kind, Date) and not isinstance(value, date):
            out[key] = date.fromisoformat(str(value))
        elif isinstance(kind, Boolean):
            out[key] = bool(value)
        elif isinstance(kind, Integer) and not isinstance(value, bool):
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _current(db: Database, entity: Entity, rid: uuid.UUID) -> dict[str, Any] | None:
    with db.reader() as s:
        obj = s.get(model_of(entity), rid)
        if obj is None:
            return None
        values = to_json(as_mapping(obj))
        if entity is Entity.ASSIGNMENT:
            people = s.execute(select(AssignmentPerson.person_id).where(AssignmentPerson.assignment_id == rid)).scalars()
            values["person_ids"] = sorted(str(p) for p in people)
        return values


def _same(name: str, now: Any, then: Any) -> bool:
    if name == "person_ids":
        return sorted(map(str, now or [])) == sorted(map(str, then or []))
    if isinstance(now, str) and isinstance(then, str):
        try:  # times written with and without microseconds, or another offset notation
            return datetime.fromisoformat(now) == datetime.fromisoformat(then)
        except ValueError:
            return now == then
    return now == then


def plan_revert(db: Database, entry: audit.HistoryEntry, lang: str = "zh") -> Command:
    """The command that undoes ``entry`` now, or a :class:`ValidationError` saying why it cannot."""
    if entry.entity not in REVERTIBLE:
        raise ValidationError("not_revertible", field="entry", what=what(entry.entity))
    current = _current(db, entry.entity, entry.entity_id) if entry.entity is not Entity.STAGE_DEPENDENCY else None
    if entry.entity is Entity.NOTE:
        _check_note_author(db, entry, current)
    if entry.action in _BIRTHS:
        return _revert_birth(db, entry, current)
    if entry.action is Action.DELETE:
        return _revert_delete(db, entry, current)
    if entry.before is None or entry.after is None:
        raise ValidationError("not_revertible", field="entry", what=what(entry.entity))
    if current is None:
        raise ValidationError("revert_gone", field="entry", what=what(entry.entity))
    names = [k for k in entry.after if k not in INTERNAL]
    if "position" in names:
        raise ValidationError("revert_position", field="entry")
    changed = [k for k in names if not _same(k, current.get(k), entry.after.get(k))]
    if changed:
        raise ValidationError("revert_changed_since", field="entry", fields=[field_label(k, "zh") for k in changed],
                              fields_en=[field_label(k, "en") for k in changed])
    back = values_from_json(entry.entity, {k: entry.before.get(k) for k in names})
    steps: list[Command] = []
    if entry.entity is Entity.ASSIGNMENT and ("status" in back or "reason" in back):
        steps.append(PutStatus(entry.entity_id, Status(back.pop("status", current["status"])),
                               back.pop("reason", current["reason"]), current["version"]))
    if entry.entity is Entity.ASSIGNMENT and "person_ids" in back:
        steps.append(SetPeople(entry.entity_id, [uuid.UUID(str(p)) for p in back.pop("person_ids") or []]))
    if back:
        steps.insert(0, Update(entry.entity, entry.entity_id, back, expected_version=current["version"]))
    return steps[0] if len(steps) == 1 else Macro(steps)


def _check_note_author(db: Database, entry: audit.HistoryEntry, current: dict[str, Any] | None) -> None:
    """Only a note's author changes or deletes it (:mod:`planner.services.notes`) — a revert too: it
    would delete someone else's note or put back words they have corrected."""
    record = current or entry.before or entry.after or {}
    author = str(record.get("author") or "")
    if author and author != db.desk:  # a legacy note (no author) stays anybody's, as in the notes service
        raise ValidationError("not_author", field="entry", author=author)


def _revert_birth(db: Database, entry: audit.HistoryEntry, current: dict[str, Any] | None) -> Command:
    if entry.entity is Entity.STAGE_DEPENDENCY:
        values = entry.after or {}
        return RemoveDependency(uuid.UUID(str(values["stage_id"])), uuid.UUID(str(values["depends_on_id"])))
    if current is None:
        raise ValidationError("revert_gone", field="entry", what=what(entry.entity))
    return DeleteAlone(entry.entity, entry.entity_id, current["version"])


def _revert_delete(db: Database, entry: audit.HistoryEntry, current: dict[str, Any] | None) -> Command:
    values = values_from_json(entry.entity, dict(entry.before or {}))
    if entry.entity is Entity.STAGE_DEPENDENCY:
        return AddDependency(values["stage_id"], values["depends_on_id"])
    if current is not None:
        raise ValidationError("revert_exists", field="entry", what=what(entry.entity))
    return Restore(entry.entity, Snapshot(entry.entity, values))


# -- the commands a revert is made of ---------------------------------------------------------------
@dataclass
class PutStatus(Command):
    """Put an assignment's status and reason back as they were (no status machine, like undo)."""

    assignment_id: uuid.UUID
    status: Status
    reason: str
    expected_version: int | None = None
    text: str = ""
    _before: tuple[Status, str] | None = None

    def do(self, db: Database) -> Changes:
        row = assignments.get_assignments(db, [self.assignment_id])
        if not row:
            raise StaleError(what=what(Entity.ASSIGNMENT))
        version = self.expected_version if self._before is None else expected(db, self.assignment_id)
        self._before = (row[0].status, row[0].reason)
        with history_step(Entity.ASSIGNMENT):
            return noted(db, assignments.revert_status(db, [(self.assignment_id, self.status, self.reason, version)]))

    def undo(self, db: Database) -> Changes:
        assert self._before is not None
        with history_step(Entity.ASSIGNMENT):
            return noted(db, assignments.revert_status(
                db, [(self.assignment_id, *self._before, expected(db, self.assignment_id))]))


@dataclass
class DeleteAlone(Command):
    """Delete a record with its own parts only; one others have built on is refused with a message."""

    entity: Entity
    id: uuid.UUID
    expected_version: int | None = None
    text: str = ""
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is not None:  # redo: exactly what the first delete took
            allowed = removed_ids(self._removed)
            check = _only(allowed)
            version = expected(db, self.id)
            with history_step(self.entity), expecting(check):
                self._removed = DELETE[self.entity](db, self.id, expected_version=version)
            return self._removed

        def alone(tx: Tx) -> None:
            others = [(e, k) for e, k in tx.deleted if k != self.id and e not in _OWN_PARTS]
            if others:
                kind = others[0][0]
                raise ValidationError("revert_has_dependents", field="entry", what=what(self.entity),
                                      count=len(others), kind=kind.zh, kind_en=kind.en.lower())

        with expecting(alone):
            self._removed = DELETE[self.entity](db, self.id, expected_version=self.expected_version)
        return self._removed

    def undo(self, db: Database) -> Changes:
        assert self._removed is not None
        with history_step(self.entity):
            return noted(db, history.restore(db, self._removed))


def _only(allowed: set[uuid.UUID]) -> Any:
    def check(tx: Tx) -> None:
        for entity, key in tx.deleted:
            if key not in allowed:
                raise StaleError(what=what(entity))
    return check


@dataclass
class Restore(Command):
    """Put a deleted record back with its id and logged values (undo deletes it again)."""

    entity: Entity
    snapshot: Snapshot
    text: str = ""

    def do(self, db: Database) -> Changes:
        try:
            return noted(db, history.restore(db, Changes(removed=(self.snapshot,))))
        except StaleError:
            if _current(db, self.entity, self.snapshot.values["id"]) is not None:
                raise ValidationError("revert_exists", field="entry", what=what(self.entity)) from None
            raise ValidationError("revert_cannot_restore", field="entry", what=what(self.entity)) from None

    def undo(self, db: Database) -> Changes:
        rid = self.snapshot.values["id"]
        with history_step(self.entity), expecting(_only({rid})):
            return DELETE[self.entity](db, rid, expected_version=expected(db, rid))


@dataclass
class Revert(Command):
    """Revert one change-log entry: planned when first done, then undone and redone as its parts."""

    entry_id: uuid.UUID
    text: str = ""
    lang: str = "zh"
    _inner: Command | None = field(default=None, repr=False)

    def do(self, db: Database) -> Changes:
        if self._inner is None:
            self._inner = plan_revert(db, audit.entry(db, self.entry_id, self.lang), self.lang)
        return self._inner.do(db)

    def undo(self, db: Database) -> Changes:
        assert self._inner is not None
        return self._inner.undo(db)


__all__ = ["REVERTIBLE", "DeleteAlone", "PutStatus", "Restore", "Revert", "plan_revert", "values_from_json"]
