"""A merge plan — what importing a bundle does to each record and field — and the rules that make it.

This module holds the plan's data (:class:`MergePlan`, :class:`MergeItem`, :class:`FieldConflict`);
:mod:`~planner.services.exchange.planning` matches and decides, :mod:`~planner.services.exchange.deletions`
handles tombstones and what depends on a deleted record, :mod:`~planner.services.exchange.decisions`
applies the choices; all of them only read. :mod:`~planner.services.exchange.apply` writes.

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
``resolve`` applies the person's choices (or ``--prefer``) and ``finalize`` works out the consequences
(revisions after the merge, references to deleted records, the reason of a backwards status).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from planner.domain.enums import Entity
from planner.domain.revisions import Dot, Rev, covers, next_counter
from planner.services.exchange.bundle import kind_model
from planner.services.exchange.records import (
    DERIVED,
    Kind,
    Record,
    plain,
)
from planner.services.syncmeta import Meta, implicit_rev, record_label
from planner.store.bulkwrite import select_by_ids
from planner.store.models import AssignmentPerson

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
    orphan_of: tuple[uuid.UUID, ...] = ()  # the local parents deleted here (a dependency has two)
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
        text = value["deleted"][1] if lang.startswith("en") else value["deleted"][0]
        edits = value.get("edits") or {}
        if edits:  # what the edit changed: e.g. 已修改（备注：改到北广场）
            from planner.services.exchange.records import field_label

            sep, colon, opening, closing = ("; ", ": ", " (", ")") if lang.startswith("en") else ("；", "：", "（", "）")
            text += opening + sep.join(f"{field_label(f, lang)}{colon}{describe(v, lang)}"
                                       for f, v in edits.items()) + closing
        return text
    return str(value)


def label_of(entity: Entity, values: dict[str, Any], titles: dict[Any, str] | None = None,
             names: dict[Any, str] | None = None) -> str:
    return record_label(entity, values, titles, names)


# -- reading the local side ---------------------------------------------------------------------


def _rows(s: Session, kind: Kind, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Local rows (column values) of ``ids``; assignments with their ``person_ids``."""
    table = kind_model(kind).__table__
    names = [c.key for c in table.columns]
    conn = s.connection()
    out = {row[0]: dict(zip(names, row, strict=True))
           for row in select_by_ids(conn, table, names, "id", ids)}
    if kind.entity is Entity.ASSIGNMENT and out:
        people: dict[uuid.UUID, list[uuid.UUID]] = {}
        link = AssignmentPerson.__table__  # type: ignore[attr-defined]
        for aid, pid in select_by_ids(conn, link, ("assignment_id", "person_id"), "assignment_id", list(out)):
            people.setdefault(aid, []).append(pid)
        for aid, row in out.items():
            row["person_ids"] = sorted(people.get(aid, []), key=str)
    return out


def _local_rev(meta: Meta | None, me: str) -> Rev:
    return meta.rev if meta is not None else implicit_rev(me)


def _take(values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    out = {f: values[f] for f in fields}
    for f in fields:  # carry the derived comparison key with its field
        derived = f"{f}_key"
        if derived in DERIVED and derived in values:
            out[derived] = values[derived]
    return out


def edited(kind: Kind, rev: Rev, values: dict[str, Any], seen: dict[str, int]) -> dict[str, Any]:
    """``{"deleted": …}`` of an edit that meets a deletion, with the fields written by edits the other
    side (version vector ``seen``) never saw and their values: deciding for the deletion must not
    lose those edits unrecorded — the decided conflict keeps them (and the conflict screen shows them)."""
    edits = {f: plain(values.get(f)) for f in kind.fields if not covers(seen, rev.dot(f))}
    return {"deleted": ("已修改", "edited"), **({"edits": edits} if edits else {})}


def _compose(vv: dict[str, int], dots: dict[str, Dot]) -> Rev:
    """A revision from per-field dots: the commonest dot is the base, the rest are listed."""
    if not dots:
        desk, n = max(vv.items(), key=lambda kv: (kv[1], kv[0]))
        return Rev(vv=vv, base=(desk, n))
    counts = Counter(dots.values())
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][0]))[0]
    return Rev(vv=dict(vv), base=best, dots={f: d for f, d in dots.items() if d != best})


def _bump(rev: Rev, me: str) -> Rev:
    counter = next_counter(rev.vv.get(me, 0))
    vv = dict(rev.vv)
    vv[me] = counter
    return Rev(vv=vv, base=rev.base, dots=rev.dots)

def _last_change(meta: Meta | None, values: dict[str, Any], my_name: str) -> tuple[str, datetime | None]:
    if meta is not None and meta.editor:
        return meta.editor, meta.at
    return my_name, values.get("updated_at")
