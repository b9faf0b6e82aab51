"""The export dialog: choose what to export (assignment sheets, briefing pack, contribution
report), for which project/outlet/person or period/alliance, with which template, into which
folder — then run it in the background with progress and cancel.

The folder is remembered in the database setting ``export.folder`` (and the user's preferences).
The briefing pack's network picture is drawn here, on the GUI thread (the scene is a widget-side
object), before the worker starts.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.export.contribution import Weights
from planner.export.docxkit import check_template
from planner.export.filenames import fit_name
from planner.export.pdf import require_converter
from planner.services import exports, queries
from planner.services.settings import set_setting
from planner.ui import prefs
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import ERROR_STYLE
from planner.ui.export.runner import ExportRunner

KINDS = ("sheets", "pack", "contribution")
_WEIGHT_FIELDS = ("lead", "support", "syndicate", "filed", "published", "partner", "cross_province", "vertical")


class ExportDialog(QDialog):
    exported = Signal(object)  # path or list of paths written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, project_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner: ExportRunner | None = None
        self.setWindowTitle(self.tr("导出文档"))
        self.setMinimumWidth(560)
        db = ctx.db

        self.kind = QComboBox()
        for code, label in zip(KINDS, (self.tr("任务单"), self.tr("策划方案"), self.tr("贡献度统计")), strict=True):
            self.kind.addItem(label, code)
        self.project = QComboBox()
        for summary in queries.list_projects(db):
            p = summary.project
            self.project.addItem(f"{p.title}（{p.code}）" if p.code else p.title, str(p.id))
        if project_id is not None:
            self.project.setCurrentIndex(max(0, self.project.findData(str(project_id))))

        # assignment sheets
        self.per = QComboBox()
        self.per.addItem(self.tr("按单位"), "outlet")
        self.per.addItem(self.tr("按人员"), "person")
        self.outlet = QComboBox()
        self.person = QComboBox()
        self.single = QComboBox()
        self.single.addItem(self.tr("每份一个文件（存入文件夹）"), False)
        self.single.addItem(self.tr("合并为一个文档（每份另起一页）"), True)
        sheets_form = QFormLayout()
        sheets_form.addRow(self.tr("派发方式"), self.per)
        sheets_form.addRow(self.tr("单位"), self.outlet)
        sheets_form.addRow(self.tr("人员"), self.person)
        sheets_form.addRow(self.tr("文件"), self.single)
        self.sheets_box = QGroupBox(self.tr("任务单"))
        self.sheets_box.setLayout(sheets_form)
        # document format: Word, PDF (through LibreOffice) or, for sheets, a long picture for phones
        self.doc_format = QComboBox()

        # contribution report
        self.use_start, self.start = QCheckBox(self.tr("起始日期")), QDateEdit(QDate.currentDate().addMonths(-12))
        self.use_end, self.end = QCheckBox(self.tr("截止日期")), QDateEdit(QDate.currentDate())
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("全部单位"), None)
        for a in queries.list_alliances(db):
            self.alliance.addItem(a.name, str(a.id))
        self.file_format = QComboBox()
        for suffix, label in ((".docx", self.tr("Word 文档 (.docx)")), (".pdf", self.tr("PDF 文档 (.pdf)")),
                              (".xlsx", self.tr("Excel 表格 (.xlsx)")), (".csv", self.tr("CSV 文本 (.csv)"))):
            self.file_format.addItem(label, suffix)
        self.weights: dict[str, QDoubleSpinBox] = {}
        labels = (self.tr("主办"), self.tr("协办"), self.tr("转发"), self.tr("已交稿"), self.tr("已刊发"),
                  self.tr("合作单位"), self.tr("跨省协作"), self.tr("纵向协作"))
        grid = QGridLayout()
        defaults = Weights()
        for i, (name, label) in enumerate(zip(_WEIGHT_FIELDS, labels, strict=True)):
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setValue(getattr(defaults, name))
            self.weights[name] = spin
            grid.addWidget(QLabel(label), i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
        period = QHBoxLayout()
        for box, edit in ((self.use_start, self.start), (self.use_end, self.end)):
            box.toggled.connect(edit.setEnabled)
            edit.setEnabled(False)
            period.addWidget(box)
            period.addWidget(edit)
        contrib_form = QFormLayout()
        contrib_form.addRow(self.tr("统计期间"), period)
        contrib_form.addRow(self.tr("联合体"), self.alliance)
        contrib_form.addRow(self.tr("文件格式"), self.file_format)
        contrib_form.addRow(self.tr("权重"), grid)
        self.contrib_box = QGroupBox(self.tr("贡献度统计"))
        self.contrib_box.setLayout(contrib_form)

        # template, folder, file name
        self.template = QLineEdit()
        self.template.setPlaceholderText(self.tr("默认模板（公文格式）"))
        browse_template = QPushButton(self.tr("选择…"))
        browse_template.clicked.connect(self._browse_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(browse_template)
        self.folder = QLineEdit(db.setting("export.folder") or prefs.export_folder() or str(Path.home()))
        browse_folder = QPushButton(self.tr("浏览…"))
        browse_folder.clicked.connect(self._browse_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse_folder)
        self.name = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("导出内容"), self.kind)
        form.addRow(self.tr("项目"), self.project)
        common = QFormLayout()
        self.doc_format_label = QLabel(self.tr("格式"))
        common.addRow(self.doc_format_label, self.doc_format)
        common.addRow(self.tr("Word 模板"), template_row)
        common.addRow(self.tr("导出到文件夹"), folder_row)
        common.addRow(self.tr("文件名"), self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sheets_box)
        layout.addWidget(self.contrib_box)
        layout.addLayout(common)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.project.currentIndexChanged.connect(self._on_project_changed)
        self.per.currentIndexChanged.connect(self._on_choice_changed)
        self.single.currentIndexChanged.connect(self._on_choice_changed)
        self.file_format.currentIndexChanged.connect(self._on_choice_changed)
        self.outlet.currentIndexChanged.connect(self._on_choice_changed)
        self.person.currentIndexChanged.connect(self._on_choice_changed)
        self.doc_format.currentIndexChanged.connect(self._on_choice_changed)
        self._on_project_changed()
        self._on_kind_changed()

    # -- state -----------------------------------------------------------------------------------
    @property
    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def project_id(self) -> uuid.UUID | None:
        data = self.project.currentData()
        return uuid.UUID(data) if data else None

    def _id(self, combo: QComboBox) -> uuid.UUID | None:
        data = combo.currentData()
        return uuid.UUID(data) if data else None

    @property
    def format_code(self) -> str:
        """``docx``, ``pdf`` or ``png`` for sheets and packs; the contribution report's from its suffix."""
        if self.kind_code == "contribution":
            return str(self.file_format.currentData()).lstrip(".")
        return str(self.doc_format.currentData() or "docx")

    def _on_kind_changed(self) -> None:
        kind = self.kind_code
        self.project.setEnabled(kind != "contribution")
        self.sheets_box.setVisible(kind == "sheets")
        self.contrib_box.setVisible(kind == "contribution")
        current = self.doc_format.currentData()
        self.doc_format.blockSignals(True)
        self.doc_format.clear()
        self.doc_format.addItem(self.tr("Word 文档 (.docx)"), "docx")
        self.doc_format.addItem(self.tr("PDF 文档（需要 LibreOffice）"), "pdf")
        if kind == "sheets":
            self.doc_format.addItem(self.tr("手机长图 (.png，宽 1080 像素)"), "png")
        self.doc_format.setCurrentIndex(max(0, self.doc_format.findData(current)))
        self.doc_format.blockSignals(False)
        self.doc_format.setVisible(kind != "contribution")
        self.doc_format_label.setVisible(kind != "contribution")
        self._suggest_name()

    def _on_project_changed(self) -> None:
        self.outlet.blockSignals(True)
        self.person.blockSignals(True)
        self.outlet.clear()
        self.person.clear()
        self.outlet.addItem(self.tr("全部单位"), None)
        self.person.addItem(self.tr("全部人员"), None)
        pid = self.project_id()
        if pid is not None:
            plan = queries.load_plan(self.ctx.db, pid)
            used = {a.outlet_id for a in plan.assignments}
            for o in sorted((plan.outlets[i] for i in used if i in plan.outlets), key=lambda o: o.name):
                self.outlet.addItem(o.name, str(o.id))
            named = {p for a in plan.assignments for p in a.person_ids}
            for p in sorted((plan.people[i] for i in named if i in plan.people), key=lambda p: p.name):
                outlet = plan.outlets.get(p.outlet_id)
                self.person.addItem(f"{p.name}（{outlet.display_name}）" if outlet else p.name, str(p.id))
        self.outlet.blockSignals(False)
        self.person.blockSignals(False)
        self._on_choice_changed()

    def _on_choice_changed(self) -> None:
        self.person.setEnabled(self.per.currentData() == "person")
        self._suggest_name()

    def _suggest_name(self) -> None:
        kind = self.kind_code
        en = self.ctx.lang_code == "en"
        code = ""
        if kind != "contribution" and self.project.currentIndex() >= 0:
            text = self.project.currentText()
            code = text[text.rfind("（") + 1:-1] if text.endswith("）") else text
        if kind == "sheets":
            base = ("Sheets" if en else "任务单") + f"-{code}"
            if self.outlet.currentData():
                base += f"-{self.outlet.currentText()}"
            if self.per.currentData() == "person" and self.person.currentData():
                base += f"-{self.person.currentText().split('（')[0]}"
            fmt = self.format_code
            person_mode = self.per.currentData() == "person"
            one_subject = bool(self.person.currentData() if person_mode else self.outlet.currentData())
            one = one_subject if fmt == "png" else bool(self.single.currentData())
            name = fit_name(base, f".{fmt}" if one else "")
        elif kind == "pack":
            name = fit_name(("Briefing-pack" if en else "策划方案") + f"-{code}", f".{self.format_code}")
        else:
            name = ("Contribution" if en else "贡献度统计") + f"-{date.today():%Y%m%d}" + self.file_format.currentData()
        self.name.setText(name)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择 Word 模板"), self.folder.text(),
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            self.template.setText(path)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # -- running ---------------------------------------------------------------------------------
    def destination(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / self.name.text().strip()

    def start_export(self) -> None:
        """Check the choices, then run the export in the background."""
        self.show_error("")
        if not self.folder.text().strip() or not self.name.text().strip():
            self.show_error(self.tr("请选择导出文件夹并填写文件名。"))
            return
        kind = self.kind_code
        pid = self.project_id()
        if kind != "contribution" and pid is None:
            self.show_error(self.tr("请先选择项目。"))
            return
        template = self.template.text().strip() or None
        try:
            if template:
                check_template(template)
            job = self._job(kind, pid, template)
        except PlannerError as err:
            self.show_error(self.ctx.error_message(err))
            return
        self.buttons.setEnabled(False)
        self.runner = ExportRunner(self.ctx, self, job, self.tr("正在导出，请稍候…"))
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self.runner.start()

    def _job(self, kind: str, pid: uuid.UUID | None, template: str | None) -> Any:
        db, lang, dest = self.ctx.db, self.ctx.lang_code, self.destination()
        fmt = self.format_code
        if fmt == "pdf":
            require_converter()  # say so now, in the dialog, rather than after the work
        if kind == "sheets":
            per, outlet, person = self.per.currentData(), self._id(self.outlet), self._id(self.person)
            single = bool(self.single.currentData())
            if fmt == "png":
                from planner.ui.export.longimage import sheet_images

                return lambda progress: exports.export_sheet_images(
                    db, pid, dest, draw=sheet_images, per=per, outlet_id=outlet,
                    person_id=person if per == "person" else None, lang=lang, progress=progress)
            return lambda progress: exports.export_sheets(
                db, pid, dest, per=per, outlet_id=outlet, person_id=person if per == "person" else None,
                single=single, template=template, lang=lang, progress=progress, fmt=fmt)
        if kind == "pack":
            png = self._network_picture(pid)
            return lambda progress: exports.export_pack(db, pid, dest, template=template, lang=lang, graph_png=png,
                                                        progress=progress, fmt=fmt)
        start = self.start.date().toPython() if self.use_start.isChecked() else None
        end = self.end.date().toPython() if self.use_end.isChecked() else None
        weights = Weights(**{k: spin.value() for k, spin in self.weights.items()})
        alliance = self._id(self.alliance)
        return lambda progress: exports.export_contribution(
            db, dest, start=start, end=end, alliance_id=alliance, weights=weights, lang=lang, template=template,
            progress=progress)

    def _network_picture(self, pid: uuid.UUID | None) -> bytes | None:
        """The project's collaboration network as PNG (None when the renderer is missing or fails)."""
        try:
            from planner.graph.collaboration import build_collaboration_graph
            from planner.ui.graph.render import paper_picture
        except ImportError:
            return None
        with contextlib.suppress(Exception):  # the picture is optional; the pack says when it is missing
            G = build_collaboration_graph(self.ctx.db, project_ids=[pid])
            return paper_picture(G, lang=self.ctx.lang_code)
        return None

    def _remember_folder(self) -> None:
        folder = self.folder.text().strip()
        prefs.set_export_folder(folder)
        if folder != self.ctx.db.setting("export.folder") and not getattr(self.ctx.db, "read_only", False):
            with contextlib.suppress(PlannerError):
                set_setting(self.ctx.db, "export.folder", folder)

    def _on_runner_finished(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self._remember_folder()
        self.exported.emit(result)
        self.accept()

    def _on_runner_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.show_error(message)

    def _on_runner_cancelled(self) -> None:
        self.buttons.setEnabled(True)
        self.show_error(self.tr("导出已取消，未写入任何文件。"))
