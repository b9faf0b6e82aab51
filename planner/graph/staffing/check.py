"""The promise that applying suggestions never makes a plan worse, checked the way the app checks plans.

:func:`applied_plan` is the plan with the suggestions added as planned pieces (in memory);
:func:`new_findings` runs :func:`planner.graph.analysis.analyze_plan` before and after and returns
every finding after that was not there before. Findings are compared by what they are about (kind
and the stages, outlets and people at fault), not by their wording: a stage that lacks one
required format less still has "a missing format" — the same finding, smaller.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

from planner.domain.availability import Busy
from planner.domain.enums import Status
from planner.domain.findings import Finding, FindingKind
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan
from planner.graph.analysis import analyze_plan
from planner.graph.staffing.model import Suggestion

_NAMESPACE = uuid.UUID("5f2b8a59-0d1c-4b8e-9a57-7e1c2f6d3a10")
#: Findings about an outlet as a whole: the same outlet is the same finding whatever its stages.
_BY_OUTLET = frozenset({FindingKind.ISOLATED_OUTLET, FindingKind.OVER_CAPACITY})


def finding_key(f: Finding) -> tuple:
    """What a finding is about: equal keys before and after mean "the same problem"."""
    if f.kind in _BY_OUTLET:
        return (f.kind, frozenset(f.outlet_ids))
    return (f.kind, frozenset(f.stage_ids), frozenset(f.outlet_ids), frozenset(f.person_ids))


def piece_id(s: Suggestion) -> uuid.UUID:
    """A stable id for a suggestion seen as a piece of the plan (in memory only)."""
    return uuid.uuid5(_NAMESPACE, s.key)


def applied_plan(plan: ProjectPlan, suggestions: Iterable[Suggestion], outlets: Mapping[uuid.UUID, OutletRow],
                 people: Mapping[uuid.UUID, PersonRow],
                 away: Mapping[uuid.UUID, tuple[Busy, ...]] | None = None) -> ProjectPlan:
    """``plan`` with every suggestion added as a planned piece (with its outlet and people rows, and
    the absences of the people it names, which the "person unavailable" rule reads)."""
    added = []
    plan_outlets = dict(plan.outlets)
    plan_people = dict(plan.people)
    unavailable = dict(plan.unavailable)
    for s in suggestions:
        added.append(AssignmentRow(
            id=piece_id(s), stage_id=s.stage_id, outlet_id=s.outlet_id, role=s.role, format=s.format,
            status=Status.PLANNED, due_at=s.due_at, brief="", deliverable_url="", notes="", reason="", version=1,
            person_ids=s.person_ids,
        ))
        if s.outlet_id in outlets:
            plan_outlets.setdefault(s.outlet_id, outlets[s.outlet_id])
        for pid in s.person_ids:
            if pid in people:
                plan_people.setdefault(pid, people[pid])
            if away and pid in away and pid not in unavailable:
                unavailable[pid] = tuple(away[pid])
    return replace(plan, assignments=(*plan.assignments, *added), outlets=plan_outlets, people=plan_people,
                   unavailable=unavailable)


def new_findings(plan: ProjectPlan, suggestions: list[Suggestion], outlets: Mapping[uuid.UUID, OutletRow],
                 people: Mapping[uuid.UUID, PersonRow], *, open_counts: Mapping[uuid.UUID, int],
                 travel_kmh: float = 80.0, away: Mapping[uuid.UUID, tuple[Busy, ...]] | None = None) -> list[Finding]:
    """Findings of the plan with ``suggestions`` applied that the plan without them does not have."""
    before = {finding_key(f) for f in analyze_plan(plan, travel_kmh=travel_kmh, open_counts=dict(open_counts))}
    after_counts = Counter(dict(open_counts))
    for s in suggestions:
        after_counts[s.outlet_id] += 1
    after = analyze_plan(applied_plan(plan, suggestions, outlets, people, away), travel_kmh=travel_kmh,
                         open_counts=dict(after_counts))
    return [f for f in after if finding_key(f) not in before]


def implicated(f: Finding, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions a new finding is about (its pieces, else its outlets and stages)."""
    ids = set(f.assignment_ids)
    hit = [s for s in suggestions if piece_id(s) in ids]
    if hit:
        return hit
    outlets, stages = set(f.outlet_ids), set(f.stage_ids)
    hit = [s for s in suggestions if s.outlet_id in outlets and (not stages or s.stage_id in stages)]
    if hit:
        return hit
    return [s for s in suggestions if s.stage_id in stages]
