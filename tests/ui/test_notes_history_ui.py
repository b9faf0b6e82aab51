# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The notes thread and the history panel on screen: empty and full, undo, revert, both languages."""

from __future__ import annotations

import time

import pytest
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Action, Entity
from planner.services import notes, queries, settings, stages
from planner.ui.history.dialog import HistoryDialog
from planner.ui.history.panel import HistoryPanel
from planner.ui.notes.dialog import NotesDialog
from planner.ui.notes.thread import NotesThread
from planner.ui.workspace.assignment_dialog import AssignmentDialog

pytestmark = pytest.mark.qt


def _wait(qtbot, panel: HistoryPanel, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    qtbot.wait(5)
    while panel.busy:
        assert time.monotonic() < deadline, "history did not load"
        qtbot.wait(10)
    qtbot.wait(5)


def _rail(db):  # type: ignore[no-untyped-def]
    return queries.load_plan(db, queries.resolve_project(db, "YKGT-2026").id)


def test_notes_thread_empty_write_edit_delete_each_one_undo_step(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    plan = _rail(ctx.db)
    a = plan.assignments[0]
    thread = NotesThread(ctx, assignment_id=a.id, title="荣昌 · 文字")
    qtbot.addWidget(thread)
    thread.show()
    assert thread.empty.isVisible() and not thread.list.isVisible()
    thread.editor.setPlainText("   ")
    assert not thread.submit()
    assert thread.error.isVisible() and "不能为空" in thread.error.text() and ctx.undo_stack.count() == 0
    thread.editor.setPlainText("北广场 8:30 集合")
    assert thread.submit()
    assert not thread.error.isVisible() and thread.editor.toPlainText() == ""
    assert thread.list.count() == 1 and ctx.db.desk in thread.list.item(0).text()
    assert ctx.undo_stack.count() == 1 and "添加备注" in ctx.undo_stack.undoText()
    thread.list.setCurrentRow(0)
    assert thread.edit_button.isEnabled()
    thread.start_editing()
    assert thread.editor.toPlainText() == "北广场 8:30 集合" and thread.send.text() == "保存修改"
    thread.editor.setPlainText("北广场 8:00 集合")
    assert thread.submit()
    assert "（已修改）" in thread.list.item(0).text() and "8:00" in thread.list.item(0).text()
    ctx.undo_stack.undo()
    assert "8:30" in thread.list.item(0).text()
    ctx.undo_stack.redo()
    thread.list.setCurrentRow(0)
    assert thread.delete_current()
    assert thread.empty.isVisible() and ctx.undo_stack.count() == 3
    ctx.undo_stack.undo()
    assert thread.list.count() == 1


def test_someone_elses_note_can_be_answered_not_changed(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    stage = _rail(ctx.db).stages[0]
    settings.set_desk(ctx.db, editor="李强", outlet_id=None)
    notes.create_note(ctx.db, stage_id=stage.id, body="同事的备注")
    settings.set_desk(ctx.db, editor="王芳", outlet_id=None)
    dialog = NotesDialog(ctx, stage.title, stage_id=stage.id)
    qtbot.addWidget(dialog)
    dialog.show()
    thread = dialog.thread
    texts = [thread.list.item(i).text() for i in range(thread.list.count())]
    assert any("同事的备注" in t and "李强" in t for t in texts)
    row = next(i for i, t in enumerate(texts) if "同事的备注" in t)
    thread.list.setCurrentRow(row)
    assert not thread.edit_button.isEnabled() and not thread.delete_button.isEnabled()
    assert "只有作者本人" in thread.edit_button.toolTip()
    assert not thread.delete_current()


def test_history_panel_of_a_project_filters_shows_fields_and_reverts(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    plan = _rail(ctx.db)
    stage = plan.stages[0]
    stages.update_stage(ctx.db, stage.id, title="重庆西站北广场")
    panel = HistoryPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1100, 640)
    panel.show()
    panel.set_project(plan.project.id)
    _wait(qtbot, panel)
    assert panel.model.rowCount() > 40 and not panel.empty.isVisible()
    assert panel.desk.count() >= 2  # 全部 + the demo's desks
    panel.kind.setCurrentIndex(panel.kind.findData(Entity.STAGE.value))
    panel.action.setCurrentIndex(panel.action.findData(Action.UPDATE.value))
    panel.reload()
    _wait(qtbot, panel)
    entry = panel.model.row_at(0)
    assert entry.entity_id == stage.id and panel.model.rowCount() == 1
    panel.view.selectRow(0)
    assert panel.fields.rowCount() == 1
    assert [panel.fields.item(0, c).text() for c in range(3)] == ["标题", "重庆西站", "重庆西站北广场"]
    assert panel.revert_button.isEnabled()
    assert panel.revert_current()
    assert next(s for s in queries.load_stages(ctx.db, plan.project.id) if s.id == stage.id).title == "重庆西站"
    assert "撤回修改" in ctx.undo_stack.undoText()
    ctx.undo_stack.undo()
    assert next(s for s in queries.load_stages(ctx.db, plan.project.id) if s.id == stage.id).title == "重庆西站北广场"
    panel.since.setText("2099-01-01")
    panel.reload()
    _wait(qtbot, panel)
    assert panel.empty.isVisible() and "没有符合筛选条件" in panel.empty.text()
    panel.since.setText("明天")
    panel.reload()
    assert "无法识别的日期" in panel.filter_error.text()


def test_revert_refused_is_explained_beside_the_button(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    stage = _rail(ctx.db).stages[1]
    stages.update_stage(ctx.db, stage.id, title="永川东站（一）")
    stages.update_stage(ctx.db, stage.id, title="永川东站（二）")
    dialog = HistoryDialog(ctx, stage.id, stage.title)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    _wait(qtbot, panel)
    first_edit = max(i for i in range(panel.model.rowCount()) if panel.model.row_at(i).action is Action.UPDATE)
    panel.view.selectRow(first_edit)
    assert not panel.revert_current()
    assert "此后又有人修改了标题" in panel.revert_error.text() and ctx.undo_stack.count() == 0


def test_empty_database_history_and_workspace_tab(qtbot, ws_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    from planner.services import projects

    project = projects.create_project(ws_ctx.db, title="空项目").row
    page = make_page(ws_ctx)
    page.select_project(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.history_tab)
    _wait(qtbot, page.history_tab)
    assert page.tabs.tabText(page.tabs.indexOf(page.history_tab)) == "历史"
    assert page.history_tab.model.rowCount() == 1  # the project's creation
    page.history_tab.set_project(None)
    assert page.history_tab.empty.isVisible() and page.history_tab.empty.text() == "还没有修改记录。"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_history_and_notes_screens_fit_and_read_in_both_languages(qtbot, demo_db, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    from planner.ui import i18n
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all

    i18n.install(lang)
    try:
        ctx = AppContext(demo_db, lang)
        plan = _rail(demo_db)
        stages.update_stage(demo_db, plan.stages[0].id, title="重庆西站北广场", location="北广场")
        notes.create_note(demo_db, stage_id=plan.stages[0].id, body="首发列车 7:00 发车，请提前一小时到站。")
        panel = HistoryPanel(ctx)
        qtbot.addWidget(panel)
        panel.resize(1366, 700)
        panel.show()
        panel.set_project(plan.project.id)
        _wait(qtbot, panel)
        panel.view.selectRow(1)
        english = lang == "en"
        assert panel.revert_button.text() == ("Revert this change" if english else "撤回这处修改")
        assert panel.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == (
            "When" if english else "时间")
        assert panel.sizeHint().width() <= 1366
        panel.grab().save(str(tmp_path / f"history-{lang}.png"))
        dialog = NotesDialog(ctx, plan.stages[0].title, stage_id=plan.stages[0].id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.thread.send.text() == ("Add note" if english else "添加备注")
        assert dialog.sizeHint().height() <= 768
        dialog.grab().save(str(tmp_path / f"notes-{lang}.png"))
        ctx.wait_for_workers()
        wait_for_all()
    finally:
        i18n.install("zh_CN")


def test_task_dialog_shows_the_thread_and_a_new_task_takes_its_first_note(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    db = ctx.db
    page = make_page(ctx)
    plan = _rail(db)
    a = plan.assignments[0]
    notes.create_note(db, assignment_id=a.id, body="北广场 8:30 集合")
    stage = next(s for s in plan.stages if s.id == a.stage_id)
    outlet = plan.outlets[a.outlet_id]
    staff = [p for p in plan.people.values() if p.outlet_id == outlet.id]
    dialog = AssignmentDialog(ctx, stage, outlet, staff, a, parent=page)
    assert dialog.thread is not None and dialog.first_note is None
    assert dialog.thread.list.count() == 1 and "北广场 8:30 集合" in dialog.thread.list.item(0).text()
    dialog.thread.editor.setPlainText("改到南广场")  # typed, not yet added: saving the task adds it
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    assert [n.body for n in notes.thread(db, assignment_id=a.id)] == ["北广场 8:30 集合", "改到南广场"]
    # a new task: its 备注 is the first note of its thread, and one undo takes task and note
    before = {x.id for x in _rail(db).assignments}
    new = AssignmentDialog(ctx, stage, outlet, staff, None, parent=page)
    assert new.thread is None and new.first_note is not None
    new.first_note.setPlainText("首期稿件周五前交")
    new.accept()
    assert new.result() == new.DialogCode.Accepted, new.error_texts()
    (made,) = {x.id for x in _rail(db).assignments} - before
    thread = notes.thread(db, assignment_id=made)
    assert [(n.body, n.author) for n in thread] == [("首期稿件周五前交", db.desk)]
    ctx.undo_stack.undo()
    assert {x.id for x in _rail(db).assignments} == before
