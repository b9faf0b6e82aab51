"""Undoable commands over the services (the core half of undo; ``planner.ui.undo`` wraps them).

A command is pushed, not applied: ``do()`` runs the service the first time and on every redo,
``undo()`` runs the inverse. A delete keeps every removed record so undo restores it with the
same id; a create is redone by restoring the record it made.

Every undo and redo step carries the versions it expects — those the rows had right after the
previous step of this program's history (:attr:`Database.undo_versions`, which every step
updates: an undo is itself a write and moves a row's version on) — so on a shared server (or with
a second window) a row that someone else changed in between is refused with the normal "changed
elsewhere" :class:`StaleError` instead of being silently overwritten. A delete inside undo or redo may remove only the records the step removed
before (:func:`planner.services.unit.expecting`): a stage someone has meanwhile given an
assignment is not taken away with its new child.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from planner.domain.changes import Changes
from planner.domain.enums import Entity, Status
from planner.domain.errors import DuplicateError, NotFoundError, StaleError, ValidationError
from planner.services import (
    alliances,
    assignments,
    availability,
    history,
    notes,
    outlets,
    people,
    projects,
    series,
    stages,
)
from planner.services.unit import Tx, expecting, what
from planner.store.database import Database

CREATE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.create_outlet,
    Entity.ALLIANCE: alliances.create_alliance,
    Entity.PERSON: people.create_person,
    Entity.PROJECT: projects.create_project,
    Entity.STAGE: stages.create_stage,
    Entity.ASSIGNMENT: assignments.create_assignment,
    Entity.MEMBERSHIP: alliances.add_member,
    Entity.AVAILABILITY: availability.create_availability,
    Entity.NOTE: notes.create_note,
    Entity.SERIES: series.create_series,
}
UPDATE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.update_outlet,
    Entity.ALLIANCE: alliances.update_alliance,
    Entity.PERSON: people.update_person,
    Entity.PROJECT: projects.update_project,
    Entity.STAGE: stages.update_stage,
    Entity.ASSIGNMENT: assignments.update_assignment,
    Entity.MEMBERSHIP: alliances.update_member,
    Entity.AVAILABILITY: availability.update_availability,
    Entity.NOTE: notes.update_note,
}
DELETE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.delete_outlet,
    Entity.ALLIANCE: alliances.delete_alliance,
    Entity.PERSON: people.delete_person,
    Entity.PROJECT: projects.delete_project,
    Entity.STAGE: stages.delete_stage,
    Entity.ASSIGNMENT: assignments.delete_assignment,
    Entity.MEMBERSHIP: alliances.remove_member,
    Entity.AVAILABILITY: availability.delete_availability,
    Entity.NOTE: notes.delete_note,
    Entity.SERIES: series.delete_series,
}


@contextmanager
def history_step(entity: Entity) -> Iterator[None]:
    """An undo or redo step: a record gone or already back means someone else changed it."""
    try:
        yield
    except (NotFoundError, DuplicateError) as err:
        raise StaleError(what=what(entity)) from err
    except ValidationError as err:
        if err.code in ("not_found", "duplicate"):
            raise StaleError(what=what(entity)) from err
        raise


def delete_expecting(db: Database, entity: Entity, row_id: uuid.UUID, *, version: int | None,
                     allowed: set[uuid.UUID]) -> Changes:
    """Delete a row in an undo/redo step: it must still have ``version`` and take only ``allowed`` records."""

    def check(tx: Tx) -> None:
        for removed_entity, key in tx.deleted:
            if key not in allowed:
                raise StaleError(what=what(removed_entity))

    with history_step(entity), expecting(check):
        return DELETE[entity](db, row_id, expected_version=version)


def restore_expecting(db: Database, entity: Entity, removed: Changes) -> Changes:
    """Put back what a delete removed (an undo/redo step; refused if anything changed meanwhile)."""
    with history_step(entity):
        return history.restore(db, removed)


def noted(db: Database, changes: Changes) -> Changes:
    """Remember the versions a step left its rows at, for the next undo or redo step."""
    db.undo_versions.update(changes.versions)
    return changes


def expected(db: Database, row_id: uuid.UUID | None, own: int | None = None) -> int | None:
    """The version an undo/redo step expects ``row_id`` to have: where the history last left it."""
    return db.undo_versions.get(row_id, own)


def removed_ids(changes: Changes) -> set[uuid.UUID]:
    return {key for _entity, key in changes.deleted}


def created_ids(changes: Changes) -> set[uuid.UUID]:
    return {key for _entity, key in changes.created}


class Command:
    """Base: ``text`` is what the Edit menu shows ("撤销 新建项目")."""

    text: str = ""

    def do(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(kw_only=True)
class MakesRecord(Command):
    """A step that makes one record (and whatever comes with it): undone by deleting exactly what it
    made, at the version it left — a colleague's later edit or addition is refused, not undone — and
    redone by restoring those records with their ids. Subclasses say what they make (:meth:`kind`)
    and how (:meth:`make`)."""

    text: str = ""
    created_id: uuid.UUID | None = None
    _removed: Changes | None = None
    _made: set[uuid.UUID] = field(default_factory=set)

    def kind(self) -> Entity:  # pragma: no cover - abstract
        raise NotImplementedError

    def make(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = restore_expecting(db, self.kind(), self._removed)
            self._removed = None
        else:
            changes = self.make(db)
            self.created_id = changes.row.id
            self._made = created_ids(changes) | {self.created_id}
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        assert self.created_id is not None
        self._removed = delete_expecting(db, self.kind(), self.created_id, version=expected(db, self.created_id),
                                         allowed=self._made)
        return self._removed


@dataclass
class Create(MakesRecord):
    entity: Entity
    fields: dict[str, Any]

    def kind(self) -> Entity:
        return self.entity

    def make(self, db: Database) -> Changes:
        return CREATE[self.entity](db, **self.fields)


@dataclass
class Update(Command):
    entity: Entity
    id: uuid.UUID
    fields: dict[str, Any]
    text: str = ""
    expected_version: int | None = None
    _previous: dict[str, Any] = field(default_factory=dict)
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if self._done_once:
            with history_step(self.entity):
                changes = UPDATE[self.entity](db, self.id, expected_version=expected(db, self.id), **self.fields)
        else:
            changes = UPDATE[self.entity](db, self.id, expected_version=self.expected_version, **self.fields)
            self._previous = {k: v for k, v in changes.previous.items() if k in self.fields}
            self._done_once = True
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        with history_step(self.entity):
            changes = UPDATE[self.entity](db, self.id, expected_version=expected(db, self.id), **self._previous)
        return noted(db, changes)


@dataclass
class Delete(Command):
    entity: Entity
    id: uuid.UUID
    text: str = ""
    expected_version: int | None = None
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is None:
            self._removed = DELETE[self.entity](db, self.id, expected_version=self.expected_version)
        else:  # redo: exactly what the first delete took, at the versions undo put back
            self._removed = delete_expecting(db, self.entity, self.id, version=expected(db, self.id),
                                             allowed=removed_ids(self._removed))
        return self._removed

    def undo(self, db: Database) -> Changes:
        assert self._removed is not None
        return noted(db, restore_expecting(db, self.entity, self._removed))


@dataclass
class SetStatus(Command):
    ids: list[uuid.UUID]
    status: Status
    reason: str = ""
    text: str = ""
    skip_illegal: bool = False
    _before: list[tuple[uuid.UUID, Status, str]] = field(default_factory=list)
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if not self._done_once:
            before = {a.id: (a.status, a.reason) for a in assignments.get_assignments(db, self.ids)}
            changes = assignments.set_status_many(db, self.ids, status=self.status, reason=self.reason,
                                                  skip_illegal=self.skip_illegal)
            skipped = {aid for aid, _ in changes.rows}
            self._before = [(aid, *before[aid]) for aid in self.ids if aid not in skipped and aid in before]
            self._done_once = True
        else:  # redo: only the assignments the first time moved, each at its version after undo
            items = [(aid, expected(db, aid)) for aid, _status, _reason in self._before]
            with history_step(Entity.ASSIGNMENT):
                changes = assignments.set_status_many(db, items, status=self.status, reason=self.reason)
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        items = [(aid, status, reason, expected(db, aid)) for aid, status, reason in self._before]
        with history_step(Entity.ASSIGNMENT):
            changes = assignments.revert_status(db, items)
        return noted(db, changes)


@dataclass
class SetPeople(Command):
    assignment_id: uuid.UUID
    person_ids: list[uuid.UUID]
    text: str = ""
    _before: list[uuid.UUID] = field(default_factory=list)
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if self._done_once:
            with history_step(Entity.ASSIGNMENT):
                changes = assignments.set_people(db, self.assignment_id, person_ids=self.person_ids,
                                                 expected_version=expected(db, self.assignment_id))
        else:
            changes = assignments.set_people(db, self.assignment_id, person_ids=self.person_ids)
            self._before = list(changes.previous.get("person_ids", self._before))
            self._done_once = True
        return self._noted(db, changes)

    def undo(self, db: Database) -> Changes:
        with history_step(Entity.ASSIGNMENT):
            changes = assignments.set_people(db, self.assignment_id, person_ids=self._before,
                                             expected_version=expected(db, self.assignment_id))
        return self._noted(db, changes)

    def _noted(self, db: Database, changes: Changes) -> Changes:
        noted(db, changes)
        if self.assignment_id not in changes.versions and changes.row is not None:  # nothing changed
            db.undo_versions[self.assignment_id] = changes.row.version
        return changes


@dataclass
class MoveStage(Command):
    project_id: uuid.UUID
    stage_id: uuid.UUID
    to_position: int
    text: str = ""
    _order: list[uuid.UUID] = field(default_factory=list)
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if not self._done_once:
            from planner.services.queries import load_stages

            self._order = [s.id for s in load_stages(db, self.project_id)]
            changes = stages.move_stage(db, self.stage_id, to_position=self.to_position)
            self._done_once = True
        else:
            with history_step(Entity.STAGE):
                changes = stages.move_stage(db, self.stage_id, to_position=self.to_position,
                                            expected_versions=self._expected(db))
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        with history_step(Entity.STAGE):
            changes = stages.reorder_stages(db, project_id=self.project_id, stage_ids=self._order,
                                            expected_versions=self._expected(db))
        return noted(db, changes)

    def _expected(self, db: Database) -> dict[uuid.UUID, int]:
        return {sid: v for sid in self._order if (v := expected(db, sid)) is not None}


@dataclass
class AddDependency(Command):
    stage_id: uuid.UUID
    depends_on: uuid.UUID
    text: str = ""
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if not self._done_once:
            changes = stages.add_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)
            self._done_once = True
            return changes
        with history_step(Entity.STAGE_DEPENDENCY):
            return stages.add_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)

    def undo(self, db: Database) -> Changes:
        with history_step(Entity.STAGE_DEPENDENCY):
            return stages.remove_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)


@dataclass
class RemoveDependency(Command):
    stage_id: uuid.UUID
    depends_on: uuid.UUID
    text: str = ""
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if not self._done_once:
            changes = stages.remove_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)
            self._done_once = True
            return changes
        with history_step(Entity.STAGE_DEPENDENCY):
            return stages.remove_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)

    def undo(self, db: Database) -> Changes:
        with history_step(Entity.STAGE_DEPENDENCY):
            return stages.add_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)


@dataclass
class Macro(Command):
    """Several commands as one undo step (e.g. assign an outlet to many stages).

    If one step fails, the steps already taken are reversed again, so the whole is all or
    nothing — for undo and redo as for the first time.
    """

    commands: list[Command]
    text: str = ""
    _done: int = 0

    def do(self, db: Database) -> Changes:
        total = Changes()
        self._done = 0
        try:
            for cmd in self.commands:
                total |= cmd.do(db)
                self._done += 1
        except Exception:
            for cmd in reversed(self.commands[: self._done]):
                cmd.undo(db)
            raise
        return total

    def undo(self, db: Database) -> Changes:
        total = Changes()
        undone: list[Command] = []
        try:
            for cmd in reversed(self.commands):
                total |= cmd.undo(db)
                undone.append(cmd)
        except Exception:
            for cmd in reversed(undone):
                cmd.do(db)
            raise
        return total
