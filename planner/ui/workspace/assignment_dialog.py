"""Add or edit one assignment (报道任务) of a stage and outlet: role, format, status (with the reason
a step back, a decline or a cancellation needs), deadline, brief and the people who go.

An edit is one undo step: field changes, the status move and the people go into one ``Macro``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from planner.domain.enums import Entity, Format, Role, Status
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, StageRow
from planner.domain.rules import allowed_targets
from planner.services.commands import Command, Create, Macro, SetPeople, SetStatus, Update
from planner.ui.context import AppContext
from planner.ui.dates import DateTimeField
from planner.ui.directory.form_dialog import FormDialog
from planner.ui.workspace.people_picker import PeoplePicker


class AssignmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, stage: StageRow, outlet: OutletRow, people: list[PersonRow],
                 row: AssignmentRow | None = None, parent: QWidget | None = None,
                 role: Role | None = None, format: Format | None = None) -> None:
        super().__init__(ctx, self.tr("编辑任务") if row else self.tr("新建任务"), parent)
        lang = ctx.lang_code
        self.stage, self.outlet, self.row = stage, outlet, row
        where = QLabel(f"<b>{stage.title}</b> × <b>{outlet.name}</b>")
        self.form.addRow(self.tr("环节 × 单位"), where)
        self.role = self.add_field("role", self.tr("角色"), QComboBox())
        for r in Role:
            self.role.addItem(r.label(lang), r.value)
        self.format = self.add_field("format", self.tr("形式"), QComboBox())
        for f in Format:
            can = not outlet.formats or f in outlet.formats
            self.format.addItem(f.label(lang) + ("" if can else self.tr("（该单位不具备）")), f.value)
        self.status = self.add_field("status", self.tr("状态"), QComboBox())
        current = row.status if row else Status.PLANNED
        choices = [current, *allowed_targets(current)] if row else list(Status)
        for s in choices:
            self.status.addItem(s.label(lang), s.value)
        self.reason = self.add_field("reason", self.tr("原因"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("退回、婉拒、取消或重新启用时必填"))
        self.due = self.add_field("due_at", self.tr("截稿时间"), DateTimeField())
        self.due.set_default(stage.ends_at)
        self.brief = self.add_field("brief", self.tr("任务说明"), QPlainTextEdit())
        self.brief.setFixedHeight(70)
        from planner.ui.schedule.busy import busy_lines

        busy = busy_lines(ctx, [p.id for p in people], stage_id=stage.id)  # who is busy or away then, and why
        self.people = self.add_field("person_ids", self.tr("人员"),
                                     PeoplePicker(people, (), lang, show_outlet=False, busy=busy))
        if not people:
            self.people.setToolTip(self.tr("该单位还没有登记人员"))
        self._add_notes(ctx, stage, outlet, row)
        if row is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(row.role.value)))
            self.format.setCurrentIndex(max(0, self.format.findData(row.format.value)))
            self.status.setCurrentIndex(0)
            self.reason.setText(row.reason)
            self.due.set_value(row.due_at)
            self.brief.setPlainText(row.brief)
            self.people.set_ids(row.person_ids)
        else:
            self.role.setCurrentIndex(max(0, self.role.findData((role or Role.SUPPORT).value)))
            first = format or next((f for f in Format if not outlet.formats or f in outlet.formats), Format.TEXT)
            self.format.setCurrentIndex(max(0, self.format.findData(first.value)))
            self.due.set_value(stage.ends_at)

    def _add_notes(self, ctx: AppContext, stage: StageRow, outlet: OutletRow, row: AssignmentRow | None) -> None:
        """A new task's 备注 is the first note of its thread; an existing task shows its thread."""
        from planner.ui.notes.thread import NotesThread

        self.thread: NotesThread | None = None
        self.first_note: QPlainTextEdit | None = None
        if row is None:
            self.first_note = self.add_field("notes", self.tr("备注"), QPlainTextEdit())
            self.first_note.setFixedHeight(60)
            self.first_note.setPlaceholderText(self.tr("第一条备注（可不填）"))
        else:
            title = f"{stage.title} · {outlet.display_name}"
            self.thread = self.add_field("notes", self.tr("备注"), NotesThread(ctx, assignment_id=row.id, title=title))
            self.thread.setMinimumHeight(190)  # three short notes and the editor; the dialog fits 1366×768

    def accept(self) -> None:
        """A note typed but not yet added is added too (its own undo step) before the task is saved."""
        if self.thread is not None and self.thread.editor.toPlainText().strip() and not self.thread.submit():
            return
        super().accept()

    def make_command(self) -> Command:
        values = {
            "role": self.role.currentData(),
            "format": self.format.currentData(),
            "due_at": self.due.value(),
            "brief": self.brief.toPlainText(),
        }
        status = Status(self.status.currentData())
        people = self.people.ids()
        if self.row is None:
            label = self.tr("安排{outlet}报道“{stage}”").format(outlet=self.outlet.display_name, stage=self.stage.title)
            first = self.first_note.toPlainText().strip() if self.first_note is not None else ""
            return Create(Entity.ASSIGNMENT, {"stage_id": self.stage.id, "outlet_id": self.outlet.id, **values,
                                              "status": status.value, "person_ids": people,
                                              **({"notes": first} if first else {})}, text=label)
        old = self.row
        current = {"role": old.role.value, "format": old.format.value, "due_at": old.due_at, "brief": old.brief}
        changed = {k: v for k, v in values.items() if v != current[k]}
        steps: list[Command] = []
        if changed:
            steps.append(Update(Entity.ASSIGNMENT, old.id, changed, expected_version=old.version))
        if status != old.status:
            steps.append(SetStatus([old.id], status, reason=self.reason.text()))
        if set(people) != set(old.person_ids):
            steps.append(SetPeople(old.id, people))
        if not steps:
            steps.append(Update(Entity.ASSIGNMENT, old.id, {"brief": values["brief"]}, expected_version=old.version))
        label = self.tr("修改任务：{outlet} · {stage}").format(outlet=self.outlet.display_name, stage=self.stage.title)
        return Macro(steps, text=label)


def new_assignment_defaults(cells_roles: list[Role]) -> Role:
    """A stage's first outlet leads; later ones support."""
    return Role.SUPPORT if Role.LEAD in cells_roles else Role.LEAD


__all__ = ["AssignmentDialog", "new_assignment_defaults"]
