"""Briefing pack: structure, landscape matrix with repeated header, TOC and page fields, picture,
metrics reading, findings and sign-off."""

from __future__ import annotations

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
    # overview facts
    facts = dict(table_rows(doc.tables[0])[1:])
    assert facts["牵头单位"] == "四川广播电视台" and facts["报道环节"] == "3"
    assert facts["报道任务"] == "5 项（另有已取消或婉拒 1 项）"
    assert facts["起止日期"] == "2026年3月1日 – 2026年3月31日"
    # timeline
    timeline = table_rows(_tables_with_header(doc, "序号")[0])
    assert [r[1] for r in timeline[1:]] == ["荣昌陶博物馆", "隆昌石牌坊", "专家解读"]
    assert timeline[2][5] == "1. 荣昌陶博物馆" and timeline[2][6] == "隆昌市" and timeline[3][3] == "待定"
    assert runs_without_east_asia(doc) == 0


def test_matrix_in_a_landscape_section_with_repeated_header(small, tmp_path):
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    orient = [s.orientation for s in doc.sections]
    assert orient == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = doc.sections[1]
    assert wide.page_width > wide.page_height
    body = doc.element.body
    # the matrix is the table inside the landscape section: between the two section breaks
    blocks = list(body)
    breaks = [i for i, el in enumerate(blocks) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert len(breaks) == 2
    matrix = [el for el in blocks[breaks[0] + 1:breaks[1] + 1] if el.tag == qn("w:tbl")]
    assert len(matrix) == 1
    header = matrix[0].find(qn("w:tr"))
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    cells = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in header.findall(qn("w:tc"))]
    assert cells[0] == "环节" and set(cells[1:]) == {"四川台", "荣昌区", "隆昌市"}
    rows = [["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            for tr in matrix[0].findall(qn("w:tr"))[1:]]
    col = cells.index("隆昌市")
    assert rows[0][col] == "协·短视频" and rows[1][col] == "主·文字"
    assert rows[2][1:] == ["", "", ""]  # nobody covers the expert stage


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


def test_toc_and_page_fields(small, tmp_path):
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out)
    doc = open_doc(out)
    instr = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instr)
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    footer = doc.sections[0].footer._element
    assert any(f.get(qn("w:instr")).strip() == "PAGE" for f in footer.iter(qn("w:fldSimple")))


def test_picture_and_reading(small, tmp_path, tiny_png):
    with_pic = tmp_path / "pic.docx"
    export_pack(small.db, small.project.id, with_pic, graph_png=tiny_png)
    doc = open_doc(with_pic)
    assert len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0].width > 0
    text = all_text(doc)
    assert "图 1" in text
    assert "家单位中有" in text  # the metrics reading (planner.graph.metrics)
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
    sign = [t for t in doc.tables if table_rows(t)[0][0] == "环节" and table_rows(t)[0][-1] == "日期"]
    assert [r[0] for r in table_rows(sign[0])[1:]] == ["编制", "审核", "签发"]
    assert sign[0]._tbl.tr_lst[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is None


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
        export_pack(small.db, small.project.id, tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()


def test_picture_paragraph_is_not_clipped_by_the_exact_line_height(small, tmp_path, tiny_png):
    from docx.enum.text import WD_LINE_SPACING

    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out, graph_png=tiny_png)
    doc = open_doc(out)
    holder = [p for p in doc.paragraphs if p._p.xpath(".//pic:pic")]
    assert len(holder) == 1
    assert holder[0].paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
    assert doc.styles["Normal"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
