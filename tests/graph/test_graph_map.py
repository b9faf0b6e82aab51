"""The collaboration picture on paper: the map of Sichuan and Chongqing, outlets apart, labels that do
not cover each other, text readable at print size, and the ranked main collaborations."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6")

from planner.graph.collaboration import build_collaboration_graph
from planner.services.queries import resolve_project

pytestmark = pytest.mark.qt


def test_outline_data_ships_with_its_licence():
    from planner.paths import resource

    data = json.loads(resource("maps", "sichuan-chongqing.json").read_text(encoding="utf-8"))
    assert set(data["provinces"]) == {"51", "50"}
    assert 44 < data["provinces"]["51"]["area_deg2"] < 47 and 7 < data["provinces"]["50"]["area_deg2"] < 8.5
    licence = resource("maps", "LICENSE").read_text(encoding="utf-8")
    assert "Natural Earth" in licence and "public domain" in licence


@pytest.fixture
def project_graph(demo_db):  # type: ignore[no-untyped-def]
    return build_collaboration_graph(demo_db, project_ids=[resolve_project(demo_db, "YKGT-2026").id])


def test_geographic_scene_draws_the_map_and_keeps_outlets_apart(project_graph, qapp):
    from planner.graph.layout import compute_layout
    from planner.ui.graph.scene import GraphScene

    G = project_graph
    scene = GraphScene(G, compute_layout(G, "geographic"), width=620, height=465, geographic=True,
                       legend="bottom")
    assert {label.text() for label in scene.province_labels.values()} == {"四川", "重庆"}
    assert all(label.scene() is scene for label in scene.province_labels.values())
    # every outlet is its own circle, none covering another (Chengdu's seven share one seat)
    rects = [item.sceneBoundingRect().adjusted(1.2, 1.2, -1.2, -1.2) for item in scene.nodes.values()]
    overlaps = [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects)) if rects[i].intersects(rects[j])
                and (rects[i].center() - rects[j].center()).manhattanLength() < 0.9 * (rects[i].width() + rects[j].width())
                / 2]
    assert overlaps == []
    # labels never cover one another, and most outlets are named
    boxes = [t.sceneBoundingRect() for t in [*scene.labels.values(), *scene.group_labels]]
    assert not any(boxes[i].intersects(boxes[j]) for i in range(len(boxes)) for j in range(i + 1, len(boxes)))
    assert len(scene.labels) >= 0.7 * G.number_of_nodes()
    assert any(t.text() == "成都市 7家" for t in scene.group_labels)


def test_paper_picture_prints_labels_at_a_readable_size(project_graph, qapp):
    from PySide6.QtGui import QImage

    from planner.ui.graph.render import PAPER, paper_picture

    data = paper_picture(project_graph)
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (PAPER["width"], PAPER["height"])
    # a label's 8.5 pt in a 600-unit scene, on a picture printed 15.5 cm wide: about 8 pt, not 4
    scene_width = PAPER["width"] / PAPER["scale"]
    printed_pt = 8.5 * 96 / 72 / scene_width * (15.5 / 2.54 * 72)
    assert printed_pt > 7.5
    colours = {image.pixel(x, y) for x in range(0, image.width(), 25) for y in range(0, image.height(), 25)}
    assert len(colours) > 20  # the map, links, nodes and text: not blank


def test_ranked_collaborations(demo_db, project_graph):
    from planner.export.collab import rank_graph, rank_plan
    from planner.services.queries import load_plan

    plan = load_plan(demo_db, resolve_project(demo_db, "YKGT-2026").id)
    top = rank_plan(plan)
    assert len(top) == 10 and [c.stages for c in top] == sorted((c.stages for c in top), reverse=True)
    assert top[0].rank == 1 and all(len(c.stage_titles) == c.stages for c in top)
    assert any(c.cross_province for c in top) and top[0].link_label("zh") in (
        "跨省·纵向", "跨省·横向", "纵向", "横向", "同地", "跨省·同地")
    assert rank_graph(project_graph)[0].stages == top[0].stages  # the graph and the plan agree
