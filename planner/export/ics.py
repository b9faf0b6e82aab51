"""iCalendar (.ics) export of a project plan: stage times as events, deadlines as events or to-dos.

UIDs come from record UUIDs (``stage-<uuid>@…``, ``due-<uuid>@…``), so re-importing an updated
file into a calendar updates the entries instead of duplicating them. Times are written in
Asia/Shanghai with its VTIMEZONE. Input is a :class:`~planner.domain.rows.ProjectPlan`, optionally
narrowed to one outlet or one person (see :func:`filter_plan`).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from planner.atomic import write_bytes_atomic
from planner.domain.rows import AssignmentRow, ProjectPlan, StageRow
from planner.domain.text import sanitize_xml
from planner.domain.timefmt import PLAN_TZ

UID_DOMAIN = "joint-coverage-planner"
_STATUS_TODO = {"planned": "NEEDS-ACTION", "confirmed": "NEEDS-ACTION", "in_progress": "IN-PROCESS",
                "filed": "COMPLETED", "published": "COMPLETED", "cancelled": "CANCELLED", "declined": "CANCELLED"}


def filter_plan(plan: ProjectPlan, *, outlet_id: uuid.UUID | None = None,
                person_id: uuid.UUID | None = None) -> ProjectPlan:
    """Only the assignments of one outlet or one person, and the stages they cover."""
    if outlet_id is None and person_id is None:
        return plan
    keep = [a for a in plan.assignments
            if (outlet_id is None or a.outlet_id == outlet_id) and (person_id is None or person_id in a.person_ids)]
    stage_ids = {a.stage_id for a in keep}
    return replace(plan, assignments=tuple(keep), stages=tuple(s for s in plan.stages if s.id in stage_ids))


def _assignment_line(plan: ProjectPlan, a: AssignmentRow) -> str:
    outlet = plan.outlets.get(a.outlet_id)
    people = "、".join(plan.people[p].name for p in a.person_ids if p in plan.people)
    parts = [outlet.display_name if outlet else "?", a.role.zh, a.format.zh, a.status.zh]
    return " · ".join(parts) + (f"（{people}）" if people else "")


def _stage_event(plan: ProjectPlan, stage: StageRow, stamp: datetime):  # type: ignore[no-untyped-def]
    from icalendar import Event

    ev = Event()
    ev.add("uid", f"stage-{stage.id}@{UID_DOMAIN}")
    ev.add("dtstamp", stamp)
    ev.add("summary", sanitize_xml(f"{plan.project.title}：{stage.title}"))
    start = stage.starts_at.astimezone(PLAN_TZ)  # type: ignore[union-attr]
    end = stage.ends_at.astimezone(PLAN_TZ) if stage.ends_at else start + timedelta(hours=1)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    if stage.location:
        ev.add("location", sanitize_xml(stage.location))
    lines = [f"{stage.kind.zh} · 第 {stage.position} 环节"]
    if stage.time_tbc:
        lines.append("时间待定 / time to be confirmed")
    lines += [_assignment_line(plan, a) for a in plan.assignments_for_stage(stage.id)]
    if stage.notes:
        lines.append(stage.notes)
    ev.add("description", sanitize_xml("\n".join(lines)))
    ev.add("categories", [plan.project.title])
    if stage.time_tbc:
        ev.add("status", "TENTATIVE")
    return ev


def _deadline(plan: ProjectPlan, a: AssignmentRow, stage: StageRow | None, stamp: datetime, as_todo: bool):  # type: ignore[no-untyped-def]
    from icalendar import Event, Todo

    due = a.due_at.astimezone(PLAN_TZ)  # type: ignore[union-attr]
    comp = Todo() if as_todo else Event()
    comp.add("uid", f"due-{a.id}@{UID_DOMAIN}")
    comp.add("dtstamp", stamp)
    title = stage.title if stage else ""
    outlet = plan.outlets.get(a.outlet_id)
    comp.add("summary", sanitize_xml(f"截稿：{title} · {outlet.display_name if outlet else '?'} · {a.format.zh}"))
    if as_todo:
        comp.add("due", due)
        comp.add("status", _STATUS_TODO.get(a.status.value, "NEEDS-ACTION"))
    else:
        comp.add("dtstart", due)
        comp.add("dtend", due + timedelta(minutes=15))
    desc = [_assignment_line(plan, a), f"{plan.project.title} / {title}"]
    if a.brief:
        desc.append(a.brief)
    comp.add("description", sanitize_xml("\n".join(desc)))
    return comp


def plan_calendar(plan: ProjectPlan, *, deadlines_as: str = "event", name: str = ""):  # type: ignore[no-untyped-def]
    """An ``icalendar.Calendar`` of the plan (stages with a start time, assignments with a deadline)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//Joint-coverage planner//联合报道策划//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", sanitize_xml(name or plan.project.title))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for stage in plan.stages:
        if stage.starts_at is not None:
            cal.add_component(_stage_event(plan, stage, stamp))
    stages = {s.id: s for s in plan.stages}
    for a in plan.assignments:
        if a.due_at is not None:
            cal.add_component(_deadline(plan, a, stages.get(a.stage_id), stamp, deadlines_as == "todo"))
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal


def write_ics(plan: ProjectPlan, path: str | Path, *, deadlines_as: str = "event", name: str = "") -> int:
    """Write the plan's calendar to ``path`` atomically; return the number of events and to-dos."""
    cal = plan_calendar(plan, deadlines_as=deadlines_as, name=name)
    data = cal.to_ical()
    write_bytes_atomic(path, data)
    return sum(1 for c in cal.walk() if c.name in ("VEVENT", "VTODO"))
