"""Node positions for drawing a graph: geographic, layered and seeded spring layouts.

Positions are abstract (x to the right, y downwards); the renderer scales them into its picture.
Every layout is deterministic for the same graph, so a cached layout can be reused.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from planner.graph.collaboration import tier_rank

LAYOUTS = ("geographic", "layered", "spring")
Positions = dict[Any, tuple[float, float]]


def compute_layout(G: nx.Graph, layout: str = "geographic", *, seed: int = 1) -> Positions:
    """Positions of every node of ``G`` for ``layout`` (``geographic``, ``layered`` or ``spring``)."""
    if G.number_of_nodes() == 0:
        return {}
    if layout == "geographic":
        return geographic_layout(G)
    if layout == "layered":
        return layered_layout(G)
    if layout == "spring":
        return spring_layout(G, seed=seed)
    raise ValueError(layout)


def _spread(points: list[Any], cx: float, cy: float, step: float) -> Positions:
    """Place several nodes sharing one spot on a small sunflower spiral around it."""
    out: Positions = {}
    if len(points) == 1:
        return {points[0]: (cx, cy)}
    golden = math.pi * (3 - math.sqrt(5))
    for i, n in enumerate(points):
        r = step * math.sqrt(i + 0.5)
        out[n] = (cx + r * math.cos(i * golden), cy + r * math.sin(i * golden))
    return out


def geographic_layout(G: nx.Graph) -> Positions:
    """Longitude/latitude (y flipped so north is up); nodes sharing a place spread around it.

    Nodes without coordinates sit in a row under the map.
    """
    by_spot: dict[tuple[float, float], list[Any]] = defaultdict(list)
    missing: list[Any] = []
    for n, d in G.nodes(data=True):
        lon, lat = d.get("lon"), d.get("lat")
        if lon is None or lat is None:
            missing.append(n)
        else:
            by_spot[(round(float(lon), 3), round(float(lat), 3))].append(n)
    pos: Positions = {}
    if by_spot:
        xs = [p[0] for p in by_spot]
        ys = [p[1] for p in by_spot]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 0.5)
        step = span / 120
        for (lon, lat), nodes in sorted(by_spot.items()):
            nodes.sort(key=lambda n: (tier_rank(G.nodes[n].get("tier", "")), str(G.nodes[n].get("name", ""))))
            pos.update(_spread(nodes, lon, -lat, step))
        bottom = -min(ys) + span * 0.08
        left, width = min(xs), max(max(xs) - min(xs), 0.5)
    else:
        bottom, left, width = 0.0, 0.0, 1.0
    missing.sort(key=lambda n: str(G.nodes[n].get("name", "")))
    for i, n in enumerate(missing):
        pos[n] = (left + width * (i + 0.5) / max(1, len(missing)), bottom)
    return pos


def layered_layout(G: nx.Graph) -> Positions:
    """Rows by meaning: stages in order on top with their outlets under them (coverage), tiers as
    rows (collaboration), or dependency depth as columns (dependencies)."""
    kind = G.graph.get("kind")
    if kind == "dependencies":
        layers: dict[int, list[Any]] = defaultdict(list)
        for n, d in G.nodes(data=True):
            layers[int(d.get("layer", 0))].append(n)
        pos: Positions = {}
        for x, nodes in sorted(layers.items()):
            nodes.sort(key=lambda n: (G.nodes[n].get("position", 0), str(n)))
            for y, n in enumerate(nodes):
                pos[n] = (float(x), y - (len(nodes) - 1) / 2)
        return pos
    stages = [n for n, d in G.nodes(data=True) if d.get("kind") == "stage"]
    if stages:
        stages.sort(key=lambda n: (G.nodes[n].get("project", ""), G.nodes[n].get("position", 0), str(n)))
        pos = {n: (float(i), 0.0) for i, n in enumerate(stages)}
        outlets = [n for n in G if n not in pos]
        bary = {}
        for n in outlets:
            xs = [pos[m][0] for m in G.neighbors(n) if m in pos]
            bary[n] = sum(xs) / len(xs) if xs else -1.0
        by_tier: dict[int, list[Any]] = defaultdict(list)
        for n in outlets:
            by_tier[tier_rank(G.nodes[n].get("tier", ""))].append(n)
        width = max(1, len(stages) - 1)
        for row, (_rank, nodes) in enumerate(sorted(by_tier.items()), start=1):
            nodes.sort(key=lambda n: (bary[n], str(G.nodes[n].get("name", ""))))
            for i, n in enumerate(nodes):
                pos[n] = (width * (i + 0.5) / len(nodes), row * max(1.5, width / 6))
        return pos
    by_tier = defaultdict(list)
    for n, d in G.nodes(data=True):
        by_tier[tier_rank(d.get("tier", ""))].append(n)
    pos = {}
    for row, (_rank, nodes) in enumerate(sorted(by_tier.items())):
        nodes.sort(key=lambda n: (G.nodes[n].get("province", ""), G.nodes[n].get("adcode", ""), str(G.nodes[n].get("name", ""))))
        per_row = max(1, min(len(nodes), 40))
        for i, n in enumerate(nodes):
            line, col = divmod(i, per_row)
            pos[n] = ((col + 0.5) / per_row, row * 1.0 + line * 0.25)
    return pos


def spring_layout(G: nx.Graph, *, seed: int = 1) -> Positions:
    """Force-directed positions (seeded: the same graph gives the same picture)."""
    H = nx.Graph(G) if G.is_multigraph() else G
    k = 1.5 / math.sqrt(max(1, H.number_of_nodes()))
    raw = nx.spring_layout(H, seed=seed, weight=None, k=k, iterations=60)
    return {n: (float(p[0]), float(-p[1])) for n, p in raw.items()}
