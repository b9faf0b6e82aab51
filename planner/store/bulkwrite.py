"""Many rows in one statement, at the speed of the database driver (used by plan exchange).

SQLAlchemy's ``conn.execute(insert(table), rows)`` builds and processes every parameter set through
its compiled statement: for the 1,200-assignment import that was most of the time. Here the
column types' own bind and result processors (the same conversions SQLAlchemy applies: UUIDs,
JSON, UTC times, booleans) are looked up once per column and applied in a plain loop, and the
statement goes to the driver's ``executemany``. On PostgreSQL (and anything not SQLite) the normal
SQLAlchemy path is used: its driver already batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Connection

_CHUNK = 500


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (every row with the same keys) into ``table``."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), list(rows))
        return
    given = list(rows[0])
    # Columns the rows leave out get their Python-side default, as SQLAlchemy's insert() would.
    defaults = {c.key: c.default for c in table.columns
                if c.key not in given and c.default is not None and (c.default.is_scalar or c.default.is_callable)}
    if defaults:
        rows = [{**row, **{k: (d.arg if d.is_scalar else d.arg(None)) for k, d in defaults.items()}} for row in rows]
    columns = [table.c[key] for key in (*given, *defaults)]
    processors = [_fast_processor(c, conn.dialect) for c in columns]
    sql = (f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(c.name) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    # Column by column, then zipped into rows: one list comprehension per column, no test per value.
    values = [[p(row[c.key]) for row in rows] if p is not None else [row[c.key] for row in rows]
              for c, p in zip(columns, processors, strict=True)]
    conn.exec_driver_sql(sql, list(zip(*values, strict=True)))


def _utc_text(value: Any) -> Any:
    """An aware time as SQLite text in UTC, exactly as SQLAlchemy's DateTime stores it."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.utcoffset() is None:
            raise ValueError("datetime without a time zone")
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _uuid_hex(value: Any) -> Any:
    return value.hex if value is not None else None


def _fast_processor(column: Any, dialect: Any) -> Any:
    """The column type's bind processor on SQLite; for the two most frequent types a direct
    equivalent (tested equal to SQLAlchemy's in tests/exchange/test_bulkwrite.py)."""
    from sqlalchemy import Uuid
    from sqlmodel.sql.sqltypes import UTCDateTime

    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _utc_text
    if isinstance(kind, Uuid) and kind.as_uuid:  # SQLite has no UUID type: 32 hex digits
        return _uuid_hex
    return kind._cached_bind_processor(dialect)


def select_by_ids(conn: Connection, table: Table, columns: Sequence[str], key: str,
                  ids: Iterable[Any]) -> list[tuple[Any, ...]]:
    """``columns`` of the rows whose ``key`` is one of ``ids`` (values converted as SQLAlchemy would)."""
    ids = list(ids)
    if not ids:
        return []
    cols = [table.c[name] for name in columns]
    if conn.dialect.name != "sqlite":
        out: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), _CHUNK):
            out.extend(tuple(r) for r in conn.execute(
                select(*cols).where(table.c[key].in_(ids[start:start + _CHUNK]))))
        return out
    key_bind = table.c[key].type._cached_bind_processor(conn.dialect)
    results = [c.type._cached_result_processor(conn.dialect, None) for c in cols]
    out = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        params = [key_bind(i) if key_bind is not None else i for i in chunk]
        sql = (f"SELECT {', '.join(_quote(c.name) for c in cols)} FROM {_quote(table.name)} "
               f"WHERE {_quote(table.c[key].name)} IN ({', '.join('?' for _ in chunk)})")
        for raw in conn.exec_driver_sql(sql, tuple(params)):
            out.append(tuple(p(v) if p is not None else v for v, p in zip(raw, results, strict=True)))
    return out
