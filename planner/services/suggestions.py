"""Staffing suggestions as use cases: read what the optimiser needs, apply what it proposes.

:func:`suggest_staffing` reads a project, every outlet, open work, alliance members, collaboration
history and the coordinator's rejections, and runs :func:`planner.graph.staffing.suggest`.
:func:`apply_suggestions` writes the chosen suggestions as planned assignments in **one
transaction with one change-log entry** (entity ``suggestion`` on the project, listing every piece
and why it was proposed) — after checking against the plan as it is now that they add no finding;
:func:`withdraw_suggestions` and :func:`reapply_suggestions` are its undo and redo, each one entry
too. Rejections (a suggestion turned down, with a reason, remembered for the project) live in
:mod:`planner.services.rejections`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from planner.domain.changes import Changes
from planner.domain.enums import ACTIVE_STATUSES, Action, Entity, Format, Status
from planner.domain.errors import StaleError, ValidationError
from planner.domain.findings import finding_text
from planner.domain.rows import ProjectPlan, StageRow
from planner.domain.text import name_key
from planner.domain.timefmt import PLAN_TZ, day_end, day_start
from planner.graph.staffing import (
    StaffingInput,
    StaffingResult,
    Suggestion,
    Weights,
    suggest,
    suggestion_text,
)
from planner.graph.staffing.check import new_findings
from planner.services import queries
from planner.services.unit import unit
from planner.store.convert import assignment_row
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Stage

_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_INACTIVE = [s.value for s in Status if s not in ACTIVE_STATUSES]
_CHUNK = 500  # ids per IN (…)
#: The collaboration window that decides who is isolated: this long before the project starts.
ISOLATION_DAYS = 365


# -- reading -----------------------------------------------------------------------------------------
def resolve_stages(plan: ProjectPlan, refs: Iterable[str]) -> tuple[uuid.UUID, ...]:
    """Stages of ``plan`` by id, position number or exact title; a stage of another project is refused."""
    out: list[uuid.UUID] = []
    by_key = {name_key(st.title): st for st in plan.stages}
    for ref in refs:
        text = str(ref).strip()
        if not text:
            continue
        st: StageRow | None = None
        if text.isdigit():
            st = next((s for s in plan.stages if s.position == int(text)), None)
        if st is None:
            st = by_key.get(name_key(text))
        if st is None:
            st = next((s for s in plan.stages if str(s.id) == text or str(s.id).startswith(text.lower())), None) \
                if len(text) >= 8 else None
        if st is None:
            raise ValidationError("stage_not_in_project", field="stages", ref=text, project=plan.project.title)
        out.append(st.id)
    return tuple(dict.fromkeys(out))


def _period(plan: ProjectPlan) -> tuple[date, date]:
    """The project's period: its dates, else its stages' times, else today."""
    times = [st.starts_at.astimezone(PLAN_TZ).date() for st in plan.stages if st.starts_at is not None]
    start = plan.project.starts_on or (min(times) if times else datetime.now(PLAN_TZ).date())
    end = plan.project.ends_on or (max(times) if times else start)
    return start, max(start, end)


def isolated_outlets(db: Database, start: date, end: date) -> frozenset[uuid.UUID]:
    """Outlets that did not cover any stage together with another outlet between ``start`` and ``end``
    (the complement of the outlets that did; outlets with no work at all are isolated too)."""
    from sqlalchemy import exists

    from planner.store.models import Outlet

    a1 = Assignment.__table__.alias("a1")
    a2 = Assignment.__table__.alias("a2")
    s = Stage.__table__
    # The period's stages by an IN subquery and the status by NOT IN: SQLite then walks the pieces of
    # those stages by the stage index and probes each stage once for a partner's piece (an IN list of
    # the active statuses made it walk every active piece by the status index: 0.5 s on 30,000 pieces).
    in_period = select(s.c.id).where(s.c.starts_at.is_not(None), s.c.starts_at >= day_start(start),
                                     s.c.starts_at < day_end(end))
    partner = exists().where(a2.c.stage_id == a1.c.stage_id, a2.c.outlet_id != a1.c.outlet_id,
                             a2.c.status.not_in(_INACTIVE))
    q = select(a1.c.outlet_id).where(a1.c.stage_id.in_(in_period), a1.c.status.not_in(_INACTIVE), partner).distinct()
    with db.engine.connect() as conn:
        together = set(conn.execute(q).scalars())
        everyone = set(conn.execute(select(Outlet.id)).scalars())
    return frozenset(everyone - together)


def collaboration_history(db: Database, outlet_ids: Iterable[uuid.UUID],
                          partner_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, frozenset[uuid.UUID]]:
    """For each of ``outlet_ids``, which of ``partner_ids`` it has ever covered a stage with."""
    mine, theirs = list(dict.fromkeys(outlet_ids)), list(dict.fromkeys(partner_ids))
    if not mine or not theirs:
        return {}
    a1 = Assignment.__table__.alias("a1")
    a2 = Assignment.__table__.alias("a2")
    q = (select(a1.c.outlet_id, a2.c.outlet_id).join(a2, a2.c.stage_id == a1.c.stage_id)
         .where(a1.c.outlet_id.in_(mine), a2.c.outlet_id.in_(theirs), a1.c.outlet_id != a2.c.outlet_id,
                a1.c.status.not_in(_INACTIVE), a2.c.status.not_in(_INACTIVE)).distinct())  # NOT IN: see above
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    with db.engine.connect() as conn:
        for o, p in conn.execute(q):
            out[o].add(p)
    return {o: frozenset(ps) for o, ps in out.items()}


def bookings(db: Database, person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[tuple[datetime, datetime]]]:
    """The stage times each person is already on (active pieces, any project).

    Two steps on purpose: given the people and the pieces' statuses in one join, SQLite walks every
    active assignment and probes the people list for each (0.3 s of CPU on 3,000 assignments).
    """
    ids = list(dict.fromkeys(person_ids))
    links: list[tuple[uuid.UUID, uuid.UUID]] = []
    out: dict[uuid.UUID, list[tuple[datetime, datetime]]] = defaultdict(list)
    with db.engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            q = select(AssignmentPerson.person_id, AssignmentPerson.assignment_id).where(
                AssignmentPerson.person_id.in_(ids[start:start + _CHUNK]))  # type: ignore[attr-defined]
            links.extend((pid, aid) for pid, aid in conn.execute(q))
        when: dict[uuid.UUID, tuple[datetime, datetime]] = {}
        pieces = list({aid for _pid, aid in links})
        for start in range(0, len(pieces), _CHUNK):
            q = (select(Assignment.id, Stage.starts_at, Stage.ends_at)
                 .join(Stage, Stage.id == Assignment.stage_id)
                 .where(Assignment.id.in_(pieces[start:start + _CHUNK]), Assignment.status.not_in(_INACTIVE),  # type: ignore[attr-defined]
                        Stage.starts_at.is_not(None), Stage.time_tbc.is_(False)))  # type: ignore[union-attr, attr-defined]
            for aid, begin, end in conn.execute(q):
                when[aid] = (begin, end if end is not None and end >= begin else begin)
    for pid, aid in links:
        if aid in when:
            out[pid].append(when[aid])
    return dict(out)


def staffing_input(
    db: Database, project_id: uuid.UUID, *, stage_refs: Sequence[str] = (), alliance_ids: Sequence[uuid.UUID] = (),
    weights: Weights | None = None, must_produce: Sequence[Format] = (), travel_kmh: float | None = None,
    time_limit: float = 10.0, plan: ProjectPlan | None = None,
) -> StaffingInput:
    """Everything :func:`planner.graph.staffing.suggest` needs about a project, read in a few queries.

    Raises ``no_stages`` for a project without stages and ``stage_not_in_project`` for a stage
    reference that is not one of its stages.
    """
    from planner.services.availability import busy
    from planner.services.rejections import rejected_pairs
    from planner.services.settings import travel_kmh as setting_kmh

    plan = plan or queries.load_plan(db, project_id)
    if not plan.stages:
        raise ValidationError("no_stages", field="project", project=plan.project.title)
    scope = resolve_stages(plan, stage_refs) if stage_refs else None
    outlets = {o.id: o for o in queries.list_outlets(db)}
    allowed: frozenset[uuid.UUID] | None = None
    names: list[str] = []
    if alliance_ids:
        members: set[uuid.UUID] = set()
        by_id = {a.id: a for a in queries.list_alliances(db)}
        for aid in dict.fromkeys(alliance_ids):
            members |= {m.outlet_id for m in queries.list_memberships(db, alliance_id=aid)}
            if aid in by_id:
                names.append(by_id[aid].name)
        allowed = frozenset(members)
    start, end = _period(plan)
    people: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for p in queries.list_people(db):
        if p.active:
            people[p.outlet_id].append(p)
    times = [t for st in plan.stages if not st.time_tbc for t in (st.starts_at, st.ends_at) if t is not None]
    away = busy(db, [p.id for rows in people.values() for p in rows], min(times), max(times) + timedelta(seconds=1)) \
        if times else {}
    return StaffingInput(
        plan=plan, outlets=outlets, open_counts=queries.open_assignment_counts(db), stage_ids=scope,
        allowed=allowed, alliance_names=tuple(names),
        isolated=isolated_outlets(db, start - timedelta(days=ISOLATION_DAYS), end),
        rejected=rejected_pairs(db, project_id),
        people={oid: tuple(rows) for oid, rows in people.items()}, away={pid: tuple(b) for pid, b in away.items()},
        must_produce=tuple(must_produce), weights=(weights or Weights()).check(),
        travel_kmh=travel_kmh if travel_kmh is not None else setting_kmh(db), time_limit=time_limit,
        history=lambda mine, theirs: collaboration_history(db, mine, theirs),
        bookings=lambda pids: bookings(db, pids),
    )


def suggest_staffing(db: Database, project_id: uuid.UUID, **options: Any) -> StaffingResult:
    """Suggestions for a project's holes (options as :func:`staffing_input`)."""
    return suggest(staffing_input(db, project_id, **options))


