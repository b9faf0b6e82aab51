"""Graph builders over a small database made through the services."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from planner.graph.collaboration import (
    build_collaboration_graph,
    build_coverage_graph,
    build_dependency_dag,
    outlet_stages,
)


@pytest.fixture
def world(db):
    """Four outlets (two provinces, two tiers), one alliance, two projects."""
    from planner.services import alliances, assignments, outlets, projects, stages

    rc = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county", adcode="500153", formats=["text", "photo"]).row
    lc = outlets.create_outlet(db, name="隆昌市融媒体中心", tier="county", adcode="511083", formats=["text"]).row
    sc = outlets.create_outlet(db, name="四川日报报业集团", short_name="川报集团", tier="provincial", adcode="510100",
                               formats=["text", "photo", "live"]).row
    pw = outlets.create_outlet(db, name="平武县融媒体中心", tier="county", adcode="510727").row
    al = alliances.create_alliance(db, name="天府融媒联合体", kind="alliance").row
    for o in (lc, sc, pw):
        alliances.add_member(db, alliance_id=al.id, outlet_id=o.id)
    p1 = projects.create_project(db, title="巴蜀陶韵联合报道", code="TY-1", starts_on="2026-03-01").row
    p2 = projects.create_project(db, title="川渝文旅走廊", code="WL-1", starts_on="2026-06-01").row
    s1 = stages.create_stage(db, project_id=p1.id, title="荣昌陶博物馆", adcode="500153",
                             starts_at="2026-03-02 09:00", ends_at="2026-03-02 12:00").row
    s2 = stages.create_stage(db, project_id=p1.id, title="隆昌石牌坊", adcode="511083", depends_on=[s1.id],
                             starts_at="2026-03-03 09:00", ends_at="2026-03-03 19:00").row
    s3 = stages.create_stage(db, project_id=p1.id, title="专家解读", kind="phase", depends_on=[s1.id],
                             starts_at="2026-03-03 09:00", ends_at="2026-03-03 11:00").row
    s4 = stages.create_stage(db, project_id=p2.id, title="成都启动", adcode="510100",
                             starts_at="2026-06-02 09:00", ends_at="2026-06-02 10:00").row

    def give(st, o, role, fmt="text", status=None):
        row = assignments.create_assignment(db, stage_id=st.id, outlet_id=o.id, role=role, format=fmt).row
        if status:
            assignments.set_status(db, row.id, status=status, reason="人手不足")
        return row

    give(s1, rc, "lead")
    give(s1, lc, "support")
    give(s1, sc, "syndicate")
    give(s2, lc, "lead")
    give(s2, rc, "support", "photo")
    give(s2, sc, "support", status="cancelled")
    give(s4, sc, "lead")
    give(s4, lc, "support")
    return SimpleNamespace(rc=rc, lc=lc, sc=sc, pw=pw, al=al, p1=p1, p2=p2, s1=s1, s2=s2, s3=s3, s4=s4)


def test_collaboration_weights_and_flags(db, world):
    w = world
    G = build_collaboration_graph(db)
    assert set(G.nodes) == {w.rc.id, w.lc.id, w.sc.id, w.pw.id}
    assert G.degree(w.pw.id) == 0
    e = G.edges[w.rc.id, w.lc.id]
    assert (e["weight"], e["stages"], e["projects"]) == (2, 2, 1)
    assert e["cross_province"] and e["horizontal"] and not e["vertical"] and e["link"] == "horizontal"
    e = G.edges[w.lc.id, w.sc.id]
    assert (e["weight"], e["projects"]) == (2, 2)
    assert e["vertical"] and not e["cross_province"]
    assert G.edges[w.rc.id, w.sc.id]["weight"] == 1  # the cancelled support on 隆昌石牌坊 does not count
    n = G.nodes[w.sc.id]
    assert n["name"] == "四川日报报业集团" and n["label"] == "川报集团" and n["tier"] == "provincial"
    assert n["province"] == "51" and n["province_name"] == "四川省" and n["lon"] and n["lat"]
    assert n["load"] == 2


def test_collaboration_filters(db, world):
    w = world
    G = build_collaboration_graph(db, project_ids=[w.p2.id])
    assert set(G.nodes) == {w.sc.id, w.lc.id} and G.number_of_edges() == 1
    G = build_collaboration_graph(db, start=date(2026, 3, 3), end=date(2026, 3, 31))
    assert G.number_of_edges() == 1 and G.has_edge(w.rc.id, w.lc.id)
    assert G.edges[w.rc.id, w.lc.id]["weight"] == 1
    G = build_collaboration_graph(db, alliance_id=w.al.id)
    assert set(G.nodes) == {w.lc.id, w.sc.id, w.pw.id}
    assert set(G.edges) in ({(w.lc.id, w.sc.id)}, {(w.sc.id, w.lc.id)})


def test_coverage_graph(db, world):
    w = world
    G = build_coverage_graph(db, project_ids=[w.p1.id])
    stages = {n for n, d in G.nodes(data=True) if d["kind"] == "stage"}
    assert stages == {w.s1.id, w.s2.id, w.s3.id}
    assert G.degree(w.s3.id) == 0  # uncovered stage stays visible
    roles = sorted(d["role"] for _u, _v, d in G.edges(w.s1.id, data=True))
    assert roles == ["lead", "support", "syndicate"]
    cancelled = [d for _u, _v, d in G.edges(w.s2.id, data=True) if d["status"] == "cancelled"]
    assert len(cancelled) == 1 and cancelled[0]["active"] is False
    assert G.nodes[w.s1.id]["load"] == 3 and G.nodes[w.s2.id]["load"] == 2


def test_dependency_dag_order_and_critical_path(db, world):
    from planner.services import queries

    w = world
    D = build_dependency_dag(queries.load_plan(db, w.p1.id))
    order = D.graph["topological_order"]
    assert order[0] == w.s1.id and set(order) == {w.s1.id, w.s2.id, w.s3.id}
    assert D.graph["critical_path"] == [w.s1.id, w.s2.id]  # 3 h + 10 h beats 3 h + 2 h
    assert D.graph["critical_hours"] == pytest.approx(13.0)
    assert D.nodes[w.s2.id]["layer"] == 1 and D.graph["cycle"] == []


def test_outlet_stages(db, world):
    rows = outlet_stages(db, world.sc.id)
    assert [r["stage"] for r in rows] == ["荣昌陶博物馆", "隆昌石牌坊", "成都启动"]
    assert [r["stage"] for r in outlet_stages(db, world.sc.id, project_ids=[world.p2.id])] == ["成都启动"]


def test_demo_collaboration_graph(demo_db):
    from planner.graph.metrics import compute_metrics

    G = build_collaboration_graph(demo_db)
    assert G.number_of_edges() > 10
    assert any(d["cross_province"] for *_e, d in G.edges(data=True))
    m = compute_metrics(G)
    assert m.isolated and m.brokers()
