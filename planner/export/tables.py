"""The assignments table of a project as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX.

One row per assignment, stages in plan order. Text cells that a spreadsheet would run as a formula
(starting with ``= + - @``) are prefixed with an apostrophe; control characters are dropped.
Files are written atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.atomic import atomic_target
from planner.domain.errors import ValidationError
from planner.domain.rows import ProjectPlan
from planner.domain.text import sanitize_xml
from planner.domain.timefmt import fmt_datetime

#: (Chinese header, English header, width in characters)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("项目", "Project", 24), ("序号", "No.", 6), ("环节", "Stage", 24), ("开始", "Starts", 18),
    ("结束", "Ends", 18), ("地点", "Location", 16), ("单位", "Outlet", 22), ("角色", "Role", 8),
    ("形式", "Format", 10), ("状态", "Status", 10), ("截稿", "Due", 18), ("人员", "People", 20),
    ("任务说明", "Brief", 36), ("备注", "Notes", 24), ("原因", "Reason", 16), ("任务编号", "Assignment id", 38),
)


def headers(lang: str = "zh") -> list[str]:
    return [en if lang.startswith("en") else zh for zh, en, _w in COLUMNS]


def _safe(text: str) -> str:
    text = sanitize_xml(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def assignment_table(plan: ProjectPlan, lang: str = "zh") -> list[list[str]]:
    """The table's data rows (strings), in stage order."""
    stages = {s.id: s for s in plan.stages}
    en = lang.startswith("en")
    rows = []
    for a in sorted(plan.assignments, key=lambda a: (stages[a.stage_id].position if a.stage_id in stages else 0,
                                                     a.role != "lead", a.format.value)):
        st = stages.get(a.stage_id)
        outlet = plan.outlets.get(a.outlet_id)
        people = ("、" if not en else ", ").join(plan.people[p].name for p in a.person_ids if p in plan.people)
        cells = [
            plan.project.title, str(st.position) if st else "", st.title if st else "",
            fmt_datetime(st.starts_at, lang) if st else "", fmt_datetime(st.ends_at, lang) if st else "",
            st.location if st else "", outlet.name if outlet else "", a.role.label(lang), a.format.label(lang),
            a.status.label(lang), fmt_datetime(a.due_at, lang), people, a.brief, a.notes, a.reason, str(a.id),
        ]
        rows.append([_safe(c) for c in cells])
    return rows


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
        w.writerows(rows)

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
    ws.append(headers(lang))
    for row in rows:
        ws.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
    for i, (_zh, _en, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    _atomic(Path(path), wb.save, "binary")
    return len(rows)


def write_table(plan: ProjectPlan, path: str | Path, lang: str = "zh") -> int:
    """CSV or XLSX by the file's suffix; returns the number of assignment rows."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(plan, path, lang)
    if suffix == ".csv":
        return write_csv(plan, path, lang)
    raise ValidationError("invalid", field="path", detail=f"只支持 .csv 或 .xlsx / only .csv or .xlsx: {suffix or path}")
