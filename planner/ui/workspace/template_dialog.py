"""A new project from a scenario template (infrastructure opening, major event, emergency); an
infrastructure opening takes its stations as (station, place) pairs (:mod:`.station_list`)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from planner.services.commands import Command
from planner.ui.context import AppContext
from planner.ui.dates import DateField
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.workspace.commands import CreateFromTemplate
from planner.ui.workspace.loader import Directory
from planner.ui.workspace.station_list import StationList
from planner.ui.workspace.widgets import outlet_combo


class TemplateDialog(FormDialog):
    def __init__(self, ctx: AppContext, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("从模板新建项目"), parent)
        from planner.services.templates import TEMPLATES

        self._templates = TEMPLATES
        lang = ctx.lang_code
        self.template = self.add_field("template", self.tr("场景模板"), QComboBox())
        for key, spec in TEMPLATES.items():
            self.template.addItem(spec.label(lang), key)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.form.addRow("", self.description)
        self.title_edit = self.add_field("title", self.tr("标题"), QLineEdit())
        self.code = self.add_field("code", self.tr("项目编号"), QLineEdit())
        self.starts = self.add_field("starts_on", self.tr("开始日期"), DateField(optional=False))  # today
        self.lead = self.add_field("lead_outlet_id", self.tr("牵头单位"), outlet_combo(directory.outlets, self.tr("（无）")))
        self.lead.set_id(ctx.db.desk_outlet_id)  # the desk planning it usually leads it (a plan without a lead is a gap)
        self.stations = self.add_field("stations", self.tr("沿线站点"), StationList())
        self.setMinimumWidth(560)
        self.template.currentIndexChanged.connect(self._on_template_changed)
        self._on_template_changed()

    def focus_widget(self) -> QWidget:
        return self.title_edit  # the template has a sensible default; the title is what one types

    def _on_template_changed(self, *_: object) -> None:
        spec = self._templates.get(self.template.currentData())
        if spec is not None:
            en = self.ctx.lang_code == "en"
            self.description.setText(spec.description_en if en else spec.description_zh)
            self.stations.setEnabled(spec.places_before)

    def make_command(self) -> Command:
        title = self.title_edit.text()
        stations = self.stations.pairs() if self.stations.isEnabled() else []
        fields = {
            "template": self.template.currentData(),
            "title": title,
            "code": self.code.text().strip() or None,
            "starts_on": self.starts.value(),
            "lead_outlet_id": self.lead.current_id(field="lead_outlet_id", what="媒体单位"),
            "lang": self.ctx.lang_code,  # the description and the chain's stages in the interface language
        }
        if stations:
            fields["stations"] = stations
        return CreateFromTemplate(fields=fields, text=self.tr("从模板新建项目“{title}”").format(title=title.strip()))
