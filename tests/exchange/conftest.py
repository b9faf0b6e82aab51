"""Fixtures for exchange tests: two desks, a dump of every table, and PostgreSQL when configured."""

from __future__ import annotations

import os

import pytest

from planner.store.models import metadata
from tests.pgutil import create_database, drop_database

PG_URL = os.environ.get("PLANNER_TEST_PG_URL", "")


def dump(db) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """Every row of every table (sorted), for before/after comparisons."""
    out = {}
    with db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(table.select()).all()
            out[table.name] = sorted(tuple(map(str, r)) for r in rows)
    return out


@pytest.fixture
def desk_b(tmp_path):
    from planner.store.database import open_database

    database = open_database(tmp_path / "desk_b.db")
    yield database
    database.close()


@pytest.fixture
def pg_url():
    """A fresh, empty schema on the test PostgreSQL server (skips without PLANNER_TEST_PG_URL)."""
    if not PG_URL:
        pytest.skip("PLANNER_TEST_PG_URL is not set")
    name, url = create_database(PG_URL)
    yield url
    drop_database(PG_URL, name)


@pytest.fixture
def pg_db(pg_url):
    from planner.store.database import open_database

    database = open_database(pg_url)
    yield database
    database.close()
