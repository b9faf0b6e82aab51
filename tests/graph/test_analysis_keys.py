"""The analysis keys its per-assignment dicts by the ids' ``.int`` and tests statuses by identity
(for speed, see ``planner.graph.analysis``): ids that are equal but not the same object still match,
an assignment of a stage outside the plan is still left out, and findings whose sort keys tie keep
the plan's order, as before."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from test_graph_analysis import T0, asg, make_plan, outlet, stage

from planner.domain.enums import Format, Role, Status
from planner.domain.findings import FindingKind
from planner.graph.analysis import analyze_plan
from tests.counting import uuid_hashes


def _copy(u: uuid.UUID) -> uuid.UUID:
    return uuid.UUID(int=u.int)  # equal, not identical


def _plan():  # type: ignore[no-untyped-def]
    a, b = outlet("同名融媒体中心", formats=(Format.PHOTO,), capacity=1), outlet("同名融媒体中心", formats=(Format.PHOTO,))
    s1, s2 = stage("第一站", 1), stage("第二站", 2, hours=30)
    rows = [asg(s1, b), asg(s1, b, status=Status.CONFIRMED), asg(s1, a), asg(s1, a), asg(s2, a, due=s2.starts_at),
            asg(s2, b, fmt=Format.SHORT_VIDEO, status=Status.DECLINED)]
    return make_plan([s1, s2], rows, [a, b]), a, b


def test_equal_ids_that_are_other_objects_give_the_same_findings() -> None:
    plan, *_ = _plan()
    copied = replace(plan, assignments=tuple(replace(x, id=_copy(x.id), stage_id=_copy(x.stage_id),
                                                     outlet_id=_copy(x.outlet_id)) for x in plan.assignments))
    found = analyze_plan(plan)
    assert found and analyze_plan(copied) == found
    assert analyze_plan(copied, open_counts={_copy(k): 5 for k in plan.outlets}) == \
        analyze_plan(plan, open_counts={k: 5 for k in plan.outlets})


def test_ties_keep_the_plan_order_and_foreign_stages_are_left_out() -> None:
    plan, a, b = _plan()
    found = analyze_plan(plan)
    dups = [f.outlet_ids for f in found if f.kind is FindingKind.DUPLICATE_FORMAT]
    assert dups == [(b.id,), (a.id,)]  # same name: b's pieces come first in the plan
    not_made = [f.outlet_ids[0] for f in found if f.kind is FindingKind.FORMAT_NOT_PRODUCED]
    assert not_made == [b.id, b.id, a.id, a.id, a.id]
    assert [f.outlet_ids for f in found if f.kind is FindingKind.OVER_CAPACITY] == [(a.id,)]
    elsewhere = stage("别的项目", 9)
    with_foreign = replace(plan, assignments=(*plan.assignments, asg(elsewhere, a), asg(elsewhere, b)))
    assert analyze_plan(with_foreign) == found


def test_the_analysis_hashes_no_uuid_per_piece(monkeypatch) -> None:
    """``uuid.UUID.__hash__`` is a Python call and the analysis runs on every open: booking people,
    finding outlets and naming them go by the ids' ``.int``, so the hashes do not grow with the
    pieces and their crews (the plan below has 240 pieces with two people each)."""
    from test_graph_analysis import person

    outlets = [outlet(f"单位{i}", formats=(Format.PHOTO,), capacity=300) for i in range(6)]
    crews = [(person(f"甲{i}", o), person(f"乙{i}", o)) for i, o in enumerate(outlets)]
    stages = [stage(f"第{i}站", i, start=T0 + timedelta(hours=3 * i)) for i in range(40)]
    rows = [asg(st, o, Role.LEAD if o is outlets[0] else Role.SUPPORT, people=(p.id, q.id))
            for st in stages for o, (p, q) in zip(outlets, crews, strict=True)]
    plan = make_plan(stages, rows, outlets, [p for c in crews for p in c])
    expected = analyze_plan(plan, open_counts={o.id: 9 for o in outlets})
    with uuid_hashes(monkeypatch) as hashes:
        found = analyze_plan(plan, open_counts={o.id: 9 for o in outlets})
    assert found == expected
    assert sum(f.kind is FindingKind.FORMAT_NOT_PRODUCED for f in found) == len(rows)
    assert hashes.n < len(rows)
