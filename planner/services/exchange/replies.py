"""Every outlet can answer: XLSX reply sheets (without the planner) and reply bundles (with it).

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
the outlet; a changed phone of a known person is taken like any field. Applying is one transaction
and, through :class:`ImportReplies`, one undo step.

A **reply bundle** is a format-2 bundle with ``kind: "reply"`` holding one outlet's assignments and
people only (see :func:`reply_documents`); it imports like any bundle.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity, Status
from planner.domain.errors import StaleError, ValidationError
from planner.domain.rules import transition_kind
from planner.domain.text import clean_line, clean_text, fold_width, name_key
from planner.domain.timefmt import fmt_datetime, local
from planner.export.replysheet import (
    ANSWERS,
    COLUMNS,
    FIRST_ROW,
    MAGIC,
    META_SHEET,
    SIGNER_CELL,
)
from planner.services.exchange.errors import BundleError
from planner.services.exchange.merge import MINE, THEIRS, FieldConflict, MergeItem, MergePlan
from planner.services.exchange.records import KIND_OF, Record
from planner.services.syncmeta import load_meta, local_desk
from planner.services.unit import Tx, unit
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Person, SyncConflict, utcnow

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL = 20000
_CONFIRM = {"确认", "确定", "同意", "是", "confirm", "confirmed", "yes", "y", "ok", "✓", "√"}
_DECLINE = {"婉拒", "拒绝", "不能", "否", "decline", "declined", "no", "n", "×", "✗"}
_PHONE = re.compile(r"(\+?\d[\d\s\-()]{5,}\d)")
_SPLIT = re.compile(r"[\n;；、,，/]+")
_CONFIRMED_STATES = {Status.CONFIRMED, Status.IN_PROGRESS, Status.FILED, Status.PUBLISHED}


# -- writing the sheet --------------------------------------------------------------------------
def _answer_of(status: Status, lang: str) -> str:
    yes, no = ANSWERS["en" if lang.startswith("en") else "zh"]
    if status in _CONFIRMED_STATES:
        return yes
    if status is Status.DECLINED:
        return no
    return ""


def _people_text(people: list[Any]) -> str:
    return "\n".join(f"{p.name} {p.phone}".strip() for p in people)


def sheet_rows(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID, lang: str = "zh") -> list[dict[str, str]]:
    """The rows of one outlet's reply sheet (every key of :data:`planner.export.replysheet.COLUMNS`)."""
    from planner.services.queries import list_people, load_plan

    plan = load_plan(db, project_id)
    staff = {p.id: p for p in list_people(db, outlet_id=outlet_id)}
    stages = {s.id: s for s in plan.stages}
    rows = []
    mine = [a for a in plan.assignments if a.outlet_id == outlet_id]
    mine.sort(key=lambda a: (stages[a.stage_id].position, a.due_at or datetime.max.replace(tzinfo=UTC), str(a.id)))
    for a in mine:
        st = stages[a.stage_id]
        when = fmt_datetime(st.starts_at, lang)
        if st.ends_at:
            same_day = st.starts_at is not None and local(st.starts_at).date() == local(st.ends_at).date()
            end = fmt_datetime(st.ends_at, lang)
            when = f"{when}–{end[-5:] if same_day else end}"
        people_text = _people_text([staff[p] for p in a.person_ids if p in staff])
        answer = _answer_of(a.status, lang)
        row = {
            "no": str(st.position), "stage": st.title, "time": when, "place": st.location or _place(st.adcode),
            "role": a.role.label(lang), "format": a.format.label(lang), "due": fmt_datetime(a.due_at, lang),
            "brief": a.brief, "answer": answer, "reason": a.reason, "people": people_text, "notes": a.notes,
            "link": a.deliverable_url, "id": str(a.id), "base_answer": answer, "base_reason": a.reason,
            "base_people": people_text, "base_notes": a.notes, "base_link": a.deliverable_url,
            "base_status": a.status.value,
        }
        rows.append(row)
    return rows


def _place(adcode: str | None) -> str:
    if not adcode:
        return ""
    from planner.domain.places import places

    place = places().get(adcode)
    return place.name if place is not None else adcode


