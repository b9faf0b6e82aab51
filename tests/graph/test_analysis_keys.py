"""The analysis keys its per-assignment dicts by the ids' ``.int`` and tests statuses by identity
(for speed, see ``planner.graph.analysis``): ids that are equal but not the same object still match,
an assignment of a stage outside the plan is still left out, and findings whose sort keys tie keep
the plan's order, as before."""

from __future__ import annotations

import uuid
from dataclasses import replace

from test_graph_analysis import asg, make_plan, outlet, stage

from planner.domain.enums import Format, Status
from planner.domain.findings import FindingKind
from planner.graph.analysis import analyze_plan


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
