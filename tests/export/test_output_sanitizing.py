"""Invisible characters, control characters and formula injection (issue #10, items 10 and 11).

Names are stored and compared without zero-width, BOM, soft-hyphen and bidi characters; DEL and
C0 controls written into the database by another tool or an older version never reach an output
(pack, sheets, CSV/XLSX, .ics including CATEGORIES, GraphML, SVG); no spreadsheet cell can become a
formula, and "+86 …" shows in Excel as typed.
"""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.domain.errors import DuplicateError, ImportFileError
from planner.services import outlets, people, queries
from planner.services.importing import import_outlets

CONTROL = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\x7f"


def test_invisible_characters_do_not_make_a_second_outlet(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    made = outlets.create_outlet(db, name="荣昌区\u200b融媒体中心\ufeff", tier="county").row
    assert made.name == "荣昌区融媒体中心"  # stored without them
    for hidden in ("\u200b", "\u200d", "\u00ad", "\u202e", "\u2066", "\ufeff", "\u2060"):
        with pytest.raises(DuplicateError):
            outlets.create_outlet(db, name=f"荣昌区{hidden}融媒体中心", tier="county")
    roster = tmp_path / "r.csv"
    roster.write_text("名称,层级\n荣昌区\u200b融媒体中心,县级\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        import_outlets(db, roster)
    assert info.value.problems == [(2, "已存在：荣昌区融媒体中心")]


def _poison(path: Path) -> None:
    """What another tool or an older version might have written: control characters everywhere."""
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE project SET title = '渝昆' || char(127) || '高铁' || char(1) || title")
        con.execute("UPDATE stage SET title = title || char(127), location = char(7) || location, "
                    "notes = 'x' || char(27) || '[31m'")
        con.execute("UPDATE outlet SET name = name || char(127) || char(8), short_name = short_name || char(31)")
        con.execute("UPDATE person SET name = name || char(127)")
        con.execute("UPDATE assignment SET brief = char(127) || '=HYPERLINK(\"http://x\")' || char(11)")
    con.close()


@pytest.fixture
def poisoned(demo_db_path):  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    _poison(demo_db_path)
    db = open_database(demo_db_path)
    yield db
    db.close()


def _no_control(text: str, where: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if c in CONTROL})
    assert not bad, f"{where}: {bad}"


def test_no_control_character_reaches_any_output(poisoned, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.export.ics import write_ics
    from planner.export.tables import write_table
    from planner.graph.collaboration import build_collaboration_graph
    from planner.graph.io import write_graph
    from planner.services.exports import export_pack, export_sheets

    project = next(p.project for p in queries.list_projects(poisoned) if "高铁" in p.project.title)
    assert "\x7f" in project.title
    plan = queries.load_plan(poisoned, project.id)
    out = tmp_path / "out"
    out.mkdir()
    export_pack(poisoned, project.id, out / "pack.docx")
    export_sheets(poisoned, project.id, out / "sheets.docx")
    write_table(plan, out / "t.csv")
    write_table(plan, out / "t.xlsx")
    write_ics(plan, out / "c.ics")
    G = build_collaboration_graph(poisoned, project_ids=[project.id])
    write_graph(G, out / "g.graphml", "graphml")
    write_graph(G, out / "g.gexf", "gexf")
    for path in sorted(out.iterdir()):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    if name.endswith(".xml"):
                        _no_control(zf.read(name).decode("utf-8"), f"{path.name}:{name}")
        else:
            _no_control(path.read_text(encoding="utf-8-sig"), path.name)
    ics = (out / "c.ics").read_text(encoding="utf-8")
    assert "CATEGORIES:渝昆高铁" in ics.replace("\r\n ", "")


def test_csv_neutralises_every_formula_trigger(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.export.tables import FORMULA_TRIGGERS, csv_cell, write_table

    assert csv_cell("=1+1") == "'=1+1" and csv_cell("\t=1+1") == "'\t=1+1" and csv_cell("\r=1") == "'\r=1"
    assert csv_cell("+86 138 0000 0000") == "'+86 138 0000 0000" and csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("荣昌") == "荣昌" and csv_cell(12) == 12
    project = queries.list_projects(demo_db)[0].project
    plan = queries.load_plan(demo_db, project.id)
    a = plan.assignments[0]
    from dataclasses import replace

    hostile = [replace(a, brief=t + "cmd|' /C calc'!A0", notes=t + "x") for t in FORMULA_TRIGGERS]
    plan = replace(plan, assignments=tuple(hostile))
    write_table(plan, tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell


def test_xlsx_stores_text_as_text_without_a_visible_apostrophe(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from planner.export.tables import write_table

    project = queries.list_projects(demo_db)[0].project
    plan = queries.load_plan(demo_db, project.id)
    texts = ["=1+1", "+86 138 0000 0000", "-5", "@SUM(A1)", "\t=2", "普通文字"]
    plan = replace(plan, assignments=tuple(replace(plan.assignments[0], brief=t) for t in texts))
    write_table(plan, tmp_path / "t.xlsx")
    with zipfile.ZipFile(tmp_path / "t.xlsx") as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    ws = load_workbook(tmp_path / "t.xlsx").active
    header = [c.value for c in ws[1]]
    col = header.index("任务说明")
    cells = [row[col] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["=1+1", "+86 138 0000 0000", "-5", "@SUM(A1)", "\t=2", "普通文字"]
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, True, True, True, False]


def test_the_contribution_report_tables_are_safe_too(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.services.exports import export_contribution

    outlet = queries.list_outlets(demo_db)[0]
    outlets.update_outlet(demo_db, outlet.id, expected_version=outlet.version, name="=HYPERLINK(\"x\")报社")
    people.create_person(demo_db, outlet_id=outlet.id, name="+86 值班", role="reporter")
    export_contribution(demo_db, tmp_path / "c.csv")
    export_contribution(demo_db, tmp_path / "c.xlsx")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    with zipfile.ZipFile(tmp_path / "c.xlsx") as zf:
        assert all("<f>" not in zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
