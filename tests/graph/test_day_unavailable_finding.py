"""The "person unavailable" finding: a person assigned while away (severe when away for the whole stage)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from day_people import rail_people
from test_graph_analysis import T0, asg, make_plan, outlet, person, stage

from planner.domain.availability import AvailabilityKind, Busy
from planner.domain.findings import FindingKind, Severity, finding_text
from planner.graph.analysis import analyze_plan
from planner.services import availability, queries

XIAO, LV = rail_people()  # the demo's double-booked photographer, and a colleague at 荣昌北站


def _busy(pid: uuid.UUID, start, end, kind=AvailabilityKind.LEAVE, reason="") -> Busy:  # type: ignore[no-untyped-def]
    return Busy(pid, start, end, kind, reason, uuid.uuid4())


def test_whole_stage_away_is_severe_part_is_a_warning_outside_is_nothing() -> None:
    rc = outlet("荣昌区融媒体中心")
    s1, s2, s3 = stage("荣昌陶博物馆", 1), stage("安富街道", 2, start=T0 + timedelta(hours=3)), stage("专家解读", 3, start=None)
    zm, lq = person("张敏", rc), person("李强", rc)
    rows = [asg(s1, rc, people=(zm.id, lq.id)), asg(s2, rc, people=(zm.id,)), asg(s3, rc, people=(zm.id,))]
    plan = make_plan([s1, s2, s3], rows, [rc], [zm, lq])
    assert FindingKind.PERSON_UNAVAILABLE not in [f.kind for f in analyze_plan(plan)]
    plan = replace(plan, unavailable={
        zm.id: (_busy(zm.id, T0 - timedelta(days=1), T0 + timedelta(hours=2), reason="年假"),),
        lq.id: (_busy(lq.id, T0 + timedelta(hours=1), T0 + timedelta(hours=5), AvailabilityKind.TRAINING),),
    })
    found = [f for f in analyze_plan(plan) if f.kind is FindingKind.PERSON_UNAVAILABLE]
    assert [(f.severity, f.params["person"], f.params["stage"]) for f in found] == [
        (Severity.ERROR, "张敏", "荣昌陶博物馆"), (Severity.WARNING, "李强", "荣昌陶博物馆")]
    assert found[0].assignment_ids == (rows[0].id,) and found[0].person_ids == (zm.id,)
    assert finding_text(found[0]) == "张敏在环节“荣昌陶博物馆”全程不在岗：休假（年假），2026年3月1日 09:00 至 2026年3月2日 11:00。"
    assert finding_text(found[1], "en") == ("李强 is away during part of stage “荣昌陶博物馆”: Training, "
                                            "2026-03-02 10:00 – 2026-03-02 14:00.")


def test_cancelled_work_and_other_people_do_not_count() -> None:
    rc = outlet("荣昌区融媒体中心")
    s1 = stage("荣昌陶博物馆", 1)
    zm = person("张敏", rc)
    from planner.domain.enums import Status

    plan = make_plan([s1], [asg(s1, rc, status=Status.CANCELLED, people=(zm.id,)), asg(s1, rc)], [rc], [zm])
    plan = replace(plan, unavailable={zm.id: (_busy(zm.id, T0, T0 + timedelta(hours=2)),)})
    assert FindingKind.PERSON_UNAVAILABLE not in [f.kind for f in analyze_plan(plan)]


def test_load_plan_reads_availability_for_the_analysis(demo_db) -> None:  # type: ignore[no-untyped-def]
    rail = queries.resolve_project(demo_db, "YKGT-2026")
    xiao = queries.resolve_person(demo_db, f"{XIAO}")
    availability.create_availability(demo_db, person_id=xiao.id, starts_at="2026-12-26 06:00", ends_at="2026-12-26 20:00",
                                     kind="duty", reason="值班")
    # a weekly duty pattern that touches the opening day counts too
    other = queries.resolve_person(demo_db, f"{LV}")
    availability.create_availability(demo_db, person_id=other.id, starts_at="2026-12-05 10:00",
                                     ends_at="2026-12-05 10:30", kind="duty", rule="FREQ=WEEKLY;BYDAY=SA")
    plan = queries.load_plan(demo_db, rail.id)
    assert set(plan.unavailable) == {xiao.id, other.id}
    found = {(f.params["person"], f.params["stage"], f.severity) for f in analyze_plan(plan)
             if f.kind is FindingKind.PERSON_UNAVAILABLE}
    assert found == {(f"{XIAO}", "荣昌北站", Severity.ERROR), (f"{XIAO}", "泸州东站", Severity.ERROR),
                     (f"{LV}", "荣昌北站", Severity.WARNING)}
