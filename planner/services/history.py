"""Putting deleted records back (undo of a delete, redo of a create) with their original ids."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy import update as sa_update

from planner.domain.changes import Changes, Snapshot
from planner.domain.enums import Action, Entity
from planner.domain.errors import DuplicateError
from planner.services.unit import model_of, unit
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
                raise DuplicateError(what="记录", value=str(key))
            tx.s.execute(insert(model).values(**snap.values))
            tx.created.append((snap.entity, key))
            if snap.entity not in (Entity.ASSIGNMENT_PERSON, Entity.STAGE_DEPENDENCY):
                tx.log(snap.entity, key, Action.RESTORE, None, snap.values)
        for link in changes.relinked:
            model = model_of(link.entity)
            tx.s.execute(sa_update(model).where(model.id == link.id).values({link.field: link.value}))  # type: ignore[attr-defined]
            tx.updated.append((link.entity, link.id))
        return tx.changes()


def snapshots_of(changes: Changes, entity: Entity) -> list[Snapshot]:
    return [s for s in changes.removed if s.entity is entity]
