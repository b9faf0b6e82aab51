"""Shared fixtures: real database files opened through the same ``open_database`` users get."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _planner_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's data folder."""
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def qapp(qapp):  # type: ignore[no-untyped-def]
    """pytest-qt's application, with Python's collector on its GUI thread as the app has it
    (planner.ui.collector): a collection on a worker thread can delete an earlier test's screens
    there and crash the run."""
    from planner.ui import collector

    collector.install(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """Once the GUI-thread collector is on, tests that never run an event loop still collect."""
    yield
    collector = sys.modules.get("planner.ui.collector")
    if collector is not None:
        collector.collect_due()


@pytest.fixture
def db(tmp_path: Path):
    """A new, empty planner database file."""
    from planner.store.database import open_database

    database = open_database(tmp_path / "plan.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test session (copy it with ``demo_db``)."""
    from planner.services.demo import load_demo
    from planner.store.database import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    load_demo(database)
    database.close()
    return path


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file."""
    dest = tmp_path / "demo.db"
    shutil.copy(demo_template, dest)
    return dest


@pytest.fixture
def demo_db(demo_db_path: Path):
    """The demo database, opened (a private copy per test)."""
    from planner.store.database import open_database

    database = open_database(demo_db_path)
    yield database
    database.close()
