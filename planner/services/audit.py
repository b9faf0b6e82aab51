"""The change log read back: the history of one record or of a whole project, filtered and described.

Every service call writes its change-log entries (who — the desk identity —, when, which record,
what it did, the fields before and after). This module finds the entries that concern an item (a
stage with its notes and dependencies, an assignment with its notes and people) or a project
(everything that ever belonged to it, deleted records included: a record's project is read from
the logged values themselves), filters them by desk, time, kind of record and action, and turns
them into :class:`HistoryEntry` rows whose field changes read as people say them
(:mod:`planner.domain.fields`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, func, select

from planner.domain import fields as F
from planner.domain.enums import Action, Entity
from planner.domain.errors import NotFoundError, ValidationError
from planner.domain.ids import parse_uuid
from planner.store.database import Database
from planner.store.models import TABLES, Assignment, ChangeLog, Note, Stage, StageDependency, StageSeries

#: entries one call returns at most (the view pages on with ``older_than``)
PAGE = 500
#: ids per ``IN (…)``
_CHUNK = 900


@dataclass(frozen=True)
class HistoryFilter:
    """What to show: one record (``entity_id``) or one project (``project_id``) or everything, narrowed by
    the desk that made the change (a part of its name), a time window, kinds of record and actions."""

    project_id: uuid.UUID | None = None
    entity_id: uuid.UUID | None = None
    desk: str = ""
    since: datetime | None = None
    until: datetime | None = None
    kinds: tuple[Entity, ...] = ()
    actions: tuple[Action, ...] = ()
    older_than: datetime | None = None
    limit: int = PAGE


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry: its name and the stored values before and after (JSON values)."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One change-log entry: who (``desk``), when, which record (``label``), what, and the fields."""

    id: uuid.UUID
    at: datetime
    desk: str
    entity: Entity
    entity_id: uuid.UUID
    action: Action
    label: str
    changes: tuple[FieldChange, ...]
    before: dict | None = field(default=None, repr=False)
    after: dict | None = field(default=None, repr=False)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.changes)


# -- which records a project or an item consists of ------------------------------------------------
#: plan records whose deletion is looked up in the log (to keep showing their history)
_PLAN_KINDS = (Entity.STAGE, Entity.ASSIGNMENT, Entity.STAGE_DEPENDENCY, Entity.NOTE, Entity.SERIES)


def _ids(conn: Any, query: Any) -> set[uuid.UUID]:
    return set(conn.execute(query).scalars())


def _logged(conn: Any, action: Action, kinds: Iterable[Entity]) -> list[tuple[Entity, uuid.UUID, dict]]:
    """(entity, id, logged values) of the log's ``action`` entries of ``kinds``: the values of a deleted
    record (``before``) or of a created one (``after``). Only those rows' JSON is read."""
    column = ChangeLog.before if action is Action.DELETE else ChangeLog.after
    q = select(ChangeLog.entity, ChangeLog.entity_id, column).where(
        ChangeLog.action == action.value, ChangeLog.entity.in_([k.value for k in kinds]))  # type: ignore[attr-defined]
    out = []
    for entity, rid, values in conn.execute(q):
        if isinstance(values, dict):
            out.append((Entity(entity), rid, values))
    return out


def _belongs(values: dict, key: str, ids: set[str]) -> bool:
    return str(values.get(key) or "") in ids


