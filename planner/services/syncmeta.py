"""Exchange metadata of every record, kept up to date by every write (revisions and tombstones).

Owns the ``sync_record`` table: per exchanged record its revision (:class:`~planner.domain.revisions.Rev`),
the real editor and time of its last write, and — once deleted — its tombstone. The one writer is
:func:`stamp`, which :func:`planner.services.unit.unit` calls when a service's transaction ends: it
reads what the transaction created, changed (field by field, from :class:`~planner.services.unit.Tx`)
and deleted, and gives each record a new dot of this desk. No service has to know about it.

A record with no row (data from before the exchange metadata, bulk-generated rows) has the implicit
revision ``vv = {this desk: 1}``, every field at ``(this desk, 1)``; its first write creates the row.
Local ``version`` numbers stay what they were: optimistic locking only, never a merge decision.
"""

from __future__ import annotations

import uuid
from collections import namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from planner.domain.enums import Entity, Format
from planner.domain.revisions import Rev, desk_key, join, next_counter
from planner.store.bulkwrite import insert_rows, select_by_ids
from planner.store.models import Assignment, Note, Outlet, Stage, StageDependency, SyncRecord, utcnow

if TYPE_CHECKING:
    from planner.services.unit import Tx

#: The editable fields of every exchanged entity, as they travel in a bundle and carry dots.
FIELDS: dict[Entity, tuple[str, ...]] = {
    Entity.OUTLET: ("name", "short_name", "tier", "adcode", "platform", "parent_id", "formats", "capacity",
                    "contact_name", "contact_phone", "contact_email", "notes"),
    Entity.ALLIANCE: ("name", "kind", "founded_on", "description"),
    Entity.MEMBERSHIP: ("alliance_id", "outlet_id", "role"),
    Entity.PERSON: ("outlet_id", "name", "role", "phone", "email", "active"),
    Entity.PROJECT: ("title", "code", "kind", "summary", "starts_on", "ends_on", "lead_outlet_id", "coordinator_id",
                     "status", "required_formats"),
    Entity.STAGE: ("project_id", "position", "title", "kind", "adcode", "location", "starts_at", "ends_at",
                   "time_tbc", "notes"),
    Entity.STAGE_DEPENDENCY: ("stage_id", "depends_on_id"),
    Entity.ASSIGNMENT: ("stage_id", "outlet_id", "role", "format", "status", "due_at", "brief", "deliverable_url",
                        "notes", "reason", "person_ids"),
    # a note of a stage's or an assignment's thread (one of the two ids is set); its author never changes
    Entity.NOTE: ("stage_id", "assignment_id", "author", "body"),
}
#: Records that belong to one project (their tombstones travel in that project's bundles).
PLAN_ENTITIES = frozenset({Entity.PROJECT, Entity.STAGE, Entity.STAGE_DEPENDENCY, Entity.ASSIGNMENT, Entity.NOTE})
#: columns the services derive from a field (a change of ``name_key`` is a change of ``name``)
DERIVED = {"name_key": "name", "title_key": "title"}
_CHUNK = 500
_DELETED = "deleted"
_TABLE = SyncRecord.__table__  # type: ignore[attr-defined]
# Built once: a statement object per call costs more than the lookup itself (SQLAlchemy cache keys).
_COLUMNS = ("id", "entity", "scope", "rev", "deleted", "editor", "desk", "at", "label", "snapshot")
_Row = namedtuple("_Row", _COLUMNS)  # type: ignore[misc]
_INSERT = insert(_TABLE)
_UPDATE = update(_TABLE).where(_TABLE.c.id == bindparam("b_id")).values(
    {k: bindparam(k) for k in ("entity", "scope", "rev", "deleted", "editor", "desk", "at", "label", "snapshot")})


def local_desk(db: Any) -> str:
    """This database's desk id, in its one canonical spelling."""
    return desk_key(db.setting("desk.id"))


def implicit_rev(desk: str) -> Rev:
    """The revision of a record written before there was exchange metadata (or by a bulk insert)."""
    return Rev.new(desk, 1)


