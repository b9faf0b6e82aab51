"""Graph builders: the collaboration graph (outlets ↔ outlets), the coverage graph (outlets ↔ stages)
and the stage dependency DAG with its topological order and critical path.

The database builders read through SQLAlchemy Core on the store's tables and aggregate in SQL (one
query for the collaboration edges), so that 200,000 assignments never become ORM objects. Only
active assignments (not cancelled or declined) count as coverage or collaboration.

Node ids are the rows' UUIDs. Node attributes: ``kind`` (``outlet``/``stage``), ``name``,
``label`` (short display name), ``tier``, ``province`` (two-digit code), ``province_name``,
``adcode``, ``lon``, ``lat``, ``load`` (active assignments in scope). Missing values are ``None``
in memory; :mod:`planner.graph.io` flattens them for GraphML/GEXF.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

import networkx as nx
from sqlalchemy import and_, func, or_, select

from planner.domain.enums import ACTIVE_STATUSES, TIER_RANK, Role, Status, Tier
from planner.domain.places import places
from planner.domain.rows import ProjectPlan
from planner.domain.text import clean_output
from planner.domain.timefmt import day_end, day_start
from planner.store.database import Database
from planner.store.models import Assignment, Membership, Outlet, Project, Stage

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
# Filter on the two inactive codes with NOT IN: SQLite then scans assignments in stage order, which
# is ~1.6x faster on 200,000 rows than the plan it picks for IN (five codes) via the status index.
_INACTIVE = [s.value for s in Status if s not in ACTIVE_STATUSES]


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of the data a graph covers (hashable: the screen caches by it)."""

    project_ids: tuple[uuid.UUID, ...] = ()
    start: date | None = None
    end: date | None = None
    alliance_id: uuid.UUID | None = None

    @classmethod
    def of(cls, project_ids: Any = None, start: date | None = None, end: date | None = None,
           alliance_id: uuid.UUID | None = None) -> Scope:
        return cls(tuple(sorted(project_ids or (), key=str)), start, end, alliance_id)


def _stage_conditions(scope: Scope, stage: Any, project: Any) -> list[Any]:
    """WHERE conditions on stage/project columns for the scope's projects and period.

    A stage is in the period when its start falls inside it; a stage without a time counts by its
    project's start date.
    """
    conds: list[Any] = []
    if scope.project_ids:
        conds.append(stage.c.project_id.in_(list(scope.project_ids)))
    if scope.start is not None or scope.end is not None:
        timed = [stage.c.starts_at.is_not(None)]
        untimed = [stage.c.starts_at.is_(None)]
        if scope.start is not None:
            timed.append(stage.c.starts_at >= day_start(scope.start))
            untimed.append(project.c.starts_on >= scope.start)
        if scope.end is not None:
            timed.append(stage.c.starts_at < day_end(scope.end))
            untimed.append(project.c.starts_on <= scope.end)
        conds.append(or_(and_(*timed), and_(*untimed)))
    return conds


def alliance_members(db: Database, alliance_id: uuid.UUID) -> set[uuid.UUID]:
    with db.reader() as s:
        return set(s.execute(select(Membership.outlet_id).where(Membership.alliance_id == alliance_id)).scalars())


def _outlet_nodes(db: Database, ids: set[uuid.UUID] | None) -> dict[uuid.UUID, dict[str, Any]]:
    """Node attributes of outlets (all outlets when ``ids`` is None)."""
    o = Outlet.__table__
    q = select(o.c.id, o.c.name, o.c.short_name, o.c.tier, o.c.adcode, o.c.capacity)
    with db.reader() as s:
        rows = s.execute(q).all()
    out = {}
    for oid, name, short, tier, adcode, capacity in rows:
        if ids is not None and oid not in ids:
            continue
        out[oid] = outlet_attrs(name, short, tier, adcode, capacity)
    return out


