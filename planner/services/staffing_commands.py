"""Staffing suggestions as undo steps: accepting some or all of them, and rejecting or forgetting one.

:class:`ApplySuggestions` writes the chosen suggestions in one transaction and is one step: undo
takes exactly those pieces back (refused if someone changed one meanwhile), redo puts them back
with the same ids. :class:`RejectSuggestion` remembers a rejection with its reason;
:class:`ForgetRejection` drops one. Every step follows the program's history of versions
(:mod:`planner.services.commands`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import StaleError
from planner.graph.staffing import Suggestion
from planner.services import rejections, suggestions
from planner.services.commands import (
    Command,
    expected,
    history_step,
    noted,
    restore_expecting,
)
from planner.services.unit import Tx, expecting, what
from planner.store.database import Database


def _delete_rejection(db: Database, rejection_id: uuid.UUID, version: int | None) -> Changes:
    """Delete a rejection in an undo/redo step: at the version the history left it, and nothing else."""

    def check(tx: Tx) -> None:
        if any(key != rejection_id for _entity, key in tx.deleted):
            raise StaleError(what=what(Entity.SUGGESTION_REJECTION))

    with history_step(Entity.SUGGESTION_REJECTION), expecting(check):
        return rejections.delete_rejection(db, rejection_id, expected_version=version)


@dataclass
class ApplySuggestions(Command):
    """Accept ``items`` (one suggestion or all of them) as one undo step."""

    project_id: uuid.UUID
    items: list[Suggestion]
    text: str = ""
    made: list[uuid.UUID] = field(default_factory=list)
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is not None:  # redo: the same pieces, with their ids
            with history_step(Entity.ASSIGNMENT):
                changes = suggestions.reapply_suggestions(db, project_id=self.project_id, removed=self._removed)
            self._removed = None
        else:
            changes = suggestions.apply_suggestions(db, project_id=self.project_id, suggestions=self.items)
            self.made = [row.id for row in changes.rows]
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        versions = {aid: expected(db, aid) for aid in self.made}
        with history_step(Entity.ASSIGNMENT):
            self._removed = suggestions.withdraw_suggestions(db, project_id=self.project_id, versions=versions)
        return self._removed


@dataclass
class RejectSuggestion(Command):
    """Remember "not this outlet here" with its reason (``stage_id`` None: anywhere in the project)."""

    project_id: uuid.UUID
    outlet_id: uuid.UUID
    reason: str
    stage_id: uuid.UUID | None = None
    text: str = ""
    created_id: uuid.UUID | None = None
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = restore_expecting(db, Entity.SUGGESTION_REJECTION, self._removed)
            self._removed = None
        else:
            changes = rejections.reject_suggestion(db, project_id=self.project_id, outlet_id=self.outlet_id,
                                                   stage_id=self.stage_id, reason=self.reason)
            self.created_id = changes.row.id
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        assert self.created_id is not None
        self._removed = _delete_rejection(db, self.created_id, expected(db, self.created_id))
        return self._removed


@dataclass
class ForgetRejection(Command):
    """Drop a rejection: the outlet may be proposed there again."""

    rejection_id: uuid.UUID
    version: int | None = None
    text: str = ""
    _removed: Changes | None = None

    def do(self, db: Database) -> Changes:
        if self._removed is None:
            self._removed = rejections.delete_rejection(db, self.rejection_id, expected_version=self.version)
        else:
            self._removed = _delete_rejection(db, self.rejection_id, expected(db, self.rejection_id))
        return self._removed

    def undo(self, db: Database) -> Changes:
        assert self._removed is not None
        return noted(db, restore_expecting(db, Entity.SUGGESTION_REJECTION, self._removed))
