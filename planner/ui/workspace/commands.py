"""Undoable commands of the workspace that the core set lacks: a project from a scenario template,
and a copy of a project. Both are undone by deleting the new project (everything it made is kept)
and redone by restoring exactly those records with their ids."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from planner.domain.changes import Changes
from planner.services import history, projects
from planner.services.commands import Command
from planner.store.database import Database


@dataclass
class _MakesProject(Command):
    text: str = ""
    created_id: uuid.UUID | None = None
    _removed: Changes | None = None

    def make(self, db: Database) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = history.restore(db, self._removed)
            self._removed = None
            return changes
        changes = self.make(db)
        self.created_id = changes.row.id
        return changes

    def undo(self, db: Database) -> Changes:
        assert self.created_id is not None
        self._removed = projects.delete_project(db, self.created_id)
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
