"""Assignment sheets: per outlet (folder or one document), per person, contents, fonts, page setup."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from exportcheck import (
    all_text,
    open_doc,
    run_east_asia_fonts,
    runs_without_east_asia,
    style_fonts,
    table_rows,
)

from planner.export.errors import DestinationError, NothingToExportError
from planner.services.exports import export_sheets


def test_one_file_per_outlet_into_a_folder(small, tmp_path):
    out = tmp_path / "sheets"
    files = export_sheets(small.db, small.project.id, out)
    # the idle outlet has no assignment; the provincial outlet has one active (the other is cancelled)
    assert sorted(f.name for f in files) == sorted(
        f"任务单-TY-1-{n}.docx" for n in ("荣昌区", "隆昌市", "四川台"))
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files)  # no temp files left
    doc = open_doc(out / "任务单-TY-1-荣昌区.docx")
    text = all_text(doc)
    assert "联合报道任务单" in text and "荣昌区融媒体中心" in text and "周婷 023-4678 0000" in text
    assert "王芳" in text and "138 0000 0003" in text  # coordinator and phone
    tasks, partners = doc.tables
    rows = table_rows(tasks)
    assert rows[0] == ["序号", "环节", "时间", "地点", "形式", "角色", "状态", "人员", "截稿时间", "任务说明"]
    assert len(rows) == 3  # lead text on stage 1, syndicated photo on stage 2
    first = rows[1]
    assert first[1] == "1. 荣昌陶博物馆" and first[4] == "文字" and first[5] == "主办"
    assert first[2] == "2026年3月2日 09:00–12:00"
    assert first[7] == "张敏📣🚄" and first[8] == "2026年3月2日 18:00"
    assert len(first[9]) == 10000  # the whole 10,000-character brief
    assert rows[2][5] == "转发" and rows[2][6] == "已刊发"
    prow = table_rows(partners)
    assert prow[0] == ["环节", "协作单位（角色·形式）", "联系人"]
    assert "隆昌市（协办·短视频）" in prow[1][1]
    assert "四川台" not in prow[1][1]  # the cancelled piece is not a partner
    assert prow[2][1].startswith("隆昌市（主办·文字）") and "四川台（协办·直播）" in prow[2][1]
    assert "隆昌市：罗杰 0832-393 0000" in prow[2][2]


def test_one_document_with_a_page_break_per_outlet(small, tmp_path):
    out = tmp_path / "all.docx"
    assert export_sheets(small.db, small.project.id, out) == [out]
    doc = open_doc(out)
    breaks = [br for br in doc.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    assert len(breaks) == 2  # three outlets
    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert titles == ["联合报道任务单"] * 3
    assert len(doc.tables) == 6
    sec = doc.sections[0]
    assert sec.orientation == WD_ORIENT.LANDSCAPE and sec.page_width > sec.page_height
    # header row repeated on each page, page number field in the footer
    assert all(t._tbl.tr_lst[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for t in doc.tables)
    assert "PAGE" in sec.footer._element.xml


def test_one_outlet_only_and_chinese_fonts(small, tmp_path):
    out = tmp_path / "one.docx"
    export_sheets(small.db, small.project.id, out, outlet_id=small.sc.id)
    doc = open_doc(out)
    assert "隆昌市融媒体中心" in all_text(doc) and "荣昌区融媒体中心" not in all_text(doc).split("协作单位")[0]
    assert runs_without_east_asia(doc) == 0
    assert {"方正小标宋简体", "仿宋", "黑体", "楷体"} <= run_east_asia_fonts(doc)
    for name, east in (("Title", "方正小标宋简体"), ("Heading 1", "黑体"), ("Normal", "仿宋"),
                       ("Table Text", "仿宋"), ("Table Heading", "黑体")):
        fonts = style_fonts(doc, name)
        assert fonts["eastAsia"] == east
        assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts)
    assert doc.styles["Title"].font.size.pt == 22 and doc.styles["Normal"].font.size.pt == 16


def test_per_person(small, tmp_path):
    out = tmp_path / "people"
    files = export_sheets(small.db, small.project.id, out, per="person")
    assert len(files) == 3  # three people hold active pieces
    doc = open_doc(out / "任务单-TY-1-李强.docx")
    text = all_text(doc)
    assert "个人任务单" in text and "隆昌市融媒体中心" in text and "摄像" in text
    rows = table_rows(doc.tables[0])
    assert rows[0][4] == "任务" and len(rows) == 3
    assert rows[1][4] == "协办·短视频" and rows[2][4] == "主办·文字"
    one = export_sheets(small.db, small.project.id, tmp_path / "p.docx", per="person", person_id=small.p_cq.id)
    assert "张敏📣🚄" in all_text(open_doc(one[0]))


def test_english_sheets(small, tmp_path):
    out = tmp_path / "en.docx"
    export_sheets(small.db, small.project.id, out, outlet_id=small.cq.id, lang="en")
    doc = open_doc(out)
    rows = table_rows(doc.tables[0])
    assert rows[0][:3] == ["No.", "Stage", "Time"]
    assert rows[1][4] == "Text" and rows[1][5] == "Lead" and rows[1][2] == "2026-03-02 09:00–12:00"
    assert "Joint-coverage assignment sheet" in all_text(doc)
    assert style_fonts(doc, "Normal")["ascii"] == "Times New Roman"
    assert style_fonts(doc, "Normal")["eastAsia"] == "宋体"


def test_nothing_to_export_and_bad_destinations(small, tmp_path):
    with pytest.raises(NothingToExportError):
        export_sheets(small.db, small.project.id, tmp_path / "idle.docx", outlet_id=small.idle.id)
    assert not (tmp_path / "idle.docx").exists()
    (tmp_path / "afile").write_text("x")
    with pytest.raises(DestinationError):
        export_sheets(small.db, small.project.id, tmp_path / "afile")
    (tmp_path / "adir.docx").mkdir()
    with pytest.raises(DestinationError):
        export_sheets(small.db, small.project.id, tmp_path / "adir.docx")
