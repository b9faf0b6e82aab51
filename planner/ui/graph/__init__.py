"""The graph screen (协作图谱) and the graph renderer shared with exports.

``GraphPage`` is imported lazily so that ``planner.ui.graph.render`` can be used headless
without building any widget module state.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GraphPage"]


def __getattr__(name: str) -> Any:
    if name == "GraphPage":
        from planner.ui.graph.page import GraphPage

        return GraphPage
    raise AttributeError(name)
