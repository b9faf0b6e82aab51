"""Metrics of a collaboration graph and their plain-language reading for a coordinator.

Betweenness is exact on small graphs and estimated from a seeded sample of sources on large dense
ones (the synth network of 300 outlets has tens of thousands of links), so that the numbers are
stable from run to run and the screen stays responsive.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

#: Above this many edges betweenness is estimated from a sample of source nodes.
EXACT_BETWEENNESS_EDGES = 4000
#: Sources × edges the sampled estimate may cost.
BETWEENNESS_BUDGET = 1_000_000


@dataclass(frozen=True)
class Metrics:
    """What a coordinator wants to know about a collaboration network."""

    names: dict[Any, str]
    load: dict[Any, int]
    degree: dict[Any, int]
    betweenness: dict[Any, float]
    components: list[list[Any]]
    isolated: list[Any]
    communities: list[list[Any]]
    n_nodes: int
    n_edges: int
    cross_province_share: float
    vertical_share: float
    horizontal_share: float
    members_total: int | None = None
    betweenness_sampled: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def brokers(self, n: int = 5) -> list[Any]:
        """The outlets that most often sit between others (highest betweenness, > 0)."""
        ranked = sorted(self.betweenness.items(), key=lambda kv: (-kv[1], self.names.get(kv[0], "")))
        return [k for k, v in ranked[:n] if v > 0]

    def busiest(self, n: int = 5) -> list[Any]:
        ranked = sorted(self.load.items(), key=lambda kv: (-kv[1], self.names.get(kv[0], "")))
        return [k for k, v in ranked[:n] if v > 0]

    @property
    def connected_components(self) -> list[list[Any]]:
        """Components with at least one link (isolated outlets left out)."""
        return [c for c in self.components if len(c) > 1]

    def _names(self, ids: list[Any], lang: str, limit: int = 5) -> str:
        sep = ", " if lang == "en" else "、"
        shown = [self.names.get(i, str(i)) for i in ids[:limit]]
        more = len(ids) - len(shown)
        text = sep.join(shown)
        if more > 0:
            text += f" and {more} more" if lang == "en" else f"等 {len(ids)} 家"
        return text

    def reading(self, lang: str = "zh") -> list[str]:
        """Short sentences for a coordinator, Chinese by default."""
        en = lang.startswith("en")
        out: list[str] = []
        if self.n_nodes == 0:
            return ["No outlets in this selection." if en else "所选范围内没有媒体单位。"]
        active = self.n_nodes - len([i for i in self.isolated if i in self.degree])
        if en:
            out.append(f"{active} of {self.n_nodes} outlets worked with a partner; {self.n_edges} partnerships in all.")
        else:
            out.append(f"{self.n_nodes} 家单位中有 {active} 家参与了协作，共形成 {self.n_edges} 对协作关系。")
        if self.n_edges:
            c, v, h = (round(x * 100) for x in (self.cross_province_share, self.vertical_share, self.horizontal_share))
            if en:
                out.append(f"{c}% of the links cross the Sichuan–Chongqing border; {v}% are vertical "
                           f"(between tiers) and {h}% horizontal (same tier, different places).")
            else:
                out.append(f"跨省（川渝）协作占 {c}%；纵向（跨层级）协作占 {v}%，横向（同层级、跨地区）协作占 {h}%。")
            if c < 20:
                out.append("Few links cross the border: pair outlets across it on the next project."
                           if en else "跨省协作偏少，可在下个项目中安排川渝两地单位结对。")
        brokers = self.brokers(3)
        if brokers:
            out.append(f"Brokers that connect the others most: {self._names(brokers, 'en')}."
                       if en else f"{self._names(brokers, 'zh')}是网络中的主要“桥梁”，联系其他单位最多。")
        busiest = self.busiest(3)
        if busiest:
            parts = [f"{self.names.get(i, str(i))} ({self.load[i]})" for i in busiest]
            out.append(("Most assignments: " + ", ".join(parts) + ".") if en else ("任务最多：" + "、".join(
                f"{self.names.get(i, str(i))}（{self.load[i]} 项）" for i in busiest) + "。"))
        comps = self.connected_components
        if len(comps) > 1:
            out.append(f"The network falls into {len(comps)} separate groups that never work together."
                       if en else f"协作网络分成 {len(comps)} 个互不往来的部分。")
        if len(self.communities) > 1:
            biggest = max(len(c) for c in self.communities)
            out.append(f"{len(self.communities)} circles of close partners; the largest has {biggest} outlets."
                       if en else f"识别出 {len(self.communities)} 个协作圈子，最大的有 {biggest} 家单位。")
        if self.isolated:
            scope = "members" if self.members_total is not None else "outlets"
            if en:
                out.append(f"{len(self.isolated)} {scope} had no partner in this period: "
                           f"{self._names(self.isolated, 'en')}.")
            else:
                who = "成员单位" if self.members_total is not None else "单位"
                out.append(f"{len(self.isolated)} 家{who}在此期间没有任何协作（孤岛）：{self._names(self.isolated, 'zh')}。")
        else:
            out.append("Every outlet worked with at least one partner." if en else "所有单位都至少与一家单位有过协作。")
        return out

    def to_dict(self) -> dict[str, Any]:
        def key(i: Any) -> str:
            return str(i)

        return {
            "nodes": self.n_nodes,
            "edges": self.n_edges,
            "shares": {"cross_province": self.cross_province_share, "vertical": self.vertical_share,
                       "horizontal": self.horizontal_share},
            "outlets": [
                {"id": key(i), "name": self.names.get(i, ""), "load": self.load.get(i, 0),
                 "partners": self.degree.get(i, 0), "betweenness": round(self.betweenness.get(i, 0.0), 6)}
                for i in sorted(self.degree, key=lambda n: (-self.load.get(n, 0), self.names.get(n, "")))
            ],
            "brokers": [key(i) for i in self.brokers()],
            "components": [[key(i) for i in c] for c in self.components],
            "isolated": [{"id": key(i), "name": self.names.get(i, "")} for i in self.isolated],
            "communities": [[key(i) for i in c] for c in self.communities],
            "betweenness_sampled": self.betweenness_sampled,
            "reading_zh": self.reading("zh"),
            "reading_en": self.reading("en"),
        }


def _betweenness(G: nx.Graph) -> tuple[dict[Any, float], bool]:
    if G.number_of_edges() <= EXACT_BETWEENNESS_EDGES:
        return nx.betweenness_centrality(G), False
    k = max(16, BETWEENNESS_BUDGET // max(1, G.number_of_edges()))
    if k >= G.number_of_nodes():
        return nx.betweenness_centrality(G), False
    return nx.betweenness_centrality(G, k=k, seed=1), True


def compute_metrics(G: nx.Graph, *, members: set[uuid.UUID] | None = None) -> Metrics:
    """Load, partners, betweenness, components, isolated outlets, communities and link shares.

    ``members``: the alliance's members; then *isolated* means members with no partner (whether or
    not they are nodes of ``G``), otherwise nodes of ``G`` without any link.
    """
    H = nx.Graph(G) if G.is_multigraph() else G
    names = {n: str(d.get("label") or d.get("name") or n) for n, d in H.nodes(data=True)}
    load = {n: int(d.get("load", 0) or 0) for n, d in H.nodes(data=True)}
    degree = dict(H.degree())
    betweenness, sampled = _betweenness(H) if H.number_of_nodes() else ({}, False)
    comps = sorted((sorted(c, key=lambda n: names[n]) for c in nx.connected_components(H)), key=lambda c: (-len(c), names[c[0]]))
    if members is not None:
        isolated = [m for m in members if degree.get(m, 0) == 0]
    else:
        isolated = [n for n in H if degree[n] == 0]
    isolated.sort(key=lambda n: names.get(n, str(n)))
    linked = H.subgraph([n for n in H if degree[n] > 0])
    communities: list[list[Any]] = []
    if linked.number_of_edges():
        # Louvain follows node and neighbour order; feed it by name so that the same plan gives the
        # same circles on every desk (ids, and so database order, differ between copies).
        def rank(n: Any) -> tuple[str, str]:
            return (names[n], str(n))

        ordered = nx.Graph()
        ordered.add_nodes_from(sorted(linked, key=rank))
        ordered.add_edges_from(sorted(
            ((*sorted((u, v), key=rank), {"weight": d.get("weight", 1)}) for u, v, d in linked.edges(data=True)),
            key=lambda e: (rank(e[0]), rank(e[1])),
        ))
        found = nx.community.louvain_communities(ordered, weight="weight", seed=1)
        communities = sorted((sorted(c, key=lambda n: names[n]) for c in found), key=lambda c: (-len(c), names[c[0]]))
    m = H.number_of_edges()
    share = {k: (sum(1 for *_e, d in H.edges(data=True) if d.get(k)) / m if m else 0.0)
             for k in ("cross_province", "vertical", "horizontal")}
    return Metrics(
        names=names, load=load, degree=degree, betweenness=betweenness, components=comps, isolated=isolated,
        communities=communities, n_nodes=H.number_of_nodes(), n_edges=m,
        cross_province_share=share["cross_province"], vertical_share=share["vertical"],
        horizontal_share=share["horizontal"], members_total=len(members) if members is not None else None,
        betweenness_sampled=sampled,
    )
