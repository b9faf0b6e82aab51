"""The unit of work behind every service call: one transaction, the change log, ``Changes``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from planner.domain.changes import Changes, Relink, Snapshot
from planner.domain.enums import Action, Entity
from planner.domain.errors import DuplicateError, NotFoundError, StaleError, ValidationError
from planner.store.convert import as_mapping, to_json
from planner.store.database import Database
from planner.store.models import TABLES, ChangeLog, utcnow

_WHAT = {
    Entity.OUTLET: "媒体单位", Entity.ALLIANCE: "联合体", Entity.PERSON: "人员", Entity.PROJECT: "项目",
    Entity.STAGE: "报道环节", Entity.ASSIGNMENT: "报道任务", Entity.MEMBERSHIP: "成员关系",
    Entity.STAGE_DEPENDENCY: "环节依赖", Entity.ASSIGNMENT_PERSON: "任务人员", Entity.SETTING: "设置",
    Entity.AVAILABILITY: "不在岗时段",
    Entity.SUGGESTION: "补位建议", Entity.SUGGESTION_REJECTION: "否决的补位建议",
    Entity.NOTE: "备注",
    Entity.SERIES: "环节系列", Entity.SERIES_OCCURRENCE: "系列场次",
}


def what(entity: Entity) -> str:
    return _WHAT[entity]


def model_of(entity: Entity) -> type[SQLModel]:
    return TABLES[entity.value]


@dataclass
class Tx:
    """A transaction in progress: its session, and what it has changed so far."""

    db: Database
    s: Session
    created: list[tuple[Entity, uuid.UUID]] = field(default_factory=list)
    updated: list[tuple[Entity, uuid.UUID]] = field(default_factory=list)
    deleted: list[tuple[Entity, uuid.UUID]] = field(default_factory=list)
    removed: list[Snapshot] = field(default_factory=list)
    relinked: list[Relink] = field(default_factory=list)
    previous: dict[str, Any] = field(default_factory=dict)
    versions: dict[uuid.UUID, int] = field(default_factory=dict)
    log_enabled: bool = True
    #: (entity, id) → the fields a write changed, for the exchange metadata (see ``syncmeta.stamp``)
    fields: dict[tuple[Entity, uuid.UUID], set[str]] = field(default_factory=dict)
    #: records whose exchange metadata the caller wrote itself (a merge keeps the incoming revision)
    sync_written: set[uuid.UUID] = field(default_factory=set)
    #: who the exchange metadata names as the editor when not this desk's editor (a reply sheet's signer)
    editor: str | None = None
    _log: list[ChangeLog] = field(default_factory=list)

    # -- logging ---------------------------------------------------------------------------------
    def log(self, entity: Entity, entity_id: uuid.UUID, action: Action, before: dict | None, after: dict | None) -> None:
        if action in (Action.UPDATE, Action.MERGE) and after:
            self.changed_fields(entity, entity_id, after)
        if self.log_enabled:
            self._log.append(
                ChangeLog(
                    desk=self.db.desk, login=self.db.login, outlet_id=self.db.desk_outlet_id, entity=entity.value, entity_id=entity_id, action=action.value,
                    before=to_json(before) if before else None, after=to_json(after) if after else None,
                )
            )

    def changed_fields(self, entity: Entity, entity_id: uuid.UUID, names: Any) -> None:
        """Note which fields of a record a write changed (writes made with plain SQL say so here)."""
        self.fields.setdefault((entity, entity_id), set()).update(names)

    # -- writes ----------------------------------------------------------------------------------
    def add(self, entity: Entity, obj: SQLModel, *, log: bool = True) -> SQLModel:
        self.s.add(obj)
        key = getattr(obj, "id", None) or getattr(obj, "assignment_id")  # noqa: B009
        self.created.append((entity, key))
        version = getattr(obj, "version", None)
        if version is not None:
            self.versions[key] = version
        if log:
            self.log(entity, key, Action.CREATE, None, as_mapping(obj))
        return obj

    def get(self, entity: Entity, obj_id: uuid.UUID) -> Any:
        obj = self.s.get(model_of(entity), obj_id)
        if obj is None:
            raise NotFoundError(what=what(entity), ref=str(obj_id))
        return obj

    def update(
        self, entity: Entity, obj_id: uuid.UUID, values: dict[str, Any], expected_version: int | None,
        *, log: bool = True, touch: bool = False,
    ) -> dict[str, Any]:
        """Apply ``values`` under optimistic locking; return the row's values afterwards.

        ``touch`` bumps the version even when no column changes (e.g. the people of an assignment).
        """
        model = model_of(entity)
        obj = self.get(entity, obj_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(entity))
        before = as_mapping(obj)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed and not touch:
            self.versions.setdefault(obj_id, obj.version)
            return before
        stamp = {"version": obj.version + 1, "updated_at": utcnow()}
        result = self.s.execute(
            sa_update(model)
            .where(model.id == obj_id, model.version == obj.version)  # type: ignore[attr-defined]
            .values(**changed, **stamp)
        )
        if result.rowcount != 1:
            raise StaleError(what=what(entity))
        self.s.expire(obj)
        self.versions[obj_id] = stamp["version"]
        self.changed_fields(entity, obj_id, changed)
        after = {**before, **changed, **stamp}
        self.updated.append((entity, obj_id))
        self.previous.update({k: before[k] for k in changed})
        if log:
            self.log(entity, obj_id, Action.UPDATE, {k: before[k] for k in changed}, changed)
        return after

    def remove(self, entity: Entity, obj: SQLModel, *, log: bool = True) -> None:
        """Delete one ORM object, keeping its snapshot for undo."""
        values = as_mapping(obj)
        self.removed.append(Snapshot(entity, values))
        key = values.get("id") or values.get("assignment_id")
        self.deleted.append((entity, key))
        if log:
            self.log(entity, key, Action.DELETE, values, None)
        self.s.delete(obj)

    def remove_where(self, entity: Entity, *criteria: Any) -> None:
        """Delete every row of ``entity`` matching ``criteria`` (snapshots kept, no per-row log)."""
        model = model_of(entity)
        from sqlmodel import select

        for obj in self.s.exec(select(model).where(*criteria)).all():
            values = as_mapping(obj)
            self.removed.append(Snapshot(entity, values))
            self.deleted.append((entity, values.get("id") or values.get("assignment_id")))
        self.s.execute(sa_delete(model).where(*criteria))

    def relink(self, entity: Entity, obj_id: uuid.UUID, field_name: str, old: uuid.UUID) -> None:
        self.relinked.append(Relink(entity, obj_id, field_name, old))
        self.updated.append((entity, obj_id))
        self.changed_fields(entity, obj_id, (field_name,))

    def flush(self, *, what_: str = "", value: str = "") -> None:
        """Flush, turning a uniqueness clash into a typed duplicate error."""
        try:
            self.s.flush()
        except IntegrityError as exc:
            msg = str(exc.orig).lower()
            if "unique" in msg or "duplicate" in msg:
                raise DuplicateError(what=what_ or "记录", value=value) from None
            if "foreign key" in msg:
                raise ValidationError("invalid", detail="引用的记录不存在 / a referenced record does not exist") from None
            raise

    def changes(self, row: Any = None, rows: tuple[Any, ...] = ()) -> Changes:
        return Changes(
            created=tuple(self.created), updated=tuple(dict.fromkeys(self.updated)), deleted=tuple(self.deleted),
            row=row, previous=dict(self.previous), removed=tuple(self.removed), relinked=tuple(self.relinked),
            rows=rows, versions=dict(self.versions),
        )


#: A check that the transaction about to commit did only what an undo or redo step expects
#: (see :func:`expecting`); it raises :class:`StaleError` to roll the transaction back.
_expectation: ContextVar[Callable[[Tx], None] | None] = ContextVar("planner_expectation", default=None)


@contextmanager
def expecting(check: Callable[[Tx], None]) -> Iterator[None]:
    """Run service calls whose transactions must pass ``check`` before they commit.

    Undo and redo use it: a delete that would also remove a record someone else added meanwhile
    (an assignment on the stage being un-created, say) is refused, not committed.
    """
    token = _expectation.set(check)
    try:
        yield
    finally:
        _expectation.reset(token)


@contextmanager
def unit(db: Database) -> Iterator[Tx]:
    """Open one transaction for a service call; the change log and the exchange metadata are written with it.

    This is the one place every write passes: when the service's block ends, every record it
    created, changed or deleted gets a new revision of this desk (:func:`planner.services.syncmeta.stamp`),
    so edits and deletions travel in the next plan bundle without any service knowing about it.
    """
    if db.read_only:
        raise ValidationError("read_only")
    from planner.services.syncmeta import stamp

    with db.transaction() as s:
        tx = Tx(db=db, s=s)
        yield tx
        tx.flush()
        check = _expectation.get()
        if check is not None:
            check(tx)
        stamp(tx)
        for entry in tx._log:
            s.add(entry)
