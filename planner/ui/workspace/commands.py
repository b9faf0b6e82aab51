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
from planner.services.commands import MakesRecord
from planner.store.database import Database


@dataclass(kw_only=True)
class _MakesProject(MakesRecord):
    def kind(self) -> Entity:
        return Entity.PROJECT


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
