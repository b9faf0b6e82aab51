"""Export use cases: gather the rows from the database and hand them to :mod:`planner.export`.

Each call checks its inputs first (template styles, destination, period), reads what it needs in
short read transactions, and writes the document atomically. ``progress(done, total, text)`` is
called as work goes on; it may raise (the app's cancel button) and then no file is left behind.
The graph picture of the briefing pack is drawn by a caller-supplied ``render_graph(G) -> bytes``
(the Qt renderer lives in ``planner.ui``, which this layer must not import).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import and_, or_, select

from planner.atomic import write_all_or_nothing, write_bytes_atomic
from planner.domain.enums import ACTIVE_STATUSES, Role, Status
from planner.domain.errors import ValidationError
from planner.domain.timefmt import day_end, day_start
from planner.export.contribution import ContributionReport, ContributionRow, Weights, write_contribution
from planner.export.docxkit import check_template
from planner.export.errors import DestinationError, NothingToExportError
from planner.export.filenames import unique_names
from planner.export.ics import DEFAULT_ALARM_MINUTES, filter_plan, valid_alarm_minutes, write_ics
from planner.export.pack import write_pack
from planner.export.pdf import require_converter, write_pdf, write_pdfs
from planner.export.planview import PlanView, place_text
from planner.export.sheetdata import SheetContent, sheet_content, sheet_subjects
from planner.export.sheets import write_sheets
from planner.graph.analysis import analyze_plan
from planner.graph.collaboration import build_collaboration_graph
from planner.graph.metrics import compute_metrics
from planner.services.queries import list_outlets, load_plan, open_assignment_counts, resolve_alliance
from planner.services.settings import travel_kmh
from planner.store.database import Database
from planner.store.models import Assignment, Membership, Project, Stage

Progress = Callable[[int, int, str], None]
RenderGraph = Callable[[nx.Graph], bytes | None]

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_FILED = {Status.FILED.value, Status.PUBLISHED.value}


def _noop(*_: Any) -> None:
    return None


def _lang(lang: str) -> str:
    return "en" if str(lang).startswith("en") else "zh"


def desk_name(db: Database) -> str:
    """Who the documents say prepared them: this desk's outlet, else its editor."""
    return db.setting("desk.outlet_name") or db.setting("desk.editor") or ""


def document_format(dest: str | Path, fmt: str | None, allowed: tuple[str, ...] = ("docx", "pdf")) -> str:
    """The format asked for: ``fmt`` if given, else the suffix of ``dest`` (``.pdf`` → pdf), else docx."""
    if fmt is None:
        suffix = Path(dest).suffix.lower().lstrip(".")
        fmt = suffix if suffix in allowed else "docx"
    if fmt not in allowed:
        raise ValidationError("bad_choice", what="导出格式", field="format", value=fmt)
    return fmt


def export_sheets(
    db: Database, project_id: uuid.UUID, dest: str | Path, *, per: str = "outlet", outlet_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None, single: bool | None = None, template: str | Path | None = None,
    lang: str = "zh", progress: Progress | None = None, fmt: str | None = None,
) -> list[Path]:
    """Assignment sheets of a project: per outlet (all, or ``outlet_id``) or per person.

    With ``per="person"``, ``person_id`` picks one person and ``outlet_id`` that outlet's people.
    ``dest`` ending in ``.docx`` (or ``.pdf``) → one document; otherwise a folder with one file per
    sheet. ``fmt`` ``pdf`` makes PDFs through LibreOffice (see :mod:`planner.export.pdf`).
    """
    dest = Path(dest)
    fmt = document_format(dest, fmt)
    if fmt == "pdf":
        require_converter()
        single = dest.suffix.lower() == ".pdf" if single is None else single
        if single:
            return [write_pdf(dest, lambda docx: export_sheets(
                db, project_id, docx, per=per, outlet_id=outlet_id, person_id=person_id, single=True,
                template=template, lang=lang, progress=progress, fmt="docx"))]
        return write_pdfs(dest, lambda scratch: export_sheets(
            db, project_id, scratch, per=per, outlet_id=outlet_id, person_id=person_id, single=False,
            template=template, lang=lang, progress=progress, fmt="docx"))
    if per not in ("outlet", "person"):
        raise ValidationError("bad_choice", what="导出方式", field="per", value=per)
    if template:
        check_template(template)
    report = progress or _noop
    report(0, 1, "读取计划" if _lang(lang) == "zh" else "reading the plan")
    plan = load_plan(db, project_id)
    only: list[uuid.UUID] | None = None
    if per == "outlet" and outlet_id is not None:
        only = [outlet_id]
    elif per == "person" and person_id is not None:
        only = [person_id]
    elif per == "person" and outlet_id is not None:
        only = [p.id for p in plan.people.values() if p.outlet_id == outlet_id]
    return write_sheets(plan, dest, per=per, only=only, single=single, lang=_lang(lang), template=template,
                        progress=progress, prepared_by=desk_name(db))


