"""What the workspace loads off the GUI thread: the project list and one project's plan.

These functions run inside :class:`planner.ui.workers.Worker` (``fn(progress, db, …)``) and return
frozen values only; the page puts them into its models when the result arrives by signal.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from planner.domain.findings import Finding
from planner.domain.rows import AllianceRow, OutletRow, PersonRow, ProjectPlan
from planner.services import coverage, queries
from planner.services.settings import travel_kmh
from planner.store.database import Database
from planner.store.fast import no_gc


@dataclass(frozen=True)
class Directory:
    """Outlets, people and alliances every tab picks from (loaded once per refresh)."""

    outlets: tuple[OutletRow, ...] = ()
    people: tuple[PersonRow, ...] = ()
    alliances: tuple[AllianceRow, ...] = ()
    members: dict[uuid.UUID, frozenset[uuid.UUID]] = field(default_factory=dict)  # alliance -> outlets

    def outlet(self, oid: uuid.UUID | None) -> OutletRow | None:
        return next((o for o in self.outlets if o.id == oid), None) if oid else None

    def people_of(self, outlet_id: uuid.UUID) -> list[PersonRow]:
        return [p for p in self.people if p.outlet_id == outlet_id]


@dataclass(frozen=True)
class ProjectData:
    plan: ProjectPlan
    findings: tuple[Finding, ...]
    matrix: coverage.CoverageMatrix


def load_projects(progress: Any, db: Database) -> list[queries.ProjectSummary]:
    progress.check()
    return queries.list_projects(db)


def load_directory(progress: Any, db: Database) -> Directory:
    outlets = tuple(queries.list_outlets(db))
    progress.check()
    people = tuple(queries.list_people(db))
    alliances = tuple(queries.list_alliances(db))
    members: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for m in queries.list_memberships(db):
        members[m.alliance_id].add(m.outlet_id)
    return Directory(outlets, people, alliances, {k: frozenset(v) for k, v in members.items()})


class KeptResults:
    """The findings and matrix of the plans loaded last, given again when a project is loaded unchanged.

    Both are pure functions of what the load reads (``analyze_plan`` of the plan, the travel speed and
    the open counts; ``plan_matrix`` of the plan). Opening a project again that nobody changed in
    between (switching back to it, or after an edit elsewhere) reads the same rows, and the row caches
    (``store.fast.RowCache``) give back the very same row objects, so comparing the inputs costs
    ~0.1 ms where the analysis and the matrix cost ~9 ms of the large project's open. Any changed
    row, setting or count compares unequal and both are worked out again. Bounded: a few projects.
    Loads run in worker threads, two at once when the editor switches projects quickly: a lock.
    """

    def __init__(self, limit: int = 4) -> None:
        self.limit = limit
        self._kept: dict[uuid.UUID, tuple[tuple[Any, ...], tuple[Finding, ...], coverage.CoverageMatrix]] = {}
        self._lock = threading.Lock()

    def get(self, project_id: uuid.UUID, inputs: tuple[Any, ...]) -> tuple[tuple[Finding, ...], coverage.CoverageMatrix] | None:
        with self._lock:
            kept = self._kept.get(project_id)
        if kept is None or kept[0] != inputs:  # values compared: equal rows give equal findings
            return None
        return kept[1], kept[2]

    def put(self, project_id: uuid.UUID, inputs: tuple[Any, ...], findings: tuple[Finding, ...],
            matrix: coverage.CoverageMatrix) -> None:
        with self._lock:
            self._kept.pop(project_id, None)
            while self._kept and len(self._kept) >= self.limit:
                self._kept.pop(next(iter(self._kept)))  # the one kept longest
            if self.limit > 0:
                self._kept[project_id] = (inputs, findings, matrix)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


KEPT = KeptResults()


def load_project(progress: Any, db: Database, project_id: uuid.UUID) -> ProjectData:
    """The plan, its findings and its coverage matrix (the slow part of opening a project).

    One read: the matrix is built from the loaded plan (``coverage.plan_matrix``) instead of reading
    the same assignments again, and the capacity rule counts open work only for this plan's outlets.
    A plan equal to the last one loaded of this project gets its findings and matrix again (:data:`KEPT`).
    """
    from planner.graph.analysis import analyze_plan

    # Thousands of rows, findings and cells, none in a cycle: without the pause the collector ran ~17
    # times per open of the large project (~1.3 ms)
    with no_gc():
        plan = queries.load_plan(db, project_id, staff=False)  # the outlets' other people: in the directory
        progress.check()
        open_counts = queries.open_assignment_counts(db, outlet_ids=plan.outlets)
        inputs = (plan, travel_kmh(db), open_counts)
        kept = KEPT.get(project_id, inputs)
        if kept is not None:
            return ProjectData(plan, *kept)
        findings = tuple(analyze_plan(plan, travel_kmh=inputs[1], open_counts=open_counts))
        progress.check()
        matrix = coverage.plan_matrix(plan)
        KEPT.put(project_id, inputs, findings, matrix)
        return ProjectData(plan, findings, matrix)
