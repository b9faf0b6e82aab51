"""Merging a bundle into this database by UUID and content, with a field-by-field conflict list.

How "changed here since" is decided, per record (``fp`` = fingerprint of the editable fields):

1. local fp == incoming fp → nothing to do (``same``);
2. the fp last merged from this peer (our state) == incoming fp → we already have seen exactly this;
   whatever we did then stands (``keep``) — this makes re-importing a bundle change nothing;
3. base = the fp the sender says it last agreed on with us (the record's ``sync[our desk id]``),
   else our own state for the peer; base == local fp → only they changed it: take theirs (``update``);
4. base == incoming fp → only we changed it (``keep``);
5. otherwise both changed it, or we cannot tell: a ``conflict`` listing each differing field with
   both values, who changed it and when. Never a silent overwrite.

A record unknown here is added with the same UUID (``add``); one we merged before but deleted here is
left deleted and reported (``deleted_here``). Records made independently on two desks are matched by
their natural key (outlet/alliance name, project title, stage title in its project, person name in
its outlet, …) and then compared like any other. Deletions on the sender's side do not travel.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import select
from sqlmodel import Session

from planner.domain.enums import Entity
from planner.domain.text import name_key
from planner.services.exchange.bundle import Bundle, kind_model
from planner.services.exchange.errors import BundleError
from planner.services.exchange.records import (
    DERIVED,
    KINDS,
    Kind,
    Record,
    canonical,
    fingerprint,
    natural_key,
    plain,
)
from planner.services.exchange.state import load_state
from planner.store.convert import as_mapping
from planner.store.models import AssignmentPerson, ChangeLog, Person, Project

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any  # JSON-plain values, for showing
    theirs: Any


@dataclass
class MergeItem:
    """What happens to one incoming record."""

    entity: Entity
    local_id: uuid.UUID
    incoming_id: uuid.UUID
    label: str
    action: str  # add | update | same | keep | conflict | deleted_here
    record: Record
    values: dict[str, Any]  # incoming values with references mapped to local ids
    fingerprint: str
    matched_by_name: bool = False
    local_version: int | None = None
    local_values: dict[str, Any] = field(default_factory=dict)
    take: dict[str, Any] = field(default_factory=dict)  # fields that would be set from theirs
    conflicts: tuple[FieldConflict, ...] = ()
    mine_who: str = ""
    mine_when: datetime | None = None
    theirs_who: str = ""
    theirs_when: datetime | None = None


@dataclass
class MergePlan:
    desk_id: str
    desk_name: str
    project_title: str
    items: list[MergeItem]
    state: dict[uuid.UUID, str]  # the peer state after this merge
    old_state: dict[uuid.UUID, str]

    def count(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    @property
    def conflicts(self) -> list[MergeItem]:
        return [i for i in self.items if i.action == "conflict"]

    def show(self, value: Any) -> str:
        """:func:`describe`, with ids of records in the bundle shown by their names."""
        names = {str(i.local_id): i.label for i in self.items}
        value = plain(value)
        if isinstance(value, list):
            value = [names.get(v, v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str):
            value = names.get(value, value)
        return describe(value)

    def summary(self) -> dict[str, int]:
        return {a: self.count(a) for a in ("add", "update", "same", "keep", "conflict", "deleted_here")}


def label_of(entity: Entity, values: dict[str, Any]) -> str:
    for key in ("title", "name"):
        if values.get(key):
            return str(values[key])
    if entity is Entity.ASSIGNMENT:
        from planner.domain.enums import Format, Role

        return f"{Role(values['role']).zh} · {Format(values['format']).zh}"
    return entity.zh


def _remap(kind: Kind, values: dict[str, Any], id_map: dict[uuid.UUID, uuid.UUID]) -> dict[str, Any]:
    out = dict(values)
    for ref, _target in kind.refs:
        if out.get(ref) is not None:
            out[ref] = id_map.get(out[ref], out[ref])
    if "person_ids" in out:
        out["person_ids"] = sorted({id_map.get(p, p) for p in out["person_ids"]}, key=str)
    return out


#: references that may be cleared when their target was deleted here (the others make the record an orphan)
OPTIONAL_REFS = frozenset({"parent_id", "lead_outlet_id", "coordinator_id"})


def _drop_gone(kind: Kind, values: dict[str, Any], gone: set[uuid.UUID]) -> bool:
    """Clear references to records deleted here; ``True`` when a required one is among them."""
    if not gone:
        return False
    orphan = False
    for ref, _target in kind.refs:
        if values.get(ref) in gone:
            if ref in OPTIONAL_REFS:
                values[ref] = None
            else:
                orphan = True
    if "person_ids" in values:
        values["person_ids"] = [p for p in values["person_ids"] if p not in gone]
    return orphan


def _find_by_key(s: Session, kind: Kind, values: dict[str, Any]) -> Any:
    key = natural_key(kind.entity, values)
    if key is None:
        return None
    model = kind_model(kind)
    if kind.entity in (Entity.OUTLET, Entity.ALLIANCE):
        return s.scalars(select(model).where(model.name_key == key[0])).first()
    if kind.entity is Entity.PERSON:
        for person in s.scalars(select(Person).where(Person.outlet_id == key[0])):
            if name_key(person.name) == key[1]:
                return person
        return None
    if kind.entity is Entity.MEMBERSHIP:
        return s.scalars(select(model).where(model.alliance_id == key[0], model.outlet_id == key[1])).first()
    if kind.entity is Entity.PROJECT:
        found = s.scalars(select(Project).where(Project.title_key == key[0])).first()
        if found is None and values.get("code"):
            found = s.scalars(select(Project).where(Project.code == values["code"])).first()
        return found
    if kind.entity is Entity.STAGE:
        return s.scalars(select(model).where(model.project_id == key[0], model.title_key == key[1])).first()
    if kind.entity is Entity.STAGE_DEPENDENCY:
        return s.scalars(select(model).where(model.stage_id == key[0], model.depends_on_id == key[1])).first()
    if kind.entity is Entity.ASSIGNMENT:
        return s.scalars(select(model).where(
            model.stage_id == key[0], model.outlet_id == key[1], model.format == key[2]).order_by(model.created_at)).first()
    return None


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


def local_values(s: Session, kind: Kind, obj: Any) -> dict[str, Any]:
    values = as_mapping(obj)
    if kind.entity is Entity.ASSIGNMENT:
        values["person_ids"] = sorted(
            s.scalars(select(AssignmentPerson.person_id).where(AssignmentPerson.assignment_id == obj.id)), key=str
        )
    return values


def _last_change(s: Session, entity_id: uuid.UUID) -> tuple[str, datetime | None]:
    row = s.execute(
        select(ChangeLog.desk, ChangeLog.at).where(ChangeLog.entity_id == entity_id)
        .order_by(ChangeLog.at.desc()).limit(1)  # type: ignore[attr-defined]
    ).first()
    return (row[0], row[1]) if row else ("", None)


def plan_merge(s: Session, bundle: Bundle, *, my_desk: str, my_name: str) -> MergePlan:
    """Work out what importing ``bundle`` would do, reading through ``s`` only."""
    peer = bundle.desk_id
    old_state = load_state(s, peer)
    state = dict(old_state)
    id_map: dict[uuid.UUID, uuid.UUID] = {}
    items: list[MergeItem] = []
    gone: set[uuid.UUID] = set()  # records deleted here: their dependants are not brought back either
    for kind in KINDS:
        model = kind_model(kind)
        ids = [r.id for r in bundle.records[kind.entity]]
        for start in range(0, len(ids), 500):  # load known records into the session's identity map at once
            list(s.scalars(select(model).where(model.id.in_(ids[start:start + 500]))))
        for rec in _ordered(kind, bundle.records[kind.entity]):
            values = _remap(kind, rec.values, id_map)
            orphan = _drop_gone(kind, values, gone)
            local = s.get(model, rec.id)
            matched = False
            if local is None:
                local = _find_by_key(s, kind, values)
                matched = local is not None
            if kind.entity is Entity.STAGE and local is not None and local.project_id != values["project_id"]:
                raise BundleError("bad_record", entity=kind.entity.zh, ref=str(rec.id),
                                  detail="此编号属于本地另一个项目的环节 / the id is a stage of another project here")
            local_id = local.id if local is not None else rec.id
            id_map[rec.id] = local_id
            fp_in = fingerprint(kind, values)
            item = MergeItem(
                entity=kind.entity, local_id=local_id, incoming_id=rec.id, label=label_of(kind.entity, values),
                action="add", record=rec, values=values, fingerprint=fp_in, matched_by_name=matched,
                theirs_who=rec.updated_by or bundle.desk_name, theirs_when=rec.updated_at or rec.created_at,
            )
            if local is None:
                item.action = "deleted_here" if (local_id in old_state or orphan) else "add"
            else:
                _compare(s, kind, item, local, old_state, my_desk, my_name)
            if item.action == "deleted_here":
                gone.add(local_id)
            else:
                state[local_id] = fp_in
            items.append(item)
    return MergePlan(desk_id=peer, desk_name=bundle.desk_name, project_title=str(bundle.project.values["title"]),
                     items=items, state=state, old_state=old_state)


def _compare(s: Session, kind: Kind, item: MergeItem, local: Any, old_state: dict[uuid.UUID, str],
             my_desk: str, my_name: str) -> None:
    mine = local_values(s, kind, local)
    item.local_values = mine
    item.local_version = mine.get("version")
    if not kind.versioned:  # a dependency: it exists, nothing more to compare
        item.action = "same"
        return
    fp_local = fingerprint(kind, mine)
    if fp_local == item.fingerprint:
        item.action = "same"
        return
    if old_state.get(item.local_id) == item.fingerprint:
        item.action = "keep"
        return
    base = item.record.sync.get(my_desk) or old_state.get(item.local_id)
    a, b = canonical(kind, mine), canonical(kind, item.values)
    differing = [f for f in kind.fields if a[f] != b[f]]
    if base == fp_local:
        item.action = "update"
        item.take = _take(kind, item.values, differing)
    elif base == item.fingerprint:
        item.action = "keep"
    else:
        item.action = "conflict"
        item.conflicts = tuple(FieldConflict(f, a[f], b[f]) for f in differing)
        who, when = _last_change(s, item.local_id)
        item.mine_who = who or my_name
        item.mine_when = when or mine.get("updated_at")


def _take(kind: Kind, values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    out = {f: values[f] for f in fields}
    for f in fields:  # carry the derived comparison key with its field
        derived = f"{f}_key"
        if derived in DERIVED and derived in values:
            out[derived] = values[derived]
    return out


def resolve(plan: MergePlan, choices: dict[tuple[uuid.UUID, str], str] | None, prefer: str | None) -> int:
    """Turn every conflict into ``take`` values; return how many remain undecided."""
    choices = choices or {}
    undecided = 0
    for item in plan.conflicts:
        fields = []
        for c in item.conflicts:
            choice = choices.get((item.local_id, c.field)) or prefer
            if choice not in (MINE, THEIRS):
                undecided += 1
            elif choice == THEIRS:
                fields.append(c.field)
        kind = next(k for k in KINDS if k.entity is item.entity)
        item.take = _take(kind, item.values, fields)
    return undecided


def drop_links(s: Session, assignment_id: uuid.UUID) -> None:
    s.execute(sa_delete(AssignmentPerson).where(AssignmentPerson.assignment_id == assignment_id))


def describe(value: Any) -> str:
    """A short text for a field value in reports and the conflict screen."""
    value = plain(value)
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
