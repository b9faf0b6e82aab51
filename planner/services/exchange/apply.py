"""Importing a bundle: preview (dry run) or apply in one transaction, with the change log.

Everything is planned again inside the writing transaction, so the preview a person saw and the
rows written cannot drift apart silently: updates go through optimistic locking against the
versions read in that transaction, and the result is checked (dependency cycles, time order,
people on assignments) before commit. Any failure rolls everything back. A merge that writes
anything backs the file up first (a merge is not an undo step; 文件 ▸ 从自动备份恢复 is the way back).

Records taken from a format-2 bundle keep the sender's revision (so identical content has the
identical revision on every desk); what this desk decides or changes itself gets a new dot of its own.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity
from planner.domain.errors import CycleError, ValidationError
from planner.domain.revisions import Rev
from planner.services.exchange.bundle import Bundle, kind_model, read_bundle
from planner.services.exchange.decisions import chosen, finalize, resolve
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import MINE, THEIRS, MergeItem, MergePlan
from planner.services.exchange.planning import plan_merge
from planner.services.exchange.records import KINDS, plain
from planner.services.exchange.state import note_peers, save_aliases, save_conflicts, save_state
from planner.services.files import backup_now
from planner.services.syncmeta import PLAN_ENTITIES, Meta, save_meta
from planner.services.unit import Tx, unit
from planner.services.validate import check_order
from planner.store.bulkwrite import insert_rows
from planner.store.convert import to_json
from planner.store.database import Database
from planner.store.models import (
    AssignmentPerson,
    ChangeLog,
    Outlet,
    Person,
    Project,
    Stage,
    StageDependency,
    utcnow,
)

_ORDER = {k.entity: i for i, k in enumerate(KINDS)}


@dataclass
class ImportResult:
    plan: MergePlan
    changes: Changes | None  # None for a dry run or when nothing changed
    dry_run: bool
    backup: Path | None = None

    @property
    def written(self) -> bool:
        return self.changes is not None


def preview_import(db: Database, bundle: Bundle, *, same_project: bool = False) -> MergePlan:
    """What importing would do (nothing is written)."""
    with db.reader() as s:
        return plan_merge(s, bundle, my_desk=db.setting("desk.id"), my_name=db.desk, same_project=same_project)


def import_bundle(
    db: Database, source: str | Path | Bundle, *, dry_run: bool = False, prefer: str | None = None,
    choices: dict[tuple[uuid.UUID, str], str] | None = None, same_project: bool = False,
) -> ImportResult:
    """Read, validate and merge a bundle. Unresolved conflicts raise :class:`BundleError` (nothing written).

    ``same_project`` confirms that a local project with the bundle project's code and title is the
    same project (it is then remembered). A dry run reports what would happen, conflicts included.
    """
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    if prefer not in (None, MINE, THEIRS):
        raise ValueError(prefer)
    if dry_run:
        with db.reader() as s:
            plan = plan_merge(s, bundle, my_desk=db.setting("desk.id"), my_name=db.desk, same_project=same_project)
            if not resolve(plan, choices, prefer):
                finalize(s, plan)
        return ImportResult(plan, None, True)
    with unit(db) as tx:
        plan = plan_merge(tx.s, bundle, my_desk=db.setting("desk.id"), my_name=db.desk, same_project=same_project)
        undecided = resolve(plan, choices, prefer)
        if undecided:
            raise BundleError("unresolved", count=undecided)
        finalize(tx.s, plan)
        backup = None
        if plan.writes:
            # With WAL the copy reads the state before this transaction writes anything.
            backup = backup_now(db, "before-merge")
        wrote = _apply(tx, plan, bundle)
        if bundle.format_version == 1 and plan.state != plan.old_state:
            save_state(tx.s, plan.desk_id, plan.state)
        note_peers(tx.s, bundle.desk_id, bundle.desk_name, bundle.seen, bundle.created_at, bundle.desk_names)
        if wrote:
            _log_summary(tx, plan, bundle, prefer)
        changes = tx.changes() if wrote else None
    return ImportResult(plan, changes, False, backup)


# -- writing ------------------------------------------------------------------------------------
#: fields that hold a name or title unique here (a rename of one frees it for a new record)
_KEYS = frozenset({"name", "name_key", "title", "title_key", "code"})


def _apply(tx: Tx, plan: MergePlan, bundle: Bundle) -> bool:
    v2 = plan.format_version >= 2
    metas: list[Meta] = []
    logs: list[dict[str, Any]] = []
    touched: dict[Entity, set[uuid.UUID]] = defaultdict(set)
    items = [*plan.restores, *plan.items]
    deleting = [i for i in items if i.delete_after and i.local_values]
    for item in sorted(deleting, key=lambda i: -_ORDER[i.entity]):
        _delete(tx, item, logs)
        touched[item.entity].add(item.local_id)
    # new here: added, restored, or a conflict decided for their side on a record we do not have
    inserting = [i for i in items if i.action in ("add", "restore", "conflict") and not i.delete_after
                 and not i.record.deleted and not i.local_values]
    updating = [i for i in items if i.action not in ("add", "restore", "deleted_here") and not i.delete_after
                and i.take and not i.record.deleted and i.local_values]
    # a record renamed here first: a new record may take its old name (the sender renamed one and made
    # another under the old name); a rename that points to a record still to be inserted waits
    new_ids = {i.local_id for i in inserting}
    renames = [i for i in updating if _KEYS & i.take.keys()
               and not any(i.take.get(ref) in new_ids for ref, _target in i.kind.refs)]
    for item in renames:
        _update(tx, item, logs)
        touched[item.entity].add(item.local_id)
    _insert(tx, plan, sorted(inserting, key=lambda i: _ORDER[i.entity]), logs)
    for item in inserting:
        touched[item.entity].add(item.local_id)
    early = {id(i) for i in renames}
    for item in updating:
        if id(item) not in early:
            _update(tx, item, logs)
            touched[item.entity].add(item.local_id)
    for entity, rid, ref, pid in plan.relinks:
        _relink(tx, entity, rid, ref, pid)
        touched[entity].add(rid)
    if v2:
        for item in items:
            if item.rev_after is None:
                continue
            if item.action in ("same", "keep") and item.local_meta is not None and item.rev_after == item.local_meta.rev \
                    and not item.delete_after:
                continue
            metas.append(_meta_after(plan, item))
            tx.sync_written.add(item.local_id)
        existing = {i.local_id for i in items if i.local_meta is not None}
        save_meta(tx.s, metas, existing)
    _save_aliases(tx, plan)
    _save_conflicts(tx, plan, bundle)
    if logs:
        insert_rows(tx.s.connection(), ChangeLog.__table__, logs)  # type: ignore[arg-type]
    wrote = bool(touched) or bool(metas) or any(i.action == "conflict" for i in plan.items)
    if touched:
        _check_result(tx, plan, touched)
    return wrote


def _log(tx: Tx, logs: list[dict[str, Any]], entity: Entity, entity_id: uuid.UUID, action: Action,
         before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    logs.append({"id": uuid.uuid4(), "at": utcnow(), "desk": tx.db.desk, "entity": entity.value, "entity_id": entity_id,
                 "action": action.value, "before": to_json(before) if before else None,
                 "after": to_json(after) if after else None})


def _row_values(item: MergeItem) -> dict[str, Any]:
    rec = item.record
    values = {k: v for k, v in item.values.items() if k != "person_ids"}
    values.update({k: v for k, v in item.take.items() if k != "person_ids"})
    values["id"] = item.local_id
    values["created_at"] = rec.created_at
    values["updated_at"] = rec.updated_at or rec.created_at
    if item.entity is not Entity.STAGE_DEPENDENCY:
        values["version"] = 1
    else:
        values.pop("updated_at")
    if item.entity is Entity.STAGE and not values.get("position"):
        values["position"] = 10**6  # "optional: after the others" — renumbered by the next move
    return values


def _insert(tx: Tx, plan: MergePlan, items: list[MergeItem], logs: list[dict[str, Any]]) -> None:
    by_entity: dict[Entity, list[MergeItem]] = defaultdict(list)
    for item in items:
        by_entity[item.entity].append(item)
    conn = tx.s.connection()
    for entity in sorted(by_entity, key=_ORDER.__getitem__):
        group = by_entity[entity]
        rows = [_row_values(i) for i in group]
        model = kind_model(group[0].kind)
        try:
            insert_rows(conn, model.__table__, rows)
        except IntegrityError as exc:  # names and titles were checked before: a constraint the checks missed
            detail = str(exc.orig).splitlines()[0][:160]
            raise BundleError("clash", entity=entity, ref=group[0].label if len(group) == 1 else entity,
                              field="", value=detail) from None
        links = [{"assignment_id": i.local_id, "person_id": p}
                 for i in group for p in (i.take.get("person_ids", i.values.get("person_ids")) or [])]
        if links:
            insert_rows(conn, AssignmentPerson.__table__, links)  # type: ignore[arg-type]
        now, desk = utcnow(), tx.db.desk
        for item, row in zip(group, rows, strict=True):
            tx.created.append((entity, item.local_id))
            # Logged with its values, as a record created here is: the history shows them, and a
            # revert of the import (a stage link's especially) needs them.
            after = _json_row({**row, "person_ids": item.values.get("person_ids", [])}
                              if entity is Entity.ASSIGNMENT else row)
            logs.append({"id": uuid.uuid4(), "at": now, "desk": desk, "entity": entity.value,
                         "entity_id": item.local_id, "action": (Action.IMPORT if item.action == "add" else
                                                                Action.RESTORE).value,
                         "before": None, "after": after})


_PLAIN = (str, int, float, bool, type(None))


def _json_row(values: dict[str, Any]) -> dict[str, Any]:
    """:func:`to_json` of a row, quicker for the common types (a large import logs every record)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        kind = type(value)
        if kind in _PLAIN:
            out[key] = value
        elif kind is uuid.UUID:
            out[key] = str(value)
        elif kind is datetime:
            out[key] = value.isoformat()
        else:
            out[key] = to_json({key: value})[key]
    return out


