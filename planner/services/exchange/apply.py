"""Importing a bundle: preview (dry run) or apply in one transaction, with the change log.

Everything is planned again inside the writing transaction, so the preview a person saw and the
rows written cannot drift apart silently: updates go through optimistic locking against the
versions read in that transaction, and the result is checked (dependency cycles, time order,
people on assignments) before commit. Any failure rolls everything back.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity
from planner.domain.errors import CycleError, ValidationError
from planner.services.exchange.bundle import Bundle, kind_model, read_bundle
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import MergePlan, drop_links, plan_merge, resolve
from planner.services.exchange.records import plain
from planner.services.exchange.state import save_state
from planner.services.files import backup_now
from planner.services.unit import Tx, unit
from planner.services.validate import check_order
from planner.store.database import Database
from planner.store.models import AssignmentPerson, Outlet, Person, Project, Stage, StageDependency


@dataclass
class ImportResult:
    plan: MergePlan
    changes: Changes | None  # None for a dry run or when nothing changed
    dry_run: bool

    @property
    def written(self) -> bool:
        return self.changes is not None


def preview_import(db: Database, bundle: Bundle) -> MergePlan:
    """What importing would do (nothing is written)."""
    with db.reader() as s:
        return plan_merge(s, bundle, my_desk=db.setting("desk.id"), my_name=db.desk)


def import_bundle(
    db: Database, source: str | Path | Bundle, *, dry_run: bool = False, prefer: str | None = None,
    choices: dict[tuple[uuid.UUID, str], str] | None = None,
) -> ImportResult:
    """Read, validate and merge a bundle. Unresolved conflicts raise :class:`BundleError` (nothing written)."""
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    if dry_run:
        plan = preview_import(db, bundle)
        resolve(plan, choices, prefer)
        return ImportResult(plan, None, True)
    with unit(db) as tx:
        plan = plan_merge(tx.s, bundle, my_desk=db.setting("desk.id"), my_name=db.desk)
        undecided = resolve(plan, choices, prefer)
        if undecided:
            raise BundleError("unresolved", count=undecided)
        if any(item.action in ("add", "update") for item in plan.items):
            # A merge is not one undo step: like a bulk import it backs the file up first (文件 ▸
            # 从自动备份恢复). With WAL the copy reads the state before this transaction writes.
            backup_now(db, "before-merge")
        wrote = _apply(tx, plan)
        if plan.state != plan.old_state:
            save_state(tx.s, plan.desk_id, plan.state)
        if wrote:
            _log_summary(tx, plan, bundle, prefer)
        changes = tx.changes() if wrote else None
    return ImportResult(plan, changes, False)


def _insert_values(item: Any) -> dict[str, Any]:
    rec = item.record
    values = {k: v for k, v in item.values.items() if k != "person_ids"}
    values["id"] = item.local_id
    values["created_at"] = rec.created_at
    if rec.kind.versioned:
        values["version"] = rec.version
        values["updated_at"] = rec.updated_at or rec.created_at
    return values


def _apply(tx: Tx, plan: MergePlan) -> bool:
    wrote = False
    touched: dict[Entity, set[uuid.UUID]] = defaultdict(set)
    for item in plan.items:
        if item.action == "add":
            obj = kind_model(item.record.kind)(**_insert_values(item))
            tx.add(item.entity, obj, log=False)
            tx.log(item.entity, item.local_id, Action.IMPORT, None, plain_map(_insert_values(item)))
            tx.flush(what_=item.entity.zh, value=item.label)
            if item.entity is Entity.ASSIGNMENT:
                for pid in item.values["person_ids"]:
                    tx.s.add(AssignmentPerson(assignment_id=item.local_id, person_id=pid))
        elif item.action in ("update", "conflict") and item.take:
            take = {k: v for k, v in item.take.items() if k != "person_ids"}
            relink = "person_ids" in item.take
            tx.update(item.entity, item.local_id, take, item.local_version, log=False, touch=relink)
            if relink:
                drop_links(tx.s, item.local_id)
                for pid in item.take["person_ids"]:
                    tx.s.add(AssignmentPerson(assignment_id=item.local_id, person_id=pid))
            before = {k: item.local_values.get(k) for k in item.take}
            tx.log(item.entity, item.local_id, Action.MERGE, plain_map(before), plain_map(item.take))
            tx.flush(what_=item.entity.zh, value=item.label)
        else:
            continue
        wrote = True
        touched[item.entity].add(item.local_id)
    if wrote:
        _check_result(tx, plan, touched)
    return wrote


def plain_map(values: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in values.items()}


def _check_result(tx: Tx, plan: MergePlan, touched: dict[Entity, set[uuid.UUID]]) -> None:
    """The merged rows must obey the same rules as rows the services write."""
    s = tx.s
    s.flush()
    project_id = next(i.local_id for i in plan.items if i.entity is Entity.PROJECT)
    project = s.get(Project, project_id)
    check_order(project.starts_on, project.ends_on, field="ends_on")
    stages = list(s.scalars(select(Stage).where(Stage.project_id == project_id)))
    for st in stages:
        check_order(st.starts_at, st.ends_at, field="ends_at")
    edges: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    ids = [st.id for st in stages]
    for dep in s.scalars(select(StageDependency).where(StageDependency.stage_id.in_(ids))):  # type: ignore[attr-defined]
        edges[dep.stage_id].add(dep.depends_on_id)
    _refuse_cycles(edges, {st.id: st.title for st in stages})
    if touched[Entity.OUTLET]:
        parents = {o.id: o.parent_id for o in s.scalars(select(Outlet)) if o.parent_id}
        for start in touched[Entity.OUTLET]:
            seen, node = {start}, parents.get(start)
            while node is not None:
                if node in seen:
                    raise ValidationError("parent_cycle", field="parent_id")
                seen.add(node)
                node = parents.get(node)
    if touched[Entity.ASSIGNMENT] or touched[Entity.PERSON]:
        model = kind_model(next(i.record.kind for i in plan.items if i.entity is Entity.ASSIGNMENT)) \
            if any(i.entity is Entity.ASSIGNMENT for i in plan.items) else None
        if model is not None:
            q = (select(model.id, Person.name, Person.outlet_id, model.outlet_id)
                 .join(AssignmentPerson, AssignmentPerson.assignment_id == model.id)
                 .join(Person, Person.id == AssignmentPerson.person_id)
                 .where(model.stage_id.in_(ids)))
            for _aid, pname, person_outlet, outlet in s.execute(q):
                if person_outlet != outlet:
                    raise ValidationError("person_not_on_assignment", field="person_ids", person=pname,
                                          outlet=str(outlet))


def _refuse_cycles(edges: dict[uuid.UUID, set[uuid.UUID]], titles: dict[uuid.UUID, str]) -> None:
    state: dict[uuid.UUID, int] = {}

    def visit(node: uuid.UUID, path: list[uuid.UUID]) -> None:
        state[node] = 1
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
                raise CycleError(path=" → ".join(titles.get(n, str(n)) for n in cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in list(edges):
        if start not in state:
            visit(start, [start])


def _log_summary(tx: Tx, plan: MergePlan, bundle: Bundle, prefer: str | None) -> None:
    project_id = next(i.local_id for i in plan.items if i.entity is Entity.PROJECT)
    tx.log(Entity.PROJECT, project_id, Action.MERGE, None, {
        "bundle_from_desk": plan.desk_name, "bundle_desk_id": plan.desk_id,
        "bundle_created_at": str(bundle.manifest.get("created_at", "")),
        **plan.summary(), "prefer": prefer or "",
        "choices": {f"{i.local_id}:{c.field}": ("theirs" if c.field in i.take else "mine")
                    for i in plan.conflicts for c in i.conflicts},
    })