def export_reply_sheet(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID, path: str | Path,
                       lang: str = "zh", *, atomic: bool = True) -> int:
    """Write one outlet's reply sheet; returns how many assignments it lists."""
    from planner.export.replysheet import SheetHead, write_reply_sheet
    from planner.services.queries import get_project, list_outlets

    project = get_project(db, project_id)
    found = list_outlets(db, ids=[outlet_id])
    if not found:
        from planner.domain.errors import NotFoundError

        raise NotFoundError(what="媒体单位", ref=str(outlet_id))
    outlet = found[0]
    head = SheetHead(project_id=str(project.id), project_title=project.title, outlet_id=str(outlet.id),
                     outlet_name=outlet.name, desk_id=local_desk(db), desk_name=db.desk,
                     created_at=datetime.now(UTC).astimezone(), lang=lang)
    return write_reply_sheet(path, head, sheet_rows(db, project_id, outlet_id, lang), atomic=atomic)


def export_reply_sheets(db: Database, project_id: uuid.UUID, folder: str | Path, lang: str = "zh") -> list[Path]:
    """One reply sheet per outlet with assignments in the project, into ``folder`` (all or none)."""
    from planner.atomic import safe_filename, write_all_or_nothing
    from planner.services.queries import get_project, list_outlets, load_plan

    plan = load_plan(db, project_id)
    project = get_project(db, project_id)
    outlet_ids = {a.outlet_id for a in plan.assignments}
    names = {o.id: o.name for o in list_outlets(db, ids=list(outlet_ids))}
    order = sorted(outlet_ids, key=lambda i: names[i])
    stem = "回执" if not lang.startswith("en") else "replies"
    targets = [Path(folder) / f"{safe_filename(f'{stem}-{project.code or project.title}-{names[oid]}')}.xlsx"
               for oid in order]
    return write_all_or_nothing(targets, lambda i, tmp: export_reply_sheet(db, project_id, order[i], tmp, lang,
                                                                           atomic=False))


