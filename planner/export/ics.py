"""iCalendar (.ics) export of a project plan: stage times as events, deadlines as events or to-dos.

What a calendar app needs to keep a subscribed or re-imported plan right:

- **Stable identity.** UIDs come from record UUIDs (``stage-<uuid>@…``, ``due-<uuid>@…``);
  ``SEQUENCE`` is the record's version and ``LAST-MODIFIED`` (and ``DTSTAMP``) its last change, so
  the same plan exported twice gives the same file, and an edited one updates the entries
  instead of duplicating them.
- **Status.** A cancelled or declined piece is ``STATUS:CANCELLED`` (clients strike it out or drop
  it) and has no reminder; a stage whose pieces in this calendar are all cancelled is cancelled
  too; a stage with its time still to be confirmed is ``TENTATIVE``.
- **Reminders.** A ``VALARM`` ``alarm_minutes`` before each live deadline and stage start (none
  when 0).
- **Language.** Summaries and descriptions in Chinese or English, as the calendar is asked for.

Times are written in Asia/Shanghai with its VTIMEZONE. Input is a
:class:`~planner.domain.rows.ProjectPlan`, optionally narrowed to one outlet or one person (see
:func:`filter_plan`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.atomic import write_bytes_atomic
from planner.domain.enums import ACTIVE_STATUSES
from planner.domain.rows import AssignmentRow, ProjectPlan, StageRow
from planner.domain.text import sanitize_xml
from planner.domain.timefmt import PLAN_TZ

UID_DOMAIN = "joint-coverage-planner"
#: Minutes before a deadline or stage start that the calendar reminds (the 到期 reminders' default too).
DEFAULT_ALARM_MINUTES = 30
MAX_ALARM_MINUTES = 7 * 24 * 60
_STATUS_TODO = {"planned": "NEEDS-ACTION", "confirmed": "NEEDS-ACTION", "in_progress": "IN-PROCESS",
                "filed": "COMPLETED", "published": "COMPLETED", "cancelled": "CANCELLED", "declined": "CANCELLED"}
_WORDS = {
    "deadline": ("截稿", "Deadline"), "stage_n": ("第 {n} 环节", "stage {n}"), "tbc": ("时间待定", "time to be confirmed"),
    "remind_stage": ("即将开始：{what}", "Starting soon: {what}"), "remind_due": ("即将截稿：{what}", "Due soon: {what}"),
    "cancelled": ("（已取消）", " (cancelled)"), "reason": ("原因：", "Reason: "),
}


def _w(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


def filter_plan(plan: ProjectPlan, *, outlet_id: uuid.UUID | None = None,
                person_id: uuid.UUID | None = None) -> ProjectPlan:
    """Only the assignments of one outlet or one person, and the stages they cover."""
    if outlet_id is None and person_id is None:
        return plan
    keep = [a for a in plan.assignments
            if (outlet_id is None or a.outlet_id == outlet_id) and (person_id is None or person_id in a.person_ids)]
    stage_ids = {a.stage_id for a in keep}
    return replace(plan, assignments=tuple(keep), stages=tuple(s for s in plan.stages if s.id in stage_ids))


def valid_alarm_minutes(value: object) -> int:
    """``value`` as a reminder lead time in minutes (0 = none), or a ValidationError."""
    from planner.domain.errors import ValidationError

    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise ValidationError("bad_number", what="提醒提前量", field="alarm", value=str(value)) from None
    if not 0 <= minutes <= MAX_ALARM_MINUTES:
        raise ValidationError("bad_number", what="提醒提前量", field="alarm", value=str(value))
    return minutes


class _Writer:
    def __init__(self, plan: ProjectPlan, lang: str, alarm_minutes: int,
                 stage_stamps: Mapping[uuid.UUID, datetime] | None) -> None:
        self.plan, self.lang, self.alarm = plan, lang, alarm_minutes
        self.en = lang == "en"
        self.stage_stamps = stage_stamps or {}
        self.fallback = (plan.project.updated_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)

    def stamp(self, *times: datetime | None) -> datetime:
        found = [t.astimezone(UTC) for t in times if t is not None]
        return (max(found) if found else self.fallback).replace(microsecond=0)

    def label(self, enum: Any) -> str:
        return enum.label(self.lang)

    def assignment_line(self, a: AssignmentRow) -> str:
        outlet = self.plan.outlets.get(a.outlet_id)
        people = (", " if self.en else "、").join(self.plan.people[p].name for p in a.person_ids
                                                  if p in self.plan.people)
        parts = [outlet.display_name if outlet else "?", self.label(a.role), self.label(a.format), self.label(a.status)]
        crew = (f" ({people})" if self.en else f"（{people}）") if people else ""
        return " · ".join(parts) + crew

    def alarm_for(self, comp: Any, what: str, key: str, *, related_end: bool = False) -> None:
        if self.alarm <= 0:
            return
        from icalendar import Alarm

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", sanitize_xml(_w(key, self.lang).format(what=what)))
        trigger = -timedelta(minutes=self.alarm)
        alarm.add("trigger", trigger, parameters={"RELATED": "END"} if related_end else None)
        comp.add_component(alarm)

    def stage_event(self, stage: StageRow) -> Any:
        from icalendar import Event

        pieces = self.plan.assignments_for_stage(stage.id)
        live = [a for a in pieces if a.status in ACTIVE_STATUSES]
        cancelled = bool(pieces) and not live
        ev = Event()
        ev.add("uid", f"stage-{stage.id}@{UID_DOMAIN}")
        changed = self.stamp(self.stage_stamps.get(stage.id), *(a.updated_at for a in pieces))
        ev.add("dtstamp", changed)
        ev.add("last-modified", changed)
        ev.add("sequence", int(stage.version))
        sep = ": " if self.en else "："
        title = f"{self.plan.project.title}{sep}{stage.title}"
        ev.add("summary", sanitize_xml(title + (_w("cancelled", self.lang) if cancelled else "")))
        start = stage.starts_at.astimezone(PLAN_TZ)  # type: ignore[union-attr]
        end = stage.ends_at.astimezone(PLAN_TZ) if stage.ends_at and stage.ends_at > stage.starts_at else (
            start + timedelta(hours=1))  # type: ignore[operator]
        ev.add("dtstart", start)
        ev.add("dtend", end)
        if stage.location:
            ev.add("location", sanitize_xml(stage.location))
        lines = [f"{self.label(stage.kind)} · " + _w("stage_n", self.lang).format(n=stage.position)]
        if stage.time_tbc:
            lines.append(_w("tbc", self.lang))
        lines += [self.assignment_line(a) for a in pieces]
        if stage.notes:
            lines.append(stage.notes)
        ev.add("description", sanitize_xml("\n".join(lines)))
        ev.add("categories", [sanitize_xml(self.plan.project.title)])
        ev.add("status", "CANCELLED" if cancelled else ("TENTATIVE" if stage.time_tbc else "CONFIRMED"))
        if not cancelled:
            self.alarm_for(ev, stage.title, "remind_stage")
        return ev

    def deadline(self, a: AssignmentRow, stage: StageRow | None, as_todo: bool) -> Any:
        from icalendar import Event, Todo

        due = a.due_at.astimezone(PLAN_TZ)  # type: ignore[union-attr]
        live = a.status in ACTIVE_STATUSES
        comp = Todo() if as_todo else Event()
        comp.add("uid", f"due-{a.id}@{UID_DOMAIN}")
        changed = self.stamp(a.updated_at)
        comp.add("dtstamp", changed)
        comp.add("last-modified", changed)
        comp.add("sequence", int(a.version))
        title = stage.title if stage else ""
        outlet = self.plan.outlets.get(a.outlet_id)
        sep = ": " if self.en else "："
        what = f"{title} · {outlet.display_name if outlet else '?'} · {self.label(a.format)}"
        comp.add("summary", sanitize_xml(_w("deadline", self.lang) + sep + what
                                         + ("" if live else _w("cancelled", self.lang))))
        if as_todo:
            comp.add("due", due)
            comp.add("status", _STATUS_TODO.get(a.status.value, "NEEDS-ACTION"))
        else:
            comp.add("dtstart", due)
            comp.add("dtend", due + timedelta(minutes=15))
            comp.add("status", "CONFIRMED" if live else "CANCELLED")
        desc = [self.assignment_line(a), f"{self.plan.project.title} / {title}"]
        if a.brief:
            desc.append(a.brief)
        if not live and a.reason:
            desc.append(_w("reason", self.lang) + a.reason)
        comp.add("description", sanitize_xml("\n".join(desc)))
        if live and a.status.value not in ("filed", "published"):
            self.alarm_for(comp, what, "remind_due", related_end=as_todo)
        return comp


def plan_calendar(plan: ProjectPlan, *, deadlines_as: str = "event", name: str = "", lang: str = "zh",
                  alarm_minutes: int = DEFAULT_ALARM_MINUTES,
                  stage_stamps: Mapping[uuid.UUID, datetime] | None = None) -> Any:
    """An ``icalendar.Calendar`` of the plan (stages with a start time, assignments with a deadline).

    ``stage_stamps`` gives each stage's last change (the rows do not carry it); without it a
    stage's pieces' changes stand in.
    """
    from icalendar import Calendar

    lang = "en" if str(lang).startswith("en") else "zh"
    w = _Writer(plan, lang, alarm_minutes, stage_stamps)
    cal = Calendar()
    cal.add("prodid", "-//Joint-coverage planner//联合报道策划//" + ("EN" if lang == "en" else "ZH"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", sanitize_xml(name or plan.project.title))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for stage in plan.stages:
        if stage.starts_at is not None:
            cal.add_component(w.stage_event(stage))
    stages = {s.id: s for s in plan.stages}
    for a in plan.assignments:
        if a.due_at is not None:
            cal.add_component(w.deadline(a, stages.get(a.stage_id), deadlines_as == "todo"))
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal


def write_ics(plan: ProjectPlan, path: str | Path, *, deadlines_as: str = "event", name: str = "", lang: str = "zh",
              alarm_minutes: int = DEFAULT_ALARM_MINUTES,
              stage_stamps: Mapping[uuid.UUID, datetime] | None = None) -> int:
    """Write the plan's calendar to ``path`` atomically; return the number of events and to-dos."""
    cal = plan_calendar(plan, deadlines_as=deadlines_as, name=name, lang=lang, alarm_minutes=alarm_minutes,
                        stage_stamps=stage_stamps)
    data = cal.to_ical()
    write_bytes_atomic(path, data)
    return sum(1 for c in cal.walk() if c.name in ("VEVENT", "VTODO"))
