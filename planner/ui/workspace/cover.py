"""A widget that stays shown under a cover: the workspace's tabs under "选择左侧的项目…" / "正在加载项目…".

The page used to swap its tabs out for the placeholder (a ``QStackedWidget``): hiding the tabs and
showing them again made Qt show, polish and lay out the whole tab widget anew each time a project
was opened after none was, or after a slow load (~8–10 ms of the large project's open). Here the
tabs stay shown and the placeholder is laid over them, opaque, filling the same rectangle: the user
sees exactly what the stack showed, and taking the cover away only repaints.

What the stack's hidden tabs could not get, the covered ones do not get either: the cover takes the
mouse (it lies on top), and the keyboard focus never stays under it — a focus inside when it is
laid on moves on, as Qt moves it off a hidden widget, and Tab or Shift+Tab step over the covered
widgets. (Disabling the tabs instead would cost more than the show it saves: the matrix's headers
measure every label again on each enable.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget


class CoverStack(QWidget):
    """``base`` always laid out and shown; ``cover`` over it when it is the current widget.

    It answers ``currentWidget`` / ``setCurrentWidget`` like the ``QStackedWidget`` it replaces.
    """

    def __init__(self, base: QWidget, cover: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base, self.cover = base, cover
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(base)
        cover.setParent(self)
        cover.setAutoFillBackground(True)  # opaque: nothing of the tabs shows through, nor is painted under it
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.setCurrentWidget(cover)

    def currentWidget(self) -> QWidget:
        return self.cover if not self.cover.isHidden() else self.base

    def covered(self) -> bool:
        return not self.cover.isHidden()

    def setCurrentWidget(self, widget: QWidget) -> None:
        covered = widget is self.cover
        if covered == self.covered():
            return
        if covered:
            self.cover.setGeometry(self.rect())
            self.cover.raise_()
            self.cover.show()
            focus = QApplication.focusWidget()
            if focus is not None and self._under(focus):
                self._step_out(focus, forward=True)
        else:
            self.cover.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.cover.setGeometry(self.rect())

    # -- the keyboard focus stays out from under the cover ----------------------------------------
    def _under(self, widget: QWidget) -> bool:
        return widget is self.base or self.base.isAncestorOf(widget)

    def _takes_tab(self, widget: QWidget) -> bool:
        return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()
                and not self._under(widget) and widget.window() is self.window())

    def _next_outside(self, start: QWidget, forward: bool) -> QWidget | None:
        widget = start
        for _ in range(10000):  # the chain is a ring: bounded all the same
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is start:
                return None
            if self._takes_tab(widget):
                return widget
        return None

    def _step_out(self, focus: QWidget, forward: bool) -> None:
        target = self._next_outside(focus, forward)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        else:
            focus.clearFocus()

    def _on_focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        if now is None or not self.covered() or not self._under(now):
            return
        # Tab from before the tabs lands on their first widget, Shift+Tab from after them on their last:
        # go on the same way, over every covered widget
        forward = self._next_outside(now, True)
        backward = old is not None and forward is old
        self._step_out(now, forward=not backward)