# -- reading the filled sheet -------------------------------------------------------------------
@dataclass
class Sheet:
    """A filled reply sheet, read and bounded (nothing interpreted yet)."""

    meta: dict[str, str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values)
    signer: str = ""
    signer_phone: str = ""
    name: str = ""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    text = str(value)
    if len(text) > MAX_CELL:
        raise BundleError("sheet_cell", row="?", limit=MAX_CELL)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def read_reply_sheet(path: str | Path) -> Sheet:
    """Read a reply sheet as Excel, WPS or LibreOffice saved it; one clear error for anything else."""
    path = Path(path)
    label = path.name
    try:
        if not path.is_file():
            raise BundleError("sheet_unreadable", name=label)
        if path.stat().st_size > MAX_SHEET_BYTES:
            raise BundleError("too_large", member=label, size=path.stat().st_size, limit=MAX_SHEET_BYTES)
        with zipfile.ZipFile(path) as zf:  # a workbook is a zip: bound what it unpacks to before openpyxl
            if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED_BYTES:
                raise BundleError("too_large", member=label, size=sum(i.file_size for i in zf.infolist()),
                                  limit=MAX_UNPACKED_BYTES)
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except BundleError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, IndexError, EOFError):
        raise BundleError("sheet_unreadable", name=label) from None
    try:
        if META_SHEET not in wb.sheetnames:
            raise BundleError("not_a_reply_sheet", name=label)
        meta = {}
        for key, value, *_rest in wb[META_SHEET].iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
            if key:
                meta[str(key)] = _cell_text(value)
        if meta.get("magic") != MAGIC:
            raise BundleError("not_a_reply_sheet", name=label)
        if meta.get("version") != "1":
            raise BundleError("unknown_version", value=meta.get("version", "?"), supported="1")
        ws = wb[wb.sheetnames[0]] if wb.sheetnames[0] != META_SHEET else wb[wb.sheetnames[1]]
        signer = signer_phone = ""
        rows: list[tuple[int, dict[str, str]]] = []
        width = len(COLUMNS)
        for number, values in enumerate(ws.iter_rows(min_row=1, max_col=width, values_only=True), start=1):
            if number == int(SIGNER_CELL[1:]):
                signer_col, phone_col = ord(SIGNER_CELL[0]) - 65, ord(SIGNER_PHONE_CELL[0]) - 65
                signer = _cell_text(values[signer_col] if len(values) > signer_col else None)
                signer_phone = _cell_text(values[phone_col] if len(values) > phone_col else None)
            if number < FIRST_ROW:
                continue
            if number >= FIRST_ROW + MAX_ROWS:
                raise BundleError("sheet_rows", limit=MAX_ROWS)
            cells = {key: _cell_text(values[i] if i < len(values) else None) for i, key in enumerate(COLUMNS)}
            if any(cells.values()):
                rows.append((number, cells))
    except BundleError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, IndexError, EOFError):
        raise BundleError("sheet_unreadable", name=label) from None
    finally:
        wb.close()
    return Sheet(meta=meta, rows=rows, signer=signer[:100], signer_phone=signer_phone[:50], name=label)


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
    with db.reader() as s:
        tombs = load_meta(s, [_uuid(cells["id"]) for _n, cells in sheet.rows if _uuid(cells["id"])])
        last = _last_editors(s, list(here))
    merge = MergePlan(desk_id=f"reply:{outlet_id}", desk_name=_who(sheet, outlet.name), project_title=plan.project.title,
                      project_id=project_id, items=[], format_version=1, kind="reply", my_desk=local_desk(db),
                      my_name=db.desk)
    problems: list[RowProblem] = []
    new_people: dict[str, NewPerson] = {}
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
        except _RowError as err:
            problems.append(RowProblem(number, title, err.reason, err.params))
            continue
        if item is None:
            unchanged += 1
            continue
        item.theirs_who, item.theirs_when = merge.desk_name, when
        item.mine_who, item.mine_when = last.get(a.id, (db.desk, a.updated_at))
        merge.items.append(item)
    merge.names = {str(p.id): p.name for p in staff} | {str(p.id): p.name for p in new_people.values()}
    return ReplyPlan(sheet=sheet, project_id=project_id, project_title=plan.project.title, outlet_id=outlet_id,
                     outlet_name=outlet.name, merge=merge, problems=problems, new_people=list(new_people.values()),
                     unchanged=unchanged, staff={p.id: p.name for p in staff})


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
    local = {"status": a.status.value, "reason": a.reason, "notes": a.notes, "deliverable_url": a.deliverable_url,
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
    for key, fld in (("notes", "notes"), ("link", "deliverable_url")):
        value = _text(cells[key], fld)
        if value != cells[f"base_{key}"].strip():
            if fld == "deliverable_url" and value and not re.match(r"^https?://\S+$", value):
                raise _RowError("reply_bad_link", value=value[:60])
            wanted[fld], base[fld] = value, cells[f"base_{key}"].strip()
    phones: dict[uuid.UUID, tuple[str, str]] = {}
    if _norm_people(cells["people"]) != _norm_people(cells["base_people"]):
        ids = []
        for name, phone in _people(cells["people"]):
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
    return undecided


# -- applying and undoing -----------------------------------------------------------------------
@dataclass
class Applied:
    """What :func:`apply_replies` wrote, to undo it exactly."""

    created_people: list[uuid.UUID]
    assignments: dict[uuid.UUID, dict[str, Any]]  # id -> previous values of the fields written
    phones: dict[uuid.UUID, str]  # person -> previous phone
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
            "new_people": len(applied.created_people), "problems": len(plan.problems)})
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
    if not plan.merge.items and not plan.new_people:
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
    from planner.services.exchange.bundle import MANIFEST, TOMBSTONES, bundle_documents

    docs = bundle_documents(db, project_id)
    keep_assignments = [a for a in docs["assignments.json"] if a["outlet_id"] == str(outlet_id)]
    keep_people = {p for a in keep_assignments for p in a.get("person_ids", [])}
    out: dict[str, Any] = {MANIFEST: docs[MANIFEST]}
    for member in docs:
        if member in (MANIFEST, TOMBSTONES):
            continue
        out[member] = []
    out["assignments.json"] = keep_assignments
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


__all__ = [
    "Applied", "ImportReplies", "ReplyPlan", "ReplyResult", "RowProblem", "Sheet", "apply_replies",
    "export_reply_bundle", "export_reply_sheet", "export_reply_sheets", "import_replies", "plan_replies",
    "read_reply_sheet", "reply_documents", "resolve_replies", "sheet_rows", "undo_replies",
]
