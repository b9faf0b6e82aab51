"""The reason a status change needs (a step back, a decline, a cancellation, reopening), asked in
a small form: an empty reason is an error under the field, not a silent cancel, and the dialog
pushes the change itself once the reason is there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from planner.domain.errors import ValidationError
from planner.services.commands import Command
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog


class ReasonDialog(FormDialog):
    def __init__(self, ctx: AppContext, prompt: str, make: Callable[[str], Command], parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("需要原因"), parent)
        self.make = make
        self.form.addRow(QLabel(prompt))
        self.reason = self.add_field("reason", self.tr("原因"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("如 人手不足、改由他台报道"))

    def make_command(self) -> Command:
        text = self.reason.text().strip()
        if not text:
            raise ValidationError("empty", field="reason", what="原因")
        return self.make(text)
