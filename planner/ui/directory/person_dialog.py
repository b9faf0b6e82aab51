"""Add or edit a person (人员) of an outlet, validated inline."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from planner.domain.contact import clean_email, clean_phone
from planner.domain.enums import Entity, PersonRole
from planner.domain.errors import ValidationError
from planner.domain.rows import OutletRow, PersonRow
from planner.services.commands import Command, Create, Update
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.pickers import outlet_combo


class PersonDialog(FormDialog):
    def __init__(self, ctx: AppContext, outlets: list[OutletRow], row: PersonRow | None = None,
                 parent: QWidget | None = None, outlet_id: uuid.UUID | None = None) -> None:
        super().__init__(ctx, self.tr("编辑人员") if row else self.tr("新建人员"), parent)
        self.row = row
        self.name = self.add_field("name", self.tr("姓名"), QLineEdit())
        self.outlet = self.add_field("outlet_id", self.tr("所属单位"), outlet_combo(outlets, self.tr("（请选择）")))
        self.role = self.add_field("role", self.tr("角色"), QComboBox())
        for r in PersonRole:
            self.role.addItem(r.label(ctx.lang_code), r.value)
        self.phone = self.add_field("phone", self.tr("电话"), QLineEdit())
        self.email = self.add_field("email", self.tr("邮箱"), QLineEdit())
        self.active = self.add_field("active", self.tr("状态"), QCheckBox(self.tr("在岗，可派任务")))
        self.active.setChecked(True)
        self.phone.setPlaceholderText(self.tr("如 138 1234 5678 或 028-86961234 转 8012"))
        self.set_check("phone", lambda: clean_phone(self.phone.text(), field="phone"))
        self.set_check("email", lambda: clean_email(self.email.text(), field="email"))
        self.set_check("outlet_id", lambda: self.outlet.current_id(field="outlet_id", what="媒体单位"))
        chosen = row.outlet_id if row else outlet_id
        if chosen is not None:
            self.outlet.set_id(chosen)
        if row is not None:
            self.name.setText(row.name)
            self.role.setCurrentIndex(max(0, self.role.findData(row.role.value)))
            self.phone.setText(row.phone)
            self.email.setText(row.email)
            self.active.setChecked(row.active)

    def values(self) -> dict[str, Any]:
        outlet_id = self.outlet.current_id(field="outlet_id", what="媒体单位")
        if outlet_id is None:
            raise ValidationError("empty", field="outlet_id", what="单位")
        return {
            "name": self.name.text(),
            "outlet_id": outlet_id,
            "role": self.role.currentData(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "active": self.active.isChecked(),
        }

    def make_command(self) -> Command:
        values = self.values()
        if self.row is None:
            return Create(Entity.PERSON, values, text=self.tr("新建人员“{name}”").format(name=values["name"].strip()))
        old = self.row
        current = {"name": old.name, "outlet_id": old.outlet_id, "role": old.role.value, "phone": old.phone,
                   "email": old.email, "active": old.active}
        changed = {k: v for k, v in values.items() if v != current[k]} or {"name": values["name"]}
        return Update(Entity.PERSON, old.id, changed, expected_version=old.version,
                      text=self.tr("修改人员“{name}”").format(name=old.name))
