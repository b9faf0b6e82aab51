"""What every start-up reads and imports from the core, kept cheap.

- The project list's counts come from the covering index ``ix_assignment_stage_outlet`` (migration
  0010): with only the stage index SQLite read every assignment row, 0.2-0.3 s on the 200,000
  assignments of the synth database at every start-up.
- The tables' pydantic validators are built on first use, not at import (~40 ms of every start-up).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from sqlalchemy.dialects import sqlite

from planner.services import queries


def test_project_counts_are_read_from_the_covering_index(demo_db) -> None:  # type: ignore[no-untyped-def]
    sql = str(queries.project_counts_query().compile(dialect=sqlite.dialect()))
    with demo_db.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_assignment_stage_outlet" in plan, plan


def test_project_counts_equal_counting_the_assignments(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT s.project_id, a.outlet_id FROM assignment a JOIN stage s ON s.id = a.stage_id").all()
    assignments = Counter(str(pid) for pid, _ in rows)
    outlets = Counter(str(pid) for pid, _ in set(rows))
    summaries = queries.list_projects(demo_db)
    assert sum(s.assignments for s in summaries) == len(rows) > 0
    for s in summaries:
        key = s.project.id.hex
        assert (s.assignments, s.outlets) == (assignments[key], outlets[key]), s.project.title


def test_table_validators_are_built_on_first_use_not_at_import() -> None:
    code = (
        "import json\n"
        "from sqlmodel import SQLModel\n"
        "import planner.store.models as m\n"
        "tables = [c for c in m.Record.__subclasses__() + m.Stamped.__subclasses__() if hasattr(c, '__table__')]\n"
        "deferred = [c.__name__ for c in tables if type(c.__pydantic_validator__).__name__ == 'MockValSer']\n"
        "o = m.Outlet(name='新华社', name_key='新华社', tier='central')\n"
        "print(json.dumps({'tables': len(tables), 'metadata': len(m.metadata.tables), 'deferred': len(deferred),\n"
        "                  'dump': o.model_dump(include={'name', 'tier', 'formats', 'capacity'})}))\n"
    )
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert out["tables"] == out["metadata"] == out["deferred"]  # every table, none built at import
    assert out["dump"] == {"name": "新华社", "tier": "central", "formats": [], "capacity": None}  # built when used
