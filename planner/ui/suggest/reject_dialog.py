"""The reason form for rejecting a staffing suggestion: why, and whether for this stage or the project.

An empty reason is refused inline (the rejection is remembered for the project and read later by
colleagues: "no" without a why helps nobody); a few common reasons are one click away.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.rejections import REASON_MAX

COMMON_REASONS = (
    QT_TRANSLATE_NOOP("RejectDialog", "该单位已明确不参加"),
    QT_TRANSLATE_NOOP("RejectDialog", "人手已派往其他现场"),
    QT_TRANSLATE_NOOP("RejectDialog", "设备或直播条件不具备"),
    QT_TRANSLATE_NOOP("RejectDialog", "路程太远，赶不及"),
)


class RejectDialog(QDialog):
    """Asks why ``outlet`` should not be proposed (for ``stage``, or anywhere in the project)."""

    def __init__(self, outlet: str, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("否决补位建议"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItem("")
        for text in COMMON_REASONS:
            self.reason.addItem(QCoreApplication.translate("RejectDialog", text))
        self.reason.setCurrentIndex(0)
        self.reason.lineEdit().setPlaceholderText(self.tr("例如：该单位已明确不参加"))
        self.reason.lineEdit().setMaxLength(REASON_MAX)
        self.reason.setMinimumWidth(320)
        self.reason.currentTextChanged.connect(self._check)
        self.here = QRadioButton(self.tr("仅在环节“{stage}”不再建议").format(stage=stage))
        self.everywhere = QRadioButton(self.tr("在本项目的所有环节都不再建议"))
        self.here.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("单位："), QLabel(outlet))
        form.addRow(self.tr("理由："), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("否决"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.here)
        layout.addWidget(self.everywhere)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.reason.currentText().strip()

    def whole_project(self) -> bool:
        return self.everywhere.isChecked()

    def _check(self, *_: object) -> None:
        if self.text():
            self.error.setVisible(False)

    def accept(self) -> None:
        if not self.text():
            self.error.setText(self.tr("请写明否决的理由（会记在项目里，同事也能看到）。"))
            self.error.setVisible(True)
            self.reason.setFocus()
            return
        super().accept()
