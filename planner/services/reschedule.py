"""Moving things in time from a schedule: a stage's start and end, deadlines — one undo step each.

A drag on the 日程 page becomes one :class:`Reschedule` command holding a list of
:class:`TimeEdit`; :func:`set_times` applies them in one transaction, each row under its expected
version. Moving a whole stage carries its open deadlines along by the same amount (they belong to
the stage: copy is due a fixed time after it); resizing does not. A deadline the user drags may not
fall before its stage starts; deadlines carried along keep their offset and are not checked (the
demo's deliberate "deadline before its stage" stays as it was). Undo puts the exact previous values
back, refusing with a "changed elsewhere" error if someone edited the rows in between (the versions
follow the program's undo history, as every command's do).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import OPEN_STATUSES, Entity
from planner.domain.errors import ValidationError
from planner.domain.timefmt import fmt_datetime
from planner.services.commands import Command, expected, noted
from planner.services.unit import unit
from planner.services.validate import check_order, datetime_value
from planner.store.database import Database
from planner.store.models import Assignment, Stage

_TIME_FIELDS = {Entity.STAGE: ("starts_at", "ends_at"), Entity.ASSIGNMENT: ("due_at",)}


@dataclass(frozen=True)
class TimeEdit:
    """New times for one stage (``starts_at``/``ends_at``) or assignment (``due_at``).

    ``check``: a deadline the user moved himself is checked against its stage's start.
    """

    entity: Entity
    id: uuid.UUID
    values: dict[str, Any]
    expected_version: int | None = None
    check: bool = True


def set_times(db: Database, edits: list[TimeEdit], *, validate: bool = True) -> Changes:
    """Apply ``edits`` in one transaction; ``Changes.rows`` holds, per edit, ``(entity, id, previous
    values, version after)`` for undo.

    Raises:
        ValidationError: an end before its start, a stage without a time, or (``validate``) a checked
            deadline before its stage starts — nothing is changed.
        StaleError: a row is not at its expected version.
    """
    done: list[tuple[Entity, uuid.UUID, dict[str, Any], int]] = []
    with unit(db) as tx:
        new_starts: dict[uuid.UUID, datetime | None] = {}
        for edit in edits:
            if edit.entity not in _TIME_FIELDS or set(edit.values) - set(_TIME_FIELDS[edit.entity]):
                raise ValidationError("invalid", field="time", detail=f"{edit.entity.value}: {sorted(edit.values)}")
            if edit.entity is Entity.STAGE:
                values = {k: datetime_value(v, field=k) for k, v in edit.values.items()}
                current = tx.get(Entity.STAGE, edit.id)
                starts = values.get("starts_at", current.starts_at)
                if validate and starts is None:
                    raise ValidationError("no_time", field="starts_at", stage=current.title)
                check_order(starts, values.get("ends_at", current.ends_at), field="ends_at")
                new_starts[edit.id] = starts
        for edit in edits:
            values = {k: datetime_value(v, field=k) for k, v in edit.values.items()}
            if edit.entity is Entity.ASSIGNMENT and validate and edit.check and values.get("due_at") is not None:
                asg = tx.get(Entity.ASSIGNMENT, edit.id)
                stage = tx.get(Entity.STAGE, asg.stage_id)
                starts = new_starts.get(stage.id, stage.starts_at)
                if starts is not None and values["due_at"] < starts:
                    raise ValidationError(
                        "deadline_before_stage", field="due_at", stage=stage.title,
                        due=fmt_datetime(values["due_at"]), starts_at=fmt_datetime(starts),
                    )
            obj = tx.get(edit.entity, edit.id)
            previous = {k: getattr(obj, k) for k in values}
            after = tx.update(edit.entity, edit.id, values, edit.expected_version, touch=True)
            done.append((edit.entity, edit.id, previous, after["version"]))
        return tx.changes(rows=tuple(done))


def stage_move_edits(
    db: Database, stage_id: uuid.UUID, *, starts_at: datetime, ends_at: datetime | None,
    expected_version: int | None = None, carry_deadlines: bool = True,
) -> list[TimeEdit]:
    """The edits of moving (``carry_deadlines``) or resizing a stage to ``starts_at``–``ends_at``."""
    edits = [TimeEdit(Entity.STAGE, stage_id, {"starts_at": starts_at, "ends_at": ends_at}, expected_version)]
    if not carry_deadlines:
        return edits
    with db.reader() as s:
        stage = s.get(Stage, stage_id)
        if stage is None or stage.starts_at is None:
            return edits
        delta = starts_at - stage.starts_at
        if not delta:
            return edits
        rows = s.execute(
            select(Assignment.id, Assignment.due_at, Assignment.version).where(
                Assignment.stage_id == stage_id, Assignment.due_at.is_not(None),  # type: ignore[union-attr]
                Assignment.status.in_([st.value for st in OPEN_STATUSES]),  # type: ignore[attr-defined]
            )
        ).all()
    edits.extend(TimeEdit(Entity.ASSIGNMENT, aid, {"due_at": due + delta}, version, check=False) for aid, due, version in rows)
    return edits


@dataclass
class Reschedule(Command):
    """One drag on a schedule: several time edits done and undone together."""

    edits: list[TimeEdit]
    text: str = ""
    _undo: list[TimeEdit] = field(default_factory=list)

    def do(self, db: Database) -> Changes:
        """First time: the edits under the versions the schedule showed; redo: under the versions the
        program's history last left the rows at (:func:`planner.services.commands.expected`)."""
        if self._undo:
            edits = [TimeEdit(e.entity, e.id, e.values, expected(db, e.id, e.expected_version), e.check)
                     for e in self.edits]
        else:
            edits = self.edits
        changes = set_times(db, edits)
        self._undo = [TimeEdit(e, i, prev, version, check=False) for e, i, prev, version in changes.rows]
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        edits = [TimeEdit(e.entity, e.id, e.values, expected(db, e.id, e.expected_version), check=False)
                 for e in self._undo]
        return noted(db, set_times(db, edits, validate=False))


__all__ = ["Reschedule", "TimeEdit", "set_times", "stage_move_edits"]
