"""Assignment sheets (任务单): what one outlet, or one person, owes a project, with its partners.

One sheet per outlet (or per person): a header with the project, the outlet and its contact, the
coordinator and phone; the table of that outlet's pieces (stage, time, place, format, role,
people, deadline, brief); and for each of those stages the partner outlets covering it too.
Written either as one file per subject into a folder or as one document with a page break
between subjects.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.atomic import atomic_target, safe_filename, write_all_or_nothing
from planner.domain.enums import Role
from planner.domain.rows import ProjectPlan
from planner.export.docxkit import DocWriter, open_writer
from planner.export.errors import DestinationError, NothingToExportError
from planner.export.planview import PlanView, today_text

Progress = Callable[[int, int, str], None]

_SHEET_WEIGHTS = (1.2, 2.7, 2.8, 2.5, 1.7, 1.5, 1.9, 1.9, 2.5, 5.6)  # ≈ cm on landscape A4
_PERSON_WEIGHTS = (1.2, 2.9, 2.9, 2.6, 2.3, 2.4, 2.6, 5.4)
_PARTNER_WEIGHTS = (3.5, 8.0, 6.0)


def sheet_subjects(plan: ProjectPlan, per: str, only: list[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """The outlets (or people) that get a sheet: those with active assignments, in a stable order."""
    view = PlanView(plan, "zh")
    if per == "person":
        ids = [pid for pid in view.by_person if pid in plan.people]
        ids.sort(key=lambda p: (view.outlet_name(plan.people[p].outlet_id), plan.people[p].name))
    else:
        ids = [oid for oid in view.by_outlet if oid in plan.outlets]
        ids.sort(key=lambda o: (plan.outlets[o].tier != "provincial", plan.outlets[o].name))
    if only is not None:
        wanted = set(only)
        ids = [i for i in ids if i in wanted]
    return ids


def write_sheets(
    plan: ProjectPlan, dest: str | Path, *, per: str = "outlet", only: list[uuid.UUID] | None = None,
    single: bool | None = None, lang: str = "zh", template: str | Path | None = None,
    progress: Progress | None = None, today: date | None = None,
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
            if i:
                w.page_break()
            build(w, view, sid, today)
        w.page_numbers()
        report(total, total, view.t("保存", "saving"))
        with atomic_target(dest) as tmp:
            w.save(tmp)
        return [dest]

    kind = view.t("任务单", "Sheet")
    project = plan.project.code or plan.project.title
    targets: list[Path] = []
    seen: set[str] = set()
    for sid in subjects:
        base = safe_filename(f"{kind}-{project}-{name_of(sid)}")
        name, n = base, 2
        while name.casefold() in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name.casefold())
        targets.append(dest / f"{name}.docx")

    def write_one(i: int, tmp: Path) -> None:
        report(i, total, name_of(subjects[i]))
        w = open_writer(template, lang)
        w.set_landscape()
        build(w, view, subjects[i], today)
        w.page_numbers()
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


def _header(w: DocWriter, view: PlanView, title: str, lines: list[tuple[str, str]]) -> None:
    w.para(title, "Title")
    w.para(view.plan.project.title, "Subtitle")
    for label, value in lines:
        if value:
            w.label_line(label, value)


def _coordinator(view: PlanView) -> str:
    p = view.person(view.plan.project.coordinator_id)
    if p is None:
        return ""
    outlet = view.outlet_short(p.outlet_id)
    return " ".join(x for x in (p.name, f"（{outlet}）" if outlet and not view.en else (f"({outlet})" if outlet else ""),
                                p.phone) if x)


def _outlet_sheet(w: DocWriter, view: PlanView, oid: uuid.UUID, today: date | None) -> None:
    o = view.plan.outlets[oid]
    pieces = view.sorted_pieces(view.by_outlet[oid])
    t = w.t
    _header(w, view, t("联合报道任务单", "Joint-coverage assignment sheet"), [
        (t("项目编号", "Project code"), view.plan.project.code),
        (t("承担单位", "Outlet"), o.name),
        (t("单位联系人", "Outlet contact"), view.outlet_contact(oid)),
        (t("牵头单位", "Lead outlet"), view.outlet_name(view.plan.project.lead_outlet_id)),
        (t("项目统筹", "Coordinator"), _coordinator(view)),
        (t("发出日期", "Issued"), today_text(view.lang, today)),
    ])
    counts = {r: sum(1 for a in pieces if a.role is r) for r in Role}
    w.para(t(f"本单位在本项目中共承担 {len(pieces)} 项任务（主办 {counts[Role.LEAD]} 项、协办 {counts[Role.SUPPORT]} 项、"
             f"转发 {counts[Role.SYNDICATE]} 项），详见下表。",
             f"This outlet has {len(pieces)} pieces in the project ({counts[Role.LEAD]} as lead, "
             f"{counts[Role.SUPPORT]} in support, {counts[Role.SYNDICATE]} syndicated), listed below."))
    w.heading(t("一、任务清单", "1. Assignments"))
    headers = [t("序号", "No."), t("环节", "Stage"), t("时间", "Time"), t("地点", "Place"), t("形式", "Format"),
               t("角色", "Role"), t("状态", "Status"), t("人员", "People"), t("截稿时间", "Deadline"),
               t("任务说明", "Brief")]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st),
                     a.format.label(view.lang), a.role.label(view.lang), a.status.label(view.lang),
                     view.person_names(a), view.due(a), a.brief))
    w.table(headers, rows, w.widths(_SHEET_WEIGHTS))
    _partners(w, view, [a.stage_id for a in pieces], oid, t("二、各环节协作单位", "2. Partners on each stage"))
    w.heading(t("三、工作要求", "3. Please note"))
    w.para(t("请按截稿时间交稿，稿件注明“联合报道”及各参与单位；如有变动，请及时与项目统筹联系。",
             "File by the deadline and credit the piece as joint coverage with every partner named; "
             "tell the coordinator at once about any change."))


def _person_sheet(w: DocWriter, view: PlanView, pid: uuid.UUID, today: date | None) -> None:
    p = view.plan.people[pid]
    pieces = view.sorted_pieces(view.by_person[pid])
    t = w.t
    _header(w, view, t("个人任务单", "Personal assignment sheet"), [
        (t("姓名", "Name"), p.name),
        (t("岗位", "Role"), p.role.label(view.lang)),
        (t("所属单位", "Outlet"), view.outlet_name(p.outlet_id)),
        (t("联系电话", "Phone"), p.phone),
        (t("项目统筹", "Coordinator"), _coordinator(view)),
        (t("发出日期", "Issued"), today_text(view.lang, today)),
    ])
    w.heading(t("一、任务清单", "1. Assignments"))
    headers = [t("序号", "No."), t("环节", "Stage"), t("时间", "Time"), t("地点", "Place"), t("任务", "Piece"),
               t("同组人员", "Working with"), t("截稿时间", "Deadline"), t("任务说明", "Brief")]
    rows = []
    for n, a in enumerate(pieces, 1):
        st = view.stages[a.stage_id]
        others = view.sep.join(view.plan.people[x].name for x in a.person_ids if x != pid and x in view.plan.people)
        rows.append((n, view.stage_title(a.stage_id), view.stage_time(st), view.stage_place(st), view.piece(a),
                     others, view.due(a), a.brief))
    w.table(headers, rows, w.widths(_PERSON_WEIGHTS))
    _partners(w, view, [a.stage_id for a in pieces], p.outlet_id, t("二、各环节协作单位", "2. Partners on each stage"))


def _partners(w: DocWriter, view: PlanView, stage_ids: list[uuid.UUID], own: uuid.UUID, title: str) -> None:
    w.heading(title)
    rows = []
    for sid in dict.fromkeys(stage_ids):
        partners = view.partners(sid, own)
        if not partners:
            rows.append((view.stage_title(sid), view.t("（本单位独立承担）", "(this outlet alone)"), ""))
            continue
        pieces = view.sep.join(f"{view.outlet_short(a.outlet_id)}（{view.piece(a)}）" if not view.en else
                               f"{view.outlet_short(a.outlet_id)} ({view.piece(a)})" for a in partners)
        contacts = "\n".join(dict.fromkeys(
            f"{view.outlet_short(a.outlet_id)}：{c}" if not view.en else f"{view.outlet_short(a.outlet_id)}: {c}"
            for a in partners if (c := view.outlet_contact(a.outlet_id))))
        rows.append((view.stage_title(sid), pieces, contacts))
    w.table([view.t("环节", "Stage"), view.t("协作单位（角色·形式）", "Partners (role · format)"),
             view.t("联系人", "Contacts")], rows, w.widths(_PARTNER_WEIGHTS))
