"""Deciding a merge (reads only): a person's choices (or ``--prefer``) applied to the conflicts, and
their consequences worked out — the revisions after the merge (a new dot of this desk where it chose
against the deterministic winner), parents brought back, links to deleted records cleared, the
reason of a status moved backwards, and names or titles that would clash.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from planner.domain.enums import Entity, Status
from planner.domain.revisions import Rev, join, next_counter
from planner.domain.rules import transition_kind
from planner.services.exchange.bundle import kind_model
from planner.services.exchange.deletions import _SOFT, _children
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import (
    DELETED,
    MINE,
    PARENT,
    THEIRS,
    FieldConflict,
    MergeItem,
    MergePlan,
    _bump,
    _compose,
    _local_rev,
    _rows,
    _take,
)
from planner.services.exchange.records import (
    KIND_OF,
    OPTIONAL_REFS,
    Record,
)
from planner.services.syncmeta import implicit_rev, load_meta


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
            for parent in item.orphan_of:  # every parent deleted here comes back
                _restore_parent(s, plan, parent, by_id, me)
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


def _restore_parent(s: Session, plan: MergePlan, parent_id: uuid.UUID | None, by_id: dict[uuid.UUID, MergeItem],
                    me: str) -> None:
    """Bring a parent deleted here back (from the bundle's copy, else from its tombstone's snapshot)."""
    if parent_id is None or any(r.local_id == parent_id for r in plan.restores):
        return
    source = by_id.get(parent_id)
    if source is not None and source.action == "restore":
        return  # coming back already (for another child, or brought back by its sender): with the bundle's values
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
        # the reason came with the status when the sender's record carries it — taken, or the same
        # as ours already (its reason field merged here before its status did)
        came_with = "reason" in item.take or (str(reason).strip() != "" and item.values.get("reason") == reason)
        if not str(reason).strip() or not came_with:
            text = f"合并自 {plan.desk_name} / merged from {plan.desk_name}"[:500]  # the column's length
            item.take["reason"] = text
            item.new_dot.add("reason")
            old = str(item.local_values.get("reason") or "")
            if item.action == "conflict" and old.strip() and old != text \
                    and not any(c.field == "reason" for c in item.conflicts):
                # the reason that explained this desk's status goes with the status it lost to: it is
                # kept with the decided conflict rather than overwritten without a trace
                item.conflicts = (*item.conflicts, FieldConflict("reason", old, text, winner=THEIRS, kind="step_back"))
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
