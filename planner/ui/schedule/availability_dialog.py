"""Entering absences: one unavailable period or weekly duty pattern (add, edit, delete — each one
undo step), a person's list of them, and the import of a leave sheet.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.availability import AvailabilityKind, AvailabilityRow, describe_rule, normalize_rule
from planner.domain.enums import Entity
from planner.domain.errors import PlannerError, ValidationError
from planner.domain.timefmt import PLAN_TZ
from planner.services.commands import Command, Create, Delete, Update
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.server.gates import absence_people, refuse_absence

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _time_text(value: Any) -> str:
    return value.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M") if value else ""


class WeekdayChecks(QWidget):
    """Seven checkboxes, Monday first: the days of a weekly pattern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        names = self.tr("一 二 三 四 五 六 日").split()
        self.boxes = [QCheckBox(names[i] if len(names) == 7 else _DAYS[i]) for i in range(7)]
        for i, box in enumerate(self.boxes):
            grid.addWidget(box, 0, i)

    def codes(self) -> list[str]:
        return [_DAYS[i] for i, box in enumerate(self.boxes) if box.isChecked()]

    def set_codes(self, codes: list[str]) -> None:
        for i, box in enumerate(self.boxes):
            box.setChecked(_DAYS[i] in codes)


class AvailabilityDialog(FormDialog):
    """Add or edit one absence; a weekly pattern is built from weekday boxes, or typed as an RRULE."""

    def __init__(self, ctx: AppContext, people: list[tuple[str, uuid.UUID]], *, row: AvailabilityRow | None = None,
                 person_id: uuid.UUID | None = None, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("修改不在岗时段") if row else self.tr("登记不在岗时段"), parent)
        self.row = row
        lang = ctx.lang_code
        self.person = self.add_field("person_id", self.tr("人员"), QComboBox())
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if row is None:  # a desk on a server records absences of its own outlet's people only
            people = absence_people(ctx, people)
            if person_id is not None and all(pid != person_id for _t, pid in people):
                person_id = None
        for text, pid in people:
            self.person.addItem(text, str(pid))
        self.kind = self.add_field("kind", self.tr("类型"), QComboBox())
        for kind in AvailabilityKind:
            self.kind.addItem(kind.label(lang), kind.value)
        self.start = self.add_field("starts_at", self.tr("开始"), QLineEdit())
        self.start.setPlaceholderText(self.tr("如 2026-12-24 或 2026-12-24 08:00"))
        self.end = self.add_field("ends_at", self.tr("结束"), QLineEdit())
        self.end.setPlaceholderText(self.tr("只写日期表示到当天结束"))
        self.repeat = self.add_field("repeat", self.tr("重复"), QComboBox())
        self.repeat.addItem(self.tr("不重复"), "none")
        self.repeat.addItem(self.tr("每周（选择星期几）"), "weekly")
        self.repeat.addItem(self.tr("每天"), "daily")
        self.repeat.addItem(self.tr("自定义规则（RRULE）"), "custom")
        self.weekdays = self.add_field("weekdays", self.tr("星期"), WeekdayChecks())
        self.rule = self.add_field("rule", self.tr("规则"), QLineEdit())
        self.rule.setPlaceholderText("FREQ=MONTHLY;BYMONTHDAY=-1")
        self.until = self.add_field("until", self.tr("重复截止"), QLineEdit())
        self.until.setPlaceholderText(self.tr("可不填，如 2027-06-30"))
        self.reason = self.add_field("reason", self.tr("原因"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("如 年假、夜班、岗位培训"))
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666666;")
        self.hint.setWordWrap(True)
        self.form.addRow("", self.hint)
        self.repeat.currentIndexChanged.connect(self._on_repeat)
        if row is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(str(row.person_id))))
            self.person.setEnabled(False)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind.value)))
            self.start.setText(_time_text(row.starts_at))
            self.end.setText(_time_text(row.ends_at))
            self.reason.setText(row.reason)
            self._show_rule(row.rule)
            delete = self.buttons.addButton(self.tr("删除"), QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.clicked.connect(self.delete)
        else:
            if person_id is not None:
                self.person.setCurrentIndex(max(0, self.person.findData(str(person_id))))
            else:
                self.person.setCurrentIndex(-1)
            day = day or date.today()
            self.start.setText(day.isoformat())
            self.end.setText(day.isoformat())
        self._on_repeat()

    def focus_widget(self) -> QWidget | None:
        return self.kind if self.row is not None or self.person.currentIndex() >= 0 else self.person

    def _show_rule(self, rule: str) -> None:
        parts = dict(p.partition("=")[::2] for p in rule.split(";") if p)
        until = parts.pop("UNTIL", "")
        if until[:8].isdigit():
            self.until.setText(f"{until[:4]}-{until[4:6]}-{until[6:8]}")
        if not rule:
            self.repeat.setCurrentIndex(0)
        elif set(parts) <= {"FREQ", "BYDAY"} and parts.get("FREQ") == "WEEKLY" and "BYDAY" in parts:
            self.repeat.setCurrentIndex(1)
            self.weekdays.set_codes(parts["BYDAY"].split(","))
        elif set(parts) == {"FREQ"} and parts["FREQ"] == "DAILY":
            self.repeat.setCurrentIndex(2)
        else:
            self.repeat.setCurrentIndex(3)
            self.rule.setText(";".join(p for p in rule.split(";") if not p.startswith("UNTIL=")))
            self.until.setText(self.until.text())

    def _on_repeat(self) -> None:
        mode = self.repeat.currentData()
        for widget, show in ((self.weekdays, mode == "weekly"), (self.rule, mode == "custom"),
                             (self.until, mode != "none")):
            widget.parentWidget().setVisible(show)
            label = self.form.labelForField(widget.parentWidget())
            if label is not None:
                label.setVisible(show)
        self.hint.setText(self.tr("重复时，“开始”和“结束”是第一次的时间，之后每次的钟点和时长相同。")
                          if mode != "none" else self.tr("同一人不重复的不在岗时段不能互相重叠。"))
        self.adjustSize()

    def build_rule(self) -> str:
        mode = self.repeat.currentData()
        if mode == "none":
            return ""
        if mode == "weekly":
            days = self.weekdays.codes()
            if not days:
                raise ValidationError("empty", field="weekdays", what="星期")
            rule = "FREQ=WEEKLY;BYDAY=" + ",".join(days)
        elif mode == "daily":
            rule = "FREQ=DAILY"
        else:
            rule = normalize_rule(self.rule.text())
            if not rule:
                raise ValidationError("empty", field="rule", what="重复规则")
        until = self.until.text().strip()
        if until and "UNTIL=" not in rule and "COUNT=" not in rule:
            from planner.domain.timefmt import parse_date

            day = parse_date(until, field="until")
            assert day is not None
            rule += f";UNTIL={day:%Y%m%d}"
        return rule

    def values(self) -> dict[str, Any]:
        from planner.services.availability_import import end_value

        text = self.person.currentText().strip()
        index = self.person.findText(text) if text else -1
        if index < 0:
            if text:
                raise ValidationError("not_found", field="person_id", what="人员", ref=text)
            raise ValidationError("empty", field="person_id", what="人员")
        data = self.person.itemData(index)
        return {"person_id": uuid.UUID(data), "kind": self.kind.currentData(), "starts_at": self.start.text().strip(),
                "ends_at": end_value(self.end.text().strip()), "rule": self.build_rule(), "reason": self.reason.text()}

    def make_command(self) -> Command:
        values = self.values()
        name = self.person.currentText().split(" · ")[0]
        if self.row is None:
            return Create(Entity.AVAILABILITY, values, text=self.tr("登记不在岗：{name}").format(name=name))
        values.pop("person_id")
        return Update(Entity.AVAILABILITY, self.row.id, values, text=self.tr("修改不在岗：{name}").format(name=name),
                      expected_version=self.row.version)

    def delete(self) -> None:
        assert self.row is not None
        name = self.person.currentText().split(" · ")[0]
        changes = self.ctx.push(Delete(Entity.AVAILABILITY, self.row.id, text=self.tr("删除不在岗：{name}").format(name=name),
                                       expected_version=self.row.version))
        if changes is not None:
            self.done(QDialog.DialogCode.Accepted)


class AvailabilityListDialog(QDialog):
    """One person's absences (or everyone's): add, edit, delete."""

    def __init__(self, ctx: AppContext, people: list[tuple[str, uuid.UUID]], *, person_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.people = ctx, people
        self.setWindowTitle(self.tr("不在岗时段"))
        self.person = QComboBox()
        self.person.addItem(self.tr("全部人员"), "")
        for text, pid in people:
            self.person.addItem(text, str(pid))
        self.person.setCurrentIndex(max(0, self.person.findData(str(person_id) if person_id else "")))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("人员"), self.tr("类型"), self.tr("开始"), self.tr("结束"),
                                              self.tr("重复"), self.tr("原因")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(self.tr("没有登记的不在岗时段。"))
        self.empty.setStyleSheet("color: #666666;")
        add, edit, delete = QPushButton(self.tr("新建…")), QPushButton(self.tr("修改…")), QPushButton(self.tr("删除"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("人员")))
        row.addWidget(self.person, 1)
        buttons = QHBoxLayout()
        for b in (add, edit, delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.rows: list[AvailabilityRow] = []
        self.person.currentIndexChanged.connect(self.reload)
        add.clicked.connect(self.add)
        edit.clicked.connect(self.edit)
        delete.clicked.connect(self.delete)
        self.table.doubleClicked.connect(self.edit)
        ctx.changed.connect(self._on_changed)
        self.resize(820, 420)
        self.reload()

    def _on_changed(self, changes: Any) -> None:
        if changes.touches(Entity.AVAILABILITY):
            self.reload()

    def _person_id(self) -> uuid.UUID | None:
        data = self.person.currentData()
        return uuid.UUID(data) if data else None

    def reload(self) -> None:
        from planner.services.availability import list_availability

        names = {pid: text.split(" · ")[0] for text, pid in self.people}
        self.rows = sorted(list_availability(self.ctx.db, person_id=self._person_id()),
                           key=lambda r: (names.get(r.person_id, ""), r.starts_at))
        lang = self.ctx.lang_code
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, text in enumerate((names.get(r.person_id, ""), r.kind.label(lang), _time_text(r.starts_at),
                                      _time_text(r.ends_at), describe_rule(r.rule, lang), r.reason)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.rows)

    def _selected(self) -> AvailabilityRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def add(self) -> None:
        AvailabilityDialog(self.ctx, self.people, person_id=self._person_id(), parent=self).exec()

    def edit(self) -> None:
        row = self._selected()
        if row is not None:
            AvailabilityDialog(self.ctx, self.people, row=row, parent=self).exec()

    def delete(self) -> None:
        row = self._selected()
        if row is not None and not refuse_absence(self.ctx, row.person_id):  # a shared server's role
            self.ctx.push(Delete(Entity.AVAILABILITY, row.id, text=self.tr("删除不在岗时段"), expected_version=row.version))


def import_absences(ctx: AppContext, parent: QWidget, path: str | None = None) -> bool:
    """Ask for a sheet, check every row, then import all of it (one undo step) or show what is wrong."""
    from planner.services.availability_import import ImportAbsences, import_availability

    title = QCoreApplication.translate("ImportAbsences", "导入不在岗时段")
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", QCoreApplication.translate("ImportAbsences", "表格 (*.xlsx *.csv)"))
        if not path:
            return False
    try:
        report = import_availability(ctx.db, path, dry_run=True, lang=ctx.lang_code)
    except PlannerError as err:
        problems = getattr(err, "problems", [])
        lines = "\n".join(f"{line}: {text}" for line, text in problems[:30])
        more = (QCoreApplication.translate("ImportAbsences", "…… 另有 {n} 行有问题").format(n=len(problems) - 30)
                if len(problems) > 30 else "")
        QMessageBox.warning(parent, title, "\n".join(t for t in (ctx.error_message(err), lines, more) if t))
        return False
    if report.created == 0:
        QMessageBox.information(parent, title, QCoreApplication.translate("ImportAbsences", "表格中没有数据行。"))
        return False
    text = QCoreApplication.translate("ImportAbsences", "导入不在岗时段（{n} 条）").format(n=report.created)
    changes = ctx.push(ImportAbsences(path, ctx.lang_code, text=text))
    if changes is not None:
        from planner.ui.notify import notify

        notify(ctx, parent, QCoreApplication.translate("ImportAbsences", "已导入 {n} 条不在岗时段（Ctrl+Z 撤销）。")
               .format(n=report.created))
    return changes is not None


__all__ = ["AvailabilityDialog", "AvailabilityListDialog", "WeekdayChecks", "import_absences"]
