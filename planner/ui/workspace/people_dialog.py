"""Choose the people of an assignment's outlet who go (one ``SetPeople`` step)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QLabel, QWidget

from planner.domain.rows import PersonRow
from planner.services.commands import Command, SetPeople
from planner.ui.context import AppContext
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.workspace.widgets import PeopleChecks


class PeopleDialog(FormDialog):
    def __init__(self, ctx: AppContext, assignment_id: uuid.UUID, label: str, people: list[PersonRow],
                 chosen: tuple[uuid.UUID, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("安排人员"), parent)
        self.assignment_id = assignment_id
        self.form.addRow(self.tr("任务"), QLabel(label))
        from planner.ui.schedule.busy import busy_lines

        busy = busy_lines(ctx, [p.id for p in people], assignment_id=assignment_id)
        self.people = self.add_field("person_ids", self.tr("人员"), PeopleChecks(people, ctx.lang_code, busy=busy))
        self.people.set_ids(chosen)
        if not people:
            self.form.addRow("", QLabel(self.tr("该单位还没有登记人员 — 请先在“人员”页添加。")))
        self.label = label

    def make_command(self) -> Command:
        return SetPeople(self.assignment_id, self.people.ids(), text=self.tr("安排人员：{task}").format(task=self.label))
