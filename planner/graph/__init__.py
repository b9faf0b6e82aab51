"""Graphs of who covers what and who works with whom (networkx), and the plan analysis.

- :mod:`planner.graph.collaboration` — builders: collaboration graph (one SQL query for the
  edges), coverage graph, stage dependency DAG (topological order, critical path);
- :mod:`planner.graph.metrics` — load, betweenness, components, isolated outlets, communities,
  link shares, and their plain-language reading;
- :mod:`planner.graph.analysis` — gaps, clashes and risks of a plan as ``Finding`` values;
- :mod:`planner.graph.layout` — geographic, layered and seeded spring layouts;
- :mod:`planner.graph.io` — GraphML / GEXF / JSON (sanitized, flattened, written atomically).

No Qt here: pictures are drawn by ``planner.ui.graph.render``.
"""
