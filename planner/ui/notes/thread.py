"""The notes thread of one stage or one assignment: read it, add a note, correct or delete one's own.

Each entry shows who wrote it (the desk identity) and when, and says so when it was edited. Writing
pushes a core command (one undo step); the thread reads itself again whenever a change touches notes.
A note someone else wrote can be answered, not changed: its edit and delete buttons stay disabled.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import PlannerError
from planner.domain.notes import NoteRow, stamp
from planner.services import notes
from planner.services.commands import Create, Delete, Update
from planner.ui.context import AppContext
from planner.ui.directory.editing import push_or_raise
from planner.ui.server.gates import gate_notes_thread

NoteRole = Qt.ItemDataRole.UserRole


class _NoteList(QListWidget):
    """A list that asks for little height: it takes what the dialog has left, and a few notes fit."""

    def sizeHint(self) -> QSize:
        return QSize(320, 96)


class NotesThread(QWidget):
    """The thread of ``stage_id`` or ``assignment_id`` (exactly one); ``title`` names it in undo texts."""

    count_changed = Signal(int)

    def __init__(self, ctx: AppContext, *, stage_id: uuid.UUID | None = None,
                 assignment_id: uuid.UUID | None = None, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stage_id, self.assignment_id, self.title = stage_id, assignment_id, title
        self.rows: list[NoteRow] = []
        self._editing: NoteRow | None = None
        self.list = _NoteList()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel(self.tr("还没有备注。在下面写第一条，所有协作的席位都能看到。"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#666; padding:8px;")
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("写一条备注（Ctrl+Enter 发送）"))
        self.editor.setFixedHeight(56)
        self.editor.setTabChangesFocus(True)
        self.send = QPushButton(self.tr("添加备注"))
        self.send.clicked.connect(self.submit)
        self.cancel_edit = QPushButton(self.tr("取消修改"))
        self.cancel_edit.clicked.connect(self._stop_editing)
        self.cancel_edit.setVisible(False)
        self.edit_button = QPushButton(self.tr("修改"))
        self.edit_button.clicked.connect(self.start_editing)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_current)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self.editor, self.submit, context=Qt.ShortcutContext.WidgetShortcut)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.cancel_edit)
        row.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addLayout(row)
        ctx.changed.connect(self._on_ctx_changed)
        self.reload()

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.current_id()
        self.rows = notes.thread(self.ctx.db, stage_id=self.stage_id, assignment_id=self.assignment_id)
        self.list.clear()
        desk = self.ctx.db.desk
        for note in self.rows:
            item = QListWidgetItem(self._text(note))
            item.setData(NoteRole, note.id)
            item.setToolTip(self._tooltip(note))
            if note.author == desk and not note.legacy:
                item.setForeground(QColor("#0b4f8a"))
            self.list.addItem(item)
            if note.id == keep:
                self.list.setCurrentItem(item)
        has = bool(self.rows)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        if has and keep is None:
            self.list.scrollToBottom()
        self._update_buttons()
        self.count_changed.emit(len(self.rows))

    def _text(self, note: NoteRow) -> str:
        if note.legacy:
            return self.tr("原备注") + "\n" + note.body
        head = f"{note.author or self.tr('（未署名）')} · {stamp(note.created_at)}"
        if note.edited:
            head += " " + self.tr("（已修改）")
        return head + "\n" + note.body

    def _tooltip(self, note: NoteRow) -> str:
        if note.legacy:
            return self.tr("旧版程序或计划包写入的备注，只能查看")
        if note.edited:
            return self.tr("修改于 {time}").format(time=stamp(note.updated_at))
        return ""

    def current_id(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return item.data(NoteRole) if item is not None else None

    def current(self) -> NoteRow | None:
        nid = self.current_id()
        return next((n for n in self.rows if n.id == nid), None)

    def _update_buttons(self) -> None:
        note = self.current()
        mine = note is not None and note.may_change(self.ctx.db.desk)
        self.edit_button.setEnabled(mine and self._editing is None)
        self.delete_button.setEnabled(mine and self._editing is None)
        tip = "" if note is None or mine else self.tr("只有作者本人可以修改或删除这条备注")
        self.edit_button.setToolTip(tip)
        self.delete_button.setToolTip(tip)
        gate_notes_thread(self)  # a viewer writes no notes (issue #16)

    # -- writing -------------------------------------------------------------------------------
    def submit(self) -> bool:
        """Send the text in the editor: a new note, or the correction of the note being edited."""
        text = self.editor.toPlainText()
        what = self.title or self.tr("备注")
        if self._editing is not None:
            note = self._editing
            command: Any = Update(Entity.NOTE, note.id, {"body": text}, expected_version=note.version,
                                  text=self.tr("修改备注（{what}）").format(what=what))
        else:
            target = {"stage_id": self.stage_id} if self.stage_id else {"assignment_id": self.assignment_id}
            command = Create(Entity.NOTE, {**target, "body": text}, text=self.tr("添加备注（{what}）").format(what=what))
        if not self._push(command):
            return False
        self.editor.clear()
        self._stop_editing()
        if self._editing is None and self.list.count():
            self.list.scrollToBottom()
        return True

    def start_editing(self) -> None:
        note = self.current()
        if note is None or not note.may_change(self.ctx.db.desk):
            return
        self._editing = note
        self.editor.setPlainText(note.body)
        self.send.setText(self.tr("保存修改"))
        self.cancel_edit.setVisible(True)
        self.editor.setFocus()
        self._update_buttons()

    def _stop_editing(self) -> None:
        if self._editing is not None:
            self.editor.clear()
        self._editing = None
        self.send.setText(self.tr("添加备注"))
        self.cancel_edit.setVisible(False)
        self._update_buttons()

    def delete_current(self) -> bool:
        note = self.current()
        if note is None or not note.may_change(self.ctx.db.desk):
            return False
        what = self.title or self.tr("备注")
        return self._push(Delete(Entity.NOTE, note.id, expected_version=note.version,
                                 text=self.tr("删除备注（{what}）").format(what=what)))

    def _push(self, command: Any) -> bool:
        try:
            push_or_raise(self.ctx, command)
        except PlannerError as err:
            self.error.setText(self.ctx.error_message(err))
            self.error.setVisible(True)
            return False
        self.error.clear()
        self.error.setVisible(False)
        return True

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.NOTE, Entity.STAGE, Entity.ASSIGNMENT) or changes.empty:
            self.reload()