def _update(tx: Tx, item: MergeItem, logs: list[dict[str, Any]]) -> None:
    take = {k: v for k, v in item.take.items() if k != "person_ids"}
    relink = "person_ids" in item.take
    tx.update(item.entity, item.local_id, take, item.local_version, log=False, touch=relink)
    if relink:
        tx.s.execute(AssignmentPerson.__table__.delete().where(  # type: ignore[attr-defined]
            AssignmentPerson.assignment_id == item.local_id))
        for pid in item.take["person_ids"]:
            tx.s.add(AssignmentPerson(assignment_id=item.local_id, person_id=pid))
    before = {k: item.local_values.get(k) for k in item.take}
    after = dict(item.take)
    if item.reason_note and "reason" in item.take and item.take["reason"].startswith("合并自"):
        after["reason_for_step_back"] = item.take["reason"]
    _log(tx, logs, item.entity, item.local_id, Action.MERGE, plain_map(before), plain_map(after))
    tx.flush(what_=item.entity.zh, value=item.label)


def _delete(tx: Tx, item: MergeItem, logs: list[dict[str, Any]]) -> None:
    """Remove a local record the merge deletes, with whatever here depends on it."""
    from planner.services.projects import remove_stage_children

    model = kind_model(item.kind)
    obj = tx.s.get(model, item.local_id)
    if obj is None:
        return
    if item.entity is Entity.STAGE:
        remove_stage_children(tx, select(Stage.id).where(Stage.id == item.local_id))
    elif item.entity is Entity.PROJECT:
        stage_ids = select(Stage.id).where(Stage.project_id == item.local_id)
        remove_stage_children(tx, stage_ids)
        tx.remove_where(Entity.STAGE, Stage.project_id == item.local_id)
    elif item.entity is Entity.ASSIGNMENT:
        from planner.services.notes import remove_notes_where
        from planner.store.models import Note

        tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.assignment_id == item.local_id)
        remove_notes_where(tx, Note.assignment_id == item.local_id)
    elif item.entity is Entity.OUTLET:
        from planner.services.notes import remove_notes_where
        from planner.services.people import remove_people_of
        from planner.store.models import Assignment, Membership, Note

        for child in tx.s.execute(select(Outlet).where(Outlet.parent_id == item.local_id)).scalars():
            tx.relink(Entity.OUTLET, child.id, "parent_id", item.local_id)
        for proj in tx.s.execute(select(Project).where(Project.lead_outlet_id == item.local_id)).scalars():
            tx.relink(Entity.PROJECT, proj.id, "lead_outlet_id", item.local_id)
        assignment_ids = select(Assignment.id).where(Assignment.outlet_id == item.local_id)
        tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.assignment_id.in_(assignment_ids))  # type: ignore[attr-defined]
        remove_notes_where(tx, Note.assignment_id.in_(assignment_ids))  # type: ignore[union-attr]
        tx.remove_where(Entity.ASSIGNMENT, Assignment.outlet_id == item.local_id)
        remove_people_of(tx, item.local_id)
        tx.remove_where(Entity.MEMBERSHIP, Membership.outlet_id == item.local_id)
    elif item.entity is Entity.ALLIANCE:
        from planner.store.models import Membership

        tx.remove_where(Entity.MEMBERSHIP, Membership.alliance_id == item.local_id)
    elif item.entity is Entity.PERSON:
        for proj in tx.s.execute(select(Project).where(Project.coordinator_id == item.local_id)).scalars():
            tx.relink(Entity.PROJECT, proj.id, "coordinator_id", item.local_id)
        tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.person_id == item.local_id)
    tx.remove(item.entity, obj, log=False)
    tx.sync_written.add(item.local_id)
    _log(tx, logs, item.entity, item.local_id, Action.DELETE, plain_map(item.local_values), None)
    tx.flush(what_=item.entity.zh, value=item.label)


