"""The 概览 tab: what the project is, where it stands, and every gap or clash a click away."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import ACTIVE_STATUSES
from planner.domain.findings import Finding
from planner.domain.timefmt import fmt_date
from planner.ui.workspace.base_model import RowRole
from planner.ui.workspace.findings_model import FindingsModel, finding_rows
from planner.ui.workspace.lazy_tabs import FilledWhenShown

if TYPE_CHECKING:
    from planner.ui.workspace.loader import ProjectData


class OverviewTab(FilledWhenShown, QWidget):
    """A project's facts and findings, filled when shown: behind the matrix, the large project's 1,400
    findings were turned into rows on every open (~2–3 ms) for nobody."""

    finding_activated = Signal(object)  # Finding
    edit_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._no_stages = False  # the open project has no stages: the findings line says what comes next
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("编辑项目…"))
        self.edit_button.clicked.connect(self.edit_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        self.findings_label = QLabel()
        self._model = FindingsModel(lang, self)
        self.view = QTableView()
        self.view.setModel(self._model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setSectionResizeMode(FindingsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(FindingsModel.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self._on_view_activated)
        self.view.clicked.connect(self._on_view_activated)
        self.view.setToolTip(self.tr("单击跳转到出问题的环节或任务"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.view, 1)
        layout.addStretch(0)

    @property
    def model(self) -> FindingsModel:
        """The findings' model, brought up to date first if a project was opened while the tab was hidden."""
        self.catch_up()
        return self._model

    def _fill(self, data: ProjectData) -> None:
        plan = data.plan
        p = plan.project
        lang = self.lang
        esc = html.escape
        code = f"　<span style='color:#666'>{esc(p.code)}</span>" if p.code else ""
        self.heading.setText(
            f"<span style='font-size:16pt;font-weight:600'>{esc(p.title)}</span>{code}"
            f"<br><span style='color:#1f6fb2'>{esc(p.status.label(lang))}</span> · {esc(p.kind.label(lang))}"
        )
        lead = plan.outlets.get(p.lead_outlet_id) if p.lead_outlet_id else None
        coordinator = plan.people.get(p.coordinator_id) if p.coordinator_id else None
        active = [a for a in plan.assignments if a.status in ACTIVE_STATUSES]
        covered = {a.stage_id.int for a in active}  # .int: uuid.UUID hashes in Python
        uncovered = sum(1 for st in plan.stages if st.id.int not in covered)
        dates = " – ".join(x for x in (fmt_date(p.starts_on, lang), fmt_date(p.ends_on, lang)) if x) or self.tr("未定")
        formats = ("、" if lang == "zh" else ", ").join(f.label(lang) for f in p.required_formats) or self.tr("无")
        rows = [
            (self.tr("日期"), dates),
            (self.tr("牵头单位"), lead.name if lead else self.tr("未指定")),
            (self.tr("协调人"), coordinator.name if coordinator else self.tr("未指定")),
            (self.tr("要求的形式"), formats),
            (self.tr("规模"), self.tr("{stages} 个环节 · {assignments} 项有效任务 · {outlets} 家单位 · {uncovered} 个环节无人报道").format(
                stages=len(plan.stages), assignments=len(active), outlets=len({a.outlet_id.int for a in active}),
                uncovered=uncovered)),
        ]
        summary = f"<p style='color:#333'>{esc(p.summary)}</p>" if p.summary else ""
        table = "".join(f"<tr><td style='color:#666;padding-right:12px'>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows)
        self.facts.setText(f"{summary}<table>{table}</table>")
        self._no_stages = not plan.stages
        self.set_findings(data.findings)

    def set_findings(self, findings: tuple[Finding, ...] | list[Finding]) -> None:
        self._model.set_rows(finding_rows(findings))
        self.view.setVisible(bool(findings))
        if findings:
            self.findings_label.setText(self.tr("缺口与冲突（{n}）— 单击一项跳到出问题的地方").format(n=len(findings)))
        elif self._no_stages:  # nothing to check yet: say what comes next
            self.findings_label.setText(self.tr("还没有环节。按 Ctrl+Shift+T 新建环节，再把单位拖到覆盖矩阵的环节行上。"))
        else:
            self.findings_label.setText(self.tr("没有发现缺口或冲突。"))

    def _on_view_activated(self, index: Any) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.finding_activated.emit(row.finding)