@dataclass
class Meta:
    """One ``sync_record`` row."""

    id: uuid.UUID
    entity: Entity
    rev: Rev
    scope: uuid.UUID | None = None
    deleted: bool = False
    editor: str = ""
    desk: str = ""
    at: datetime | None = None
    label: str = ""
    snapshot: dict[str, Any] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id, "entity": self.entity.value, "scope": self.scope, "rev": self.rev.to_json(),
            "deleted": self.deleted, "editor": self.editor[:200], "desk": self.desk[:64], "at": self.at or utcnow(),
            "label": self.label[:300], "snapshot": self.snapshot,
        }


_ENTITY = {e.value: e for e in Entity}


def _meta(row: Any) -> Meta:
    return Meta(id=row.id, entity=_ENTITY[row.entity], rev=Rev.stored(row.rev), scope=row.scope,
                deleted=bool(row.deleted), editor=row.editor, desk=row.desk, at=row.at, label=row.label,
                snapshot=row.snapshot)


def load_meta(s: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Meta]:
    """The metadata rows of ``ids`` that exist (tombstones included)."""
    out: dict[uuid.UUID, Meta] = {}
    for values in select_by_ids(s.connection(), _TABLE, _COLUMNS, "id", ids):
        row = _Row(*values)
        out[row.id] = _meta(row)
    return out


def load_scope(s: Session, project_id: uuid.UUID, *, deleted_only: bool = False) -> dict[uuid.UUID, Meta]:
    """Every metadata row of one project's records (or only its tombstones)."""
    table = _TABLE
    q = select(table).where(table.c.scope == project_id)
    if deleted_only:
        q = q.where(table.c.deleted.is_(True))
    return {row.id: _meta(row) for row in s.execute(q)}


def load_tombstones(s: Session, entities: Iterable[Entity]) -> dict[uuid.UUID, Meta]:
    table = _TABLE
    q = select(table).where(table.c.deleted.is_(True), table.c.entity.in_([e.value for e in entities]))
    return {row.id: _meta(row) for row in s.execute(q)}


def save_meta(s: Session, metas: Iterable[Meta], existing: set[uuid.UUID] | Mapping[uuid.UUID, Any]) -> None:
    """Insert or update metadata rows (``existing``: the ids that already have a row)."""
    new, old = [], []
    for m in metas:
        (old if m.id in existing else new).append(m.row())
    conn = s.connection()
    if new:
        insert_rows(conn, _TABLE, new)
    if old:
        for row in old:
            row["b_id"] = row.pop("id")
        conn.execute(_UPDATE, old)


# -- the write hook -----------------------------------------------------------------------------
def stamp(tx: Tx) -> None:
    """Give every record this transaction wrote a new dot of this desk (called once per transaction)."""
    touched = _touched(tx)
    if not touched:
        return
    s = tx.s
    desk = local_desk(tx.db)
    editor = tx.editor or tx.db.desk
    now = utcnow()
    existing = load_meta(s, [key for _e, key in touched])
    snapshots = _snapshots(tx)
    need_scope = [(e, key) for (e, key) in touched if e in PLAN_ENTITIES and key not in existing]
    scopes = _scopes(s, need_scope, snapshots)
    labels = _labels(s, [(e, key) for (e, key), what in touched.items() if what == _DELETED], snapshots)
    metas: list[Meta] = []
    for (entity, key), what in touched.items():
        m = existing.get(key)
        if m is None:
            m = Meta(id=key, entity=entity, rev=implicit_rev(desk), scope=scopes.get(key))
            brand_new = what is None
        else:
            brand_new = False
        if what == _DELETED and m.deleted:
            continue
        counter = next_counter(m.rev.vv.get(desk, 0))
        if what == _DELETED:
            m.rev = Rev(vv=join(m.rev.vv, {desk: counter}), base=m.rev.base, dots=m.rev.dots)
            m.deleted = True
            m.label = labels.get(key, m.label)
            if entity in PLAN_ENTITIES and key in snapshots:
                m.snapshot = plain_values(entity, snapshots[key])
        elif brand_new:
            m.rev = Rev.new(desk, counter)
        else:
            m.rev = m.rev.write(desk, counter, None if (what is None or m.deleted) else sorted(what))
            m.deleted, m.snapshot = False, None
        m.editor, m.desk, m.at = editor, desk, now
        metas.append(m)
    save_meta(s, metas, existing)