def _relink(tx: Tx, entity: Entity, rid: uuid.UUID, ref: str, target: uuid.UUID) -> None:
    """A local record (not in the bundle) that pointed to a record the merge deleted."""
    if ref == "person_ids":
        tx.s.execute(AssignmentPerson.__table__.delete().where(  # type: ignore[attr-defined]
            AssignmentPerson.assignment_id == rid, AssignmentPerson.person_id == target))
        tx.update(entity, rid, {}, None, log=False, touch=True)
        tx.changed_fields(entity, rid, ("person_ids",))
    else:
        tx.update(entity, rid, {ref: None}, None)


def _meta_after(plan: MergePlan, item: MergeItem) -> Meta:
    rev: Rev = item.rev_after  # type: ignore[assignment]
    last = rev.last
    local, incoming = item.local_meta, item.record.rev
    if last[0] == plan.my_desk and (local is None or local.rev.vv.get(plan.my_desk, 0) < last[1]):
        editor, desk, at = plan.my_name, plan.my_desk, utcnow()
    elif incoming is not None and incoming.vv.get(last[0], 0) >= last[1]:
        editor, desk, at = item.record.updated_by or plan.desk_name, last[0], item.record.updated_at
    elif local is not None:
        editor, desk, at = local.editor, local.desk, local.at
    else:
        editor, desk, at = item.record.updated_by, last[0], item.record.updated_at
    scope = None
    if item.entity in PLAN_ENTITIES:
        scope = item.local_meta.scope if item.local_meta and item.local_meta.scope else (
            item.local_id if item.entity is Entity.PROJECT else (item.record.project_id or plan.project_id))
    return Meta(id=item.local_id, entity=item.entity, rev=rev, scope=scope, deleted=item.delete_after,
                editor=editor or "", desk=desk, at=at or utcnow(), label=item.label,
                snapshot=_snapshot(item) if (item.delete_after and item.entity in PLAN_ENTITIES) else None)