DrawSheet = Callable[[SheetContent], list[bytes]]


def export_sheet_images(
    db: Database, project_id: uuid.UUID, dest: str | Path, *, draw: DrawSheet, per: str = "outlet",
    outlet_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None, lang: str = "zh",
    progress: Progress | None = None,
) -> list[Path]:
    """Assignment sheets as long pictures for phones: ``draw(content)`` (the Qt drawer in
    ``planner.ui.export.longimage``) gives the PNGs of one sheet. ``dest`` is a folder (one file per
    sheet, ``-2``… for a sheet cut in parts) or, for a single outlet or person, a ``.png`` file. All
    files are written, or none."""
    if per not in ("outlet", "person"):
        raise ValidationError("bad_choice", what="导出方式", field="per", value=per)
    lang = _lang(lang)
    dest = Path(dest)
    report = progress or _noop
    report(0, 1, "读取计划" if lang == "zh" else "reading the plan")
    plan = load_plan(db, project_id)
    only: list[uuid.UUID] | None = None
    if per == "outlet" and outlet_id is not None:
        only = [outlet_id]
    elif per == "person" and person_id is not None:
        only = [person_id]
    elif per == "person" and outlet_id is not None:
        only = [p.id for p in plan.people.values() if p.outlet_id == outlet_id]
    subjects = sheet_subjects(plan, per, only)
    if not subjects:
        raise NothingToExportError("所选范围内没有可派发的任务", "there are no assignments to put on a sheet")
    single = dest.suffix.lower() == ".png"
    if single and len(subjects) > 1:
        raise DestinationError(dest, "有多份任务单，请选择文件夹，或只导出一个单位（人员）",
                               "there are several sheets: give a folder, or choose one outlet or person")
    if not single and dest.exists() and not dest.is_dir():
        raise DestinationError(dest, "这是一个文件，请给出文件夹", "this is a file; give a folder")
    view = PlanView(plan, lang)
    pictures: list[bytes] = []
    stems: list[str] = []
    project = plan.project.code or plan.project.title
    for i, sid in enumerate(subjects):
        content = sheet_content(view, per, sid)
        report(i, len(subjects), content.name)
        images = draw(content)
        if per == "outlet":
            stem = view.t(f"任务单-{project}-{content.name}", f"Sheet-{project}-{content.name}")
        else:
            outlet = view.outlet_short(plan.people[sid].outlet_id)
            stem = view.t(f"任务单-人员-{content.name}-{outlet}-{project}",
                          f"Sheet-person-{content.name}-{outlet}-{project}")
        for n, data in enumerate(images, 1):
            pictures.append(data)
            stems.append(stem if len(images) == 1 else f"{stem}-{n}")
    if single:
        if len(pictures) == 1:
            report(1, 1, "")
            return [write_bytes_atomic(dest, pictures[0], make_parent=True)]
        targets = [dest.with_name(f"{dest.stem}-{n}.png") for n in range(1, len(pictures) + 1)]
    else:
        targets = [dest / name for name in unique_names(stems, ".png")]
    created = not dest.exists() and not single
    try:
        written = write_all_or_nothing(targets, lambda i, tmp: tmp.write_bytes(pictures[i]))
    except BaseException:
        if created and dest.is_dir() and not any(dest.iterdir()):
            dest.rmdir()
        raise
    report(1, 1, "")
    return written


