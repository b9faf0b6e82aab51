"""Fixtures of the desktop-shell tests (imported by name from the test modules, so no shared conftest is needed)."""

from __future__ import annotations

import pytest


@pytest.fixture
def ctx(qapp, db):
    """An ``AppContext`` over a new, empty database."""
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all

    context = AppContext(db)
    yield context
    context.wait_for_workers()
    wait_for_all()


@pytest.fixture
def demo_ctx(qapp, demo_db):
    """An ``AppContext`` over a private copy of the demo database."""
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all

    context = AppContext(demo_db)
    yield context
    context.wait_for_workers()
    wait_for_all()
