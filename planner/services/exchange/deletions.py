"""Deletions in a merge: tombstones that travelled (apply, store, or a conflict with an edit here),
deletions that would take records the deleter never saw, and records whose parent was deleted here.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from planner.domain.enums import Entity
from planner.domain.revisions import Order, Rev, compare, join
from planner.services.exchange.bundle import Bundle, kind_model
from planner.services.exchange.merge import (
    DELETED,
    MINE,
    PARENT,
    THEIRS,
    FieldConflict,
    MergeItem,
    MergePlan,
    _last_change,
    _local_rev,
    _rows,
    edited,
)
from planner.services.exchange.records import (
    KIND_OF,
    KINDS,
    OPTIONAL_REFS,
    Record,
    canonical,
)
from planner.services.syncmeta import load_meta, record_label
from planner.store.models import AssignmentPerson, Outlet


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
                item.conflicts = (FieldConflict(DELETED, edited(kind, local, row, incoming.vv),
                                                {"deleted": ("已删除", "deleted")}, winner=MINE, kind="edited_here"),)
            plan.items.append(item)


#: hard dependants: (child entity, reference field) that go when the parent goes


_HARD = {
    Entity.OUTLET: ((Entity.PERSON, "outlet_id"), (Entity.MEMBERSHIP, "outlet_id"), (Entity.ASSIGNMENT, "outlet_id")),
    Entity.ALLIANCE: ((Entity.MEMBERSHIP, "alliance_id"),),
    Entity.PROJECT: ((Entity.STAGE, "project_id"),),
    Entity.STAGE: ((Entity.ASSIGNMENT, "stage_id"), (Entity.STAGE_DEPENDENCY, "stage_id"),
                   (Entity.STAGE_DEPENDENCY, "depends_on_id"), (Entity.NOTE, "stage_id")),
    Entity.ASSIGNMENT: ((Entity.NOTE, "assignment_id"),),
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
    # a record edited here and deleted there goes too if the deletion is chosen: what it would take
    # that the deleter never saw is kept with that conflict as well
    edited_here = [i for i in plan.items if i.action == "conflict" and i.conflicts and i.conflicts[0].kind == "edited_here"]
    for item in [i for i in plan.items if i.action == "delete"] + edited_here:
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
        rows = _read(s, blocking)
        labels = _labels(s, rows)
        item.dependents = [(e, rid, labels.get(rid, e.zh)) for e, rid, _ in blocking]
        kept = _dependent_values(item.dependents, rows)
        more = "…" if len(item.dependents) > 3 else ""
        shown = "、".join(lbl for *_r, lbl in item.dependents[:3]) + more
        shown_en = ", ".join(lbl for *_r, lbl in item.dependents[:3]) + more
        if item.action == "conflict":  # already a conflict (edited here): it names and keeps them too
            first = item.conflicts[0]
            zh, en = first.mine["deleted"]
            label = (f"{zh}；本地仍有 {len(blocking)} 条相关记录：{shown}", f"{en}; still used here by {len(blocking)}: {shown_en}")
            item.conflicts = (replace(first, mine={**first.mine, "deleted": label, "dependents": kept}),
                              *item.conflicts[1:])
            continue
        item.action, item.delete_after = "conflict", False
        item.conflicts = (FieldConflict(
            DELETED, {"deleted": (f"本地仍有 {len(blocking)} 条相关记录：{shown}",
                                  f"still used here by {len(blocking)}: {shown_en}"), "dependents": kept},
            {"deleted": ("已删除", "deleted")}, winner=THEIRS, kind="in_use"),)


def _read(s: Session, records: list[tuple[Entity, uuid.UUID, str]]) -> dict[Entity, dict[uuid.UUID, dict[str, Any]]]:
    """The rows of ``records`` by entity, read once (for their labels and their values)."""
    by_entity: dict[Entity, list[uuid.UUID]] = {}
    for entity, rid, _ in records:
        by_entity.setdefault(entity, []).append(rid)
    return {entity: _rows(s, KIND_OF[entity], ids) for entity, ids in by_entity.items()}


def _dependent_values(dependents: list[tuple[Entity, uuid.UUID, str]],
                      rows: dict[Entity, dict[uuid.UUID, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The records a deletion would take that its deleter never saw, with all their values: deciding
    for the deletion must not lose them unrecorded (the decided conflict keeps them)."""
    out = []
    for entity, rid, label in dependents:
        row = rows.get(entity, {}).get(rid)
        if row is not None:
            out.append({"entity": entity.value, "id": str(rid), "label": label, "values": canonical(KIND_OF[entity], row)})
    return out


def _labels(s: Session, by_entity: dict[Entity, dict[uuid.UUID, dict[str, Any]]]) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    for entity, rows in by_entity.items():
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
        for item in children:
            if item.action in ("same", "keep"):
                continue  # a record we still have ourselves (its parent's deletion is decided there)
            item.action, item.orphan_of = "conflict", (*item.orphan_of, parent)  # a dependency may lose both
            item.take = {}
            labels = "、".join(f"“{deleted_here[p].label if p in deleted_here else metas[p].label}”"
                              for p in item.orphan_of)
            item.conflicts = (FieldConflict(PARENT, {"deleted": (f"{labels}已在本地删除",
                                                                 f"{labels.replace('、', ', ')} was deleted here")},
                                            {"deleted": ("仍在使用", "still in use")}, kind="parent_deleted"),)


# -- decisions ----------------------------------------------------------------------------------
