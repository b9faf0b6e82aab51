"""Undoable commands of the workspace that the core set lacks: a project from a scenario template,
and a copy of a project. Both are undone by deleting the new project (everything it made is kept)
and redone by restoring exactly those records with their ids — each step refused ("changed
elsewhere") if someone else has changed or added to the project in between."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.services import projects
from planner.services.commands import (
    Command,
    created_ids,
    delete_expecting,
    expected,
    noted,
    restore_expecting,
)
from planner.store.database import Database


@dataclass
class _MakesProject(Command):
    text: str = ""
    created_id: uuid.UUID | None = None
    _removed: Changes | None = None
    _made: set[uuid.UUID] = field(default_factory=set)

    def make(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = restore_expecting(db, Entity.PROJECT, self._removed)
            self._removed = None
        else:
            changes = self.make(db)
            self.created_id = changes.row.id
            self._made = created_ids(changes) | {self.created_id}
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        # Only what this step made, at the version it left: a colleague's later edit is not undone.
        assert self.created_id is not None
        self._removed = delete_expecting(db, Entity.PROJECT, self.created_id, version=expected(db, self.created_id),
                                         allowed=self._made)
        return self._removed


@dataclass
class CreateFromTemplate(_MakesProject):
    """``services.templates.create_from_template`` as one undo step."""

    fields: dict[str, Any] = field(default_factory=dict)

    def make(self, db: Database) -> Changes:
        from planner.services.templates import create_from_template

        return create_from_template(db, **self.fields)


@dataclass
class DuplicateProject(_MakesProject):
    """``services.projects.duplicate_project`` as one undo step."""

    source_id: uuid.UUID | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    def make(self, db: Database) -> Changes:
        assert self.source_id is not None
        return projects.duplicate_project(db, self.source_id, **self.fields)
