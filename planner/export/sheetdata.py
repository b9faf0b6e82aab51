"""What an assignment sheet (任务单) says, apart from how it is laid out.

One :class:`SheetContent` per outlet or person: the title, the 表头 fields, the request, the table
of pieces (columns with their kinds, rows; optional columns empty on every row left out) and the
partners' contacts. The Word sheet (:mod:`planner.export.sheets`), the long picture for phones
and the printed sheets (``planner.ui.export``) all draw the same content, so they never disagree.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.domain.enums import Role
from planner.domain.rows import AssignmentRow, ProjectPlan
from planner.export.planview import PlanView, date_range, tier_order, today_text
from planner.export.tablekit import Col


@dataclass(frozen=True)
class SheetContent:
    subject_id: uuid.UUID
    per: str  # outlet | person
    name: str  # the outlet's short name or the person's name
    lang: str
    title: str
    fields: list[tuple[str, str]]
    request: tuple[str, str]
    pieces_title: str
    columns: list[Col]
    rows: list[tuple[Any, ...]]
    contacts_title: str
    contact_columns: tuple[Col, Col, Col]
    contacts: list[tuple[str, str, str]]

    def cards(self) -> list[list[tuple[str, str]]]:
        """The pieces as (label, value) pairs, one list per piece, empty values left out."""
        out = []
        for row in self.rows:
            out.append([(c.header, str(v)) for c, v in zip(self.columns, row, strict=True)
                        if v not in (None, "") and c.kind != "index"])
        return out


def sheet_subjects(plan: ProjectPlan, per: str, only: list[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """The outlets (or people) that get a sheet: those with active assignments, in a stable order
    (中央 → 省 → 市 → 县, then by name)."""
    view = PlanView(plan, "zh")

    def outlet_key(oid: uuid.UUID) -> tuple[int, str]:
        o = plan.outlets.get(oid)
        return (tier_order(o), o.name) if o else (9, "")

    if per == "person":
        ids = [pid for pid in view.by_person if pid in plan.people]
        ids.sort(key=lambda p: (*outlet_key(plan.people[p].outlet_id), plan.people[p].name))
    else:
        ids = [oid for oid in view.by_outlet if oid in plan.outlets]
        ids.sort(key=outlet_key)
    if only is not None:
        wanted = set(only)
        ids = [i for i in ids if i in wanted]
    return ids


def sheet_content(view: PlanView, per: str, sid: uuid.UUID, today: date | None = None) -> SheetContent:
    return _outlet(view, sid, today) if per == "outlet" else _person(view, sid, today)


def _outlet(view: PlanView, oid: uuid.UUID, today: date | None) -> SheetContent:
    o = view.plan.outlets[oid]
    pieces = view.sorted_pieces(view.by_outlet[oid])
    t = view.t
    cols = [Col(t("序号", "No."), "index"), Col(t("环节", "Stage")), Col(t("时间", "Time"), "datetime"),
            Col(t("地点", "Place")), Col(t("形式", "Format"), "label"), Col(t("角色", "Role"), "label"),
            Col(t("状态", "Status"), "label"), Col(t("人员", "People")), Col(t("截稿时间", "Deadline"), "datetime"),
            Col(t("任务说明", "Brief")), Col(t("同环节协作单位", "Partners on the stage"))]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st, short=True),
                     a.format.label(view.lang), a.role.label(view.lang), a.status.label(view.lang),
                     view.person_names(a), view.due(a), a.brief, partner_text(view, a.stage_id, oid)))
    cols, rows = _drop_empty(cols, rows, {3, 7, 8, 9})
    return SheetContent(
        oid, "outlet", view.outlet_short(oid), view.lang, t("联合报道任务单", "Joint-coverage assignment sheet"), [
            (t("项目名称", "Project"), project_name(view)),
            (t("承担单位", "Outlet"), o.name),
            (t("单位联系人", "Contact"), view.outlet_contact(oid)),
            (t("牵头单位", "Lead outlet"), view.outlet_name(view.plan.project.lead_outlet_id)),
            (t("项目统筹", "Coordinator"), view.person_with_outlet(view.plan.project.coordinator_id)),
            (t("项目日期", "Dates"), project_dates(view)),
            (t("本单位任务", "Pieces"), count_text(view, pieces)),
            (t("发出日期", "Issued"), today_text(view.lang, today)),
        ], request(view), t("一、任务清单", "1. Assignments"), cols, rows,
        t("二、协作单位联系方式", "2. Partners' contacts"), _contact_columns(view),
        contacts(view, [a.stage_id for a in pieces], oid))


def _person(view: PlanView, pid: uuid.UUID, today: date | None) -> SheetContent:
    p = view.plan.people[pid]
    pieces = view.sorted_pieces(view.by_person[pid])
    t = view.t
    cols = [Col(t("序号", "No."), "index"), Col(t("环节", "Stage")), Col(t("时间", "Time"), "datetime"),
            Col(t("地点", "Place")), Col(t("任务", "Piece"), "label"), Col(t("同组人员", "Working with")),
            Col(t("截稿时间", "Deadline"), "datetime"), Col(t("任务说明", "Brief")),
            Col(t("同环节协作单位", "Partners on the stage"))]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        others = view.sep.join(view.plan.people[x].name for x in a.person_ids if x != pid and x in view.plan.people)
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st, short=True),
                     view.piece(a), others, view.due(a), a.brief, partner_text(view, a.stage_id, p.outlet_id)))
    cols, rows = _drop_empty(cols, rows, {3, 5, 6, 7})
    name = f"{p.name} ({p.role.label('en')})" if view.en else f"{p.name}（{p.role.label('zh')}）"
    return SheetContent(
        pid, "person", p.name, view.lang, t("个人任务单", "Personal assignment sheet"), [
            (t("姓名", "Name"), name),
            (t("所属单位", "Outlet"), view.outlet_name(p.outlet_id)),
            (t("联系电话", "Phone"), p.phone),
            (t("项目名称", "Project"), project_name(view)),
            (t("项目统筹", "Coordinator"), view.person_with_outlet(view.plan.project.coordinator_id)),
            (t("项目日期", "Dates"), project_dates(view)),
            (t("本人任务", "Pieces"), count_text(view, pieces)),
            (t("发出日期", "Issued"), today_text(view.lang, today)),
        ], request(view), t("一、任务清单", "1. Assignments"), cols, rows,
        t("二、协作单位联系方式", "2. Partners' contacts"), _contact_columns(view),
        contacts(view, [a.stage_id for a in pieces], p.outlet_id))


def count_text(view: PlanView, pieces: list[AssignmentRow]) -> str:
    """``共 3 项（主办 1 项、协办 2 项）`` — only the roles it has."""
    counts = {r: sum(1 for a in pieces if a.role is r) for r in Role}
    parts = [f"{r.label(view.lang)} {n}" + ("" if view.en else " 项") for r, n in counts.items() if n]
    inner = view.sep.join(parts)
    return view.t(f"共 {len(pieces)} 项（{inner}）", f"{len(pieces)} ({inner})")


def project_name(view: PlanView) -> str:
    p = view.plan.project
    if not p.code:
        return p.title
    return f"{p.title} ({p.code})" if view.en else f"{p.title}（{p.code}）"


def project_dates(view: PlanView) -> str:
    p = view.plan.project
    return date_range(p.starts_on, p.ends_on, view.lang) or view.t("待定", "TBC")


def request(view: PlanView) -> tuple[str, str]:
    """The request every sheet makes, as the last row of its 表头 (at the foot of the page it could
    be left alone on a page of its own)."""
    return (view.t("工作要求", "Please"),
            view.t("请按截稿时间交稿，稿件注明“联合报道”及各参与单位；如有变动，请及时与项目统筹联系。",
                   "file by the deadline and credit the piece as joint coverage with every partner named; "
                   "tell the coordinator at once about any change."))


def partner_text(view: PlanView, sid: uuid.UUID, own: uuid.UUID) -> str:
    """``主办：重报集团；协办：四川台、沙坪坝区`` — each partner once, grouped by role."""
    partners = view.partners(sid, own)
    if not partners:
        return view.t("本单位独立承担", "this outlet alone")
    groups: dict[Role, dict[str, None]] = {}
    for a in partners:
        groups.setdefault(a.role, {})[view.outlet_short(a.outlet_id)] = None
    colon, semi = (": ", "; ") if view.en else ("：", "；")
    return semi.join(f"{role.label(view.lang)}{colon}{view.sep.join(names)}" for role, names in groups.items())


def contacts(view: PlanView, stage_ids: list[uuid.UUID], own: uuid.UUID) -> list[tuple[str, str, str]]:
    """Each partner outlet once, in tier order: (outlet, contact, phone or e-mail)."""
    outlets: dict[uuid.UUID, None] = {}
    for sid in dict.fromkeys(stage_ids):
        for a in view.partners(sid, own):
            outlets.setdefault(a.outlet_id, None)
    found = sorted((view.plan.outlets[o] for o in outlets if o in view.plan.outlets),
                   key=lambda o: (tier_order(o), o.name))
    return [(o.display_name, o.contact_name or "—", o.contact_phone or o.contact_email or "—") for o in found]


def _contact_columns(view: PlanView) -> tuple[Col, Col, Col]:
    return (Col(view.t("单位", "Outlet"), weight=1.6), Col(view.t("联系人", "Contact"), "label"),
            Col(view.t("电话", "Phone"), "phone"))


def _drop_empty(cols: list[Col], rows: list[tuple[Any, ...]], optional: set[int]) -> tuple[list[Col], list[tuple[Any, ...]]]:
    """Leave out optional columns that are empty on every row (a sheet has no room to spare)."""
    empty = {i for i in optional if not any(str(r[i] or "").strip() for r in rows)}
    if not empty:
        return cols, rows
    keep = [i for i in range(len(cols)) if i not in empty]
    return [cols[i] for i in keep], [tuple(r[i] for i in keep) for r in rows]
