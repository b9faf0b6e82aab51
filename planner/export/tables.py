"""The assignments table of a project as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX,
and the spreadsheet-safe cells every table writer uses (:func:`csv_cell`, :func:`append_row`).

One row per assignment, stages in plan order. Cells are typed: the stage number is a number and
times are real date-times (Asia/Shanghai wall-clock time, ``yyyy-mm-dd hh:mm``), so a sheet sorts
and filters them as such; CSV writes them as ``2026-12-26 08:00``, which spreadsheets read as
dates. No text cell can become a formula (spreadsheet formula injection): in CSV a cell starting
with ``= + - @``, TAB or CR gets an apostrophe in front (CSV has no other way to say "text"); in
XLSX every text is stored as a text cell — never a formula — and one starting with those
characters is marked "quote prefix", so Excel and WPS keep it text even after an edit, with no
apostrophe showing ("+86 138…" stays as typed). Control characters (C0 and DEL) are dropped from
every cell. The workbook is set up for printing:
landscape A4, fitted to the page width, the header row repeated on every page, the assignment id
column hidden, page numbers in the footer. Files are written atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.atomic import atomic_target
from planner.domain.errors import ValidationError
from planner.domain.rows import ProjectPlan
from planner.domain.text import clean_output
from planner.domain.timefmt import PLAN_TZ

#: (Chinese header, English header, width in characters)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("项目", "Project", 24), ("序号", "No.", 6), ("环节", "Stage", 24), ("开始", "Starts", 18),
    ("结束", "Ends", 18), ("地点", "Location", 16), ("单位", "Outlet", 22), ("角色", "Role", 8),
    ("形式", "Format", 10), ("状态", "Status", 10), ("截稿", "Due", 18), ("人员", "People", 20),
    ("任务说明", "Brief", 36), ("备注", "Notes", 24), ("原因", "Reason", 16), ("任务编号", "Assignment id", 38),
)


def headers(lang: str = "zh") -> list[str]:
    return [en if lang.startswith("en") else zh for zh, en, _w in COLUMNS]


#: What makes Excel, WPS or LibreOffice read a cell as a formula (TAB and CR included: some
#: programs strip them and then see the "=" behind).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text cleaned of control characters and never a formula."""
    if not isinstance(value, str):
        return value
    text = clean_output(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def append_row(ws: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl sheet with every text stored as text, never as a formula."""
    ws.append([clean_output(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True


def _safe(text: str) -> str:
    return clean_output(text)


#: the columns holding numbers and date-times (0-based), and the one hidden in print
NUMBER_COLUMNS = (1,)
DATETIME_COLUMNS = (3, 4, 10)
ID_COLUMN = 15
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def local_time(dt: datetime | None) -> datetime | None:
    """A stored (UTC) time as the wall-clock time of the plan, without a zone: spreadsheets have none."""
    return dt.astimezone(PLAN_TZ).replace(tzinfo=None) if dt is not None else None


def assignment_table(plan: ProjectPlan, lang: str = "zh") -> list[list[Any]]:
    """The table's data rows, in stage order: text, the stage number as an int, times as
    (zone-less, Asia/Shanghai) datetimes or None."""
    stages = {s.id: s for s in plan.stages}
    en = lang.startswith("en")
    rows = []
    for a in sorted(plan.assignments, key=lambda a: (stages[a.stage_id].position if a.stage_id in stages else 0,
                                                     a.role != "lead", a.format.value)):
        st = stages.get(a.stage_id)
        outlet = plan.outlets.get(a.outlet_id)
        people = ("、" if not en else ", ").join(plan.people[p].name for p in a.person_ids if p in plan.people)
        cells: list[Any] = [
            plan.project.title, st.position if st else None, st.title if st else "",
            local_time(st.starts_at) if st else None, local_time(st.ends_at) if st else None,
            st.location if st else "", outlet.name if outlet else "", a.role.label(lang), a.format.label(lang),
            a.status.label(lang), local_time(a.due_at), people, a.brief, a.notes, a.reason, str(a.id),
        ]
        rows.append([_safe(c) if isinstance(c, str) else c for c in cells])
    return rows


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return csv_cell(value) if isinstance(value, str) else str(value)


def _atomic(path: Path, write: Callable[[Any], None], mode: str) -> None:
    with atomic_target(path, make_parent=False) as tmp:
        if mode == "text":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                write(fh)
        else:
            write(tmp)


def write_csv(plan: ProjectPlan, path: str | Path, lang: str = "zh") -> int:
    rows = assignment_table(plan, lang)

    def write(fh: io.TextIOBase) -> None:
        w = csv.writer(fh)
        w.writerow(headers(lang))
        w.writerows([_csv_cell(v) for v in row] for row in rows)

    _atomic(Path(path), write, "text")
    return len(rows)


def write_xlsx(plan: ProjectPlan, path: str | Path, lang: str = "zh") -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = assignment_table(plan, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = "报道任务" if not lang.startswith("en") else "Assignments"
    append_row(ws, headers(lang))
    for row in rows:
        append_row(ws, row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
    for i, (_zh, _en, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for col in DATETIME_COLUMNS:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
            cell.number_format = DATETIME_FORMAT
    ws.column_dimensions[get_column_letter(ID_COLUMN + 1)].hidden = True
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    print_setup(ws, title=clean_output(plan.project.title), lang=lang)
    buffer = io.BytesIO()  # built in memory, then written in one go: a full disk fails cleanly
    wb.save(buffer)
    _atomic(Path(path), lambda tmp: Path(tmp).write_bytes(buffer.getvalue()), "binary")
    return len(rows)


def print_setup(ws: Any, *, title: str, lang: str = "zh") -> None:
    """A sheet that prints as people expect: landscape A4 fitted to the page width (as many pages
    down as needed), the header row on every page, the title in the page header and
    ``第 N 页 共 M 页`` in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.center.text = clean_output(title).replace("&", "&&")[:200]
    ws.oddFooter.center.text = "Page &P of &N" if lang.startswith("en") else "第 &P 页 共 &N 页"


def write_table(plan: ProjectPlan, path: str | Path, lang: str = "zh") -> int:
    """CSV or XLSX by the file's suffix; returns the number of assignment rows."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(plan, path, lang)
    if suffix == ".csv":
        return write_csv(plan, path, lang)
    raise ValidationError("invalid", field="path", detail=f"只支持 .csv 或 .xlsx / only .csv or .xlsx: {suffix or path}")
