"""What the 日程 page does with its items: a drag on the calendar becomes one undoable
:class:`~planner.services.reschedule.Reschedule`, a double-click opens the stage, the assignment or
the absence, and the 不在岗 and printing menus' actions.

:class:`ScheduleEdits` is mixed into :class:`planner.ui.schedule.page.SchedulePage` (its strings are
translated in the page's context as well as its own: PySide looks a ``tr`` up along the class's MRO).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain.agenda import AgendaItem, ItemKind, Scope, ScopeKind
from planner.domain.enums import Entity
from planner.domain.errors import PlannerError
from planner.domain.timefmt import PLAN_TZ
from planner.services.reschedule import Reschedule, TimeEdit, stage_move_edits
from planner.ui.notify import notify
from planner.ui.schedule.layout import local
from planner.ui.server.gates import refuse_reschedule

if TYPE_CHECKING:
    from planner.ui.context import AppContext


class ScheduleEdits:
    """The page's actions on items, absences and printing (a mixin of the page: it owns ``ctx``,
    ``scope``, ``choices``, ``clock`` and the methods named below)."""

    ctx: AppContext
    scope: Scope | None
    choices: dict[ScopeKind, list[tuple[str, uuid.UUID]]]
    clock: Callable[[], datetime]
    # and, of the page:
    reload: Callable[[], None]
    show_date: Callable[..., None]
    window_range: Callable[[], tuple[date, int]]
    tr: Callable[[str], str]

    def _on_reschedule(self, item: AgendaItem, start: datetime, end: datetime, part: str) -> None:
        """One drag → one undoable command (validated by the service; an error leaves all as it was)."""
        if refuse_reschedule(self.ctx, item.project_id):  # a shared server's role: moving is planning
            self.reload()
            return
        try:
            if item.kind is ItemKind.DEADLINE:
                edits = [TimeEdit(Entity.ASSIGNMENT, d.assignment_id, {"due_at": start}, d.version) for d in item.deadlines]
                text = self.tr("移动截稿时间：{title}").format(title=item.title)
            else:
                assert item.stage_id is not None
                carry = part == "move"
                edits = stage_move_edits(self.ctx.db, item.stage_id, starts_at=start,
                                         ends_at=None if item.open_end and part == "move" else end,
                                         expected_version=item.stage_version, carry_deadlines=carry)
                text = (self.tr("移动环节：{title}") if carry else self.tr("调整环节时间：{title}")).format(title=item.title)
        except PlannerError as err:
            self.ctx.failed.emit(self.ctx.error_message(err))
            self.reload()
            return
        changes = self.ctx.push(Reschedule(edits, text=text))
        if changes is None:
            self.reload()  # refused: show the item where it really is
            return
        s = local(start)
        moved = sum(1 for e in edits if e.entity is Entity.ASSIGNMENT) if item.kind is ItemKind.STAGE else 0
        when = self.tr("{m}月{d}日 {hm}").format(m=s.month, d=s.day, hm=f"{s:%H:%M}")
        message = self.tr("“{title}”已改到 {when}。").format(title=item.title, when=when)
        if moved:
            message += self.tr("其 {n} 个未完成任务的截稿时间随之移动。").format(n=moved)
        notify(self.ctx, self, message + self.tr("（Ctrl+Z 撤销）"))

    def _on_item_activated(self, item: AgendaItem) -> None:
        if item.kind is ItemKind.AWAY and item.availability_id is not None:
            self.edit_absence(item.availability_id)
        elif item.kind is ItemKind.DEADLINE and item.deadlines:
            self.ctx.navigate_requested.emit("assignment", item.deadlines[0].assignment_id)
        elif item.stage_id is not None:
            self.ctx.navigate_requested.emit("stage", item.stage_id)

    def _on_day_requested(self, day: date) -> None:
        self.show_date(day, "day")

    # -- absences ------------------------------------------------------------------------------
    def _scope_person(self) -> uuid.UUID | None:
        return self.scope.id if self.scope is not None and self.scope.kind is ScopeKind.PERSON else None

    def add_absence(self) -> None:
        from planner.ui.schedule.availability_dialog import AvailabilityDialog

        first, _days = self.window_range()
        AvailabilityDialog(self.ctx, self.choices.get(ScopeKind.PERSON, []), person_id=self._scope_person(),
                           day=max(first, self.clock().astimezone(PLAN_TZ).date()), parent=self).exec()

    def edit_absence(self, availability_id: uuid.UUID) -> None:
        from planner.services.availability import get_availability
        from planner.ui.schedule.availability_dialog import AvailabilityDialog

        try:
            row = get_availability(self.ctx.db, availability_id)
        except PlannerError as err:
            self.ctx.failed.emit(self.ctx.error_message(err))
            return
        AvailabilityDialog(self.ctx, self.choices.get(ScopeKind.PERSON, []), row=row, parent=self).exec()

    def list_absences(self) -> None:
        from planner.ui.schedule.availability_dialog import AvailabilityListDialog

        AvailabilityListDialog(self.ctx, self.choices.get(ScopeKind.PERSON, []), person_id=self._scope_person(),
                               parent=self).exec()

    def import_absences(self) -> None:
        from planner.ui.schedule.availability_dialog import import_absences

        import_absences(self.ctx, self)

    # -- printing ------------------------------------------------------------------------------
    def print_week(self) -> None:
        from planner.ui.schedule.printing import print_week

        print_week(self)

    def export_pdf(self, path: str | None = None) -> None:
        from planner.ui.schedule.printing import export_week_pdf

        export_week_pdf(self, path)
