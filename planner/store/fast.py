"""Fast bulk reads for hot paths (a project's plan, the coverage matrix).

SQLAlchemy's per-value result processing (UUID parsing, aware-datetime handling) dominates when
thousands of rows are read. On SQLite these selects take UUID and datetime columns as the stored
text and convert them with cached, allocation-light helpers instead; other dialects hand back
native values, which pass through unchanged.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, String, Uuid, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

_new = object.__new__
_set = object.__setattr__
_SAFE = uuid.SafeUUID.unknown


def _uuid_from_hex(text: str) -> uuid.UUID:
    u = _new(uuid.UUID)
    _set(u, "int", int(text, 16))
    _set(u, "is_safe", _SAFE)
    return u


class Converters:
    """Per-read caches: the same stage or outlet id repeats on thousands of rows."""

    def __init__(self) -> None:
        self._uuids: dict[Any, uuid.UUID] = {}

    def uuid(self, value: Any) -> uuid.UUID | None:
        if value is None or isinstance(value, uuid.UUID):
            return value
        got = self._uuids.get(value)
        if got is None:
            got = self._uuids[value] = _uuid_from_hex(value.replace("-", ""))
        return got

    @staticmethod
    def datetime(value: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        return datetime.fromisoformat(value).replace(tzinfo=UTC)

    @staticmethod
    def date(value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(value)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building thousands of small objects triggers the cyclic GC over and over; none of them
    form cycles, so pause it for the duration of a bulk read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _kind(column: Any) -> str:
    affinity = column.type._type_affinity  # sees through TypeDecorators such as SQLModel's UTCDateTime
    for base, kind in ((Uuid, "uuid"), (DateTime, "datetime"), (Date, "date"), (JSON, "json")):
        if affinity is not None and issubclass(affinity, base):
            return kind
    return "plain"


def fast_select(conn: Connection, model: Any, names: Iterable[str] | None = None,
                where: Iterable[Any] = (), order_by: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
    """Rows of ``model`` as dicts of Python values, converted the fast way on SQLite.

    JSON columns come back as their JSON text (the row converters parse and cache it).
    """
    table = model.__table__
    cols = [table.c[n] for n in names] if names is not None else list(table.columns)
    sqlite = conn.dialect.name == "sqlite"
    kinds = [_kind(c) for c in cols]
    exprs = [type_coerce(c, String) if (sqlite and k in ("uuid", "datetime", "date")) or k == "json" else c for c, k in zip(cols, kinds, strict=True)]
    stmt: Select = select(*exprs)
    for w in where:
        stmt = stmt.where(w)
    if order_by:
        stmt = stmt.order_by(*order_by)
    conv = Converters()
    fns = [
        conv.uuid if k == "uuid" else Converters.datetime if k == "datetime" else Converters.date if k == "date" else None
        for k in kinds
    ]
    keys = [c.key for c in cols]
    pairs = list(zip(keys, fns, strict=True))
    rows = conn.execute(stmt).fetchall()
    with _no_gc():
        converted = [{k: (f(v) if f is not None else v) for (k, f), v in zip(pairs, row, strict=True)} for row in rows]
    yield from converted


def assignment_rows(conn: Connection, where: Iterable[Any], people: dict[uuid.UUID, list[uuid.UUID]]) -> list[Any]:
    """Assignments as frozen rows, built positionally (the hottest read: matrices and tables)."""
    from planner.domain.enums import Format, Role, Status
    from planner.domain.rows import AssignmentRow

    a = __import__("planner.store.models", fromlist=["Assignment"]).Assignment.__table__.c
    sqlite = conn.dialect.name == "sqlite"
    coerce = (lambda c: type_coerce(c, String)) if sqlite else (lambda c: c)
    stmt = select(
        coerce(a.id), coerce(a.stage_id), coerce(a.outlet_id), a.role, a.format, a.status, coerce(a.due_at),
        a.brief, a.deliverable_url, a.notes, a.reason, a.version, coerce(a.updated_at),
    )
    for w in where:
        stmt = stmt.where(w)
    conv = Converters()
    u, dt = conv.uuid, Converters.datetime
    roles, formats, statuses = Role._value2member_map_, Format._value2member_map_, Status._value2member_map_
    empty: tuple[uuid.UUID, ...] = ()
    out = []
    rows = conn.execute(stmt).fetchall()
    with _no_gc():
        for aid, sid, oid, role, fmt, status, due, brief, url, notes, reason, version, updated in rows:
            key = u(aid)
            crew = people.get(key)  # type: ignore[arg-type]
            out.append(AssignmentRow(
                key, u(sid), u(oid), roles[role], formats[fmt], statuses[status],  # type: ignore[arg-type]
                dt(due) if due is not None else None, brief, url, notes, reason, version,
                tuple(crew) if crew else empty, dt(updated),
            ))
    return out


def coverage_cells(conn: Connection, project_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, Any, Any, Any]]:
    """(assignment id, stage id, outlet id, role, format, status) of every assignment of a project."""
    from planner.domain.enums import Format, Role, Status
    from planner.store.models import Assignment, Stage

    a = Assignment.__table__.c  # type: ignore[attr-defined]
    sqlite = conn.dialect.name == "sqlite"
    coerce = (lambda c: type_coerce(c, String)) if sqlite else (lambda c: c)
    stmt = select(coerce(a.id), coerce(a.stage_id), coerce(a.outlet_id), a.role, a.format, a.status).where(
        a.stage_id.in_(select(Stage.id).where(Stage.project_id == project_id))
    )
    conv = Converters()
    u = conv.uuid
    roles, formats, statuses = Role._value2member_map_, Format._value2member_map_, Status._value2member_map_
    rows = conn.execute(stmt).fetchall()
    with _no_gc():
        return [(u(i), u(s), u(o), roles[r], formats[f], statuses[st]) for i, s, o, r, f, st in rows]  # type: ignore[misc]
