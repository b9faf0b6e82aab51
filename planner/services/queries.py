"""Read-only use cases: lists, lookups by reference, and whole project plans as frozen rows."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, func, literal_column, or_, select, type_coerce

from planner.domain.enums import Entity, Status
from planner.domain.errors import NotFoundError, ValidationError
from planner.domain.ids import parse_uuid
from planner.domain.rows import (
    AllianceRow,
    AssignmentRow,
    ChangeLogRow,
    MembershipRow,
    OutletRow,
    PersonRow,
    ProjectPlan,
    ProjectRow,
    StageRow,
)
from planner.domain.text import name_key
from planner.services.availability import unavailable_during
from planner.store import convert
from planner.store.database import Database
from planner.store.fast import (
    Converters,
    ModelTemplate,
    RowCache,
    Template,
    assignment_rows,
    cached_rows,
    ids_value,
    in_ids,
    project_assignment_rows,
    project_stage_ids,
    template_rows,
)
from planner.store.models import (
    Alliance,
    Assignment,
    AssignmentPerson,
    ChangeLog,
    Membership,
    Note,
    Outlet,
    Person,
    Project,
    Stage,
    StageDependency,
)


def _cols(model: Any) -> list[Any]:
    return list(model.__table__.columns)


# Frozen rows kept between reads (see RowCache): every reload of a plan or matrix reads them again.
_OUTLETS = RowCache(20_000)
_PEOPLE = RowCache(50_000)
_STAGES = RowCache(20_000)
_CELLS = RowCache(100_000)
_ASSIGNMENTS = RowCache(100_000)
_PROJECTS = RowCache(1_000)


def clear_row_caches() -> None:
    """Forget the rows kept between reads (benchmarks measure the first read with it)."""
    for cache in (_OUTLETS, _PEOPLE, _STAGES, _CELLS, _ASSIGNMENTS, _PROJECTS):
        cache.clear()

_OUTLET_COLUMNS = [c.key for c in Outlet.__table__.columns if c.key not in ("created_at", "name_key")]  # type: ignore[attr-defined]
_PERSON_COLUMNS = [c.key for c in Person.__table__.columns if c.key not in ("created_at", "updated_at")]  # type: ignore[attr-defined]
_OUTLET_ORDER = (Outlet.tier, Outlet.adcode, Outlet.name)

# The hot reads of opening a project, compiled once (see Template); each takes bindparam("project").
_PROJECT_OUTLETS = ModelTemplate(  # the outlets assigned in a project, by a subquery (an IN list costs a parameter each)
    Outlet, _OUTLET_COLUMNS,
    lambda: [Outlet.id.in_(select(Assignment.outlet_id).where(Assignment.stage_id.in_(project_stage_ids())))],  # type: ignore[attr-defined]
    lambda: _OUTLET_ORDER)
_PROJECT_STAGES = ModelTemplate(Stage, None, lambda: [Stage.project_id == bindparam("project")],
                                lambda: [Stage.position])
_PROJECT_DEPENDENCIES = Template(lambda sqlite: (  # ids as stored on SQLite: Converters parse them faster
    select(*_text_ids(sqlite, StageDependency.stage_id, StageDependency.depends_on_id))
    .join(Stage, Stage.id == StageDependency.stage_id)
    .where(Stage.project_id == bindparam("project"))))
_PROJECT_CREWS = Template(lambda sqlite: (
    select(*_text_ids(sqlite, AssignmentPerson.assignment_id, AssignmentPerson.person_id))
    .join(Assignment, Assignment.id == AssignmentPerson.assignment_id)
    .where(Assignment.stage_id.in_(project_stage_ids()))))  # type: ignore[attr-defined]



def _stage_notes(_sqlite: bool) -> Any:
    from planner.services.notes import _COLUMNS

    return select(*_COLUMNS).where(Note.stage_id.in_(project_stage_ids())).order_by(Note.created_at, Note.id)  # type: ignore[union-attr]


_PROJECT_STAGE_NOTES = Template(_stage_notes)
_StageNote = NamedTuple("_StageNote", [(n, Any) for n in (
    "id", "stage_id", "assignment_id", "author", "body", "created_at", "updated_at", "version")])


def _text_ids(sqlite: bool, *columns: Any) -> list[Any]:
    return [type_coerce(c, String) for c in columns] if sqlite else list(columns)


def list_outlets(db: Database, *, ids: list[uuid.UUID] | None = None) -> list[OutletRow]:
    with db.engine.connect() as conn:
        return _outlets(conn, ids)


def _outlets(conn: Any, ids: list[uuid.UUID] | None) -> list[OutletRow]:
    return _outlets_where(conn, [Outlet.id.in_(ids)] if ids is not None else [])  # type: ignore[attr-defined]


def _outlets_where(conn: Any, where: list[Any]) -> list[OutletRow]:
    return cached_rows(conn, Outlet, _OUTLET_COLUMNS, convert.outlet_row, _OUTLETS, where=where,
                       order_by=_OUTLET_ORDER)


def list_alliances(db: Database) -> list[AllianceRow]:
    with db.reader() as s:
        return [convert.alliance_row(r._mapping) for r in s.execute(select(*_cols(Alliance)).order_by(Alliance.name))]


def list_memberships(db: Database, *, alliance_id: uuid.UUID | None = None) -> list[MembershipRow]:
    q = select(*_cols(Membership))
    if alliance_id is not None:
        q = q.where(Membership.alliance_id == alliance_id)
    with db.reader() as s:
        return [convert.membership_row(r._mapping) for r in s.execute(q)]


def list_people(db: Database, *, outlet_id: uuid.UUID | None = None) -> list[PersonRow]:
    """People by outlet and name, as frozen rows shared with the plan reads (:data:`_PEOPLE`): the
    workspace reads everyone into its directory before a project is opened, so opening a project
    finds its outlets' people already built (~7 ms of the large project's first open)."""
    where = [Person.outlet_id == outlet_id] if outlet_id is not None else []
    with db.engine.connect() as conn:
        return cached_rows(conn, Person, _PERSON_COLUMNS, convert.person_row, _PEOPLE, where=where,
                           order_by=(Person.outlet_id, Person.name))


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    project: ProjectRow
    stages: int
    assignments: int
    outlets: int


def project_counts_query() -> Any:
    """Each project's number of assignments and of distinct outlets among them.

    ``count(*)``, not ``count(id)``: both counts then come from the covering index
    ``ix_assignment_stage_outlet`` without reading the assignments' rows (0.13 s instead of 0.2-0.3 s
    on 200,000 assignments, at every start-up).
    """
    return (select(Stage.project_id, func.count(), func.count(func.distinct(Assignment.outlet_id)))
            .join(Assignment, Assignment.stage_id == Stage.id)
            .group_by(Stage.project_id))


def list_projects(db: Database) -> list[ProjectSummary]:
    with db.reader() as s:
        projects = [convert.project_row(r._mapping) for r in s.execute(select(*_cols(Project)).order_by(Project.starts_on.desc(), Project.title))]  # type: ignore[union-attr]
        stages = dict(s.execute(select(Stage.project_id, func.count()).group_by(Stage.project_id)).all())
        counts = {pid: (n, o) for pid, n, o in s.execute(project_counts_query()).all()}
    return [ProjectSummary(p, stages.get(p.id, 0), *counts.get(p.id, (0, 0))) for p in projects]


def _resolve(db: Database, model: Any, ref: str, key_col: Any, extra: list[Any], entity: Entity, what: str) -> Any:
    ref = str(ref).strip()
    if not ref:
        raise ValidationError("empty", what=what)
    with db.reader() as s:
        as_id = parse_uuid(ref)
        if as_id is not None:
            row = s.execute(select(*_cols(model)).where(model.id == as_id)).first()
            if row is not None:
                return row._mapping
        conds = [key_col == name_key(ref), *[c == ref for c in extra]]
        rows = s.execute(select(*_cols(model)).where(or_(*conds))).all()
        if not rows and len(ref) >= 8 and all(ch in "0123456789abcdef-" for ch in ref.lower()):
            rows = s.execute(select(*_cols(model)).where(func.lower(func.cast(model.id, String)).like(ref.replace("-", "").lower() + "%"))).all()
    if not rows:
        raise NotFoundError(what=what, ref=ref)
    if len(rows) > 1:
        raise ValidationError("ambiguous", what=what, ref=ref)
    return rows[0]._mapping


def resolve_project(db: Database, ref: str) -> ProjectRow:
    """A project by id (or id prefix), code or exact title."""
    return convert.project_row(_resolve(db, Project, ref, Project.title_key, [Project.code], Entity.PROJECT, "项目"))


def resolve_outlet(db: Database, ref: str) -> OutletRow:
    """An outlet by id, name or short name."""
    return convert.outlet_row(_resolve(db, Outlet, ref, Outlet.name_key, [Outlet.short_name], Entity.OUTLET, "媒体单位"))


def resolve_alliance(db: Database, ref: str) -> AllianceRow:
    return convert.alliance_row(_resolve(db, Alliance, ref, Alliance.name_key, [], Entity.ALLIANCE, "联合体"))


def resolve_person(db: Database, ref: str) -> PersonRow:
    return convert.person_row(_resolve(db, Person, ref, Person.name, [], Entity.PERSON, "人员"))


def get_project(db: Database, project_id: uuid.UUID) -> ProjectRow:
    return resolve_project(db, str(project_id))


def load_stages(db: Database, project_id: uuid.UUID) -> list[StageRow]:
    with db.engine.connect() as conn:
        return _stages(conn, project_id)


def _stages(conn: Any, project_id: uuid.UUID) -> list[StageRow]:
    values = {"project": project_id}
    deps: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    u = Converters().uuid
    for sid, did in _PROJECT_DEPENDENCIES.rows(conn, values):
        deps[u(sid)].append(u(did))  # type: ignore[index]
    rows = template_rows(conn, _PROJECT_STAGES, values, convert.stage_row, _STAGES)
    rows = [replace(r, depends_on=tuple(deps[r.id])) if r.id in deps else r for r in rows]
    # a stage's notes are its thread (the note table), as text: a note never changes the stage's version,
    # so the thread is read every time rather than kept with the cached row
    from planner.services.notes import note_row, with_thread

    notes: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for r in _PROJECT_STAGE_NOTES.rows(conn, values):  # as notes.project_threads(stages only) reads them
        note = note_row(_StageNote(*r))
        notes[note.target_id].append(note)
    return [replace(r, notes=with_thread(r.notes, notes[r.id])) if r.id in notes else r for r in rows]


def load_assignments(db: Database, *, stage_ids: list[uuid.UUID] | None = None, project_id: uuid.UUID | None = None) -> list[AssignmentRow]:
    with db.engine.connect() as conn:
        people: dict[Any, list[Any]] = defaultdict(list)  # stored ids, as the crews' select returns them
        if project_id is not None:
            return _project_assignments(conn, project_id)
        where: list[Any] = []
        pq = select(*_text_ids(conn.dialect.name == "sqlite", AssignmentPerson.assignment_id,
                               AssignmentPerson.person_id)).join(
            Assignment, Assignment.id == AssignmentPerson.assignment_id
        )
        if stage_ids is not None:
            where.append(Assignment.stage_id.in_(stage_ids))  # type: ignore[attr-defined]
            pq = pq.where(Assignment.stage_id.in_(stage_ids))  # type: ignore[attr-defined]
        for aid, pid in conn.execute(pq):
            people[aid].append(pid)
        return assignment_rows(conn, where, people)


# A plan's people and outlets by the ids read before, each list bound as one value (see fast.in_ids).
_PLAN_PEOPLE = ModelTemplate(Person, _PERSON_COLUMNS, tuple, dialect_where=lambda sqlite: [
    or_(in_ids(Person.id, "people", sqlite), in_ids(Person.outlet_id, "outlets", sqlite))])
_NAMED_PEOPLE = ModelTemplate(Person, _PERSON_COLUMNS, tuple, dialect_where=lambda sqlite: [
    in_ids(Person.id, "people", sqlite)])
_PLAN_OUTLETS = ModelTemplate(Outlet, _OUTLET_COLUMNS, tuple, lambda: _OUTLET_ORDER,
                              dialect_where=lambda sqlite: [in_ids(Outlet.id, "outlets", sqlite)])


def _assignment_notes() -> Any:
    from planner.services.notes import _COLUMNS

    # joined, not `IN (SELECT … IN (SELECT …))`: SQLite built the list of the project's 1,500 assignment ids
    # first and probed the notes with it (~1.1 ms with no note at all; ~0.35 ms joined, the same rows)
    return (select(*_COLUMNS)
            .join(Assignment, Assignment.id == Note.assignment_id)  # type: ignore[arg-type]
            .join(Stage, Stage.id == Assignment.stage_id)  # type: ignore[arg-type]
            .where(Stage.project_id == bindparam("project"))
            .order_by(Note.created_at, Note.id))


_PROJECT_ASSIGNMENT_NOTES = Template(lambda _sqlite: _assignment_notes())


def _project_assignments(conn: Any, project_id: uuid.UUID) -> list[AssignmentRow]:
    people: dict[Any, list[Any]] = defaultdict(list)  # stored ids, as the crews' select returns them
    for aid, pid in _PROJECT_CREWS.rows(conn, {"project": project_id}):
        people[aid].append(pid)
    return project_assignment_rows(conn, project_id, people, _ASSIGNMENTS)


# The project itself, by its id: a compiled statement in load_plan's connection (get_project resolves
# a reference through the ORM, ~0.8 ms of a ~15 ms plan read); a missing project still raises its error.
_PLAN_PROJECT = ModelTemplate(Project, None, lambda: [Project.id == bindparam("project")])


def load_plan(db: Database, project_id: uuid.UUID, *, staff: bool = True) -> ProjectPlan:
    """The project, its stages (in order, with dependencies), assignments, and the outlets and people involved.

    ``people``: those the plan names (its pieces' people, its coordinator) and, with ``staff``, every
    person of its outlets too (an export's sheet per person, the staffing check). The workspace reads
    everyone once into its directory and asks for the named ones only (the large project names 94 of
    its outlets' 897 people).

    One connection, and every read a statement compiled once (see :class:`~planner.store.fast.Template`);
    the ids of people and outlets go in as one bound value each (:func:`~planner.store.fast.in_ids`).
    """
    with db.engine.connect() as conn:
        found = template_rows(conn, _PLAN_PROJECT, {"project": project_id}, convert.project_row, _PROJECTS)
        project = found[0] if found else get_project(db, project_id)  # not there: get_project's NotFoundError
        stages = _stages(conn, project_id)
        assignments = _project_assignments(conn, project_id)
        # deduplicated by .int (hashes in C; uuid.UUID.__hash__ is a Python call, 1,500 of them here)
        outlet_ids = set({a.outlet_id.int: a.outlet_id for a in assignments}.values())
        if project.lead_outlet_id:
            outlet_ids.add(project.lead_outlet_id)
        people_ids = {p for a in assignments for p in a.person_ids}
        if project.coordinator_id:
            people_ids.add(project.coordinator_id)
        if staff:
            found_people = template_rows(conn, _PLAN_PEOPLE, {"people": ids_value(conn, people_ids),
                                                              "outlets": ids_value(conn, outlet_ids)},
                                         convert.person_row, _PEOPLE)
        else:
            found_people = template_rows(conn, _NAMED_PEOPLE, {"people": ids_value(conn, people_ids)},
                                         convert.person_row, _PEOPLE)
        people = {p.id: p for p in found_people}
        outlet_ids |= {p.outlet_id for p in people.values() if p.outlet_id is not None}
        outlets = {o.id: o for o in template_rows(
            conn, _PLAN_OUTLETS, {"outlets": ids_value(conn, outlet_ids)}, convert.outlet_row, _OUTLETS)}
        notes: dict[uuid.UUID, list[Any]] = defaultdict(list)
        if assignments:
            from planner.services.notes import note_row

            for r in _PROJECT_ASSIGNMENT_NOTES.rows(conn, {"project": project_id}):  # as notes.project_threads reads them
                note = note_row(_StageNote(*r))
                notes[note.target_id].append(note)
    order = {st.id.int: st.position for st in stages}
    # .int orders like str() (fixed-width hex) without formatting 1,500 strings, and keys in C
    assignments.sort(key=lambda a: (order.get(a.stage_id.int, 0), a.role != "lead", a.outlet_id.int))
    if notes:
        from planner.services.notes import with_thread

        assignments = [replace(a, notes=with_thread(a.notes, notes[a.id])) if a.id in notes else a for a in assignments]
    return ProjectPlan(project, tuple(stages), tuple(assignments), outlets, people,
                       unavailable_during(db, stages, assignments))


def change_log(db: Database, *, entity_id: uuid.UUID | None = None, limit: int = 200) -> list[ChangeLogRow]:
    q = select(*_cols(ChangeLog)).order_by(ChangeLog.at.desc()).limit(limit)  # type: ignore[attr-defined]
    if entity_id is not None:
        q = q.where(ChangeLog.entity_id == entity_id)
    with db.reader() as s:
        return [
            ChangeLogRow(r.id, r.at, r.desk, r.entity, r.entity_id, r.action, r.before, r.after) for r in s.execute(q)
        ]


def counts(db: Database) -> dict[str, int]:
    """Row counts of the main tables (for status bars and the CLI)."""
    out = {}
    with db.reader() as s:
        for name, model in (("outlets", Outlet), ("alliances", Alliance), ("people", Person), ("projects", Project),
                            ("stages", Stage), ("assignments", Assignment)):
            out[name] = s.execute(select(func.count()).select_from(model)).scalar() or 0
    return out


def open_assignment_counts(db: Database, *, outlet_ids: Iterable[uuid.UUID] | None = None) -> dict[uuid.UUID, int]:
    """Open (planned/confirmed/in progress) assignments per outlet, across all projects.

    ``outlet_ids`` limits the count to those outlets (a plan's): through the outlet index instead
    of a scan of every assignment (200,000 of them in the synth database).
    """
    if outlet_ids is not None:  # a statement compiled once, the ids bound as one value (see fast.in_ids)
        with db.engine.connect() as conn:
            u = Converters().uuid
            return {u(oid): n for oid, n in _OPEN_COUNTS.rows(conn, {"outlets": ids_value(conn, outlet_ids)})}  # type: ignore[misc]
    q = select(Assignment.outlet_id, func.count()).where(Assignment.status.in_(_OPEN_CODES))  # type: ignore[attr-defined]
    with db.reader() as s:
        return dict(s.execute(q.group_by(Assignment.outlet_id)).all())  # type: ignore[attr-defined]


_OPEN_CODES = (Status.PLANNED.value, Status.CONFIRMED.value, Status.IN_PROGRESS.value)
_OPEN_COUNTS = Template(lambda sqlite: (  # the fixed codes as literals: a Template binds only the values it is given
    select(*_text_ids(sqlite, Assignment.outlet_id), func.count())
    .where(Assignment.status.in_([literal_column(f"'{c}'") for c in _OPEN_CODES]))  # type: ignore[attr-defined]
    .where(in_ids(Assignment.outlet_id, "outlets", sqlite))
    .group_by(Assignment.outlet_id)))


def load_assignments_by_id(db: Database, ids: list[uuid.UUID]) -> list[AssignmentRow]:
    if not ids:
        return []
    with db.reader() as s:
        people: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for aid, pid in s.execute(
            select(AssignmentPerson.assignment_id, AssignmentPerson.person_id).where(AssignmentPerson.assignment_id.in_(ids))  # type: ignore[attr-defined]
        ):
            people[aid].append(pid)
        rows = s.execute(select(*_cols(Assignment)).where(Assignment.id.in_(ids))).all()  # type: ignore[attr-defined]
        return [convert.assignment_row(r._mapping, tuple(people.get(r.id, ()))) for r in rows]
