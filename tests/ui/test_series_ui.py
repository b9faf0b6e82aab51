# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The stage dialog's series: a repeating new stage (one undo step), editing one occurrence or the rest,
and the notes thread of an existing stage."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from ws_fixtures import ws_ctx  # noqa: F401 - fixtures

from planner.domain.timefmt import PLAN_TZ
from planner.services import projects, queries, series
from planner.ui.workspace.stage_dialog import StageDialog

pytestmark = pytest.mark.qt


@pytest.fixture
def project(ws_ctx):  # type: ignore[no-untyped-def]
    return projects.create_project(ws_ctx.db, title="川渝联播", kind="other").row


def _dialog(qtbot, ctx, project, row=None):  # type: ignore[no-untyped-def]
    dialog = StageDialog(ctx, project.id, queries.load_stages(ctx.db, project.id), row)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _weekly(dialog, title="每周川渝联播", count=4):  # type: ignore[no-untyped-def]
    dialog.title_edit.setText(title)
    dialog.starts.set_value(datetime(2026, 12, 4, 19, 30, tzinfo=PLAN_TZ))
    dialog.ends.set_value(datetime(2026, 12, 4, 20, 30, tzinfo=PLAN_TZ))
    dialog.repeat.enabled.setChecked(True)
    dialog.repeat.count.setValue(count)


def test_a_repeating_stage_makes_a_series_in_one_undo_step(qtbot, ws_ctx, project) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ws_ctx, project)
    _weekly(dialog)
    assert dialog.repeat.weekdays[4].isChecked()  # preset from the start: a Friday
    assert "每周五，共 4 次" in dialog.repeat.preview.text() and "将建 4 个环节" in dialog.repeat.preview.text()
    assert not dialog.depends.isEnabled() and not dialog.notes.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    made = queries.load_stages(ws_ctx.db, project.id)
    assert [s.title for s in made] == [f"每周川渝联播（{d}）" for d in ("12-04", "12-11", "12-18", "12-25")]
    assert ws_ctx.undo_stack.count() == 1 and "新建系列" in ws_ctx.undo_stack.undoText()
    ws_ctx.undo_stack.undo()
    assert queries.load_stages(ws_ctx.db, project.id) == []
    ws_ctx.undo_stack.redo()
    assert len(queries.load_stages(ws_ctx.db, project.id)) == 4


def test_a_pattern_that_does_not_work_is_explained_and_nothing_is_made(qtbot, ws_ctx, project) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ws_ctx, project)
    _weekly(dialog)
    dialog.repeat.weekdays[4].setChecked(False)
    assert "至少要选一天" in dialog.repeat.preview.text()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "至少要选一天" in dialog.error_texts()["rule"]
    dialog.repeat.freq.setCurrentIndex(dialog.repeat.freq.findData("monthly"))
    dialog.repeat.month_mode.setCurrentIndex(dialog.repeat.month_mode.findData("day"))
    dialog.repeat.monthday.setValue(31)
    dialog.repeat.end_mode.setCurrentIndex(dialog.repeat.end_mode.findData("until"))
    from PySide6.QtCore import QDate

    dialog.starts.set_value(datetime(2027, 4, 1, 9, 0, tzinfo=PLAN_TZ))
    dialog.ends.set_value(datetime(2027, 4, 1, 10, 0, tzinfo=PLAN_TZ))
    dialog.repeat.until.setDate(QDate(2027, 4, 30))
    assert "一次也不会发生" in dialog.repeat.preview.text()
    dialog.accept()
    assert "一次也不会发生" in dialog.error_texts()["rule"]
    assert queries.load_stages(ws_ctx.db, project.id) == [] and ws_ctx.undo_stack.count() == 0
    dialog.repeat.month_mode.setCurrentIndex(dialog.repeat.month_mode.findData("last"))
    dialog.repeat.until.setDate(QDate(2027, 6, 30))
    assert "每月最后一天" in dialog.repeat.preview.text() and "04-30、05-31、06-30" in dialog.repeat.preview.text()


def test_editing_this_and_the_following_occurrences(qtbot, ws_ctx, project) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ws_ctx, project)
    _weekly(dialog)
    dialog.accept()
    before = queries.load_stages(ws_ctx.db, project.id)
    third = before[2]
    edit = _dialog(qtbot, ws_ctx, project, third)
    assert edit.scope is not None and "第 3/4 次" in edit.scope.findChildren(type(edit.general_error))[0].text()
    edit.scope.rest.setChecked(True)
    edit.starts.set_value(datetime(2026, 12, 18, 20, 0, tzinfo=PLAN_TZ))
    edit.ends.set_value(datetime(2026, 12, 18, 21, 30, tzinfo=PLAN_TZ))
    edit.location.setText("新闻演播厅")
    edit.accept()
    assert edit.result() == edit.DialogCode.Accepted, edit.error_texts()
    after = queries.load_stages(ws_ctx.db, project.id)
    assert [s.starts_at for s in after[:2]] == [s.starts_at for s in before[:2]]  # earlier ones unchanged
    for old, new in zip(before[2:], after[2:], strict=True):
        assert new.starts_at - old.starts_at == timedelta(minutes=30)
        assert new.ends_at.astimezone(PLAN_TZ).strftime("%H:%M") == "21:30" and new.location == "新闻演播厅"
    assert ws_ctx.undo_stack.count() == 2 and "及以后各次" in ws_ctx.undo_stack.undoText()
    ws_ctx.undo_stack.undo()
    shape = lambda rows: [(s.title, s.starts_at, s.ends_at, s.location) for s in rows]  # noqa: E731
    assert shape(queries.load_stages(ws_ctx.db, project.id)) == shape(before)
    only = _dialog(qtbot, ws_ctx, project, before[1])
    only.location.setText("只改这一次")
    only.accept()
    assert [s.location for s in queries.load_stages(ws_ctx.db, project.id)] == ["", "只改这一次", "", ""]
    assert series.membership(ws_ctx.db, before[1].id).index == 2


def test_an_existing_stage_shows_its_notes_thread(qtbot, ws_ctx, project) -> None:  # type: ignore[no-untyped-def]
    new = _dialog(qtbot, ws_ctx, project)
    new.title_edit.setText("开通仪式")
    new.notes.setPlainText("北广场集合")
    new.accept()
    stage = queries.load_stages(ws_ctx.db, project.id)[0]
    edit = _dialog(qtbot, ws_ctx, project, stage)
    assert edit.thread is not None and edit.thread.list.count() == 1
    assert "北广场集合" in edit.thread.list.item(0).text()
    edit.thread.editor.setPlainText("改到 8 点")
    assert edit.thread.submit()
    assert edit.thread.list.count() == 2 and edit.scope is None
