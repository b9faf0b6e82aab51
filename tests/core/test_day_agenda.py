"""Schedules, what is due, reminders and rescheduling — on the demo plan and a small plan."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from day_people import rail_people

from planner.domain.agenda import DueView, ItemKind, Scope, ScopeKind, clash_text, month_window, week_window
from planner.domain.enums import Entity, Status
from planner.domain.errors import StaleError, ValidationError, error_text
from planner.domain.timefmt import PLAN_TZ, parse_datetime
from planner.services import agenda as ag
from planner.services import assignments, availability, queries, stages
from planner.services.reschedule import Reschedule, TimeEdit, stage_move_edits

XIAO, LV = rail_people()  # the demo's double-booked photographer, and a colleague at 荣昌北站


def T(text: str):  # type: ignore[no-untyped-def]
    return parse_datetime(text)


@pytest.fixture
def rail(demo_db):  # type: ignore[no-untyped-def]
    return queries.resolve_project(demo_db, "YKGT-2026")


def test_project_week_shows_stations_deadlines_and_the_double_booking(demo_db, rail) -> None:  # type: ignore[no-untyped-def]
    week = ag.agenda(demo_db, Scope(ScopeKind.PROJECT, rail.id), *week_window(T("2026-12-26").date()))
    stations = [i for i in week.items if i.kind is ItemKind.STAGE and i.title.endswith("站")]
    assert [s.title for s in stations] == ["重庆西站", "江津北站", "永川南站", "荣昌北站", "泸州东站", "宜宾东站"]
    assert all(8 <= s.start.astimezone(PLAN_TZ).hour < 13 for s in stations)
    clashed = {i.title: [clash_text(c) for c in i.clashes] for i in week.items if i.clashes}
    assert clashed == {"荣昌北站": [f"{XIAO}同时安排在“泸州东站”"], "泸州东站": [f"{XIAO}同时安排在“荣昌北站”"]}
    deadlines = [i for i in week.items if i.kind is ItemKind.DEADLINE]
    assert sum(len(d.deadlines) for d in deadlines) >= 30
    assert all(d.stage_start is not None for d in deadlines)
    assert week.label == rail.title


def test_person_and_outlet_scopes_and_away(demo_db, rail) -> None:  # type: ignore[no-untyped-def]
    person = queries.resolve_person(demo_db, f"{XIAO}")
    availability.create_availability(demo_db, person_id=person.id, starts_at="2026-12-26 10:00",
                                     ends_at="2026-12-26 10:40", kind="training", reason="安全培训")
    start, end = week_window(T("2026-12-26").date())
    mine = ag.agenda(demo_db, Scope(ScopeKind.PERSON, person.id), start, end)
    kinds = [(i.kind, i.title) for i in mine.items]
    assert (ItemKind.AWAY, f"{XIAO}") in kinds
    rongchang = next(i for i in mine.items if i.title == "荣昌北站" and i.kind is ItemKind.STAGE)
    texts = [clash_text(c, "en") for c in rongchang.clashes]
    assert f"{XIAO} is also booked on “泸州东站”" in texts and f"{XIAO} is away (Training: 安全培训)" in texts
    assert mine.label.startswith(f"{XIAO} · ")
    outlet = queries.resolve_outlet(demo_db, "荣昌区融媒体中心")
    theirs = ag.agenda(demo_db, Scope(ScopeKind.OUTLET, outlet.id), start, end)
    assert {i.title for i in theirs.items if i.kind is ItemKind.STAGE} >= {"荣昌北站", "泸州东站"}
    assert all(i.outlets == ("荣昌区",) for i in theirs.items if i.kind is ItemKind.DEADLINE)
    # an empty week, and the next thing to jump to
    empty = ag.agenda(demo_db, Scope(ScopeKind.OUTLET, outlet.id), *week_window(T("2026-12-01").date()))
    assert empty.items == ()
    nxt = ag.next_moment(demo_db, Scope(ScopeKind.OUTLET, outlet.id), T("2026-12-01"))
    assert nxt is not None and nxt.astimezone(PLAN_TZ).date().isoformat() == "2026-12-26"
    last = ag.next_moment(demo_db, Scope(ScopeKind.OUTLET, outlet.id), T("2027-06-01"), before=True)
    assert last is not None and last < T("2027-06-01") and last > nxt
    assert ag.next_moment(demo_db, Scope(ScopeKind.OUTLET, outlet.id), T("2026-01-01"), before=True) is None


def test_people_status_for_the_picker(demo_db, rail) -> None:  # type: ignore[no-untyped-def]
    from planner.domain.agenda import status_text

    xiao = queries.resolve_person(demo_db, f"{XIAO}")
    lv = queries.resolve_person(demo_db, f"{LV}")
    availability.create_availability(demo_db, person_id=lv.id, starts_at="2026-12-26", ends_at="2026-12-27",
                                     kind="leave", reason="年假")
    stage = {s.title: s for s in queries.load_stages(demo_db, rail.id)}["荣昌北站"]
    got = ag.people_status(demo_db, [xiao.id, lv.id], stage.starts_at, stage.ends_at, exclude_stage_id=stage.id)
    assert [status_text(c) for c in got[xiao.id]] == ["在“泸州东站”（10:30–12:00）"]
    assert [status_text(c, "en") for c in got[lv.id]] == ["Leave (年假, 12-26 00:00–12-27 00:00)"]
    assert ag.people_status(demo_db, [xiao.id], None, None) == {}
    free = ag.people_status(demo_db, [xiao.id], T("2026-12-01 09:00"), T("2026-12-01 10:00"))
    assert free == {}


def test_windows() -> None:
    start, end = week_window(T("2026-12-26").date())  # a Saturday
    assert start.astimezone(PLAN_TZ).date().isoformat() == "2026-12-21" and end - start == timedelta(days=7)
    first, last = month_window(T("2027-02-14").date())
    assert first.isoformat() == "2027-02-01" and (last - first).days == 42
    assert month_window(T("2026-11-14").date())[0].isoformat() == "2026-10-26"


def test_due_lists_and_counts(demo_db, rail) -> None:  # type: ignore[no-untyped-def]
    now = T("2026-12-26 12:00")
    counts = ag.due_counts(demo_db, now)
    assert counts[DueView.OVERDUE] == 6 and counts[DueView.TODAY] >= counts[DueView.OVERDUE] - 1
    overdue = ag.due_page(demo_db, DueView.OVERDUE, now)
    assert len(overdue) == 6 and all(r.due_at < now and r.status in (Status.PLANNED, Status.CONFIRMED, Status.IN_PROGRESS)
                                     for r in overdue)
    week = ag.due_page(demo_db, DueView.WEEK, now, limit=1000)
    assert len(week) == counts[DueView.WEEK]
    assert [r.due_at for r in week] == sorted(r.due_at for r in week)
    outlet = queries.resolve_outlet(demo_db, "荣昌区融媒体中心")
    desk = ag.due_counts(demo_db, now, desk_outlet=outlet.id)
    assert desk[DueView.DESK] == len(ag.due_page(demo_db, DueView.DESK, now, outlet_id=outlet.id))
    assert ag.due_counts(demo_db, now)[DueView.DESK] == 0  # no desk outlet set


@pytest.mark.parametrize("text, minutes", [("48h", 2880), ("2d", 2880), ("90m", 90), ("1w", 10080), ("４８ｈ", 2880),
                                           ("3天", 4320)])
def test_durations(text: str, minutes: int) -> None:
    assert ag.parse_within(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "h", "-2h", "0h", "2x", "1000w", "2.5h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        ag.parse_within(text)
    assert info.value.code == "bad_duration"


def test_reminder_planning_with_a_clock() -> None:
    def up(minutes: int) -> ag.Upcoming:
        return ag.Upcoming(uuid.uuid4(), T("2026-12-26 12:00") + timedelta(minutes=minutes), "P", "S", "O", "text")  # type: ignore[arg-type]

    items = [up(10), up(45), up(120), up(-5)]
    now, lead = T("2026-12-26 12:00"), timedelta(minutes=30)
    plan = ag.plan_reminders(items, now, lead)
    assert plan.fire == (items[0],)  # inside its lead time; the past one is not announced
    assert plan.next_at == items[1].due_at - lead
    again = ag.plan_reminders(items, plan.next_at, lead, notified={items[0].assignment_id})
    assert again.fire == (items[1],) and again.next_at == items[2].due_at - lead


def test_upcoming_deadlines(demo_db) -> None:  # type: ignore[no-untyped-def]
    got = ag.upcoming_deadlines(demo_db, T("2026-12-26 12:00"), T("2026-12-26 13:00"))
    assert got and all(T("2026-12-26 12:00") <= u.due_at < T("2026-12-26 13:00") for u in got)


# -- rescheduling --------------------------------------------------------------------------------
def test_moving_a_stage_carries_its_open_deadlines_and_undoes_in_one_step(db, plan) -> None:  # type: ignore[no-untyped-def]
    a1 = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                       due_at="2026-03-02 18:00").row
    a2 = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="support", format="photo",
                                       due_at="2026-03-02 19:00").row
    assignments.set_status(db, a2.id, status="filed")
    stage = queries.load_stages(db, plan.project.id)[0]
    edits = stage_move_edits(db, stage.id, starts_at=T("2026-03-03 09:00"), ends_at=T("2026-03-03 12:00"),
                             expected_version=stage.version)
    assert [(e.entity, e.id) for e in edits] == [(Entity.STAGE, stage.id), (Entity.ASSIGNMENT, a1.id)]
    cmd = Reschedule(edits, text="移动环节")
    cmd.do(db)
    moved = {a.id: a.due_at for a in queries.load_assignments(db, project_id=plan.project.id)}
    assert moved[a1.id] == T("2026-03-03 18:00") and moved[a2.id] == T("2026-03-02 19:00")
    assert queries.load_stages(db, plan.project.id)[0].starts_at == T("2026-03-03 09:00")
    cmd.undo(db)
    back = queries.load_stages(db, plan.project.id)[0]
    assert (back.starts_at, back.ends_at) == (T("2026-03-02 09:00"), T("2026-03-02 12:00"))
    assert {a.id: a.due_at for a in queries.load_assignments(db, project_id=plan.project.id)}[a1.id] == T("2026-03-02 18:00")
    cmd.do(db)  # redo
    assert queries.load_stages(db, plan.project.id)[0].starts_at == T("2026-03-03 09:00")


def test_deadline_dragged_before_its_stage_is_refused(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    a1 = assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text",
                                       due_at="2026-03-02 18:00").row
    before = dump()
    cmd = Reschedule([TimeEdit(Entity.ASSIGNMENT, a1.id, {"due_at": T("2026-03-02 08:00")}, a1.version)])
    with pytest.raises(ValidationError) as info:
        cmd.do(db)
    assert info.value.code == "deadline_before_stage"
    assert error_text(info.value) == ("截稿时间（2026年3月2日 08:00）不能早于环节“荣昌陶博物馆”开始（2026年3月2日 09:00），"
                                      "未作任何改动。")
    assert dump() == before


def test_resize_to_end_before_start_and_stale_rows_are_refused(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    stage = queries.load_stages(db, plan.project.id)[0]
    before = dump()
    with pytest.raises(ValidationError) as info:
        Reschedule(stage_move_edits(db, stage.id, starts_at=stage.starts_at, ends_at=stage.starts_at - timedelta(hours=1),
                                    carry_deadlines=False)).do(db)
    assert info.value.code == "end_before_start"
    with pytest.raises(StaleError):
        Reschedule([TimeEdit(Entity.STAGE, stage.id, {"ends_at": T("2026-03-02 13:00")}, stage.version + 5)]).do(db)
    undated = queries.load_stages(db, plan.project.id)[2]
    with pytest.raises(ValidationError) as info:
        Reschedule([TimeEdit(Entity.STAGE, undated.id, {"ends_at": T("2026-03-02 13:00")})]).do(db)
    assert info.value.code == "no_time"
    assert dump() == before


def test_undo_refuses_when_changed_elsewhere(db, plan) -> None:  # type: ignore[no-untyped-def]
    stage = queries.load_stages(db, plan.project.id)[0]
    cmd = Reschedule([TimeEdit(Entity.STAGE, stage.id, {"ends_at": T("2026-03-02 13:00")}, stage.version)])
    cmd.do(db)
    stages.update_stage(db, stage.id, notes="别处改过")
    with pytest.raises(StaleError):
        cmd.undo(db)
