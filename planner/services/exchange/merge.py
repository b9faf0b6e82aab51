"""Planning a merge: what importing a bundle does to each record and field (reads only, writes nothing).

Records are matched by id, then by an alias remembered from an earlier match, then — for directory
records and stages made independently on two desks — by natural key (outlet or alliance name,
person name in their outlet, stage title in its project, …), which is then remembered as an alias.
Assignments are matched by id only; a project by id or alias, or by code *and* title only when a
person confirms it (``same_project``).

For a format-2 record the revisions decide (see :mod:`planner.domain.revisions`):

- incoming older or equal → nothing to do (``keep`` / ``same``);
- incoming newer → its changed fields are taken (``update``; a record new here is ``add``);
- concurrent → field by field: a field only they changed is taken, one only we changed is kept,
  one both changed to different values is a **conflict** with both values, who and when;
- a tombstone deletes the record here (``delete``) when we have not changed it since; a concurrent
  edit on either side, or records here that would go with it, make it a conflict instead (field
  ``_deleted``); a live record whose parent was deleted here is a conflict (field ``_parent``).

Format-1 records carry no revision: they are compared by fingerprints against what this desk last
agreed on with the sender (the older protocol, kept so that version 1 bundles still import).
:func:`resolve` applies the person's choices (or ``--prefer``) and :func:`finalize` works out the
consequences (revisions after the merge, references to deleted records, the reason of a backwards
status) — still without writing; :mod:`planner.services.exchange.apply` writes the result.
"""

from __future__ import annotations

import uuid
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session

from planner.domain.enums import Entity, Status
from planner.domain.revisions import Dot, Order, Rev, compare, covers, desk_key, join, later, next_counter
from planner.domain.rules import transition_kind
from planner.domain.text import name_key
from planner.services.exchange.bundle import Bundle, kind_model
from planner.services.exchange.errors import BundleError
from planner.services.exchange.records import (
    DERIVED,
    KIND_OF,
    KINDS,
    OPTIONAL_REFS,
    Kind,
    Record,
    canonical,
    fingerprint,
    natural_key,
    plain,
)
from planner.services.exchange.state import load_aliases, load_peer, load_state
from planner.services.syncmeta import Meta, implicit_rev, load_meta, record_label
from planner.store.models import AssignmentPerson, Outlet, Person, Project

MINE, THEIRS = "mine", "theirs"
DELETED = "_deleted"  # pseudo-field: deleted on one side, edited (or still used) on the other
PARENT = "_parent"  # pseudo-field: a record whose parent was deleted here
_CHUNK = 500


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any  # JSON-plain values, for showing
    theirs: Any
    winner: str | None = None  # the side every desk picks by itself; choosing the other is a new write
    kind: str = ""  # for _deleted/_parent: edited_here | deleted_here | in_use | parent_deleted


@dataclass
class MergeItem:
    """What happens to one incoming record."""

    entity: Entity
    local_id: uuid.UUID
    incoming_id: uuid.UUID
    label: str
    action: str  # add | update | same | keep | conflict | delete | deleted_here | restore | tombstone
    record: Record
    values: dict[str, Any]  # incoming values with references mapped to local ids
    fingerprint: str = ""
    matched_by: str = "id"  # id | alias | name | confirmed | new
    local_version: int | None = None
    local_values: dict[str, Any] = field(default_factory=dict)
    local_meta: Meta | None = None  # the local revision (or tombstone) before the merge
    take: dict[str, Any] = field(default_factory=dict)  # fields set from theirs
    conflicts: tuple[FieldConflict, ...] = ()
    mine_who: str = ""
    mine_when: datetime | None = None
    theirs_who: str = ""
    theirs_when: datetime | None = None
    # worked out by the planner (format 2) and completed by resolve/finalize:
    field_dots: dict[str, Dot] = field(default_factory=dict)
    new_dot: set[str] = field(default_factory=set)  # fields written anew by this desk (a decision, a cleared link)
    rev_after: Rev | None = None
    delete_after: bool = False
    orphan_of: uuid.UUID | None = None  # the local parent deleted here
    dependents: list[tuple[Entity, uuid.UUID, str]] = field(default_factory=list)
    reason_note: str = ""

    @property
    def matched_by_name(self) -> bool:
        return self.matched_by in ("name", "confirmed")

    @property
    def kind(self) -> Kind:
        return self.record.kind


