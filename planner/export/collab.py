"""The main collaborations of a plan or a collaboration graph, ranked, for the table beside the
collaboration picture (the briefing pack, the graph screen and its exported picture).

Two outlets collaborate when they cover a stage together; a pair ranks by the number of stages it
shares (then projects, then names, so that every desk reads the same order). Each pair is labelled
cross-province (川 ↔ 渝), vertical (different tiers), horizontal (same tier, different places) or
local, as the graph's links are.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from planner.domain.enums import ACTIVE_STATUSES
from planner.domain.rows import OutletRow, ProjectPlan

#: How many pairs the table shows.
TOP = 10
_LINKS = {
    "vertical": ("纵向", "vertical"), "horizontal": ("横向", "horizontal"), "local": ("同地", "local"),
}


@dataclass(frozen=True)
class Collaboration:
    """One ranked pair of outlets."""

    rank: int
    a: str
    b: str
    stages: int
    projects: int
    cross_province: bool
    link: str  # vertical | horizontal | local
    stage_titles: tuple[str, ...] = ()

    def link_label(self, lang: str) -> str:
        """``跨省·纵向`` / ``cross-province, vertical``."""
        zh, en = _LINKS.get(self.link, _LINKS["local"])
        if lang == "en":
            return f"cross-province, {en}" if self.cross_province else en
        return f"跨省·{zh}" if self.cross_province else zh


def _link(a: OutletRow, b: OutletRow) -> tuple[bool, str]:
    pa, pb = (a.adcode or "")[:2], (b.adcode or "")[:2]
    cross = bool(pa and pb and pa != pb)
    if a.tier != b.tier:
        return cross, "vertical"
    return cross, ("horizontal" if (a.adcode or "") != (b.adcode or "") else "local")


def _ranked(items: list[dict[str, Any]], limit: int) -> list[Collaboration]:
    items.sort(key=lambda d: (-d["stages"], -d["projects"], d["a"], d["b"]))
    out: list[Collaboration] = []
    rank, last = 0, None
    for i, d in enumerate(items[:limit], 1):
        key = (d["stages"], d["projects"])
        if key != last:  # equal counts share a rank
            rank, last = i, key
        out.append(Collaboration(rank=rank, **d))
    return out


def rank_plan(plan: ProjectPlan, *, limit: int = TOP) -> list[Collaboration]:
    """The plan's main collaborations (active assignments only), with the stages shared."""
    stages = {st.id: st for st in plan.stages}
    outlets_on: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for a in plan.assignments:
        if a.status in ACTIVE_STATUSES and a.stage_id in stages and a.outlet_id in plan.outlets:
            outlets_on[a.stage_id].add(a.outlet_id)
    shared: dict[tuple[uuid.UUID, uuid.UUID], list[uuid.UUID]] = defaultdict(list)
    for sid, present in outlets_on.items():
        ordered = sorted(present, key=str)
        for i, u in enumerate(ordered):
            for v in ordered[i + 1:]:
                shared[(u, v)].append(sid)
    items = []
    for (u, v), sids in shared.items():
        ou, ov = plan.outlets[u], plan.outlets[v]
        a, b = sorted((ou, ov), key=lambda o: o.display_name)
        cross, link = _link(a, b)
        sids.sort(key=lambda s: stages[s].position)
        items.append({"a": a.display_name, "b": b.display_name, "stages": len(sids), "projects": 1,
                      "cross_province": cross, "link": link,
                      "stage_titles": tuple(stages[s].title for s in sids)})
    return _ranked(items, limit)


def rank_graph(G: nx.Graph, *, limit: int = TOP) -> list[Collaboration]:
    """The main collaborations of a collaboration graph (edge ``stages``/``weight``, ``projects``)."""
    items = []
    for u, v, d in G.edges(data=True):
        nu, nv = G.nodes[u], G.nodes[v]
        a, b = sorted((str(nu.get("label") or nu.get("name") or u), str(nv.get("label") or nv.get("name") or v)))
        items.append({"a": a, "b": b, "stages": int(d.get("stages", d.get("weight", 1)) or 1),
                      "projects": int(d.get("projects", 1) or 1), "cross_province": bool(d.get("cross_province")),
                      "link": str(d.get("link", "local"))})
    return _ranked(items, limit)
