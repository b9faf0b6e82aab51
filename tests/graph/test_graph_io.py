"""GraphML / GEXF / JSON round trips with Chinese names, control characters and missing values."""

from __future__ import annotations

import uuid

import networkx as nx
import pytest

from planner.atomic import write_bytes_atomic as write_atomic
from planner.graph.io import FORMATS, flatten_graph, graph_bytes, read_graph, write_graph


@pytest.fixture
def messy() -> nx.Graph:
    G = nx.Graph(kind="collaboration", order=[uuid.uuid4(), uuid.uuid4()])
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    G.add_node(a, name="重庆日报\x01报业集团", tier="provincial", lon=106.5, lat=29.5, capacity=None)
    G.add_node(b, name="隆昌市\x0b融媒体中心\ufffe", tier="county", lon=None, lat=None, capacity=20, tags=["a", "b"])
    G.add_node(c, name="平武县融媒体中心", tier="county", lon=104.5, lat=32.4, capacity=3.5, meta={"k": "值"})
    G.add_edge(a, b, weight=3, cross_province=True, link="vertical", note=None)
    G.add_edge(b, c, weight=1, cross_province=False, link="horizontal", note="川渝\x1f合作")
    return G


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(messy: nx.Graph, fmt: str, tmp_path) -> None:
    path = tmp_path / f"g.{fmt}"
    write_graph(messy, path, fmt)
    H = read_graph(path, fmt)
    assert H.number_of_nodes() == 3 and H.number_of_edges() == 2
    names = {d["name"] for _n, d in H.nodes(data=True)}
    assert names == {"重庆日报报业集团", "隆昌市融媒体中心", "平武县融媒体中心"}
    by_name = {d["name"]: (n, d) for n, d in H.nodes(data=True)}
    node, attrs = by_name["隆昌市融媒体中心"]
    assert "lon" not in attrs  # None left out, not written as "None"
    assert attrs["tags"] == "a|b"
    assert float(by_name["平武县融媒体中心"][1]["capacity"]) == 3.5
    assert float(attrs["capacity"]) == 20.0  # int and float unified for one key
    a = by_name["重庆日报报业集团"][0]
    edge = H.edges[a, node]
    assert edge["cross_province"] in (True, "True", "true") and int(float(edge["weight"])) == 3
    assert uuid.UUID(str(node))  # ids are the UUID strings
    raw = path.read_bytes()
    assert b"\x01" not in raw and b"\x0b" not in raw and b"\x1f" not in raw


def test_multigraph_and_digraph_round_trip(tmp_path) -> None:
    M = nx.MultiGraph(kind="coverage")
    M.add_edge("o", "s", key="a1", role="lead", format="text")
    M.add_edge("o", "s", key="a2", role="support", format="photo")
    D = nx.DiGraph(kind="dependencies", critical_path=["x", "y"])
    D.add_edge("x", "y", critical=True)
    for fmt in FORMATS:
        write_graph(M, tmp_path / f"m.{fmt}", fmt)
        assert read_graph(tmp_path / f"m.{fmt}", fmt).number_of_edges() == 2
        write_graph(D, tmp_path / f"d.{fmt}", fmt)
        back = read_graph(tmp_path / f"d.{fmt}", fmt)
        assert back.is_directed() and back.has_edge("x", "y")


def test_flatten_keeps_original(messy: nx.Graph) -> None:
    H = flatten_graph(messy)
    assert all(isinstance(n, str) for n in H)
    assert any(isinstance(n, uuid.UUID) for n in messy)
    assert H.graph["order"].count("|") == 1


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path) -> None:
    target = tmp_path / "out.graphml"
    target.write_text("old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.graphml"]
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "x.json", b"{}")
    assert [p.name for p in tmp_path.iterdir()] == ["out.graphml"]


def test_json_bytes_are_utf8(messy: nx.Graph) -> None:
    data = graph_bytes(messy, "json").decode("utf-8")
    assert "平武县融媒体中心" in data and '"links"' in data
