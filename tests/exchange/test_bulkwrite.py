"""The fast bulk writer stores exactly what SQLAlchemy's own insert would, and reads it back the same."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import insert, select

from planner.store.bulkwrite import insert_rows, select_by_ids
from planner.store.models import ChangeLog, SyncRecord


def test_rows_written_fast_equal_rows_written_by_sqlalchemy(db):
    when = datetime(2026, 11, 23, 10, 30, 0, 5, tzinfo=timezone(timedelta(hours=8)))
    table = SyncRecord.__table__
    stored = {}
    for how in ("fast", "sqlalchemy"):
        rows = [{"id": uuid.UUID(int=i + 1), "entity": "stage", "scope": None if i % 2 else uuid.UUID(int=99),
                 "rev": {"vv": {"a" * 32: i + 1}, "base": ["a" * 32, i + 1]}, "deleted": bool(i % 2),
                 "editor": "王编辑", "desk": "a" * 32, "at": when + timedelta(seconds=i), "label": f"环节{i}",
                 "snapshot": None if i % 2 else {"title": "站"}} for i in range(4)]
        with db.transaction() as s:
            s.connection().exec_driver_sql("DELETE FROM sync_record")
            if how == "fast":
                insert_rows(s.connection(), table, rows)
            else:
                s.connection().execute(insert(table), rows)
        with db.engine.connect() as conn:
            stored[how] = sorted(conn.exec_driver_sql("SELECT * FROM sync_record").all())
            fast = sorted(select_by_ids(conn, table, [c.key for c in table.columns], "id", [r["id"] for r in rows]))
            slow = sorted(tuple(r) for r in conn.execute(select(table)))
        assert fast == slow
    assert stored["fast"] == stored["sqlalchemy"]  # byte for byte what SQLAlchemy stores
    assert slow[0][table.c.keys().index("at")] == when.astimezone(UTC)


def test_left_out_columns_get_their_defaults(db):
    with db.transaction() as s:
        insert_rows(s.connection(), ChangeLog.__table__, [{"id": uuid.uuid4(), "at": datetime.now(UTC),
                                                           "entity": "outlet", "entity_id": uuid.uuid4(),
                                                           "action": "import", "before": None, "after": {"a": 1}}])
    with db.engine.connect() as conn:
        [(desk, login, after)] = conn.execute(select(ChangeLog.desk, ChangeLog.login, ChangeLog.after)).all()
    assert (desk, login, after) == ("", "", {"a": 1})
