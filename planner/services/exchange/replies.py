"""Every outlet can answer: XLSX reply sheets (without the planner) and reply bundles (with it).

This module plans a filled one (read by :mod:`~planner.services.exchange.reply_sheet_read`); :mod:`~planner.services.exchange.reply_import`
writes the plan (one undo step) and makes reply bundles.

A **reply sheet** (:mod:`planner.export.replysheet`) lists one outlet's assignments in a project
with the answer columns prefilled as they are now, and keeps those values in hidden columns. When
the filled sheet comes back, every row is checked and merged three ways — the value the sheet was
made from (the base), the value here now, the value in the sheet:

- the sheet left a value as it was → nothing to do;
- only the outlet changed it → taken;
- this desk changed it since and the outlet too, to something else → a conflict, listed like a
  bundle's (both values, who and when) and decided per field or all one way.

Rows that cannot be taken — an id that is not an assignment of this outlet here, an assignment
deleted here since, 婉拒 without a reason, a status that cannot move that way, a bad link — are
listed by row and stage; the rest still import. New people named with a phone number are added to
the outlet; a changed phone of a known person is taken like any field. What the outlet writes in
备注 is not a field to overwrite: the lines it added become a new note in the assignment's thread,
signed by the person who filled the sheet (:mod:`planner.services.notes`) — two replies never
overwrite each other, and a line taken out of the cell deletes nobody's note. Applying is one
transaction and, through :class:`ImportReplies`, one undo step.

A **reply bundle** is a format-2 bundle with ``kind: "reply"`` holding one outlet's assignments and
people only (see :func:`reply_documents`); it imports like any bundle.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planner.domain.contact import clean_phone
from planner.domain.enums import Entity, Status
from planner.domain.errors import ValidationError
from planner.domain.rules import transition_kind
from planner.domain.text import clean_line, clean_text, fold_width, name_key
from planner.export.replysheet import (
    ANSWERS,
)
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import MINE, THEIRS, FieldConflict, MergeItem, MergePlan
from planner.services.exchange.records import KIND_OF, Record
from planner.services.exchange.reply_sheet_read import Sheet
from planner.services.syncmeta import load_meta, local_desk
from planner.store.database import Database
from planner.store.models import utcnow

_CONFIRM = {"确认", "确定", "同意", "是", "confirm", "confirmed", "yes", "y", "ok", "✓", "√"}
_DECLINE = {"婉拒", "拒绝", "不能", "否", "decline", "declined", "no", "n", "×", "✗"}
_PHONE = re.compile(r"(\+?\d[\d\s\-()]{5,}\d)")
_SPLIT = re.compile(r"[\n;；、,，/]+")
_CONFIRMED_STATES = {Status.CONFIRMED, Status.IN_PROGRESS, Status.FILED, Status.PUBLISHED}


def _answer_of(status: Status, lang: str) -> str:
    yes, no = ANSWERS["en" if lang.startswith("en") else "zh"]
    if status in _CONFIRMED_STATES:
        return yes
    if status is Status.DECLINED:
        return no
    return ""


def _people_text(people: list[Any]) -> str:
    return "\n".join(f"{p.name} {p.phone}".strip() for p in people)


# -- planning -----------------------------------------------------------------------------------
@dataclass
class RowProblem:
    row: int
    stage: str
    reason: str  # a key of planner.services.exchange.errors (sentences in both languages)
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        from planner.services.exchange.errors import bundle_text

        return bundle_text(self.reason, lang, row=self.row, stage=self.stage, **self.params)


@dataclass
class NewPerson:
    id: uuid.UUID
    name: str
    phone: str


@dataclass
class NewNote:
    """What the outlet added to an assignment's 备注: a new note in its thread, signed by the sheet's signer."""

    id: uuid.UUID
    assignment_id: uuid.UUID
    label: str
    body: str


@dataclass
class ReplyPlan:
    """What importing a filled sheet would do (nothing is written until :func:`apply_replies`)."""

    sheet: Sheet
    project_id: uuid.UUID
    project_title: str
    outlet_id: uuid.UUID
    outlet_name: str
    merge: MergePlan  # items per changed assignment (and person), conflicts like a bundle's
    problems: list[RowProblem]
    new_people: list[NewPerson]
    unchanged: int = 0
    staff: dict[uuid.UUID, str] = field(default_factory=dict)  # the outlet's people now, id -> name
    notes: list[NewNote] = field(default_factory=list)  # new notes, one per row whose 备注 gained lines

    @property
    def writes(self) -> bool:
        """Would applying write anything (a change, a person, a note)?"""
        return bool(self.merge.items or self.new_people or self.notes)

    @property
    def conflicts(self) -> list[MergeItem]:
        return self.merge.conflicts

    @property
    def changes(self) -> list[MergeItem]:
        return [i for i in self.merge.items if i.take or i.conflicts]


def _answer(text: str) -> str | None:
    key = fold_width(text).strip().casefold()
    if not key:
        return ""
    if key in _CONFIRM:
        return "confirm"
    if key in _DECLINE:
        return "decline"
    return None


def _people(text: str) -> list[tuple[str, str]]:
    """``张敏 13800000000\\n李强`` → [(name, phone), …] (full-width digits folded)."""
    out = []
    for part in _SPLIT.split(fold_width(text)):
        part = part.strip()
        if not part:
            continue
        match = _PHONE.search(part)
        phone = re.sub(r"[\s()\-]", "", match.group(1)) if match else ""
        name = (part[:match.start()] + part[match.end():]).strip(" :：") if match else part
        if name:
            out.append((name, phone))
    return out


def plan_replies(db: Database, sheet: Sheet) -> ReplyPlan:
    """Check every row and merge it three ways with what this desk has now (reads only)."""
    try:
        project_id, outlet_id = uuid.UUID(sheet.meta["project_id"]), uuid.UUID(sheet.meta["outlet_id"])
    except (KeyError, ValueError):
        raise BundleError("not_a_reply_sheet", name=sheet.name) from None
    lang = sheet.meta.get("lang", "zh")
    from planner.services.notes import project_threads
    from planner.services.queries import list_outlets, list_people, load_plan

    plan = None
    try:
        plan = load_plan(db, project_id)
    except Exception:
        raise BundleError("unknown_project", title=sheet.meta.get("project_title", ""), ref=str(project_id)) from None
    outlets = list_outlets(db, ids=[outlet_id])
    if not outlets:
        raise BundleError("unknown_project", title=sheet.meta.get("outlet_name", ""), ref=str(outlet_id))
    outlet = outlets[0]
    staff = list_people(db, outlet_id=outlet_id)
    by_name = {name_key(p.name): p for p in staff}
    stages = {s.id: s for s in plan.stages}
    here = {a.id: a for a in plan.assignments}
    threads = project_threads(db, project_id, stages=False)
    with db.reader() as s:
        tombs = load_meta(s, [_uuid(cells["id"]) for _n, cells in sheet.rows if _uuid(cells["id"])])
        last = _last_editors(s, list(here))
    merge = MergePlan(desk_id=f"reply:{outlet_id}", desk_name=_who(sheet, outlet.name), project_title=plan.project.title,
                      project_id=project_id, items=[], format_version=1, kind="reply", my_desk=local_desk(db),
                      my_name=db.desk)
    problems: list[RowProblem] = []
    new_people: dict[str, NewPerson] = {}
    notes: list[NewNote] = []
    unchanged = 0
    when = _when(sheet)
    for number, cells in sheet.rows:
        aid = _uuid(cells["id"])
        title = cells.get("stage", "")
        if aid is None:
            problems.append(RowProblem(number, title, "reply_bad_id", {"value": cells["id"][:40]}))
            continue
        a = here.get(aid)
        if a is None:
            meta = tombs.get(aid)
            reason = "reply_deleted" if meta is not None and meta.deleted else "reply_unknown"
            problems.append(RowProblem(number, title or (meta.label if meta else ""), reason, {"value": str(aid)}))
            continue
        if a.outlet_id != outlet_id:
            problems.append(RowProblem(number, title, "reply_other_outlet", {"value": str(aid)}))
            continue
        title = stages[a.stage_id].title if a.stage_id in stages else title
        try:
            item = _plan_row(number, cells, a, title, by_name, new_people, outlet_id, lang)
            note = _added_note(cells["notes"], cells["base_notes"], threads.get(a.id, ()))
        except _RowError as err:
            problems.append(RowProblem(number, title, err.reason, err.params))
            continue
        if note:
            notes.append(NewNote(uuid.uuid4(), a.id, f"{title} · {a.format.label(lang)}", note))
        if item is None:
            unchanged += 0 if note else 1
            continue
        item.theirs_who, item.theirs_when = merge.desk_name, when
        item.mine_who, item.mine_when = last.get(a.id, (db.desk, a.updated_at))
        merge.items.append(item)
    merge.names = {str(p.id): p.name for p in staff} | {str(p.id): p.name for p in new_people.values()}
    return ReplyPlan(sheet=sheet, project_id=project_id, project_title=plan.project.title, outlet_id=outlet_id,
                     outlet_name=outlet.name, merge=merge, problems=problems, new_people=list(new_people.values()),
                     unchanged=unchanged, staff={p.id: p.name for p in staff}, notes=notes)


def _who(sheet: Sheet, outlet_name: str) -> str:
    if sheet.signer:
        return f"{sheet.signer}（{outlet_name}）"
    return outlet_name


def _when(sheet: Sheet) -> datetime | None:
    try:
        return datetime.fromisoformat(sheet.meta.get("created_at", ""))
    except ValueError:
        return None


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except (ValueError, AttributeError):
        return None


def _last_editors(s: Any, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, datetime | None]]:
    return {m.id: (m.editor, m.at) for m in load_meta(s, ids).values() if m.editor}


class _RowError(Exception):
    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason, self.params = reason, params


def _plan_row(number: int, cells: dict[str, str], a: Any, title: str, by_name: dict[str, Any],
              new_people: dict[str, NewPerson], outlet_id: uuid.UUID, lang: str) -> MergeItem | None:
    """One row: the fields the outlet changed, merged three ways with this desk's current values."""
    local = {"status": a.status.value, "reason": a.reason, "deliverable_url": a.deliverable_url,
             "person_ids": sorted(a.person_ids, key=str)}
    wanted: dict[str, Any] = {}
    base: dict[str, Any] = {}
    answer, base_answer = _answer(cells["answer"]), _answer(cells["base_answer"])
    if answer is None:
        raise _RowError("reply_bad_answer", value=cells["answer"][:20])
    reason = _text(cells["reason"], "reason")
    if answer != base_answer and answer:
        target = Status.CONFIRMED if answer == "confirm" else Status.DECLINED
        if target is Status.DECLINED and not reason:
            raise _RowError("reply_reason_needed")
        wanted["status"], base["status"] = target.value, cells["base_status"] or a.status.value
    if reason != cells["base_reason"].strip():
        wanted["reason"], base["reason"] = reason, cells["base_reason"].strip()
    link = _text(cells["link"], "deliverable_url")
    if link != cells["base_link"].strip():
        if link and not re.match(r"^https?://\S+$", link):
            raise _RowError("reply_bad_link", value=link[:60])
        wanted["deliverable_url"], base["deliverable_url"] = link, cells["base_link"].strip()
    phones: dict[uuid.UUID, tuple[str, str]] = {}
    if _norm_people(cells["people"]) != _norm_people(cells["base_people"]):
        ids = []
        for name, phone in _people(cells["people"]):
            if phone:  # the same check as a phone typed in the app (the sheet is no way around it)
                try:
                    clean_phone(phone, field="phone")
                except ValidationError:
                    raise _RowError("reply_bad_phone", value=f"{name} {phone}"[:60]) from None
            key = name_key(name)
            known = by_name.get(key)
            if known is not None:
                ids.append(known.id)
                if phone and phone != known.phone:
                    phones[known.id] = (known.phone, phone)
            else:
                if len(name) > 100:
                    raise _RowError("reply_bad_person", value=name[:40])
                made = new_people.setdefault(key, NewPerson(uuid.uuid4(), name, phone))
                ids.append(made.id)
        base_ids = sorted({by_name[name_key(n)].id for n, _p in _people(cells["base_people"]) if name_key(n) in by_name},
                          key=str)
        wanted["person_ids"], base["person_ids"] = sorted(set(ids), key=str), base_ids
    if not wanted and not phones:
        return None
    item = MergeItem(entity=Entity.ASSIGNMENT, local_id=a.id, incoming_id=a.id, label=f"{title} · {a.format.label(lang)}",
                     action="update", record=_record(a), values=dict(wanted), local_values=local,
                     local_version=a.version)
    conflicts = []
    for fld, value in wanted.items():
        mine, was = local[fld], base[fld]
        if fld == "status":
            target, current, before = Status(value), Status(mine), Status(was)
            if (target is Status.CONFIRMED and current in _CONFIRMED_STATES) or current is target:
                continue  # already so here (or further along)
            if current is before or _answer_of(current, "zh") == _answer_of(before, "zh"):
                _check_move(current, target)
                item.take[fld] = value
            else:
                conflicts.append(FieldConflict(fld, _show(fld, mine), _show(fld, value), kind="reply"))
            continue
        if mine == value:
            continue
        if mine == was:
            item.take[fld] = value
        else:
            conflicts.append(FieldConflict(fld, _show(fld, mine), _show(fld, value), kind="reply"))
    item.new_dot = {f"phone:{pid}:{old}:{new}" for pid, (old, new) in phones.items()}
    if conflicts:
        item.action, item.conflicts = "conflict", tuple(conflicts)
    elif not item.take and not phones:
        return None
    return item


