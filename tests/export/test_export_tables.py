"""Spreadsheets: typed cells, print setup, and the contribution .csv and .xlsx agreeing."""

from __future__ import annotations

import csv
from datetime import datetime

from openpyxl import load_workbook

from planner.export.contribution import Weights
from planner.export.tables import write_csv, write_xlsx
from planner.services.exports import export_contribution
from planner.services.queries import load_plan


def test_assignment_cells_are_numbers_and_dates(small, tmp_path):
    plan = load_plan(small.db, small.project.id)
    out = tmp_path / "t.xlsx"
    write_xlsx(plan, out)
    ws = load_workbook(out).active
    first = [c for c in ws[2]]
    assert first[1].value == 1 and first[1].data_type == "n"  # the stage number sorts as a number
    assert first[3].value == datetime(2026, 3, 2, 9, 0)  # Asia/Shanghai wall-clock time
    assert first[3].is_date and first[3].number_format == "yyyy-mm-dd hh:mm"
    assert first[10].value == datetime(2026, 3, 2, 18, 0) and first[10].is_date
    untimed = [r for r in ws.iter_rows(min_row=2) if r[2].value == "专家解读"]
    assert all(r[3].value is None for r in untimed)
    csv_out = tmp_path / "t.csv"
    write_csv(plan, csv_out)
    rows = list(csv.reader(csv_out.read_text("utf-8-sig").splitlines()))
    assert rows[1][1] == "1" and rows[1][3] == "2026-03-02 09:00" and rows[1][10] == "2026-03-02 18:00"


def test_assignment_sheet_prints_landscape_fitted_with_its_header_on_every_page(small, tmp_path):
    out = tmp_path / "t.xlsx"
    write_xlsx(load_plan(small.db, small.project.id), out, lang="en")
    ws = load_workbook(out).active
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws["P1"].value == "Assignment id" and ws.column_dimensions["P"].hidden
    assert "&P" in ws.oddFooter.center.text and "Page" in ws.oddFooter.center.text


def test_contribution_csv_and_xlsx_agree(small, tmp_path):
    weights = Weights.parse("lead=2.5,support=1.25")  # scores with fractions
    export_contribution(small.db, tmp_path / "c.csv", weights=weights)
    export_contribution(small.db, tmp_path / "c.xlsx", weights=weights)
    rows = list(csv.reader((tmp_path / "c.csv").read_text("utf-8-sig").splitlines()))
    ws = load_workbook(tmp_path / "c.xlsx")["贡献度"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == cells[0]
    for text_row, cell_row in zip(rows[1:], cells[1:], strict=True):
        for text, value in zip(text_row, cell_row, strict=True):
            if isinstance(value, int | float):
                assert float(text) == value and text == (str(int(value)) if float(value).is_integer() else str(value))
            else:
                assert text == value
    assert any(isinstance(r[-1], float) for r in cells[1:])  # a fractional score stays a number
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
