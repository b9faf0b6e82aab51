"""Schedules and what is due: the reads behind the 日程 page, ``planner-cli agenda`` and ``due``.

:func:`agenda` gathers one person's, outlet's or project's stages, deadlines and away periods over
a window and marks clashes (a person booked on two stages at once anywhere in the database, or
away). Each query is bounded by the window and uses an index (stage by project, assignment by
outlet, assignment people by person, deadlines by time), so a week of a busy outlet on 200,000
assignments reads in milliseconds.

What is due (:class:`DueView`) reuses the paged assignment reads
(:mod:`planner.services.assignment_queries`): only open work (planned, confirmed, in progress)
counts, and a page is one index range scan. Reminders are planned by the pure
:func:`plan_reminders`, so the desktop scheduler can be tested with a fake clock.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from planner.domain.agenda import (
    Agenda,
    AgendaItem,
    Clash,
    DeadlineRef,
    DueView,
    ItemKind,
    Scope,
    ScopeKind,
    week_window,
)
from planner.domain.enums import ACTIVE_STATUSES, OPEN_STATUSES, Format, StageKind, Status
from planner.domain.places import places
from planner.domain.timefmt import PLAN_TZ, day_end, day_start
from planner.services import assignment_queries as aq
from planner.services.availability import busy
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Outlet, Person, Project, Stage

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_OPEN = tuple(sorted(OPEN_STATUSES, key=lambda s: s.value))
_FORMATS, _STATUSES = Format._value2member_map_, Status._value2member_map_
#: Most items one agenda returns (a month of a big project is a few hundred).
MAX_ITEMS = 5000
#: Up to this many rows a due list is read in one query (sorting them costs less than three queries).
SORT_CHEAP = 5000


# -- scopes --------------------------------------------------------------------------------------
def scope_label(db: Database, scope: Scope) -> str:
    """``张敏 · 荣昌区融媒体中心``, an outlet's name or a project's title."""
    with db.engine.connect() as conn:
        if scope.kind is ScopeKind.PERSON:
            row = conn.execute(
                select(Person.name, Outlet.short_name, Outlet.name).join(Outlet, Outlet.id == Person.outlet_id)
                .where(Person.id == scope.id)
            ).first()
            return f"{row[0]} · {row[1] or row[2]}" if row else ""
        if scope.kind is ScopeKind.OUTLET:
            return conn.execute(select(Outlet.name).where(Outlet.id == scope.id)).scalar() or ""
        return conn.execute(select(Project.title).where(Project.id == scope.id)).scalar() or ""


def _assignments_in_scope(scope: Scope) -> Any:
    """Assignment ids of the scope (active ones), as a subquery."""
    q = select(Assignment.id).where(Assignment.status.in_(_ACTIVE))  # type: ignore[attr-defined]
    if scope.kind is ScopeKind.OUTLET:
        return q.where(Assignment.outlet_id == scope.id)
    if scope.kind is ScopeKind.PERSON:
        return q.where(Assignment.id.in_(  # type: ignore[attr-defined]
            select(AssignmentPerson.assignment_id).where(AssignmentPerson.person_id == scope.id)))
    return q.where(Assignment.stage_id.in_(select(Stage.id).where(Stage.project_id == scope.id)))  # type: ignore[attr-defined]


def _stages_in_scope(scope: Scope) -> Any:
    if scope.kind is ScopeKind.PROJECT:
        return select(Stage.id).where(Stage.project_id == scope.id)
    if scope.kind is ScopeKind.OUTLET:
        return select(Assignment.stage_id).where(
            Assignment.outlet_id == scope.id, Assignment.status.in_(_ACTIVE))  # type: ignore[attr-defined]
    return (
        select(Assignment.stage_id)
        .join(AssignmentPerson, AssignmentPerson.assignment_id == Assignment.id)
        .where(AssignmentPerson.person_id == scope.id, Assignment.status.in_(_ACTIVE))  # type: ignore[attr-defined]
    )


def _overlapping(start: datetime, end: datetime) -> Any:
    """Stages whose time touches ``[start, end)`` (a stage without an end is an instant)."""
    return (
        Stage.starts_at.is_not(None)  # type: ignore[union-attr]
        & (Stage.starts_at < end)  # type: ignore[operator]
        & or_(Stage.ends_at > start, (Stage.ends_at.is_(None) & (Stage.starts_at >= start)))  # type: ignore[union-attr,operator]
    )


# -- the agenda ----------------------------------------------------------------------------------
def agenda(db: Database, scope: Scope, start: datetime, end: datetime) -> Agenda:
    """Stages, deadlines and away periods of ``scope`` in ``[start, end)``, with clashes marked."""
    with db.engine.connect() as conn:
        stages = conn.execute(
            select(Stage.id, Stage.project_id, Stage.title, Stage.starts_at, Stage.ends_at, Stage.time_tbc,
                   Stage.adcode, Stage.location, Stage.version, Project.title, Stage.kind)
            .join(Project, Project.id == Stage.project_id)
            .where(Stage.id.in_(_stages_in_scope(scope)), _overlapping(start, end))  # type: ignore[attr-defined]
            .order_by(Stage.starts_at, Stage.position)
            .limit(MAX_ITEMS)
        ).all()
        stage_ids = [r[0] for r in stages]
        on_stage = _people_on_stages(conn, scope, stage_ids)
        deadlines = conn.execute(
            select(Assignment.id, Assignment.version, Assignment.stage_id, Assignment.due_at, Assignment.format,
                   Assignment.status, Outlet.short_name, Outlet.name, Stage.title, Stage.starts_at, Stage.version,
                   Stage.project_id, Project.title)
            .join(Stage, Stage.id == Assignment.stage_id)
            .join(Project, Project.id == Stage.project_id)
            .join(Outlet, Outlet.id == Assignment.outlet_id)
            .where(Assignment.id.in_(_assignments_in_scope(scope)),  # type: ignore[attr-defined]
                   Assignment.due_at >= start, Assignment.due_at < end)  # type: ignore[operator]
            .order_by(Assignment.due_at)
            .limit(MAX_ITEMS)
        ).all()
        due_people = _people_of(conn, [r[0] for r in deadlines])
        if scope.kind is ScopeKind.OUTLET:
            away_people = dict(conn.execute(select(Person.id, Person.name).where(Person.outlet_id == scope.id)).all())
        elif scope.kind is ScopeKind.PERSON:
            away_people = dict(conn.execute(select(Person.id, Person.name).where(Person.id == scope.id)).all())
        else:
            away_people = {pid: name for people in on_stage.values() for pid, name, _o in people if pid is not None}
        booked = _bookings(conn, list(away_people), start, end)
        undated = conn.execute(
            select(func.count()).select_from(Stage).where(
                Stage.id.in_(_stages_in_scope(scope)), Stage.starts_at.is_(None))  # type: ignore[attr-defined,union-attr]
        ).scalar() or 0
    away = busy(db, away_people, start, end)
    items: list[AgendaItem] = []
    pl = places()
    for sid, pid, title, s_at, e_at, tbc, adcode, location, version, ptitle, kind in stages:
        people = on_stage.get(sid, [])
        clashes: list[Clash] = []
        s_end = e_at or s_at
        for person_id, name, _outlet in people:
            if person_id is None:
                continue
            for other_sid, other_title, o_s, o_e in booked.get(person_id, ()):
                if other_sid != sid and _overlaps(s_at, s_end, o_s, o_e or o_s):
                    clashes.append(Clash(name, "overlap", other=other_title, start=o_s, end=o_e))
            for b in away.get(person_id, ()):
                if _overlaps(s_at, s_end, b.start, b.end):
                    clashes.append(Clash(name, "away", away_kind=b.kind, reason=b.reason, start=b.start, end=b.end))
        place = location or (pl.get(adcode).name if adcode and pl.get(adcode) else "")
        items.append(AgendaItem(
            ItemKind.STAGE, f"stage:{sid.hex}", title, s_at, e_at or s_at, project_id=pid, project_title=ptitle,
            stage_id=sid, stage_version=version, stage_kind=StageKind(kind), open_end=e_at is None,
            time_tbc=bool(tbc), place=place,
            outlets=tuple(dict.fromkeys(o for _p, _n, o in people)),
            people=tuple(dict.fromkeys(n for _p, n, _o in people if n)), clashes=tuple(dict.fromkeys(clashes)),
        ))
    groups: dict[tuple[uuid.UUID, datetime], list[Any]] = defaultdict(list)
    for r in deadlines:
        groups[(r[2], r[3])].append(r)
    for (sid, due), rows in groups.items():
        first = rows[0]
        refs = tuple(
            DeadlineRef(r[0], r[1], r[6] or r[7], _FORMATS[r[4]], _STATUSES[r[5]], tuple(due_people.get(r[0], ())))  # type: ignore[arg-type]
            for r in rows
        )
        items.append(AgendaItem(
            ItemKind.DEADLINE, f"due:{sid.hex}:{due.isoformat()}", first[8], due, due, project_id=first[11],
            project_title=first[12], stage_id=sid, stage_version=first[10], stage_start=first[9],
            outlets=tuple(dict.fromkeys(d.outlet for d in refs)),
            people=tuple(dict.fromkeys(p for d in refs for p in d.people)), deadlines=refs,
        ))
    if scope.kind is ScopeKind.PROJECT:
        # A project's schedule shows only the absences that touch its own stages (the clashes);
        # a person's or an outlet's shows every absence, since that is who can be sent when.
        spans: dict[uuid.UUID, list[tuple[datetime, datetime]]] = defaultdict(list)
        for sid, _pid, _title, s_at, e_at, *_rest in stages:
            for person_id, _name, _outlet in on_stage.get(sid, ()):
                if person_id is not None:
                    spans[person_id].append((s_at, e_at or s_at))
        away = {pid: [b for b in periods if any(_overlaps(s, e, b.start, b.end) for s, e in spans.get(pid, ()))]
                for pid, periods in away.items()}
    for person_id, periods in away.items():
        for b in periods:
            items.append(AgendaItem(
                ItemKind.AWAY, f"away:{b.availability_id.hex}:{b.start.isoformat()}", away_people.get(person_id, ""),
                b.start, b.end, people=(away_people.get(person_id, ""),), person_id=person_id,
                availability_id=b.availability_id, away_kind=b.kind, reason=b.reason,
            ))
    items.sort(key=lambda i: (i.start, i.kind is not ItemKind.AWAY, i.end, i.title))
    return Agenda(scope, scope_label(db, scope), start, end, tuple(items[:MAX_ITEMS]), int(undated), away_people)


def _overlaps(s1: datetime, e1: datetime, s2: datetime, e2: datetime) -> bool:
    if e1 == s1 or e2 == s2:  # an instant is inside a period that contains it
        return s2 <= s1 <= e2 if e1 == s1 else s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def _people_on_stages(
    conn: Any, scope: Scope, stage_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[uuid.UUID | None, str, str]]]:
    """Per stage: (person id, name, outlet) of the scope's active assignments there.

    An assignment with nobody named yet still names its outlet (person id ``None``, name ``""``).
    """
    out: dict[uuid.UUID, list[tuple[uuid.UUID | None, str, str]]] = defaultdict(list)
    if not stage_ids:
        return out
    for i in range(0, len(stage_ids), 500):
        chunk = stage_ids[i:i + 500]
        q = (
            select(Assignment.stage_id, AssignmentPerson.person_id, Person.name, Outlet.short_name, Outlet.name)
            .join(Outlet, Outlet.id == Assignment.outlet_id)
            .outerjoin(AssignmentPerson, AssignmentPerson.assignment_id == Assignment.id)
            .outerjoin(Person, Person.id == AssignmentPerson.person_id)
            .where(Assignment.stage_id.in_(chunk), Assignment.status.in_(_ACTIVE))  # type: ignore[attr-defined]
        )
        if scope.kind is ScopeKind.OUTLET:
            q = q.where(Assignment.outlet_id == scope.id)
        elif scope.kind is ScopeKind.PERSON:
            q = q.where(AssignmentPerson.person_id == scope.id)
        for sid, pid, name, short, oname in conn.execute(q.order_by(Outlet.name, Person.name)):
            out[sid].append((pid, name or "", short or oname))
    return out


def _people_of(conn: Any, assignment_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    out: dict[uuid.UUID, list[str]] = defaultdict(list)
    for i in range(0, len(assignment_ids), 500):
        for aid, name in conn.execute(
            select(AssignmentPerson.assignment_id, Person.name).join(Person, Person.id == AssignmentPerson.person_id)
            .where(AssignmentPerson.assignment_id.in_(assignment_ids[i:i + 500]))  # type: ignore[attr-defined]
            .order_by(Person.name)
        ):
            out[aid].append(name)
    return out


def _bookings(conn: Any, person_ids: list[uuid.UUID], start: datetime, end: datetime) -> dict[uuid.UUID, list[tuple]]:
    """Every stage each person is on (active assignments, any project) that touches the window."""
    out: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for i in range(0, len(person_ids), 500):
        q = (
            select(AssignmentPerson.person_id, Stage.id, Stage.title, Stage.starts_at, Stage.ends_at)
            .join(Assignment, Assignment.id == AssignmentPerson.assignment_id)
            .join(Stage, Stage.id == Assignment.stage_id)
            .where(AssignmentPerson.person_id.in_(person_ids[i:i + 500]),  # type: ignore[attr-defined]
                   Assignment.status.in_(_ACTIVE), _overlapping(start, end), Stage.time_tbc.is_(False))  # type: ignore[attr-defined]
        )
        for pid, sid, title, s_at, e_at in conn.execute(q):
            if (sid, title, s_at, e_at) not in out[pid]:
                out[pid].append((sid, title, s_at, e_at))
    return out


def people_status(db: Database, person_ids: list[uuid.UUID], start: datetime | None, end: datetime | None, *,
                  exclude_stage_id: uuid.UUID | None = None) -> dict[uuid.UUID, tuple[Clash, ...]]:
    """Why each person cannot simply be sent for ``start``–``end``: other stages then, or absences.

    For the people picker while assigning (``exclude_stage_id``: the stage being staffed). A person
    absent from the result is free then; a stage without a time gives no answer (empty result).
    """
    if start is None or not person_ids:
        return {}
    end = end if end is not None and end > start else start
    stop = end if end > start else start + timedelta(minutes=1)
    with db.engine.connect() as conn:
        booked = _bookings(conn, list(person_ids), start, stop)
    away = busy(db, person_ids, start, stop)
    out: dict[uuid.UUID, list[Clash]] = defaultdict(list)
    for pid in person_ids:
        for sid, title, o_s, o_e in booked.get(pid, ()):
            if sid != exclude_stage_id and _overlaps(start, end, o_s, o_e or o_s):
                out[pid].append(Clash("", "overlap", other=title, start=o_s, end=o_e or o_s))
        for b in away.get(pid, ()):
            if _overlaps(start, end, b.start, b.end):
                out[pid].append(Clash("", "away", away_kind=b.kind, reason=b.reason, start=b.start, end=b.end))
    return {pid: tuple(clashes) for pid, clashes in out.items()}


def people_status_for(db: Database, *, person_ids: list[uuid.UUID], stage_id: uuid.UUID | None = None,
                      assignment_id: uuid.UUID | None = None) -> dict[uuid.UUID, tuple[Clash, ...]]:
    """:func:`people_status` for the time of a stage (given, or the stage of an assignment)."""
    with db.engine.connect() as conn:
        if stage_id is None and assignment_id is not None:
            stage_id = conn.execute(select(Assignment.stage_id).where(Assignment.id == assignment_id)).scalar()
        row = conn.execute(select(Stage.starts_at, Stage.ends_at, Stage.time_tbc).where(Stage.id == stage_id)).first()
    if row is None or row[0] is None or row[2]:
        return {}
    return people_status(db, person_ids, row[0], row[1], exclude_stage_id=stage_id)


def next_moment(db: Database, scope: Scope, after: datetime, *, before: bool = False) -> datetime | None:
    """When the scope's next stage starts or next deadline falls at or after ``after`` (for "jump to
    next"); with ``before``, the latest such moment before it instead."""
    agg = func.max if before else func.min
    with db.engine.connect() as conn:
        stage = conn.execute(
            select(agg(Stage.starts_at)).where(
                Stage.id.in_(_stages_in_scope(scope)),  # type: ignore[attr-defined]
                (Stage.starts_at < after) if before else (Stage.starts_at >= after))  # type: ignore[operator]
        ).scalar()
        due = conn.execute(
            select(agg(Assignment.due_at)).where(
                Assignment.id.in_(_assignments_in_scope(scope)),  # type: ignore[attr-defined]
                (Assignment.due_at < after) if before else (Assignment.due_at >= after))  # type: ignore[operator]
        ).scalar()
    found = [_aware(t) for t in (stage, due) if t is not None]
    if not found:
        return None
    return max(found) if before else min(found)


