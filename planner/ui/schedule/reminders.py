"""Desktop reminders before deadlines, while the app runs (system tray notifications).

:class:`DeadlineReminder` reads the open deadlines of the coming hours on the database thread, asks
the pure :func:`planner.services.agenda.plan_reminders` what to announce now and when to look
again, and sleeps until then (at most five minutes, so a deadline another desk set meanwhile is
not missed). Its clock is injectable: tests drive it with a fake one. Each deadline is announced
once per run. Where the desktop has no tray, the main window's message bar carries the reminder.

The lead time and which deadlines count (this desk's outlet's, or all) are per-user preferences
(:class:`ReminderPrefs`), set on the 到期 tab.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain.timefmt import PLAN_TZ
from planner.ui import prefs
from planner.ui.workers import Worker

if TYPE_CHECKING:  # imported when the first check runs, after the window's first paint
    from planner.services import agenda as agenda_service

#: Lead times offered (minutes; 0 = off).
LEAD_CHOICES = (0, 15, 30, 60, 120, 24 * 60)
DEFAULT_LEAD = 30
#: How far ahead one read looks beyond the lead time, and the longest sleep between reads.
HORIZON = timedelta(hours=6)
MAX_SLEEP = timedelta(minutes=5)


class ReminderPrefs(QObject):
    """The reminder preferences of this user, with a signal when they change."""

    changed = Signal()
    next_changed = Signal(str)  # a line for the 到期 tab: when the next reminder falls

    def __init__(self) -> None:
        super().__init__()
        self.next_text = ""

    @property
    def lead_minutes(self) -> int:
        try:
            value = int(prefs.store().value("reminders/lead_minutes", DEFAULT_LEAD))
        except (TypeError, ValueError):
            value = DEFAULT_LEAD
        return value if value in LEAD_CHOICES else DEFAULT_LEAD

    def set_lead_minutes(self, minutes: int) -> None:
        s = prefs.store()
        s.setValue("reminders/lead_minutes", int(minutes))
        s.sync()
        self.changed.emit()

    @property
    def scope(self) -> str:
        value = str(prefs.store().value("reminders/scope", "desk"))
        return value if value in ("desk", "all") else "desk"

    def set_scope(self, scope: str) -> None:
        s = prefs.store()
        s.setValue("reminders/scope", scope if scope in ("desk", "all") else "desk")
        s.sync()
        self.changed.emit()

    def set_next_text(self, text: str) -> None:
        self.next_text = text
        self.next_changed.emit(text)


_prefs: ReminderPrefs | None = None


def reminder_prefs() -> ReminderPrefs:
    global _prefs
    if _prefs is None:
        _prefs = ReminderPrefs()
    return _prefs


class DeadlineReminder(QObject):
    """Announces deadlines ``lead`` before they fall; ``reminded`` carries what to show."""

    reminded = Signal(object)  # tuple[Upcoming, ...]

    def __init__(self, ctx: Any, parent: QObject | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock or (lambda: datetime.now(UTC))
        self.notified: set[uuid.UUID] = set()
        self.next_at: datetime | None = None
        self._worker: Worker | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.prefs = reminder_prefs()
        self.prefs.changed.connect(self.check)
        ctx.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self._on_database_replaced)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    @property
    def lead(self) -> timedelta:
        return timedelta(minutes=self.prefs.lead_minutes)

    def _outlet(self) -> uuid.UUID | None:
        if self.prefs.scope != "desk":
            return None
        return self.ctx.db.desk_outlet_id  # the signed-in account's outlet on a shared server

    def check(self) -> None:
        """Read what falls due soon and announce what is inside the lead time (on the database thread)."""
        if self._worker is not None:
            self._again = True
            return
        self._timer.stop()
        if self.lead <= timedelta(0):
            self.next_at = None
            self.prefs.set_next_text(self.tr("桌面提醒已关闭。"))
            return
        from planner.services import agenda as agenda_service

        now, lead, db, outlet = self.clock(), self.lead, self.ctx.db, self._outlet()
        worker = Worker(lambda _p: (now, agenda_service.upcoming_deadlines(db, now, now + lead + HORIZON, outlet_id=outlet)))
        worker.signals.finished.connect(self._on_read)
        worker.signals.failed.connect(self._done)
        worker.signals.cancelled.connect(self._done)
        self._worker = worker
        self.ctx.start(worker, database=True)

    def _done(self, *_args: Any) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self.check()

    def _on_read(self, result: tuple[datetime, list[agenda_service.Upcoming]]) -> None:
        from planner.services import agenda as agenda_service

        now, rows = result
        plan = agenda_service.plan_reminders(rows, now, self.lead, self.notified)
        self.notified = {a for a in self.notified if any(r.assignment_id == a for r in rows)} | {
            d.assignment_id for d in plan.fire}
        if plan.fire:
            self.reminded.emit(plan.fire)
        self.next_at = plan.next_at
        sleep = MAX_SLEEP if plan.next_at is None else max(timedelta(seconds=1), min(MAX_SLEEP, plan.next_at - now))
        self._timer.start(int(sleep.total_seconds() * 1000))
        if plan.next_at is not None:
            t = plan.next_at.astimezone(PLAN_TZ)
            self.prefs.set_next_text(self.tr("下一次提醒：{m}月{d}日 {hm}").format(m=t.month, d=t.day, hm=f"{t:%H:%M}"))
        else:
            self.prefs.set_next_text(self.tr("未来 {h} 小时内没有需要提醒的截稿。").format(
                h=int((self.lead + HORIZON).total_seconds() // 3600)))
        self._done()

    def _on_changed(self, changes: Any) -> None:
        from planner.domain.enums import Entity

        if changes.empty or changes.touches(Entity.ASSIGNMENT, Entity.STAGE, Entity.SETTING):
            self._timer.start(500)

    def _on_database_replaced(self) -> None:
        self.notified.clear()
        self._timer.start(500)

    def stop(self) -> None:
        self._timer.stop()

    # -- text ----------------------------------------------------------------------------------
    def message(self, items: tuple[agenda_service.Upcoming, ...], lang: str) -> tuple[str, str]:
        """(title, body) of one notification for ``items`` (the first three named, the rest counted)."""
        now = self.clock()
        first = items[0]
        minutes = max(1, int((first.due_at - now).total_seconds() // 60))
        if len(items) == 1:
            title = self.tr("{m} 分钟后截稿").format(m=minutes)
        else:
            title = self.tr("{n} 项任务即将截稿").format(n=len(items))
        lines = []
        for u in items[:3]:
            t = u.due_at.astimezone(PLAN_TZ)
            lines.append(f"{t:%H:%M} {u.stage_title} · {u.outlet} · {u.format.label(lang)}")
        if len(items) > 3:
            lines.append(self.tr("…… 另有 {n} 项").format(n=len(items) - 3))
        return title, "\n".join(lines)


    def one_line(self, items: tuple[agenda_service.Upcoming, ...], lang: str) -> str:
        """The notification as one line, for the message bar where there is no tray."""
        title, body = self.message(items, lang)
        return self.tr("{title}：{body}").format(title=title, body=self.tr("；").join(body.splitlines()))


__all__ = ["DEFAULT_LEAD", "LEAD_CHOICES", "DeadlineReminder", "ReminderPrefs", "reminder_prefs"]