def _touched(tx: Tx) -> dict[tuple[Entity, uuid.UUID], Any]:
    """(entity, id) → ``None`` (every field), a set of fields, or ``"deleted"``."""
    out: dict[tuple[Entity, uuid.UUID], Any] = {}

    def add_fields(key: tuple[Entity, uuid.UUID], names: Iterable[str]) -> None:
        allowed = FIELDS[key[0]]
        names = {DERIVED.get(n, n) for n in names} & set(allowed)
        current = out.get(key, set())
        if current is None or current == _DELETED or not names:
            return
        out[key] = current | names

    for entity, key in tx.created:
        if entity in FIELDS:
            out[(entity, key)] = None
    for entity, key in tx.deleted:
        if entity in FIELDS:
            out[(entity, key)] = _DELETED
    for entity, key in (*tx.created, *tx.deleted):
        if entity is Entity.ASSIGNMENT_PERSON and (Entity.ASSIGNMENT, key) not in out:
            out[(Entity.ASSIGNMENT, key)] = {"person_ids"}
        elif entity is Entity.ASSIGNMENT_PERSON:
            add_fields((Entity.ASSIGNMENT, key), ("person_ids",))
    for (entity, key), names in tx.fields.items():
        if entity in FIELDS:
            if (entity, key) not in out:
                out[(entity, key)] = set()
            add_fields((entity, key), names)
    for entity, key in tx.updated:
        # An update that did not say which fields it changed: every field gets the new dot (a false
        # conflict later is better than an edit that silently does not travel).
        if entity in FIELDS and (entity, key) not in out and (entity, key) not in tx.fields:
            out[(entity, key)] = None
    for key in [k for k, v in out.items() if v == set()]:
        del out[key]
    for key in tx.sync_written:
        for entity in FIELDS:
            out.pop((entity, key), None)
    return out


def _snapshots(tx: Tx) -> dict[uuid.UUID, dict[str, Any]]:
    """Values of the records this transaction removed (assignments with their people)."""
    out: dict[uuid.UUID, dict[str, Any]] = {}
    people: dict[uuid.UUID, list[str]] = {}
    for snap in tx.removed:
        if snap.entity is Entity.ASSIGNMENT_PERSON:
            people.setdefault(snap.values["assignment_id"], []).append(str(snap.values["person_id"]))
        elif "id" in snap.values:
            out[snap.values["id"]] = dict(snap.values)
    for aid, pids in people.items():
        if aid in out:
            out[aid]["person_ids"] = sorted(pids)
    return out


