"""Fixtures of the workspace tests (imported by name, so no shared conftest is needed)."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def ws_ctx(qapp, db):
    """An ``AppContext`` over a new, empty database; messages for the user are collected."""
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all

    context = AppContext(db)
    context.messages = []  # type: ignore[attr-defined]
    context.failed.connect(context.messages.append)  # type: ignore[attr-defined]
    yield context
    context.wait_for_workers()
    wait_for_all()


@pytest.fixture
def ws_demo_ctx(qapp, demo_db):
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all

    context = AppContext(demo_db)
    context.messages = []  # type: ignore[attr-defined]
    context.failed.connect(context.messages.append)  # type: ignore[attr-defined]
    yield context
    context.wait_for_workers()
    wait_for_all()


def settle(qtbot, page, timeout: float = 20.0) -> None:
    """Wait until the page's background loads are done and their results delivered."""
    deadline = time.monotonic() + timeout
    qtbot.wait(5)
    while page.busy:
        assert time.monotonic() < deadline, "workspace load did not finish"
        qtbot.wait(10)
    qtbot.wait(5)


@pytest.fixture
def make_page(qtbot):
    """Build a ``ProjectsPage`` sized like a 1366×768 screen and wait for its first load."""
    pages = []

    def make(ctx):
        from planner.ui.workspace import ProjectsPage

        page = ProjectsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        settle(qtbot, page)
        pages.append(page)
        return page

    return make
