"""Assignment sheets (任务单): what one outlet, or one person, owes a project, with its partners.

One sheet per outlet (or per person), laid out to be sent as it is: the title, a compact 表头
(project, outlet and contact, lead outlet, coordinator, dates, count of pieces, the request), the table of
pieces (stage, time, place, format, role, status, people, deadline, brief and the partners on the
same stage) and the partners' contacts. An outlet with up to four pieces
fits on one landscape page. Written either as one file per subject into a folder or as one
document in which every sheet starts a new page (``page break before`` on its title — never a
paragraph holding only a break, which leaves a blank page when the previous sheet ends exactly
at a page foot).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.atomic import atomic_target, write_all_or_nothing
from planner.domain.enums import Role
from planner.domain.rows import ProjectPlan
from planner.export.docxkit import DocWriter, open_writer
from planner.export.errors import DestinationError, NothingToExportError
from planner.export.filenames import unique_names
from planner.export.planview import PlanView, date_range, tier_order, today_text
from planner.export.tablekit import Col

Progress = Callable[[int, int, str], None]


def sheet_subjects(plan: ProjectPlan, per: str, only: list[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """The outlets (or people) that get a sheet: those with active assignments, in a stable order."""
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


def write_sheets(
    plan: ProjectPlan, dest: str | Path, *, per: str = "outlet", only: list[uuid.UUID] | None = None,
    single: bool | None = None, lang: str = "zh", template: str | Path | None = None,
    progress: Progress | None = None, today: date | None = None, prepared_by: str = "",
) -> list[Path]:
    """Write the sheets of ``plan`` to ``dest`` and return the files written.

    ``dest`` ending in ``.docx`` (or ``single=True``) → one document, a page break between
    subjects; otherwise a folder (created if needed) with one file per subject. ``per`` is
    ``outlet`` or ``person``; ``only`` limits the subjects. ``progress(done, total, text)`` is
    called per subject and may raise to cancel — then no file is left behind.
    """
    if per not in ("outlet", "person"):
        raise ValueError(per)
    lang = "en" if lang.startswith("en") else "zh"
    dest = Path(dest)
    single = dest.suffix.lower() == ".docx" if single is None else single
    if single and dest.is_dir():
        raise DestinationError(dest, "这是一个文件夹，请给出 .docx 文件名", "this is a folder; give a .docx file name")
    if not single and dest.exists() and not dest.is_dir():
        raise DestinationError(dest, "这是一个文件，请给出文件夹", "this is a file; give a folder")
    subjects = sheet_subjects(plan, per, only)
    if not subjects:
        raise NothingToExportError("所选范围内没有可派发的任务", "there are no assignments to put on a sheet")
    view = PlanView(plan, lang)
    report = progress or (lambda *_: None)
    total = len(subjects)
    build = _outlet_sheet if per == "outlet" else _person_sheet

    def name_of(sid: uuid.UUID) -> str:
        return view.outlet_short(sid) if per == "outlet" else plan.people[sid].name

    if single:
        w = open_writer(template, lang)
        w.set_landscape()
        for i, sid in enumerate(subjects):
            report(i, total, name_of(sid))
            build(w, view, sid, today, i > 0)
        report(total, total, view.t("保存", "saving"))
        what = view.t("任务单", "Assignment sheets") if per == "outlet" else view.t("个人任务单", "Personal sheets")
        _finish(w, view, what, prepared_by)
        with atomic_target(dest) as tmp:
            w.save(tmp)
        return [dest]

    project = plan.project.code or plan.project.title
    if per == "outlet":
        stems = [view.t(f"任务单-{project}-{name_of(s)}", f"Sheet-{project}-{name_of(s)}") for s in subjects]
    else:
        stems = [view.t(f"任务单-人员-{name_of(s)}-{view.outlet_short(plan.people[s].outlet_id)}-{project}",
                        f"Sheet-person-{name_of(s)}-{view.outlet_short(plan.people[s].outlet_id)}-{project}")
                 for s in subjects]
    targets = [dest / name for name in unique_names(stems, ".docx")]

    def write_one(i: int, tmp: Path) -> None:
        sid = subjects[i]
        report(i, total, name_of(sid))
        w = open_writer(template, lang)
        w.set_landscape()
        build(w, view, sid, today, False)
        _finish(w, view, name_of(sid), prepared_by)
        w.save(tmp)

    created = not dest.exists()
    dest.mkdir(parents=True, exist_ok=True)
    try:
        written = write_all_or_nothing(targets, write_one)
    except BaseException:
        if created and not any(dest.iterdir()):
            dest.rmdir()
        raise
    report(total, total, "")
    return written


def _finish(w: DocWriter, view: PlanView, who: str, prepared_by: str) -> None:
    title = view.t(f"联合报道任务单：{view.plan.project.title}（{who}）",
                   f"Assignment sheet: {view.plan.project.title} ({who})")
    w.finish(title=title, subject=view.plan.project.title, author=prepared_by,
             keywords=view.t("联合报道；任务单", "joint coverage; assignment sheet") + "; " + (view.plan.project.code or ""))


def _title(w: DocWriter, text: str, new_page: bool) -> None:
    w.para(text, "Title", page_break_before=new_page, keep_next=True, before=0, after=6)


def _count_text(view: PlanView, pieces: list) -> str:  # type: ignore[type-arg]
    counts = {r: sum(1 for a in pieces if a.role is r) for r in Role}
    parts = [f"{r.label(view.lang)} {n}" + ("" if view.en else " 项") for r, n in counts.items() if n]
    inner = view.sep.join(parts)
    return view.t(f"共 {len(pieces)} 项（{inner}）", f"{len(pieces)} ({inner})")


def _project_name(view: PlanView) -> str:
    p = view.plan.project
    if not p.code:
        return p.title
    return f"{p.title} ({p.code})" if view.en else f"{p.title}（{p.code}）"


def _project_dates(view: PlanView) -> str:
    p = view.plan.project
    return date_range(p.starts_on, p.ends_on, view.lang) or view.t("待定", "TBC")


def _outlet_sheet(w: DocWriter, view: PlanView, oid: uuid.UUID, today: date | None, new_page: bool) -> None:
    o = view.plan.outlets[oid]
    pieces = view.sorted_pieces(view.by_outlet[oid])
    t = w.t
    _title(w, t("联合报道任务单", "Joint-coverage assignment sheet"), new_page)
    w.form([
        (t("项目名称", "Project"), _project_name(view)),
        (t("承担单位", "Outlet"), o.name),
        (t("单位联系人", "Contact"), view.outlet_contact(oid)),
        (t("牵头单位", "Lead outlet"), view.outlet_name(view.plan.project.lead_outlet_id)),
        (t("项目统筹", "Coordinator"), view.person_with_outlet(view.plan.project.coordinator_id)),
        (t("项目日期", "Dates"), _project_dates(view)),
        (t("本单位任务", "Pieces"), _count_text(view, pieces)),
        (t("发出日期", "Issued"), today_text(view.lang, today)),
    ], wide=[_request(view)])
    _label(w, t("一、任务清单", "1. Assignments"))
    cols = [Col(t("序号", "No."), "index"), Col(t("环节", "Stage")),
            Col(t("时间", "Time"), "datetime"), Col(t("地点", "Place")),
            Col(t("形式", "Format"), "label"), Col(t("角色", "Role"), "label"), Col(t("状态", "Status"), "label"),
            Col(t("人员", "People")), Col(t("截稿时间", "Deadline"), "datetime"),
            Col(t("任务说明", "Brief")), Col(t("同环节协作单位", "Partners on the stage"))]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st, short=True),
                     a.format.label(view.lang), a.role.label(view.lang), a.status.label(view.lang),
                     view.person_names(a), view.due(a), a.brief, _partner_text(view, a.stage_id, oid)))
    w.table(*_drop_empty(cols, rows, {3, 7, 8, 9}))
    _contacts(w, view, [a.stage_id for a in pieces], oid, t("二、协作单位联系方式", "2. Partners' contacts"))


def _person_sheet(w: DocWriter, view: PlanView, pid: uuid.UUID, today: date | None, new_page: bool) -> None:
    p = view.plan.people[pid]
    pieces = view.sorted_pieces(view.by_person[pid])
    t = w.t
    _title(w, t("个人任务单", "Personal assignment sheet"), new_page)
    w.form([
        (t("姓名", "Name"), f"{p.name}（{p.role.label(view.lang)}）" if not view.en else f"{p.name} ({p.role.label('en')})"),
        (t("所属单位", "Outlet"), view.outlet_name(p.outlet_id)),
        (t("联系电话", "Phone"), p.phone),
        (t("项目名称", "Project"), _project_name(view)),
        (t("项目统筹", "Coordinator"), view.person_with_outlet(view.plan.project.coordinator_id)),
        (t("项目日期", "Dates"), _project_dates(view)),
        (t("本人任务", "Pieces"), _count_text(view, pieces)),
        (t("发出日期", "Issued"), today_text(view.lang, today)),
    ], wide=[_request(view)])
    _label(w, t("一、任务清单", "1. Assignments"))
    cols = [Col(t("序号", "No."), "index"), Col(t("环节", "Stage")),
            Col(t("时间", "Time"), "datetime"), Col(t("地点", "Place")),
            Col(t("任务", "Piece"), "label"), Col(t("同组人员", "Working with")),
            Col(t("截稿时间", "Deadline"), "datetime"), Col(t("任务说明", "Brief")),
            Col(t("同环节协作单位", "Partners on the stage"))]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        others = view.sep.join(view.plan.people[x].name for x in a.person_ids if x != pid and x in view.plan.people)
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st, short=True), view.piece(a),
                     others, view.due(a), a.brief, _partner_text(view, a.stage_id, p.outlet_id)))
    w.table(*_drop_empty(cols, rows, {3, 5, 6, 7}))
    _contacts(w, view, [a.stage_id for a in pieces], p.outlet_id, t("二、协作单位联系方式", "2. Partners' contacts"))


def _partner_text(view: PlanView, sid: uuid.UUID, own: uuid.UUID) -> str:
    """``主办：重报集团；协办：四川台、沙坪坝区`` — each partner once, grouped by role."""
    partners = view.partners(sid, own)
    if not partners:
        return view.t("本单位独立承担", "this outlet alone")
    groups: dict[Role, dict[str, None]] = {}
    for a in partners:
        groups.setdefault(a.role, {})[view.outlet_short(a.outlet_id)] = None
    colon, semi = (": ", "; ") if view.en else ("：", "；")
    return semi.join(f"{role.label(view.lang)}{colon}{view.sep.join(names)}" for role, names in groups.items())


def _drop_empty(cols: list[Col], rows: list[tuple], optional: set[int]) -> tuple[list[Col], list[tuple]]:  # type: ignore[type-arg]
    """Leave out optional columns that are empty on every row (a sheet has no room to spare)."""
    empty = {i for i in optional if not any(str(r[i] or "").strip() for r in rows)}
    if not empty:
        return cols, rows
    keep = [i for i in range(len(cols)) if i not in empty]
    return [cols[i] for i in keep], [tuple(r[i] for i in keep) for r in rows]


def _label(w: DocWriter, text: str) -> None:
    """A small bold line above a table (a sheet's headings must not eat its page)."""
    w.para(text, "Table Heading", bold=True, align="left", keep_next=True, before=6, after=2)


def _contacts(w: DocWriter, view: PlanView, stage_ids: list[uuid.UUID], own: uuid.UUID, title: str) -> None:
    """Each partner outlet once (in tier order), two to a row: outlet, contact, phone."""
    outlets: dict[uuid.UUID, None] = {}
    for sid in dict.fromkeys(stage_ids):
        for a in view.partners(sid, own):
            outlets.setdefault(a.outlet_id, None)
    if not outlets:
        return
    found = sorted((view.plan.outlets[o] for o in outlets if o in view.plan.outlets),
                   key=lambda o: (tier_order(o), o.name))
    cells = [(o.display_name, o.contact_name or "—", o.contact_phone or o.contact_email or "—") for o in found]
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:] + [("", "", "")] * (half - len(cells[half:]))
    t = w.t
    _label(w, title)
    unit_col, who_col, phone_col = (Col(t("单位", "Outlet"), weight=1.6), Col(t("联系人", "Contact"), "label"),
                                    Col(t("电话", "Phone"), "phone"))
    w.table([unit_col, who_col, phone_col] * 2, [(*a, *b) for a, b in zip(left, right, strict=True)])


def _request(view: PlanView) -> tuple[str, str]:
    """The request every sheet makes, as the last row of its 表头 (at the foot of the page it could
    be left alone on a page of its own)."""
    return (view.t("工作要求", "Please"),
            view.t("请按截稿时间交稿，稿件注明“联合报道”及各参与单位；如有变动，请及时与项目统筹联系。",
                   "file by the deadline and credit the piece as joint coverage with every partner named; "
                   "tell the coordinator at once about any change."))