def _added_note(cell: str, base: str, thread: Any) -> str:
    """The lines the outlet added to the 备注 cell: not in the thread the sheet showed, nor in any note here
    now (so a sheet imported twice adds its note once). Lines taken out are not a deletion."""
    known = {line.strip() for line in base.split("\n")}
    known |= {line.strip() for note in thread for line in note.body.split("\n")}
    added = "\n".join(line.rstrip() for line in cell.split("\n") if line.strip() and line.strip() not in known)
    if not added.strip():
        return ""
    from planner.services.notes import clean_body

    try:
        return clean_body(added)
    except ValidationError as err:
        raise _RowError("reply_bad_text", field="notes", detail=err) from None


def _check_move(src: Status, dst: Status) -> None:
    kind = transition_kind(src, dst)
    if dst is Status.DECLINED and kind == "illegal":
        raise _RowError("reply_cannot_decline", status=src)
    if dst is Status.CONFIRMED and src is Status.CANCELLED:
        raise _RowError("reply_cancelled")


def _norm_people(text: str) -> list[tuple[str, str]]:
    return [(name_key(n), p) for n, p in _people(text)]


def _text(value: str, fld: str) -> str:
    try:
        if fld == "deliverable_url":
            return clean_line(value, what="成品链接", field=fld, required=False, max_len=500)
        return clean_text(value, what="备注", field=fld)
    except ValidationError as err:
        raise _RowError("reply_bad_text", field=fld, detail=err) from None


