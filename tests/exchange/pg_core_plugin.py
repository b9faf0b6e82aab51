"""A pytest plugin that runs the lead's core service tests against PostgreSQL, unedited.

Load it with ``python -m pytest -p tests.exchange.pg_core_plugin tests/core/...`` and
``PLANNER_TEST_PG_URL`` set. The shared ``db`` fixture opens ``<tmp>/plan.db``; this plugin makes
``open_database`` give a fresh database on the server for that path instead (the ``Database``
keeps the path as its label), and makes the core ``dump_file`` helper dump that server database.
Used by ``test_pg_core_suite.py``; not collected on its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

_URL = os.environ.get("PLANNER_TEST_PG_URL", "")
_OPEN: dict[Path, Any] = {}
_CREATED: list[str] = []
_DUMPS: list[int] = []


def _fresh_url() -> str:
    from tests.pgutil import create_database

    name, url = create_database(_URL, "core_")
    _CREATED.append(name)
    return url


def _dump(db: Any) -> dict[str, list[tuple]]:
    from planner.store.models import metadata

    out: dict[str, list[tuple]] = {}
    with db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            out[table.name] = sorted((tuple(r) for r in conn.execute(table.select())), key=repr)
        out["alembic_version"] = sorted(conn.execute(text("SELECT * FROM alembic_version")).all(), key=repr)
    return out


def pytest_configure(config: pytest.Config) -> None:
    if not _URL:
        raise pytest.UsageError("pg_core_plugin needs PLANNER_TEST_PG_URL")
    import planner.store.database as database
    from planner.store.server import open_server

    original = database.open_database

    def open_database(target: Any = None, *, read_only: bool = False) -> Any:
        if target is not None and "://" not in str(target) and Path(target).name == "plan.db":
            path = Path(target).resolve()
            if path not in _OPEN:
                _OPEN[path] = _fresh_url()
                path.touch()
            db = open_server(_OPEN[path], read_only=read_only)
            db.path = path
            return db
        return original(target, read_only=read_only)

    database.open_database = open_database


def pytest_collection_finish(session: pytest.Session) -> None:
    for name, module in list(sys.modules.items()):
        if name.endswith("conftest") and hasattr(module, "dump_file"):
            original = module.dump_file

            def dump_file(path: Path, _original=original) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
                url = _OPEN.get(Path(path).resolve())
                if url is None:
                    return _original(path)
                from planner.store.server import open_server

                db = open_server(url, read_only=True)
                _DUMPS.append(1)
                try:
                    return _dump(db)
                finally:
                    db.close()

            module.dump_file = dump_file


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(f"pg_core_plugin: {len(_CREATED)} PostgreSQL databases, {len(_DUMPS)} dumps")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _CREATED:
        return
    from tests.pgutil import drop_database

    for name in _CREATED:
        drop_database(_URL, name)
