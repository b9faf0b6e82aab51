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


def _reference_columns(tab) -> list:  # type: ignore[no-untyped-def]
    """The columns as the tab worked them out before (by uuid), for the same order and filters."""
    assigned = {o.id: o for o in tab.data.matrix.outlets}
    assigned.update({o.id: o for o in tab._preview_outlets if o.id not in assigned})
    everyone = tab.all_outlets.isChecked()
    pool = list(tab.directory.outlets) if everyone else list(assigned.values())
    if everyone:
        pool += [o for oid, o in assigned.items() if all(p.id != oid for p in tab.directory.outlets)]
    order = list(tab._column_order[tab.data.plan.project.id])
    rank = {oid: i for i, oid in enumerate(order)}
    pool.sort(key=lambda o: rank[o.id])
    passes = tab._passes()
    return pool if passes is None else [o for o in pool if passes(o)]


def test_the_columns_are_worked_out_by_the_ids_ints_in_the_order_seen(qtbot, ws_demo_ctx, make_page,
                                                                      monkeypatch) -> None:
    from tests.counting import uuid_hashes

    page = _open_matrix(qtbot, ws_demo_ctx, make_page)
    tab = page.matrix_tab
    with uuid_hashes(monkeypatch) as hashes:
        columns = tab._columns()
    assert len(columns) > 5 and hashes.n < 5  # was ~3 hashes per outlet on every open
    assert columns == _reference_columns(tab)
    # the order the editor has seen stays; an outlet new to the project joins at the right end
    order = tab._column_order[page.data.plan.project.id]
    order.reverse()
    assert tab._columns() == _reference_columns(tab) == sorted(columns, key=lambda o: order.index(o.id))
    tab.all_outlets.setChecked(True)
    everyone = tab._columns()
    assert len(everyone) > len(columns) and everyone == _reference_columns(tab)
    assert [o.id for o in everyone[:len(columns)]] == [o.id for o in sorted(columns, key=lambda o: order.index(o.id))]
    tab.tier.setCurrentIndex(1)
    assert tab._columns() == _reference_columns(tab)
    tab.all_outlets.setChecked(False)
    preview = [o for o in tab.directory.outlets if o not in everyone[:len(columns)]][:2]
    tab.set_preview_outlets(preview)
    assert tab._columns() == _reference_columns(tab)


def test_the_stages_tab_is_filled_when_it_is_first_shown_and_then_shows_the_newest_plan(
        qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """Behind the matrix, the 环节 tab counted the large project's pieces per stage and reset its table on
    every open (~0.5 ms) for nobody: it is filled when shown or read, and never shows another plan."""
    from planner.services import stages
    from planner.ui.workspace.stages_model import StagesModel

    filled: list[int] = []
    real = StagesModel.set_stages
    monkeypatch.setattr(StagesModel, "set_stages", lambda self, rows, counts: filled.append(len(rows)) or real(self, rows, counts))
    page = _open_matrix(qtbot, ws_demo_ctx, make_page)
    tab = page.stages_tab
    plan = page.data.plan
    assert filled == [] and tab.project_id == plan.project.id  # behind the matrix: not filled yet
    page.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(tab.view)
    assert filled == [len(plan.stages)]
    assert [r.id for r in tab._model.rows()] == [s.id for s in plan.stages]
    tab.select_id(plan.stages[1].id)
    assert tab.edit_button.isEnabled() and tab.add_button.isEnabled()

    page.tabs.setCurrentWidget(page.matrix_tab)  # changed while hidden: shown anew when shown
    first = plan.stages[0]
    stages.update_stage(ws_demo_ctx.db, first.id, title=first.title + "·改", expected_version=first.version)
    page.load_project(plan.project.id)
    settle(qtbot, page)
    assert len(filled) == 1
    page.tabs.setCurrentWidget(tab)
    assert len(filled) == 2 and tab._model.rows()[0].title == first.title + "·改"
    assert tab.selected_id() == plan.stages[1].id  # the selection stays
    page.tabs.setCurrentWidget(page.matrix_tab)

    other = next(s.project for s in queries.list_projects(ws_demo_ctx.db) if s.project.id != plan.project.id and s.stages)
    page.select_project(other.id)  # another project while hidden; read from outside, it is that project's
    settle(qtbot, page)
    assert {r.project_id for r in tab.model.rows()} == {other.id}
    page.list_view.clearSelection()  # no project: nothing left to show later
    settle(qtbot, page)
    assert tab.model.rowCount() == 0 and tab._behind is None
