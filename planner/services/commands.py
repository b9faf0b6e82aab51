"""Undoable commands over the services (the core half of undo; ``planner.ui.undo`` wraps them).

A command is pushed, not applied: ``do()`` runs the service the first time and on every redo,
``undo()`` runs the inverse. A delete keeps every removed record so undo restores it with the
same id; a create is redone by restoring the record it made.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.domain.changes import Changes
from planner.domain.enums import Entity, Status
from planner.services import alliances, assignments, history, outlets, people, projects, stages
from planner.store.database import Database

CREATE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.create_outlet,
    Entity.ALLIANCE: alliances.create_alliance,
    Entity.PERSON: people.create_person,
    Entity.PROJECT: projects.create_project,
    Entity.STAGE: stages.create_stage,
    Entity.ASSIGNMENT: assignments.create_assignment,
    Entity.MEMBERSHIP: alliances.add_member,
}
UPDATE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.update_outlet,
    Entity.ALLIANCE: alliances.update_alliance,
    Entity.PERSON: people.update_person,
    Entity.PROJECT: projects.update_project,
    Entity.STAGE: stages.update_stage,
    Entity.ASSIGNMENT: assignments.update_assignment,
    Entity.MEMBERSHIP: alliances.update_member,
}
DELETE: dict[Entity, Callable[..., Changes]] = {
    Entity.OUTLET: outlets.delete_outlet,
    Entity.ALLIANCE: alliances.delete_alliance,
    Entity.PERSON: people.delete_person,
    Entity.PROJECT: projects.delete_project,
    Entity.STAGE: stages.delete_stage,
    Entity.ASSIGNMENT: assignments.delete_assignment,
    Entity.MEMBERSHIP: lambda db, mid, **_: alliances.remove_member(db, mid),
}


class Command:
    """Base: ``text`` is what the Edit menu shows ("撤销 新建项目")."""

    text: str = ""

    def do(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Create(Command):
    entity: Entity
    fields: dict[str, Any]
    text: str = ""
    created_id: uuid.UUID | None = None
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = history.restore(db, self._removed)
            self._removed = None
            return changes
        changes = CREATE[self.entity](db, **self.fields)
        self.created_id = changes.row.id
        return changes

    def undo(self, db: Database) -> Changes:
        assert self.created_id is not None
        self._removed = DELETE[self.entity](db, self.created_id)
        return self._removed


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
        version = None if self._done_once else self.expected_version
        changes = UPDATE[self.entity](db, self.id, expected_version=version, **self.fields)
        if not self._done_once:
            self._previous = {k: v for k, v in changes.previous.items() if k in self.fields}
            self._done_once = True
        return changes

    def undo(self, db: Database) -> Changes:
        return UPDATE[self.entity](db, self.id, **self._previous)


@dataclass
class Delete(Command):
    entity: Entity
    id: uuid.UUID
    text: str = ""
    expected_version: int | None = None
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        version = self.expected_version if self._removed is None else None
        self._removed = DELETE[self.entity](db, self.id, expected_version=version)
        return self._removed

    def undo(self, db: Database) -> Changes:
        assert self._removed is not None
        return history.restore(db, self._removed)


@dataclass
class SetStatus(Command):
    ids: list[uuid.UUID]
    status: Status
    reason: str = ""
    text: str = ""
    skip_illegal: bool = False
    _before: list[tuple[uuid.UUID, Status, str]] = field(default_factory=list)

    def do(self, db: Database) -> Changes:
        before = {a.id: (a.status, a.reason) for a in assignments.get_assignments(db, self.ids)}
        changes = assignments.set_status_many(db, self.ids, status=self.status, reason=self.reason, skip_illegal=self.skip_illegal)
        skipped = {aid for aid, _ in changes.rows}
        self._before = [(aid, *before[aid]) for aid in self.ids if aid not in skipped and aid in before]
        return changes

    def undo(self, db: Database) -> Changes:
        return assignments.revert_status(db, self._before)


@dataclass
class SetPeople(Command):
    assignment_id: uuid.UUID
    person_ids: list[uuid.UUID]
    text: str = ""
    _before: list[uuid.UUID] = field(default_factory=list)

    def do(self, db: Database) -> Changes:
        changes = assignments.set_people(db, self.assignment_id, person_ids=self.person_ids)
        self._before = list(changes.previous.get("person_ids", self._before))
        return changes

    def undo(self, db: Database) -> Changes:
        return assignments.set_people(db, self.assignment_id, person_ids=self._before)


@dataclass
class MoveStage(Command):
    project_id: uuid.UUID
    stage_id: uuid.UUID
    to_position: int
    text: str = ""
    _order: list[uuid.UUID] = field(default_factory=list)

    def do(self, db: Database) -> Changes:
        from planner.services.queries import load_stages

        self._order = [s.id for s in load_stages(db, self.project_id)]
        return stages.move_stage(db, self.stage_id, to_position=self.to_position)

    def undo(self, db: Database) -> Changes:
        return stages.reorder_stages(db, project_id=self.project_id, stage_ids=self._order)


@dataclass
class AddDependency(Command):
    stage_id: uuid.UUID
    depends_on: uuid.UUID
    text: str = ""

    def do(self, db: Database) -> Changes:
        return stages.add_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)

    def undo(self, db: Database) -> Changes:
        return stages.remove_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)


@dataclass
class RemoveDependency(Command):
    stage_id: uuid.UUID
    depends_on: uuid.UUID
    text: str = ""

    def do(self, db: Database) -> Changes:
        return stages.remove_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)

    def undo(self, db: Database) -> Changes:
        return stages.add_dependency(db, stage_id=self.stage_id, depends_on=self.depends_on)


@dataclass
class Macro(Command):
    """Several commands as one undo step (e.g. assign an outlet to many stages)."""

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
        for cmd in reversed(self.commands):
            total |= cmd.undo(db)
        return total
