"""Briefing pack: structure, landscape matrix with repeated header, TOC and page fields, picture,
metrics reading, findings and sign-off."""

from __future__ import annotations

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from exportcheck import all_text, headings, open_doc, runs_without_east_asia, table_rows

from planner.export import pack as pack_mod
from planner.services.exports import export_pack


def _tables_with_header(doc, first_cell):  # type: ignore[no-untyped-def]
    return [t for t in doc.tables if table_rows(t)[0][0] == first_cell]


def test_pack_structure(small, tmp_path, tiny_png):
    out = tmp_path / "pack.docx"
    assert export_pack(small.db, small.project.id, out, graph_png=tiny_png) == out
    doc = open_doc(out)
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["巴蜀陶韵联合报道𠀀𪚥"]
    assert headings(doc, 1) == ["一、项目概况", "二、报道环节安排", "三、报道任务分布", "四、各环节详情", "五、通讯录",
                                "六、协作网络", "七、问题与风险", "八、审核签发"]
    assert headings(doc, 2)[:3] == ["（一）荣昌陶博物馆", "（二）隆昌石牌坊", "（三）专家解读"]
    text = all_text(doc)
    assert "隆昌与荣昌共话陶艺。" in text and "第二段：📣🚄" in text
    # cover: labels right-aligned in one column, so the colons line up
    cover = table_rows(doc.tables[0])
    assert [r[0] for r in cover] == ["项目编号：", "牵头单位：", "项目统筹：", "编制日期："]
    assert {p.find(qn("w:jc")).get(qn("w:val")) for tr in doc.tables[0]._tbl.tr_lst
            for p in tr.tc_lst[0].iter(qn("w:pPr"))} == {"right"}
    # overview facts
    facts = dict(table_rows(_tables_with_header(doc, "项目")[0])[1:])
    assert facts["牵头单位"] == "四川广播电视台" and facts["报道环节"] == "3 个（其中 1 个无人报道）"
    assert facts["报道任务"] == "5 项（另有已取消或婉拒 1 项）"
    assert facts["起止日期"] == "2026年3月1日至2026年3月31日"
    assert facts["参与单位"] == "3 家（省级 1、县级 2；四川 2、重庆 1）"  # tiers 中央→省→市→县
    assert facts["项目统筹"] == "王芳（四川台）138 0000 0003"
    # timeline: an uncovered stage says so
    timeline = table_rows(_tables_with_header(doc, "序号")[0])
    assert [r[1] for r in timeline[1:]] == ["荣昌陶博物馆", "隆昌石牌坊", "专家解读"]
    assert timeline[2][5] == "1. 荣昌陶博物馆" and timeline[2][6] == "隆昌市" and timeline[3][3] == "待定"
    assert timeline[3][6] == "无人报道" and timeline[3][7] == "0"
    assert timeline[1][3] == "3月2日 09:00—12:00"
    assert runs_without_east_asia(doc) == 0


