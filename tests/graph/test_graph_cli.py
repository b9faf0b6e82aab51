"""``planner-cli graph | gaps | metrics`` on the demo database."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from planner.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_exports_read_back(demo_db_path, tmp_path, capsys, fmt):
    out = tmp_path / f"collab.{fmt}"
    code, stdout, _ = run(capsys, "graph", "--db", str(demo_db_path), "--kind", "collaboration", "-o", str(out))
    assert code == 0 and "nodes=" in stdout
    if fmt == "graphml":
        G = nx.read_graphml(out)
    elif fmt == "gexf":
        G = nx.read_gexf(out)
    else:
        G = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    names = {d.get("name") for _n, d in G.nodes(data=True)}
    assert "四川日报报业集团" in names and G.number_of_edges() > 10


def test_graph_picture_and_filters(demo_db_path, tmp_path, capsys):
    png = tmp_path / "cov.png"
    code, _, _ = run(capsys, "graph", "--db", str(demo_db_path), "--project", "YKGT-2026", "--kind", "coverage",
                     "--format", "png", "-o", str(png), "--width", "800", "--height", "600")
    assert code == 0 and png.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "dep.svg"
    code, _, _ = run(capsys, "graph", "--db", str(demo_db_path), "--project", "YKGT-2026", "--kind", "dependencies",
                     "-o", str(svg))
    assert code == 0 and b"<svg" in svg.read_bytes()
    js = tmp_path / "period.json"
    code, _, _ = run(capsys, "graph", "--db", str(demo_db_path), "--from", "2026-12-01", "--to", "2026-12-31",
                     "--alliance", "天府融媒联合体", "-o", str(js))
    assert code == 0 and json.loads(js.read_text(encoding="utf-8"))["nodes"]


def test_graph_errors_are_one_line(demo_db_path, tmp_path, capsys):
    code, _, err = run(capsys, "graph", "--db", str(demo_db_path), "--kind", "dependencies", "-o", str(tmp_path / "d.json"))
    assert code == 1 and "--project" in err
    code, _, err = run(capsys, "graph", "--db", str(demo_db_path), "--project", "无此项目", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "无此项目" in err
    code, _, err = run(capsys, "graph", "--db", str(demo_db_path), "--from", "2026-12-31", "--to", "2026-01-01",
                       "-o", str(tmp_path / "x.json"))
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "graph", "--db", str(demo_db_path), "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "--format" in err
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith("demo.db")]


def test_gaps_text_and_json(demo_db_path, capsys):
    code, out, _ = run(capsys, "gaps", "--db", str(demo_db_path), "--project", "YKGT-2026")
    assert code == 0 and "宜宾东站" in out and "[严重]" in out
    code, out, _ = run(capsys, "--lang", "en", "gaps", "--db", str(demo_db_path), "--project", "YKGT-2026", "--json")
    items = json.loads(out)
    kinds = {i["kind"] for i in items}
    assert {"uncovered_stage", "multiple_leads", "person_overlap"} <= kinds
    uncovered = next(i for i in items if i["kind"] == "uncovered_stage")
    assert uncovered["stage_ids"] and "宜宾东站" in uncovered["text_en"]


def test_metrics_text_and_json(demo_db_path, capsys):
    code, out, _ = run(capsys, "metrics", "--db", str(demo_db_path))
    assert code == 0 and "跨省" in out
    code, out, _ = run(capsys, "metrics", "--db", str(demo_db_path), "--alliance", "天府融媒联合体", "--json")
    data = json.loads(out)
    assert data["nodes"] > 0 and data["isolated"] and "reading_en" in data