def _aware(t: Any) -> datetime:
    """An aggregate's datetime (SQLite may hand back text or a naive UTC value)."""
    if isinstance(t, str):
        t = datetime.fromisoformat(t)
    return t if t.tzinfo else t.replace(tzinfo=UTC)


# -- what is due ---------------------------------------------------------------------------------
def due_filter(view: DueView, now: datetime, *, outlet_id: uuid.UUID | None = None) -> aq.AssignmentFilter:
    """The assignment filter of one due list (``outlet_id``: this desk's outlet, or a chosen one)."""
    today = now.astimezone(PLAN_TZ).date()
    if view is DueView.TODAY:
        return aq.AssignmentFilter(statuses=_OPEN, outlet_id=outlet_id, due_from=day_start(today), due_to=day_end(today))
    if view is DueView.OVERDUE:
        return aq.AssignmentFilter(statuses=_OPEN, outlet_id=outlet_id, due_to=now)
    if view is DueView.WEEK:
        start, end = week_window(today)
        return aq.AssignmentFilter(statuses=_OPEN, outlet_id=outlet_id, due_from=start, due_to=end)
    return aq.AssignmentFilter(statuses=_OPEN, outlet_id=outlet_id)


def upcoming_filter(now: datetime, within: timedelta, *, outlet_id: uuid.UUID | None = None) -> aq.AssignmentFilter:
    """Open work due from ``now`` to ``now + within``."""
    return aq.AssignmentFilter(statuses=_OPEN, outlet_id=outlet_id, due_from=now, due_to=now + within)


