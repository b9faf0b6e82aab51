"""The history of one item (a stage with its notes, an assignment with its notes and people) in a window."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from planner.ui.context import AppContext
from planner.ui.history.panel import HistoryPanel


class HistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, entity_id: uuid.UUID, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改历史 · {title}").format(title=title))
        heading = QLabel(f"<b>{title}</b>")
        heading.setWordWrap(True)
        self.panel = HistoryPanel(ctx, self, kinds=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)
        self.panel.set_item(entity_id)
