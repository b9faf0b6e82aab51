"""Putting deleted records back (undo of a delete, redo of a create) with their original ids.

A restore never overwrites: a record that exists again, a unique name someone else has taken
meanwhile, a parent that is gone, or a reference (a project's coordinator) that someone has set
to another value since is a :class:`StaleError` — "changed elsewhere" — and nothing is written.
"""

from __future__ import annotations

from sqlalchemy import insert, or_
from sqlalchemy import update as sa_update
from sqlalchemy.exc import IntegrityError

from planner.domain.changes import Changes, Snapshot
from planner.domain.enums import Action, Entity
from planner.domain.errors import StaleError
from planner.services.unit import model_of, unit, what
from planner.store.database import Database
from planner.store.models import TABLES

_ORDER = {name: i for i, name in enumerate(TABLES)}


def restore(db: Database, changes: Changes) -> Changes:
    """Re-insert every record ``changes.removed`` holds and re-apply its ``SET NULL`` links."""
    snapshots = sorted(changes.removed, key=lambda snap: _ORDER[snap.entity.value])
    with unit(db) as tx:
        for snap in snapshots:
            model = model_of(snap.entity)
            key = snap.values.get("id") or snap.values.get("assignment_id")
            if "id" in snap.values and tx.s.get(model, snap.values["id"]) is not None:
                raise StaleError(what=what(snap.entity))
            try:  # the whole transaction rolls back on failure: no savepoint needed
                tx.s.execute(insert(model).values(**snap.values))
            except IntegrityError:  # a name taken meanwhile, or a parent deleted by someone else
                raise StaleError(what=what(snap.entity)) from None
            tx.created.append((snap.entity, key))
            if "version" in snap.values:
                tx.versions[key] = snap.values["version"]
            if snap.entity not in (Entity.ASSIGNMENT_PERSON, Entity.STAGE_DEPENDENCY):
                tx.log(snap.entity, key, Action.RESTORE, None, snap.values)
        for link in changes.relinked:
            model = model_of(link.entity)
            column = getattr(model, link.field)
            # The delete set the reference to NULL; if someone has set it since, theirs stays.
            result = tx.s.execute(
                sa_update(model)
                .where(model.id == link.id, or_(column.is_(None), column == link.value))  # type: ignore[attr-defined]
                .values({link.field: link.value})
            )
            if result.rowcount != 1:
                raise StaleError(what=what(link.entity))
            tx.updated.append((link.entity, link.id))
            tx.changed_fields(link.entity, link.id, (link.field,))
        return tx.changes()


def snapshots_of(changes: Changes, entity: Entity) -> list[Snapshot]:
    return [s for s in changes.removed if s.entity is entity]
