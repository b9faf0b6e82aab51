# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""The main window: title, undo/redo menu texts and shortcuts, navigation, message bar, status bar,
file actions (save a copy, open errors keep the current file, restore a backup), settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from ui_shell_fixtures import ctx, demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Entity, Tier
from planner.services import files, queries
from planner.services.commands import Create
from planner.services.settings import travel_kmh
from planner.store.database import open_database
from planner.ui import prefs
from planner.ui.main_window import MainWindow
from planner.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt


@pytest.fixture
def window(demo_ctx, qtbot):
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_status_and_fit(window, demo_ctx, qtbot) -> None:
    assert demo_ctx.db.label in window.windowTitle()
    assert "联合报道策划" in window.windowTitle()
    window.update_status()
    outlets = len(queries.list_outlets(demo_ctx.db))  # 251 with today's places data
    qtbot.waitUntil(lambda: f"媒体单位 {outlets}" in window.status_counts.text())
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 768


def test_undo_redo_actions_say_what(window, demo_ctx) -> None:
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert {QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")} <= set(window.redo_action.shortcuts())
    assert not window.undo_action.isEnabled()
    demo_ctx.push(Create(Entity.OUTLET, {"name": "川渝测试融媒体中心", "tier": Tier.COUNTY}, text="新建媒体单位“川渝测试融媒体中心”"))
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销 新建媒体单位“川渝测试融媒体中心”"
    window.undo_action.trigger()
    assert window.redo_action.text() == "重做 新建媒体单位“川渝测试融媒体中心”"
    assert "川渝测试融媒体中心" not in {o.name for o in queries.list_outlets(demo_ctx.db)}
    window.redo_action.trigger()
    assert "川渝测试融媒体中心" in {o.name for o in queries.list_outlets(demo_ctx.db)}


def test_navigation_to_outlet_and_person(window, demo_ctx, qtbot) -> None:
    outlet = next(o for o in queries.list_outlets(demo_ctx.db) if o.name == "温江区融媒体中心")
    demo_ctx.navigate_requested.emit("outlet", outlet.id)
    assert window.current_page_key() == "outlets"
    assert window.page("outlets").selected_id() == outlet.id
    person = queries.list_people(demo_ctx.db)[3]
    demo_ctx.navigate_requested.emit("person", person.id)
    assert window.current_page_key() == "people"
    assert window.page("people").selected_id() == person.id
    demo_ctx.navigate_requested.emit("project", queries.list_projects(demo_ctx.db)[0].project.id)
    assert window.current_page_key() == "projects"


def test_failed_messages_do_not_block(window, demo_ctx) -> None:
    demo_ctx.failed.emit("该媒体单位仍被引用（3 处），不能删除。")
    assert window.message_bar.isVisible()
    assert "不能删除" in window.message_bar.label.text()


def test_page_shortcuts(window) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("视图"))
    shortcuts = [a.shortcut().toString() for a in view_menu.actions() if not a.isSeparator()]
    assert shortcuts == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "F5"]
    view_menu.actions()[3].trigger()
    assert window.current_page_key() == "people"


def test_save_copy_and_open_it(window, demo_ctx, tmp_path: Path, monkeypatch) -> None:
    dest = tmp_path / "copy.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    window.files.save_copy()
    assert dest.is_file()
    copy = open_database(dest, read_only=True)
    assert queries.counts(copy) == queries.counts(demo_ctx.db)
    copy.close()
    old_label = demo_ctx.db.label
    assert window.files.switch_to(dest)
    assert demo_ctx.db.label == str(dest.resolve()) != old_label
    assert str(dest.resolve()) in window.windowTitle()
    assert prefs.recent_files()[0] == str(dest.resolve())


def test_open_error_keeps_current_database(window, demo_ctx, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    bad = tmp_path / "bad.db"
    bad.write_text("hello")
    before = demo_ctx.db
    assert not window.files.switch_to(bad)
    assert demo_ctx.db is before
    assert "不是报道策划数据库" in shown[0]


def test_restore_from_backup(window, demo_ctx, monkeypatch) -> None:
    path = demo_ctx.db.path
    from planner.store.backup import make_backup

    make_backup(path, "manual")
    outlets_before = len(queries.list_outlets(demo_ctx.db))
    demo_ctx.push(Create(Entity.OUTLET, {"name": "川渝测试融媒体中心", "tier": Tier.COUNTY}))
    assert len(queries.list_outlets(demo_ctx.db)) == outlets_before + 1
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a, **k: (items[0], True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.files.restore_backup()
    assert len(queries.list_outlets(demo_ctx.db)) == outlets_before
    assert demo_ctx.undo_stack.count() == 0
    reasons = [b.reason for b in files.list_backups(demo_ctx.db)]
    assert "before-restore" in reasons and "manual" in reasons


def test_settings_dialog_saves_desk_and_language(window, demo_ctx, qtbot) -> None:
    dialog = SettingsDialog(demo_ctx, window)
    qtbot.addWidget(dialog)
    dialog.editor.setText("张编辑")
    dialog.outlet.setCurrentIndex(dialog.outlet.findText("温江区融媒体中心"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.travel.value() == 80
    dialog.travel.setValue(120)
    seen = []
    demo_ctx.changed.connect(seen.append)
    dialog.accept()
    assert dialog.result() == 1
    assert travel_kmh(demo_ctx.db) == 120 and any(c.touches(Entity.SETTING) for c in seen)
    assert demo_ctx.db.setting("desk.editor") == "张编辑"
    assert demo_ctx.db.desk == "张编辑（温江区）"
    assert dialog.language_changed and prefs.language() == "en"
    bad = SettingsDialog(demo_ctx, window)
    qtbot.addWidget(bad)
    bad.editor.setText("张\x01")
    bad.accept()
    assert bad.result() == 0 and "控制字符" in bad.error.text()
    assert demo_ctx.db.setting("desk.editor") == "张编辑"


def test_information_is_not_shown_as_an_error(window, demo_ctx) -> None:
    from planner.ui.notify import notify

    notify(demo_ctx, window.page("outlets"), "副本已保存：x.db")
    assert window.message_bar.isVisible() and not window.message_bar.error
    demo_ctx.failed.emit("出错了")
    assert window.message_bar.error


def test_outlet_shown_in_graph(window, demo_ctx) -> None:
    outlet = next(o for o in queries.list_outlets(demo_ctx.db) if o.name == "温江区融媒体中心")
    page = window.show_page("outlets")
    page.select_id(outlet.id)
    assert page.graph_button.isEnabled()
    page.graph_button.click()
    assert window.current_page_key() == "graph"
    assert hasattr(window.page("graph"), "show_outlet")


def test_project_menu_and_navigation_to_a_project(window, demo_ctx, qtbot) -> None:
    window.project_menu.aboutToShow.emit()
    texts = [a.text() for a in window.project_menu.actions() if not a.isSeparator()]
    assert texts and texts != ["（无可用操作）"]
    project = queries.list_projects(demo_ctx.db)[-1].project
    demo_ctx.navigate_requested.emit("project", project.id)
    page = window.page("projects")
    assert window.current_page_key() == "projects"
    qtbot.waitUntil(lambda: page.current_project_id() == project.id, timeout=20000)
