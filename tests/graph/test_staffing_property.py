"""On random synthetic plans (hypothesis): applying the suggestions adds no finding to the plan
analysis, both the program's and the greedy baseline's choices keep every constraint, and the
program's objective is never worse than the baseline's.

The default run tries a few dozen plans; ``-m fuzz`` tries many more.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.enums import Format, PersonRole, Role, Status, Tier
from planner.graph.staffing import Weights, suggest
from planner.graph.staffing.check import new_findings
from planner.graph.staffing.problem import build_problem
from planner.graph.staffing.solve import greedy, solve, violations
from tests.graph.staffing_fixtures import T0, absence, outlet, person, piece, plan, staffing, stage

PLACES = ["500153", "511083", "511011", "510521", "511502", "510104", "500101", "500111", "510703", None]
FORMATS = list(Format)


@st.composite
def synthetic(draw):
    n_out = draw(st.integers(1, 9))
    outlets = []
    for i in range(n_out):
        formats = draw(st.lists(st.sampled_from(FORMATS), min_size=0, max_size=5, unique=True))
        outlets.append(outlet(f"媒体{i}", draw(st.sampled_from(PLACES)), tier=draw(st.sampled_from(list(Tier))),
                              formats=formats, capacity=draw(st.one_of(st.none(), st.integers(0, 5)))))
    stages = []
    for j in range(draw(st.integers(1, 6))):
        start = T0 + timedelta(hours=draw(st.integers(0, 96)))
        stages.append(stage(f"环节{j}", j + 1, adcode=draw(st.sampled_from(PLACES)), start=start,
                            hours=draw(st.integers(0, 30)), tbc=draw(st.booleans())))
    people = []
    for o in outlets:
        for k in range(draw(st.integers(0, 2))):
            people.append(person(f"{o.name}-{k}", o, draw(st.sampled_from(list(PersonRole)))))
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        o = draw(st.sampled_from(outlets))
        s = draw(st.sampled_from(stages))
        staff = [p.id for p in people if p.outlet_id == o.id]
        mine = tuple(draw(st.lists(st.sampled_from(staff), max_size=1, unique=True))) if staff else ()
        pieces.append(piece(s, o, draw(st.sampled_from(list(Role))), draw(st.sampled_from(FORMATS)),
                            draw(st.sampled_from(list(Status))), mine))
    required = draw(st.lists(st.sampled_from(FORMATS[:4]), max_size=3, unique=True))
    p = plan(stages, pieces, outlets, people, required=tuple(required))
    away = {}
    for person_row in people:
        if draw(st.integers(0, 3)) == 0:
            start = T0 + timedelta(hours=draw(st.integers(0, 96)))
            away[person_row.id] = (absence(person_row, start, start + timedelta(hours=draw(st.integers(1, 48)))),)
    assigned = {pid for a in pieces for pid in a.person_ids}
    p = replace(p, unavailable={pid: b for pid, b in away.items() if pid in assigned})  # as load_plan reads it
    weights = Weights(*(draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for _ in range(5)))
    if not any(weights.as_dict().values()):
        weights = Weights()
    rejected = frozenset((draw(st.sampled_from([None, *(s.id for s in stages)])), o.id)
                         for o in outlets if draw(st.integers(0, 5)) == 0)
    allowed = None if draw(st.booleans()) else frozenset(o.id for o in outlets if draw(st.booleans()))
    elsewhere = {o.id: draw(st.integers(0, 3)) for o in outlets}
    by_outlet = {o.id: tuple(p for p in people if p.outlet_id == o.id) for o in outlets}
    return staffing(p, outlets, weights=weights, elsewhere=elsewhere, people=by_outlet, away=away,
                    rejected=rejected, allowed=allowed, isolated=frozenset(o.id for o in outlets[::3]))


def _check(inp) -> None:
    result = suggest(inp)
    people = {p.id: p for rows in inp.people.values() for p in rows}
    assert new_findings(inp.plan, list(result.suggestions), inp.outlets, people, open_counts=inp.open_counts,
                        travel_kmh=inp.travel_kmh, away=inp.away) == []
    assert result.objective <= result.greedy_objective + 1e-6
    pb = build_problem(inp)
    assert violations(pb, greedy(pb)) == []
    assert violations(pb, solve(pb).picks) == []
    keys = [s.key for s in result.suggestions]
    assert len(keys) == len(set(keys))
    for s in result.suggestions:
        o = inp.outlets[s.outlet_id]
        assert s.format in o.formats
        assert inp.allowed is None or s.outlet_id in inp.allowed
        assert (s.stage_id, s.outlet_id) not in inp.rejected and (None, s.outlet_id) not in inp.rejected
        assert all(isinstance(pid, uuid.UUID) for pid in s.person_ids)


_FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(synthetic())
def test_suggestions_never_add_a_finding_and_beat_greedy(inp) -> None:
    _check(inp)


@pytest.mark.fuzz
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(synthetic())
def test_suggestions_never_add_a_finding_fuzz(inp) -> None:
    _check(inp)
