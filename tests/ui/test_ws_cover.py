# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The workspace's placeholder covers its tabs instead of swapping them out.

Showing the tab widget again after the placeholder (a ``QStackedWidget``) cost ~8–10 ms of each
open of the large project (bench_workspace): Qt showed, polished and laid out every tab anew. The
tabs now stay shown under an opaque cover; nothing the stack kept from the user may reach them —
what is seen, the mouse, the keyboard focus.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries

pytestmark = pytest.mark.qt


class _ShowHide(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.seen.append(event.type())
        return False


def _biggest(ctx):  # type: ignore[no-untyped-def]
    return max(queries.list_projects(ctx.db), key=lambda s: s.assignments).project


def test_opening_a_project_after_none_does_not_show_the_tabs_again(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = _biggest(ws_demo_ctx)
    page.select_project(project.id)
    settle(qtbot, page)
    watch = _ShowHide()
    page.tabs.installEventFilter(watch)
    page.list_view.clearSelection()
    settle(qtbot, page)
    assert page.right.currentWidget() is page.placeholder and page.placeholder.isVisible()
    page.select_project(project.id)
    settle(qtbot, page)
    assert page.right.currentWidget() is page.tabs and not page.placeholder.isVisible()
    assert watch.seen == []  # the stack hid the tabs and showed them again: Hide, Show
    assert page.tabs.isVisible() and page.matrix_tab.model.columnCount() > 0


def test_the_cover_fills_the_tabs_place_opaque_and_takes_the_mouse(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    assert page.right.currentWidget() is page.placeholder  # nothing chosen yet
    assert page.placeholder.geometry() == page.right.rect() == page.tabs.geometry()
    assert page.placeholder.autoFillBackground()  # nothing of the tabs shows through
    middle = page.matrix_tab.view.viewport().mapTo(page.right, page.matrix_tab.view.viewport().rect().center())
    assert page.right.childAt(middle) is page.placeholder  # a click there does not reach the matrix
    page.resize(1200, 700)
    qtbot.waitUntil(lambda: page.placeholder.geometry() == page.right.rect())
    assert page.right.childAt(QPoint(5, 5)) is page.placeholder

    page.select_project(_biggest(ws_demo_ctx).id)
    settle(qtbot, page)
    assert page.right.childAt(middle) is not page.placeholder
    page._busy.add("project")  # a slow load: after 150 ms the page says so over the tabs
    page._show_loading(page._gen["project"])
    page._busy.discard("project")
    assert page.right.currentWidget() is page.placeholder and "加载" in page.placeholder.text()
    assert page.placeholder.geometry() == page.right.rect()


def test_the_keyboard_focus_does_not_stay_or_go_under_the_cover(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.activateWindow()
    project = _biggest(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    page.select_project(project.id)
    settle(qtbot, page)
    page.matrix_tab.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.matrix_tab.view, timeout=3000)

    page.list_view.clearSelection()  # the cover comes while the focus is in the matrix: it moves on
    settle(qtbot, page)
    focus = QApplication.focusWidget()
    assert focus is not None and not page.tabs.isAncestorOf(focus)

    # Tab from the last widget before the tabs steps over them; Shift+Tab back does too
    last = page.emergency_button
    last.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is last, timeout=3000)
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and not page.tabs.isAncestorOf(focus)
    page.search.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search, timeout=3000)
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)  # Shift+Tab (no Shift held after)
        focus = QApplication.focusWidget()
        assert focus is not None and not page.tabs.isAncestorOf(focus)

    page.select_project(project.id)  # uncovered: the tabs take the focus again as before
    settle(qtbot, page)
    page.matrix_tab.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.matrix_tab.view, timeout=3000)


def test_an_opened_project_is_laid_out_before_its_first_paint(qtbot, ws_demo_ctx, make_page) -> None:
    """A matrix that gets rows and columns shows its scroll bars; the layouts above it took that in one
    level per pass of the event loop, so the page was painted half laid out and then all over again."""
    from PySide6.QtCore import QEventLoop, QTimer

    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    page.matrix_tab.all_outlets.setChecked(True)  # more columns than fit: a horizontal scroll bar
    project = _biggest(ws_demo_ctx)
    page.select_project(project.id)
    settle(qtbot, page)
    page.list_view.clearSelection()  # no project: no rows, no scroll bars
    settle(qtbot, page)
    assert not page.matrix_tab.view.horizontalScrollBar().isVisible()

    loop = QEventLoop()
    QTimer.singleShot(20000, loop.quit)
    page.project_loaded.connect(loop.quit)
    page.select_project(project.id)
    loop.exec()
    QApplication.processEvents()  # the first paint

    class Layouts(QObject):
        seen = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and watched.isWidgetType() and watched.window() is page:
                Layouts.seen += 1
            return False

    layouts = Layouts()
    QApplication.instance().installEventFilter(layouts)
    try:
        for _ in range(6):
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(layouts)
    assert Layouts.seen == 0
    assert page.matrix_tab.view.horizontalScrollBar().isVisible()
