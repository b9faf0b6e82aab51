"""What a service call changed: the value every write returns and the UI refreshes on."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from planner.domain.enums import Entity


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A whole stored record (column values), enough to put it back with the same id."""

    entity: Entity
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Relink:
    """A reference that a delete set to NULL (``SET NULL``), to be restored on undo."""

    entity: Entity
    id: uuid.UUID
    field: str
    value: uuid.UUID


@dataclass(frozen=True)
class Changes:
    """The effect of one service call (one transaction).

    ``row`` is the main row the call produced (e.g. the new assignment). ``removed`` and
    ``relinked`` describe a delete completely so that undo can restore it; ``previous`` holds the
    old values of the fields an update changed. ``versions`` maps every row the call created,
    updated or restored to its version afterwards: an undo or redo step expects exactly that version,
    so a row changed since by someone else is refused instead of overwritten.
    """

    created: tuple[tuple[Entity, uuid.UUID], ...] = ()
    updated: tuple[tuple[Entity, uuid.UUID], ...] = ()
    deleted: tuple[tuple[Entity, uuid.UUID], ...] = ()
    row: Any = None
    previous: dict[str, Any] = field(default_factory=dict)
    removed: tuple[Snapshot, ...] = ()
    relinked: tuple[Relink, ...] = ()
    rows: tuple[Any, ...] = ()
    versions: dict[uuid.UUID, int] = field(default_factory=dict)

    @property
    def entities(self) -> frozenset[Entity]:
        return frozenset(e for e, _ in (*self.created, *self.updated, *self.deleted))

    def touches(self, *entities: Entity) -> bool:
        mine = self.entities
        return any(e in mine for e in entities)

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.deleted)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            created=self.created + other.created,
            updated=self.updated + other.updated,
            deleted=self.deleted + other.deleted,
            row=other.row if other.row is not None else self.row,
            previous={**self.previous, **other.previous},
            removed=self.removed + other.removed,
            relinked=self.relinked + other.relinked,
            rows=self.rows + other.rows,
            versions={**self.versions, **other.versions},
        )
