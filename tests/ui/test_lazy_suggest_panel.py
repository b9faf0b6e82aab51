# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The 补位建议 panel is made when it is first opened or asked for, not with the page: closed (as it
starts), it cost start-up ~30 ms of widgets and solver modules. Made late, it starts from the project
and directory the page already has."""

from __future__ import annotations

import pytest
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries

pytestmark = pytest.mark.qt


def test_the_closed_panel_is_not_made_until_opened(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    project = queries.resolve_project(ws_demo_ctx.db, "YJ-2026-07")
    assert page.select_project(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.matrix_tab)
    settle(qtbot, page)
    assert page._suggest_panel is None  # the page, its project and its matrix, but no panel
    page.matrix_tab.side_toggle.click()
    panel = page._suggest_panel
    assert panel is not None and panel is page.suggest_panel and panel.isVisible()
    assert page.matrix_tab.side_panel_open() and panel.width() >= 260
    assert panel.project_id == project.id  # the open project, handed over when it was made
    names = [panel.alliance.itemText(i) for i in range(1, panel.alliance.count())]
    assert names == [a.name for a in page.directory.alliances] and names
    assert "缺口" in panel.status.text()


def test_asking_for_suggestions_makes_the_panel(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    project = queries.resolve_project(ws_demo_ctx.db, "YJ-2026-07")
    assert page.select_project(project.id)
    settle(qtbot, page)
    assert page._suggest_panel is None
    page.actions.show_suggestions()  # 补位建议 from the menu: the matrix, the panel open, asked
    panel = page._suggest_panel
    assert panel is not None and panel.asked and panel.project_id == project.id
    assert page.tabs.currentWidget() is page.matrix_tab and page.matrix_tab.side_panel_open()
    page.matrix_tab.hide_side_panel()
    assert not panel.asked
