"""Base of the add/edit dialogs: a form whose fields show their own error text inline.

A subclass adds fields with :meth:`add_field`, builds its command in :meth:`make_command`, and the
base pushes it (:func:`push_or_raise`). A ``PlannerError`` whose ``field`` names a form field is
shown in red under that field, which gets the focus; any other error goes above the buttons.
The dialog stays open until the command succeeds.

The dialog opens with the focus in its first field (:meth:`focus_widget`), not on the 保存 button
that the button box, created before the fields, would otherwise take: typed text must land in the
form, and Enter must not save an empty one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.services.commands import Command
from planner.ui.context import AppContext
from planner.ui.directory.editing import push_or_raise

ERROR_STYLE = "color: #b3261e;"



class FormDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.general_error = self._error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("FormDialog", "保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("FormDialog", "取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.result_changes: Any = None
        self._first_field: QWidget | None = None
        self._focused_once = False
        self.setMinimumWidth(460)

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def add_field(self, name: str | tuple[str, ...], label: str, widget: QWidget) -> QWidget:
        """Add ``widget`` under ``label``; errors for field ``name`` (or any of several) appear below it."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = self._error_label()
        error.setObjectName("error_" + (name if isinstance(name, str) else name[0]))
        box.addWidget(error)
        self.form.addRow(label, holder)
        if self._first_field is None:
            self._first_field = widget
        for n in (name,) if isinstance(name, str) else name:
            self._fields[n] = (widget, error)
        return widget

    # -- focus ---------------------------------------------------------------------------------
    def focus_widget(self) -> QWidget | None:
        """The widget that has the focus when the dialog opens: the first field unless overridden."""
        return self._first_field

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._focused_once:
            from planner.ui.server import editing_started

            editing_started(self.ctx, self, getattr(getattr(self, "row", None), "id", None))  # X 正在编辑 (server)
            self._focused_once = True
            widget = self.focus_widget()
            if widget is not None and widget.focusPolicy() == Qt.FocusPolicy.NoFocus and widget.focusProxy() is None:
                # a composite (checkboxes in a grid): its first child that takes the focus
                widget = next((w for w in widget.findChildren(QWidget)
                               if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isEnabled()), widget)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- errors --------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for _, error in self._fields.values():
            error.clear()
            error.setVisible(False)
        self.general_error.clear()
        self.general_error.setVisible(False)

    def show_error(self, err: PlannerError) -> None:
        text = self.ctx.error_message(err)
        target = self._fields.get(err.field or "")
        if target is None:
            self.general_error.setText(text)
            self.general_error.setVisible(True)
            return
        widget, error = target
        error.setText(text)
        error.setVisible(True)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_texts(self) -> dict[str, str]:
        """Visible error texts by field (``""`` for the general one): for tests and accessibility."""
        out = {name: err.text() for name, (_, err) in self._fields.items() if err.isVisible() or err.text()}
        if self.general_error.text():
            out[""] = self.general_error.text()
        return out

    # -- accept --------------------------------------------------------------------------------
    def make_command(self) -> Command:
        """The command to push; raise ``PlannerError`` (with ``field``) for input the form can judge."""
        raise NotImplementedError

    def done(self, result: int) -> None:
        from planner.ui.server import editing_ended

        editing_ended(self.ctx)
        super().done(result)

    def accept(self) -> None:
        self.clear_errors()
        try:
            command = self.make_command()
            self.result_changes = push_or_raise(self.ctx, command)
        except PlannerError as err:
            self.show_error(err)
            return
        super().accept()
