"""A window with one record's notes thread, for the places that have no dialog of their own to hold it
(the timeline, the stage list, the assignments table)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from planner.ui.context import AppContext
from planner.ui.notes.thread import NotesThread


class NotesDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, *, stage_id: uuid.UUID | None = None,
                 assignment_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备注 · {title}").format(title=title))
        heading = QLabel(f"<b>{title}</b>")
        heading.setWordWrap(True)
        self.thread = NotesThread(ctx, stage_id=stage_id, assignment_id=assignment_id, title=title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.thread, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.thread.editor.setFocus()