def outlet_attrs(name: str, short: str, tier: str, adcode: str | None, capacity: int | None = None) -> dict[str, Any]:
    pl = places()
    coords = pl.coords(adcode)
    prov = adcode[:2] if adcode else ""
    prov_place = pl.province(prov) if prov else None
    name, short = clean_output(name), clean_output(short)  # labels end up in SVG, GraphML, the pack
    return {
        "kind": "outlet", "name": name, "label": short or name, "tier": str(tier), "adcode": adcode or "",
        "province": prov, "province_name": prov_place.name if prov_place else "",
        "lon": coords[0] if coords else None, "lat": coords[1] if coords else None,
        "capacity": capacity, "load": 0,
    }


def _edge_flags(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    cross = bool(a["province"] and b["province"] and a["province"] != b["province"])
    vertical = a["tier"] != b["tier"]
    horizontal = not vertical and a["adcode"] != b["adcode"]
    link = "vertical" if vertical else ("horizontal" if horizontal else "local")
    return {"cross_province": cross, "vertical": vertical, "horizontal": horizontal, "link": link}


def build_collaboration_graph(
    db: Database, *, project_ids: Any = None, start: date | None = None, end: date | None = None,
    alliance_id: uuid.UUID | None = None,
) -> nx.Graph:
    """Outlets joined when they cover a stage together; ``weight`` = shared stages.

    Nodes: the outlets taking part (with ``project_ids``) or every outlet (without), restricted to
    the alliance's members when ``alliance_id`` is given — so that members without any partner
    show up as isolated nodes. Edge attributes: ``weight``/``stages`` (shared stages), ``projects``
    (shared projects), ``cross_province``, ``vertical``, ``horizontal`` and ``link``.
    """
    scope = Scope.of(project_ids, start, end, alliance_id)
    a, st, pr = Assignment.__table__, Stage.__table__, Project.__table__
    conds = [a.c.status.not_in(_INACTIVE), *_stage_conditions(scope, st, pr)]
    joined = a.join(st, st.c.id == a.c.stage_id)
    if scope.start is not None or scope.end is not None:
        joined = joined.join(pr, pr.c.id == st.c.project_id)
    members: set[uuid.UUID] | None = None
    if alliance_id is not None:
        members = alliance_members(db, alliance_id)
        conds.append(a.c.outlet_id.in_(select(Membership.outlet_id).where(Membership.alliance_id == alliance_id)))
    covered = (
        select(a.c.stage_id, st.c.project_id, a.c.outlet_id)
        .select_from(joined).where(*conds).distinct().cte("covered")
    )
    c1, c2 = covered.alias("c1"), covered.alias("c2")
    edge_q = (
        select(c1.c.outlet_id, c2.c.outlet_id, func.count(), func.count(func.distinct(c1.c.project_id)))
        .select_from(c1.join(c2, and_(c1.c.stage_id == c2.c.stage_id, c1.c.outlet_id < c2.c.outlet_id)))
        .group_by(c1.c.outlet_id, c2.c.outlet_id)
    )
    load_q = select(a.c.outlet_id, func.count()).select_from(joined).where(*conds).group_by(a.c.outlet_id)
    with db.reader() as s:
        edges = s.execute(edge_q).all()
        loads = dict(s.execute(load_q).all())
    if scope.project_ids:
        wanted: set[uuid.UUID] | None = set(loads) | (members or set())
    else:
        wanted = members
    nodes = _outlet_nodes(db, wanted)
    G = nx.Graph(kind="collaboration")
    for oid, attrs in nodes.items():
        attrs["load"] = int(loads.get(oid, 0))
        G.add_node(oid, **attrs)
    for u, v, n_stages, n_projects in edges:
        au, av = nodes.get(u), nodes.get(v)
        if au is None or av is None:
            continue
        G.add_edge(u, v, weight=int(n_stages), stages=int(n_stages), projects=int(n_projects), **_edge_flags(au, av))
    return G


def _stage_attrs(title: str, position: int, project_title: str, adcode: str | None,
                 starts_at: datetime | None, ends_at: datetime | None) -> dict[str, Any]:
    coords = places().coords(adcode)
    title, project_title = clean_output(title), clean_output(project_title)  # labels end up in SVG and files
    return {
        "kind": "stage", "name": title, "label": title, "position": int(position), "project": project_title,
        "adcode": adcode or "", "province": adcode[:2] if adcode else "",
        "lon": coords[0] if coords else None, "lat": coords[1] if coords else None,
        "starts_at": starts_at.isoformat() if starts_at else None,
        "ends_at": ends_at.isoformat() if ends_at else None, "load": 0,
    }


def build_coverage_graph(
    db: Database, *, project_ids: Any = None, start: date | None = None, end: date | None = None,
    alliance_id: uuid.UUID | None = None,
) -> nx.MultiGraph:
    """Bipartite outlets ↔ stages, one edge per assignment (key = assignment id).

    Edge attributes: ``role``, ``format``, ``status`` (codes) and ``active``. Stages in scope
    without any assignment are included, so that gaps are visible.
    """
    scope = Scope.of(project_ids, start, end, alliance_id)
    a, st, pr = Assignment.__table__, Stage.__table__, Project.__table__
    stage_conds = _stage_conditions(scope, st, pr)
    stage_q = (
        select(st.c.id, st.c.title, st.c.position, pr.c.title, st.c.adcode, st.c.starts_at, st.c.ends_at)
        .select_from(st.join(pr, pr.c.id == st.c.project_id)).where(*stage_conds)
        .order_by(pr.c.starts_on, pr.c.title, st.c.position)
    )
    asg_q = (
        select(a.c.id, a.c.stage_id, a.c.outlet_id, a.c.role, a.c.format, a.c.status)
        .select_from(a.join(st, st.c.id == a.c.stage_id).join(pr, pr.c.id == st.c.project_id)).where(*stage_conds)
    )
    members = alliance_members(db, alliance_id) if alliance_id is not None else None
    with db.reader() as s:
        stage_rows = s.execute(stage_q).all()
        asg_rows = s.execute(asg_q).all()
    if members is not None:
        asg_rows = [r for r in asg_rows if r[2] in members]
    G = nx.MultiGraph(kind="coverage")
    for sid, title, position, project_title, adcode, starts_at, ends_at in stage_rows:
        G.add_node(sid, **_stage_attrs(title, position, project_title, adcode, starts_at, ends_at))
    nodes = _outlet_nodes(db, {r[2] for r in asg_rows})
    for oid, attrs in nodes.items():
        G.add_node(oid, **attrs)
    for aid, sid, oid, role, fmt, status in asg_rows:
        active = status in _ACTIVE
        G.add_edge(oid, sid, key=str(aid), role=role, format=fmt, status=status, active=active,
                   lead=active and role == Role.LEAD.value)
        if active:
            G.nodes[oid]["load"] += 1
            G.nodes[sid]["load"] += 1
    return G


def coverage_graph_from_plan(plan: ProjectPlan) -> nx.MultiGraph:
    """The coverage graph of one loaded plan (no database needed)."""
    G = nx.MultiGraph(kind="coverage")
    for st in plan.stages:
        G.add_node(st.id, **_stage_attrs(st.title, st.position, plan.project.title, st.adcode, st.starts_at, st.ends_at))
    for asg in plan.assignments:
        o = plan.outlets.get(asg.outlet_id)
        if o is None or asg.stage_id not in G:
            continue
        if asg.outlet_id not in G:
            G.add_node(o.id, **outlet_attrs(o.name, o.short_name, o.tier.value, o.adcode, o.capacity))
        active = asg.status in ACTIVE_STATUSES
        G.add_edge(o.id, asg.stage_id, key=str(asg.id), role=asg.role.value, format=asg.format.value,
                   status=asg.status.value, active=active, lead=active and asg.role is Role.LEAD)
        if active:
            G.nodes[o.id]["load"] += 1
            G.nodes[asg.stage_id]["load"] += 1
    return G


def stage_duration_hours(starts_at: datetime | None, ends_at: datetime | None) -> float:
    """Length of a stage for the critical path: its window in hours, 1 hour when unknown."""
    if starts_at is not None and ends_at is not None and ends_at > starts_at:
        return (ends_at - starts_at).total_seconds() / 3600.0
    return 1.0


def build_dependency_dag(plan: ProjectPlan) -> nx.DiGraph:
    """Stages with edges prerequisite → stage.

    Graph attributes: ``topological_order`` (stage ids; empty when there is a cycle),
    ``critical_path`` (the chain of dependent stages with the greatest total duration),
    ``critical_hours`` and ``cycle`` (stage ids of one cycle, empty when acyclic). Node attribute
    ``layer`` is the stage's depth in the DAG (0 = no prerequisite).
    """
    G = nx.DiGraph(kind="dependencies")
    for st in plan.stages:
        attrs = _stage_attrs(st.title, st.position, plan.project.title, st.adcode, st.starts_at, st.ends_at)
        attrs["duration_h"] = stage_duration_hours(st.starts_at, st.ends_at)
        n_cov = sum(1 for a in plan.assignments if a.stage_id == st.id and a.status in ACTIVE_STATUSES)
        attrs["load"] = n_cov
        G.add_node(st.id, **attrs)
    for st in plan.stages:
        for dep in st.depends_on:
            if dep in G:
                G.add_edge(dep, st.id)
    G.graph.update(topological_order=[], critical_path=[], critical_hours=0.0, cycle=[])
    try:
        order = list(nx.lexicographical_topological_sort(G, key=lambda n: (G.nodes[n]["position"], str(n))))
    except nx.NetworkXUnfeasible:
        cycle = nx.find_cycle(G)
        G.graph["cycle"] = [u for u, _v in cycle]
        for n in G:
            G.nodes[n]["layer"] = 0
        return G
    best: dict[Any, float] = {}
    prev: dict[Any, Any] = {}
    layer: dict[Any, int] = {}
    for n in order:
        preds = list(G.predecessors(n))
        base, choice = 0.0, None
        for p in preds:
            if best[p] > base:
                base, choice = best[p], p
        best[n] = base + G.nodes[n]["duration_h"]
        prev[n] = choice
        layer[n] = 1 + max((layer[p] for p in preds), default=-1)
        G.nodes[n]["layer"] = layer[n]
    path: list[Any] = []
    if order:
        end_node = max(order, key=lambda n: (best[n], -G.nodes[n]["position"]))
        while end_node is not None:
            path.append(end_node)
            end_node = prev[end_node]
        path.reverse()
    G.graph.update(topological_order=order, critical_path=path, critical_hours=best[path[-1]] if path else 0.0)
    for u, v in pairwise(path):
        G.edges[u, v]["critical"] = True
    for n in path:
        G.nodes[n]["critical"] = True
    return G


def outlet_stages(db: Database, outlet_id: uuid.UUID, *, project_ids: Any = None, start: date | None = None,
                  end: date | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The stages an outlet covers in scope (for the graph screen's side panel)."""
    scope = Scope.of(project_ids, start, end)
    a, st, pr = Assignment.__table__, Stage.__table__, Project.__table__
    q = (
        select(pr.c.title, st.c.title, st.c.starts_at, a.c.role, a.c.format, a.c.status, st.c.id)
        .select_from(a.join(st, st.c.id == a.c.stage_id).join(pr, pr.c.id == st.c.project_id))
        .where(a.c.outlet_id == outlet_id, *_stage_conditions(scope, st, pr))
        .order_by(st.c.starts_at, pr.c.title, st.c.position).limit(limit)
    )
    with db.reader() as s:
        rows = s.execute(q).all()
    return [
        {"project": p, "stage": t, "starts_at": at, "role": Role(r), "format": f, "status": Status(stt), "stage_id": sid}
        for p, t, at, r, f, stt, sid in rows
    ]


def tier_rank(tier: str) -> int:
    try:
        return TIER_RANK[Tier(tier)]
    except ValueError:
        return len(TIER_RANK)


def neighbours_by_weight(G: nx.Graph, node: Any) -> list[tuple[Any, int]]:
    """Partners of ``node`` with the number of shared stages, strongest first."""
    weights: dict[Any, int] = defaultdict(int)
    if G.is_multigraph():
        for _u, v, _d in G.edges(node, data=True):
            weights[v] += 1
    else:
        for _u, v, d in G.edges(node, data=True):
            weights[v] += int(d.get("weight", 1))
    return sorted(weights.items(), key=lambda kv: (-kv[1], str(G.nodes[kv[0]].get("name", ""))))