def _snapshot(item: MergeItem) -> dict[str, Any] | None:
    from planner.services.syncmeta import plain_values

    values = item.local_values or item.values
    if not values:  # a deletion met one made here: keep our copy of the record, to restore it from
        return item.local_meta.snapshot if item.local_meta is not None else None
    return plain_values(item.entity, values)


def _save_aliases(tx: Tx, plan: MergePlan) -> None:
    rows = [{"foreign_id": i.incoming_id, "entity": i.entity.value, "local_id": i.local_id, "peer": plan.desk_id,
             "how": i.matched_by}
            for i in plan.items if i.matched_by in ("name", "confirmed") and i.incoming_id != i.local_id]
    save_aliases(tx.s, rows)


def _save_conflicts(tx: Tx, plan: MergePlan, bundle: Bundle) -> None:
    rows = []
    source = "reply" if bundle.kind == "reply" else "bundle"
    for item in plan.conflicts:
        for c in item.conflicts:
            rows.append({
                "id": uuid.uuid4(), "at": utcnow(), "source": source, "peer": plan.desk_id, "peer_name": plan.desk_name,
                "entity": item.entity.value, "record_id": item.local_id, "label": item.label[:300], "field": c.field,
                "mine": {"value": plain(c.mine)}, "theirs": {"value": plain(c.theirs)},
                "mine_by": (item.mine_who or "")[:200], "mine_at": item.mine_when,
                "theirs_by": (item.theirs_who or "")[:200], "theirs_at": item.theirs_when,
                "chosen": chosen(item, c), "decided_by": tx.db.desk[:200],
            })
    save_conflicts(tx.s, rows)


def plain_map(values: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in values.items()}


def _check_result(tx: Tx, plan: MergePlan, touched: dict[Entity, set[uuid.UUID]]) -> None:
    """The merged rows must obey the same rules as rows the services write."""
    s = tx.s
    s.flush()
    project_id = plan.project_id
    project = s.get(Project, project_id) if project_id else None
    if project is None:
        return
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
        from planner.store.models import Assignment

        q = (select(Assignment.id, Person.name, Person.outlet_id, Assignment.outlet_id)
             .join(AssignmentPerson, AssignmentPerson.assignment_id == Assignment.id)
             .join(Person, Person.id == AssignmentPerson.person_id)
             .where(Assignment.stage_id.in_(ids)))  # type: ignore[attr-defined]
        for _aid, pname, person_outlet, outlet in s.execute(q):
            if person_outlet != outlet:
                raise ValidationError("person_not_on_assignment", field="person_ids", person=pname, outlet=str(outlet))


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
    if plan.project_id is None:
        return
    tx.log(Entity.PROJECT, plan.project_id, Action.IMPORT if bundle.kind == "reply" else Action.MERGE, None, {
        "bundle_from_desk": plan.desk_name, "bundle_desk_id": plan.desk_id, "bundle_kind": bundle.kind,
        "bundle_format_version": bundle.format_version,
        "bundle_created_at": str(bundle.manifest.get("created_at", "")),
        **plan.summary(), "prefer": prefer or "",
        "choices": {f"{i.local_id}:{c.field}": chosen(i, c) for i in plan.conflicts for c in i.conflicts},
    })
