"""Timeline geometry without painting: which rows there are, where a moment is, how a drag snaps.

Times are laid out on the plan's wall clock (Asia/Shanghai): day ``d`` starts at ``x = (d - first) *
day_w``; a moment's x is its offset from the first day's midnight. Snapping rounds wall-clock time
to the scale's step (15 minutes on the hour scale, an hour on the day scale, a quarter day on the
week scale).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.domain.enums import ACTIVE_STATUSES
from planner.domain.rows import AssignmentRow, ProjectPlan, StageRow
from planner.domain.timefmt import PLAN_TZ

STAGE_H, DEADLINE_H = 30.0, 20.0


@dataclass(frozen=True)
class Scale:
    """A zoom level: pixels per day and the step a drag snaps to."""

    name: str
    day_w: float
    step: timedelta

    @property
    def hour_w(self) -> float:
        return self.day_w / 24


SCALES: dict[str, Scale] = {
    "hour": Scale("hour", 24 * 44.0, timedelta(minutes=15)),
    "day": Scale("day", 72.0, timedelta(hours=1)),
    "week": Scale("week", 18.0, timedelta(hours=6)),
}


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a stage, or one assignment's deadline under its stage."""

    kind: str  # "stage" | "deadline"
    stage: StageRow
    assignment: AssignmentRow | None
    label: str
    top: float
    height: float

    @property
    def id(self) -> uuid.UUID:
        return self.assignment.id if self.assignment is not None else self.stage.id

    @property
    def bottom(self) -> float:
        return self.top + self.height


def deadline_assignments(plan: ProjectPlan, stage_id: uuid.UUID) -> list[AssignmentRow]:
    """The assignments of a stage that have a deadline and are not declined or cancelled, by deadline."""
    rows = [a for a in plan.assignments if a.stage_id == stage_id and a.due_at and a.status in ACTIVE_STATUSES]
    return sorted(rows, key=lambda a: (a.due_at, str(a.id)))  # type: ignore[arg-type, return-value]


def build_rows(plan: ProjectPlan | None, *, deadlines: bool, label: Callable[[AssignmentRow], str]) -> list[Row]:
    """Every stage in order and, with ``deadlines``, a line per deadline under its stage."""
    rows: list[Row] = []
    y = 0.0
    for st in plan.stages if plan else ():
        rows.append(Row("stage", st, None, f"{st.position}. {st.title}", y, STAGE_H))
        y += STAGE_H
        if deadlines and plan is not None:
            for a in deadline_assignments(plan, st.id):
                rows.append(Row("deadline", st, a, label(a), y, DEADLINE_H))
                y += DEADLINE_H
    return rows


def local_day(moment: datetime) -> date:
    return moment.astimezone(PLAN_TZ).date()


def span(plan: ProjectPlan | None, today: date) -> tuple[date, int]:
    """The first day shown and how many: the plan's times with a day before and a few after."""
    days: list[date] = []
    if plan is not None:
        for st in plan.stages:
            days += [local_day(t) for t in (st.starts_at, st.ends_at) if t]
        days += [local_day(a.due_at) for a in plan.assignments if a.due_at and a.status in ACTIVE_STATUSES]
        days += [d for d in (plan.project.starts_on, plan.project.ends_on) if d]
    if not days:
        return today - timedelta(days=3), 14
    first = min(days) - timedelta(days=1)
    return first, max(7, (max(days) - first).days + 3)


@dataclass
class Axis:
    """Day ``first`` starts at x = 0; ``day_w`` pixels per day."""

    first: date
    days: int
    day_w: float

    @property
    def width(self) -> float:
        return self.days * self.day_w

    def origin(self) -> datetime:
        return datetime.combine(self.first, time(0, 0), PLAN_TZ)

    def x_of(self, moment: datetime | date) -> float:
        if isinstance(moment, datetime):
            seconds = (moment.astimezone(PLAN_TZ) - self.origin()).total_seconds()
            return seconds / 86400 * self.day_w
        return (moment - self.first).days * self.day_w

    def moment_at(self, x: float) -> datetime:
        return self.origin() + timedelta(days=x / self.day_w)

    def include(self, day: date) -> None:
        """Widen the axis so ``day`` is on it (jump to today on a plan of another month)."""
        if day < self.first:
            self.days += (self.first - day).days + 1
            self.first = day - timedelta(days=1)
        elif day >= self.first + timedelta(days=self.days):
            self.days = (day - self.first).days + 3


def snap(moment: datetime, step: timedelta) -> datetime:
    """``moment`` rounded to the nearest ``step`` of the plan's wall clock (from midnight)."""
    loc = moment.astimezone(PLAN_TZ)
    midnight = datetime.combine(loc.date(), time(0, 0), PLAN_TZ)
    steps = round((loc - midnight) / step)
    return midnight + steps * step