def test_matrix_in_a_landscape_section_with_repeated_header(small, tmp_path):
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    orient = [s.orientation for s in doc.sections]
    # cover and contents, the body, the matrix, the stage details
    assert orient == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = doc.sections[2]
    assert wide.page_width > wide.page_height
    body = doc.element.body
    # the matrix is the table inside the landscape section: between the second and third breaks
    blocks = list(body)
    breaks = [i for i, el in enumerate(blocks) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert len(breaks) == 3
    matrix = [el for el in blocks[breaks[1] + 1:breaks[2] + 1] if el.tag == qn("w:tbl")]
    assert len(matrix) == 1
    header = matrix[0].find(qn("w:tr"))
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    cells = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in header.findall(qn("w:tc"))]
    assert cells[0] == "环节" and set(cells[1:]) == {"四川台", "荣昌区", "隆昌市"}
    rows = [["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            for tr in matrix[0].findall(qn("w:tr"))[1:]]
    col = cells.index("隆昌市")
    assert rows[0][col] == "协·短视频" and rows[1][col] == "主·文字"
    assert rows[2][0] == "3. 专家解读（无人报道）" and rows[2][1:] == ["", "", ""]  # nobody covers it


def test_matrix_by_role_when_many_outlets(small, tmp_path, monkeypatch):
    monkeypatch.setattr(pack_mod, "GRID_MAX_OUTLETS", 2)
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    matrix = [t for t in doc.tables if table_rows(t)[0][:2] == ["环节", "主办"]]
    assert len(matrix) == 1
    rows = table_rows(matrix[0])
    assert rows[0] == ["环节", "主办", "协办", "转发", "缺少形式"]
    assert rows[1][1] == "荣昌区（文字）" and rows[2][3] == "荣昌区（图片）"
    assert rows[3][4] == "文字、短视频"  # the uncovered stage lacks both required formats
    assert rows[3][1] == "无人报道"


def test_toc_is_written_out_and_pages_are_numbered_after_the_contents(small, tmp_path):
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    body = doc.element.body
    # every heading has a bookmark, and the contents list them in order with a PAGEREF to it
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    refs = [i.text.split()[1] for i in body.iter(qn("w:instrText")) if i.text.strip().startswith("PAGEREF")]
    assert len(refs) == len(headings(doc, 1)) + len(headings(doc, 2)) and set(refs) <= marks
    entries = [p for p in doc.paragraphs if p._p.find(qn("w:hyperlink")) is not None]
    assert [p.text.strip() for p in entries][:3] == ["一、项目概况", "二、报道环节安排", "三、报道任务分布"]
    assert "（一）荣昌陶博物馆" in [p.text.strip() for p in entries]
    # no TOC field left for Word alone to fill, and Word is not asked to update fields on opening
    assert not any(i.text.strip().startswith("TOC") for i in body.iter(qn("w:instrText")))
    assert doc.settings.element.find(qn("w:updateFields")) is None
    # cover and contents unnumbered; numbering starts at 1 with the body, odd right and even left
    cover, first = doc.sections[0], doc.sections[1]
    assert "PAGE" not in cover.footer._element.xml if not cover.footer.is_linked_to_previous else True
    assert first._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert not first.footer.is_linked_to_previous and not first.even_page_footer.is_linked_to_previous
    assert any(f.get(qn("w:instr")).strip() == "PAGE" for f in first.footer._element.iter(qn("w:fldSimple")))
    for later in doc.sections[2:]:  # the landscape matrix and the details inherit the numbered footers
        assert later.footer.is_linked_to_previous and later._sectPr.find(qn("w:titlePg")) is None
        start = later._sectPr.find(qn("w:pgNumType"))
        assert start is None or start.get(qn("w:start")) is None


def test_letterhead_template_shows_its_red_head_on_the_cover_only(small, tmp_path):
    from planner.export.docxkit import default_template_path

    tpl = docx.Document(str(default_template_path()))
    sec = tpl.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "川渝融媒联合体文件"  # the 红头
    sec.first_page_footer.paragraphs[0].text = "联合体办公室印发"
    sec.header.paragraphs[0].text = "内部资料"
    path = tmp_path / "redhead.docx"
    tpl.save(str(path))
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out, template=path)
    doc = open_doc(out)
    sections = doc.sections
    assert sections[0]._sectPr.find(qn("w:titlePg")) is not None  # the cover keeps its red head
    assert all(s._sectPr.find(qn("w:titlePg")) is None for s in sections[1:])
    # every numbered page shows the template's running header, on even pages too
    refs = {r.get(qn("w:type")) for r in sections[0]._sectPr.findall(qn("w:headerReference"))}
    assert {"default", "even", "first"} <= refs
    assert "内部资料" in "".join(t.text for t in sections[2].even_page_header._element.iter(qn("w:t")))
    footer = sections[1].footer._element
    assert any(f.get(qn("w:instr")).strip() == "PAGE" for f in footer.iter(qn("w:fldSimple")))


def test_picture_and_reading(small, tmp_path, tiny_png):
    with_pic = tmp_path / "pic.docx"
    export_pack(small.db, small.project.id, with_pic, graph_png=tiny_png)
    doc = open_doc(with_pic)
    assert len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0].width > 0
    text = all_text(doc)
    assert "图 1" in text and "表 1　主要协作关系" in text
    assert "家单位中有" in text  # the metrics reading (planner.graph.metrics)
    ranked = [t for t in doc.tables if table_rows(t)[0][:4] == ["排名", "单位", "协作单位", "共同环节"]]
    rows = table_rows(ranked[0])[1:]
    assert rows and rows[0][0] == "1" and int(rows[0][3]) >= int(rows[-1][3])
    without = tmp_path / "nopic.docx"
    export_pack(small.db, small.project.id, without)
    doc2 = open_doc(without)
    assert len(doc2.inline_shapes) == 0
    assert "协作网络图暂不可用" in all_text(doc2)


