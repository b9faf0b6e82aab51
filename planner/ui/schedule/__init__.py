"""The desk's day: the 日程 page (schedules, what is due), due counts in the status bar and deadline
reminders in the system tray.

The main window adds the page to its left bar and calls :func:`install` once; everything else of
this feature lives in this package (page, calendar view and painter, due tab, absence dialogs,
printing, reminders).

The page itself (``planner.ui.schedule.SchedulePage``) is imported when first asked for: the main
window builds it on first visit, and start-up only needs the status-bar counts and reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSystemTrayIcon, QWidget

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.ui.schedule.reminders import DeadlineReminder, reminder_prefs
from planner.ui.workers import Worker

if TYPE_CHECKING:  # the agenda is imported when the counts are first read, after the first paint
    from planner.domain.agenda import DueView
    from planner.ui.schedule.page import SchedulePage


class DueStatus(QLabel):
    """``今天到期 3 · 已逾期 1`` in the status bar (this desk's outlet when one is set); a click opens the list."""

    activated = Signal(object)  # the DueView to show

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock or (lambda: datetime.now(UTC))
        self.counts: dict[DueView, int] = {}
        self.desk = False
        self._worker: Worker | None = None
        self._again = False
        self._stopped = False
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("点击查看到期与逾期的任务"))
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(300)
        self._soon.timeout.connect(self.refresh)
        ctx.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self._soon.start)
        reminder_prefs().changed.connect(self._soon.start)

    def start(self) -> None:
        self._timer.start()
        self._soon.start()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._soon.stop()

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _outlet(self) -> Any:
        from planner.ui.schedule.due_tab import desk_outlet

        return desk_outlet(self.ctx) if reminder_prefs().scope == "desk" else None

    def refresh(self) -> None:
        if self._stopped:
            return
        if self._worker is not None:
            self._again = True
            return
        from planner.services import agenda as agenda_service

        db, now, outlet = self.ctx.db, self.clock(), self._outlet()
        worker = Worker(lambda _p: (outlet is not None, agenda_service.due_counts(db, now, outlet_id=outlet)))
        worker.signals.finished.connect(self._on_counts)
        worker.signals.failed.connect(self._on_no_counts)
        worker.signals.cancelled.connect(self._on_no_counts)
        self._worker = worker
        self.ctx.start(worker, database=True)

    def _on_no_counts(self, *_args: Any) -> None:
        self._on_counts(None)

    def _on_counts(self, result: tuple[bool, dict[DueView, int]] | None) -> None:
        from planner.domain.agenda import DueView

        self._worker = None
        if result is not None:
            self.desk, self.counts = result
            today, overdue = self.counts.get(DueView.TODAY, 0), self.counts.get(DueView.OVERDUE, 0)
            text = self.tr("今天到期 {today} · 已逾期 {overdue}").format(today=today, overdue=overdue)
            if self.desk:
                text = self.tr("本席位：") + text
            self.setText(text)
            self.setStyleSheet("color: #b3261e; font-weight: 600;" if overdue else "")
        if self._again:
            self._again = False
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(Entity.ASSIGNMENT, Entity.STAGE, Entity.SETTING):
            self._soon.start()

    def mousePressEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            from planner.domain.agenda import DueView

            overdue = self.counts.get(DueView.OVERDUE, 0)
            self.activated.emit(DueView.OVERDUE if overdue else DueView.TODAY)


class _CloseWatcher(QObject):
    """Stops the timers when the window closes (the database is closed right after)."""

    def __init__(self, window: QWidget, stop: Callable[[], None]) -> None:
        super().__init__(window)
        self._stop = stop
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._stop()
        return False


def _due_view(name: str) -> DueView:
    from planner.domain.agenda import DueView

    return DueView[name]


def install(window: Any) -> None:
    """Give the main window its due counts, deadline reminders and tray icon.

    ``window`` needs ``ctx``, ``statusBar()``, ``show_page(key)`` and ``message_bar`` (the main window).
    """
    ctx = window.ctx
    status = DueStatus(ctx, window)
    window.statusBar().addPermanentWidget(status)
    reminder = DeadlineReminder(ctx, window)
    tray: QSystemTrayIcon | None = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = QSystemTrayIcon(window.windowIcon() if not window.windowIcon().isNull() else
                               window.style().standardIcon(window.style().StandardPixmap.SP_FileDialogInfoView), window)
        tray.setToolTip(window.tr("联合报道策划"))
        tray.show()

    def open_due(view: DueView | None = None) -> None:
        from planner.domain.agenda import DueView

        page = window.show_page("schedule")
        page.show_due()
        if view is not None:
            page.due_tab.show_view(DueView.DESK if status.desk and view is not DueView.OVERDUE else view)
        window.raise_()
        window.activateWindow()

    def announce(items: tuple) -> None:
        title, body = reminder.message(items, ctx.lang_code)
        if tray is not None and tray.supportsMessages():
            tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            window.message_bar.show_message(reminder.one_line(items, ctx.lang_code), 30_000, error=False)

    status.activated.connect(open_due)
    reminder.reminded.connect(announce)
    if tray is not None:
        tray.messageClicked.connect(lambda: open_due(_due_view("TODAY")))
        tray.activated.connect(lambda _reason: open_due())

    def stop() -> None:
        status.stop()
        reminder.stop()
        if tray is not None:
            tray.hide()

    _CloseWatcher(window, stop)
    window.due_status, window.reminder, window.tray = status, reminder, tray
    status.start()
    QTimer.singleShot(1500, reminder.check)  # after the first paint


__all__ = ["DueStatus", "SchedulePage", "install"]


def __getattr__(name: str) -> Any:
    if name != "SchedulePage":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from planner.ui.schedule.page import SchedulePage

    return SchedulePage
