"""The graph picture (SVG) carries no control characters, whatever the database holds (issue #10, item 10)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from planner.services import queries
from tests.export.test_output_sanitizing import CONTROL, _poison


def test_svg_of_a_graph_with_control_characters_is_clean_xml(qapp, demo_db_path) -> None:  # type: ignore[no-untyped-def]
    from planner.graph.collaboration import build_collaboration_graph
    from planner.store.database import open_database
    from planner.ui.graph.render import render_graph_image

    _poison(demo_db_path)
    with open_database(demo_db_path) as db:
        project = next(p.project for p in queries.list_projects(db) if "高铁" in p.project.title)
        G = build_collaboration_graph(db, project_ids=[project.id])
    svg = render_graph_image(G, fmt="svg", title=project.title).decode("utf-8")
    bad = [i for i, c in enumerate(svg) if c in CONTROL]
    assert not bad, repr(svg[bad[0] - 200:bad[0] + 50]) if bad else ""
    ET.fromstring(svg)  # well-formed
