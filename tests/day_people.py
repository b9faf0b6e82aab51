"""Who the demo's rail plan double-books, by name, for the tests of the desk's day.

The demo generates its people's names from the places data, so the names change when the places
do; the tests ask the plan instead of hard-coding them.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path


@functools.cache
def rail_people() -> tuple[str, str]:
    """(the person booked at 荣昌北站 and 泸州东站 at once, another person at 荣昌北站)."""
    from planner.domain.findings import FindingKind
    from planner.graph.analysis import analyze_plan
    from planner.services import queries
    from planner.services.demo import load_demo
    from planner.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp, open_database(Path(tmp) / "demo.db") as db:
        load_demo(db)
        plan = queries.load_plan(db, queries.resolve_project(db, "YKGT-2026").id)
    overlap = next(f for f in analyze_plan(plan) if f.kind is FindingKind.PERSON_OVERLAP)
    doubled = overlap.person_ids[0]
    stage = next(s for s in plan.stages if s.title == "荣昌北站")
    other = next(p for a in plan.assignments if a.stage_id == stage.id for p in a.person_ids if p != doubled)
    return plan.people[doubled].name, plan.people[other].name