@dataclass
class MergePlan:
    desk_id: str
    desk_name: str
    project_title: str
    project_id: uuid.UUID | None
    items: list[MergeItem]
    format_version: int = 2
    state: dict[uuid.UUID, str] = field(default_factory=dict)  # format 1: the peer state after this merge
    old_state: dict[uuid.UUID, str] = field(default_factory=dict)
    stale: bool = False  # every desk's counter in this bundle is one we had already seen from this sender
    kind: str = "plan"
    my_desk: str = ""
    my_name: str = ""
    restores: list[MergeItem] = field(default_factory=list)  # parents brought back by a decision
    relinks: list[tuple[Entity, uuid.UUID, str, Any]] = field(default_factory=list)  # local records, field, value
    names: dict[str, str] = field(default_factory=dict)  # more ids to show by name (a reply's people)

    def count(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    @property
    def conflicts(self) -> list[MergeItem]:
        return [i for i in self.items if i.action == "conflict"]

    def show(self, value: Any, lang: str = "zh") -> str:
        """:func:`describe`, with ids of records in the bundle shown by their names."""
        names = {**self.names, **{str(i.local_id): i.label for i in self.items}}
        value = plain(value)
        if isinstance(value, list):
            value = [names.get(v, v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str):
            value = names.get(value, value)
        return describe(value, lang)

    def summary(self) -> dict[str, int]:
        return {a: self.count(a) for a in ("add", "update", "same", "keep", "conflict", "delete", "restore",
                                           "deleted_here")}

    @property
    def writes(self) -> bool:
        """Does applying this plan change anything but the bookkeeping of the peer?"""
        return bool(self.restores or self.relinks) or any(
            i.action in ("add", "update", "delete", "restore", "conflict", "tombstone")
            or i.rev_after is not None or i.delete_after or (i.take and i.action != "deleted_here")
            for i in self.items)


def describe(value: Any, lang: str = "zh") -> str:
    """A short text for a field value in reports and the conflict screen."""
    value = plain(value)
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return "是" if not lang.startswith("en") else "yes"
    if value is False:
        return "否" if not lang.startswith("en") else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict) and "deleted" in value:
        return value["deleted"][1] if lang.startswith("en") else value["deleted"][0]
    return str(value)


def label_of(entity: Entity, values: dict[str, Any], titles: dict[Any, str] | None = None,
             names: dict[Any, str] | None = None) -> str:
    return record_label(entity, values, titles, names)


# -- reading the local side ---------------------------------------------------------------------
def _rows(s: Session, kind: Kind, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Local rows (column values) of ``ids``; assignments with their ``person_ids``."""
    model = kind_model(kind)
    table = model.__table__
    out: dict[uuid.UUID, dict[str, Any]] = {}
    stmt = select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))
    conn = s.connection()
    for start in range(0, len(ids), _CHUNK):
        for row in conn.execute(stmt, {"ids": ids[start:start + _CHUNK]}):
            out[row.id] = dict(row._mapping)
    if kind.entity is Entity.ASSIGNMENT and out:
        people: dict[uuid.UUID, list[uuid.UUID]] = {}
        link = AssignmentPerson.__table__  # type: ignore[attr-defined]
        stmt = select(link.c.assignment_id, link.c.person_id).where(
            link.c.assignment_id.in_(bindparam("ids", expanding=True)))
        keys = list(out)
        for start in range(0, len(keys), _CHUNK):
            for aid, pid in conn.execute(stmt, {"ids": keys[start:start + _CHUNK]}):
                people.setdefault(aid, []).append(pid)
        for aid, row in out.items():
            row["person_ids"] = sorted(people.get(aid, []), key=str)
    return out


class _KeyIndex:
    """Local records by natural key, read once per entity (not once per unmatched record)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self._maps: dict[tuple[Entity, Any], dict[Any, uuid.UUID]] = {}

    def _map(self, entity: Entity, scope: Any = None) -> dict[Any, uuid.UUID]:
        key = (entity, scope)
        if key not in self._maps:
            model = kind_model(KIND_OF[entity])
            if entity in (Entity.OUTLET, Entity.ALLIANCE):
                rows = ((k, i) for i, k in self.s.execute(select(model.id, model.name_key)))
            elif entity is Entity.PERSON:
                rows = (((o, name_key(n)), i) for i, o, n in self.s.execute(
                    select(Person.id, Person.outlet_id, Person.name)))
            elif entity is Entity.MEMBERSHIP:
                rows = (((a, o), i) for i, a, o in self.s.execute(
                    select(model.id, model.alliance_id, model.outlet_id)))
            elif entity is Entity.STAGE:
                rows = (((p, t), i) for i, p, t in self.s.execute(
                    select(model.id, model.project_id, model.title_key).where(model.project_id == scope)))
            elif entity is Entity.STAGE_DEPENDENCY:
                rows = (((a, b), i) for i, a, b in self.s.execute(
                    select(model.id, model.stage_id, model.depends_on_id)))
            else:
                rows = iter(())
            self._maps[key] = dict(rows)
        return self._maps[key]

    def find(self, kind: Kind, values: dict[str, Any]) -> dict[str, Any] | None:
        """A local record made independently with the same natural key (not for assignments or projects)."""
        key = natural_key(kind.entity, values)
        if key is None:
            return None
        scope = key[0] if kind.entity is Entity.STAGE else None  # stages: one project at a time
        found = self._map(kind.entity, scope).get(key if len(key) > 1 else key[0])
        return _rows(self.s, kind, [found]).get(found) if found is not None else None


def _ordered(kind: Kind, records: list[Record]) -> list[Record]:
    """Outlets parents first, so a parent's id is mapped before its children are looked at."""
    if kind.entity is not Entity.OUTLET:
        return records
    by_id = {r.id: r for r in records}

    def depth(rec: Record) -> int:
        n, parent = 0, rec.values.get("parent_id")
        while parent in by_id and n <= len(records):
            n, parent = n + 1, by_id[parent].values.get("parent_id")
        return n

    return sorted(records, key=depth)


def _remap(kind: Kind, values: dict[str, Any], id_map: dict[uuid.UUID, uuid.UUID]) -> dict[str, Any]:
    out = dict(values)
    for ref, _target in kind.refs:
        if out.get(ref) is not None:
            out[ref] = id_map.get(out[ref], out[ref])
    if "person_ids" in out:
        out["person_ids"] = sorted({id_map.get(p, p) for p in out["person_ids"]}, key=str)
    return out


def _last_change(meta: Meta | None, values: dict[str, Any], my_name: str) -> tuple[str, datetime | None]:
    if meta is not None and meta.editor:
        return meta.editor, meta.at
    return my_name, values.get("updated_at")


# -- planning -----------------------------------------------------------------------------------
def plan_merge(s: Session, bundle: Bundle, *, my_desk: str, my_name: str, same_project: bool = False) -> MergePlan:
    """Work out what importing ``bundle`` would do, reading through ``s`` only."""
    me, peer = desk_key(my_desk), desk_key(bundle.desk_id)
    v1 = bundle.format_version == 1
    old_state = load_state(s, bundle.desk_id) if v1 else {}
    state = dict(old_state)
    incoming_ids = [r.id for recs in bundle.records.values() for r in recs] + [t.id for t in bundle.tombstones]
    aliases = load_aliases(s, incoming_ids + [t for *_r, t in bundle.external])
    id_map: dict[uuid.UUID, uuid.UUID] = _check_external(s, bundle, aliases)
    items: list[MergeItem] = []
    plan = MergePlan(desk_id=peer, desk_name=bundle.desk_name, project_title=bundle.project_title,
                     project_id=None, items=items, format_version=bundle.format_version, old_state=old_state,
                     state=state, kind=bundle.kind, my_desk=me, my_name=my_name)
    peer_row = load_peer(s, peer)
    if peer_row is not None and bundle.seen and all(n <= peer_row.seen.get(d, 0) for d, n in bundle.seen.items()):
        plan.stale = bundle.created_at is not None and peer_row.bundle_at is not None \
            and bundle.created_at < peer_row.bundle_at
    gone: set[uuid.UUID] = set()  # records deleted here (format 1: their dependants are not brought back)
    keys = _KeyIndex(s)
    for kind in KINDS:
        recs = _ordered(kind, bundle.records[kind.entity])
        wanted = [aliases.get(r.id, r.id) for r in recs]
        metas = load_meta(s, wanted)
        # A record whose revision is equal to or newer than the incoming one needs no values:
        # only the others are read (the no-op re-import reads revisions only).
        need = [lid for rec, lid in zip(recs, wanted, strict=True)
                if v1 or _needs_row(metas.get(lid), rec)]
        rows = _rows(s, kind, need)
        for rec, local_id in zip(recs, wanted, strict=True):
            values = _remap(kind, rec.values, id_map)
            how = "alias" if local_id != rec.id else "id"
            row, meta = rows.get(local_id), metas.get(local_id)
            exists = row is not None or (meta is not None and not meta.deleted)
            if not exists and meta is None:
                row = _match_project(s, bundle, values, same_project) if kind.entity is Entity.PROJECT \
                    else keys.find(kind, values)
                if row is not None:
                    local_id, how = row["id"], ("confirmed" if kind.entity is Entity.PROJECT else "name")
                    meta = load_meta(s, [local_id]).get(local_id)
                    exists = True
                else:
                    how = "new"
            here_project = None
            if kind.entity is Entity.STAGE:
                here_project = row["project_id"] if row is not None else (meta.scope if meta is not None else None)
            if here_project is not None and here_project != values["project_id"]:
                raise BundleError("bad_record", entity=kind.entity, ref=rec.label, field="project_id",
                                  detail=("此编号属于本地另一个项目的环节", "the id is a stage of another project here"))
            id_map[rec.id] = local_id
            item = MergeItem(
                entity=kind.entity, local_id=local_id, incoming_id=rec.id, label=rec.label or kind.entity.zh,
                action="add", record=rec, values=values, matched_by=how, local_meta=meta,
                theirs_who=rec.updated_by or bundle.desk_name, theirs_when=rec.updated_at or rec.created_at,
            )
            if kind.entity is Entity.PROJECT:
                plan.project_id = local_id
            if row is not None:
                item.local_values = row
                item.local_version = row.get("version")
            if exists:
                item.mine_who, item.mine_when = _last_change(meta, row or {}, my_name)
            if v1:
                _decide_v1(kind, item, row, meta, old_state, me, gone)
                if item.action == "deleted_here":
                    gone.add(local_id)
                else:
                    state[local_id] = item.fingerprint
            else:
                _decide(kind, item, row if exists else None, meta, me, exists=exists)
            items.append(item)
    if plan.project_id is None:
        plan.project_id = bundle.project_id
    if not v1:
        _plan_tombstones(s, plan, bundle, aliases, me)
        _check_orphans(s, plan)
        _check_dependents(s, plan)
    _name_local_records(s, plan)
    return plan


def _name_local_records(s: Session, plan: MergePlan) -> None:
    """Conflicting values may name records that are here but not in the bundle: show them by name."""
    known = {str(i.local_id) for i in plan.items}
    wanted: set[uuid.UUID] = set()
    for item in plan.conflicts:
        for c in item.conflicts:
            for value in (c.mine, c.theirs):
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and len(v) == 36 and v not in known:
                        with suppress(ValueError):
                            wanted.add(uuid.UUID(v))
    if not wanted:
        return
    from planner.store.models import Stage

    for model, col in ((Person, Person.name), (Outlet, Outlet.name), (Stage, Stage.title)):
        for rid, name in s.execute(select(model.id, col).where(model.id.in_(list(wanted)))):  # type: ignore[attr-defined]
            plan.names[str(rid)] = name


def _check_external(s: Session, bundle: Bundle, aliases: dict[uuid.UUID, uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """References to records not in the bundle must be to records this desk has (or had: a
    deleted one makes the record an orphan, decided like any other). Returns their id mapping."""
    wanted: dict[Entity, set[uuid.UUID]] = {}
    for _rec, _fld, target, tid in bundle.external:
        wanted.setdefault(target, set()).add(aliases.get(tid, tid))
    if bundle.kind == "reply" or not bundle.records[Entity.PROJECT]:
        wanted.setdefault(Entity.PROJECT, set()).add(aliases.get(bundle.project_id, bundle.project_id))
    known: set[uuid.UUID] = set()
    for entity, ids in wanted.items():
        known |= set(_rows(s, KIND_OF[entity], list(ids)))
        known |= {m.id for m in load_meta(s, ids).values() if m.entity is entity}
    for rec, fld, target, tid in bundle.external:
        if aliases.get(tid, tid) not in known:
            raise BundleError("dangling", entity=rec.entity, ref=rec.label, field=fld, target=target,
                              target_id=str(tid))
    if aliases.get(bundle.project_id, bundle.project_id) not in known and Entity.PROJECT in wanted:
        raise BundleError("unknown_project", title=bundle.project_title, ref=str(bundle.project_id))
    return {tid: aliases[tid] for *_r, tid in bundle.external if tid in aliases}


def _match_project(s: Session, bundle: Bundle, values: dict[str, Any], same_project: bool) -> dict[str, Any] | None:
    """A local project that is the bundle's by code *and* title — only with a person's confirmation.

    A project with only the code or only the title in common is a different project: merging it
    would pour one plan into another, so the import stops and says which field clashes.
    """
    title_key = values.get("title_key") or name_key(values["title"])
    code = values.get("code")
    by_title = s.execute(select(Project.id, Project.title, Project.code).where(Project.title_key == title_key)).first()
    by_code = s.execute(select(Project.id, Project.title, Project.code).where(Project.code == code)).first() \
        if code else None
    if by_title is not None and by_code is not None and by_title.id == by_code.id:
        if not same_project:
            raise BundleError("confirm_project", code=code, title=by_title.title)
        return _rows(s, KIND_OF[Entity.PROJECT], [by_title.id])[by_title.id]
    clash = by_code or by_title
    if clash is not None:
        which = "code" if by_code is not None else "title"
        raise BundleError("project_clash", theirs=values["title"], mine=clash.title, field=which,
                          value=code if which == "code" else values["title"])
    return None


def _local_rev(meta: Meta | None, me: str) -> Rev:
    return meta.rev if meta is not None else implicit_rev(me)


def _needs_row(meta: Meta | None, rec: Record) -> bool:
    """Must the local values be read to decide on ``rec``? Not when ours is as new or newer."""
    if meta is None or meta.deleted or rec.rev is None:
        return True
    return compare(meta.rev.vv, rec.rev.vv) in (Order.BEFORE, Order.CONCURRENT)


def _decide(kind: Kind, item: MergeItem, row: dict[str, Any] | None, meta: Meta | None, me: str, *,
            exists: bool = True) -> None:
    """Format 2: newer, older or concurrent, field by field (``row`` is read only when needed)."""
    incoming = item.record.rev
    assert incoming is not None
    if not exists and (meta is None or not meta.deleted):
        item.action, item.rev_after = "add", incoming
        return
    if not exists:  # deleted here
        assert meta is not None
        order = compare(incoming.vv, meta.rev.vv)
        if order in (Order.BEFORE, Order.EQUAL):
            item.action = "deleted_here"
        elif order is Order.AFTER:  # they saw our deletion and brought it back
            item.action, item.rev_after = "restore", incoming
        else:
            item.action = "conflict"
            item.mine_who, item.mine_when = meta.editor, meta.at
            item.conflicts = (FieldConflict(DELETED, {"deleted": ("已删除", "deleted")},
                                            {"deleted": ("已修改", "edited")}, winner=THEIRS, kind="deleted_here"),)
        return
    local = _local_rev(meta, me)
    order = compare(local.vv, incoming.vv)
    if order is Order.EQUAL:
        item.action = "same"
        return
    if order is Order.AFTER:
        item.action = "keep"
        return
    assert row is not None
    mine, theirs = canonical(kind, row), canonical(kind, item.values)
    if order is Order.BEFORE:
        differing = [f for f in kind.fields if mine[f] != theirs[f]]
        item.take = _take(item.values, differing)
        item.action = "update" if differing else "same"
        item.rev_after = incoming
        return
    conflicts: list[FieldConflict] = []
    take: list[str] = []
    for f in kind.fields:
        di, dl = incoming.dot(f), local.dot(f)
        if di == dl or covers(local.vv, di):
            item.field_dots[f] = dl
        elif covers(incoming.vv, dl):
            item.field_dots[f] = di
            if mine[f] != theirs[f]:
                take.append(f)
        elif mine[f] == theirs[f]:  # both wrote the same value: no conflict, one deterministic dot
            item.field_dots[f] = later(di, dl)
        else:
            conflicts.append(FieldConflict(f, mine[f], theirs[f], winner=THEIRS if later(di, dl) == di else MINE))
    item.take = _take(item.values, take)
    if conflicts:
        item.action, item.conflicts = "conflict", tuple(conflicts)
    else:
        item.action = "update" if take else "keep"
        item.rev_after = _compose(join(local.vv, incoming.vv), item.field_dots)


def _decide_v1(kind: Kind, item: MergeItem, row: dict[str, Any] | None, meta: Meta | None,
               old_state: dict[uuid.UUID, str], me: str, gone: set[uuid.UUID]) -> None:
    """Format 1 (no revisions): fingerprints against what this desk last agreed on with the sender."""
    orphan = False
    for ref, _target in kind.refs:
        if item.values.get(ref) in gone:
            if ref in OPTIONAL_REFS:
                item.values[ref] = None
            else:
                orphan = True
    if "person_ids" in item.values:
        item.values["person_ids"] = [p for p in item.values["person_ids"] if p not in gone]
    item.fingerprint = fingerprint(kind, item.values)
    if row is None:
        deleted_here = (meta is not None and meta.deleted) or item.local_id in old_state or orphan
        item.action = "deleted_here" if deleted_here else "add"
        return
    fp_local = fingerprint(kind, row)
    if fp_local == item.fingerprint:
        item.action = "same"
        return
    if old_state.get(item.local_id) == item.fingerprint:
        item.action = "keep"
        return
    base = item.record.sync.get(me) or item.record.sync.get(_hyphen(me)) or old_state.get(item.local_id)
    mine, theirs = canonical(kind, row), canonical(kind, item.values)
    differing = [f for f in kind.fields if mine[f] != theirs[f]]
    if base == fp_local:
        item.action, item.take = "update", _take(item.values, differing)
    elif base == item.fingerprint:
        item.action = "keep"
    else:
        item.action = "conflict"
        item.conflicts = tuple(FieldConflict(f, mine[f], theirs[f]) for f in differing)


def _hyphen(desk: str) -> str:
    return str(uuid.UUID(desk)) if len(desk) == 32 else desk


def _take(values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    out = {f: values[f] for f in fields}
    for f in fields:  # carry the derived comparison key with its field
        derived = f"{f}_key"
        if derived in DERIVED and derived in values:
            out[derived] = values[derived]
    return out


def _compose(vv: dict[str, int], dots: dict[str, Dot]) -> Rev:
    """A revision from per-field dots: the commonest dot is the base, the rest are listed."""
    if not dots:
        desk, n = max(vv.items(), key=lambda kv: (kv[1], kv[0]))
        return Rev(vv=vv, base=(desk, n))
    counts = Counter(dots.values())
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][0]))[0]
    return Rev(vv=dict(vv), base=best, dots={f: d for f, d in dots.items() if d != best})


def _plan_tombstones(s: Session, plan: MergePlan, bundle: Bundle, aliases: dict[uuid.UUID, uuid.UUID],
                     me: str) -> None:
    """Deletions that travelled: apply, store (unknown here), or a conflict with an edit here."""
    by_kind: dict[Entity, list[Record]] = {}
    for t in bundle.tombstones:
        by_kind.setdefault(t.entity, []).append(t)
    for kind in KINDS:
        tombs = by_kind.get(kind.entity, [])
        if not tombs:
            continue
        wanted = [aliases.get(t.id, t.id) for t in tombs]
        rows = _rows(s, kind, wanted)
        metas = load_meta(s, wanted)
        for t in tombs:
            local_id = aliases.get(t.id, t.id)
            row, meta = rows.get(local_id), metas.get(local_id)
            incoming = t.rev
            assert incoming is not None
            item = MergeItem(entity=kind.entity, local_id=local_id, incoming_id=t.id, label=t.label or kind.entity.zh,
                             action="tombstone", record=t, values={}, matched_by="alias" if local_id != t.id else "id",
                             local_meta=meta, theirs_who=t.updated_by or bundle.desk_name, theirs_when=t.updated_at)
            if row is None:
                if meta is None or compare(incoming.vv, meta.rev.vv) not in (Order.BEFORE, Order.EQUAL):
                    item.rev_after = Rev(vv=join(meta.rev.vv, incoming.vv) if meta else incoming.vv,
                                         base=incoming.base, dots=incoming.dots)
                    item.delete_after = True
                else:
                    item.action = "same"
                plan.items.append(item)
                continue
            item.local_values, item.local_version = row, row.get("version")
            item.label = record_label(kind.entity, row) if kind.entity not in (Entity.ASSIGNMENT,
                                                                              Entity.STAGE_DEPENDENCY) else item.label
            item.mine_who, item.mine_when = _last_change(meta, row, plan.my_name)
            local = _local_rev(meta, me)
            order = compare(local.vv, incoming.vv)
            if order is Order.BEFORE:
                item.action, item.delete_after = "delete", True
                item.rev_after = Rev(vv=incoming.vv, base=incoming.base, dots=incoming.dots)
            elif order in (Order.AFTER, Order.EQUAL):
                item.action = "keep"  # we saw the deletion and brought the record back
            else:
                item.action = "conflict"
                item.conflicts = (FieldConflict(DELETED, {"deleted": ("已修改", "edited")},
                                                {"deleted": ("已删除", "deleted")}, winner=MINE, kind="edited_here"),)
            plan.items.append(item)


#: hard dependants: (child entity, reference field) that go when the parent goes
_HARD = {
    Entity.OUTLET: ((Entity.PERSON, "outlet_id"), (Entity.MEMBERSHIP, "outlet_id"), (Entity.ASSIGNMENT, "outlet_id")),
    Entity.ALLIANCE: ((Entity.MEMBERSHIP, "alliance_id"),),
    Entity.PROJECT: ((Entity.STAGE, "project_id"),),
    Entity.STAGE: ((Entity.ASSIGNMENT, "stage_id"), (Entity.STAGE_DEPENDENCY, "stage_id"),
                   (Entity.STAGE_DEPENDENCY, "depends_on_id")),
}
#: soft references: cleared (a new write here) when their target goes
_SOFT = {
    Entity.OUTLET: ((Entity.OUTLET, "parent_id"), (Entity.PROJECT, "lead_outlet_id")),
    Entity.PERSON: ((Entity.PROJECT, "coordinator_id"), (Entity.ASSIGNMENT, "person_ids")),
}


def _children(s: Session, parent_entity: Entity, ids: set[uuid.UUID],
              table: tuple[tuple[Entity, str], ...]) -> list[tuple[Entity, uuid.UUID, str, uuid.UUID]]:
    """Local records referring to ``ids``: (entity, id, field, parent id)."""
    out: list[tuple[Entity, uuid.UUID, str, uuid.UUID]] = []
    if not ids:
        return out
    for entity, ref in table:
        if ref == "person_ids":
            link = AssignmentPerson.__table__  # type: ignore[attr-defined]
            q = select(link.c.assignment_id, link.c.person_id).where(link.c.person_id.in_(list(ids)))
        else:
            model = kind_model(KIND_OF[entity])
            col = getattr(model, ref)
            q = select(model.id, col).where(col.in_(list(ids)))
        out.extend((entity, rid, ref, pid) for rid, pid in s.execute(q))
    return out


def _check_dependents(s: Session, plan: MergePlan) -> None:
    """A deletion that would take records here the deleter never saw is a conflict, not a silent loss."""
    going = {i.local_id for i in plan.items if i.action == "delete"}
    for item in [i for i in plan.items if i.action == "delete"]:
        blocking: list[tuple[Entity, uuid.UUID, str]] = []
        frontier: dict[Entity, set[uuid.UUID]] = {item.entity: {item.local_id}}
        seen = {item.local_id}
        while frontier:  # children of children go too
            found = []
            for parent_entity, ids in frontier.items():
                found += _children(s, parent_entity, ids, _HARD.get(parent_entity, ()))
            frontier = {}
            for entity, rid, _ref, _pid in found:
                if rid in seen:
                    continue
                seen.add(rid)
                if rid not in going:
                    blocking.append((entity, rid, ""))
                frontier.setdefault(entity, set()).add(rid)
        if not blocking:
            continue
        labels = _labels(s, blocking)
        item.dependents = [(e, rid, labels.get(rid, e.zh)) for e, rid, _ in blocking]
        item.action, item.delete_after = "conflict", False
        more = "…" if len(item.dependents) > 3 else ""
        shown = "、".join(lbl for *_r, lbl in item.dependents[:3]) + more
        shown_en = ", ".join(lbl for *_r, lbl in item.dependents[:3]) + more
        item.conflicts = (FieldConflict(
            DELETED, {"deleted": (f"本地仍有 {len(blocking)} 条相关记录：{shown}",
                                  f"still used here by {len(blocking)}: {shown_en}")},
            {"deleted": ("已删除", "deleted")}, winner=THEIRS, kind="in_use"),)


def _labels(s: Session, records: list[tuple[Entity, uuid.UUID, str]]) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    by_entity: dict[Entity, list[uuid.UUID]] = {}
    for entity, rid, _ in records:
        by_entity.setdefault(entity, []).append(rid)
    for entity, ids in by_entity.items():
        rows = _rows(s, KIND_OF[entity], ids)
        titles: dict[Any, str] = {}
        names: dict[Any, str] = {}
        if entity in (Entity.ASSIGNMENT, Entity.STAGE_DEPENDENCY):
            from planner.store.models import Stage

            stage_ids = {r.get("stage_id") for r in rows.values()} | {r.get("depends_on_id") for r in rows.values()}
            titles = dict(s.execute(select(Stage.id, Stage.title).where(Stage.id.in_([i for i in stage_ids if i]))).all())  # type: ignore[attr-defined]
            outlet_ids = [r["outlet_id"] for r in rows.values() if r.get("outlet_id")]
            names = {oid: short or name for oid, short, name in s.execute(
                select(Outlet.id, Outlet.short_name, Outlet.name).where(Outlet.id.in_(outlet_ids)))}  # type: ignore[attr-defined]
        for rid, row in rows.items():
            out[rid] = record_label(entity, row, titles, names)
    return out


def _check_orphans(s: Session, plan: MergePlan) -> None:
    """A record (new or changed) whose required parent was deleted here: a conflict on the record."""
    deleted_here = {i.local_id: i for i in plan.items if i.action in ("deleted_here", "delete")}
    parents_needed: dict[uuid.UUID, list[MergeItem]] = {}
    for item in plan.items:
        if item.action not in ("add", "update", "restore", "keep", "conflict", "same") or item.record.deleted:
            continue
        for ref, _target in item.kind.refs:
            if ref in OPTIONAL_REFS:
                continue
            target = item.values.get(ref)
            if target is not None:
                parents_needed.setdefault(target, []).append(item)
    if not parents_needed:
        return
    metas = load_meta(s, [p for p in parents_needed if p not in deleted_here])
    for parent, children in parents_needed.items():
        dead = parent in deleted_here or (parent in metas and metas[parent].deleted)
        if not dead:
            continue
        parent_label = deleted_here[parent].label if parent in deleted_here else metas[parent].label
        for item in children:
            if item.action in ("same", "keep"):
                continue  # a record we still have ourselves (its parent's deletion is decided there)
            item.action, item.orphan_of = "conflict", parent
            item.take = {}
            item.conflicts = (FieldConflict(PARENT, {"deleted": (f"“{parent_label}”已在本地删除",
                                                                 f"“{parent_label}” was deleted here")},
                                            {"deleted": ("仍在使用", "still in use")}, kind="parent_deleted"),)


# -- decisions ----------------------------------------------------------------------------------
def resolve(plan: MergePlan, choices: dict[tuple[uuid.UUID, str], str] | None, prefer: str | None) -> int:
    """Apply the person's choices (or ``prefer``) to every conflict; return how many remain undecided."""
    choices = choices or {}
    undecided = 0
    for item in plan.conflicts:
        fields = []
        item.new_dot = {f for f in item.new_dot if f.startswith("_")}
        for c in item.conflicts:
            choice = choices.get((item.local_id, c.field)) or prefer
            if choice not in (MINE, THEIRS):
                undecided += 1
                continue
            item.take.pop(c.field, None)
            if c.field.startswith("_"):
                item.new_dot.discard(c.field)
                item.reason_note = choice
                if c.winner != choice:
                    item.new_dot.add(c.field)
                continue
            if choice == THEIRS:
                fields.append(c.field)
            if plan.format_version >= 2 and c.winner != choice:
                item.new_dot.add(c.field)
        if plan.format_version == 1:
            item.take = _take(item.values, fields)
        else:
            item.take.update(_take(item.values, fields))
    return undecided


def chosen(item: MergeItem, c: FieldConflict) -> str:
    """What was decided for one conflict field (after :func:`resolve`)."""
    if c.field.startswith("_"):
        return item.reason_note or MINE
    return THEIRS if c.field in item.take else MINE


def finalize(s: Session, plan: MergePlan) -> None:
    """Revisions after the merge, restored parents, cleared links and reasons (format 2; reads only)."""
    if plan.format_version == 1:
        _backwards_reasons(plan)
        return
    me = plan.my_desk
    by_id = {i.local_id: i for i in plan.items}
    for item in plan.conflicts:
        _finalize_conflict(s, plan, item, by_id, me)
    _backwards_reasons(plan)
    _clear_links(s, plan)
    for item in plan.items:
        if item.new_dot and not item.delete_after and item.rev_after is not None and not item.record.deleted:
            counter = next_counter(item.rev_after.vv.get(me, 0))
            item.rev_after = item.rev_after.write(me, counter, sorted(f for f in item.new_dot if not f.startswith("_")))
    _check_unique(s, plan)


def _finalize_conflict(s: Session, plan: MergePlan, item: MergeItem, by_id: dict[uuid.UUID, MergeItem],
                       me: str) -> None:
    incoming = item.record.rev
    assert incoming is not None
    local = _local_rev(item.local_meta, me)
    c = item.conflicts[0]
    if c.field == DELETED:
        choice = chosen(item, c)
        vv = join(local.vv, incoming.vv)
        if c.kind == "deleted_here":  # tombstone here, edited there
            if choice == THEIRS:
                item.rev_after = Rev(vv=vv, base=incoming.base, dots=incoming.dots)
                item.take = dict(item.values)
            else:
                item.delete_after = True
                item.rev_after = _bump(Rev(vv=vv, base=local.base, dots=local.dots), me)
        else:  # edited (or still used) here, deleted there
            if choice == THEIRS:
                item.delete_after = True
                rev = Rev(vv=vv, base=incoming.base, dots=incoming.dots)
                item.rev_after = _bump(rev, me) if c.winner != THEIRS else rev
            else:
                rev = Rev(vv=vv, base=local.base, dots=local.dots)
                item.rev_after = _bump(rev, me) if c.winner != MINE else rev
        return
    if c.field == PARENT:
        if chosen(item, c) == THEIRS:
            _restore_parent(s, plan, item.orphan_of, by_id, me)
            item.take = dict(item.values)
            item.rev_after = Rev(vv=join(local.vv, incoming.vv) if item.local_meta else incoming.vv,
                                 base=incoming.base, dots=incoming.dots)
        else:  # the record goes too: a tombstone of this desk's decision
            item.delete_after = True
            item.rev_after = _bump(Rev(vv=join(local.vv, incoming.vv) if item.local_meta else incoming.vv,
                                       base=incoming.base, dots=incoming.dots), me)
        return
    for f in (c.field for c in item.conflicts):
        item.field_dots[f] = incoming.dot(f) if f in item.take else local.dot(f)
    item.rev_after = _compose(join(local.vv, incoming.vv), item.field_dots)


def _bump(rev: Rev, me: str) -> Rev:
    counter = next_counter(rev.vv.get(me, 0))
    vv = dict(rev.vv)
    vv[me] = counter
    return Rev(vv=vv, base=rev.base, dots=rev.dots)


def _restore_parent(s: Session, plan: MergePlan, parent_id: uuid.UUID | None, by_id: dict[uuid.UUID, MergeItem],
                    me: str) -> None:
    """Bring a parent deleted here back (from the bundle's copy, else from its tombstone's snapshot)."""
    if parent_id is None or any(r.local_id == parent_id for r in plan.restores):
        return
    source = by_id.get(parent_id)
    meta = load_meta(s, [parent_id]).get(parent_id)
    if source is not None and source.action in ("deleted_here", "delete", "conflict") and not source.record.deleted:
        values, entity, record = dict(source.values), source.entity, source.record
    elif meta is not None and meta.snapshot is not None:
        entity = meta.entity
        kind = KIND_OF[entity]
        try:
            values = kind.clean({f: meta.snapshot.get(f) for f in kind.fields})
        except Exception:  # a snapshot that no longer validates cannot be restored
            raise BundleError("bad_record", entity=entity, ref=meta.label, field="_parent",
                              detail=("无法恢复", "cannot be restored")) from None
        record = Record(kind=kind, id=parent_id, values=values, created_at=meta.at or datetime.now().astimezone(),
                        updated_at=meta.at, updated_by=meta.editor, rev=meta.rev, label=meta.label)
    else:
        raise BundleError("bad_record", entity=meta.entity if meta else Entity.STAGE, ref=meta.label if meta else "?",
                          field="_parent", detail=("计划包中没有它的内容，无法恢复", "its content is not in the bundle"))
    tomb = meta.rev if meta is not None else implicit_rev(me)
    rev = Rev(vv=join(tomb.vv, record.rev.vv if record.rev else {}), base=record.rev.base if record.rev else tomb.base)
    counter = next_counter(rev.vv.get(me, 0))
    restored = MergeItem(entity=entity, local_id=parent_id, incoming_id=record.id, label=record.label,
                         action="restore", record=record, values=values, matched_by="id", local_meta=meta,
                         rev_after=rev.write(me, counter, None), take=dict(values))
    plan.restores.append(restored)
    if source is not None:
        source.action = "restore"
        source.rev_after = restored.rev_after
        source.take = dict(values)
        plan.restores.remove(restored)
    kind = KIND_OF[entity]
    for ref, _target in kind.refs:  # its own parent may be gone too
        if ref not in OPTIONAL_REFS and values.get(ref) is not None:
            grand = load_meta(s, [values[ref]]).get(values[ref])
            if grand is not None and grand.deleted:
                _restore_parent(s, plan, values[ref], by_id, me)


def _backwards_reasons(plan: MergePlan) -> None:
    """A merge that moves a status backwards records why: "merged from <desk>" when no reason came with it."""
    for item in plan.items:
        if item.entity is not Entity.ASSIGNMENT or "status" not in item.take or not item.local_values:
            continue
        try:
            kind = transition_kind(Status(item.local_values["status"]), Status(item.take["status"]))
        except ValueError:
            continue
        if kind not in ("back", "reopen"):
            continue
        reason = item.take.get("reason", item.local_values.get("reason", ""))
        item.reason_note = item.reason_note or ""
        if not str(reason).strip() or "reason" not in item.take:
            text = f"合并自 {plan.desk_name} / merged from {plan.desk_name}"
            item.take["reason"] = text
            item.new_dot.add("reason")
            if item.rev_after is None and plan.format_version >= 2:
                item.rev_after = _local_rev(item.local_meta, plan.my_desk)


def _clear_links(s: Session, plan: MergePlan) -> None:
    """Records here that point to a record this merge deletes: optional links are cleared (a new write)."""
    going: dict[Entity, set[uuid.UUID]] = {}
    for item in (*plan.items, *plan.restores):
        if item.delete_after and item.local_values:
            going.setdefault(item.entity, set()).add(item.local_id)
    by_id = {i.local_id: i for i in plan.items if not i.delete_after and not i.record.deleted}
    for parent_entity, ids in going.items():
        for entity, rid, ref, pid in _children(s, parent_entity, ids, _SOFT.get(parent_entity, ())):
            item = by_id.get(rid)
            if item is not None and not item.local_values and item.action in ("keep", "same"):
                item.local_values = _rows(s, item.kind, [rid]).get(rid, {})
            if item is not None and item.action in ("add", "update", "restore", "conflict", "keep", "same"):
                current = item.take.get(ref, item.local_values.get(ref) if item.local_values else item.values.get(ref))
                if ref == "person_ids":
                    current = [p for p in (current or []) if p not in ids]
                elif current == pid:
                    current = None
                else:
                    continue
                item.take[ref] = current
                item.new_dot.add(ref)
                if item.rev_after is None:
                    item.rev_after = _local_rev(item.local_meta, plan.my_desk)
                if item.action in ("same", "keep"):
                    item.action = "update"
            else:
                plan.relinks.append((entity, rid, ref, pid))


def _check_unique(s: Session, plan: MergePlan) -> None:
    """Names and titles a merge would give two records here: one clear message instead of a failed write."""
    taken: dict[tuple[Entity, str, Any], uuid.UUID] = {}  # what the records here hold now (read once)
    loaded: set[tuple[Entity, Any]] = set()

    def load(entity: Entity, scope: Any = None) -> None:
        if (entity, scope) in loaded:
            return
        loaded.add((entity, scope))
        model = kind_model(KIND_OF[entity])
        if entity in (Entity.OUTLET, Entity.ALLIANCE):
            for rid, key in s.execute(select(model.id, model.name_key)):
                taken[(entity, "name", key)] = rid
        elif entity is Entity.PROJECT:
            for rid, title, code in s.execute(select(model.id, model.title_key, model.code)):
                taken[(entity, "title", title)] = rid
                if code:
                    taken[(entity, "code", code)] = rid
        elif entity is Entity.STAGE:
            for rid, title in s.execute(select(model.id, model.title_key).where(model.project_id == scope)):
                taken[(entity, "title", (scope, title))] = rid

    moving = {i.local_id: i for i in (*plan.items, *plan.restores)}
    claims: dict[tuple[Entity, str, Any], MergeItem] = {}
    for item in (*plan.items, *plan.restores):
        if item.delete_after or item.record.deleted:
            continue
        values = item.take if item.action not in ("add", "restore") else item.values
        keys = []
        if item.entity in (Entity.OUTLET, Entity.ALLIANCE) and "name_key" in values:
            keys.append(("name", values["name_key"], values.get("name")))
        if item.entity is Entity.PROJECT and "title_key" in values:
            keys.append(("title", values["title_key"], values.get("title")))
        if item.entity is Entity.PROJECT and values.get("code"):
            keys.append(("code", values["code"], values["code"]))
        if item.entity is Entity.STAGE and "title_key" in values:
            keys.append(("title", (item.values.get("project_id"), values["title_key"]), values.get("title")))
        for fld, key, shown in keys:
            other = claims.get((item.entity, fld, key))
            if other is not None and other.local_id != item.local_id:
                raise BundleError("clash", entity=item.entity, ref=item.label, field=fld, value=shown)
            claims[(item.entity, fld, key)] = item
            load(item.entity, key[0] if item.entity is Entity.STAGE else None)
            holder = taken.get((item.entity, fld, key))
            if holder is None or holder == item.local_id:
                continue
            leaving = moving.get(holder)
            if leaving is not None and (leaving.delete_after or fld in leaving.take or f"{fld}_key" in leaving.take):
                continue
            raise BundleError("clash", entity=item.entity, ref=item.label, field=fld, value=shown)
