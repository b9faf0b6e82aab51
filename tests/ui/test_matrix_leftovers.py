# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Issue #11 leftovers in the matrix and the project list: undo of a delete selects the piece it
brings back, the columns' order survives a restart, and in English the project list's title column
keeps its room."""

from __future__ import annotations

import pytest
from ws_fixtures import make_page, settle, ws_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Format, Tier
from planner.services import outlets, queries, templates

pytestmark = pytest.mark.qt


@pytest.fixture
def project(qtbot, ws_ctx, make_page):  # type: ignore[no-untyped-def]
    db = ws_ctx.db
    made = [outlets.create_outlet(db, name=name, tier=Tier.COUNTY, adcode=code, formats=[Format.TEXT]).row
            for name, code in (("永川区融媒体中心", "500118"), ("荣昌区融媒体中心", "500153"), ("江津区融媒体中心", "500116"))]
    row = templates.create_from_template(db, template="event", title="川渝车展联合报道", starts_on="2026-06-01").row
    page = make_page(ws_ctx)
    page.select_after_load(row.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.matrix_tab)
    return page, made


def _current(tab):  # type: ignore[no-untyped-def]
    index = tab.view.currentIndex()
    return (tab.model.stage_at(index.row()).id, tab.model.outlet_at(index.column()).id) if index.isValid() else None


def test_undo_of_a_matrix_delete_selects_the_piece_it_brings_back(qtbot, ws_ctx, project) -> None:
    page, made = project
    tab = page.matrix_tab
    stages = page.data.plan.stages
    for stage, outlet in ((stages[0], made[0]), (stages[1], made[1])):
        assert tab.assign(stage.id, outlet.id)
        settle(qtbot, page)
    assert tab.delete_pieces(stages[1].id, made[1].id)
    settle(qtbot, page)
    assert [o.id for o in tab.model.outlets()] == [made[0].id]  # its column went with it
    tab.select_cell(stages[0].id, made[0].id)
    ws_ctx.undo_stack.undo()
    settle(qtbot, page)
    assert len(queries.load_plan(ws_ctx.db, page.data.plan.project.id).assignments) == 2
    assert _current(tab) == (stages[1].id, made[1].id)

    ws_ctx.undo_stack.redo()  # deleted again, undone again: selected again
    settle(qtbot, page)
    tab.select_cell(stages[0].id, made[0].id)
    ws_ctx.undo_stack.undo()
    settle(qtbot, page)
    assert _current(tab) == (stages[1].id, made[1].id)

    tab.select_cell(stages[0].id, made[0].id)  # another change does not select the restored piece
    stage = page.data.plan.stages[3]
    from planner.services import stages as stage_service

    stage_service.update_stage(ws_ctx.db, stage.id, title=stage.title + "·改", expected_version=stage.version)
    page.load_project(page.data.plan.project.id)
    settle(qtbot, page)
    assert _current(tab) != (stages[1].id, made[1].id)


def test_the_matrix_keeps_its_column_order_after_a_restart(qtbot, ws_ctx, project, make_page) -> None:
    from PySide6.QtCore import QPoint

    from planner.ui.workspace import column_order

    page, made = project
    tab = page.matrix_tab
    stages = page.data.plan.stages
    for i, outlet in enumerate(reversed(made)):  # 江津, 荣昌, 永川: each joins at the right end
        assert tab.assign(stages[i].id, outlet.id)
        settle(qtbot, page)
    shown = [o.id for o in tab.model.outlets()]
    assert shown == [o.id for o in reversed(made)]
    natural = [o.id for o in page.data.matrix.outlets]
    assert natural != shown  # what a fresh start would show without the stored order

    again = make_page(ws_ctx)  # a restart: a new page, nothing in memory
    again.select_project(page.data.plan.project.id)
    settle(qtbot, again)
    again.tabs.setCurrentWidget(again.matrix_tab)
    assert [o.id for o in again.matrix_tab.model.outlets()] == shown
    assert again.matrix_tab.view.indexAt(QPoint(5, 5)).isValid()

    # a damaged entry is no order at all: the natural one, no error
    key = column_order._key(ws_ctx.db.label, page.data.plan.project.id)
    store = column_order._store()
    store.setValue(key, "not-hex" + "0" * 25)
    store.sync()
    assert column_order.load(ws_ctx.db.label, page.data.plan.project.id) == []


def test_only_the_latest_projects_orders_are_kept(monkeypatch) -> None:
    import uuid

    from planner.ui.workspace import column_order

    monkeypatch.setattr(column_order, "MAX_PROJECTS", 3)
    projects = [uuid.uuid4() for _ in range(5)]
    order = [uuid.uuid4(), uuid.uuid4()]
    for p in projects:
        column_order.save("db-a", p, order)
    assert [column_order.load("db-a", p) for p in projects] == [[], [], order, order, order]
    column_order.save("db-a", projects[2], order[::-1])  # the oldest kept one, saved again: now the newest
    column_order.save("db-a", projects[0], order)
    assert [column_order.load("db-a", p) for p in projects] == [order, [], order[::-1], [], order]
    assert column_order.load("db-b", projects[4]) == []  # per database


def test_in_english_the_project_list_keeps_room_for_titles(qtbot, ws_ctx, make_page) -> None:
    """English headers and statuses are wider (Status, Stages, Assignments): at a fixed 260 px the
    titles got ~100 px, in Chinese ~160 px. Chinese keeps its 260 px."""
    from planner.services import projects
    from planner.ui import i18n
    from planner.ui.context import AppContext

    projects.create_project(ws_ctx.db, title="渝昆高铁川渝段开通联合报道", kind="infrastructure")
    widths = {}
    try:
        for lang in ("en", "zh_CN"):
            i18n.install(lang)
            page = make_page(AppContext(ws_ctx.db, lang))
            page.list_view.selectRow(0)
            settle(qtbot, page)
            header = page.list_view.horizontalHeader()
            widths[lang] = (header.sectionSize(0), page.list_view.parentWidget().width())
            assert page.list_model.headers()[-1] == ("Assignments" if lang == "en" else "任务")
    finally:
        i18n.install("zh_CN")
    assert widths["en"][0] >= 140 and widths["en"][0] >= widths["zh_CN"][0] - 10
    assert widths["zh_CN"][1] == 260
