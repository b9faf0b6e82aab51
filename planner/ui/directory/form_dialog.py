"""Base of the add/edit dialogs: a form whose fields show their own error text inline.

A subclass adds fields with :meth:`add_field`, builds its command in :meth:`make_command`, and the
base pushes it (:func:`push_or_raise`). A ``PlannerError`` whose ``field`` names a form field is
shown in red under that field, which gets the focus; any other error goes above the buttons.
The dialog stays open until the command succeeds.

The dialog opens with the focus in its first field (:meth:`focus_widget`), not on the 保存 button
that the button box, created before the fields, would otherwise take: typed text must land in the
form, and Enter must not save an empty one.

An error under a field goes away once the field is fixed: every edit in the form re-runs the
check of each field that shows an error (:meth:`set_check`: a phone number, a place, the order of
two dates), and a field without a check of its own loses its error as soon as it is edited —
the next save judges it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.services.commands import Command
from planner.ui.context import AppContext
from planner.ui.directory.editing import push_or_raise

ERROR_STYLE = "color: #b3261e;"



def _watch(widget: QWidget, edited: Callable[[], None]) -> None:
    """Call ``edited`` on every change of ``widget``'s value (or of the inputs inside a composite)."""
    changed = getattr(widget, "changed", None)
    if changed is not None and hasattr(changed, "connect"):  # our composites: dates, pickers
        changed.connect(edited)
        return
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(edited)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(edited)
        if widget.isEditable():
            widget.editTextChanged.connect(edited)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(edited)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(edited)
        value_changed = getattr(widget, "valueChanged", None)
        if value_changed is not None:
            value_changed.connect(edited)
    else:
        for child in widget.findChildren(QWidget):
            if isinstance(child, QLineEdit | QPlainTextEdit | QComboBox | QAbstractButton | QAbstractSpinBox) \
                    and child.parentWidget() is widget:
                _watch(child, edited)


class FormDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._checks: dict[str, Callable[[], object]] = {}
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
        names = (name,) if isinstance(name, str) else name
        for n in names:
            self._fields[n] = (widget, error)
        _watch(widget, lambda: self._on_edited(names))
        return widget

    def set_check(self, name: str, check: Callable[[], object]) -> None:
        """A check of field ``name`` the form can run itself (raises ``PlannerError`` while wrong);
        an error shown under the field disappears as soon as the check passes."""
        self._checks[name] = check

    def _on_edited(self, edited: tuple[str, ...]) -> None:
        for name, (_widget, error) in self._fields.items():
            if not error.text():  # no error shown under this field
                continue
            check = self._checks.get(name)
            if check is None:
                if name in edited:
                    error.clear()
                    error.setVisible(False)
                continue
            try:
                check()
            except PlannerError as err:
                if err.field in (None, name):
                    error.setText(self.ctx.error_message(err))
                continue
            error.clear()
            error.setVisible(False)

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
