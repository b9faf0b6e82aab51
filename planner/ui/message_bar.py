"""The main window's message bar: a dismissible line above the pages for what must not block —
an edit's error (red), or news such as a reschedule done (blue) — that hides itself after a while."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBar(QFrame):
    """A dismissible line above the pages for messages that must not block (errors from edits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.error = True
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("关闭"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    ERROR_STYLE = ("#messageBar { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
                   "#messageBar QLabel { color: #5f2120; }")
    INFO_STYLE = ("#messageBar { background: #e8f1fb; border: 1px solid #b6d0ee; border-radius: 4px; }"
                  "#messageBar QLabel { color: #123a63; }")

    def show_message(self, text: str, timeout_ms: int = 12000, *, error: bool = True) -> None:
        self.error = error
        self.setStyleSheet(self.ERROR_STYLE if error else self.INFO_STYLE)
        self.label.setText(text)
        self.show()
        self._timer.start(timeout_ms)
