"""Paged reads of assignments for the assignments table (hundreds of thousands of rows).

The table never loads everything: :func:`count_assignments` says how many rows a filter keeps and
:func:`page_assignments` returns the next page after a keyset cursor, joined with the stage,
project and outlet names and the people assigned. Pages are ordered by deadline, ties by rowid (by id off SQLite); rows with
no deadline come after the dated ones (ascending) or before them (descending), so each page is an
index range scan on ``ix_assignment_due_at`` / ``ix_assignment_status_due`` rather than a sort of
the whole table.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.sql import Select

from planner.domain.enums import Format, Role, Status
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Outlet, Person, Project, Stage

#: Rows per page; a page is one indexed query of a few milliseconds.
PAGE_SIZE = 200


@dataclass(frozen=True, slots=True)
class AssignmentFilter:
    """What the assignments table keeps. ``None`` / empty means "any"."""

    project_id: uuid.UUID | None = None
    statuses: tuple[Status, ...] = ()
    outlet_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    due_from: datetime | None = None  # inclusive, aware
    due_to: datetime | None = None  # exclusive, aware


@dataclass(frozen=True, slots=True)
class AssignmentListRow:
    """One line of the assignments table (a frozen row with the names it shows)."""

    id: uuid.UUID
    stage_id: uuid.UUID
    project_id: uuid.UUID
    outlet_id: uuid.UUID
    role: Role
    format: Format
    status: Status
    due_at: datetime | None
    reason: str
    version: int
    stage_title: str
    stage_position: int
    project_title: str
    outlet_name: str
    people: tuple[str, ...] = ()
    person_ids: tuple[uuid.UUID, ...] = ()
    order_key: Any = None  # the tie-breaker of the page order (rowid on SQLite, else the id)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after the row with this deadline (``None`` = undated) and tie-breaker."""

    due_at: datetime | None
    key: Any


def _where(flt: AssignmentFilter) -> list[Any]:
    conds: list[Any] = []
    if flt.project_id is not None:
        conds.append(Assignment.stage_id.in_(select(Stage.id).where(Stage.project_id == flt.project_id)))  # type: ignore[attr-defined]
    if flt.statuses:
        conds.append(Assignment.status.in_([s.value for s in flt.statuses]))  # type: ignore[attr-defined]
    if flt.outlet_id is not None:
        conds.append(Assignment.outlet_id == flt.outlet_id)
    if flt.person_id is not None:
        conds.append(
            Assignment.id.in_(  # type: ignore[attr-defined]
                select(AssignmentPerson.assignment_id).where(AssignmentPerson.person_id == flt.person_id)
            )
        )
    if flt.due_from is not None:
        conds.append(Assignment.due_at >= flt.due_from)  # type: ignore[operator]
    if flt.due_to is not None:
        conds.append(Assignment.due_at < flt.due_to)  # type: ignore[operator]
    return conds


def count_assignments(db: Database, flt: AssignmentFilter = AssignmentFilter()) -> int:
    """How many assignments ``flt`` keeps."""
    stmt = select(func.count()).select_from(Assignment)
    for cond in _where(flt):
        stmt = stmt.where(cond)
    with db.engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def _tiebreak(conn: Any) -> Any:
    """Rows with the same deadline are ordered by SQLite's rowid, which every index already holds
    after its columns, so a page is a pure index range scan (no sort of a large group of ties)."""
    return literal_column("assignment.rowid") if conn.dialect.name == "sqlite" else Assignment.id


def _base(flt: AssignmentFilter, tiebreak: Any = None) -> Select:
    a = Assignment
    stmt = (
        select(
            a.id, a.stage_id, Stage.project_id, a.outlet_id, a.role, a.format, a.status, a.due_at, a.reason,
            a.version, Stage.title, Stage.position, Project.title, Outlet.name, Outlet.short_name,
            tiebreak if tiebreak is not None else a.id,
        )
        .join(Stage, Stage.id == a.stage_id)
        .join(Project, Project.id == Stage.project_id)
        .join(Outlet, Outlet.id == a.outlet_id)
    )
    for cond in _where(flt):
        stmt = stmt.where(cond)
    return stmt


