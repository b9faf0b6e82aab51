"""For a stage of a series, in its edit dialog: which series, which occurrence, and whether the edit is
for this occurrence only or for this one and the ones after it."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from planner.domain.recurrence import describe
from planner.services.series import Membership


class SeriesScope(QWidget):
    def __init__(self, info: Membership, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        label = QLabel(self.tr("系列“{title}”第 {n}/{total} 次 · {rule}").format(
            title=info.series.title, n=info.index, total=info.total, rule=describe(info.series.rule, lang)))
        label.setWordWrap(True)
        self.only = QRadioButton(self.tr("只改这一次"))
        self.rest = QRadioButton(self.tr("改这一次及以后各次（共 {n} 次）").format(n=info.total - info.index + 1))
        self.rest.setToolTip(self.tr("类型、地点和时间的改动用到以后各次（时间按同样的差值移动）；标题和前置环节只改这一次"))
        self.only.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.only)
        group.addButton(self.rest)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.only)
        layout.addWidget(self.rest)
        self.rest.setEnabled(info.index < info.total)

    @property
    def following(self) -> bool:
        return self.rest.isChecked()
