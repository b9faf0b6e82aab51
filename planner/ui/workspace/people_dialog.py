"""Choose the people who go on assignments: for one (``PeopleDialog``, one ``SetPeople`` step) or
for many at once (``BulkPeopleDialog``: add or remove the chosen people on every selected task, one
undo step). Both use the people picker (:mod:`.people_picker`); a person can only go on a task
of their own outlet, so each task takes the chosen people of its outlet and ignores the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QWidget

from planner.domain.errors import ValidationError
from planner.domain.rows import OutletRow, PersonRow
from planner.services.assignment_queries import AssignmentListRow
from planner.services.commands import Command, Macro, SetPeople
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.workspace.people_picker import Column, PeoplePicker


class PeopleDialog(FormDialog):
    def __init__(self, ctx: AppContext, assignment_id: uuid.UUID, label: str, people: list[PersonRow],
                 chosen: tuple[uuid.UUID, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("安排人员"), parent)
        self.assignment_id = assignment_id
        self.form.addRow(self.tr("任务"), QLabel(label))
        from planner.ui.schedule.busy import busy_lines

        busy = busy_lines(ctx, [p.id for p in people], assignment_id=assignment_id)
        self.people = self.add_field("person_ids", self.tr("人员"),
                                     PeoplePicker(people, (), ctx.lang_code, show_outlet=False, busy=busy))
        self.people.set_ids(chosen)
        if not people:
            self.form.addRow("", QLabel(self.tr("该单位还没有登记人员 — 请先在“人员”页添加。")))
        self.label = label

    def make_command(self) -> Command:
        return SetPeople(self.assignment_id, self.people.ids(), text=self.tr("安排人员：{task}").format(task=self.label))


class BulkPeopleDialog(FormDialog):
    """People for many tasks: the people of every outlet among them, with how many of the tasks
    each is already on; the chosen ones are added to (or removed from) each task of their outlet."""

    def __init__(self, ctx: AppContext, rows: list[AssignmentListRow], people: Iterable[PersonRow],
                 outlets: Iterable[OutletRow], parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("为 {n} 项任务安排人员").format(n=len(rows)), parent)
        self.rows = rows
        outlet_ids = {r.outlet_id for r in rows}
        staff = [p for p in people if p.outlet_id in outlet_ids]
        self.form.addRow(self.tr("任务"), QLabel(self.tr("{n} 项任务，{m} 家单位").format(n=len(rows), m=len(outlet_ids))))
        self.people = self.add_field("person_ids", self.tr("人员"), PeoplePicker(staff, list(outlets), ctx.lang_code))
        on = {p.id: sum(1 for r in rows if p.id in r.person_ids) for p in staff}
        of = {p.id: sum(1 for r in rows if r.outlet_id == p.outlet_id) for p in staff}
        self.people.model.add_column(Column(self.tr("已安排"), lambda p: f"{on.get(p.id, 0)}/{of.get(p.id, 0)}",
                                            lambda p: self.tr("已在其单位的 {on} 项任务中（共 {of} 项）").format(
                                                on=on.get(p.id, 0), of=of.get(p.id, 0))))
        mode = QWidget()
        box = QHBoxLayout(mode)
        box.setContentsMargins(0, 0, 0, 0)
        self.add_mode = QRadioButton(self.tr("加入所选人员"))
        self.remove_mode = QRadioButton(self.tr("移除所选人员"))
        self.add_mode.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.add_mode, self.remove_mode):
            group.addButton(b)
            box.addWidget(b)
        box.addStretch(1)
        self.form.addRow(self.tr("方式"), mode)
        if not staff:
            self.form.addRow("", QLabel(self.tr("这些单位还没有登记人员 — 请先在“人员”页添加。")))
        self.setMinimumWidth(560)

    def make_command(self) -> Command:
        chosen = set(self.people.ids())
        if not chosen:
            raise ValidationError("empty", field="person_ids", what="人员")
        outlet_of = {p.id: p.outlet_id for p in self.people.model.people()}
        steps: list[Command] = []
        for row in self.rows:
            mine = [pid for pid in chosen if outlet_of.get(pid) == row.outlet_id]
            current = list(row.person_ids)
            if self.add_mode.isChecked():
                wanted = current + [pid for pid in mine if pid not in current]
            else:
                wanted = [pid for pid in current if pid not in chosen]
            if wanted != current:
                steps.append(SetPeople(row.id, wanted))
        if not steps:
            raise ValidationError("nothing_to_change", field="person_ids")
        verb = self.tr("安排人员") if self.add_mode.isChecked() else self.tr("移除人员")
        return Macro(steps, text=self.tr("{verb}：{n} 项任务").format(verb=verb, n=len(steps)))
