"""The graph screen's background job: build the graph, filter it, lay it out, measure it.

Runs in a :class:`~planner.ui.workers.Worker` on the database thread; it touches no widget and
returns a plain :class:`GraphResult` that the screen caches by its :class:`GraphRequest`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from planner.graph.analysis import analyze_plan
from planner.graph.collaboration import (
    alliance_members,
    build_collaboration_graph,
    build_coverage_graph,
    build_dependency_dag,
)
from planner.graph.layout import compute_layout
from planner.graph.metrics import Metrics, compute_metrics
from planner.store.database import Database

#: The coverage graph is refused above this many stages (pick a project or a period).
MAX_COVERAGE_STAGES = 1500


@dataclass(frozen=True)
class GraphRequest:
    kind: str = "collaboration"
    project_id: uuid.UUID | None = None
    start: date | None = None
    end: date | None = None
    alliance_id: uuid.UUID | None = None
    tier: str | None = None
    province: str | None = None  # "51", "50" or "other"

    def data_key(self) -> tuple:
        return (self.kind, self.project_id, self.start, self.end, self.alliance_id, self.tier, self.province)


@dataclass
class GraphResult:
    request: GraphRequest
    graph: nx.Graph
    metrics: Metrics | None = None
    positions: dict[str, dict[Any, tuple[float, float]]] = field(default_factory=dict)
    notice: str = ""  # a code: "too_many_stages", "need_project"
    extra: dict[str, Any] = field(default_factory=dict)


def _keep(d: dict[str, Any], req: GraphRequest) -> bool:
    if d.get("kind") == "stage":
        return True
    if req.tier and d.get("tier") != req.tier:
        return False
    if req.province:
        prov = d.get("province") or ""
        if req.province == "other":
            return prov not in ("51", "50")
        return prov == req.province
    return True


def _plan(db: Database, project_id: uuid.UUID) -> Any:
    # Deferred: the store-level reader lives in services (allowed: ui → services).
    from planner.services.queries import load_plan

    return load_plan(db, project_id)


def compute_graph(progress: Any, db: Database, req: GraphRequest, layout: str) -> GraphResult:
    """Build, filter, lay out and measure the graph ``req`` asks for (off the UI thread)."""
    projects = [req.project_id] if req.project_id else None
    progress(0, 3, "")
    extra: dict[str, Any] = {}
    if req.kind == "dependencies":
        if req.project_id is None:
            return GraphResult(req, nx.DiGraph(kind="dependencies"), notice="need_project")
        plan = _plan(db, req.project_id)
        G: nx.Graph = build_dependency_dag(plan)
        extra["findings"] = analyze_plan(plan)
    elif req.kind == "coverage":
        G = build_coverage_graph(db, project_ids=projects, start=req.start, end=req.end, alliance_id=req.alliance_id)
        n_stages = sum(1 for _n, d in G.nodes(data=True) if d.get("kind") == "stage")
        if n_stages > MAX_COVERAGE_STAGES:
            return GraphResult(req, nx.MultiGraph(kind="coverage"), notice="too_many_stages",
                               extra={"stages": n_stages})
    else:
        G = build_collaboration_graph(db, project_ids=projects, start=req.start, end=req.end,
                                      alliance_id=req.alliance_id)
    progress.check()
    if req.tier or req.province:
        keep = [n for n, d in G.nodes(data=True) if _keep(d, req)]
        G = G.subgraph(keep).copy()
    progress(1, 3, "")
    metrics = None
    if req.kind == "collaboration":
        members = alliance_members(db, req.alliance_id) if req.alliance_id else None
        if members is not None:
            members &= set(G.nodes)
        metrics = compute_metrics(G, members=members)
    progress(2, 3, "")
    positions = {layout: compute_layout(G, layout)}
    progress(3, 3, "")
    return GraphResult(req, G, metrics, positions, extra=extra)


def compute_layout_job(progress: Any, G: nx.Graph, layout: str) -> tuple[str, dict[Any, tuple[float, float]]]:
    progress.check()
    return layout, compute_layout(G, layout)
