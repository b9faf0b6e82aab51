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
    header, tasks, contacts = doc.tables
    form = table_rows(header)
    # the compact 表头: label/value pairs, two to a row; the coordinator with outlet and phone, no
    # half-width space beside the full-width brackets
    pairs = {row[i]: row[i + 1] for row in form for i in range(0, len(row), 2)}
    assert pairs["项目名称"] == "巴蜀陶韵联合报道𠀀𪚥（TY-1）" and pairs["承担单位"] == "荣昌区融媒体中心"
    assert pairs["项目统筹"] == "王芳（四川台）138 0000 0003"
    assert pairs["项目日期"] == "2026年3月1日至2026年3月31日"
    assert pairs["本单位任务"] == "共 2 项（主办 1 项、转发 1 项）"
    assert pairs["工作要求"].startswith("请按截稿时间交稿")  # in the 表头: never left alone on a page
    rows = table_rows(tasks)
    assert rows[0] == ["序号", "环节", "时间", "地点", "形式", "角色", "状态", "人员", "截稿时间", "任务说明",
                       "同环节协作单位"]
    assert len(rows) == 3  # lead text on stage 1, syndicated photo on stage 2
    first = rows[1]
    assert first[1] == "1. 荣昌陶博物馆" and first[3] == "重庆市荣昌区" and first[4] == "文字" and first[5] == "主办"
    # within the project's year the year is dropped; a range uses 一字线, not a spaced en dash
    assert first[2] == "3月2日 09:00—12:00"
    assert first[7] == "张敏📣🚄" and first[8] == "3月2日 18:00"
    assert len(first[9]) == 10000  # the whole 10,000-character brief
    assert first[10] == "协办：隆昌市"  # the cancelled piece of 四川台 is not a partner
    assert rows[2][5] == "转发" and rows[2][6] == "已刊发" and rows[2][10] == "主办：隆昌市；协办：四川台"
    # each partner once, in tier order (省 before 县), two to a row; phone numbers never break (a
    # non-breaking hyphen and space)
    assert table_rows(contacts) == [["单位", "联系人", "电话"] * 2,
                                    ["四川台", "陈曦", "028-8888\u00a00000", "隆昌市", "罗杰", "0832-393\u00a00000"]]
    assert len(list(contacts._tbl.iter(qn("w:noBreakHyphen")))) == 2


