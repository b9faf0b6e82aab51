# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Opening a project does no work for tabs nobody looks at, and they look the same once shown.

The 环节 table sized its columns to their contents even while hidden: its header measured every row
after each reset of the model, ~5,000 ``data()`` calls whenever the large project opened with the
matrix in front (bench_workspace).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries
from planner.ui.workspace.stages_model import StagesModel

pytestmark = pytest.mark.qt


def test_hidden_stages_table_is_not_measured_and_fits_its_contents_when_shown(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.stages).project
    page.select_project(project.id)
    settle(qtbot, page)
    tab = page.stages_tab
    header = tab.view.horizontalHeader()
    assert tab.model.rowCount() > 1  # filled while hidden (others read it), only not measured
    columns = [c for c in range(tab.model.columnCount()) if c != StagesModel.TITLE]
    assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in columns)

    page.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(tab.view)
    assert header.sectionResizeMode(StagesModel.TITLE) == QHeaderView.ResizeMode.Stretch
    for c in columns:
        assert header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents
        assert header.sectionSize(c) == max(tab.view.sizeHintForColumn(c), header.sectionSizeHint(c)), c

    page.tabs.setCurrentWidget(page.matrix_tab)
    assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in columns)


def test_hidden_timeline_lays_out_the_newest_plan_when_shown(qtbot, ws_demo_ctx, make_page) -> None:
    from planner.services import stages

    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.stages).project
    page.select_project(project.id)
    settle(qtbot, page)
    assert page.timeline_tab.plan is None  # not laid out while nobody looks at it
    page.tabs.setCurrentWidget(page.timeline_tab)
    assert page.timeline_tab.plan is page.data.plan

    page.tabs.setCurrentWidget(page.matrix_tab)
    first = page.data.plan.stages[0]
    stages.update_stage(ws_demo_ctx.db, first.id, title=first.title + "·改", expected_version=first.version)
    page.load_project(project.id)
    settle(qtbot, page)
    assert page.timeline_tab.plan.stages[0].title == first.title  # still the one it showed
    page.tabs.setCurrentWidget(page.timeline_tab)
    assert page.timeline_tab.plan is page.data.plan and page.timeline_tab.plan.stages[0].title == first.title + "·改"


def test_outlet_list_is_not_measured_row_by_row_when_the_matrix_shows_again(qtbot, ws_demo_ctx, make_page,
                                                                            monkeypatch) -> None:
    """The matrix's outlet list (every outlet, one elided line each) is sized from its first row: it
    measured all of them each time the tabs came back after the placeholder."""
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    outlets = page.matrix_tab.outlet_model.rowCount()
    assert outlets > 100
    asked: set[int] = set()
    model = page.matrix_tab.outlet_model
    original = model.data

    def counting(index, role=0):  # type: ignore[no-untyped-def]
        asked.add(index.row())
        return original(index, role)

    monkeypatch.setattr(model, "data", counting)
    page.list_view.clearSelection()
    settle(qtbot, page)
    page.select_project(project.id)
    settle(qtbot, page)
    page.matrix_tab.grab()
    assert page.right.currentWidget() is page.tabs
    assert asked and len(asked) < outlets / 2  # the rows on screen, not every outlet
