"""人员 ▸ 清除个人信息…: erase one person's personal data (个人信息保护法), with its dialog.

The people page gets one button (:func:`install_erase_button`). The dialog lists the people on the
roster and the deleted people whose details the change log still holds, preselecting the person
selected on the page; it says what will be erased, offers to delete the automatic backups made
before (they still hold the data), and runs :func:`planner.services.people.erase_personal_data`.
The undo history is dropped afterwards: it may itself hold the erased values.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.services import files, people, queries
from planner.ui.context import AppContext
from planner.ui.notify import notify


class ErasePersonDialog(QDialog):
    """Choose a person (current or deleted) and erase their personal data."""

    def __init__(self, ctx: AppContext, selected: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("清除个人信息"))
        self.setMinimumWidth(520)
        outlets = {o.id: o.name for o in queries.list_outlets(ctx.db)}
        self.people = people.erasable_people(ctx.db)
        self.backups = files.list_backups(ctx.db) if ctx.db.path is not None else []

        intro = QLabel(self.tr(
            "清除此人的电话和邮箱：人员记录和全部变更记录中的都会清除；已删除人员的姓名也一并清除。"
            "清除会记入变更记录，但不记录被清除的内容。此操作不能撤销。"))
        intro.setWordWrap(True)
        self.person = QComboBox()
        for p in self.people:
            outlet = outlets.get(p.outlet_id, "") if p.outlet_id else ""
            label = f"{p.name}（{outlet}）" if outlet else p.name
            if p.deleted:
                label = self.tr("{person}——已删除").format(person=label)
            self.person.addItem(label, p.id)
        if selected is not None:
            index = self.person.findData(selected)
            if index >= 0:
                self.person.setCurrentIndex(index)
        self.purge = QCheckBox(self.tr("同时删除此前的 {n} 个自动备份（其中仍有这些信息）").format(n=len(self.backups)))
        self.purge.setVisible(bool(self.backups))
        self.empty = QLabel(self.tr("没有可清除的个人信息。"))
        self.empty.setVisible(not self.people)
        self.person.setVisible(bool(self.people))

        self.buttons = QDialogButtonBox()
        self.erase_button = self.buttons.addButton(self.tr("清除"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))  # Qt's own word stays English without its translations loaded
        self.erase_button.setEnabled(bool(self.people))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.person)
        layout.addWidget(self.empty)
        layout.addWidget(self.purge)
        layout.addWidget(self.buttons)
        self.person.setFocus()

    def chosen(self) -> people.ErasablePerson | None:
        pid = self.person.currentData()
        return next((p for p in self.people if p.id == pid), None)

    def accept(self) -> None:
        person = self.chosen()
        if person is None:
            return
        try:
            changes = people.erase_personal_data(self.ctx.db, person.id)
            purged = files.purge_backups(self.ctx.db) if self.purge.isChecked() else 0
        except PlannerError as err:
            QMessageBox.critical(self, self.windowTitle(), self.ctx.error_message(err))
            return
        self.ctx.undo_stack.clear()  # undo steps may hold the erased values
        self.ctx.changed.emit(changes)
        if purged:
            message = self.tr("已清除“{name}”的个人信息，并删除了 {n} 个较早的自动备份。").format(name=person.name, n=purged)
        else:
            message = self.tr("已清除“{name}”的个人信息。").format(name=person.name)
        notify(self.ctx, self.parentWidget() or self, message)
        super().accept()


def install_erase_button(page: QWidget) -> QPushButton:
    """Add 清除个人信息… to the people page's button bar (beside 新建/编辑/删除)."""
    button = QPushButton(QCoreApplication.translate("ErasePersonDialog", "清除个人信息…"))
    button.setToolTip(QCoreApplication.translate(
        "ErasePersonDialog", "按《个人信息保护法》清除一个人的电话、邮箱（包括变更记录和旧备份中的）"))
    button.clicked.connect(lambda: ErasePersonDialog(page.ctx, page.selected_id(), page).exec())  # type: ignore[attr-defined]
    page.layout().itemAt(2).layout().insertWidget(1, button)  # type: ignore[union-attr]
    return button
