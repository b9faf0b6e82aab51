# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""Every shortcut works from the start, on every page, and no key is bound twice where it is live.

Qt calls a key bound by two live actions "ambiguous" and fires neither; an action that sits only
in a menu fires only once that menu has been opened. The first test lists every binding of the
main window (all pages and tabs created) and fails on either; the second presses every key on
every page and checks that exactly the intended action receives it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QGraphicsView,
    QStackedWidget,
    QTabWidget,
    QWidget,
)
from ui_shell_fixtures import demo_ctx  # noqa: F401 - fixtures

from planner.ui import shortcuts
from planner.ui.main_window import MainWindow

pytestmark = pytest.mark.qt
README = Path(__file__).resolve().parents[2] / "README.md"


class ShortcutSpy(QObject):
    """Records every shortcut event (receiver, ambiguous) and swallows it, so nothing runs."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[QObject, bool]] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.events.append((obj, event.isAmbiguous()))
            return True
        return False


@pytest.fixture
def window(demo_ctx, qtbot):
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    for key in win.PAGES:
        win.show_page(key)
    win.show_page("projects")
    page = win.page("projects")
    qtbot.waitUntil(lambda: not page.busy and page.list_model.rowCount() > 0, timeout=20000)
    page.list_view.selectRow(0)
    qtbot.waitUntil(lambda: page.data is not None and not page.busy, timeout=20000)
    for i in range(page.tabs.count()):  # the 任务, 时间线 and 历史 tabs (and their keys) are made when first shown
        page.tabs.setCurrentIndex(i)
    page.tabs.setCurrentIndex(0)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    yield win
    win.close()


def test_no_key_is_bound_twice_and_none_is_dead(window) -> None:
    found = shortcuts.bindings(window)
    assert len(found) > 25
    assert shortcuts.clashes(window) == [], [(a.key, a.label, b.label) for a, b in shortcuts.clashes(window)]
    assert shortcuts.dead(window) == [], [(b.key, b.label) for b in shortcuts.dead(window)]
    installed = {a.property("shortcut_scope") for a in window.findChildren(QAction)}
    assert set(shortcuts.SCOPED) <= installed  # every declared scope is really bound somewhere


def _reveal(widget: QWidget) -> None:
    """Bring the tab or stacked page holding ``widget`` to the front."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
            if isinstance(parent.parentWidget(), QTabWidget):
                parent.parentWidget().setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def _focus_target(page: QWidget) -> QWidget:
    views = [w for w in page.findChildren(QWidget) if isinstance(w, QAbstractItemView | QGraphicsView) and w.isVisible()]
    return views[0] if views else page


def _press(qtbot, spy: ShortcutSpy, target: QWidget, key: str) -> list[tuple[QObject, bool]]:
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target, timeout=2000)
    spy.events.clear()
    _key(target, key)
    return list(spy.events)


def _key(target: QWidget, key: str) -> None:
    """``key`` typed at ``target``; the release goes wherever the focus is then (the action may have
    switched pages), so no modifier is left held for the next test."""
    QTest.keySequence(target, QKeySequence(key))
    if QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        receiver = QApplication.focusWidget() or target.window()
        for mod in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            QTest.keyRelease(receiver, mod)


def _enabled(owner: QObject) -> bool:
    return owner.isEnabled() if isinstance(owner, QAction) else True


def test_every_key_fires_its_action_on_every_page(window, qtbot) -> None:
    spy = ShortcutSpy()
    QApplication.instance().installEventFilter(spy)
    try:
        found = shortcuts.bindings(window)
        global_keys = [b for b in found if b.context in (Qt.ShortcutContext.WindowShortcut,
                                                          Qt.ShortcutContext.ApplicationShortcut)]
        for key in window.PAGES:
            window.show_page(key)
            target = _focus_target(window.page(key))
            for b in global_keys:
                events = _press(qtbot, spy, target, b.key)
                if _enabled(b.owner):
                    assert events == [(b.owner, False)], (key, b.key, b.label, events)
                else:
                    assert events == [], (key, b.key, b.label, events)
        for b in found:
            if b.context != Qt.ShortcutContext.WidgetWithChildrenShortcut:
                continue
            for widget in b.widgets:
                window.show_page(next(k for k in window.PAGES if shortcuts._contains(window.page(k), widget)))
                _reveal(widget)
                widget.show()
                events = _press(qtbot, spy, widget, b.key)
                assert events == [(b.owner, False)], (b.key, b.label, events)
    finally:
        QApplication.instance().removeEventFilter(spy)


def test_new_opens_the_dialog_of_the_page_in_front(window, qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    expected = {"projects": "ProjectDialog", "outlets": "OutletDialog", "alliances": "AllianceDialog",
                "people": "PersonDialog"}
    for key, dialog in expected.items():
        window.show_page(key)
        target = _focus_target(window.page(key))
        target.setFocus()
        opened.clear()
        _key(target, "Ctrl+N")
        assert opened == [dialog], key
    window.show_page("graph")
    assert not window.new_action.isEnabled()
    window.show_page("outlets")
    page = window.page("outlets")
    page.view.selectRow(0)
    page.view.setFocus()
    opened.clear()
    QTest.keyClick(page.view, Qt.Key.Key_F2)
    assert opened == ["OutletDialog"]


def test_project_keys_work_before_the_menu_was_ever_opened(window, qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window.show_page("people")
    target = _focus_target(window.page("people"))
    for key, dialog in (("Ctrl+Shift+E", "ProjectDialog"), ("Ctrl+Shift+M", "TemplateDialog"),
                        ("Ctrl+Shift+T", "StageDialog")):
        window.show_page("people")
        target.setFocus()
        opened.clear()
        _key(target, key)
        assert opened == [dialog], key
        assert window.current_page_key() == "projects"  # the action brought its page forward


def test_help_and_readme_list_every_key(window) -> None:
    listed = {k for _title, rows in window.shortcut_sections() for keys, _what in rows for k in keys.split(" / ")}
    for b in shortcuts.bindings(window):
        assert shortcuts.native(b.key) in listed, (b.key, b.label)
    text = README.read_text(encoding="utf-8")
    section = re.search(r"### Keyboard shortcuts\n(.*?)\n#", text, re.S)
    assert section, "README has no 'Keyboard shortcuts' section"
    for b in shortcuts.bindings(window):
        assert f"`{b.key}`" in section.group(1), (b.key, b.label)
    dialog = window.show_shortcuts()
    from PySide6.QtWidgets import QTextBrowser

    shown = dialog.findChild(QTextBrowser).toPlainText()
    # as the dialog names keys: Qt's Chinese catalogue, if another test left it installed, says "Alt+上"
    assert shortcuts.native("Ctrl+Shift+T") in shown and shortcuts.native("Alt+Up") in shown
    dialog.close()
