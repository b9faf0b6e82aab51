"""Settings: this desk's editor and outlet (stored in the database, written into every change-log
entry) and the travel speed of the clash analysis (in the database too, so every desk judges a plan
alike); the language and the export folder (per-user preferences).

A language change applies after a restart; the dialog offers to restart at once.
"""

from __future__ import annotations

import contextlib
import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.services import queries
from planner.services.settings import TRAVEL_KMH_RANGE, set_desk, set_setting, set_travel_kmh, travel_kmh
from planner.ui import i18n, prefs
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import ERROR_STYLE


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language_changed = False
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(480)
        db = ctx.db
        self.editor = QLineEdit(db.setting("desk.editor"))
        self.editor.setPlaceholderText(self.tr("写入修改记录，如 张编辑"))
        self.outlet = QComboBox()
        self.outlet.addItem(self.tr("（未设置）"), None)
        for o in sorted(queries.list_outlets(db), key=lambda o: o.name):
            self.outlet.addItem(o.name, str(o.id))
        current = db.setting("desk.outlet_id")
        if current:
            with contextlib.suppress(ValueError):
                self.outlet.setCurrentIndex(max(0, self.outlet.findData(str(uuid.UUID(current)))))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language())))
        self.export_folder = QLineEdit(prefs.export_folder() or db.setting("export.folder"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.export_folder, 1)
        folder_row.addWidget(browse)
        self.travel = QDoubleSpinBox()
        self.travel.setRange(*TRAVEL_KMH_RANGE)
        self.travel.setDecimals(0)
        self.travel.setSingleStep(10)
        self.travel.setSuffix(self.tr(" 公里/小时"))
        self.travel.setValue(travel_kmh(db))
        self.travel.setToolTip(self.tr("检查人员赶场时间时按此速度估算两个环节地点之间的行程"))
        self.account = getattr(db, "account", None)
        if self.account is not None:  # a shared server: the signed-in account is the identity
            self.editor.setText(self.account.display_name or self.account.login)
            self.outlet.setCurrentIndex(max(0, self.outlet.findData(str(self.account.outlet_id))))
            for w in (self.editor, self.outlet):
                w.setEnabled(False)
                w.setToolTip(self.tr("在共享服务器上，修改记录署名为登录账号：{who}").format(who=self.account.identity))
            self.travel.setEnabled(self.account.changes_settings)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("编辑姓名"), self.editor)
        form.addRow(self.tr("本席所属单位"), self.outlet)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow("", QLabel(self.tr("更改语言后需重新启动程序。")))
        form.addRow(self.tr("导出文件夹"), folder_row)
        form.addRow(self.tr("赶场行程速度"), self.travel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("本席身份保存在数据库中，会记入每一条修改记录。")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"), self.export_folder.text())
        if folder:
            self.export_folder.setText(folder)

    def accept(self) -> None:
        self.error.setVisible(False)
        outlet_id = self.outlet.currentData()
        db = self.ctx.db
        try:
            on_account = self.account is not None  # (identity and export folder are not the server's)
            if not on_account and (self.editor.text() != db.setting("desk.editor")
                                   or (outlet_id or "") != db.setting("desk.outlet_id")):
                changes = set_desk(db, editor=self.editor.text(), outlet_id=uuid.UUID(outlet_id) if outlet_id else None)
                self.ctx.changed.emit(changes)
            folder = self.export_folder.text().strip()
            if folder != db.setting("export.folder") and not db.read_only and not on_account:
                set_setting(db, "export.folder", folder)
            if self.travel.value() != travel_kmh(db) and not db.read_only and self.travel.isEnabled():
                self.ctx.changed.emit(set_travel_kmh(db, self.travel.value()))
        except PlannerError as err:
            self.error.setText(self.ctx.error_message(err))
            self.error.setVisible(True)
            return
        prefs.set_export_folder(self.export_folder.text().strip())
        lang = self.language.currentData()
        if lang != prefs.language():
            prefs.set_language(lang)
            self.language_changed = True
        super().accept()
