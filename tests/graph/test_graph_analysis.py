"""Every analysis rule: a small hand-built plan that triggers it and one that does not."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from planner.domain.enums import Format, PersonRole, ProjectKind, ProjectStatus, Role, StageKind, Status, Tier
from planner.domain.findings import FindingKind, Severity, finding_text
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan, ProjectRow, StageRow
from planner.graph.analysis import analyze_plan

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def outlet(name: str, tier: Tier = Tier.COUNTY, adcode: str = "500153", formats=(Format.TEXT, Format.PHOTO),
           capacity: int | None = None) -> OutletRow:
    return OutletRow(uuid.uuid4(), name, "", tier, adcode, "", None, tuple(formats), capacity, "", "", "", "", 1)


def stage(title: str, pos: int, *, start: datetime | None = T0, hours: float = 2, adcode: str | None = "500153",
          depends_on: tuple[uuid.UUID, ...] = ()) -> StageRow:
    end = start + timedelta(hours=hours) if start else None
    return StageRow(uuid.uuid4(), PROJECT_ID, pos, title, StageKind.PLACE, adcode, "", start, end, False, "", 1,
                    depends_on)


def asg(st: StageRow, o: OutletRow, role: Role = Role.LEAD, fmt: Format = Format.TEXT, status: Status = Status.PLANNED,
        people: tuple[uuid.UUID, ...] = (), due: datetime | None = None) -> AssignmentRow:
    return AssignmentRow(uuid.uuid4(), st.id, o.id, role, fmt, status, due, "", "", "", "", 1, people)


PROJECT_ID = uuid.uuid4()


def make_plan(stages, assignments, outlets, people=(), required=()) -> ProjectPlan:
    project = ProjectRow(PROJECT_ID, "巴蜀陶韵联合报道", "TY-1", ProjectKind.CULTURE_TOURISM, "", None, None, None, None,
                         ProjectStatus.PLANNING, tuple(required), 1)
    return ProjectPlan(project, tuple(stages), tuple(assignments), {o.id: o for o in outlets},
                       {p.id: p for p in people})


def person(name: str, o: OutletRow) -> PersonRow:
    return PersonRow(uuid.uuid4(), o.id, name, PersonRole.REPORTER, "", "", True, 1)


def kinds(findings) -> list[FindingKind]:
    return [f.kind for f in findings]


@pytest.fixture
def base():
    rc, lc = outlet("荣昌区融媒体中心"), outlet("隆昌市融媒体中心", adcode="511083")
    s1 = stage("荣昌陶博物馆", 1)
    return rc, lc, s1


def test_a_clean_plan_has_no_findings(base):
    rc, lc, s1 = base
    plan = make_plan([s1], [asg(s1, rc), asg(s1, lc, Role.SUPPORT, Format.PHOTO)], [rc, lc], required=[Format.TEXT])
    assert analyze_plan(plan) == []


def test_uncovered_stage_and_cancelled_do_not_count(base):
    rc, lc, s1 = base
    s2 = stage("隆昌石牌坊", 2)
    plan = make_plan([s1, s2], [asg(s1, rc), asg(s1, lc, Role.SUPPORT),
                                asg(s2, lc, status=Status.CANCELLED), asg(s2, rc, status=Status.DECLINED)], [rc, lc])
    found = analyze_plan(plan)
    assert kinds(found) == [FindingKind.UNCOVERED_STAGE]
    f = found[0]
    assert f.stage_ids == (s2.id,) and f.severity is Severity.ERROR
    assert "隆昌石牌坊" in finding_text(f) and "隆昌石牌坊" in finding_text(f, "en")


def test_no_lead_and_multiple_leads(base):
    rc, lc, s1 = base
    no_lead = make_plan([s1], [asg(s1, rc, Role.SUPPORT), asg(s1, lc, Role.SYNDICATE)], [rc, lc])
    assert kinds(analyze_plan(no_lead)) == [FindingKind.NO_LEAD]
    two = make_plan([s1], [asg(s1, rc), asg(s1, lc)], [rc, lc])
    found = analyze_plan(two)
    assert kinds(found) == [FindingKind.MULTIPLE_LEADS]
    assert set(found[0].outlet_ids) == {rc.id, lc.id}
    assert "荣昌区融媒体中心" in finding_text(found[0]) and "隆昌市融媒体中心" in finding_text(found[0])
    one_cancelled = make_plan([s1], [asg(s1, rc), asg(s1, lc, status=Status.CANCELLED), asg(s1, lc, Role.SUPPORT)],
                              [rc, lc])
    assert analyze_plan(one_cancelled) == []


def test_missing_required_format(base):
    rc, lc, s1 = base
    rows = [asg(s1, rc), asg(s1, lc, Role.SUPPORT, Format.PHOTO)]
    found = analyze_plan(make_plan([s1], rows, [rc, lc], required=[Format.TEXT, Format.LIVE]))
    assert kinds(found) == [FindingKind.MISSING_FORMAT]
    assert found[0].params["formats"] == ["live"]
    assert "直播" in finding_text(found[0]) and "Live stream" in finding_text(found[0], "en")
    assert analyze_plan(make_plan([s1], rows, [rc, lc], required=[Format.TEXT, Format.PHOTO])) == []


def test_duplicate_outlet_and_format(base):
    rc, lc, s1 = base
    a, b = asg(s1, rc), asg(s1, lc, Role.SUPPORT, Format.PHOTO)
    dup = asg(s1, lc, Role.SUPPORT, Format.PHOTO)
    found = analyze_plan(make_plan([s1], [a, b, dup], [rc, lc]))
    assert kinds(found) == [FindingKind.DUPLICATE_FORMAT]
    assert set(found[0].assignment_ids) == {b.id, dup.id}
    gone = replace(dup, status=Status.DECLINED)
    assert analyze_plan(make_plan([s1], [a, b, gone], [rc, lc])) == []


def test_person_overlap(base):
    rc, lc, s1 = base
    s2 = stage("荣昌安陶小镇", 2, start=T0 + timedelta(hours=1))
    zhang = person("张敏", rc)
    rows = [asg(s1, rc, people=(zhang.id,)), asg(s1, lc, Role.SUPPORT), asg(s2, rc, people=(zhang.id,)),
            asg(s2, lc, Role.SUPPORT)]
    found = analyze_plan(make_plan([s1, s2], rows, [rc, lc], [zhang]))
    assert kinds(found) == [FindingKind.PERSON_OVERLAP]
    assert found[0].person_ids == (zhang.id,) and set(found[0].stage_ids) == {s1.id, s2.id}
    assert "张敏" in finding_text(found[0])
    later = replace(s2, starts_at=T0 + timedelta(hours=2), ends_at=T0 + timedelta(hours=3))
    assert analyze_plan(make_plan([s1, later], rows, [rc, lc], [zhang])) == []


def test_travel_too_far_depends_on_speed(base):
    rc, lc, s1 = base
    # 荣昌 (Chongqing) → 宜宾翠屏区 is ~170 km; one hour between the stages.
    far = stage("宜宾东站", 2, start=T0 + timedelta(hours=3), adcode="511502")
    zhang = person("张敏", rc)
    rows = [asg(s1, rc, people=(zhang.id,)), asg(s1, lc, Role.SUPPORT), asg(far, rc, people=(zhang.id,)),
            asg(far, lc, Role.SUPPORT)]
    plan = make_plan([s1, far], rows, [rc, lc], [zhang])
    found = analyze_plan(plan, travel_kmh=80)
    assert kinds(found) == [FindingKind.TRAVEL_TOO_FAR]
    f = found[0]
    assert f.params["distance_km"] > 100 and f.params["gap_hours"] == 1.0
    assert "张敏" in finding_text(f) and "宜宾东站" in finding_text(f)
    assert analyze_plan(plan, travel_kmh=300) == []
    near = replace(far, adcode="500153")
    assert analyze_plan(make_plan([s1, near], rows, [rc, lc], [zhang])) == []


def test_over_capacity_uses_open_counts(base):
    rc, lc, s1 = base
    small = replace(rc, capacity=1)
    rows = [asg(s1, small), asg(s1, lc, Role.SUPPORT)]
    plan = make_plan([s1], rows, [small, lc])
    assert analyze_plan(plan) == []
    found = analyze_plan(plan, open_counts={small.id: 5})
    assert kinds(found) == [FindingKind.OVER_CAPACITY]
    assert found[0].params == {"outlet": "荣昌区融媒体中心", "open": 5, "capacity": 1}
    published = [replace(rows[0], status=Status.PUBLISHED), rows[1]]
    assert analyze_plan(make_plan([s1], published, [small, lc]), open_counts={small.id: 1}) == []


def test_format_not_produced(base):
    rc, lc, s1 = base
    rows = [asg(s1, rc, fmt=Format.VR_AR), asg(s1, lc, Role.SUPPORT)]
    found = analyze_plan(make_plan([s1], rows, [rc, lc]))
    assert kinds(found) == [FindingKind.FORMAT_NOT_PRODUCED]
    assert "VR/AR" in finding_text(found[0])
    any_format = replace(rc, formats=())  # formats not declared: nothing to check
    assert analyze_plan(make_plan([s1], rows, [any_format, lc])) == []


def test_due_outside_window(base):
    rc, lc, s1 = base
    early = asg(s1, rc, due=T0 - timedelta(days=1))
    found = analyze_plan(make_plan([s1], [early, asg(s1, lc, Role.SUPPORT)], [rc, lc]))
    assert kinds(found) == [FindingKind.DUE_OUTSIDE_WINDOW]
    assert found[0].params["side"] == "before" and "荣昌区融媒体中心" in finding_text(found[0])
    late = asg(s1, rc, due=T0 + timedelta(days=10))
    assert kinds(analyze_plan(make_plan([s1], [late, asg(s1, lc, Role.SUPPORT)], [rc, lc]))) == [
        FindingKind.DUE_OUTSIDE_WINDOW]
    fine = asg(s1, rc, due=T0 + timedelta(hours=6))
    assert analyze_plan(make_plan([s1], [fine, asg(s1, lc, Role.SUPPORT)], [rc, lc])) == []


def test_dependency_cycle_and_start_before_prerequisite(base):
    rc, lc, s1 = base
    s2 = stage("隆昌石牌坊", 2, start=T0 + timedelta(hours=1), depends_on=(s1.id,))
    rows = [asg(s1, rc), asg(s1, lc, Role.SUPPORT), asg(s2, rc), asg(s2, lc, Role.SUPPORT)]
    found = analyze_plan(make_plan([s1, s2], rows, [rc, lc]))
    assert kinds(found) == [FindingKind.STARTS_BEFORE_PREREQUISITE]
    assert found[0].stage_ids == (s2.id, s1.id)
    ok = replace(s2, starts_at=T0 + timedelta(hours=2), ends_at=T0 + timedelta(hours=3))
    assert analyze_plan(make_plan([s1, ok], rows, [rc, lc])) == []
    cyc1 = replace(s1, depends_on=(s2.id,))
    cyc2 = replace(ok, depends_on=(s1.id,))
    found = analyze_plan(make_plan([cyc1, cyc2], rows, [rc, lc]))
    cycle = [f for f in found if f.kind is FindingKind.DEPENDENCY_CYCLE]
    assert len(cycle) == 1 and set(cycle[0].stage_ids) == {s1.id, s2.id}
    assert "荣昌陶博物馆 → 隆昌石牌坊 → 荣昌陶博物馆" in finding_text(cycle[0])


def test_isolated_outlet_in_project(base):
    rc, lc, s1 = base
    s2 = stage("隆昌石牌坊", 2, start=T0 + timedelta(hours=5))
    alone = outlet("内江市融媒体中心", Tier.MUNICIPAL, "511000")
    rows = [asg(s1, rc), asg(s1, lc, Role.SUPPORT), asg(s2, alone)]
    found = analyze_plan(make_plan([s1, s2], rows, [rc, lc, alone]))
    assert kinds(found) == [FindingKind.ISOLATED_OUTLET]
    assert found[0].outlet_ids == (alone.id,) and "内江市融媒体中心" in finding_text(found[0])


def test_findings_sorted_by_severity_then_stage(base):
    rc, lc, s1 = base
    s2 = stage("隆昌石牌坊", 2, start=T0 + timedelta(hours=5))
    rows = [asg(s1, rc, Role.SUPPORT), asg(s1, lc, Role.SUPPORT)]
    found = analyze_plan(make_plan([s1, s2], rows, [rc, lc]))
    assert [f.severity for f in found] == [Severity.ERROR, Severity.WARNING]
    assert kinds(found) == [FindingKind.UNCOVERED_STAGE, FindingKind.NO_LEAD]


def test_demo_plan_findings_name_items(demo_db):
    from planner.services import queries

    project = queries.resolve_project(demo_db, "YKGT-2026")
    plan = queries.load_plan(demo_db, project.id)
    found = analyze_plan(plan, open_counts=queries.open_assignment_counts(demo_db))
    got = set(kinds(found))
    for kind in (FindingKind.UNCOVERED_STAGE, FindingKind.MULTIPLE_LEADS, FindingKind.DUPLICATE_FORMAT,
                 FindingKind.FORMAT_NOT_PRODUCED, FindingKind.PERSON_OVERLAP, FindingKind.DUE_OUTSIDE_WINDOW):
        assert kind in got, kind
    stage_ids = {st.id for st in plan.stages}
    for f in found:
        assert set(f.stage_ids) <= stage_ids
        assert finding_text(f) and finding_text(f, "en")


def test_demo_plan_has_only_the_deliberate_problems(demo_db):
    """The demo shows each kind of problem once, not a wall of accidental clashes."""
    from collections import Counter

    from planner.services import queries

    project = queries.resolve_project(demo_db, "YKGT-2026")
    plan = queries.load_plan(demo_db, project.id)
    found = analyze_plan(plan, open_counts=queries.open_assignment_counts(demo_db))
    counts = Counter(kinds(found))
    assert counts[FindingKind.PERSON_OVERLAP] == 1  # the 荣昌 photographer at 荣昌北 and 泸州东
    assert counts[FindingKind.DUE_OUTSIDE_WINDOW] == 1  # 巴南's early copy for 江津北站
    assert counts[FindingKind.UNCOVERED_STAGE] == 1
    assert counts[FindingKind.STARTS_BEFORE_PREREQUISITE] == 0
    titles = {st.id: st.title for st in plan.stages}
    overlap = next(f for f in found if f.kind is FindingKind.PERSON_OVERLAP)
    assert {titles[s] for s in overlap.stage_ids} == {"荣昌北站", "泸州东站"}