def export_pack(
    db: Database, project_id: uuid.UUID, dest: str | Path, *, template: str | Path | None = None, lang: str = "zh",
    graph_png: bytes | None = None, render_graph: RenderGraph | None = None, progress: Progress | None = None,
    fmt: str | None = None,
) -> Path:
    """The briefing pack of a project, with the plan's findings and its collaboration network.

    The picture is ``graph_png`` if given, else ``render_graph(G)`` of the project's collaboration
    graph; if neither gives bytes (or the renderer fails) the pack says the picture is unavailable.
    ``dest`` ending in ``.pdf`` (or ``fmt="pdf"``) writes a PDF through LibreOffice.
    """
    dest = Path(dest)
    if document_format(dest, fmt) == "pdf":
        return write_pdf(dest, lambda docx: export_pack(
            db, project_id, docx, template=template, lang=lang, graph_png=graph_png, render_graph=render_graph,
            progress=progress, fmt="docx"))
    lang = _lang(lang)
    if template:
        check_template(template)
    report = progress or _noop
    report(0, 1, "读取计划" if lang == "zh" else "reading the plan")
    plan = load_plan(db, project_id)
    findings = analyze_plan(plan, travel_kmh=travel_kmh(db), open_counts=open_assignment_counts(db))
    G = build_collaboration_graph(db, project_ids=[project_id])
    reading = compute_metrics(G).reading(lang)
    png = graph_png
    if png is None and render_graph is not None:
        report(0, 1, "绘制协作网络图" if lang == "zh" else "drawing the network")
        try:
            png = render_graph(G)
        except Exception:  # the picture is optional: the pack says it is unavailable
            png = None
    prepared_by = desk_name(db)
    return write_pack(plan, dest, findings=findings, reading=reading, graph_png=png, lang=lang, template=template,
                      progress=progress, prepared_by=prepared_by)


def stage_stamps(db: Database, project_id: uuid.UUID) -> dict[uuid.UUID, Any]:
    """When each stage of a project last changed (for the calendar's LAST-MODIFIED)."""
    with db.reader() as s:
        rows = s.execute(select(Stage.id, Stage.updated_at).where(Stage.project_id == project_id)).all()
    return {sid: at for sid, at in rows if at is not None}


def export_calendar(
    db: Database, project_id: uuid.UUID, dest: str | Path, *, outlet_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None, deadlines_as: str = "event", alarm_minutes: int = DEFAULT_ALARM_MINUTES,
    lang: str = "zh",
) -> int:
    """A project's calendar (.ics) — all of it, one outlet's or one person's — with reminders
    ``alarm_minutes`` ahead; returns the number of entries written."""
    if deadlines_as not in ("event", "todo"):
        raise ValidationError("bad_choice", what="截稿时间写为", field="deadlines_as", value=deadlines_as)
    alarm_minutes = valid_alarm_minutes(alarm_minutes)
    lang = _lang(lang)
    plan = load_plan(db, project_id)
    name = plan.project.title
    if outlet_id is not None and outlet_id in plan.outlets:
        name += f" · {plan.outlets[outlet_id].display_name}"
    if person_id is not None and person_id in plan.people:
        name += f" · {plan.people[person_id].name}"
    return write_ics(filter_plan(plan, outlet_id=outlet_id, person_id=person_id), dest, deadlines_as=deadlines_as,
                     name=name, lang=lang, alarm_minutes=alarm_minutes, stage_stamps=stage_stamps(db, project_id))