def page_assignments(
    db: Database, flt: AssignmentFilter = AssignmentFilter(), *, after: Cursor | None = None,
    descending: bool = False, limit: int = PAGE_SIZE,
) -> list[AssignmentListRow]:
    """The next ``limit`` rows of ``flt`` after ``after`` (``None`` = from the start), by deadline then id.

    Dated rows come first when ascending, undated rows first when descending.
    """
    a = Assignment
    out: list[AssignmentListRow] = []
    with db.engine.connect() as conn:
        due, aid = a.due_at, _tiebreak(conn)
        order_dated = [due.desc(), aid.desc()] if descending else [due.asc(), aid.asc()]  # type: ignore[union-attr]
        order_undated = [aid.desc()] if descending else [aid.asc()]
        dated = _base(flt, aid).where(due.is_not(None)).order_by(*order_dated)  # type: ignore[union-attr]
        undated = _base(flt, aid).where(due.is_(None)).order_by(*order_undated)  # type: ignore[union-attr]
        # The two groups in display order, each with its keyset condition.
        groups: list[tuple[str, Select]] = (
            [("undated", undated), ("dated", dated)] if descending else [("dated", dated), ("undated", undated)]
        )
        started = after is None
        for name, stmt in groups:
            if len(out) >= limit:
                break
            if not started:
                assert after is not None
                if (after.due_at is None) != (name == "undated"):
                    continue  # the cursor lies in the other group, which comes later
                started = True
                if name == "dated":
                    if descending:
                        stmt = stmt.where(due <= after.due_at, or_(due < after.due_at, aid < after.key))  # type: ignore[operator]
                    else:
                        stmt = stmt.where(due >= after.due_at, or_(due > after.due_at, aid > after.key))  # type: ignore[operator]
                else:
                    stmt = stmt.where(aid < after.key if descending else aid > after.key)  # type: ignore[operator]
            elif after is not None and not _group_after(after, name, descending):
                continue
            rows = conn.execute(stmt.limit(limit - len(out))).all()
            out.extend(_row(r) for r in rows)
        people = _people(conn, [r.id for r in out])
    if people:
        out = [_with_people(r, people.get(r.id, ())) for r in out]
    return out


def _group_after(after: Cursor, group: str, descending: bool) -> bool:
    """Whether ``group`` comes after the group the cursor is in (so it is read from its start)."""
    order = ["undated", "dated"] if descending else ["dated", "undated"]
    mine = "undated" if after.due_at is None else "dated"
    return order.index(group) > order.index(mine)


def cursor_after(row: AssignmentListRow) -> Cursor:
    return Cursor(row.due_at, row.order_key if row.order_key is not None else row.id)


def _row(r: Any) -> AssignmentListRow:
    (aid, sid, pid, oid, role, fmt, status, due, reason, version, stitle, spos, ptitle, oname, oshort, key) = r
    return AssignmentListRow(
        aid, sid, pid, oid, Role(role), Format(fmt), Status(status), due, reason or "", version, stitle, spos,
        ptitle, oshort or oname, order_key=key,
    )


def _people(conn: Any, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[uuid.UUID, str]]]:
    if not ids:
        return {}
    out: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = defaultdict(list)
    stmt = (
        select(AssignmentPerson.assignment_id, Person.id, Person.name)
        .join(Person, Person.id == AssignmentPerson.person_id)
        .where(AssignmentPerson.assignment_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(Person.name)
    )
    for aid, pid, name in conn.execute(stmt):
        out[aid].append((pid, name))
    return out


def _with_people(row: AssignmentListRow, people: Any) -> AssignmentListRow:
    if not people:
        return row
    from dataclasses import replace

    return replace(row, people=tuple(n for _, n in people), person_ids=tuple(p for p, _ in people))


def assignment_row(db: Database, assignment_id: uuid.UUID) -> AssignmentListRow | None:
    """One row as the table shows it (after an edit), or ``None`` if it is gone."""
    with db.engine.connect() as conn:
        r = conn.execute(_base(AssignmentFilter()).where(Assignment.id == assignment_id)).first()
        if r is None:
            return None
        row = _row(r)
        return _with_people(row, _people(conn, [row.id]).get(row.id, ()))


def rows_by_id(db: Database, ids: list[uuid.UUID]) -> list[AssignmentListRow]:
    """Several rows as the table shows them (for refreshing the visible rows after an edit)."""
    if not ids:
        return []
    with db.engine.connect() as conn:
        rows = [_row(r) for r in conn.execute(_base(AssignmentFilter()).where(Assignment.id.in_(ids))).all()]  # type: ignore[attr-defined]
        people = _people(conn, [r.id for r in rows])
    return [_with_people(r, people.get(r.id, ())) for r in rows]




def project_of(db: Database, *, stage_id: uuid.UUID | None = None, assignment_id: uuid.UUID | None = None) -> tuple[uuid.UUID, uuid.UUID] | None:
    """``(project id, stage id)`` of a stage or an assignment (for navigation), or ``None`` if it is gone."""
    with db.engine.connect() as conn:
        if assignment_id is not None:
            stmt = select(Stage.project_id, Stage.id).join(Assignment, Assignment.stage_id == Stage.id).where(
                Assignment.id == assignment_id
            )
        else:
            stmt = select(Stage.project_id, Stage.id).where(Stage.id == stage_id)
        row = conn.execute(stmt).first()
    return (row[0], row[1]) if row else None


__all__ = [
    "PAGE_SIZE", "AssignmentFilter", "AssignmentListRow", "Cursor", "assignment_row", "count_assignments",
    "cursor_after", "page_assignments", "project_of", "rows_by_id",
]