def project_records(db: Database, project_id: uuid.UUID) -> set[uuid.UUID]:
    """Ids of the project and of every stage, dependency, assignment, note and series that is or was in it.

    Records that exist are found through their tables; deleted ones through the log's deletion entries
    (whose logged values name their stage or project), and the children that went with a deleted stage
    — deleted with it, without entries of their own — through their creation entries.
    """
    with db.engine.connect() as conn:
        stages = select(Stage.id).where(Stage.project_id == project_id)
        stage_ids = _ids(conn, stages)
        assignment_ids = _ids(conn, select(Assignment.id).where(Assignment.stage_id.in_(stages)))  # type: ignore[attr-defined]
        other = _ids(conn, select(StageDependency.id).where(StageDependency.stage_id.in_(stages)))  # type: ignore[attr-defined]
        other |= _ids(conn, select(Note.id).where(
            Note.stage_id.in_(stages) | Note.assignment_id.in_(select(Assignment.id).where(Assignment.stage_id.in_(stages)))))  # type: ignore[union-attr, attr-defined]
        other |= _ids(conn, select(StageSeries.id).where(StageSeries.project_id == project_id))
        gone = _logged(conn, Action.DELETE, _PLAN_KINDS)
        gone_stages = {rid for e, rid, v in gone if e is Entity.STAGE and _belongs(v, "project_id", {str(project_id)})}
        stage_ids |= gone_stages
        stage_text = {str(s) for s in stage_ids}
        assignment_ids |= {rid for e, rid, v in gone if e is Entity.ASSIGNMENT and _belongs(v, "stage_id", stage_text)}
        born: list[tuple[Entity, uuid.UUID, dict]] = []
        if gone_stages:  # what went with them: found where it was made
            born = _logged(conn, Action.CREATE, (Entity.ASSIGNMENT, Entity.STAGE_DEPENDENCY, Entity.NOTE))
            assignment_ids |= {rid for e, rid, v in born if e is Entity.ASSIGNMENT and _belongs(v, "stage_id", stage_text)}
        assignment_text = {str(a) for a in assignment_ids}
        for e, rid, v in (*gone, *born):
            if (e is Entity.SERIES and _belongs(v, "project_id", {str(project_id)})) or (e in (Entity.STAGE_DEPENDENCY, Entity.NOTE) and (
                    _belongs(v, "stage_id", stage_text) or _belongs(v, "assignment_id", assignment_text))):
                other.add(rid)
    return {project_id} | stage_ids | assignment_ids | other


def item_records(db: Database, entity_id: uuid.UUID) -> set[uuid.UUID]:
    """The record itself, and for a stage or an assignment its notes (and a stage's dependencies),
    deleted ones included; for a project, everything in it (:func:`project_records`)."""
    text = {str(entity_id)}
    with db.engine.connect() as conn:
        kinds = set(conn.execute(select(ChangeLog.entity).where(ChangeLog.entity_id == entity_id).distinct()).scalars())
        for model, entity in ((Stage, Entity.STAGE), (Assignment, Entity.ASSIGNMENT), (TABLES["project"], Entity.PROJECT)):
            if conn.execute(select(model.id).where(model.id == entity_id)).first():  # type: ignore[attr-defined]
                kinds.add(entity.value)
        if Entity.PROJECT.value in kinds:
            return project_records(db, entity_id)
        ids = {entity_id}
        if Entity.STAGE.value in kinds:
            ids |= _ids(conn, select(Note.id).where(Note.stage_id == entity_id))
            ids |= _ids(conn, select(StageDependency.id).where(StageDependency.stage_id == entity_id))
        if Entity.ASSIGNMENT.value in kinds:
            ids |= _ids(conn, select(Note.id).where(Note.assignment_id == entity_id))
        if kinds & {Entity.STAGE.value, Entity.ASSIGNMENT.value}:
            for _e, rid, v in _logged(conn, Action.DELETE, (Entity.NOTE, Entity.STAGE_DEPENDENCY)):
                if _belongs(v, "stage_id", text) or _belongs(v, "assignment_id", text):
                    ids.add(rid)
    return ids


def resolve_entity(db: Database, ref: str) -> uuid.UUID:
    """A record id from a full UUID or the first characters of one (at least 6), as the log knows it."""
    rid = parse_uuid(ref)
    if rid is not None:
        return rid
    prefix = "".join(ch for ch in str(ref).strip().lower() if ch != "-")
    if len(prefix) < 6 or any(ch not in "0123456789abcdef" for ch in prefix):
        raise ValidationError("invalid", field="entity", detail=f"记录编号 / record id: {ref}")
    with db.engine.connect() as conn:
        text = func.replace(func.lower(cast(ChangeLog.entity_id, String)), "-", "")
        found = list(conn.execute(select(ChangeLog.entity_id).where(text.like(f"{prefix}%")).distinct().limit(2)).scalars())
    if not found:
        raise NotFoundError(what="记录", ref=ref)
    if len(found) > 1:
        raise ValidationError("ambiguous", field="entity", ref=ref, what="记录")
    return found[0]


