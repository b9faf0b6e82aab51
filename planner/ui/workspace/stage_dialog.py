"""Add or edit a stage (报道环节): title, kind, place picked by name, times, prerequisites and notes.

The edit is one undo step: field changes and added or removed prerequisites go into one ``Macro``.
A prerequisite that would close a cycle is refused with the path of the cycle under the field.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from planner.domain.enums import Entity, StageKind
from planner.domain.rows import StageRow
from planner.domain.timefmt import PLAN_TZ
from planner.services.commands import AddDependency, Command, Create, Macro, RemoveDependency, Update
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.directory.place_edit import PlaceEdit


def _time_text(value: Any) -> str:
    return value.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M") if value else ""


class StageDialog(FormDialog):
    def __init__(self, ctx: AppContext, project_id: uuid.UUID, stages: list[StageRow] | tuple[StageRow, ...],
                 row: StageRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("编辑环节") if row else self.tr("新建环节"), parent)
        self.project_id = project_id
        self.row = row
        self.title_edit = self.add_field("title", self.tr("标题"), QLineEdit())
        self.kind = self.add_field("kind", self.tr("类型"), QComboBox())
        for k in StageKind:
            self.kind.addItem(k.label(ctx.lang_code), k.value)
        self.place = self.add_field("adcode", self.tr("地点"), PlaceEdit())
        self.location = self.add_field("location", self.tr("具体位置"), QLineEdit())
        self.location.setPlaceholderText(self.tr("如 重庆西站北广场"))
        self.starts = self.add_field("starts_at", self.tr("开始"), QLineEdit())
        self.ends = self.add_field("ends_at", self.tr("结束"), QLineEdit())
        for edit in (self.starts, self.ends):
            edit.setPlaceholderText(self.tr("如 2025-04-22 09:30"))
        self.tbc = self.add_field("time_tbc", self.tr("时间"), QCheckBox(self.tr("时间待定")))
        self.depends = self.add_field("depends_on", self.tr("前置环节"), QListWidget())
        self.depends.setMaximumHeight(110)
        for st in stages:
            if row is not None and st.id == row.id:
                continue
            item = QListWidgetItem(f"{st.position}. {st.title}")
            item.setData(Qt.ItemDataRole.UserRole, str(st.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row and st.id in row.depends_on else Qt.CheckState.Unchecked)
            self.depends.addItem(item)
        self.notes = self.add_field("notes", self.tr("备注"), QPlainTextEdit())
        self.notes.setFixedHeight(70)
        if row is not None:
            self.title_edit.setText(row.title)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind.value)))
            self.place.set_adcode(row.adcode)
            self.location.setText(row.location)
            self.starts.setText(_time_text(row.starts_at))
            self.ends.setText(_time_text(row.ends_at))
            self.tbc.setChecked(row.time_tbc)
            self.notes.setPlainText(row.notes)

    def chosen_prerequisites(self) -> list[uuid.UUID]:
        out = []
        for i in range(self.depends.count()):
            item = self.depends.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_prerequisites(self, ids: list[uuid.UUID]) -> None:
        wanted = {str(i) for i in ids}
        for i in range(self.depends.count()):
            item = self.depends.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "adcode": self.place.adcode(),
            "location": self.location.text(),
            "starts_at": self.starts.text().strip() or None,
            "ends_at": self.ends.text().strip() or None,
            "time_tbc": self.tbc.isChecked(),
            "notes": self.notes.toPlainText(),
        }

    def make_command(self) -> Command:
        values = self.values()
        prereqs = self.chosen_prerequisites()
        if self.row is None:
            return Create(Entity.STAGE, {"project_id": self.project_id, **values, "depends_on": prereqs},
                          text=self.tr("新建环节“{title}”").format(title=values["title"].strip()))
        old = self.row
        current = {
            "title": old.title, "kind": old.kind.value, "adcode": old.adcode, "location": old.location,
            "starts_at": _time_text(old.starts_at) or None, "ends_at": _time_text(old.ends_at) or None,
            "time_tbc": old.time_tbc, "notes": old.notes,
        }
        changed = {k: v for k, v in values.items() if v != current[k]}
        steps: list[Command] = []
        if changed:
            steps.append(Update(Entity.STAGE, old.id, changed, expected_version=old.version))
        steps += [RemoveDependency(old.id, d) for d in old.depends_on if d not in prereqs]
        steps += [AddDependency(old.id, d) for d in prereqs if d not in old.depends_on]
        if not steps:
            steps.append(Update(Entity.STAGE, old.id, {"title": values["title"]}, expected_version=old.version))
        return Macro(steps, text=self.tr("修改环节“{title}”").format(title=old.title))