def _show(fld: str, value: Any) -> Any:
    if fld == "status":
        return {"deleted": (Status(value).zh, Status(value).en)}
    return value


def _record(a: Any) -> Record:
    return Record(kind=KIND_OF[Entity.ASSIGNMENT], id=a.id, values={}, created_at=a.updated_at or utcnow(),
                  updated_at=a.updated_at, updated_by="")


def resolve_replies(plan: ReplyPlan, choices: dict[tuple[uuid.UUID, str], str] | None, prefer: str | None) -> int:
    """Decide the conflicts (per field, or all one way); how many are still undecided."""
    choices = choices or {}
    undecided = 0
    for item in plan.conflicts:
        for c in item.conflicts:
            choice = choices.get((item.local_id, c.field)) or prefer
            if choice not in (MINE, THEIRS):
                undecided += 1
            elif choice == THEIRS:
                item.take[c.field] = item.values[c.field]
            else:
                item.take.pop(c.field, None)
            item.reason_note = choice or ""
    for item in plan.conflicts:
        if "status" in item.take:
            try:
                _check_move(Status(item.local_values["status"]), Status(item.take["status"]))
            except _RowError as err:
                raise BundleError(err.reason, row="", stage=item.label, **err.params) from None
    _step_back_reasons(plan)
    return undecided


def _step_back_reasons(plan: ReplyPlan) -> None:
    """An answer that moves a status back (declined → confirmed) says where it came from, as a bundle
    merge does: the reason becomes "merged from <outlet>" unless the sheet gave a reason of its own
    (the old decline reason must not stay as if it explained the new state)."""
    merged = f"合并自 {plan.merge.desk_name} / merged from {plan.merge.desk_name}"[:500]  # the column's length
    for item in plan.merge.items:
        back = "status" in item.take and transition_kind(
            Status(item.local_values["status"]), Status(item.take["status"])) not in ("forward", "decline", "cancel")
        if back and not str(item.take.get("reason", "")).strip():
            item.take["reason"] = merged
        elif not back and item.take.get("reason") == merged:  # decided otherwise since (preview, then import)
            del item.take["reason"]
