# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The assignments table as an editor uses it: open a task from the table, people for many tasks at
once, a reason that must not be empty, only statuses the tasks may move to, no 项目 column when
the table shows one project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Status
from planner.services import queries
from planner.ui.workspace.assignment_dialog import AssignmentDialog
from planner.ui.workspace.assignments_model import AssignmentsModel
from planner.ui.workspace.people_dialog import BulkPeopleDialog

pytestmark = pytest.mark.qt


@pytest.fixture
def tab(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.assignments_tab)
    t = page.assignments_tab
    t.page = page  # type: ignore[attr-defined]
    return t


def _rows(tab):
    return [tab.model.row_at(i) for i in range(tab.model.rowCount())]


def test_double_click_enter_and_f2_open_the_task(qtbot, ws_demo_ctx, tab, monkeypatch):
    opened: list = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self) or 0)
    row = tab.model.row_at(2)
    index = tab.model.index(2, AssignmentsModel.OUTLET)
    tab.view.setFocus()
    tab.view.setCurrentIndex(index)
    rect = tab.view.visualRect(index)
    # a double-click is a press then a double-click event on the same row (as a real mouse sends)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    QTest.keyClick(tab.view, Qt.Key.Key_F2)
    assert len(opened) == 3 and all(isinstance(d, AssignmentDialog) and d.row.id == row.id for d in opened)
    # and the dialog saves: the matrix's dialog, from the table
    dialog = tab.edit_assignment(row.id, open_dialog=False)
    dialog.brief.setPlainText("从任务表修改")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    assert queries.load_assignments_by_id(ws_demo_ctx.db, [row.id])[0].brief == "从任务表修改"


def test_people_for_many_tasks_at_once_in_one_undo_step(qtbot, ws_demo_ctx, tab):
    db = ws_demo_ctx.db
    staffed = {o for o in (p.outlet_id for p in tab.directory.people)}
    rows = [r for r in _rows(tab) if r.outlet_id in staffed and r.status is not Status.CANCELLED]
    by_outlet: dict = {}
    for r in rows:
        by_outlet.setdefault(r.outlet_id, []).append(r)
    outlets = [o for o, rs in by_outlet.items() if len(rs) >= 1][:2]
    chosen_rows = [rs[0] for o, rs in by_outlet.items() if o in outlets] + by_outlet[outlets[0]][1:2]
    tab._reselect([r.id for r in chosen_rows])
    assert tab.people_button.isEnabled()
    people = {o: next(p for p in tab.directory.people_of(o) if p.active) for o in outlets}
    steps = ws_demo_ctx.undo_stack.count()

    def pick(dialog):
        assert isinstance(dialog, BulkPeopleDialog)
        shown = {p.id for p in dialog.people.model.people()}
        people_ids = [p.id for p in people.values()]
        assert set(people_ids) <= shown
        assert dialog.people.model.columnCount() == 4  # name, role, outlet, already on
        dialog.people.set_ids(people_ids)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    tab.run_dialog = pick
    tab.assign_people()
    for r in chosen_rows:
        got = queries.load_assignments_by_id(db, [r.id])[0].person_ids
        assert people[r.outlet_id].id in got and set(r.person_ids) <= set(got)  # added, none lost
    assert ws_demo_ctx.undo_stack.count() == steps + 1
    ws_demo_ctx.undo_stack.undo()
    for r in chosen_rows:
        assert queries.load_assignments_by_id(db, [r.id])[0].person_ids == r.person_ids


def test_an_empty_reason_is_an_inline_error(qtbot, ws_demo_ctx, tab):
    planned = next(r for r in _rows(tab) if r.status is Status.PLANNED)
    tab._reselect([planned.id])
    seen = []

    def empty_then_cancel(dialog):
        dialog.reason.setText("   ")
        dialog.accept()
        seen.append((dialog.result(), dict(dialog.error_texts())))
        return False

    tab.run_dialog = empty_then_cancel
    assert not tab.bulk_set_status(Status.CANCELLED)
    [(result, errors)] = seen
    assert result != QDialog.DialogCode.Accepted and "原因不能为空" in errors["reason"]
    assert queries.load_assignments_by_id(ws_demo_ctx.db, [planned.id])[0].status is Status.PLANNED


def test_only_statuses_the_selection_may_move_to_are_offered(qtbot, tab):
    rows = _rows(tab)
    planned = [r for r in rows if r.status is Status.PLANNED][:2]
    tab._reselect([r.id for r in planned])
    offered = [tab.new_status.itemData(i) for i in range(tab.new_status.count())]
    assert Status.PLANNED.value not in offered and Status.CONFIRMED.value in offered
    cancelled = next(r for r in rows if r.status is Status.CANCELLED)
    tab._reselect([cancelled.id])
    offered = [tab.new_status.itemData(i) for i in range(tab.new_status.count())]
    assert Status.CANCELLED.value not in offered and Status.PLANNED.value in offered  # reopen
    tab._reselect([])
    assert tab.new_status.count() == 0 and not tab.status_button.isEnabled()


def test_no_project_column_for_one_project(qtbot, tab):
    assert tab.view.isColumnHidden(AssignmentsModel.PROJECT)
    tab.scope.setCurrentIndex(tab.scope.findData("all"))
    assert not tab.view.isColumnHidden(AssignmentsModel.PROJECT)


def test_people_picker_without_people_says_where_they_come_from(qtbot) -> None:
    """A directory loaded without staff: the assignment dialog's picker explains instead of an empty table."""
    from planner.ui.workspace.people_picker import PeoplePicker

    picker = PeoplePicker([], ())
    qtbot.addWidget(picker)
    picker.show()
    assert picker.empty_note.isVisible() and not picker.view.isVisible()
    assert "Ctrl+4" in picker.empty_note.text()
    assert picker.ids() == []
