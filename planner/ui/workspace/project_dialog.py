"""Add or edit a project (联合报道项目): title, code, kind, status, dates, lead outlet, coordinator,
required formats and summary, validated inline by the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from planner.domain.enums import Entity, ProjectKind, ProjectStatus
from planner.domain.rows import ProjectRow
from planner.services.commands import Command, Create, Update
from planner.services.validate import check_order
from planner.ui.context import AppContext
from planner.ui.dates import DateField
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.workspace.loader import Directory
from planner.ui.workspace.widgets import FormatChecks, outlet_combo, person_combo


class ProjectDialog(FormDialog):
    def __init__(self, ctx: AppContext, directory: Directory, row: ProjectRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("编辑项目") if row else self.tr("新建项目"), parent)
        lang = ctx.lang_code
        self.row = row
        self.title_edit = self.add_field("title", self.tr("标题"), QLineEdit())
        self.code = self.add_field("code", self.tr("项目编号"), QLineEdit())
        self.kind = self.add_field("kind", self.tr("类型"), QComboBox())
        for k in ProjectKind:
            self.kind.addItem(k.label(lang), k.value)
        self.status = self.add_field("status", self.tr("状态"), QComboBox())
        for s in ProjectStatus:
            self.status.addItem(s.label(lang), s.value)
        self.starts = self.add_field("starts_on", self.tr("开始日期"), DateField())
        self.ends = self.add_field("ends_on", self.tr("结束日期"), DateField())
        self.starts.changed.connect(lambda: self.ends.set_default(self.starts.value()))
        self.set_check("ends_on", self._check_order)
        self.lead = self.add_field("lead_outlet_id", self.tr("牵头单位"), outlet_combo(directory.outlets, self.tr("（无）")))
        self.coordinator = self.add_field(
            "coordinator_id", self.tr("协调人"), person_combo(directory.people, self.tr("（无）"), directory.outlets)
        )
        self.formats = self.add_field("required_formats", self.tr("要求的形式"), FormatChecks(lang))
        self.summary = self.add_field("summary", self.tr("简介"), QPlainTextEdit())
        self.summary.setFixedHeight(90)
        if row is not None:
            self.title_edit.setText(row.title)
            self.code.setText(row.code or "")
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind.value)))
            self.status.setCurrentIndex(max(0, self.status.findData(row.status.value)))
            self.starts.set_value(row.starts_on)
            self.ends.set_value(row.ends_on)
            self.lead.set_id(row.lead_outlet_id)
            self.coordinator.set_id(row.coordinator_id)
            self.formats.set_formats(row.required_formats)
            self.summary.setPlainText(row.summary)
        else:
            self.status.setCurrentIndex(max(0, self.status.findData(ProjectStatus.PLANNING.value)))
            self.lead.set_id(ctx.db.desk_outlet_id)  # the desk planning it usually leads it

    def _check_order(self) -> None:
        check_order(self.starts.value(), self.ends.value(), field="ends_on")

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "code": self.code.text(),
            "kind": self.kind.currentData(),
            "status": self.status.currentData(),
            "starts_on": self.starts.value(),
            "ends_on": self.ends.value(),
            "lead_outlet_id": self.lead.current_id(field="lead_outlet_id", what="媒体单位"),
            "coordinator_id": self.coordinator.current_id(field="coordinator_id", what="人员"),
            "required_formats": [f.value for f in self.formats.formats()],
            "summary": self.summary.toPlainText(),
        }

    def make_command(self) -> Command:
        values = self.values()
        if self.row is None:
            return Create(Entity.PROJECT, values, text=self.tr("新建项目“{title}”").format(title=values["title"].strip()))
        old = self.row
        current = {
            "title": old.title, "code": old.code or "", "kind": old.kind.value, "status": old.status.value,
            "starts_on": old.starts_on, "ends_on": old.ends_on,
            "lead_outlet_id": old.lead_outlet_id, "coordinator_id": old.coordinator_id,
            "required_formats": [f.value for f in old.required_formats], "summary": old.summary,
        }
        changed = {k: v for k, v in values.items() if v != current[k]} or {"title": values["title"]}
        return Update(Entity.PROJECT, old.id, changed, expected_version=old.version,
                      text=self.tr("修改项目“{title}”").format(title=old.title))
