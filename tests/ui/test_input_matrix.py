# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The coverage matrix as an editor uses it: a new project's rows take drops on the header and the
empty part of a row, the new piece is selected, columns keep their order, a piece is removed with
Delete (one undo step), declined pieces show greyed, and the keyboard moves, opens and adds."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Entity, Format, Status, Tier
from planner.services import outlets, queries, templates
from planner.services.commands import SetStatus
from planner.ui.workspace.matrix_model import INACTIVE_LAYER, OUTLET_MIME, PiecesRole

pytestmark = pytest.mark.qt


def _mime(outlet_id: uuid.UUID) -> QMimeData:
    mime = QMimeData()
    mime.setData(OUTLET_MIME, QByteArray(str(outlet_id).encode()))
    return mime


def _drop(widget, point: QPoint, mime: QMimeData) -> bool:
    """Drag ``mime`` onto ``widget`` at ``point`` and drop it, as Qt delivers a real drag (a drop
    reaches only a widget that accepted the drag's entry)."""
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(widget, move)
    if not move.isAccepted():
        QApplication.sendEvent(widget, QDragLeaveEvent())
        return False
    event = QDropEvent(QPointF(point), *args)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.fixture
def new_project(qtbot, ws_ctx, make_page):
    db = ws_ctx.db
    made = [outlets.create_outlet(db, name=name, tier=Tier.COUNTY, adcode=code, formats=[Format.TEXT, Format.PHOTO]).row
            for name, code in (("永川区融媒体中心", "500118"), ("荣昌区融媒体中心", "500153"), ("江津区融媒体中心", "500116"))]
    row = templates.create_from_template(db, template="event", title="川渝车展联合报道", starts_on="2026-06-01").row
    page = make_page(ws_ctx)
    page.select_after_load(row.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.matrix_tab)
    return page, made


def test_a_new_project_shows_its_rows_and_takes_a_drop_on_a_row_header(qtbot, ws_ctx, new_project):
    page, made = new_project
    tab = page.matrix_tab
    stages = page.data.plan.stages
    assert tab.view.isVisible() and tab.model.rowCount() == len(stages) > 0
    assert tab.model.columnCount() == 0 and tab.hint.isVisible()
    header = tab.view.verticalHeader()
    y = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    assert _drop(header.viewport(), QPoint(10, y), _mime(made[0].id))
    settle(qtbot, page)
    plan = queries.load_plan(ws_ctx.db, page.data.plan.project.id)
    [piece] = plan.assignments
    assert (piece.stage_id, piece.outlet_id) == (stages[2].id, made[0].id)
    assert tab.model.columnCount() == 1 and not tab.hint.isVisible()
    current = tab.view.currentIndex()  # the new piece is selected
    assert (tab.model.stage_at(current.row()).id, tab.model.outlet_at(current.column()).id) == (stages[2].id, made[0].id)


def test_a_drop_on_the_empty_part_of_a_row_and_columns_keep_their_order(qtbot, ws_ctx, new_project):
    page, made = new_project
    tab = page.matrix_tab
    stages = page.data.plan.stages
    for i, outlet in enumerate(reversed(made)):  # 江津, 荣昌, 永川: dropped right of the last column
        y = tab.view.rowViewportPosition(i) + 5
        x = tab.view.viewport().width() - 10
        assert _drop(tab.view.viewport(), QPoint(x, y), _mime(outlet.id))
        settle(qtbot, page)
    names = [o.name for o in tab.model.outlets()]
    assert names == ["江津区融媒体中心", "荣昌区融媒体中心", "永川区融媒体中心"]  # in the order they came
    current = tab.view.currentIndex()
    assert tab.model.stage_at(current.row()).id == stages[2].id and current.column() == 2
    assert not _drop(tab.view.viewport(), QPoint(5, tab.view.viewport().height() - 2), QMimeData())  # not an outlet


def test_delete_removes_the_piece_in_one_undo_step(qtbot, ws_ctx, new_project):
    page, made = new_project
    tab = page.matrix_tab
    stage = page.data.plan.stages[0]
    assert tab.assign(stage.id, made[0].id)
    settle(qtbot, page)
    steps = ws_ctx.undo_stack.count()
    tab.view.setFocus()
    qtbot.waitUntil(tab.view.hasFocus, timeout=2000)
    assert tab.view.currentIndex().isValid()
    QTest.keyClick(tab.view, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert queries.load_plan(ws_ctx.db, page.data.plan.project.id).assignments == ()
    assert ws_ctx.undo_stack.count() == steps + 1 and ws_ctx.undo_stack.undoText().startswith("删除任务")
    ws_ctx.undo_stack.undo()
    settle(qtbot, page)
    assert len(queries.load_plan(ws_ctx.db, page.data.plan.project.id).assignments) == 1


def test_keyboard_moves_opens_and_adds_another_format(qtbot, ws_ctx, new_project, monkeypatch):
    page, made = new_project
    tab = page.matrix_tab
    stages = page.data.plan.stages
    for outlet in made[:2]:
        assert tab.assign(stages[0].id, outlet.id)
        settle(qtbot, page)
    opened: list = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self) or 0)
    tab.view.setFocus()
    tab.select_cell(stages[0].id, made[0].id)
    QTest.keyClick(tab.view, Qt.Key.Key_Right)
    assert tab.model.outlet_at(tab.view.currentIndex().column()).id == made[1].id
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].row is not None and opened[0].row.outlet_id == made[1].id
    existing = opened[0].row.format
    QTest.keyClick(tab.view, Qt.Key.Key_Insert)
    assert len(opened) == 2 and opened[1].row is None  # a new piece …
    assert opened[1].format.currentData() != existing.value  # … in another format
    QTest.keyClick(tab.view, Qt.Key.Key_Down)
    QTest.keyClick(tab.view, Qt.Key.Key_Enter)
    assert len(opened) == 3 and opened[2].row is None and opened[2].stage.id == stages[1].id  # empty cell: new