def contribution_report(
    db: Database, *, start: date | None = None, end: date | None = None, alliance_id: uuid.UUID | None = None,
    weights: Weights | None = None, lang: str = "zh",
) -> ContributionReport:
    """Per-outlet contribution over a period (stages starting in it; untimed stages by project start)."""
    lang = _lang(lang)
    if start is not None and end is not None and end < start:
        raise ValidationError("end_before_start", field="end")
    a, st, pr = Assignment.__table__, Stage.__table__, Project.__table__
    conds: list[Any] = [a.c.status.in_(_ACTIVE)]
    if start is not None or end is not None:
        timed, untimed = [st.c.starts_at.is_not(None)], [st.c.starts_at.is_(None)]
        if start is not None:
            timed.append(st.c.starts_at >= day_start(start))
            untimed.append(pr.c.starts_on >= start)
        if end is not None:
            timed.append(st.c.starts_at < day_end(end))
            untimed.append(pr.c.starts_on <= end)
        conds.append(or_(and_(*timed), and_(*untimed)))
    members: set[uuid.UUID] | None = None
    alliance_name = ""
    if alliance_id is not None:
        alliance_name = resolve_alliance(db, str(alliance_id)).name
        with db.reader() as s:
            members = set(s.execute(select(Membership.outlet_id).where(Membership.alliance_id == alliance_id)).scalars())
        conds.append(a.c.outlet_id.in_(list(members)))
    q = (select(a.c.outlet_id, st.c.project_id, a.c.role, a.c.status)
         .select_from(a.join(st, st.c.id == a.c.stage_id).join(pr, pr.c.id == st.c.project_id)).where(*conds))
    counts: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    projects: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    with db.reader() as s:
        for oid, pid, role, status in s.execute(q):
            c = counts[oid]
            c[str(role)] += 1
            if str(status) in _FILED:
                c["filed"] += 1
            if str(status) == Status.PUBLISHED.value:
                c["published"] += 1
            projects[oid].add(pid)
    G = build_collaboration_graph(db, start=start, end=end, alliance_id=alliance_id)
    ids = set(counts) | (members or set())
    rows = []
    for o in list_outlets(db, ids=list(ids)):
        c = counts.get(o.id, {})
        edges = list(G.edges(o.id, data=True)) if o.id in G else []
        rows.append(ContributionRow(
            outlet_id=o.id, outlet=o.name, tier=o.tier.label(lang),
            region=place_text(o.adcode, lang, short=True), projects=len(projects.get(o.id, ())),
            lead=c.get(Role.LEAD.value, 0), support=c.get(Role.SUPPORT.value, 0),
            syndicate=c.get(Role.SYNDICATE.value, 0), filed=c.get("filed", 0), published=c.get("published", 0),
            partners=len(edges), cross_province=sum(1 for *_e, d in edges if d.get("cross_province")),
            vertical=sum(1 for *_e, d in edges if d.get("vertical")),
        ))
    return ContributionReport(tuple(rows), weights or Weights(), start, end, alliance_name)


def export_contribution(
    db: Database, dest: str | Path, *, start: date | None = None, end: date | None = None,
    alliance_id: uuid.UUID | None = None, weights: Weights | None = None, lang: str = "zh",
    template: str | Path | None = None, progress: Progress | None = None,
) -> Path:
    """The contribution report as .docx, .xlsx or .csv (by the suffix of ``dest``), or .pdf (the
    .docx converted by LibreOffice)."""
    if Path(dest).suffix.lower() == ".pdf":
        return write_pdf(Path(dest), lambda docx: export_contribution(
            db, docx, start=start, end=end, alliance_id=alliance_id, weights=weights, lang=lang, template=template,
            progress=progress))
    lang = _lang(lang)
    if template and Path(dest).suffix.lower() == ".docx":
        check_template(template)
    report = progress or _noop
    report(0, 1, "统计中" if lang == "zh" else "counting")
    data = contribution_report(db, start=start, end=end, alliance_id=alliance_id, weights=weights, lang=lang)
    if not data.rows:
        raise NothingToExportError("统计范围内没有任何单位", "no outlet falls in this selection")
    return write_contribution(data, dest, lang=lang, template=template, progress=progress, prepared_by=desk_name(db))
