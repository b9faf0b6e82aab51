"""Metrics on small hand-built graphs whose answers are known."""

from __future__ import annotations

import json
import uuid

import networkx as nx
import pytest

from planner.graph.metrics import compute_metrics


def _node(G: nx.Graph, name: str, tier: str = "county", province: str = "51", load: int = 1) -> uuid.UUID:
    n = uuid.uuid4()
    G.add_node(n, name=name, label=name, tier=tier, province=province, load=load)
    return n


def _edge(G: nx.Graph, u, v, *, cross=False, vertical=False, horizontal=False, weight=1) -> None:
    G.add_edge(u, v, weight=weight, cross_province=cross, vertical=vertical, horizontal=horizontal)


@pytest.fixture
def path_graph():
    """a — b — c (b brokers), plus d alone."""
    G = nx.Graph(kind="collaboration")
    a, b, c, d = (_node(G, n, load=i) for i, n in enumerate(["荣昌区", "四川台", "隆昌市", "平武县"], start=1))
    _edge(G, a, b, cross=True, vertical=True)
    _edge(G, b, c, vertical=True)
    return G, a, b, c, d


def test_path_graph_metrics(path_graph):
    G, a, b, c, d = path_graph
    m = compute_metrics(G)
    assert m.betweenness[b] == pytest.approx(1 / 3)  # normalized: 1 pair of 3 through b
    assert m.betweenness[a] == 0 and m.brokers() == [b]
    assert m.degree == {a: 1, b: 2, c: 1, d: 0}
    assert m.isolated == [d]
    assert sorted(map(len, m.components)) == [1, 3] and len(m.connected_components) == 1
    assert m.cross_province_share == 0.5 and m.vertical_share == 1.0 and m.horizontal_share == 0.0
    assert m.busiest(1) == [d]  # load 4
    assert sum(len(c) for c in m.communities) == 3


def test_isolated_members_include_outlets_missing_from_graph(path_graph):
    G, a, _b, _c, d = path_graph
    outsider = uuid.uuid4()
    m = compute_metrics(G, members={a, d, outsider})
    assert set(m.isolated) == {d, outsider}
    assert m.members_total == 3


def test_two_triangles_are_two_communities_and_components():
    G = nx.Graph(kind="collaboration")
    left = [_node(G, f"左{i}") for i in range(3)]
    right = [_node(G, f"右{i}", province="50") for i in range(3)]
    for group in (left, right):
        for i in range(3):
            _edge(G, group[i], group[(i + 1) % 3], horizontal=True)
    m = compute_metrics(G)
    assert len(m.connected_components) == 2
    assert set(map(frozenset, m.communities)) == {frozenset(left), frozenset(right)}
    assert all(v == 0 for v in m.betweenness.values())
    assert m.horizontal_share == 1.0 and m.isolated == []


def test_reading_names_brokers_and_isolated_in_both_languages(path_graph):
    G, *_ = path_graph
    m = compute_metrics(G)
    zh, en = "\n".join(m.reading()), "\n".join(m.reading("en"))
    assert "四川台" in zh and "平武县" in zh and "50%" in zh
    assert "Brokers" in en and "平武县" in en and "50%" in en
    assert "桥梁" in zh


def test_to_dict_is_json(path_graph):
    G, _a, b, *_ = path_graph
    data = compute_metrics(G).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert data["nodes"] == 4 and data["edges"] == 2
    assert data["brokers"] == [str(b)]
    assert "四川台" in text and data["reading_zh"] and data["reading_en"]


def test_empty_graph():
    m = compute_metrics(nx.Graph())
    assert m.n_nodes == 0 and m.reading() == ["所选范围内没有媒体单位。"]


def test_large_dense_graph_samples_betweenness():
    G = nx.complete_graph(200)
    for n in G:
        G.nodes[n].update(name=str(n), tier="county", province="51", load=1)
    for _u, _v, d in G.edges(data=True):
        d.update(weight=1, cross_province=False, vertical=False, horizontal=True)
    m = compute_metrics(G)
    assert m.betweenness_sampled and m.n_edges == 200 * 199 // 2
    assert max(m.betweenness.values()) == pytest.approx(0.0)


def test_isolated_member_findings(path_graph):
    from planner.domain.findings import FindingKind, finding_text
    from planner.graph.analysis import isolated_member_findings

    G, _a, _b, _c, d = path_graph
    found = isolated_member_findings(compute_metrics(G))
    assert [f.kind for f in found] == [FindingKind.ISOLATED_OUTLET] and found[0].outlet_ids == (d,)
    assert "平武县" in finding_text(found[0]) and "period" in finding_text(found[0], "en")


def test_communities_do_not_depend_on_ids_or_insertion_order():
    """The same plan on two desks (other UUIDs, other row order) must read the same circles."""
    import random

    pick = random.Random(0)
    edges = [(u, v) for u in range(24) for v in range(u + 1, 24) if pick.random() < 0.25]  # no clear circles

    def build(order_seed: int) -> list[list[str]]:
        rng = random.Random(order_seed)
        G = nx.Graph(kind="collaboration")
        names = [f"单位{i:02d}" for i in range(24)]
        rng.shuffle(names)
        ids = {name: _node(G, name) for name in names}
        shuffled = edges[:]
        rng.shuffle(shuffled)
        for u, v in shuffled:
            _edge(G, ids[f"单位{u:02d}"], ids[f"单位{v:02d}"], weight=1 + (u + v) % 3)
        m = compute_metrics(G)
        return [[G.nodes[n]["name"] for n in c] for c in m.communities]

    first = build(1)
    assert len(first) > 1
    assert all(build(seed) == first for seed in range(2, 8))
