"""Contribution report: figures, weights, period and alliance, and the .docx/.xlsx/.csv files."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from exportcheck import all_text, open_doc, table_rows
from openpyxl import load_workbook

from planner.domain.errors import ValidationError
from planner.export.contribution import ContributionReport, ContributionRow, Weights, write_contribution
from planner.export.errors import DestinationError, NothingToExportError
from planner.services.exports import contribution_report, export_contribution


def _by_name(report):  # type: ignore[no-untyped-def]
    return {r.outlet: r for r in report.rows}


def test_figures_per_outlet(small):
    report = contribution_report(small.db)
    rows = _by_name(report)
    assert set(rows) == {"荣昌区融媒体中心", "隆昌市融媒体中心", "四川广播电视台"}
    cq, sc, prov = rows["荣昌区融媒体中心"], rows["隆昌市融媒体中心"], rows["四川广播电视台"]
    assert (cq.lead, cq.support, cq.syndicate, cq.filed, cq.published) == (1, 0, 1, 1, 1)
    assert (sc.lead, sc.support, sc.syndicate, sc.filed, sc.published) == (1, 1, 0, 0, 0)
    assert (prov.lead, prov.support) == (0, 1)  # the cancelled piece does not count
    assert (cq.partners, cq.cross_province, cq.vertical) == (2, 2, 1)
    assert (sc.partners, sc.cross_province, sc.vertical) == (2, 1, 1)
    assert (prov.partners, prov.cross_province, prov.vertical) == (2, 1, 2)
    assert cq.projects == 1 and cq.tier == "县级" and cq.region == "重庆市荣昌区"
    ranked = report.ranked()
    assert [(rank, r.outlet, score) for rank, r, score in ranked] == [
        (1, "荣昌区融媒体中心", 14.0), (2, "隆昌市融媒体中心", 10.0), (3, "四川广播电视台", 8.0)]


def test_weights_change_the_score(small):
    w = Weights.parse("lead=10, support=0，partner=0,cross=0,vertical=0,published=0,filed=0,syndicate=0")
    scores = {r.outlet: s for _rank, r, s in contribution_report(small.db, weights=w).ranked()}
    assert scores == {"荣昌区融媒体中心": 10.0, "隆昌市融媒体中心": 10.0, "四川广播电视台": 0.0}
    ranks = [rank for rank, _r, _s in contribution_report(small.db, weights=w).ranked()]
    assert ranks == [1, 1, 3]  # equal scores share a rank


def test_weights_parse_errors():
    assert Weights.parse(None) == Weights()
    assert Weights.parse("cross-province=0.5").cross_province == 0.5
    for bad in ("bogus=1", "lead", "lead=x", "lead=-1", "lead=nan"):
        with pytest.raises(ValidationError):
            Weights.parse(bad)


def test_period_and_alliance(small):
    later = _by_name(contribution_report(small.db, start=date(2026, 3, 3)))
    assert later["荣昌区融媒体中心"].lead == 0 and later["荣昌区融媒体中心"].syndicate == 1
    assert later["隆昌市融媒体中心"].support == 0
    assert contribution_report(small.db, end=date(2026, 2, 28)).rows == ()
    with pytest.raises(ValidationError):
        contribution_report(small.db, start=date(2026, 3, 3), end=date(2026, 3, 1))
    ally = contribution_report(small.db, alliance_id=small.alliance.id)
    rows = _by_name(ally)
    assert set(rows) == {"荣昌区融媒体中心", "隆昌市融媒体中心", "大足区融媒体中心"}  # idle member listed too
    assert rows["大足区融媒体中心"].score(ally.weights) == 0
    assert rows["荣昌区融媒体中心"].partners == 1  # only partners inside the alliance
    assert ally.alliance == "川渝陶艺联盟"


def test_csv(small, tmp_path):
    out = export_contribution(small.db, tmp_path / "c.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["排名", "单位", "层级", "所在地"] and rows[0][-1] == "贡献分"
    assert rows[1][1] == "荣昌区融媒体中心" and rows[1][-1] == "14"  # as the .xlsx and the .docx show it
    assert len(rows) == 4
    en = list(csv.reader(export_contribution(small.db, tmp_path / "e.csv", lang="en").read_text(
        encoding="utf-8-sig").splitlines()))
    assert en[0][0] == "Rank" and en[1][2] == "County"


def test_xlsx(small, tmp_path):
    out = export_contribution(small.db, tmp_path / "c.xlsx", weights=Weights(lead=5))
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][1] == "单位" and values[1][1] == "荣昌区融媒体中心"
    assert values[1][5] == 1 and values[1][-1] == 16  # lead weight 5 → 14 + 2
    notes = [r[0].value for r in wb.worksheets[1].iter_rows()]
    assert any("主办 × 5" in n for n in notes)


def test_docx(small, tmp_path):
    out = export_contribution(small.db, tmp_path / "c.docx", start=date(2026, 1, 1), end=date(2026, 12, 31),
                              alliance_id=small.alliance.id)
    doc = open_doc(out)
    text = all_text(doc)
    assert "联合报道贡献度统计" in text and "2026年1月1日至2026年12月31日" in text and "川渝陶艺联盟" in text
    rows = table_rows(doc.tables[0])
    assert rows[0][1] == "单位" and rows[1][1] == "荣昌区融媒体中心" and rows[1][-1] == "10"
    assert rows[-1][1] == "大足区融媒体中心" and rows[-1][-1] == "0"


def test_bad_suffix_and_empty_selection(small, tmp_path):
    with pytest.raises(DestinationError):
        export_contribution(small.db, tmp_path / "c.pdf.txt")  # .pdf itself is made through LibreOffice
    with pytest.raises(NothingToExportError):
        export_contribution(small.db, tmp_path / "c.csv", end=date(2020, 1, 1))
    assert not (tmp_path / "c.csv").exists()


def test_spreadsheet_text_is_not_a_formula(tmp_path):
    import uuid

    row = ContributionRow(uuid.uuid4(), "=HYPERLINK(\"x\")\x01", "县级", "")
    out = write_contribution(ContributionReport((row,), Weights()), tmp_path / "f.xlsx")
    cell = load_workbook(out).worksheets[0]["B2"]  # text as text, no visible apostrophe (issue #10, item 11)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(\"x\")", "s", True)
