"""Add or edit an outlet (媒体单位), validated inline."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from planner.domain.contact import clean_email, clean_phone
from planner.domain.enums import Entity, Format, Tier
from planner.domain.rows import OutletRow
from planner.services.commands import Command, Create, Update
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.directory.place_edit import PlaceEdit


class OutletDialog(FormDialog):
    def __init__(self, ctx: AppContext, outlets: list[OutletRow], row: OutletRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("编辑媒体单位") if row else self.tr("新建媒体单位"), parent)
        self.row = row
        lang = ctx.lang_code
        self.name = self.add_field("name", self.tr("名称"), QLineEdit())
        self.short_name = self.add_field("short_name", self.tr("简称"), QLineEdit())
        self.tier = self.add_field("tier", self.tr("层级"), QComboBox())
        for t in Tier:
            self.tier.addItem(t.label(lang), t.value)
        self.place = self.add_field("adcode", self.tr("所在地"), PlaceEdit())
        self.platform = self.add_field("platform", self.tr("平台"), QComboBox())
        self.platform.setEditable(True)
        platforms = sorted({o.platform for o in outlets if o.platform} | {"天府融媒", "新重庆"})
        self.platform.addItems(["", *platforms])
        self.parent_outlet = self.add_field("parent_id", self.tr("上级单位"), QComboBox())
        self.parent_outlet.addItem(self.tr("（无）"), None)
        for o in outlets:
            if row is None or o.id != row.id:
                self.parent_outlet.addItem(o.name, str(o.id))
        formats_box = QWidget()
        grid = QGridLayout(formats_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.format_checks: dict[Format, QCheckBox] = {}
        for i, f in enumerate(Format):
            check = QCheckBox(f.label(lang))
            grid.addWidget(check, i // 4, i % 4)
            self.format_checks[f] = check
        self.add_field("formats", self.tr("可承担形式"), formats_box)
        self.capacity = self.add_field("capacity", self.tr("产能（同时承担任务上限）"), QSpinBox())
        self.capacity.setRange(0, 100000)
        self.capacity.setSpecialValueText(self.tr("不限"))
        self.contact_name = self.add_field("contact_name", self.tr("联系人"), QLineEdit())
        self.contact_phone = self.add_field("contact_phone", self.tr("联系电话"), QLineEdit())
        self.contact_email = self.add_field("contact_email", self.tr("联系邮箱"), QLineEdit())
        self.notes = self.add_field("notes", self.tr("备注"), QPlainTextEdit())
        self.notes.setFixedHeight(70)
        self.set_check("adcode", lambda: self.place.adcode())
        self.set_check("contact_phone", lambda: clean_phone(self.contact_phone.text(), field="contact_phone"))
        self.set_check("contact_email", lambda: clean_email(self.contact_email.text(), field="contact_email"))
        self.contact_phone.setPlaceholderText(self.tr("如 028-86961234 或 138 1234 5678"))
        if row is not None:
            self._load(row)
        else:
            self.tier.setCurrentIndex(self.tier.findData(Tier.COUNTY.value))

    def _load(self, row: OutletRow) -> None:
        self.name.setText(row.name)
        self.short_name.setText(row.short_name)
        self.tier.setCurrentIndex(max(0, self.tier.findData(row.tier.value)))
        self.place.set_adcode(row.adcode)
        self.platform.setCurrentText(row.platform)
        if row.parent_id is not None:
            self.parent_outlet.setCurrentIndex(max(0, self.parent_outlet.findData(str(row.parent_id))))
        for f, check in self.format_checks.items():
            check.setChecked(f in row.formats)
        self.capacity.setValue(row.capacity or 0)
        self.contact_name.setText(row.contact_name)
        self.contact_phone.setText(row.contact_phone)
        self.contact_email.setText(row.contact_email)
        self.notes.setPlainText(row.notes)

    def values(self) -> dict[str, Any]:
        parent_id = self.parent_outlet.currentData()
        return {
            "name": self.name.text(),
            "short_name": self.short_name.text(),
            "tier": self.tier.currentData(),
            "adcode": self.place.adcode(),
            "platform": self.platform.currentText(),
            "parent_id": uuid.UUID(parent_id) if parent_id else None,
            "formats": [f.value for f, c in self.format_checks.items() if c.isChecked()],
            "capacity": self.capacity.value() or None,
            "contact_name": self.contact_name.text(),
            "contact_phone": self.contact_phone.text(),
            "contact_email": self.contact_email.text(),
            "notes": self.notes.toPlainText(),
        }

    def make_command(self) -> Command:
        values = self.values()
        if self.row is None:
            return Create(Entity.OUTLET, values, text=self.tr("新建媒体单位“{name}”").format(name=values["name"].strip()))
        old = self.row
        current = {
            "name": old.name, "short_name": old.short_name, "tier": old.tier.value, "adcode": old.adcode,
            "platform": old.platform, "parent_id": old.parent_id, "formats": [f.value for f in old.formats],
            "capacity": old.capacity, "contact_name": old.contact_name, "contact_phone": old.contact_phone,
            "contact_email": old.contact_email, "notes": old.notes,
        }
        changed = {k: v for k, v in values.items() if v != current[k]} or {"name": values["name"]}
        return Update(Entity.OUTLET, old.id, changed, expected_version=old.version,
                      text=self.tr("修改媒体单位“{name}”").format(name=old.name))
