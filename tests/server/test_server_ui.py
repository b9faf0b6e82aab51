"""The app on a shared server: signing in (the password only in a keyring), what each role sees,
other editors' changes refreshing the screen within a second marked 刚由 X 修改, presence and
editing markers, and a clean stop of the listener when the window closes (issue #16, items 1, 2, 4)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy.engine import make_url

from planner.services import assignments
from planner.store.live import Presence

pytestmark = [pytest.mark.postgres, pytest.mark.qt]


class FakeKeyring:
    """An in-memory stand-in for the OS keyring (the ``keyring`` package's API)."""

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.store.get((service, user))

    def set_password(self, service: str, user: str, secret: str) -> None:
        self.store[(service, user)] = secret

    def delete_password(self, service: str, user: str) -> None:
        self.store.pop((service, user), None)


@pytest.fixture
def keyring(monkeypatch):
    from planner.ui.server import credentials

    fake = FakeKeyring()
    monkeypatch.setattr(credentials, "_keyring", lambda: fake)
    return fake


@pytest.fixture
def window_as(shared_server, qtbot):
    """Open the main window signed in as one of the test accounts."""
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow
    from planner.ui.workers import wait_for_all

    made = []

    def make(short: str):  # type: ignore[no-untyped-def]
        db = shared_server.open_as(short)
        ctx = AppContext(db)
        ctx.messages = []  # type: ignore[attr-defined]
        ctx.failed.connect(ctx.messages.append)  # type: ignore[attr-defined]
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()
        win.ctx.wait_for_workers()
    wait_for_all()


def _select_project(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    from tests.ui.ws_fixtures import settle

    page = window.show_page("projects")
    settle(qtbot, page)
    model = page.list_view.model()
    for row in range(model.rowCount()):
        if title in str(model.index(row, 0).data()) or any(
                title in str(model.index(row, c).data()) for c in range(model.columnCount())):
            page.list_view.selectRow(row)
            break
    else:
        raise AssertionError(f"{title} not in the project list")
    settle(qtbot, page)
    return page


def test_sign_in_asks_remembers_the_user_and_keeps_the_password_in_the_keyring(shared_server, qtbot, keyring):
    from planner.ui.server import credentials
    from planner.ui.server.signin import SignInDialog, open_server_interactive

    server = shared_server
    url = make_url(server.url("desk_yc"))._replace(password=None)
    dialog = SignInDialog(url, "zh")
    qtbot.addWidget(dialog)
    assert dialog.user.text() == server.login("desk_yc")
    dialog.password.setText("wrong-password")
    dialog.sign_in()
    assert dialog.database is None and dialog.error.text() == f"无法登录 {dialog.server}：用户名或密码不对。"
    dialog.password.setText("秘密-Passw0rd")
    dialog.remember.setChecked(True)
    dialog.sign_in()
    assert dialog.database is not None and dialog.database.account.login == server.login("desk_yc")
    dialog.database.close()
    assert list(keyring.store.values()) == ["秘密-Passw0rd"]
    assert credentials.remembered_user(dialog.server) == server.login("desk_yc")
    from pathlib import Path

    from planner.ui import prefs

    assert "Passw0rd" not in Path(prefs.store().fileName()).read_text(encoding="utf-8")
    # next start: the URL has neither user nor password, and no dialog is needed
    bare = make_url(server.url())._replace(username=None, password=None).render_as_string(hide_password=False)
    db = open_server_interactive(bare, None, "zh")
    assert db is not None and db.account.login == server.login("desk_yc")
    db.close()


def test_without_a_keyring_the_password_is_asked_each_time(shared_server, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer

    from planner.ui.server import credentials
    from planner.ui.server.signin import SignInDialog, open_server_interactive

    monkeypatch.setattr(credentials, "_keyring", lambda: None)
    url = make_url(shared_server.url("viewer"))._replace(password=None)
    dialog = SignInDialog(url, "en")
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    seen = []

    def answer() -> None:
        from PySide6.QtWidgets import QApplication

        for w in QApplication.topLevelWidgets():
            if isinstance(w, SignInDialog) and w.isVisible():
                seen.append(w)
                w.password.setText("秘密-Passw0rd")
                w.sign_in()

    QTimer.singleShot(200, answer)
    db = open_server_interactive(url.render_as_string(hide_password=False), None, "en")
    assert seen and db is not None and db.account.role.value == "viewer"
    db.close()


def test_a_desk_sees_its_role_and_not_what_it_cannot_do(window_as, qtbot):
    window = window_as("desk_yc")
    assert window.server.role_label.text() == "角色：单位编辑"
    assert window.server.role_label.toolTip() == "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。"
    window.update_status()
    assert window.status_desk.text() == "本席：张编辑（永川区融媒体中心）"
    outlets = window.show_page("outlets")
    assert not outlets.add_button.isVisibleTo(outlets) and not outlets.delete_button.isVisibleTo(outlets)
    page = _select_project(qtbot, window, "渝昆高铁开通")
    assert not page.new_button.isVisibleTo(page)
    assert not page.overview_tab.edit_button.isVisibleTo(page.overview_tab)
    page.actions.update()
    assert not page.actions.edit.isEnabled() and not page.actions.delete.isEnabled()
    assert not page.stages_tab.add_button.isVisibleTo(page.stages_tab)
    tab = page.assignments_tab
    assert tab.status_button.isVisibleTo(tab) and not tab.delete_button.isVisibleTo(tab)
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.view.model().rowCount() == 2)
    for row in range(2):  # 永川's own assignment: the buttons work; 荣昌's: disabled, saying why
        tab.view.selectRow(row)
        own = tab.model.row_by_id(tab.selected_ids()[0]).outlet_id == window.ctx.db.account.outlet_id
        assert tab.status_button.isEnabled() == own and tab.people_button.isEnabled() == own
        assert (tab.status_button.toolTip() == "") == own
    window.grab().save("/tmp/server-desk.png")


def test_a_coordinator_may_edit_only_the_projects_they_coordinate(window_as, qtbot):
    window = window_as("coord_a")
    page = _select_project(qtbot, window, "渝昆高铁开通")
    page.actions.update()
    assert page.actions.edit.isEnabled() and page.actions.new_stage.isEnabled()
    assert page.overview_tab.edit_button.isEnabled()
    page = _select_project(qtbot, window, "涪江流域联动")
    page.actions.update()
    assert not page.actions.edit.isEnabled() and page.actions.duplicate.isEnabled()
    assert not page.overview_tab.edit_button.isEnabled()


def test_a_refusal_by_the_server_is_one_sentence_in_the_message_bar(window_as, shared_server, qtbot):
    from planner.domain.enums import Entity
    from planner.services.commands import Update

    window = window_as("desk_yc")
    assert window.ctx.push(Update(Entity.ASSIGNMENT, shared_server.ids["a_rc"], {"notes": "不是我的"})) is None
    qtbot.waitUntil(lambda: window.message_bar.isVisible())
    assert window.message_bar.label.text() == "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。"


def test_another_editors_change_refreshes_the_screen_within_a_second(window_as, shared_server, qtbot):
    server = shared_server
    window = window_as("coord_a")
    page = _select_project(qtbot, window, "渝昆高铁开通")
    assert window.server.live.running
    editor = server.open_as("desk_yc")
    arrived: list[float] = []
    window.ctx.changed.connect(lambda _change: arrived.append(time.monotonic()))
    # The second is counted from the moment the other editor's write has returned (committed): how
    # long the write itself takes on a loaded machine is the server's, not the refresh's.
    with qtbot.waitSignal(window.ctx.changed, timeout=3000) as blocker:
        assignments.update_assignment(editor, server.ids["a_yc"], notes="已到永川南站")
        written = time.monotonic()
    assert arrived and arrived[0] - written < 1.0
    from planner.domain.enums import Entity

    assert (Entity.ASSIGNMENT, server.ids["a_yc"]) in blocker.args[0].updated
    assert window.message_bar.label.text() == "刚由 张编辑（永川区融媒体中心） 修改：报道任务"
    from tests.ui.ws_fixtures import settle

    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.assignments_tab)
    model = page.assignments_tab.view.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    marked = [model.index(r, 0).data(3) for r in range(model.rowCount())]  # Qt.ToolTipRole
    assert any(m and m.startswith("刚由 张编辑（永川区融媒体中心） 修改") for m in marked)
    window.grab().save("/tmp/server-live.png")


def test_presence_and_editing_markers_show_and_expire(window_as, shared_server, qtbot):
    server = shared_server
    window = window_as("coord_a")
    page = _select_project(qtbot, window, "渝昆高铁开通")
    colleague = server.open_as("desk_rc")
    presence = Presence(colleague, project=server.ids["p1"], editing=("stage", server.ids["s1b"]))
    presence.send()
    label = window.server.presence_label
    qtbot.waitUntil(lambda: "刘编辑（荣昌区融媒体中心）" in label.text(), timeout=2000)
    assert label.text() == "同在此项目：刘编辑（荣昌区融媒体中心） · 刘编辑（荣昌区融媒体中心） 正在编辑“荣昌北站”"
    page.tabs.setCurrentWidget(page.stages_tab)
    model = page.stages_tab.model
    row = model.index_of(server.ids["s1b"])
    assert row.data(3) == "刘编辑（荣昌区融媒体中心） 正在编辑"  # never blocks: the row is there to read
    qtbot.wait(50)
    window.grab().save("/tmp/server-presence.png")
    presence.send("bye")
    qtbot.waitUntil(lambda: label.text() == "", timeout=2000)
    assert row.data(3) != "刘编辑（荣昌区融媒体中心） 正在编辑"


def test_my_own_edit_dialog_announces_what_i_edit(window_as, shared_server, qtbot):
    import queue

    from planner.store.live import Listener, PresenceNote
    from planner.ui.workspace.stage_dialog import StageDialog

    server = shared_server
    window = window_as("coord_a")
    page = _select_project(qtbot, window, "渝昆高铁开通")
    events: queue.Queue = queue.Queue()
    other = Listener(server.open_as("viewer"), events.put)
    other.start()
    try:
        row = page.stages_tab.model.row_by_id(server.ids["s1"])
        dialog = StageDialog(window.ctx, server.ids["p1"], page.stages_tab.model.rows(), row, parent=window)
        dialog.show()
        deadline = time.monotonic() + 3
        note = None
        while time.monotonic() < deadline:
            qtbot.wait(20)
            try:
                candidate = events.get_nowait()
            except queue.Empty:
                continue
            if isinstance(candidate, PresenceNote) and candidate.editing == ("stage", server.ids["s1"]):
                note = candidate
                break
        assert note is not None and note.who == "王协调（四川日报报业集团）"
        dialog.reject()
    finally:
        other.stop()


def test_closing_the_window_stops_the_listener(window_as, qtbot):
    window = window_as("viewer")
    assert any(t.name == "planner-listen" for t in threading.enumerate())
    window.close()
    assert not window.server.live.running
    assert not any(t.name == "planner-listen" for t in threading.enumerate())


def test_settings_on_a_server_show_the_account_and_save_for_a_desk(window_as, qtbot):
    from planner.ui.settings_dialog import SettingsDialog

    window = window_as("desk_yc")
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert not dialog.editor.isEnabled() and dialog.editor.text() == "张编辑"
    assert dialog.outlet.currentText() == "永川区融媒体中心" and not dialog.travel.isEnabled()
    dialog.export_folder.setText("/tmp/exports")
    dialog.accept()
    assert not dialog.error.isVisible() and dialog.result() == dialog.DialogCode.Accepted


def test_a_desk_edits_only_status_and_people_in_the_assignment_dialog(window_as, shared_server, qtbot):
    from planner.services import queries
    from planner.ui.workspace.assignment_dialog import AssignmentDialog

    server = shared_server
    window = window_as("desk_yc")
    db = window.ctx.db
    plan = queries.load_plan(db, server.ids["p1"])
    outlets = {o.id: o for o in queries.list_outlets(db)}
    for assignment in plan.assignments:
        stage = next(s for s in plan.stages if s.id == assignment.stage_id)
        people = queries.list_people(db, outlet_id=assignment.outlet_id)
        dialog = AssignmentDialog(window.ctx, stage, outlets[assignment.outlet_id], people, assignment, parent=window)
        dialog.show()
        own = assignment.outlet_id == server.ids["yongchuan"]
        assert not dialog.role.isEnabled() and not dialog.brief.isEnabled()
        assert dialog.status.isEnabled() == own and dialog.people.isEnabled() == own
        dialog.reject()