# -- writing -----------------------------------------------------------------------------------------
def _logged(s: Suggestion, aid: uuid.UUID) -> dict[str, Any]:
    """One piece of a change-log entry, JSON-ready (``to_json`` flattens only the top level)."""
    return {"id": str(aid), "stage_id": str(s.stage_id), "stage": s.stage_title, "outlet_id": str(s.outlet_id),
            "outlet": s.outlet_name, "role": s.role.value, "format": s.format.value,
            "due_at": s.due_at.isoformat() if s.due_at else None, "person_ids": [str(p) for p in s.person_ids],
            "why": suggestion_text(s, "zh")}


def _by_id(logged: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The pieces of an entry keyed by id (the log keeps nested mappings as they are, not lists of them)."""
    return {piece["id"]: piece for piece in logged}


def _logged_row(values: Any) -> dict[str, Any]:
    return {k: str(values[k]) for k in ("id", "stage_id", "outlet_id", "role", "format")}


def check_still_good(db: Database, project_id: uuid.UUID, suggestions: Sequence[Suggestion]) -> None:
    """Refuse (``suggestions_stale``) suggestions that would now add a finding to the plan as it is."""
    from planner.services.availability import busy
    from planner.services.settings import travel_kmh

    plan = queries.load_plan(db, project_id)
    outlet_ids = {s.outlet_id for s in suggestions}
    outlets = {o.id: o for o in queries.list_outlets(db, ids=list(outlet_ids))}
    person_ids = {p for s in suggestions for p in s.person_ids}
    people = {p.id: p for oid in outlet_ids for p in queries.list_people(db, outlet_id=oid) if p.id in person_ids}
    times = [t for st in plan.stages if not st.time_tbc for t in (st.starts_at, st.ends_at) if t is not None]
    away = busy(db, person_ids, min(times), max(times) + timedelta(seconds=1)) if times and person_ids else {}
    found = new_findings(plan, list(suggestions), outlets, people,
                         open_counts=queries.open_assignment_counts(db, outlet_ids=set(plan.outlets) | outlet_ids),
                         travel_kmh=travel_kmh(db), away={pid: tuple(b) for pid, b in away.items()})
    if found:
        raise ValidationError("suggestions_stale", field="suggestions", finding=finding_text(found[0], "zh"),
                              finding_en=finding_text(found[0], "en"))


def apply_suggestions(
    db: Database, *, project_id: uuid.UUID, suggestions: Sequence[Suggestion],
    ids: dict[str, uuid.UUID] | None = None, check: bool = True,
) -> Changes:
    """Write ``suggestions`` as planned assignments: one transaction, one change-log entry.

    ``ids`` fixes the new assignments' ids by suggestion key. Refused, with nothing written, if a
    stage is not of the project, a person not of the outlet, or (``check``) the plan has changed so
    that a suggestion would now add a finding.
    """
    from planner.services.assignments import _check_people

    if not suggestions:
        raise ValidationError("no_suggestions", field="suggestions")
    keys = [s.key for s in suggestions]
    if len(set(keys)) != len(keys):
        raise ValidationError("invalid", field="suggestions", detail="the same suggestion twice / 同一建议重复")
    if check:
        check_still_good(db, project_id, suggestions)
    with unit(db) as tx:
        project = tx.get(Entity.PROJECT, project_id)
        rows = []
        logged = []
        for s in suggestions:
            stage = tx.get(Entity.STAGE, s.stage_id)
            if stage.project_id != project_id:
                raise ValidationError("stage_not_in_project", field="suggestions", ref=stage.title, project=project.title)
            tx.get(Entity.OUTLET, s.outlet_id)
            people = _check_people(tx, s.outlet_id, s.person_ids)
            aid = (ids or {}).get(s.key) or uuid.uuid4()
            obj = Assignment(id=aid, stage_id=s.stage_id, outlet_id=s.outlet_id, role=s.role.value,
                             format=s.format.value, status=Status.PLANNED.value, due_at=s.due_at)
            tx.add(Entity.ASSIGNMENT, obj, log=False)
            tx.flush()
            for pid in people:
                tx.s.add(AssignmentPerson(assignment_id=aid, person_id=pid))
            rows.append(assignment_row(obj.model_dump(), tuple(people)))
            logged.append(_logged(s, aid))
        tx.log(Entity.SUGGESTION, project_id, Action.CREATE, None,
               {"project_id": project_id, "count": len(logged), "assignments": _by_id(logged)})
        return tx.changes(row=rows[0], rows=tuple(rows))


def withdraw_suggestions(db: Database, *, project_id: uuid.UUID, versions: dict[uuid.UUID, int | None]) -> Changes:
    """Take applied suggestions back (undo): each assignment must be as it was left (``versions``);
    one transaction, one change-log entry. The removed records are kept in ``Changes.removed``."""
    with unit(db) as tx:
        tx.get(Entity.PROJECT, project_id)
        logged = []
        for aid, version in versions.items():
            obj = tx.get(Entity.ASSIGNMENT, aid)
            if version is not None and obj.version != version:
                raise StaleError(what="报道任务")
            logged.append(_logged_row({"id": aid, "stage_id": obj.stage_id, "outlet_id": obj.outlet_id,
                                       "role": obj.role, "format": obj.format}))
            tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.assignment_id == aid)
            tx.remove(Entity.ASSIGNMENT, obj, log=False)
        tx.log(Entity.SUGGESTION, project_id, Action.DELETE, {"count": len(logged), "assignments": _by_id(logged)},
               None)
        return tx.changes()


def reapply_suggestions(db: Database, *, project_id: uuid.UUID, removed: Changes) -> Changes:
    """Put withdrawn suggestions back with their ids (redo): one transaction, one change-log entry.

    Refused as "changed elsewhere" if a record is back already, its stage or outlet is gone, or
    they would now add a finding to the plan.
    """
    from sqlalchemy.exc import IntegrityError

    pieces = [snap.values for snap in removed.removed if snap.entity is Entity.ASSIGNMENT]
    links = [snap.values for snap in removed.removed if snap.entity is Entity.ASSIGNMENT_PERSON]
    with unit(db) as tx:
        tx.get(Entity.PROJECT, project_id)
        logged = []
        for values in pieces:
            if tx.s.get(Assignment, values["id"]) is not None:
                raise StaleError(what="报道任务")
            try:
                tx.s.execute(insert(Assignment).values(**values))
            except IntegrityError:
                raise StaleError(what="报道任务") from None
            tx.created.append((Entity.ASSIGNMENT, values["id"]))
            tx.versions[values["id"]] = values["version"]
            logged.append(_logged_row(values))
        for values in links:
            try:
                tx.s.execute(insert(AssignmentPerson).values(**values))
            except IntegrityError:
                raise StaleError(what="任务人员") from None
        tx.flush()
        plan = _plan_in(tx, project_id)
        if plan is not None and _adds_findings(db, plan, {v["id"] for v in pieces}):
            raise StaleError(what="报道任务")
        tx.log(Entity.SUGGESTION, project_id, Action.RESTORE, None,
               {"count": len(logged), "assignments": _by_id(logged)})
        return tx.changes()


def _plan_in(tx: Any, project_id: uuid.UUID) -> ProjectPlan | None:
    """The project's plan as this transaction sees it (its own uncommitted writes included)."""
    from planner.store import convert
    from planner.store.models import Outlet, Project

    project = tx.s.get(Project, project_id)
    if project is None:
        return None
    stages = [convert.stage_row(s.model_dump()) for s in tx.s.execute(
        select(Stage).where(Stage.project_id == project_id).order_by(Stage.position)).scalars()]
    ids = [s.id for s in stages]
    found = tx.s.execute(select(Assignment).where(Assignment.stage_id.in_(ids))).scalars().all() if ids else []  # type: ignore[attr-defined]
    links: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if found:
        for aid, pid in tx.s.execute(select(AssignmentPerson.assignment_id, AssignmentPerson.person_id)
                                     .where(AssignmentPerson.assignment_id.in_([a.id for a in found]))):  # type: ignore[attr-defined]
            links[aid].append(pid)
    rows = tuple(convert.assignment_row(a.model_dump(), tuple(links.get(a.id, ()))) for a in found)
    outlet_ids = {a.outlet_id for a in rows}
    outlets = {o.id: convert.outlet_row(o.model_dump()) for o in
               tx.s.execute(select(Outlet).where(Outlet.id.in_(outlet_ids))).scalars()} if outlet_ids else {}  # type: ignore[attr-defined]
    from planner.services.availability import unavailable_during

    return ProjectPlan(convert.project_row(project.model_dump()), tuple(stages), rows, outlets, {},
                       unavailable_during(tx.db, stages, rows))


def _adds_findings(db: Database, plan: ProjectPlan, ids: set[uuid.UUID]) -> bool:
    """Whether the pieces ``ids`` of ``plan`` bring findings the plan without them does not have."""
    from dataclasses import replace

    from planner.graph.analysis import analyze_plan
    from planner.graph.staffing.check import finding_key
    from planner.services.settings import travel_kmh

    kmh = travel_kmh(db)
    # read on another connection: the committed counts, without this transaction's pieces
    before_counts = queries.open_assignment_counts(db, outlet_ids=set(plan.outlets))
    after_counts = dict(before_counts)
    for a in plan.assignments:
        if a.id in ids:
            after_counts[a.outlet_id] = after_counts.get(a.outlet_id, 0) + 1
    without = replace(plan, assignments=tuple(a for a in plan.assignments if a.id not in ids))
    before = {finding_key(f) for f in analyze_plan(without, travel_kmh=kmh, open_counts=before_counts)}
    return any(finding_key(f) not in before for f in analyze_plan(plan, travel_kmh=kmh, open_counts=after_counts))