def due_counts(db: Database, now: datetime, *, desk_outlet: uuid.UUID | None = None,
               outlet_id: uuid.UUID | None = None) -> dict[DueView, int]:
    """How many open assignments each due list holds (the desk list needs ``desk_outlet``)."""
    out = {v: aq.count_assignments(db, due_filter(v, now, outlet_id=outlet_id)) for v in (DueView.TODAY, DueView.OVERDUE, DueView.WEEK)}
    out[DueView.DESK] = aq.count_assignments(db, due_filter(DueView.DESK, now, outlet_id=desk_outlet)) if desk_outlet else 0
    return out


def due_page(db: Database, view: DueView, now: datetime, *, outlet_id: uuid.UUID | None = None,
             after: aq.Cursor | None = None, limit: int = aq.PAGE_SIZE) -> list[aq.AssignmentListRow]:
    """The next page of a due list, earliest deadline first (undated work last)."""
    return merged_page(db, due_filter(view, now, outlet_id=outlet_id), after=after, limit=limit)


def merged_page(db: Database, flt: aq.AssignmentFilter, *, after: aq.Cursor | None = None,
                limit: int = aq.PAGE_SIZE) -> list[aq.AssignmentListRow]:
    """:func:`~planner.services.assignment_queries.page_assignments` of a filter on several statuses,
    read one status at a time and merged.

    With ``status IN (…)`` SQLite cannot read the ``(status, due_at)`` index in deadline order and
    sorts the whole range first: the first page of 65,000 overdue assignments took half a second.
    One status is one ordered index range scan; the same keyset cursor continues every one of them.
    """
    if len(flt.statuses) <= 1 or aq.count_assignments(db, flt) <= SORT_CHEAP:
        return aq.page_assignments(db, flt, after=after, limit=limit)
    rows: list[aq.AssignmentListRow] = []
    for status in flt.statuses:
        rows += aq.page_assignments(db, replace(flt, statuses=(status,)), after=after, limit=limit)
    rows.sort(key=lambda r: (r.due_at is None, r.due_at or datetime.min.replace(tzinfo=UTC), r.order_key))
    return rows[:limit]