# -- reading entries -------------------------------------------------------------------------------
def history(db: Database, flt: HistoryFilter, lang: str = "zh") -> list[HistoryEntry]:
    """The entries ``flt`` asks for, newest first (at most ``flt.limit``); labels in ``lang``."""
    if flt.entity_id is not None:
        ids: set[uuid.UUID] | None = item_records(db, flt.entity_id)
    elif flt.project_id is not None:
        ids = project_records(db, flt.project_id)
    else:
        ids = None
    where: list[Any] = []
    if flt.desk.strip():
        where.append(ChangeLog.desk.contains(flt.desk.strip(), autoescape=True))  # type: ignore[attr-defined]
    if flt.since is not None:
        where.append(ChangeLog.at >= flt.since)
    if flt.until is not None:
        where.append(ChangeLog.at < flt.until)
    if flt.older_than is not None:
        where.append(ChangeLog.at < flt.older_than)
    if flt.kinds:
        where.append(ChangeLog.entity.in_([k.value for k in flt.kinds]))  # type: ignore[attr-defined]
    if flt.actions:
        where.append(ChangeLog.action.in_([a.value for a in flt.actions]))  # type: ignore[attr-defined]
    rows: list[Any] = []
    with db.engine.connect() as conn:
        columns = (ChangeLog.id, ChangeLog.at, ChangeLog.desk, ChangeLog.entity, ChangeLog.entity_id,
                   ChangeLog.action, ChangeLog.before, ChangeLog.after)
        order = (ChangeLog.at.desc(), ChangeLog.id)  # type: ignore[attr-defined]
        if ids is None:
            rows = list(conn.execute(select(*columns).where(*where).order_by(*order).limit(flt.limit)))
        else:
            listed = list(ids)
            for start in range(0, len(listed), _CHUNK):
                chunk = listed[start:start + _CHUNK]
                q = select(*columns).where(ChangeLog.entity_id.in_(chunk), *where).order_by(*order).limit(flt.limit)  # type: ignore[attr-defined]
                rows.extend(conn.execute(q))
            rows.sort(key=lambda r: (r.at, str(r.id)), reverse=True)
            rows = rows[: flt.limit]
    labels = record_labels(db, rows, lang)
    return [_entry(r, labels.get(r.entity_id, "")) for r in rows]


def entry(db: Database, entry_id: uuid.UUID, lang: str = "zh") -> HistoryEntry:
    """One entry by its id."""
    with db.engine.connect() as conn:
        row = conn.execute(select(ChangeLog.id, ChangeLog.at, ChangeLog.desk, ChangeLog.entity, ChangeLog.entity_id,
                                  ChangeLog.action, ChangeLog.before, ChangeLog.after).where(ChangeLog.id == entry_id)).first()
    if row is None:
        raise NotFoundError(what="记录", ref=str(entry_id))
    return _entry(row, record_labels(db, [row], lang).get(row.entity_id, ""))


def desks(db: Database, project_id: uuid.UUID | None = None) -> list[str]:
    """The desks that appear in the log (of one project, or anywhere), for a filter's choices."""
    with db.engine.connect() as conn:
        q = select(ChangeLog.desk).distinct()
        if project_id is not None:
            ids = list(project_records(db, project_id))
            found: set[str] = set()
            for start in range(0, len(ids), _CHUNK):
                found |= set(conn.execute(q.where(ChangeLog.entity_id.in_(ids[start:start + _CHUNK]))).scalars())  # type: ignore[attr-defined]
            return sorted(d for d in found if d)
        return sorted(d for d in conn.execute(q).scalars() if d)


def _entry(row: Any, label: str) -> HistoryEntry:
    try:
        entity = Entity(row.entity)
    except ValueError:
        entity = Entity.SETTING
    try:
        action = Action(row.action)
    except ValueError:
        action = Action.UPDATE
    before, after = row.before or None, row.after or None
    changes: list[FieldChange] = []
    if before and after:
        names = [k for k in dict.fromkeys([*after, *before]) if k not in F.INTERNAL]
        changes = [FieldChange(k, before.get(k), after.get(k)) for k in names]
    elif after:  # a record made: the fields it was made with (empty ones say nothing)
        changes = [FieldChange(k, None, after[k]) for k in F.shown_fields(after) if _said(after[k])]
    elif before:  # a record deleted: what it held
        changes = [FieldChange(k, before[k], None) for k in F.shown_fields(before) if _said(before[k])]
    return HistoryEntry(row.id, row.at, row.desk or "", entity, row.entity_id, action, label, tuple(changes),
                        before, after)


def _said(value: Any) -> bool:
    return value not in (None, "", [], {}, False)


# -- names of the records entries speak of ----------------------------------------------------------
_NAME_COLUMNS: dict[Entity, tuple[str, ...]] = {
    Entity.OUTLET: ("short_name", "name"), Entity.ALLIANCE: ("name",), Entity.PERSON: ("name",),
    Entity.PROJECT: ("title",), Entity.STAGE: ("title",),
}


