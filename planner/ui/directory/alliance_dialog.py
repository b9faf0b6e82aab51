"""Add or edit an alliance (联合体), validated inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from planner.domain.enums import AllianceKind, Entity
from planner.domain.rows import AllianceRow
from planner.services.commands import Command, Create, Update
from planner.ui.context import AppContext
from planner.ui.dates import DateField
from planner.ui.directory.form_dialog import FormDialog


class AllianceDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: AllianceRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("编辑联合体") if row else self.tr("新建联合体"), parent)
        self.row = row
        self.name = self.add_field("name", self.tr("名称"), QLineEdit())
        self.kind = self.add_field("kind", self.tr("类型"), QComboBox())
        for k in AllianceKind:
            self.kind.addItem(k.label(ctx.lang_code), k.value)
        self.founded_on = self.add_field("founded_on", self.tr("成立日期"), DateField())
        self.description = self.add_field("description", self.tr("说明"), QPlainTextEdit())
        self.description.setFixedHeight(90)
        if row is not None:
            self.name.setText(row.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind.value)))
            self.founded_on.set_value(row.founded_on)
            self.description.setPlainText(row.description)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "founded_on": self.founded_on.value(),
            "description": self.description.toPlainText(),
        }

    def make_command(self) -> Command:
        values = self.values()
        if self.row is None:
            return Create(Entity.ALLIANCE, values, text=self.tr("新建联合体“{name}”").format(name=values["name"].strip()))
        old = self.row
        current = {"name": old.name, "kind": old.kind.value,
                   "founded_on": old.founded_on,
                   "description": old.description}
        changed = {k: v for k, v in values.items() if v != current[k]} or {"name": values["name"]}
        return Update(Entity.ALLIANCE, old.id, changed, expected_version=old.version,
                      text=self.tr("修改联合体“{name}”").format(name=old.name))