def parse_within(text: str) -> timedelta:
    """``48h``, ``2d``, ``90m``, ``1w`` (also ``48小时``, ``2天``) → a duration; raises ValidationError."""
    from planner.domain.errors import ValidationError
    from planner.domain.text import fold_width

    raw = fold_width(str(text)).lower().replace(" ", "")
    units = {"w": 7 * 24 * 60, "周": 7 * 24 * 60, "d": 24 * 60, "天": 24 * 60, "h": 60, "小时": 60, "m": 1,
             "min": 1, "分钟": 1}
    for unit, minutes in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if raw.endswith(unit) and raw[: -len(unit)].isdigit():
            value = int(raw[: -len(unit)])
            if 0 < value * minutes <= 366 * 24 * 60:
                return timedelta(minutes=value * minutes)
            break
    raise ValidationError("bad_duration", field="within", value=str(text))


# -- reminders -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Upcoming:
    """An open assignment's deadline (what a reminder names)."""

    assignment_id: uuid.UUID
    due_at: datetime
    project_title: str
    stage_title: str
    outlet: str
    format: Format


def upcoming_deadlines(db: Database, start: datetime, end: datetime, *, outlet_id: uuid.UUID | None = None,
                       limit: int = 500) -> list[Upcoming]:
    """Open assignments due in ``[start, end)``, earliest first (bounded by ``limit``)."""
    q = (
        select(Assignment.id, Assignment.due_at, Project.title, Stage.title, Outlet.short_name, Outlet.name,
               Assignment.format)
        .join(Stage, Stage.id == Assignment.stage_id)
        .join(Project, Project.id == Stage.project_id)
        .join(Outlet, Outlet.id == Assignment.outlet_id)
        .where(Assignment.status.in_([s.value for s in _OPEN]),  # type: ignore[attr-defined]
               Assignment.due_at >= start, Assignment.due_at < end)  # type: ignore[operator]
        .order_by(Assignment.due_at)
        .limit(limit)
    )
    if outlet_id is not None:
        q = q.where(Assignment.outlet_id == outlet_id)
    with db.engine.connect() as conn:
        return [Upcoming(aid, due, pt, st, short or name, _FORMATS[fmt])  # type: ignore[arg-type]
                for aid, due, pt, st, short, name, fmt in conn.execute(q)]


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """What to announce now, and when to look again (``None``: nothing ahead in what was read)."""

    fire: tuple[Upcoming, ...]
    next_at: datetime | None