def _scopes(s: Session, keys: list[tuple[Entity, uuid.UUID]], snapshots: dict[uuid.UUID, dict[str, Any]]
            ) -> dict[uuid.UUID, uuid.UUID | None]:
    """The project each plan record belongs to (for records that have no metadata row yet)."""
    out: dict[uuid.UUID, uuid.UUID | None] = {}
    stage_of: dict[uuid.UUID, uuid.UUID] = {}
    want_stage: dict[uuid.UUID, list[uuid.UUID]] = {}
    plain_ids: dict[Entity, list[uuid.UUID]] = {}
    notes = [key for entity, key in keys if entity is Entity.NOTE]
    if notes:
        out.update(_note_scopes(s, notes, snapshots))
    for entity, key in keys:
        if entity is Entity.NOTE:
            continue
        if entity is Entity.PROJECT:
            out[key] = key
        elif key in snapshots or _cached(s, entity, key) is not None:
            values = snapshots.get(key) or _cached(s, entity, key).__dict__
            if entity is Entity.STAGE:
                out[key] = values["project_id"]
            else:
                want_stage.setdefault(values["stage_id"], []).append(key)
        else:
            plain_ids.setdefault(entity, []).append(key)
    for entity, model in ((Entity.STAGE, Stage), (Entity.ASSIGNMENT, Assignment),
                          (Entity.STAGE_DEPENDENCY, StageDependency)):
        ids = plain_ids.get(entity, [])
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            if entity is Entity.STAGE:
                for sid, pid in s.execute(select(Stage.id, Stage.project_id).where(Stage.id.in_(chunk))):  # type: ignore[attr-defined]
                    out[sid] = pid
            else:
                for rid, sid in s.execute(select(model.id, model.stage_id).where(model.id.in_(chunk))):  # type: ignore[attr-defined]
                    want_stage.setdefault(sid, []).append(rid)
    for sid, values in snapshots.items():
        if "project_id" in values and "title_key" in values:
            stage_of[sid] = values["project_id"]
    for sid in want_stage:
        stage = _cached(s, Entity.STAGE, sid)
        if sid not in stage_of and stage is not None and "project_id" in stage.__dict__:
            stage_of[sid] = stage.__dict__["project_id"]
    missing = [sid for sid in want_stage if sid not in stage_of]
    for start in range(0, len(missing), _CHUNK):
        for sid, pid in s.execute(select(Stage.id, Stage.project_id).where(Stage.id.in_(missing[start:start + _CHUNK]))):  # type: ignore[attr-defined]
            stage_of[sid] = pid
    for sid, rids in want_stage.items():
        for rid in rids:
            out[rid] = stage_of.get(sid)
    return out


def _note_scopes(s: Session, keys: list[uuid.UUID], snapshots: dict[uuid.UUID, dict[str, Any]]
                 ) -> dict[uuid.UUID, uuid.UUID | None]:
    """The project of each note: through its stage, or its assignment's stage (a deleted note's from its snapshot)."""
    targets: dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]] = {}
    missing = []
    for key in keys:
        values = snapshots.get(key)
        if values is not None:
            targets[key] = (values.get("stage_id"), values.get("assignment_id"))
        else:
            missing.append(key)
    for start in range(0, len(missing), _CHUNK):
        for nid, sid, aid in s.execute(select(Note.id, Note.stage_id, Note.assignment_id)
                                       .where(Note.id.in_(missing[start:start + _CHUNK]))):  # type: ignore[attr-defined]
            targets[nid] = (sid, aid)
    assignment_ids = [aid for sid, aid in targets.values() if sid is None and aid is not None]
    stage_of: dict[uuid.UUID, uuid.UUID] = {}
    for aid, values in snapshots.items():  # an assignment deleted in the same transaction
        if "outlet_id" in values and "stage_id" in values:
            stage_of[aid] = values["stage_id"]
    missing_a = [a for a in assignment_ids if a not in stage_of]
    for start in range(0, len(missing_a), _CHUNK):
        for aid, sid in s.execute(select(Assignment.id, Assignment.stage_id)
                                  .where(Assignment.id.in_(missing_a[start:start + _CHUNK]))):  # type: ignore[attr-defined]
            stage_of[aid] = sid
    stage_ids = {sid if sid is not None else stage_of.get(aid) for sid, aid in targets.values()} - {None}
    project_of: dict[uuid.UUID, uuid.UUID] = {k: v["project_id"] for k, v in snapshots.items()
                                              if "project_id" in v and "title_key" in v}
    missing_s = [i for i in stage_ids if i not in project_of]
    for start in range(0, len(missing_s), _CHUNK):
        project_of.update(dict(s.execute(select(Stage.id, Stage.project_id)
                                         .where(Stage.id.in_(missing_s[start:start + _CHUNK]))).all()))  # type: ignore[attr-defined]
    out: dict[uuid.UUID, uuid.UUID | None] = {}
    for key, (sid, aid) in targets.items():
        stage = sid if sid is not None else stage_of.get(aid)  # type: ignore[arg-type]
        out[key] = project_of.get(stage) if stage is not None else None
    return out


