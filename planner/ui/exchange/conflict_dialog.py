"""The conflict screen: every field changed on both desks, both values, who and when; choose per field."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.timefmt import fmt_datetime
from planner.services.exchange import MINE, THEIRS, MergePlan
from planner.services.exchange.records import field_label as _field_label


def field_label(field: str, lang: str) -> str:
    """A field's name in a table cell: 状态 / Status (the English labels are lower case for sentences)."""
    label = _field_label(field, lang)
    return label[:1].upper() + label[1:]


class ConflictDialog(QDialog):
    """Lists the conflicts of a merge plan; :meth:`choices` gives ``{(record id, field): mine|theirs}``."""

    COL_RECORD, COL_FIELD, COL_MINE, COL_MINE_BY, COL_THEIRS, COL_THEIRS_BY, COL_CHOICE = range(7)

    def __init__(self, plan: MergePlan, lang: str = "zh", parent: QWidget | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("合并冲突"))
        self.resize(1000, 480)
        self._plan = plan
        self._lang = lang
        self._rows: list[tuple[uuid.UUID, str, QComboBox]] = []

        conflicts = sum(len(i.conflicts) for i in plan.conflicts)
        summary = plan.summary()
        text = intro or (self.tr("来自 %1 的计划包“%2”：新增 %3 条、采用对方修改 %4 条；以下 %5 处在两边都被修改过"
                                 "（或一边删除、一边修改），请逐项选择保留本地还是采用对方。")
                         .replace("%1", plan.desk_name).replace("%2", plan.project_title)
                         .replace("%3", str(summary["add"])).replace("%4", str(summary["update"]))
                         .replace("%5", str(conflicts)))
        intro_label = QLabel(text)
        intro_label.setWordWrap(True)

        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("记录"), self.tr("字段"), self.tr("本地的值"), self.tr("本地修改"),
            self.tr("对方的值"), self.tr("对方修改"), self.tr("采用"),
        ])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        colon = ": " if lang.startswith("en") else "："
        for item in plan.conflicts:
            what = item.entity.label(lang)
            for c in item.conflicts:
                row = self.table.rowCount()
                self.table.insertRow(row)
                cells = [
                    f"{what}{colon}{item.label}", field_label(c.field, lang), plan.show(c.mine, lang),
                    f"{item.mine_who} {fmt_datetime(item.mine_when, lang)}", plan.show(c.theirs, lang),
                    f"{item.theirs_who} {fmt_datetime(item.theirs_when, lang)}",
                ]
                for col, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setToolTip(text)
                    self.table.setItem(row, col, cell)
                combo = QComboBox(self.table)
                combo.addItem(self.tr("未决定"), None)
                combo.addItem(self.tr("保留本地"), MINE)
                combo.addItem(self.tr("采用对方"), THEIRS)
                combo.currentIndexChanged.connect(self._on_choice_changed)
                self.table.setCellWidget(row, self.COL_CHOICE, combo)
                self._rows.append((item.local_id, c.field, combo))
        for col, width in enumerate((200, 110, 170, 150, 170, 150, 100)):
            self.table.setColumnWidth(col, width)

        all_mine = QPushButton(self.tr("全部保留本地"), self)
        all_theirs = QPushButton(self.tr("全部采用对方"), self)
        all_mine.clicked.connect(lambda: self.choose_all(MINE))
        all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("合并"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.remaining = QLabel(self)

        row = QHBoxLayout()
        row.addWidget(all_mine)
        row.addWidget(all_theirs)
        row.addStretch(1)
        row.addWidget(self.remaining)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._on_choice_changed()

    def choose_all(self, choice: str) -> None:
        for _rid, _field, combo in self._rows:
            combo.setCurrentIndex(combo.findData(choice))

    def undecided(self) -> int:
        return sum(1 for *_rest, combo in self._rows if combo.currentData() is None)

    def choices(self) -> dict[tuple[uuid.UUID, str], str]:
        return {(rid, field): combo.currentData() for rid, field, combo in self._rows if combo.currentData()}

    def _on_choice_changed(self, *_args: object) -> None:
        left = self.undecided()
        self.remaining.setText(self.tr("还有 %1 处未决定").replace("%1", str(left)) if left else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(left == 0)
        self.table.viewport().update()
