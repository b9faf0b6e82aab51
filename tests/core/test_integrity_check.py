"""A damaged index passes the start-up quick_check; the full check after opening finds it, and
then nothing more is written into the file (issue #10, item 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planner.domain.errors import WritesStoppedError, error_text
from planner.services import files, outlets, queries
from planner.store.database import open_database
from planner.store.integrity import full_check


def damage_an_index(path: Path) -> None:
    """Make ``ix_outlet_tier`` disagree with its table — exactly what quick_check does not look at."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_outlet_tier ON outlet (name)' "
                "WHERE name = 'ix_outlet_tier'")
    con.commit()
    con.close()


def test_quick_check_passes_and_the_full_check_does_not(demo_db_path) -> None:  # type: ignore[no-untyped-def]
    assert full_check(demo_db_path) == []
    damage_an_index(demo_db_path)
    con = sqlite3.connect(demo_db_path)
    assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    con.close()
    db = open_database(demo_db_path)  # the start-up check lets it through …
    try:
        problems = full_check(demo_db_path)
        assert problems and "ix_outlet_tier" in problems[0]  # … the full one does not
        outlets.create_outlet(db, name="损坏之后写入", tier="county")
        db.stop_writes("; ".join(problems))
        before = demo_db_path.read_bytes()
        with pytest.raises(WritesStoppedError) as info:
            outlets.create_outlet(db, name="不应写入", tier="county")
        assert "已停止保存修改" in error_text(info.value, "zh")
        assert "saving has stopped" in error_text(info.value, "en")
        assert queries.list_outlets(db)  # reading still works
        copy = files.save_copy(db, demo_db_path.with_name("rescued.db"))  # so does saving a copy
        assert copy.exists()
        assert demo_db_path.read_bytes() == before
    finally:
        db.close()


def test_the_full_check_can_be_cancelled(demo_db_path) -> None:  # type: ignore[no-untyped-def]
    assert full_check(demo_db_path, cancelled=lambda: True) is None
