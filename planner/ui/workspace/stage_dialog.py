"""Add or edit a stage (报道环节): title, kind, place picked by name, times, prerequisites and notes.

The edit is one undo step: field changes and added or removed prerequisites go into one ``Macro``.
A prerequisite that would close a cycle is refused with the path of the cycle under the field.
A new stage may repeat (a series: :mod:`planner.ui.series`); a stage of a series can be edited
alone or with the occurrences after it. A new stage's 备注 is the first note of its thread; an
existing stage shows its notes thread, where each note is its own undo step.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from planner.domain.enums import Entity, StageKind
from planner.domain.rows import StageRow
from planner.domain.timefmt import parse_datetime
from planner.services import series
from planner.services.commands import AddDependency, Command, Create, Macro, RemoveDependency, Update
from planner.services.validate import check_order
from planner.ui.context import AppContext
from planner.ui.dates import DateTimeField
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.directory.place_edit import PlaceEdit
from planner.ui.notes.thread import NotesThread
from planner.ui.series.recurrence_box import RecurrenceBox
from planner.ui.series.scope import SeriesScope

#: errors of a series' pattern are shown under the 重复 field
_RULE_FIELDS = ("rule", "count", "until", "weekdays", "interval", "monthday")
#: what an edit of "this and the following occurrences" carries to the later ones (times as deltas)
_SERIES_FIELDS = ("kind", "adcode", "location", "time_tbc")


class StageDialog(FormDialog):
    def __init__(self, ctx: AppContext, project_id: uuid.UUID, stages: list[StageRow] | tuple[StageRow, ...],
                 row: StageRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("编辑环节") if row else self.tr("新建环节"), parent)
        self.project_id = project_id
        self.row = row
        self.title_edit = self.add_field("title", self.tr("标题"), QLineEdit())
        self.kind = self.add_field("kind", self.tr("类型"), QComboBox())
        for k in StageKind:
            self.kind.addItem(k.label(ctx.lang_code), k.value)
        self.place = self.add_field("adcode", self.tr("地点"), PlaceEdit())
        self.location = self.add_field("location", self.tr("具体位置"), QLineEdit())
        self.location.setPlaceholderText(self.tr("如 重庆西站北广场"))
        self.starts = self.add_field("starts_at", self.tr("开始"), DateTimeField())
        self.ends = self.add_field("ends_at", self.tr("结束"), DateTimeField())
        self.starts.changed.connect(self._on_starts_changed)
        self.set_check("ends_at", lambda: check_order(self.starts.value(), self.ends.value(), field="ends_at"))
        self.set_check("adcode", lambda: self.place.adcode())
        self.tbc = self.add_field("time_tbc", self.tr("时间"), QCheckBox(self.tr("时间待定")))
        self.depends = self.add_field("depends_on", self.tr("前置环节"), QListWidget())
        self.depends.setMaximumHeight(110)
        for st in stages:
            if row is not None and st.id == row.id:
                continue
            item = QListWidgetItem(f"{st.position}. {st.title}")
            item.setData(Qt.ItemDataRole.UserRole, str(st.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row and st.id in row.depends_on else Qt.CheckState.Unchecked)
            self.depends.addItem(item)
        self.repeat: RecurrenceBox | None = None
        self.scope: SeriesScope | None = None
        self.thread: NotesThread | None = None
        if row is None:
            self.notes = self.add_field("notes", self.tr("备注"), QPlainTextEdit())
            self.notes.setFixedHeight(70)
            self.notes.setPlaceholderText(self.tr("第一条备注（可不填）"))
            self.repeat = self.add_field(_RULE_FIELDS, self.tr("重复"), RecurrenceBox(
                ctx.lang_code, lambda: (self.title_edit.text(), self.starts.value(), self.ends.value())))
            self.repeat.enabled.toggled.connect(self._on_repeat_toggled)
            self.repeat.changed.connect(self._grow)
            self.title_edit.editingFinished.connect(self._refresh_repeat)
            self.starts.changed.connect(self._refresh_repeat)
            self.ends.changed.connect(self._refresh_repeat)
        else:
            info = series.membership(ctx.db, row.id)
            if info is not None:
                self.scope = self.add_field("series", self.tr("系列"), SeriesScope(info, ctx.lang_code))
            self.thread = self.add_field("notes", self.tr("备注"), NotesThread(ctx, stage_id=row.id, title=row.title))
            self.thread.setMinimumHeight(150)
            self.depends.setMaximumHeight(90)
        if row is not None:
            self.title_edit.setText(row.title)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind.value)))
            self.place.set_adcode(row.adcode)
            self.location.setText(row.location)
            self.starts.set_value(row.starts_at)
            self.ends.set_value(row.ends_at)
            self.tbc.setChecked(row.time_tbc)

    def _on_starts_changed(self) -> None:
        start = self.starts.value()
        self.ends.set_default(start + timedelta(hours=2) if start else None)  # a ticked end starts there

    def chosen_prerequisites(self) -> list[uuid.UUID]:
        out = []
        for i in range(self.depends.count()):
            item = self.depends.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_prerequisites(self, ids: list[uuid.UUID]) -> None:
        wanted = {str(i) for i in ids}
        for i in range(self.depends.count()):
            item = self.depends.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked)

    def values(self) -> dict[str, Any]:
        values = {
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "adcode": self.place.adcode(),
            "location": self.location.text(),
            "starts_at": self.starts.value(),
            "ends_at": self.ends.value(),
            "time_tbc": self.tbc.isChecked(),
        }
        if self.row is None:
            values["notes"] = self.notes.toPlainText()
        return values

    def _on_repeat_toggled(self, on: bool) -> None:
        """A series has no prerequisites and no first note: those belong to single stages."""
        self.depends.setEnabled(not on)
        self.notes.setEnabled(not on)
        if on and self.repeat is not None:
            self.repeat.follow_start(parse_datetime(self.starts.value()))
            self.repeat.refresh()
        self._grow()

    def _grow(self) -> None:
        """Grow with the 重复 part and its preview (never squeeze them); shrinking is left to the user."""
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))

    def _refresh_repeat(self) -> None:
        if self.repeat is not None and self.repeat.on:
            self.repeat.refresh()

    def accept(self) -> None:
        """A note typed but not yet added is added too (its own undo step) before the stage is saved."""
        if self.thread is not None and self.thread.editor.toPlainText().strip() and not self.thread.submit():
            return
        super().accept()

    def make_command(self) -> Command:
        values = self.values()
        prereqs = self.chosen_prerequisites()
        if self.row is None and self.repeat is not None and self.repeat.on:
            return self._series_command(values)
        if self.row is None:
            return Create(Entity.STAGE, {"project_id": self.project_id, **values, "depends_on": prereqs},
                          text=self.tr("新建环节“{title}”").format(title=values["title"].strip()))
        old = self.row
        current = {
            "title": old.title, "kind": old.kind.value, "adcode": old.adcode, "location": old.location,
            "starts_at": old.starts_at, "ends_at": old.ends_at,
            "time_tbc": old.time_tbc,
        }
        changed = {k: v for k, v in values.items() if v != current[k]}
        steps: list[Command] = []
        if changed:
            steps.append(Update(Entity.STAGE, old.id, changed, expected_version=old.version))
        if changed and self.scope is not None and self.scope.following:
            steps += self._following_steps(changed)
        steps += [RemoveDependency(old.id, d) for d in old.depends_on if d not in prereqs]
        steps += [AddDependency(old.id, d) for d in prereqs if d not in old.depends_on]
        if not steps:
            steps.append(Update(Entity.STAGE, old.id, {"title": values["title"]}, expected_version=old.version))
        if self.scope is not None and self.scope.following:
            return Macro(steps, text=self.tr("修改环节“{title}”及以后各次").format(title=old.title))
        return Macro(steps, text=self.tr("修改环节“{title}”").format(title=old.title))

    def _series_command(self, values: dict[str, Any]) -> Command:
        assert self.repeat is not None
        rule = self.repeat.recurrence().rule()  # a malformed pattern raises here, under 重复
        planned = self.repeat.planned()
        fields = {k: values[k] for k in ("kind", "adcode", "location", "time_tbc")}
        return Create(Entity.SERIES, {"project_id": self.project_id, "title": values["title"], "rule": rule,
                                      "starts_at": values["starts_at"], "ends_at": values["ends_at"], **fields},
                      text=self.tr("新建系列“{title}”（{n} 个环节）").format(title=values["title"].strip(), n=len(planned)))

    def _following_steps(self, changed: dict[str, Any]) -> list[Command]:
        """The same change for the later occurrences: fields as set here, times moved by the same amount."""
        assert self.row is not None
        old = self.row
        shift = {}
        for key in ("starts_at", "ends_at"):
            if key in changed:
                new = parse_datetime(changed[key], field=key)
                before = getattr(old, key)
                if new is None or before is None:
                    shift[key] = new  # set or cleared: the same value for every occurrence
                else:
                    shift[key] = new - before
        steps: list[Command] = []
        for later in series.following(self.ctx.db, old.id)[1:]:
            fields = {k: v for k, v in changed.items() if k in _SERIES_FIELDS}
            for key, value in shift.items():
                current = getattr(later, key)
                if not isinstance(value, timedelta):
                    fields[key] = value
                elif current is not None:
                    fields[key] = current + value
            if fields:
                steps.append(Update(Entity.STAGE, later.id, fields, expected_version=later.version))
        return steps
