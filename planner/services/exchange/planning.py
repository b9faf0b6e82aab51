"""Planning a merge (reads only): matching each incoming record to a local one, and deciding by
revisions — or, for format 1, by fingerprints — what happens to it. See :mod:`planner.services.exchange.merge`.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from planner.domain.enums import Entity
from planner.domain.revisions import Order, compare, covers, desk_key, join, later
from planner.domain.text import name_key
from planner.services.exchange.bundle import Bundle, kind_model
from planner.services.exchange.deletions import _check_dependents, _check_orphans, _plan_tombstones
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import (
    DELETED,
    MINE,
    THEIRS,
    FieldConflict,
    MergeItem,
    MergePlan,
    _compose,
    _last_change,
    _local_rev,
    _rows,
    _take,
    edited,
)
from planner.services.exchange.records import (
    KIND_OF,
    KINDS,
    OPTIONAL_REFS,
    Kind,
    Record,
    canonical,
    fingerprint,
    natural_key,
)
from planner.services.exchange.state import load_aliases, load_peer, load_state
from planner.services.syncmeta import Meta, load_meta
from planner.store.models import Outlet, Person, Project


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
        first = len(items)
        recs = _ordered(kind, bundle.records[kind.entity])
        wanted = [aliases.get(r.id, r.id) for r in recs]
        metas = load_meta(s, wanted)
        # A record whose revision is equal to or newer than the incoming one needs no values:
        # only the others are read (the no-op re-import reads revisions only).
        need = [lid for rec, lid in zip(recs, wanted, strict=True)
                if v1 or _needs_row(metas.get(lid), rec)]
        rows = _rows(s, kind, need)
        # records here the bundle names by id or alias: a name match to one of them is a new record
        # (renamed there, a new one under the old name), known before its children are remapped
        claimed = {lid for lid in wanted if lid in metas or lid in rows}
        for rec, local_id in zip(recs, wanted, strict=True):
            values = _remap(kind, rec.values, id_map)
            how = "alias" if local_id != rec.id else "id"
            row, meta = rows.get(local_id), metas.get(local_id)
            exists = row is not None or (meta is not None and not meta.deleted)
            if not exists and meta is None:
                row = _match_project(s, bundle, values, same_project) if kind.entity is Entity.PROJECT \
                    else keys.find(kind, values)
                if row is not None and row["id"] in claimed:
                    row = None
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
        if not v1:
            _matched_once(kind, items[first:], id_map, me)
    if plan.project_id is None:
        plan.project_id = bundle.project_id
    if not v1:
        _links_already_here(s, plan, keys)
        _plan_tombstones(s, plan, bundle, aliases, me)
        _one_item_per_record(plan)
        _check_orphans(s, plan)
        _check_dependents(s, plan)
    _name_local_records(s, plan)
    return plan


def _matched_once(kind: Kind, items: list[MergeItem], id_map: dict[uuid.UUID, uuid.UUID], me: str) -> None:
    """A record here is matched by name to at most one record of the bundle: of two of its records
    made independently under one name, the first keeps the match and the others are new. (A name
    match to a record the bundle also names by id or alias — renamed there, a new one made under the
    old name — is refused before this, in ``plan_merge``, so its children are remapped to it.)"""
    by_local: dict[uuid.UUID, list[MergeItem]] = {}
    for item in items:
        by_local.setdefault(item.local_id, []).append(item)
    for group in by_local.values():
        if len(group) < 2:
            continue
        keep = next((i for i in group if i.matched_by != "name"), group[0])
        for item in group:
            if item is keep or item.matched_by != "name":
                continue
            item.local_id, item.matched_by, item.local_values, item.local_version = item.incoming_id, "new", None, None
            item.local_meta, item.mine_who, item.mine_when, item.take, item.conflicts = None, "", None, {}, ()
            _decide(kind, item, None, None, me, exists=False)
            id_map[item.incoming_id] = item.incoming_id


def _links_already_here(s: Session, plan: MergePlan, keys: _KeyIndex) -> None:
    """A stage link this desk knows as deleted (or never saw) while it links the same two stages under
    another id: the same link (two desks linked the stages independently, one was deleted and the pair
    linked again) — matched to the live one, not inserted a second time."""
    for item in plan.items:
        if item.entity is not Entity.STAGE_DEPENDENCY or item.local_values or item.record.deleted:
            continue
        if item.action not in ("add", "restore", "conflict"):
            continue
        row = keys.find(item.kind, item.values)
        if row is None or row["id"] == item.local_id:
            continue
        item.local_id, item.matched_by = row["id"], "name"
        item.action, item.conflicts, item.take, item.rev_after = "same", (), {}, None
        item.local_values, item.local_meta = row, load_meta(s, [row["id"]]).get(row["id"])


def _one_item_per_record(plan: MergePlan) -> None:
    """Two of the bundle's records can stand for one record here: a live record and the tombstone of
    another desk's copy of it that we matched by name (an alias). The sender holds the record live,
    so the tombstone of its alias-mate does not delete it; of two tombstones, the one by id counts."""
    live = {i.local_id for i in plan.items if not i.record.deleted}
    taken: set[uuid.UUID] = set()
    for item in sorted((i for i in plan.items if i.record.deleted), key=lambda i: i.matched_by != "id"):
        if item.local_id in live or item.local_id in taken:
            item.action, item.delete_after, item.rev_after, item.conflicts = "same", False, None, ()
        taken.add(item.local_id)


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
                                            edited(kind, incoming, item.values, meta.rev.vv), winner=THEIRS,
                                            kind="deleted_here"),)
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
