"""What a schedule shows and what is due: frozen rows for the 日程 page, the CLI and reminders.

An :class:`Agenda` is the content of one schedule (a person's, an outlet's or a project's) over a
window: stages with their times, deadlines (grouped per stage and minute, since a stage's pieces
are usually due together), and the periods people are away, each stage carrying the clashes of its
people (booked elsewhere at the same time, or away). Texts for people come from
:func:`clash_text` and the enums' labels, in Chinese or English.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from planner.domain.availability import AvailabilityKind
from planner.domain.enums import Format, LabeledEnum, StageKind, Status
from planner.domain.timefmt import PLAN_TZ, day_start


class ScopeKind(LabeledEnum):
    PERSON = ("person", "人员", "Person")
    OUTLET = ("outlet", "媒体单位", "Outlet")
    PROJECT = ("project", "项目", "Project")


class ItemKind(LabeledEnum):
    STAGE = ("stage", "环节", "Stage")
    DEADLINE = ("deadline", "截稿", "Deadline")
    AWAY = ("away", "不在岗", "Away")


class DueView(LabeledEnum):
    """The four lists of what is due."""

    TODAY = ("today", "今天到期", "Due today")
    OVERDUE = ("overdue", "已逾期", "Overdue")
    WEEK = ("week", "本周", "This week")
    DESK = ("desk", "本席位负责", "This desk's outlet")


DONE_STATUSES = frozenset({Status.FILED, Status.PUBLISHED})


@dataclass(frozen=True, slots=True)
class Scope:
    kind: ScopeKind
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Clash:
    """Why a stage is marked: one of its people is booked elsewhere then, or away."""

    person: str
    kind: str  # "overlap" | "away"
    other: str = ""  # the other stage's title (overlap)
    away_kind: AvailabilityKind | None = None
    reason: str = ""
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeadlineRef:
    """One assignment behind a deadline item."""

    assignment_id: uuid.UUID
    version: int
    outlet: str
    format: Format
    status: Status
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing on a schedule. ``end == start`` for a deadline; ``open_end`` for a stage without an end."""

    kind: ItemKind
    key: str
    title: str
    start: datetime
    end: datetime
    project_id: uuid.UUID | None = None
    project_title: str = ""
    stage_id: uuid.UUID | None = None
    stage_version: int = 0
    stage_kind: StageKind | None = None
    stage_start: datetime | None = None  # a deadline's stage start (a deadline may not go before it)
    open_end: bool = False
    time_tbc: bool = False
    place: str = ""
    outlets: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    deadlines: tuple[DeadlineRef, ...] = ()
    person_id: uuid.UUID | None = None  # away: whose
    availability_id: uuid.UUID | None = None
    away_kind: AvailabilityKind | None = None
    reason: str = ""
    clashes: tuple[Clash, ...] = ()

    @property
    def done(self) -> bool:
        """A deadline whose pieces are all filed or published."""
        return bool(self.deadlines) and all(d.status in DONE_STATUSES for d in self.deadlines)

    @property
    def movable(self) -> bool:
        return self.kind is not ItemKind.AWAY

    def local_day(self) -> date:
        return self.start.astimezone(PLAN_TZ).date()


@dataclass(frozen=True)
class Agenda:
    scope: Scope
    label: str
    start: datetime
    end: datetime
    items: tuple[AgendaItem, ...] = ()
    undated: int = 0  # stages of the scope that have no time yet
    people: dict[uuid.UUID, str] = field(default_factory=dict)

    @property
    def clashes(self) -> int:
        return sum(1 for i in self.items if i.clashes)


def week_start(d: date) -> date:
    """Monday of ``d``'s week (Chinese calendars start weeks on Monday)."""
    return d - timedelta(days=d.weekday())


def week_window(d: date) -> tuple[datetime, datetime]:
    monday = week_start(d)
    return day_start(monday), day_start(monday + timedelta(days=7))


def month_window(d: date) -> tuple[date, date]:
    """First and last-plus-one day of the six-week grid that shows ``d``'s month (Monday first)."""
    first = d.replace(day=1)
    grid = week_start(first)
    return grid, grid + timedelta(days=42)


def clash_text(c: Clash, lang: str = "zh") -> str:
    """``张敏同时安排在“泸州东站”`` / ``张敏 休假（年假）``."""
    en = lang.startswith("en")
    if c.kind == "overlap":
        return f"{c.person} is also booked on “{c.other}”" if en else f"{c.person}同时安排在“{c.other}”"
    kind = c.away_kind.label("en" if en else "zh") if c.away_kind else ""
    if en:
        return f"{c.person} is away ({kind}{': ' + c.reason if c.reason else ''})"
    return f"{c.person}不在岗（{kind}{'：' + c.reason if c.reason else ''}）"


def status_text(c: Clash, lang: str = "zh") -> str:
    """A clash as the people picker shows it: ``在“泸州东站”（10:30–12:00）`` / ``休假（年假）``."""
    en = lang.startswith("en")
    span = ""
    if c.start is not None and c.end is not None:
        s, e = c.start.astimezone(PLAN_TZ), c.end.astimezone(PLAN_TZ)
        span = f"{s:%H:%M}–{e:%H:%M}" if s.date() == e.date() else f"{s:%m-%d %H:%M}–{e:%m-%d %H:%M}"
    if c.kind == "overlap":
        return f"on “{c.other}” ({span})" if en else f"在“{c.other}”（{span}）"
    kind = c.away_kind.label("en" if en else "zh") if c.away_kind else ""
    detail = ", ".join(x for x in (c.reason, span) if x) if en else "，".join(x for x in (c.reason, span) if x)
    return f"{kind} ({detail})" if en else f"{kind}（{detail}）"


__all__ = [
    "DONE_STATUSES", "Agenda", "AgendaItem", "Clash", "DeadlineRef", "DueView", "ItemKind", "Scope", "ScopeKind",
    "clash_text", "month_window", "status_text", "week_start", "week_window",
]
