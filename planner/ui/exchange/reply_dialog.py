"""The preview of a filled reply sheet (文件 ▸ 导入回执…): every change, every row that cannot be
taken and why, the people to add — before anything is written."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.services.exchange.replies import ReplyPlan
from planner.ui.exchange.conflict_dialog import field_label


class ReplyPreviewDialog(QDialog):
    """Lists what importing ``plan`` does; accepted means "import" (skipping the rows with problems)."""

    COL_WHAT, COL_FIELD, COL_NOW, COL_REPLY = range(4)

    def __init__(self, plan: ReplyPlan, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入回执"))
        self.resize(980, 560)
        self._plan = plan
        self._lang = lang
        changes = [i for i in plan.merge.items if i.take]
        intro = QLabel(
            self.tr("%1 的回执（%2）：修改 %3 项任务，新增人员 %4 人，新备注 %7 条，未变 %5 项，有误 %6 行。")
            .replace("%1", plan.merge.desk_name).replace("%2", plan.project_title)
            .replace("%3", str(len(changes))).replace("%4", str(len(plan.new_people)))
            .replace("%5", str(plan.unchanged)).replace("%6", str(len(plan.problems)))
            .replace("%7", str(len(plan.notes))))
        intro.setWordWrap(True)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("任务"), self.tr("字段"), self.tr("本地现在"), self.tr("回执")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for item in changes:
            for fld, value in item.take.items():
                self._add_row(item.label, field_label(fld, lang),
                              plan.merge.show(self._shown(fld, item.local_values.get(fld)), lang),
                              plan.merge.show(self._shown(fld, value), lang))
        for person in plan.new_people:
            self._add_row(self.tr("新增人员"), field_label("name", lang), "—", f"{person.name} {person.phone}".strip())
        for note in plan.notes:  # added to the thread, signed by the sheet's signer: nothing here is replaced
            self._add_row(note.label, self.tr("新备注"), "—", f"{plan.merge.desk_name}：{note.body}")
        warn = QBrush(QColor("#b3261e"))
        for problem in plan.problems:
            row = self._add_row(self.tr("第 %1 行").replace("%1", str(problem.row)), self.tr("未采用"), "",
                                problem.text(lang))
            for col in range(4):
                self.table.item(row, col).setForeground(warn)
        for col, width in enumerate((260, 110, 220)):
            self.table.setColumnWidth(col, width)

        self.empty = QLabel(self.tr("回执与本地一致，无需更改。"))
        self.empty.setVisible(self.table.rowCount() == 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("跳过有误的行并导入") if plan.problems else self.tr("导入"))
        ok.setEnabled(plan.writes)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)

    def _shown(self, fld: str, value: object) -> object:
        if fld == "person_ids" and isinstance(value, list):
            names = {**self._plan.staff, **{p.id: p.name for p in self._plan.new_people}}
            return [names.get(v, str(v)) for v in value]
        if fld == "status" and isinstance(value, str):
            from planner.domain.enums import Status

            return Status(value).label(self._lang)
        return value

    def _add_row(self, *cells: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            self.table.setItem(row, col, cell)
        return row
