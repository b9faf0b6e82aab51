"""Every editing entry point of the screens follows the signed-in role on a real server: what the
role cannot do here is disabled and its tooltip says why in one sentence; an entry point without a
button (a drop, a click on an empty matrix cell, a calendar drag) says it in the message bar; edit
dialogs lock what may not change. Per role: coordinator, desk, viewer (issue #16 item 2)."""

from __future__ import annotations

import pytest

from tests.server.test_server_ui import _select_project, window_as  # noqa: F401  (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.qt]

COORD = "协调人只能修改自己协调的项目，媒体单位、联合体和人员名录由管理员维护。"
DESK = "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。"
VIEWER = "只读账号不能修改任何内容。"


def _save_button(dialog):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _select_all_assignments(qtbot, page, n: int):  # type: ignore[no-untyped-def]
    tab = page.assignments_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == n)
    return tab


def test_coordinator_on_a_colleagues_project_cannot_plan_it_and_is_told_why(window_as, shared_server, qtbot):  # noqa: F811
    window = window_as("coord_a")
    ids = shared_server.ids
    page = _select_project(qtbot, window, "涪江流域联动")  # coordinated by coord_b
    stages = page.stages_tab
    page.tabs.setCurrentWidget(stages)
    stages.select_id(ids["s2"])
    for button in (stages.add_button, stages.edit_button, stages.delete_button, stages.up_button, stages.down_button):
        assert button.isVisibleTo(stages) and not button.isEnabled() and button.toolTip() == COORD
    assert not stages.view.dragEnabled() and not stages.view.acceptDrops() and stages.view.toolTip() == COORD
    assert not any(a.isEnabled() for a in stages.keys.values())
    matrix = page.matrix_tab
    assert not matrix.view.acceptDrops() and not matrix.outlet_view.dragEnabled()
    assert matrix.outlet_view.toolTip() == COORD
    assert matrix.assign(ids["s2"], ids["yongchuan"]) is False  # a drop that got through anyway
    assert matrix.edit_cell(ids["s2"], ids["yongchuan"]) is None  # an empty cell: a new piece is planning
    assert window.ctx.messages[-2:] == [COORD, COORD]
    tab = _select_all_assignments(qtbot, page, 1)
    tab.view.selectRow(0)
    for button in (tab.status_button, tab.people_button, tab.delete_button):
        assert not button.isEnabled() and button.toolTip() == COORD
    assert not tab.keys["delete"].isEnabled()
    dialog = tab.edit_assignment(ids["a_p2_rc"], open_dialog=False)
    dialog.show()
    assert not _save_button(dialog).isEnabled() and not dialog.status.isEnabled() and not dialog.brief.isEnabled()
    assert dialog.general_error.text() == COORD
    dialog.reject()
    assert window.new_action.isEnabled()  # a coordinator creates projects

    page = _select_project(qtbot, window, "渝昆高铁开通")  # their own: everything back, hints too
    stages.select_id(ids["s1"])
    assert stages.add_button.isEnabled() and stages.edit_button.isEnabled() and stages.view.dragEnabled()
    assert stages.view.toolTip() == "拖动行可调整顺序；双击编辑" and stages.add_button.toolTip() == ""
    assert matrix.view.acceptDrops() and matrix.outlet_view.dragEnabled()
    assert matrix.outlet_view.toolTip() == "把单位拖到矩阵中的环节行上即可安排任务"
    tab = _select_all_assignments(qtbot, page, 2)
    tab.view.selectRow(0)
    assert tab.status_button.isEnabled() and tab.delete_button.isEnabled() and tab.keys["delete"].isEnabled()
    window.grab().save("/tmp/server2-coordinator.png")


def test_coordinators_stage_and_project_dialogs_lock_on_a_colleagues_project(window_as, shared_server, qtbot):  # noqa: F811
    from planner.ui.workspace.project_dialog import ProjectDialog
    from planner.ui.workspace.stage_dialog import StageDialog

    window = window_as("coord_a")
    ids = shared_server.ids
    page = _select_project(qtbot, window, "涪江流域联动")
    dialog = StageDialog(window.ctx, ids["p2"], page.stages_tab.model.rows(), page.stages_tab.model.rows()[0], parent=page)
    dialog.show()
    assert not _save_button(dialog).isEnabled() and _save_button(dialog).toolTip() == COORD
    dialog.reject()
    dialog = ProjectDialog(window.ctx, page.directory, page.current_project(), parent=page)
    dialog.show()
    assert not _save_button(dialog).isEnabled()
    dialog.reject()
    assert not page.overview_tab.edit_button.isEnabled() and page.overview_tab.edit_button.toolTip() == COORD
    page = _select_project(qtbot, window, "渝昆高铁开通")
    dialog = StageDialog(window.ctx, ids["p1"], page.stages_tab.model.rows(), page.stages_tab.model.rows()[0], parent=page)
    dialog.show()
    assert _save_button(dialog).isEnabled() and dialog.general_error.text() == ""
    dialog.reject()


