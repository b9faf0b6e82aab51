# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""What the GUI thread does when a project opens, and does not do for tabs nobody sees.

A project opens with the 覆盖矩阵 tab in front on every start: the tabs behind it are filled when
they are shown, a closed project is let go of when it is closed (not while the next one opens), and
what is worked out for the matrix's columns is worked out without Python-level uuid hashes.
"""

from __future__ import annotations

import weakref

import pytest
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries
from planner.ui.workspace import loader

pytestmark = pytest.mark.qt


def _largest(ctx):  # type: ignore[no-untyped-def]
    return max(queries.list_projects(ctx.db), key=lambda s: s.assignments).project


def _open_matrix(qtbot, ctx, make_page):  # type: ignore[no-untyped-def]
    page = make_page(ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    page.select_project(_largest(ctx).id)
    settle(qtbot, page)
    return page


def test_a_closed_project_is_let_go_of_when_it_is_closed(qtbot, ws_demo_ctx, make_page) -> None:
    """The hidden 概览 tab kept the last project it was handed after the project was closed: its plan and
    findings stayed in memory, and freeing them fell to the next open."""
    page = _open_matrix(qtbot, ws_demo_ctx, make_page)
    gone = weakref.ref(page.data)
    loader.KEPT.clear()  # the loader keeps the last results for a reopen: not what is tested here
    page.list_view.clearSelection()
    settle(qtbot, page)
    assert page.data is None
    assert gone() is None  # freed at the close, by reference counting
    page.select_project(_largest(ws_demo_ctx).id)  # and the overview shows the project opened next
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.overview_tab)
    assert page.data.plan.project.title in page.overview_tab.heading.text()
    assert page.overview_tab.model.rowCount() == len(page.data.findings)