_MODELS = {Entity.STAGE: Stage, Entity.ASSIGNMENT: Assignment, Entity.STAGE_DEPENDENCY: StageDependency}


def _cached(s: Session, entity: Entity, key: uuid.UUID) -> Any:
    """The session's loaded object for a record, without a query (``None`` if not loaded or expired)."""
    model = _MODELS.get(entity)
    if model is None:
        return None
    obj = s.identity_map.get(Session.identity_key(model, key))
    if obj is None or ("stage_id" not in obj.__dict__ and "project_id" not in obj.__dict__):
        return None
    return obj


def _labels(s: Session, keys: list[tuple[Entity, uuid.UUID]], snapshots: dict[uuid.UUID, dict[str, Any]]
            ) -> dict[uuid.UUID, str]:
    """What a deleted record was called, for conflict lists (``永川南站 · 永川区融媒体中心 · 文字``)."""
    out: dict[uuid.UUID, str] = {}
    stage_ids: set[uuid.UUID] = set()
    outlet_ids: set[uuid.UUID] = set()
    for entity, key in keys:
        values = snapshots.get(key)
        if values is None:
            continue
        if entity is Entity.ASSIGNMENT:
            stage_ids.add(values["stage_id"])
            outlet_ids.add(values["outlet_id"])
        elif entity is Entity.STAGE_DEPENDENCY:
            stage_ids.update((values["stage_id"], values["depends_on_id"]))
    titles = {k: v["title"] for k, v in snapshots.items() if "title_key" in v and "project_id" in v}
    names = {k: v.get("short_name") or v["name"] for k, v in snapshots.items() if "tier" in v}
    missing_stages = [i for i in stage_ids if i not in titles]
    if missing_stages:
        titles.update(dict(s.execute(select(Stage.id, Stage.title).where(Stage.id.in_(missing_stages))).all()))  # type: ignore[attr-defined]
    missing_outlets = [i for i in outlet_ids if i not in names]
    if missing_outlets:
        for oid, short, name in s.execute(select(Outlet.id, Outlet.short_name, Outlet.name)
                                          .where(Outlet.id.in_(missing_outlets))):  # type: ignore[attr-defined]
            names[oid] = short or name
    for entity, key in keys:
        values = snapshots.get(key)
        if values is not None:
            out[key] = record_label(entity, values, titles, names)
    return out


def record_label(entity: Entity, values: Mapping[str, Any], titles: Mapping[uuid.UUID, str] | None = None,
                 names: Mapping[uuid.UUID, str] | None = None) -> str:
    """How a person recognises a record: its title or name; an assignment by stage, outlet and format."""
    for key in ("title", "name"):
        if values.get(key):
            return str(values[key])
    titles, names = titles or {}, names or {}
    if entity is Entity.NOTE and values.get("body"):
        body = " ".join(str(values["body"]).split())
        return f"{values.get('author') or entity.zh} · {body[:40]}{'…' if len(body) > 40 else ''}"
    if entity is Entity.ASSIGNMENT:
        fmt = Format._value2member_map_.get(str(values.get("format")))
        parts = [titles.get(values.get("stage_id"), ""), names.get(values.get("outlet_id"), ""),  # type: ignore[arg-type]
                 fmt.zh if fmt is not None else str(values.get("format", ""))]
        return " · ".join(p for p in parts if p)
    if entity is Entity.STAGE_DEPENDENCY:
        return f"{titles.get(values.get('depends_on_id'), '?')} → {titles.get(values.get('stage_id'), '?')}"  # type: ignore[arg-type]
    return entity.zh


def plain(value: Any) -> Any:
    """A JSON-safe, canonical form of one column value (UUIDs as text, times in UTC ISO 8601)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        from datetime import UTC

        dt = value if value.tzinfo else value.replace(tzinfo=UTC)
        return dt.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def plain_values(entity: Entity, values: Mapping[str, Any]) -> dict[str, Any]:
    """The exchanged fields of a record as JSON-safe values (a tombstone's snapshot)."""
    return {f: plain(values.get(f, [] if f == "person_ids" else None)) for f in FIELDS[entity]}
