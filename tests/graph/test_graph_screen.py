"""The renderer and the graph screen, offscreen: pictures must have real content (pixels checked)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QColor, QImage

from planner.graph.collaboration import build_collaboration_graph, build_coverage_graph

pytestmark = pytest.mark.qt


def _colour_counts(image: QImage, step: int = 2) -> tuple[int, set[str]]:
    """Non-white pixels (sampled) and the set of strong colours seen."""
    non_white, colours = 0, set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = QColor(image.pixel(x, y))
            if (c.red(), c.green(), c.blue()) != (255, 255, 255):
                non_white += 1
                if max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 60:
                    colours.add(c.name())
    return non_white, colours


def test_png_has_nodes_in_tier_colours(demo_db, qapp):
    from planner.ui.graph.render import render_graph_image
    from planner.ui.graph.scene import TIER_COLORS

    G = build_collaboration_graph(demo_db)
    data = render_graph_image(G, layout="geographic", fmt="png", width=800, height=500)
    assert data.startswith(b"\x89PNG")
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (800, 500)
    non_white, colours = _colour_counts(image)
    assert non_white > 2000
    assert {TIER_COLORS["county"], TIER_COLORS["provincial"]} <= colours


@pytest.mark.parametrize("layout", ["geographic", "layered", "spring"])
def test_svg_and_layouts(demo_db, qapp, layout):
    from planner.ui.graph.render import render_graph_image

    G = build_coverage_graph(demo_db)
    svg = render_graph_image(G, kind="coverage", layout=layout, fmt="svg", lang="en", width=900, height=600)
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    shapes = sum(text.count(tag) for tag in ("<circle", "<rect", "<path", "<polyline", "<ellipse"))
    assert shapes > 40
    assert "开通仪式" in text and "Lead" in text  # stage names as data, legend in English


def test_chinese_glyphs_are_available(qapp):
    from PySide6.QtGui import QFontMetrics

    from planner.ui.graph.scene import ensure_fonts, ui_font

    ensure_fonts()
    assert QFontMetrics(ui_font()).inFontUcs4(ord("川"))


def test_graph_page_renders_and_selects(demo_db, qtbot):
    from planner.ui.context import AppContext
    from planner.ui.graph import GraphPage

    ctx = AppContext(demo_db)
    page = GraphPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page._result is not None and page._scene is not None, timeout=20000)
    qtbot.wait(50)
    image = page.view.grab().toImage()
    non_white, colours = _colour_counts(image, step=3)
    assert non_white > 1000 and len(colours) >= 3
    from planner.domain.enums import Tier

    assert Tier.COUNTY.zh in page.legend.text() and Tier.PROVINCIAL.zh in page.legend.text()  # legend beside the view
    assert not page.legend.isHidden()
    label = next(iter(page._scene.labels.values()))
    assert label.flags() & label.GraphicsItemFlag.ItemIgnoresTransformations  # readable at any zoom
    G = page._result.graph
    busiest = max(G, key=lambda n: G.nodes[n]["load"])
    page.select(busiest)
    assert page._scene.focus == busiest
    assert G.nodes[busiest]["name"] in page.panel.toPlainText()
    qtbot.waitUntil(lambda: "承担的环节" in page.panel.toPlainText(), timeout=10000)
    ctx.wait_for_workers()


def test_graph_page_switches_kind_and_layout(demo_db, qtbot):
    from planner.services import queries
    from planner.ui.context import AppContext
    from planner.ui.graph import GraphPage

    ctx = AppContext(demo_db)
    page = GraphPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._result is not None, timeout=20000)
    project = queries.resolve_project(demo_db, "YKGT-2026")
    page.project_box.setCurrentIndex(page.project_box.findData(str(project.id)))
    page.kind_box.setCurrentIndex(page.kind_box.findData("coverage"))
    qtbot.waitUntil(lambda: page._result.request.kind == "coverage" and page._scene.kind == "coverage", timeout=20000)
    stage = next(n for n, d in page._result.graph.nodes(data=True) if d["kind"] == "stage" and d["name"] == "开通仪式")
    page.select(stage)
    assert "重庆日报报业集团" in page.panel.toPlainText()
    page.layout_box.setCurrentIndex(page.layout_box.findData("spring"))
    qtbot.waitUntil(lambda: "spring" in page._result.positions and page._scene is not None, timeout=20000)
    page.kind_box.setCurrentIndex(page.kind_box.findData("dependencies"))
    qtbot.waitUntil(lambda: page._result.request.kind == "dependencies", timeout=20000)
    assert "开通仪式" in page.panel.toPlainText()  # critical path in the side panel
    ctx.wait_for_workers()


def test_graph_page_refreshes_on_change_and_show_outlet(demo_db, qtbot):
    from planner.domain.changes import Changes
    from planner.domain.enums import Entity
    from planner.services import queries
    from planner.ui.context import AppContext
    from planner.ui.graph import GraphPage

    ctx = AppContext(demo_db)
    page = GraphPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._result is not None, timeout=20000)
    first = page._result
    ctx.changed.emit(Changes(updated=((Entity.ASSIGNMENT, first.request.project_id or first.request.alliance_id),)))
    qtbot.waitUntil(lambda: page._result is not first, timeout=20000)
    outlet = queries.resolve_outlet(demo_db, "四川日报报业集团")
    page.tier_box.setCurrentIndex(page.tier_box.findData("county"))
    qtbot.waitUntil(lambda: page._result.request.tier == "county", timeout=20000)
    assert outlet.id not in page._result.graph
    page.show_outlet(outlet.id)
    qtbot.waitUntil(lambda: page._scene is not None and page._scene.focus == outlet.id, timeout=20000)
    ctx.wait_for_workers()


def test_raster_links_draw_and_highlight(demo_db, qapp):
    from PySide6.QtGui import QPainter

    from planner.graph.layout import compute_layout
    from planner.ui.graph.render import paint_scene
    from planner.ui.graph.scene import HIGHLIGHT, GraphScene

    G = build_collaboration_graph(demo_db)
    scene = GraphScene(G, compute_layout(G, "spring"), width=800, height=500, raster_edges=True)
    assert scene.edge_layer.raster and scene.edge_layer.items == []
    hub = max(G, key=G.degree)
    scene.set_focus(hub)
    assert len(scene.edge_layer.items) == G.degree(hub)
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_scene(scene, painter, 800, 500)
    painter.end()
    _non_white, colours = _colour_counts(image, step=1)
    assert QColor(HIGHLIGHT).name() in colours
    scene.set_focus(None)
    assert scene.edge_layer.items == []


def test_coverage_focus_lights_partners(demo_db, qapp):
    from planner.graph.layout import compute_layout
    from planner.services import queries
    from planner.ui.graph.scene import GraphScene

    project = queries.resolve_project(demo_db, "YKGT-2026")
    G = build_coverage_graph(demo_db, project_ids=[project.id])
    scene = GraphScene(G, compute_layout(G, "layered"), width=900, height=600, rotate_stage_labels=True)
    rongchang = queries.resolve_outlet(demo_db, "荣昌区融媒体中心").id
    longchang = queries.resolve_outlet(demo_db, "隆昌市融媒体中心").id  # shares 荣昌北站
    scene.set_focus(rongchang)
    assert scene.nodes[longchang].opacity() == 1.0
    far = next(n for n, d in G.nodes(data=True) if d["kind"] == "stage" and d["name"] == "宜宾东站")
    assert scene.nodes[far].opacity() < 1.0
    scene.set_focus(None)
    assert all(item.opacity() == 1.0 for item in scene.nodes.values())


def test_graph_page_exports_pictures_and_data(demo_db, qtbot, monkeypatch, tmp_path):
    import networkx as nx
    from PySide6.QtWidgets import QFileDialog

    from planner.ui.context import AppContext
    from planner.ui.graph import GraphPage

    ctx = AppContext(demo_db)
    page = GraphPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._result is not None and page._scene is not None, timeout=20000)
    ctx.wait_for_workers()
    cases = [
        ("net.png", "", b"\x89PNG"),
        ("net.svg", "", b"<?xml"),
        ("net.graphml", "", b"<?xml"),
        ("net", "GEXF", b"<?xml"),  # no suffix: the chosen filter decides and the suffix is added
        ("net.json", "", b"{"),
    ]
    for i, (name, chosen, magic) in enumerate(cases):
        out = tmp_path / f"out{i}"
        out.mkdir()

        def fake_dialog(_parent, _title, _default, filters, out=out, name=name, chosen=chosen):
            label = next((f for f in filters.split(";;") if chosen and f.startswith(chosen)), "")
            return str(out / name), label

        monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
        page._on_export_clicked()
        written = list(out.iterdir())
        assert len(written) == 1, written
        assert written[0].read_bytes().startswith(magic), name
        suffix = written[0].suffix
        if suffix in (".graphml", ".gexf"):
            G = nx.read_graphml(written[0]) if suffix == ".graphml" else nx.read_gexf(written[0])
            assert G.number_of_nodes() == page._result.graph.number_of_nodes() > 0
            assert any("重庆" in str(d.get("name", d.get("label", ""))) for _, d in G.nodes(data=True))
        assert "已导出" in page.status.text()
    assert sorted(p.suffix for p in tmp_path.glob("out*/*")) == [".gexf", ".graphml", ".json", ".png", ".svg"]
    ctx.wait_for_workers()


def test_graph_page_on_an_empty_database_shows_no_legend(db, qtbot):
    from planner.ui.context import AppContext
    from planner.ui.graph import GraphPage

    ctx = AppContext(db)
    page = GraphPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._result is not None and page._scene is not None, timeout=20000)
    assert page._result.graph.number_of_nodes() == 0
    assert page.legend.isHidden()
    ctx.wait_for_workers()
