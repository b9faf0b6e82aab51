"""Writing graphs to files Gephi and networkx read back: GraphML, GEXF and JSON.

GraphML and GEXF writers accept ``None``, lists and dicts only to fail later, and they write XML
control characters that no parser reads back. :func:`flatten_graph` makes a plain copy first:
node ids become strings, ``None`` attributes are left out, lists are joined with ``|``, text is
sanitized, and a key keeps one type across all items. Files are written atomically (a temporary
file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import io
import json
import math
import uuid
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from planner.atomic import write_bytes_atomic
from planner.domain.text import sanitize_xml

FORMATS = ("graphml", "gexf", "json")


def _flat_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Enum):
        return sanitize_xml(str(value.value))
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return sanitize_xml("|".join(str(_flat_value(v)) for v in value))
    if isinstance(value, dict):
        return sanitize_xml(json.dumps(value, ensure_ascii=False, default=str))
    return sanitize_xml(str(value))


def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        flat = _flat_value(value)
        if flat is not None:
            out[sanitize_xml(str(key))] = flat
    return out


def _unify_types(items: list[dict[str, Any]]) -> None:
    """Make each key one type across items (GraphML declares one type per key)."""
    kinds: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            kinds.setdefault(k, set()).add(type(v))
    for k, types in kinds.items():
        if len(types) <= 1:
            continue
        if types <= {int, float}:
            conv: Callable[[Any], Any] = float
        else:
            conv = str
        for attrs in items:
            if k in attrs:
                attrs[k] = conv(attrs[k])


def flatten_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with string node ids and only str/int/float/bool attributes."""
    H = G.__class__()
    H.graph.update(_flat_attrs(dict(G.graph)))
    nodes = [(str(n), _flat_attrs(d)) for n, d in G.nodes(data=True)]
    _unify_types([d for _n, d in nodes])
    H.add_nodes_from(nodes)
    if G.is_multigraph():
        edges = [(str(u), str(v), str(k), _flat_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True)]
        _unify_types([e[3] for e in edges])
        for u, v, k, d in edges:
            H.add_edge(u, v, key=k, **d)
    else:
        plain = [(str(u), str(v), _flat_attrs(d)) for u, v, d in G.edges(data=True)]
        _unify_types([e[2] for e in plain])
        H.add_edges_from(plain)
    for n, d in H.nodes(data=True):
        d.setdefault("label", d.get("name", n))
    return H


def graph_to_json(G: nx.Graph) -> dict[str, Any]:
    """Node-link JSON (ids as strings, plain values)."""
    H = flatten_graph(G)
    data = nx.node_link_data(H, edges="links")
    return data


def graph_bytes(G: nx.Graph, fmt: str) -> bytes:
    """``G`` serialized as ``graphml``, ``gexf`` or ``json``."""
    if fmt == "json":
        return json.dumps(graph_to_json(G), ensure_ascii=False, indent=2).encode("utf-8")
    H = flatten_graph(G)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(H, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(H, buf, encoding="utf-8")
    else:
        raise ValueError(fmt)
    return buf.getvalue()


def write_graph(G: nx.Graph, path: str | Path, fmt: str) -> Path:
    return write_bytes_atomic(path, graph_bytes(G, fmt))


def read_graph(path: str | Path, fmt: str) -> nx.Graph:
    """Read a file written by :func:`write_graph` (for tests and round trips)."""
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="links")
