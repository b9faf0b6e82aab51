"""The last entry points of issue #16 item 2 on a real server, per role: 撤回这处修改 in the history,
the notes thread, File ▸ 导入计划 / 导入回执 / 载入联合体名录, the person picker of a desk's new
absence, and the "拖动…" hints of the matrix, the 时间线 and the 日程 page. What the role cannot do is disabled in
advance and says why in the role's one sentence; what it can do still works against the server."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.server.test_server_ui import _select_project, window_as  # noqa: F401  (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.qt]

COORD = "协调人只能修改自己协调的项目，媒体单位、联合体和人员名录由管理员维护。"
DESK = "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。"
VIEWER = "只读账号不能修改任何内容。"


def _ctx(shared_server, short: str):  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext

    ctx = AppContext(shared_server.open_as(short))
    ctx.messages = []  # type: ignore[attr-defined]
    ctx.failed.connect(ctx.messages.append)  # type: ignore[attr-defined]
    return ctx


def _history(qtbot, ctx, entity_id):  # type: ignore[no-untyped-def]
    """The history window of one record, loaded."""
    from planner.ui.history.dialog import HistoryDialog

    dialog = HistoryDialog(ctx, entity_id, "x")
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    panel.keep_dialog = dialog  # the window lives as long as the test holds its panel
    deadline = time.monotonic() + 30
    qtbot.wait(5)
    while panel.busy or panel.model.rowCount() == 0:
        assert time.monotonic() < deadline, "history did not load"
        qtbot.wait(20)
    return panel


def _select(panel, action):  # type: ignore[no-untyped-def]
    row = next(i for i in range(panel.model.rowCount()) if panel.model.row_at(i).action is action)
    panel.view.selectRow(row)
    return panel.model.row_at(row)


def test_revert_is_disabled_for_a_role_that_may_not_make_that_change(shared_server, qtbot):
    from planner.domain.enums import Action
    from planner.services import assignments, stages

    ids = shared_server.ids
    stages.update_stage(shared_server.owner, ids["s2"], title="遂宁段（改）")  # coord_b's project
    desk_yc = _ctx(shared_server, "desk_yc")
    before = assignments.get_assignments(shared_server.owner, [ids["a_yc"]])[0].status.value
    assignments.set_status(desk_yc.db, ids["a_yc"], status="confirmed")  # the desk's own piece

    for short, why in (("coord_a", COORD), ("desk_yc", DESK), ("viewer", VIEWER), ("coord_b", "")):
        ctx = desk_yc if short == "desk_yc" else _ctx(shared_server, short)
        panel = _history(qtbot, ctx, ids["s2"]) if short != "desk_yc" else None
        if panel is not None:  # a colleague's stage: only its coordinator may write it back
            _select(panel, Action.UPDATE)
            assert panel.revert_button.isEnabled() == (not why), short
            assert panel.revert_button.toolTip() == (why or "把这条记录改动的内容改回去（可以撤销）"), short
        panel = _history(qtbot, ctx, ids["yongchuan"])  # a directory record: the administrator's
        _select(panel, Action.CREATE)
        assert not panel.revert_button.isEnabled() and panel.revert_button.toolTip() == (why or COORD), short

    panel = _history(qtbot, desk_yc, ids["a_yc"])
    _select(panel, Action.UPDATE)  # its own status change: the desk may take it back
    assert panel.revert_button.isEnabled() and panel.revert_current()
    assert assignments.get_assignments(shared_server.owner, [ids["a_yc"]])[0].status.value == before
    _select(panel, Action.CREATE)  # its creation is planning
    assert not panel.revert_button.isEnabled() and panel.revert_button.toolTip() == DESK
    viewer = _history(qtbot, _ctx(shared_server, "viewer"), ids["a_yc"])
    _select(viewer, Action.UPDATE)
    assert not viewer.revert_button.isEnabled() and viewer.revert_button.toolTip() == VIEWER


def test_notes_thread_is_read_only_for_a_viewer_and_writable_for_a_desk(shared_server, qtbot):
    from planner.services import notes
    from planner.ui.notes.thread import NotesThread

    ids = shared_server.ids
    notes.create_note(shared_server.owner, body="北广场 8:30 集合", stage_id=ids["s1"])
    viewer = NotesThread(_ctx(shared_server, "viewer"), stage_id=ids["s1"], title="永川南站")
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.list.setCurrentRow(0)
    for widget in (viewer.send, viewer.edit_button, viewer.delete_button, viewer.editor):
        assert not widget.isEnabled() and widget.toolTip() == VIEWER
    assert viewer.editor.placeholderText() == VIEWER
    assert viewer.list.count() == 1  # still reads the thread

    desk = NotesThread(_ctx(shared_server, "desk_yc"), stage_id=ids["s1"], title="永川南站")
    qtbot.addWidget(desk)
    desk.show()
    assert desk.send.isEnabled() and desk.editor.isEnabled() and desk.send.toolTip() == ""
    desk.editor.setPlainText("永川到了")
    assert desk.submit() and desk.list.count() == 2  # the server took it
    desk.list.setCurrentRow(1)
    assert desk.edit_button.isEnabled() and desk.delete_button.isEnabled()


def test_imports_in_the_file_menu_are_coordinators_work(window_as, qtbot, tmp_path):  # noqa: F811
    for short, why in (("desk_yc", DESK), ("viewer", VIEWER)):
        window = window_as(short)
        exchange = window._exchange_actions
        assert [a.text() for a in exchange.import_actions] == ["导入计划…", "导入回执…"]
        for action in (*exchange.import_actions, window.directory_action):
            assert not action.isEnabled() and action.toolTip() == why, (short, action.text())
        assert window.file_menu.toolTipsVisible()
        # reached anyway (a script, a stale menu): refused with the sentence, nothing started
        assert exchange.import_bundle(str(tmp_path / "x.jcp")) is None
        assert exchange.import_replies(str(tmp_path / "x.xlsx")) is None
        assert window.ctx.messages[-2:] == [why, why]
    window = window_as("coord_a")
    exchange = window._exchange_actions
    assert all(a.isEnabled() and a.toolTip() == a.text().rstrip("…") for a in exchange.import_actions), [
        (a.isEnabled(), a.toolTip()) for a in exchange.import_actions]
    assert not window.directory_action.isEnabled() and window.directory_action.toolTip() == COORD


def test_a_desk_records_absences_for_its_own_people_only(shared_server, qtbot):
    from planner.services import availability
    from planner.ui.schedule.availability_dialog import AvailabilityDialog

    ids = shared_server.ids
    people = [("王协调 · 四川日报报业集团", ids["coord_a"]), ("张记者 · 永川区融媒体中心", ids["yc_reporter"]),
              ("刘记者 · 荣昌区融媒体中心", ids["rc_reporter"])]
    ctx = _ctx(shared_server, "desk_yc")
    dialog = AvailabilityDialog(ctx, people, person_id=ids["rc_reporter"])  # another outlet's, preselected
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.person.itemText(i) for i in range(dialog.person.count())] == ["张记者 · 永川区融媒体中心"]
    assert dialog.person.currentIndex() == -1  # not silently someone else
    dialog.person.setCurrentIndex(0)
    dialog.start.setText("2033-05-02")
    dialog.end.setText("2033-05-03")
    dialog.accept()  # the server takes the desk's own person's absence
    assert dialog.general_error.text() == "" and dialog.result() == 1
    assert [r.starts_at.year for r in availability.list_availability(shared_server.owner, person_id=ids["yc_reporter"])
            if r.starts_at.year == 2033] == [2033]
    coord = AvailabilityDialog(_ctx(shared_server, "coord_a"), people)
    qtbot.addWidget(coord)
    assert coord.person.count() == 3  # a coordinator records anyone's


def _timeline(qtbot, page, project_id):  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.timeline_tab)
    qtbot.waitUntil(lambda: page.timeline_tab.plan is not None and page.timeline_tab.plan.project.id == project_id)
    return page.timeline_tab


def test_drag_hints_say_the_roles_sentence_where_drags_are_off(window_as, shared_server, qtbot):  # noqa: F811
    from planner.domain.agenda import AgendaItem, ItemKind

    ids = shared_server.ids
    start = datetime(2033, 6, 1, 2, tzinfo=UTC)
    item = AgendaItem(kind=ItemKind.STAGE, key="s", title="遂宁段", start=start, end=start + timedelta(hours=2),
                      project_id=ids["p2"])
    window = window_as("desk_yc")
    page = _select_project(qtbot, window, "渝昆高铁开通")
    assert page.matrix_tab.drag_hint.text() == DESK
    assert "Insert" not in page.matrix_tab.legend.text() and "Delete" not in page.matrix_tab.legend.text()
    timeline = _timeline(qtbot, page, ids["p1"])  # 时间线: nothing drags, the hint says why
    assert not timeline.view.may_move and timeline.hint.text() == DESK and timeline.drag_refusal == DESK
    schedule = window.show_page("schedule")
    schedule.legend.setText(schedule._legend())
    assert DESK.rstrip("。") in schedule.legend.text() and "拖动" not in schedule.legend.text()
    tip = schedule.view.painter_.tooltip(item, schedule.view.drag_refusal(item))
    assert DESK in tip and "拖动" not in tip

    window = window_as("coord_a")
    page = _select_project(qtbot, window, "涪江流域联动")  # a colleague's project
    assert page.matrix_tab.drag_hint.text() == COORD
    timeline = _timeline(qtbot, page, ids["p2"])
    assert not timeline.view.may_move and timeline.hint.text() == COORD
    page = _select_project(qtbot, window, "渝昆高铁开通")  # their own: the hint is back
    assert page.matrix_tab.drag_hint.text() == "拖动单位到环节行 →"
    assert "Insert 再加一种形式，Delete 删除" in page.matrix_tab.legend.text()  # their own: the keys are named
    timeline = _timeline(qtbot, page, ids["p1"])
    assert timeline.view.may_move and timeline.drag_refusal == ""
    assert timeline.hint.text() == "拖动条形移动环节，拖动两端改时间，拖动◆改截稿；Esc 取消"
    schedule = window.show_page("schedule")
    qtbot.waitUntil(lambda: ids["p2"] in window.server.coordinators)
    assert "拖动可改时间" in schedule._legend()  # their own items move
    assert COORD in schedule.view.painter_.tooltip(item, schedule.view.drag_refusal(item))
    own = AgendaItem(kind=ItemKind.STAGE, key="o", title="永川南站", start=start, end=start, project_id=ids["p1"])
    assert "拖动可改时间" in schedule.view.painter_.tooltip(own, schedule.view.drag_refusal(own))
