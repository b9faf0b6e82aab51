"""Taking a reply back: a checked reply plan written in one transaction (a backup first), undone and
redone as one step (:class:`ImportReplies`), and an outlet's answers as a reply bundle.

The reading and three-way planning are :mod:`planner.services.exchange.replies`.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity
from planner.domain.errors import StaleError
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import MINE, THEIRS, MergeItem
from planner.services.exchange.replies import (
    ReplyPlan,
    plan_replies,
    resolve_replies,
)
from planner.services.exchange.reply_sheet_read import read_reply_sheet
from planner.services.unit import Tx, unit
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Note, Person, SyncConflict


# -- applying and undoing -----------------------------------------------------------------------
@dataclass
class Applied:
    """What :func:`apply_replies` wrote, to undo it exactly."""

    created_people: list[uuid.UUID]
    assignments: dict[uuid.UUID, dict[str, Any]]  # id -> previous values of the fields written
    phones: dict[uuid.UUID, str]  # person -> previous phone
    created_notes: list[uuid.UUID] = field(default_factory=list)
    versions: dict[uuid.UUID, int] = field(default_factory=dict)  # versions right after the import


def apply_replies(db: Database, plan: ReplyPlan, *, choices: dict[tuple[uuid.UUID, str], str] | None = None,
                  prefer: str | None = None) -> tuple[Changes, Applied]:
    """Write a reply plan in one transaction (a backup first); unresolved conflicts write nothing."""
    from planner.services.files import backup_now

    if resolve_replies(plan, choices, prefer):
        raise BundleError("unresolved", count=sum(1 for i in plan.conflicts for c in i.conflicts
                                                   if (choices or {}).get((i.local_id, c.field)) not in (MINE, THEIRS)
                                                   and prefer is None))
    applied = Applied(created_people=[], assignments={}, phones={})
    signer = plan.merge.desk_name
    with unit(db) as tx:
        tx.editor = f"{signer} · 回执"
        backup_now(db, "before-replies")
        used = {pid for i in plan.merge.items for pid in i.take.get("person_ids", [])}
        for person in plan.new_people:
            if person.id in used:
                tx.add(Entity.PERSON, Person(id=person.id, outlet_id=plan.outlet_id, name=person.name,
                                             role="reporter", phone=person.phone))
                applied.created_people.append(person.id)
        tx.flush(what_="人员")
        for note in plan.notes:  # the outlet's word, in its signer's name (only that author may change it)
            tx.add(Entity.NOTE, Note(id=note.id, assignment_id=note.assignment_id, author=signer[:200], body=note.body))
            applied.created_notes.append(note.id)
        tx.flush(what_="备注")
        for item in plan.merge.items:
            for note in sorted(item.new_dot):
                _kind, pid, old, new = note.split(":", 3)
                person_id = uuid.UUID(pid)
                if person_id not in applied.phones:
                    applied.phones[person_id] = old
                    tx.update(Entity.PERSON, person_id, {"phone": new}, None)
            if item.take:
                applied.assignments[item.local_id] = _write_assignment(tx, item)
        _record_conflicts(tx, plan)
        tx.log(Entity.PROJECT, plan.project_id, Action.IMPORT, None, {
            "reply_sheet": plan.sheet.name, "outlet": plan.outlet_name, "signer": plan.sheet.signer,
            "signer_phone": plan.sheet.signer_phone, "changed": len(applied.assignments),
            "new_people": len(applied.created_people), "notes": len(applied.created_notes),
            "problems": len(plan.problems)})
        applied.versions = dict(tx.versions)
        changes = tx.changes()
    return changes, applied


def _write_assignment(tx: Tx, item: MergeItem) -> dict[str, Any]:
    fields = {k: v for k, v in item.take.items() if k != "person_ids"}
    previous = {k: item.local_values[k] for k in item.take}
    if fields:
        tx.update(Entity.ASSIGNMENT, item.local_id, fields, item.local_version)
    if "person_ids" in item.take:
        _set_links(tx, item.local_id, item.take["person_ids"], item.local_values["person_ids"],
                   expected=None if fields else item.local_version)
    return previous


def _set_links(tx: Tx, aid: uuid.UUID, new: list[uuid.UUID], old: list[uuid.UUID], *, expected: int | None) -> None:
    tx.s.execute(AssignmentPerson.__table__.delete().where(AssignmentPerson.assignment_id == aid))  # type: ignore[attr-defined]
    for pid in new:
        tx.s.add(AssignmentPerson(assignment_id=aid, person_id=pid))
    tx.update(Entity.ASSIGNMENT, aid, {}, expected, log=False, touch=True)
    tx.log(Entity.ASSIGNMENT, aid, Action.UPDATE, {"person_ids": [str(p) for p in old]},
           {"person_ids": [str(p) for p in new]})
    tx.flush(what_="任务人员")


def _record_conflicts(tx: Tx, plan: ReplyPlan) -> None:
    from planner.services.exchange.records import plain

    for item in plan.conflicts:
        for c in item.conflicts:
            tx.s.add(SyncConflict(
                source="reply", peer=plan.merge.desk_id[:64], peer_name=plan.merge.desk_name[:200],
                entity=item.entity.value, record_id=item.local_id, label=item.label[:300], field=c.field,
                mine={"value": plain(c.mine)}, theirs={"value": plain(c.theirs)}, mine_by=item.mine_who[:200],
                mine_at=item.mine_when, theirs_by=item.theirs_who[:200], theirs_at=item.theirs_when,
                chosen=THEIRS if c.field in item.take else MINE,
                decided_by=tx.db.desk[:200]))


def undo_replies(db: Database, applied: Applied) -> Changes:
    """Put back what an import wrote; refused (StaleError) if someone changed those records since."""
    with unit(db) as tx:
        for aid, previous in applied.assignments.items():
            obj = tx.get(Entity.ASSIGNMENT, aid)
            if obj.version != applied.versions.get(aid, obj.version):
                raise StaleError(what="报道任务")
            fields = {k: v for k, v in previous.items() if k != "person_ids"}
            if fields:
                tx.update(Entity.ASSIGNMENT, aid, fields, obj.version)
            if "person_ids" in previous:
                current = list(tx.s.scalars(select(AssignmentPerson.person_id).where(AssignmentPerson.assignment_id == aid)))
                _set_links(tx, aid, previous["person_ids"], current, expected=None)
        for pid, phone in applied.phones.items():
            tx.update(Entity.PERSON, pid, {"phone": phone}, applied.versions.get(pid))
        for nid in applied.created_notes:
            note = tx.s.get(Note, nid)
            if note is None:
                continue  # deleted here since: nothing to take back
            if note.version != applied.versions.get(nid, note.version):
                raise StaleError(what="备注")
            tx.remove(Entity.NOTE, note)
        for pid in applied.created_people:
            linked = tx.s.execute(select(AssignmentPerson).where(AssignmentPerson.person_id == pid)).first()
            if linked is not None:
                raise StaleError(what="人员")
            tx.remove(Entity.PERSON, tx.get(Entity.PERSON, pid))
        return tx.changes()


def redo_replies(db: Database, applied: Applied, plan: ReplyPlan) -> tuple[Changes, Applied]:
    """Write the same decisions again (redo): re-planned against the rows as undo left them."""
    for item in plan.merge.items:
        with db.reader() as s:
            obj = s.get(Assignment, item.local_id)
            if obj is None:
                raise StaleError(what="报道任务")
            item.local_version = obj.version
    decided = {(i.local_id, c.field): (THEIRS if c.field in i.take else MINE) for i in plan.conflicts for c in i.conflicts}
    return apply_replies(db, plan, choices=decided)


@dataclass
class ReplyResult:
    plan: ReplyPlan
    changes: Changes | None
    applied: Applied | None
    dry_run: bool


def import_replies(db: Database, path: str | Path, *, dry_run: bool = False, prefer: str | None = None,
                   choices: dict[tuple[uuid.UUID, str], str] | None = None) -> ReplyResult:
    """Read, check and merge a filled reply sheet (the CLI's ``replies import``)."""
    plan = plan_replies(db, read_reply_sheet(path))
    if dry_run:
        resolve_replies(plan, choices, prefer)
        return ReplyResult(plan, None, None, True)
    if not plan.writes:
        return ReplyResult(plan, None, None, False)
    changes, applied = apply_replies(db, plan, choices=choices, prefer=prefer)
    return ReplyResult(plan, changes, applied, False)


# -- the undo step ------------------------------------------------------------------------------
@dataclass
class ImportReplies:
    """A reply sheet's import as one undo step (``planner.ui.undo`` wraps it like any command)."""

    plan: ReplyPlan
    choices: dict[tuple[uuid.UUID, str], str] = field(default_factory=dict)
    prefer: str | None = None
    text: str = "导入回执"
    _applied: Applied | None = None
    _done_once: bool = False

    def do(self, db: Database) -> Changes:
        if not self._done_once:
            changes, self._applied = apply_replies(db, self.plan, choices=self.choices, prefer=self.prefer)
            self._done_once = True
            return changes
        assert self._applied is not None
        changes, self._applied = redo_replies(db, self._applied, self.plan)
        return changes

    def undo(self, db: Database) -> Changes:
        assert self._applied is not None
        return undo_replies(db, self._applied)


# -- reply bundles ------------------------------------------------------------------------------
def reply_documents(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID) -> dict[str, Any]:
    """A reply bundle's documents: one outlet's assignments in a project and its people, nothing else."""
    from planner.services.exchange.bundle import MANIFEST, TOMBSTONES
    from planner.services.exchange.bundle_write import bundle_documents

    docs = bundle_documents(db, project_id)
    keep_assignments = [a for a in docs["assignments.json"] if a["outlet_id"] == str(outlet_id)]
    keep_people = {p for a in keep_assignments for p in a.get("person_ids", [])}
    out: dict[str, Any] = {MANIFEST: docs[MANIFEST]}
    for member in docs:
        if member in (MANIFEST, TOMBSTONES):
            continue
        out[member] = []
    out["assignments.json"] = keep_assignments
    kept = {a["id"] for a in keep_assignments}  # the outlet's own notes on its assignments travel with them
    out["notes.json"] = [n for n in docs.get("notes.json", []) if n.get("assignment_id") in kept]
    out["people.json"] = [p for p in docs["people.json"] if p["id"] in keep_people or p["outlet_id"] == str(outlet_id)]
    out[TOMBSTONES] = [t for t in docs[TOMBSTONES] if t["entity"] == "assignment" and t.get("project_id") == str(project_id)]
    manifest = dict(docs[MANIFEST])
    manifest["kind"] = "reply"
    manifest["outlet_id"] = str(outlet_id)
    manifest["counts"] = {m.removesuffix(".json"): len(v) for m, v in out.items() if m != MANIFEST}
    out[MANIFEST] = manifest
    return out


def export_reply_bundle(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID, path: str | Path) -> dict[str, Any]:
    """Write a reply bundle atomically; returns its manifest."""
    import json

    from planner.atomic import atomic_target

    docs = reply_documents(db, project_id, outlet_id)
    with atomic_target(Path(path), make_parent=False) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False, indent=1))
    return docs["manifest.json"]
