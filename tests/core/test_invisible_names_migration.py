"""Names an older version stored with invisible characters are cleaned by the upgrade (issue #10,
item 10: "also for data written by … older versions"), and then match their visible twins."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from planner.domain.errors import DuplicateError
from planner.services import outlets, queries
from planner.store.database import open_database

OLD = Path(__file__).resolve().parents[1] / "data" / "schema-0002-demo.db"


def _add_outlet(con: sqlite3.Connection, name: str, key: str) -> str:
    """A copy of the first outlet under another name and key, as an old version would have stored it."""
    cols = [r[1] for r in con.execute("PRAGMA table_info(outlet)")]
    new_id = uuid.uuid4().hex
    values = {"id": new_id, "name": name, "name_key": key, "parent_id": None}
    select = ", ".join(f":{c}" if c in values else c for c in cols)
    con.execute(f"INSERT INTO outlet ({', '.join(cols)}) SELECT {select} FROM outlet LIMIT 1", values)
    return new_id


def test_the_upgrade_strips_invisible_characters_and_rekeys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.db"
    shutil.copy(OLD, path)
    con = sqlite3.connect(path)
    existing = con.execute("SELECT name FROM outlet ORDER BY name LIMIT 1").fetchone()[0]
    hidden = "测试新区\u200b融媒体\u00ad中心\ufeff"
    _add_outlet(con, hidden, hidden.casefold())
    twin = existing[:2] + "\u200d" + existing[2:]  # would clash with an outlet that exists: left alone
    _add_outlet(con, twin, twin.casefold())
    con.execute("UPDATE person SET name = name || '\u202e' WHERE rowid = (SELECT min(rowid) FROM person)")
    con.commit()
    con.close()
    with open_database(path) as db:
        assert db.migrated_from == "0002_indexes"
        names = {o.name for o in queries.list_outlets(db)}
        assert "测试新区融媒体中心" in names and hidden not in names
        assert twin in names and existing in names  # both kept, nothing lost, the upgrade did not fail
        assert not any("\u202e" in p.name for p in queries.list_people(db))
        with pytest.raises(DuplicateError):
            outlets.create_outlet(db, name="测试新区融媒体中心", tier="county")
