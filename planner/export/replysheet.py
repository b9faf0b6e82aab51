"""The XLSX reply sheet (回执表) an outlet fills in without the planner, in Excel, WPS or LibreOffice.

One sheet per outlet and project: what each assignment is (stage, time, place, role, format, due,
brief) locked on grey, and the answer columns — 答复 (a drop-down: 确认 / 婉拒), 原因,
人员（姓名 电话）, 备注, 成品链接 — unlocked on white and prefilled with the values as they are now.
The assignment ids and the values the sheet was made from sit in hidden columns of the protected
sheet (the base of the three-way merge when the sheet comes back), and a very hidden ``_jcp`` sheet
says which project, outlet and desk it belongs to. Printed it is A4 landscape, one page wide, with
the column heading on every page.

Text is stored as text, never as a formula (a phone number like ``+86 …`` stays as typed, with no
apostrophe), and control characters are dropped. The file is written atomically. The reading side
is :mod:`planner.services.exchange.replies`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.atomic import atomic_target
from planner.domain.text import sanitize_xml

SHEET = "回执"
META_SHEET = "_jcp"
MAGIC = "joint-coverage-reply-sheet"
SHEET_VERSION = 1
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
SIGNER_CELL, SIGNER_PHONE_CELL = "C3", "F3"

#: (key, Chinese header, English header, width in characters)
VISIBLE: tuple[tuple[str, str, str, int], ...] = (
    ("no", "序号", "No.", 5), ("stage", "环节", "Stage", 20), ("time", "时间", "Time", 21),
    ("place", "地点", "Place", 14), ("role", "角色", "Role", 7), ("format", "形式", "Format", 8),
    ("due", "截稿", "Due", 15), ("brief", "任务说明", "Brief", 32),
    ("answer", "答复", "Answer", 8), ("reason", "原因", "Reason", 16),
    ("people", "人员（姓名 电话）", "People (name phone)", 24), ("notes", "备注", "Notes", 20),
    ("link", "成品链接", "Link to the piece", 24),
)
#: the columns the outlet fills in
FILL: tuple[str, ...] = ("answer", "reason", "people", "notes", "link")
#: hidden: the assignment id and the values the sheet was made from (the base of the merge)
HIDDEN: tuple[str, ...] = ("id", "base_answer", "base_reason", "base_people", "base_notes", "base_link",
                           "base_status")
COLUMNS: tuple[str, ...] = (*(c[0] for c in VISIBLE), *HIDDEN)
ANSWERS: dict[str, tuple[str, str]] = {"zh": ("确认", "婉拒"), "en": ("Confirm", "Decline")}


@dataclass(frozen=True)
class SheetHead:
    """Whose sheet this is."""

    project_id: str
    project_title: str
    outlet_id: str
    outlet_name: str
    desk_id: str
    desk_name: str
    created_at: datetime
    lang: str = "zh"

    def meta(self) -> dict[str, str]:
        return {"magic": MAGIC, "version": str(SHEET_VERSION), "project_id": self.project_id,
                "project_title": self.project_title, "outlet_id": self.outlet_id, "outlet_name": self.outlet_name,
                "desk_id": self.desk_id, "desk_name": self.desk_name, "created_at": self.created_at.isoformat(),
                "lang": self.lang}


def column_of(key: str) -> int:
    """The 1-based column of ``key`` (see :data:`COLUMNS`)."""
    return COLUMNS.index(key) + 1


def _texts(lang: str) -> dict[str, str]:
    en = lang.startswith("en")
    return {
        "title": "Reply sheet" if en else "联合报道回执",
        "who": "Outlet" if en else "单位",
        "how": ("Fill in the white columns: Answer (Confirm / Decline; a decline needs a reason), the people "
                "you send (name and phone, one per line), notes and the link to the finished piece. Do not "
                "change the grey columns, and send the file back as it is.") if en else
               ("请填写白色各列：答复（确认 / 婉拒，婉拒请写明原因）、派出人员（姓名 电话，每行一人）、备注、成品链接。"
                "灰色各列请勿改动，填好后原文件发回即可。"),
        "signer": "Filled in by" if en else "填表人",
        "phone": "Phone" if en else "联系电话",
        "made": "Made" if en else "生成时间",
        "page": "Page &P of &N" if en else "第 &P 页，共 &N 页",
        "bad_answer": "Choose Confirm or Decline." if en else "请选择“确认”或“婉拒”。",
    }


def write_reply_sheet(path: str | Path, head: SheetHead, rows: Sequence[dict[str, str]], *, atomic: bool = True) -> int:
    """Write one outlet's reply sheet; ``rows`` map every key of :data:`COLUMNS` to its text.

    ``atomic=False`` writes straight to ``path`` (a temporary file of a set written all or nothing).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = "en" if head.lang.startswith("en") else "zh"
    t = _texts(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET if lang == "zh" else "Replies"
    last_visible = get_column_letter(len(VISIBLE))
    grey = PatternFill("solid", fgColor="EDEDED")
    head_fill = PatternFill("solid", fgColor="D9E2F3")
    thin = Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)

    _text(ws.cell(1, 1), f"{t['title']} · {head.project_title}")
    ws.cell(1, 1).font = Font(size=14, bold=True)
    ws.merge_cells(f"A1:{last_visible}1")
    colon, gap = (": ", "    ") if lang == "en" else ("：", "　　")
    _text(ws.cell(2, 1), f"{t['who']}{colon}{head.outlet_name}{gap}{t['made']}{colon}{head.created_at:%Y-%m-%d %H:%M}"
                         f"{gap}{t['how']}")
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A2:{last_visible}2")
    ws.row_dimensions[2].height = 48
    _text(ws["A3"], t["signer"])
    _text(ws["E3"], t["phone"])
    for ref in (SIGNER_CELL, SIGNER_PHONE_CELL):
        ws[ref].protection = unlocked
        ws[ref].border = box
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:D3")
    ws.merge_cells("F3:G3")
    ws["A3"].alignment = ws["E3"].alignment = Alignment(horizontal="right")

    for index, (_key, zh, en, width) in enumerate(VISIBLE, start=1):
        cell = ws.cell(HEADER_ROW, index)
        _text(cell, en if lang == "en" else zh)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(index)].width = width
    for index, key in enumerate(HIDDEN, start=len(VISIBLE) + 1):
        _text(ws.cell(HEADER_ROW, index), key)
        ws.column_dimensions[get_column_letter(index)].hidden = True
    widths = {key: width for key, _zh, _en, width in VISIBLE}
    for r, row in enumerate(rows, start=FIRST_ROW):
        # Spreadsheets do not grow a row for wrapped text when the file says nothing: size each row
        # for its longest cell, so nothing is cut off on screen or on paper.
        lines = max(_lines(row.get(key, ""), width) for key, width in widths.items())
        ws.row_dimensions[r].height = 15 * min(max(lines, 1), 12) + 3
        for c, key in enumerate(COLUMNS, start=1):
            cell = ws.cell(r, c)
            _text(cell, row.get(key, ""))
            if key in FILL:
                cell.protection = unlocked
            elif c <= len(VISIBLE):
                cell.fill = grey
            if c <= len(VISIBLE):
                cell.border = box
                cell.alignment = wrap
    last_row = FIRST_ROW + max(len(rows), 1) - 1
    answers = DataValidation(type="list", formula1='"' + ",".join(ANSWERS[lang]) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle=t["title"], error=t["bad_answer"])
    col = get_column_letter(column_of("answer"))
    answers.add(f"{col}{FIRST_ROW}:{col}{last_row}")
    ws.add_data_validation(answers)

    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_visible}{last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = t["page"]
    # Locked cells and hidden columns stay so: no password (a sheet is not a secret), but the
    # outlet cannot change what an assignment is or the ids by accident, nor unhide them.
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may grow for long answers
    ws.protection.formatCells = True
    ws.protection.formatColumns = True
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False

    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate(head.meta().items(), start=1):
        _text(meta.cell(r, 1), key)
        _text(meta.cell(r, 2), value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True

    if not atomic:
        wb.save(path)
        return len(rows)
    with atomic_target(Path(path), make_parent=False) as tmp:
        wb.save(tmp)
    return len(rows)


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a CJK character is two)."""
    import math

    total = 0
    for paragraph in str(text or "").split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in paragraph)
        total += max(1, math.ceil(units / max(width - 1, 1)))
    return total


def _text(cell, value: str) -> None:  # type: ignore[no-untyped-def]
    """Set a cell to text: never a formula, no control characters."""
    text = sanitize_xml(str(value or ""))
    cell.value = text
    if text:
        cell.data_type = "s"