def test_a_cell_with_one_piece_offers_another_format(qtbot, ws_ctx, new_project):
    page, made = new_project
    tab = page.matrix_tab
    stage = page.data.plan.stages[0]
    assert tab.assign(stage.id, made[0].id)
    settle(qtbot, page)
    texts = [a.text() for a in tab.context_menu(stage.id, made[0].id).actions() if not a.isSeparator()]
    assert any(t.startswith("编辑 主办·") for t in texts) and any(t.startswith("删除 主办·") for t in texts)
    assert "再加一种形式…" in texts
    assert [a.text() for a in tab.context_menu(page.data.plan.stages[1].id, made[0].id).actions()] == ["新建任务…"]


def test_declined_pieces_show_greyed_with_a_toggle(qtbot, ws_ctx, new_project):
    page, made = new_project
    tab = page.matrix_tab
    stage = page.data.plan.stages[0]
    assert tab.assign(stage.id, made[0].id)
    settle(qtbot, page)
    [piece] = queries.load_plan(ws_ctx.db, page.data.plan.project.id).assignments
    ws_ctx.push(SetStatus([piece.id], Status.DECLINED, reason="人手不足"))
    settle(qtbot, page)
    index = tab.model.index_for(stage.id, made[0].id)
    assert index.data() == ""  # no live piece: the stage is not covered …
    assert not tab.model.is_covered(stage.id)
    [shown] = index.data(PiecesRole)  # … but the cell says who declined
    assert shown.greyed and shown.struck and shown.layer == INACTIVE_LAYER and shown.assignment_id == piece.id
    assert shown.text.startswith("主办·") and "婉拒" in shown.tip
    tab.show_inactive.setChecked(False)
    assert index.data(PiecesRole) == []
    tab.show_inactive.setChecked(True)
    assert "婉拒" in index.data(Qt.ItemDataRole.ToolTipRole)
    # another kind of greyed piece (a suggestion, later) uses the same layer mechanism
    from planner.ui.workspace.matrix_model import Piece

    tab.model.set_layer("suggested", {(stage.id, made[1].id): [Piece("建议·图片")]})
    assert tab.model.pieces(stage.id, made[1].id) == [Piece("建议·图片", "suggested")]
    tab.model.show_layer("suggested", False)
    assert tab.model.pieces(stage.id, made[1].id) == []


def test_demo_matrix_screenshot(qtbot, ws_demo_ctx, make_page, tmp_path):
    page = make_page(ws_demo_ctx)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_after_load(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.matrix_tab)
    declined = [a for a in page.data.plan.assignments if a.status in (Status.DECLINED, Status.CANCELLED)]
    if not declined:
        a = page.data.plan.assignments[0]
        ws_demo_ctx.push(SetStatus([a.id], Status.CANCELLED, reason="改由他台报道"))
        settle(qtbot, page)
    path = tmp_path / "matrix.png"
    assert page.grab().save(str(path))
    assert path.stat().st_size > 10000
    assert Entity.ASSIGNMENT  # the module's enums import is used


def test_the_outlet_list_filter_matches_like_every_picker(qtbot, new_project):
    """川报-style contains, full pinyin and initials find an outlet to drag (it matched only plain text)."""
    from planner.domain import matcher

    page, _made = new_project
    tab = page.matrix_tab
    matcher.warm()

    def shown() -> list[str]:
        return [tab.outlet_model.row_at(i).name for i in range(tab.outlet_model.rowCount())]

    for typed in ("荣昌", "rongchang", "rcq", "RCQ 融媒"):
        tab.search.setText(typed)
        assert shown() == ["荣昌区融媒体中心"], (typed, shown())
    tab.search.setText("jj")
    assert "江津区融媒体中心" in shown() and "永川区融媒体中心" not in shown()
    tab.search.clear()
    assert len(shown()) == 3


def test_a_project_without_stages_says_what_comes_next(qtbot, ws_ctx, make_page):
    """An empty project's overview does not say "no gaps or clashes" as if all were well."""
    from planner.services import projects

    row = projects.create_project(ws_ctx.db, title="川渝车展联合报道", kind="event").row
    page = make_page(ws_ctx)
    page.select_after_load(row.id)
    settle(qtbot, page)
    text = page.overview_tab.findings_label.text()
    assert "Ctrl+Shift+T" in text and "没有发现" not in text