def test_desk_works_its_own_outlets_pieces_only(window_as, shared_server, qtbot):  # noqa: F811
    window = window_as("desk_yc")
    ids = shared_server.ids
    page = _select_project(qtbot, window, "渝昆高铁开通")
    matrix = page.matrix_tab
    assert not matrix.view.acceptDrops() and not matrix.outlet_view.dragEnabled()
    stage = next(s for s in page.data.plan.stages if s.id == ids["s1"])
    own = matrix.edit_cell(ids["s1"], ids["yongchuan"], open_dialog=False)
    own.show()  # its own piece: status, people, reason; not role, format, deadline or brief
    assert own.status.isEnabled() and own.people.isEnabled() and _save_button(own).isEnabled()
    assert not own.role.isEnabled() and not own.due.isEnabled() and own.brief.toolTip() == DESK
    own.reject()
    other = matrix.edit_cell(ids["s1b"], ids["rongchang"], open_dialog=False)
    other.show()  # 荣昌's piece: nothing, and it says why
    assert not other.status.isEnabled() and not _save_button(other).isEnabled() and other.general_error.text() == DESK
    other.reject()
    assert matrix.edit_cell(stage.id, ids["rongchang"]) is None and window.ctx.messages[-1] == DESK
    assert not window.new_action.isEnabled() and window.new_action.toolTip() == DESK  # no new project
    window.show_page("people")
    assert not window.new_action.isEnabled()
    from planner.ui.directory.person_dialog import PersonDialog

    people = window.page("people")
    qtbot.waitUntil(lambda: people.select_id(ids["yc_reporter"]))
    opened = []
    qtbot.waitUntil(lambda: bool(people.view.selectionModel().selectedRows()))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, PersonDialog) and w.isVisible():
                opened.append((_save_button(w).isEnabled(), w.general_error.text()))
                w.reject()

    QTimer.singleShot(300, look)
    people.edit_selected()  # a double-click: the person's details, read-only
    assert opened == [(False, DESK)]
    schedule = window.show_page("schedule")
    assert schedule.add_away_action.isEnabled() and window.new_action.isEnabled()  # its own people's absences


def test_viewer_can_change_nothing_anywhere(window_as, shared_server, qtbot):  # noqa: F811
    window = window_as("viewer")
    ids = shared_server.ids
    page = _select_project(qtbot, window, "渝昆高铁开通")
    tab = _select_all_assignments(qtbot, page, 2)
    assert not tab.status_button.isVisibleTo(tab) and not tab.delete_button.isVisibleTo(tab)
    dialog = tab.edit_assignment(ids["a_yc"], open_dialog=False)
    dialog.show()
    assert not _save_button(dialog).isEnabled() and dialog.general_error.text() == VIEWER
    dialog.reject()
    assert page.matrix_tab.edit_cell(ids["s1"], ids["chuanbao"]) is None
    schedule = window.show_page("schedule")
    assert not schedule.add_away_action.isEnabled() and not schedule.import_away_action.isEnabled()
    assert not window.new_action.isEnabled() and window.new_action.toolTip() == VIEWER
    due = schedule.due_tab
    due._update_buttons()
    assert not due.filed_button.isEnabled() or not due.selected_rows()


def test_opening_a_file_after_the_server_shows_everything_again(window_as, qtbot, demo_db):  # noqa: F811
    window = window_as("desk_yc")
    page = window.show_page("projects")
    assert not page.new_button.isVisibleTo(page)
    window.ctx.replace_database(demo_db)
    qtbot.waitUntil(lambda: page.new_button.isVisibleTo(page))
    assert page.stages_tab.add_button.isVisibleTo(page.stages_tab)
    assert window.new_action.isEnabled() and window.new_action.toolTip() != DESK
    assert not window.server.role_label.isVisible()