def plan_reminders(deadlines: list[Upcoming], now: datetime, lead: timedelta,
                   notified: set[uuid.UUID] | frozenset[uuid.UUID] = frozenset()) -> ReminderPlan:
    """Which deadlines to announce at ``now`` given the lead time, and the next moment one falls due.

    A deadline is announced once, at any moment from ``lead`` before it until it passes (a desk that
    opens the app ten minutes before a deadline with a thirty-minute lead still hears of it).
    """
    fire: list[Upcoming] = []
    later: list[datetime] = []
    for d in deadlines:
        if d.assignment_id in notified or d.due_at <= now:
            continue
        at = d.due_at - lead
        if at <= now:
            fire.append(d)
        else:
            later.append(at)
    return ReminderPlan(tuple(fire), min(later) if later else None)


def today_in_plan_tz(now: datetime) -> date:
    return now.astimezone(PLAN_TZ).date()


__all__ = [
    "MAX_ITEMS",
    "ReminderPlan",
    "Upcoming",
    "agenda",
    "due_counts",
    "due_filter",
    "due_page",
    "merged_page",
    "next_moment",
    "parse_within",
    "people_status",
    "people_status_for",
    "plan_reminders",
    "scope_label",
    "today_in_plan_tz",
    "upcoming_deadlines",
    "upcoming_filter",
]