def names_of(db: Database, refs: dict[Entity, set[uuid.UUID]], lang: str = "zh") -> dict[uuid.UUID, str]:
    """Current display names of the records ``refs`` lists (outlets by short name; assignments as
    单位 · 形式 · 环节; notes by their first words). Records that are gone are left out."""
    from planner.domain.enums import Format

    out: dict[uuid.UUID, str] = {}
    with db.engine.connect() as conn:
        for entity, columns in _NAME_COLUMNS.items():
            ids = list(refs.get(entity, ()))
            model = TABLES[entity.value]
            for start in range(0, len(ids), _CHUNK):
                cols = [model.id, *(getattr(model, c) for c in columns)]  # type: ignore[attr-defined]
                for rid, *texts in conn.execute(select(*cols).where(model.id.in_(ids[start:start + _CHUNK]))):  # type: ignore[attr-defined]
                    out[rid] = next((t for t in texts if t), "")
        ids = list(refs.get(Entity.ASSIGNMENT, ()))
        outlet_name = func.coalesce(func.nullif(TABLES["outlet"].short_name, ""), TABLES["outlet"].name)  # type: ignore[attr-defined]
        for start in range(0, len(ids), _CHUNK):
            q = (select(Assignment.id, outlet_name, Assignment.format, Stage.title)
                 .join(TABLES["outlet"], TABLES["outlet"].id == Assignment.outlet_id)  # type: ignore[attr-defined]
                 .join(Stage, Stage.id == Assignment.stage_id)
                 .where(Assignment.id.in_(ids[start:start + _CHUNK])))  # type: ignore[attr-defined]
            for rid, outlet, fmt, stage in conn.execute(q):
                out[rid] = f"{outlet} · {Format(fmt).label(lang)} · {stage}"
        ids = list(refs.get(Entity.NOTE, ()))
        for start in range(0, len(ids), _CHUNK):
            for rid, body in conn.execute(select(Note.id, Note.body).where(Note.id.in_(ids[start:start + _CHUNK]))):  # type: ignore[attr-defined]
                out[rid] = _snippet(body)
    return out


def _snippet(text: str, length: int = 24) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= length else line[: length - 1] + "…"


def _snapshot_label(entity: str, values: dict | None) -> str:
    if not values:
        return ""
    for key in ("title", "short_name", "name"):
        if values.get(key):
            return str(values[key])
    if entity == Entity.NOTE.value and values.get("body"):
        return _snippet(values["body"])
    return ""


def record_labels(db: Database, rows: Iterable[Any], lang: str = "zh") -> dict[uuid.UUID, str]:
    """What each entry's record is called: its current name, else the name its logged values carry."""
    rows = list(rows)
    refs: dict[Entity, set[uuid.UUID]] = {}
    for r in rows:
        try:
            refs.setdefault(Entity(r.entity), set()).add(r.entity_id)
        except ValueError:
            continue
    labels = names_of(db, refs, lang)
    for r in rows:
        if r.entity_id not in labels:
            label = _snapshot_label(r.entity, r.after) or _snapshot_label(r.entity, r.before)
            if label:
                labels[r.entity_id] = label
    return labels


def referenced(entries: Iterable[HistoryEntry]) -> dict[Entity, set[uuid.UUID]]:
    """The records the field values of ``entries`` point to (outlets, people, stages…), by kind."""
    out: dict[Entity, set[uuid.UUID]] = {}
    for e in entries:
        for change in e.changes:
            kind = F.REFERENCES.get(change.name)
            if kind is None:
                continue
            for value in (change.before, change.after):
                for raw in value if isinstance(value, list) else [value]:
                    rid = parse_uuid(raw) if raw else None
                    if rid is not None:
                        out.setdefault(kind, set()).add(rid)
    return out


def day_range(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """The UTC window of whole plan-time days ``start``–``end`` (either may be open)."""
    from planner.domain.timefmt import day_end, day_start

    return (day_start(start) if start else None, day_end(end) if end else None)


@dataclass(frozen=True)
class FieldText:
    """One field change as a person reads it: 标题：重庆西站 → 重庆西站北广场."""

    name: str
    label: str
    before: str
    after: str


def describe(db: Database, entries: list[HistoryEntry], lang: str = "zh") -> dict[uuid.UUID, list[FieldText]]:
    """Per entry, its field changes with labels and readable values (references by their current name)."""
    from planner.domain.places import places

    names = names_of(db, referenced(entries), lang)
    index = places()

    def text(entity: str, name: str, value: Any) -> str:
        return F.value_text(entity, name, value, lang, names.get, index.label)

    out: dict[uuid.UUID, list[FieldText]] = {}
    for e in entries:
        out[e.id] = [FieldText(c.name, F.field_label(c.name, lang), text(e.entity.value, c.name, c.before),
                               text(e.entity.value, c.name, c.after)) for c in e.changes]
    return out