def test_one_document_starts_each_sheet_on_a_new_page_without_blank_pages(small, tmp_path):
    out = tmp_path / "all.docx"
    assert export_sheets(small.db, small.project.id, out) == [out]
    doc = open_doc(out)
    # no paragraph holding only a page break (a blank page when the previous sheet fills its last page)
    assert not [br for br in doc.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    titles = [p for p in doc.paragraphs if p.style.name == "Title"]
    assert [p.text for p in titles] == ["联合报道任务单"] * 3
    assert [p.paragraph_format.page_break_before for p in titles] == [None, True, True]
    assert len(doc.tables) == 9
    sec = doc.sections[0]
    assert sec.orientation == WD_ORIENT.LANDSCAPE and sec.page_width > sec.page_height
    for t in doc.tables[1::3]:  # the task tables: header repeated on each page and kept with the first row
        trs = t._tbl.tr_lst
        assert trs[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in trs[0].iter(qn("w:p")))


def test_rows_do_not_split_unless_taller_than_a_page(small, tmp_path):
    out = tmp_path / "one.docx"
    export_sheets(small.db, small.project.id, out, outlet_id=small.cq.id)
    tasks = open_doc(out).tables[1]._tbl.tr_lst
    cant = [tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in tasks]
    # the row with the 10,000-character brief must break (or it would be clipped); the others must not
    assert cant == [True, False, True]


def test_page_numbers_odd_right_even_left(small, tmp_path):
    out = tmp_path / "all.docx"
    export_sheets(small.db, small.project.id, out)
    doc = open_doc(out)
    assert doc.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    sec = doc.sections[0]
    odd, even = sec.footer._element, sec.even_page_footer._element
    for footer, side in ((odd, "right"), (even, "left")):
        assert any(f.get(qn("w:instr")).strip() == "PAGE" for f in footer.iter(qn("w:fldSimple")))
        assert footer.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == side
        assert "— 1 —" in "".join(t.text for t in footer.iter(qn("w:t")))


def test_file_names_are_cut_by_bytes_and_people_named_apart(small, tmp_path):
    from planner.services import outlets

    long_name = "𠀀" * 80  # 320 bytes in UTF-8: the whole folder export failed
    outlets.update_outlet(small.db, small.cq.id, expected_version=small.cq.version, short_name=long_name)
    files = export_sheets(small.db, small.project.id, tmp_path / "s")
    assert len(files) == 3 and all(len(f.name.encode("utf-8")) <= 255 for f in files)
    assert all(f.exists() for f in files)
    people = export_sheets(small.db, small.project.id, tmp_path / "p", per="person")
    assert "任务单-人员-李强-隆昌市-TY-1.docx" in {f.name for f in people}
    assert not {f.name for f in people} & {f.name for f in files}


def test_document_properties_name_the_sheet_not_the_template(small, tmp_path):
    from datetime import UTC, datetime

    from planner.services.settings import set_desk

    set_desk(small.db, editor="值班主任", outlet_id=small.prov.id)
    before = datetime.now(UTC).replace(microsecond=0)
    files = export_sheets(small.db, small.project.id, tmp_path / "s", outlet_id=small.sc.id)
    doc = open_doc(files[0])
    props = doc.core_properties
    assert props.title == "联合报道任务单：巴蜀陶韵联合报道𠀀𪚥（隆昌市）"
    assert props.author == "四川台" and props.last_modified_by == "四川台"
    assert props.created >= before and props.modified >= before
    assert "默认模板" not in (props.title + props.comments)
    rels = [r.reltype for r in doc.part.package.rels.values()]
    assert not any(r.endswith("/thumbnail") for r in rels)
    import zipfile

    with zipfile.ZipFile(files[0]) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "Normal.dotm" not in app and "Microsoft" not in app


def test_one_outlet_only_and_chinese_fonts(small, tmp_path):
    out = tmp_path / "one.docx"
    export_sheets(small.db, small.project.id, out, outlet_id=small.sc.id)
    doc = open_doc(out)
    assert "隆昌市融媒体中心" in all_text(doc) and "荣昌区融媒体中心" not in all_text(doc).split("协作单位")[0]
    assert runs_without_east_asia(doc) == 0
    assert {"方正小标宋简体", "仿宋", "黑体"} <= run_east_asia_fonts(doc)
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
    doc = open_doc(out / "任务单-人员-李强-隆昌市-TY-1.docx")
    text = all_text(doc)
    assert "个人任务单" in text and "隆昌市融媒体中心" in text and "摄像" in text
    rows = table_rows(doc.tables[1])
    assert rows[0][4] == "任务" and len(rows) == 3
    assert rows[1][4] == "协办·短视频" and rows[2][4] == "主办·文字"
    one = export_sheets(small.db, small.project.id, tmp_path / "p.docx", per="person", person_id=small.p_cq.id)
    assert "张敏📣🚄" in all_text(open_doc(one[0]))


def test_english_sheets(small, tmp_path):
    out = tmp_path / "en.docx"
    export_sheets(small.db, small.project.id, out, outlet_id=small.cq.id, lang="en")
    doc = open_doc(out)
    rows = table_rows(doc.tables[1])
    assert rows[0][:3] == ["No.", "Stage", "Time"]
    assert rows[1][4] == "Text" and rows[1][5] == "Lead" and rows[1][2] == "2 Mar 09:00–12:00"
    assert rows[1][8] == "2 Mar 18:00" and rows[2][10] == "Lead: 隆昌市; Support: 四川台"
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