def test_renderer_is_called_with_the_project_graph(small, tmp_path, tiny_png):
    seen = []

    def render(G):  # type: ignore[no-untyped-def]
        seen.append(set(G.nodes))
        return tiny_png

    export_pack(small.db, small.project.id, tmp_path / "r.docx", render_graph=render)
    assert seen == [{small.cq.id, small.sc.id, small.prov.id}]
    assert len(open_doc(tmp_path / "r.docx").inline_shapes) == 1

    def broken(G):  # type: ignore[no-untyped-def]
        raise RuntimeError("no display")

    export_pack(small.db, small.project.id, tmp_path / "b.docx", render_graph=broken)
    assert "协作网络图暂不可用" in all_text(open_doc(tmp_path / "b.docx"))


def test_findings_and_sign_off(small, tmp_path):
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    risks = [t for t in doc.tables if table_rows(t)[0] == ["序号", "级别", "类别", "说明"]]
    assert len(risks) == 1
    texts = [r[3] for r in table_rows(risks[0])[1:]]
    assert "环节“专家解读”还没有任何单位报道。" in texts
    assert table_rows(risks[0])[1][1] == "严重"  # most severe first
    assert "附录" not in all_text(doc)  # a short list needs no appendix
    sign = [t for t in doc.tables if table_rows(t)[0][0] == "环节" and table_rows(t)[0][-1] == "日期"]
    assert [r[0] for r in table_rows(sign[0])[1:]] == ["编制", "审核", "签发"]
    trs = sign[0]._tbl.tr_lst
    assert trs[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    # kept whole: every row but the last keeps with the next; rows tall enough to sign
    keeps = [all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in tr.iter(qn("w:p"))) for tr in trs]
    assert keeps == [True, True, True, False]
    heights = [tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}") for tr in trs[1:]]
    assert all(h is not None and int(h.get(qn("w:val"))) >= 850 for h in heights)
    # the date column fits 年 月 日 on one line (10.5 pt, 9 characters ≈ 3.4 cm plus margins)
    grid = [int(g.get(qn("w:w"))) / 567 for g in sign[0]._tbl.find(qn("w:tblGrid"))]
    assert grid[-1] >= 3.7


def test_many_findings_are_grouped_by_kind_with_the_list_in_an_appendix(small, tmp_path, monkeypatch):
    monkeypatch.setattr(pack_mod, "FINDINGS_INLINE_MAX", 1)
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    summary = [t for t in doc.tables if table_rows(t)[0] == ["类别", "最高级别", "数量", "示例"]]
    assert len(summary) == 1
    rows = table_rows(summary[0])[1:]
    assert rows[0][1] == "严重"  # the worst kind first
    assert sum(int(r[2]) for r in rows) == len(table_rows(
        next(t for t in doc.tables if table_rows(t)[0] == ["序号", "级别", "类别", "说明"]))) - 1
    appendix = [p for p in doc.paragraphs if p.text.startswith("附录") and p.style.name == "Heading 1"]
    assert len(appendix) == 1 and appendix[0].paragraph_format.page_break_before


def test_english_pack(small, tmp_path):
    out = tmp_path / "en.docx"
    export_pack(small.db, small.project.id, out, lang="en")
    doc = open_doc(out)
    assert headings(doc, 1)[:3] == ["1. Overview", "2. Stage timeline", "3. Coverage matrix"]
    assert headings(doc, 2)[0] == "4.1 荣昌陶博物馆"
    assert "Stage “专家解读” is not covered by any outlet." in all_text(doc)
    assert "outlets worked with a partner" in all_text(doc)


def test_pack_needs_docx_suffix(small, tmp_path):
    from planner.export.errors import DestinationError

    with pytest.raises(DestinationError):
        export_pack(small.db, small.project.id, tmp_path / "pack.txt")
    assert not (tmp_path / "pack.txt").exists()


def test_picture_paragraph_is_not_clipped_by_the_exact_line_height(small, tmp_path, tiny_png):
    from docx.enum.text import WD_LINE_SPACING

    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out, graph_png=tiny_png)
    doc = open_doc(out)
    holder = [p for p in doc.paragraphs if p._p.xpath(".//pic:pic")]
    assert len(holder) == 1
    assert holder[0].paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
    assert doc.styles["Normal"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
