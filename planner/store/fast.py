"""Fast bulk reads for hot paths (a project's plan, the coverage matrix).

SQLAlchemy's per-value result processing (UUID parsing, aware-datetime handling) dominates when
thousands of rows are read. On SQLite these selects take UUID and datetime columns as the stored
text and convert them with cached, allocation-light helpers instead; other dialects hand back
native values, which pass through unchanged.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    String,
    Uuid,
    bindparam,
    func,
    literal_column,
    select,
    type_coerce,
)
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
    """Per-read caches: the same stage or outlet id, the same timestamp, repeats on thousands of rows."""

    def __init__(self) -> None:
        self._uuids: dict[Any, uuid.UUID] = {}
        self._datetimes: dict[str, datetime] = {}

    def uuid(self, value: Any) -> uuid.UUID | None:
        got = self._uuids.get(value)  # the common case first: an id seen before in this read
        if got is None:
            if value is None or isinstance(value, uuid.UUID):
                return value
            got = self._uuids[value] = _uuid_from_hex(value.replace("-", ""))
        return got

    def datetime(self, value: Any) -> datetime | None:
        got = self._datetimes.get(value)
        if got is None:
            if value is None:
                return None
            if isinstance(value, datetime):
                return value if value.tzinfo else value.replace(tzinfo=UTC)
            got = self._datetimes[value] = _utc_from_text(value)
        return got

    @staticmethod
    def date(value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(value)


def _utc_from_text(value: str) -> datetime:
    """Stored UTC text (``2026-11-23 02:30:00.000000``) → an aware datetime.

    Parsing with the offset appended is several times faster than ``.replace(tzinfo=UTC)`` after
    parsing, and gives the same value (with the ``UTC`` singleton as its tzinfo).
    """
    try:
        return _fromisoformat(value + "+00:00")
    except ValueError:  # text that carries its own offset
        parsed = _fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_fromisoformat = datetime.fromisoformat


@contextmanager
def no_gc() -> Iterator[None]:
    """Building thousands of small objects triggers the cyclic GC over and over; none of them
    form cycles, so pause it for the duration of a bulk read (or of a project's whole load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



class RowCache:
    """Frozen rows built from raw database tuples, kept between reads.

    Every reload of a plan or matrix (after each edit, on every switch of project) reads the same
    outlets, people, stages and assignments again; building their frozen rows is most of the cost
    of such a read. Keyed by the whole raw tuple as the database returned it, so any changed column
    (a new ``version``) misses and is built afresh; the rows are immutable, so sharing them between
    reads is safe. Bounded: emptied when full.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._rows: dict[Any, Any] = {}
        self.get = self._rows.get  # the dict's own method: called once per row read

    def put(self, raw: Any, row: Any) -> Any:
        if len(self._rows) >= self.limit:
            self._rows.clear()
            if not self.limit:
                return row
        self._rows[raw] = row
        return row

    def clear(self) -> None:
        self._rows.clear()


def _hashable(row: Any) -> bool:
    try:
        hash(tuple(row))
    except TypeError:
        return False
    return True


class Template:
    """A select of fixed shape (only its bound values change), built once per dialect.

    On SQLite it is compiled once and run straight on the DBAPI connection: SQLAlchemy's statement
    construction, cache-key lookup and ``Row`` objects cost more than SQLite's own work on the hot
    reads. The rows are what SQLAlchemy would return for the same statement (the columns' result
    processors are applied, e.g. booleans); a failing statement is run again through SQLAlchemy, so
    errors surface exactly as everywhere else. Other dialects (PostgreSQL) go through SQLAlchemy.

    ``build(sqlite)`` makes the statement, with ``bindparam(name)`` for the values given to
    :meth:`rows`.
    """

    def __init__(self, build: Callable[[bool], Select]) -> None:
        self._build = build
        self._statements: dict[bool, Select] = {}
        self._sqlite: tuple[str, list[tuple[str, Any]], list[tuple[int, Any]]] | None = None

    def statement(self, sqlite: bool) -> Select:
        got = self._statements.get(sqlite)
        if got is None:
            got = self._statements[sqlite] = self._build(sqlite)
        return got

    def rows(self, conn: Connection, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        dialect = conn.dialect
        if dialect.name != "sqlite":
            return [tuple(r) for r in conn.execute(self.statement(False), values)]
        compiled = self._sqlite or self._compile(dialect)
        sql, binds, results = compiled
        params = [values[name] if p is None else p(values[name]) for name, p in binds]
        try:
            rows = conn.connection.driver_connection.execute(sql, params).fetchall()  # type: ignore[union-attr]
        except sqlite3.Error:  # let SQLAlchemy run it again and report it its usual way
            return [tuple(r) for r in conn.execute(self.statement(True), values)]
        if results:
            out = []
            for row in rows:
                row = list(row)
                for i, p in results:
                    row[i] = p(row[i])
                out.append(tuple(row))
            return out
        return rows

    def _compile(self, dialect: Any) -> tuple[str, list[tuple[str, Any]], list[tuple[int, Any]]]:
        stmt = self.statement(True)
        compiled = stmt.compile(dialect=dialect)
        binds = [(name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
                 for name in compiled.positiontup or ()]
        results = [(i, p) for i, c in enumerate(stmt.selected_columns)
                   if (p := c.type.dialect_impl(dialect).result_processor(dialect, None)) is not None]
        self._sqlite = (compiled.string, binds, results)
        return self._sqlite


class ModelTemplate(Template):
    """A :class:`Template` over columns of one table, read by :func:`template_rows` into frozen rows."""

    def __init__(self, model: Any, names: Iterable[str] | None, where: Callable[[], Iterable[Any]],
                 order_by: Callable[[], Iterable[Any]] = tuple, *,
                 dialect_where: Callable[[bool], Iterable[Any]] | None = None) -> None:
        """``dialect_where(sqlite)``, when given, adds conditions that differ by dialect (:func:`in_ids`)."""
        table = model.__table__
        self.columns = [table.c[n] for n in names] if names is not None else list(table.columns)
        self.kinds = [_kind(c) for c in self.columns]

        def build(sqlite: bool) -> Select:
            conditions = [*where(), *(dialect_where(sqlite) if dialect_where is not None else ())]
            return _coerced_select(self.columns, self.kinds, sqlite, conditions, order_by())

        super().__init__(build)

    def converters(self) -> list[tuple[str, Any]]:
        """(column key, value converter or None) per column, with fresh per-read caches."""
        return _converters(self.columns, self.kinds)


def _coerced_select(cols: list[Any], kinds: list[str], sqlite: bool, where: Iterable[Any],
                    order_by: Iterable[Any]) -> Select:
    exprs = [type_coerce(c, String) if (sqlite and k in ("uuid", "datetime", "date")) or k == "json" else c
             for c, k in zip(cols, kinds, strict=True)]
    stmt: Select = select(*exprs)
    for w in where:
        stmt = stmt.where(w)
    order_by = list(order_by)
    if order_by:
        stmt = stmt.order_by(*order_by)
    return stmt


def _converters(cols: list[Any], kinds: list[str]) -> list[tuple[str, Any]]:
    conv = Converters()
    fns = [
        conv.uuid if k == "uuid" else conv.datetime if k == "datetime" else Converters.date if k == "date" else None
        for k in kinds
    ]
    return list(zip([c.key for c in cols], fns, strict=True))


def _select_for(conn: Connection, model: Any, names: Iterable[str] | None, where: Iterable[Any],
                order_by: Iterable[Any]) -> tuple[Select, list[tuple[str, Any]]]:
    table = model.__table__
    cols = [table.c[n] for n in names] if names is not None else list(table.columns)
    kinds = [_kind(c) for c in cols]
    return _coerced_select(cols, kinds, conn.dialect.name == "sqlite", where, order_by), _converters(cols, kinds)


def cached_rows(conn: Connection, model: Any, names: Iterable[str] | None, build: Callable[[dict[str, Any]], Any],
                cache: RowCache, where: Iterable[Any] = (), order_by: Iterable[Any] = ()) -> list[Any]:
    """Like :func:`fast_select`, but ``build(values)`` each row into a frozen row through ``cache``."""
    stmt, pairs = _select_for(conn, model, names, where, order_by)
    return _built(conn.execute(stmt).fetchall(), pairs, build, cache)


def template_rows(conn: Connection, template: ModelTemplate, values: dict[str, Any],
                  build: Callable[[dict[str, Any]], Any], cache: RowCache) -> list[Any]:
    """:func:`cached_rows` of a :class:`ModelTemplate` with its bound ``values``."""
    return _built(template.rows(conn, values), template.converters(), build, cache)


def _built(rows: list[Any], pairs: list[tuple[str, Any]], build: Callable[[dict[str, Any]], Any],
           cache: RowCache) -> list[Any]:
    out = []
    get, put = cache.get, cache.put
    if rows and not _hashable(rows[0]):  # PostgreSQL's driver hands JSON back parsed (a list)
        get, put = (lambda _raw: None), (lambda _raw, row: row)
    with no_gc():
        for row in rows:
            raw = row if type(row) is tuple else tuple(row)  # a Row compares in Python, slowly, on every cache hit
            got = get(raw)
            if got is None:
                got = put(raw, build({k: (f(v) if f is not None else v) for (k, f), v in zip(pairs, raw, strict=True)}))
            out.append(got)
    return out


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
    stmt, pairs = _select_for(conn, model, names, where, order_by)
    rows = conn.execute(stmt).fetchall()
    with no_gc():
        converted = [{k: (f(v) if f is not None else v) for (k, f), v in zip(pairs, row, strict=True)} for row in rows]
    yield from converted


def in_ids(column: Any, name: str, sqlite: bool) -> Any:
    """``column IN`` a list of ids bound as one value named ``name`` (give it :func:`ids_value`).

    For a :class:`Template`: an ``IN (…)`` list costs a bound parameter per id and a compilation per
    call (SQLAlchemy's expanding parameters, ~1 ms per thousand ids); on SQLite the ids go in as one
    JSON array of the stored text (``json_each``), so the statement is compiled once. Other dialects
    expand the list as usual.
    """
    if sqlite:
        return column.in_(select(literal_column("value")).select_from(func.json_each(bindparam(name, type_=String))))
    return column.in_(bindparam(name, expanding=True))


def ids_value(conn: Connection, ids: Iterable[uuid.UUID]) -> Any:
    """The bound value of :func:`in_ids`: on SQLite the ids as stored (32 hex digits) in a JSON array."""
    if conn.dialect.name == "sqlite":
        return json.dumps([u.hex for u in ids])
    return list(ids)


def _models() -> Any:
    return __import__("planner.store.models", fromlist=["Assignment"])  # not at import: the models import this module's users


def project_stage_ids() -> Select:
    """The ids of a project's stages, for ``bindparam("project")``."""
    stage = _models().Stage
    return select(stage.id).where(stage.project_id == bindparam("project"))


def _assignment_select(sqlite: bool) -> Select:
    a = _models().Assignment.__table__.c
    coerce = (lambda c: type_coerce(c, String)) if sqlite else (lambda c: c)
    return select(
        coerce(a.id), coerce(a.stage_id), coerce(a.outlet_id), a.role, a.format, a.status, coerce(a.due_at),
        a.brief, a.deliverable_url, a.notes, a.reason, a.version, coerce(a.updated_at),
    )


_PROJECT_ASSIGNMENTS = Template(
    lambda sqlite: _assignment_select(sqlite).where(_models().Assignment.stage_id.in_(project_stage_ids())))


def assignment_rows(conn: Connection, where: Iterable[Any], people: dict[Any, list[Any]]) -> list[Any]:
    """Assignments as frozen rows, built positionally (the hottest read: matrices and tables).

    ``people``: each assignment's person ids, keyed and listed as stored (text on SQLite, as these
    selects return ids), so a kept row is found without converting them.
    """
    stmt = _assignment_select(conn.dialect.name == "sqlite")
    for w in where:
        stmt = stmt.where(w)
    return _assignments_from(conn.execute(stmt).fetchall(), people)


def project_assignment_rows(conn: Connection, project_id: uuid.UUID, people: dict[Any, list[Any]],
                            cache: RowCache | None = None) -> list[Any]:
    """:func:`assignment_rows` of one project's stages; ``cache`` keeps the built rows between reads."""
    return _assignments_from(_PROJECT_ASSIGNMENTS.rows(conn, {"project": project_id}), people, cache)


def _assignments_from(rows: list[Any], people: dict[Any, list[Any]], cache: RowCache | None = None) -> list[Any]:
    from planner.domain.enums import Format, Role, Status
    from planner.domain.frozen import quick
    from planner.domain.rows import AssignmentRow

    row = quick(AssignmentRow)  # AssignmentRow(...) at a quarter of its cost
    conv = Converters()
    u, dt = conv.uuid, conv.datetime  # stage and outlet ids and times repeat: cached per read
    roles, formats, statuses = Role._value2member_map_, Format._value2member_map_, Status._value2member_map_
    get, put = (cache.get, cache.put) if cache is not None else ((lambda _raw: None), (lambda _raw, row: row))
    crew_of = people.get
    text_ids = bool(rows) and isinstance(rows[0][0], str)  # SQLite: stored text; other dialects: UUIDs
    out: list[Any] = []
    append = out.append
    with no_gc():
        for raw in rows:
            crew = crew_of(raw[0])
            key = (raw, tuple(crew)) if crew else raw  # the whole stored row and its people: a change misses
            got = get(key)
            if got is None:
                aid, sid, oid, role, fmt, status, due, brief, url, notes, reason, version, updated = raw
                got = put(key, row(
                    # each assignment's id is read once: made directly, not through the per-read cache
                    _uuid_from_hex(aid) if text_ids and len(aid) == 32 else u(aid),  # type: ignore[arg-type]
                    u(sid), u(oid), roles[role], formats[fmt], statuses[status],  # type: ignore[arg-type]
                    dt(due) if due is not None else None, brief, url, notes, reason, version,
                    tuple([u(p) for p in crew]) if crew else (), dt(updated),  # type: ignore[misc]
                ))
            append(got)
    return out


def _cells_select(sqlite: bool) -> Select:
    a = _models().Assignment.__table__.c
    coerce = (lambda c: type_coerce(c, String)) if sqlite else (lambda c: c)
    return select(coerce(a.id), coerce(a.stage_id), coerce(a.outlet_id), a.role, a.format, a.status).where(
        a.stage_id.in_(project_stage_ids()))


_CELLS = Template(_cells_select)


def coverage_cells(conn: Connection, project_id: uuid.UUID, make: Callable[[tuple[Any, ...]], Any] = tuple,
                   cache: RowCache | None = None) -> dict[tuple[uuid.UUID, uuid.UUID], list[Any]]:
    """Every assignment of a project as ``make((id, role, format, status))``, grouped by (stage id,
    outlet id): in each group leads first, then in database order (the order of a loaded plan).

    ``cache`` keeps built cells between reads (one cache per ``make``).
    """
    from planner.domain.enums import Format, Role, Status

    cache = cache or RowCache(0)
    get, put = cache.get, cache.put
    u = Converters().uuid  # stage and outlet ids repeat: cached; assignment ids do not
    one = _uuid_from_hex if conn.dialect.name == "sqlite" else u
    roles, formats, statuses = Role._value2member_map_, Format._value2member_map_, Status._value2member_map_
    lead = Role.LEAD
    rows = _CELLS.rows(conn, {"project": project_id})
    groups: dict[Any, tuple[Any, list[Any]]] = {}  # keyed by the stored ids: their hashes are cheap
    mixed: list[list[Any]] = []
    with no_gc():
        for raw in rows:  # plain tuples: a Row compares in Python, slowly, on every cache hit
            hit = get(raw)
            if hit is None:
                i, s, o, r, f, st = raw
                hit = put(raw, ((u(s), u(o)), make((one(i), roles[r], formats[f], statuses[st]))))  # type: ignore[arg-type]
            key, cell = hit
            group = groups.get(raw[1:3])
            if group is None:
                groups[raw[1:3]] = (key, [cell])
            else:
                if cell[1] is lead:
                    mixed.append(group[1])
                group[1].append(cell)
        for cells in mixed:
            cells.sort(key=lambda c: c[1] is not lead)  # stable: the rest keep database order
        return dict(groups.values())
