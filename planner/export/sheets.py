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
from planner.domain.rows import ProjectPlan
from planner.export.docxkit import DocWriter, open_writer
from planner.export.errors import DestinationError, NothingToExportError
from planner.export.filenames import unique_names
from planner.export.planview import PlanView
from planner.export.sheetdata import SheetContent, sheet_content, sheet_subjects

Progress = Callable[[int, int, str], None]


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

    def build(w: DocWriter, v: PlanView, sid: uuid.UUID, day: date | None, new_page: bool) -> None:
        _sheet(w, sheet_content(v, per, sid, day), new_page)

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


def _sheet(w: DocWriter, content: SheetContent, new_page: bool) -> None:
    """One sheet: title, 表头 (with the request), the pieces, the partners' contacts."""
    w.para(content.title, "Title", page_break_before=new_page, keep_next=True, before=0, after=6)
    w.form(content.fields, wide=[content.request])
    _label(w, content.pieces_title)
    w.table(content.columns, content.rows)
    if content.contacts:
        _label(w, content.contacts_title)
        half = (len(content.contacts) + 1) // 2
        left = content.contacts[:half]
        right = content.contacts[half:] + [("", "", "")] * (half - len(content.contacts[half:]))
        w.table(list(content.contact_columns) * 2, [(*a, *b) for a, b in zip(left, right, strict=True)])


def _label(w: DocWriter, text: str) -> None:
    """A small bold line above a table (a sheet's headings must not eat its page)."""
    w.para(text, "Table Heading", bold=True, align="left", keep_next=True, before=6, after=2)