def test_desk_keeps_its_own_peoples_absences_and_only_reads_the_others(window_as, shared_server, qtbot):  # noqa: F811
    from datetime import UTC, datetime, timedelta

    from planner.services import availability
    from planner.ui.schedule.availability_dialog import AvailabilityDialog, AvailabilityListDialog

    ids = shared_server.ids
    start = datetime(2032, 3, 1, 1, tzinfo=UTC)
    rows = {key: availability.create_availability(shared_server.owner, person_id=ids[key], starts_at=start,
                                                  ends_at=start + timedelta(hours=5)).row
            for key in ("yc_reporter", "rc_reporter")}
    window = window_as("desk_yc")
    schedule = window.show_page("schedule")
    people = [("张记者 · 永川区融媒体中心", ids["yc_reporter"]), ("刘记者 · 荣昌区融媒体中心", ids["rc_reporter"])]
    for key, may in (("yc_reporter", True), ("rc_reporter", False)):
        dialog = AvailabilityDialog(window.ctx, people, row=rows[key], parent=schedule)
        dialog.show()
        assert _save_button(dialog).isEnabled() == may
        assert dialog.general_error.text() == ("" if may else DESK)
        dialog.reject()
    listing = AvailabilityListDialog(window.ctx, people, person_id=ids["rc_reporter"], parent=schedule)
    qtbot.addWidget(listing)
    listing.table.selectRow(0)
    listing.delete()  # 荣昌's absence: refused with the sentence, still there
    assert window.ctx.messages[-1] == DESK
    assert availability.get_availability(shared_server.owner, rows["rc_reporter"].id).person_id == ids["rc_reporter"]


def test_on_a_server_this_desk_is_the_signed_in_accounts_outlet(window_as, shared_server, qtbot):  # noqa: F811
    from planner.domain.agenda import ScopeKind
    from planner.services import settings
    from planner.ui.schedule.due_tab import desk_outlet
    from planner.ui.schedule.reminders import DeadlineReminder

    ids = shared_server.ids
    settings.set_desk(shared_server.owner, editor="旧席位", outlet_id=ids["rongchang"])  # a stale shared setting
    window = window_as("desk_yc")
    assert desk_outlet(window.ctx) == ids["yongchuan"]
    reminder = DeadlineReminder(window.ctx, window)
    reminder.prefs.set_scope("desk")
    assert reminder._outlet() == ids["yongchuan"]
    schedule = window.show_page("schedule")
    qtbot.waitUntil(lambda: schedule.scope is not None, timeout=20000)
    assert schedule.scope.kind is ScopeKind.OUTLET and schedule.scope.id == ids["yongchuan"]
    settings.set_desk(shared_server.owner, editor="", outlet_id=None)


def test_suggestions_and_emergencies_follow_the_role(window_as, qtbot):  # noqa: F811
    window = window_as("coord_a")
    page = _select_project(qtbot, window, "涪江流域联动")  # a colleague's: nothing to adopt or reject here
    panel = page.suggest_panel
    panel._update_buttons()
    for button in (panel.accept_button, panel.accept_all_button, panel.reject_button, panel.forget_button):
        assert not button.isEnabled() and button.toolTip() == COORD
    assert page.emergency_button.isVisibleTo(page)  # a coordinator creates projects, emergencies too
    desk = window_as("desk_yc")
    page = desk.show_page("projects")
    assert not page.emergency_button.isVisibleTo(page) and not page.actions.emergency.isVisible()


def test_calendar_items_move_only_for_who_plans_their_project(window_as, shared_server, qtbot, demo_db):  # noqa: F811
    from types import SimpleNamespace

    ids = shared_server.ids
    window = window_as("coord_a")
    schedule = window.show_page("schedule")
    window.show_page("projects")  # the project list says who coordinates what
    qtbot.waitUntil(lambda: ids["p1"] in window.server.coordinators)
    own, other = SimpleNamespace(project_id=ids["p1"]), SimpleNamespace(project_id=ids["p2"])  # calendar items
    assert schedule.view.may_move(own) and not schedule.view.may_move(other)
    window.ctx.replace_database(demo_db)  # a file: everything moves, absences are recorded again
    assert schedule.view.may_move(other) and schedule.add_away_action.isEnabled()
