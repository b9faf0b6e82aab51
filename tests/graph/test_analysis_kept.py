"""The analysis gives an outlet's or a stage's findings again while its inputs are unchanged
(``analysis.OUTLETS_KEPT``, ``STAGES_KEPT``): after an edit only the outlets and stages it touched are
worked out anew, and every result equals a fresh analysis — for an edited piece, outlet, stage, open
count and project."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.domain.enums import Status
from planner.domain.findings import FindingKind
from planner.graph import analysis
from planner.services import assignments, queries

_OUTLET_KINDS = (FindingKind.OVER_CAPACITY, FindingKind.FORMAT_NOT_PRODUCED)
_STAGE_KINDS = (FindingKind.UNCOVERED_STAGE, FindingKind.NO_LEAD, FindingKind.MULTIPLE_LEADS,
                FindingKind.MISSING_FORMAT, FindingKind.DUPLICATE_FORMAT)


class _Counting(dict):
    n = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        self.n += 1
        return super().__getitem__(key)


def _fresh(plan, **kw):  # type: ignore[no-untyped-def]
    analysis.OUTLETS_KEPT.clear()
    analysis.STAGES_KEPT.clear()
    return analysis.analyze_plan(plan, **kw)


@pytest.fixture
def built(monkeypatch):  # type: ignore[no-untyped-def]
    """The outlets whose findings are built (not given again), per analysis."""
    seen: list = []
    real, real_stage = analysis._one_outlet_findings, analysis._stage_findings
    monkeypatch.setattr(analysis, "_one_outlet_findings",
                        lambda outlet, *rest: seen.append(outlet.id) or real(outlet, *rest))
    monkeypatch.setattr(analysis, "_stage_findings", lambda st, *rest: seen.append(st.id) or real_stage(st, *rest))
    return seen


def test_after_an_edit_only_the_edited_outlet_is_worked_out_again(demo_db, built, monkeypatch) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    counts = queries.open_assignment_counts(demo_db, outlet_ids=plan.outlets)
    analysis.analyze_plan(plan, open_counts=counts)
    piece = next(a for a in plan.assignments if a.status is Status.PLANNED)
    assignments.set_status(demo_db, piece.id, status="confirmed")
    plan = queries.load_plan(demo_db, project.id)
    counts = queries.open_assignment_counts(demo_db, outlet_ids=plan.outlets)
    built.clear()
    keyed = _Counting(analysis._SEVERITY_ORDER)  # read once per sort key worked out
    monkeypatch.setattr(analysis, "_SEVERITY_ORDER", keyed)
    found = analysis.analyze_plan(plan, open_counts=counts)
    assert built == [piece.stage_id, piece.outlet_id]
    # the sort keys of the findings given again come with them
    others = [f for f in found if not ((f.kind in _OUTLET_KINDS and piece.outlet_id not in f.outlet_ids)
                                       or (f.kind in _STAGE_KINDS and piece.stage_id not in f.stage_ids))]
    assert keyed.n == len(others) < len(found)
    assert found == _fresh(plan, open_counts=counts)


def test_every_input_of_an_outlets_findings_is_compared(demo_db, built) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    plan = queries.load_plan(demo_db, project.id)
    counts = queries.open_assignment_counts(demo_db, outlet_ids=plan.outlets)
    analysis.analyze_plan(plan, open_counts=counts)
    oid = next(a.outlet_id for a in plan.assignments if a.status is Status.PLANNED)
    outlets = dict(plan.outlets)
    outlets[oid] = replace(outlets[oid], capacity=0, formats=())
    first = plan.stages[0]
    changed = [
        (replace(plan, outlets=outlets), {"open_counts": counts}),  # the outlet itself
        (plan, {"open_counts": {**counts, oid: counts.get(oid, 0) + 50}}),  # its open work elsewhere
        (plan, {}),  # counted in this plan only
        (replace(plan, stages=(replace(first, title=first.title + "·改"), *plan.stages[1:])), {"open_counts": counts}),
        (replace(plan, project=replace(plan.project, required_formats=())), {"open_counts": counts}),
        (replace(plan, outlets={**plan.outlets, oid: replace(plan.outlets[oid], name="改名")}), {"open_counts": counts}),
    ]
    for other, kw in changed:
        built.clear()
        found = analysis.analyze_plan(other, **kw)
        assert built, kw
        assert found == _fresh(other, **kw)
    built.clear()
    assert analysis.analyze_plan(plan, open_counts=counts) == _fresh(plan, open_counts=counts)
