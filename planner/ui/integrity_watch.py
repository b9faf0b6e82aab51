"""The full integrity check of the open file, in the background, and what happens when it fails.

A few seconds after a database file is opened (so start-up is not slowed), ``PRAGMA
integrity_check`` runs in a worker on its own read-only connection
(:func:`planner.store.integrity.full_check`). If it finds damage the app stops writing into the
file at once (:meth:`Database.stop_writes`: every later edit gets a one-line "saving has stopped"
message instead of spreading the damage) and offers the latest automatic backup; the user may also
save a copy first. A server database is not checked (the server looks after its own files).

A file the app's start-up opened without the open-time ``quick_check`` (unchanged since this program
closed it cleanly: :mod:`planner.store.clean_close`, :attr:`Database.unchecked`) is checked right after
the window's first paint instead, and damage the open-time check would have found is reported exactly
as that check reports it — the same "cannot open" message, and the app ends without touching the file
(:meth:`IntegrityWatch.report_open_failure`); damage only the full check finds is handled as above.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from planner.domain.errors import PlannerError, WritesStoppedError
from planner.services import files
from planner.store.database import Database, inspect_sqlite
from planner.store.integrity import full_check
from planner.ui.context import AppContext
from planner.ui.first_paint import FirstPaint
from planner.ui.workers import Cancelled, Progress, Worker

#: How long after opening the check starts: after the first paint and the first page's load.
START_DELAY_MS = 3000


class IntegrityWatch(QObject):
    """Checks every database file the window opens; ``damaged(problems)`` fires on a failure."""

    damaged = Signal(list)
    checked = Signal(bool)  # True: healthy
    #: the file the start-up opened unchecked fails the open-time check (the error it would have raised)
    open_failed = Signal(object)

    def __init__(self, ctx: AppContext, window: QWidget, restore, delay_ms: int = START_DELAY_MS) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._restore = restore  # FileActions.restore_from
        self.delay_ms = delay_ms
        self._worker: Worker | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        ctx.database_replaced.connect(self.schedule)

    def schedule(self) -> None:
        """Check the open file a little later (again, if another file was opened meanwhile); a file
        opened without the open-time check right after the window's next paint (or after
        ``delay_ms`` if it is not painted by then)."""
        if self.ctx.db.path is not None and not self.ctx.db.writes_stopped:
            self._timer.start(self.delay_ms)
            if self.ctx.db.unchecked:
                FirstPaint(self.window, lambda: self._timer.start(0))  # once this paint is done

    def pending(self) -> bool:
        """Whether the open file still waits for the check that replaces its open-time check."""
        return self.ctx.db.unchecked and not self.ctx.db.writes_stopped

    def check_now(self) -> None:
        db = self.ctx.db
        if db.path is None or self._worker is not None:
            return
        path = db.path
        unchecked = db.unchecked

        def job(progress: Progress) -> list[str] | PlannerError | None:
            problems = full_check(path, cancelled=lambda: progress.cancelled)
            if problems is None and progress.cancelled:
                raise Cancelled()
            if problems and unchecked:
                try:  # what opening would have said, had it checked: the same error, the same words
                    inspect_sqlite(path)
                except PlannerError as err:
                    return err
            return problems

        worker = Worker(job)
        worker.signals.finished.connect(lambda problems, checked=db: self._on_finished(checked, problems))
        worker.signals.failed.connect(lambda _exc: self._done())
        worker.signals.cancelled.connect(self._done)
        self._worker = worker
        self.ctx.start(worker)

    def _done(self) -> None:
        self._worker = None

    def _on_finished(self, checked: Database, problems: list[str] | PlannerError | None) -> None:
        self._done()
        if not isValid(self):
            return  # the window (and this watch with it) closed while the check ran
        if checked is not self.ctx.db or problems is None:
            return  # another file is open by now (it has its own check), or no verdict
        if isinstance(problems, PlannerError):
            checked.stop_writes(str(problems))
            self.checked.emit(False)
            self.open_failed.emit(problems)
            self.report_open_failure(problems)
            return
        checked.unchecked = False
        if not problems:
            self.checked.emit(True)
            return
        checked.stop_writes("; ".join(problems[:3]))
        self.checked.emit(False)
        self.damaged.emit(problems)
        self.ctx.failed.emit(self.ctx.error_message(WritesStoppedError(path=checked.label)))
        self.offer_restore(checked)

    def report_open_failure(self, err: PlannerError) -> None:
        """The file failed the check it was opened without: say so as opening says it, and end
        the app the way a start-up on that file ends (nothing more is written into it)."""
        from planner.ui.file_actions import report_open_failure

        report_open_failure(self.window, err, self.ctx.lang_code)
        QCoreApplication.exit(1)

    def offer_restore(self, db: Database) -> None:
        """Tell the user, and offer the newest automatic backup in place of the damaged file."""
        latest = files.latest_backup(db)
        title = self.tr("数据库已损坏")
        text = self.tr("完整性检查发现 {path} 已损坏。为免损坏扩大，已停止保存修改。").format(path=db.path)
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=self.window)
        if latest is None:
            box.setInformativeText(self.tr("这个文件还没有自动备份。请先用“文件 ▸ 另存副本”保存现有内容，再请技术人员查看。"))
            box.addButton(QMessageBox.StandardButton.Ok)
            self.ask(box)
            return
        box.setInformativeText(self.tr(
            "最近的自动备份是 {time}（{reason}）。恢复它会失去此后的修改；也可以先“另存副本”保存现有内容。").format(
            time=f"{latest.modified:%Y-%m-%d %H:%M}", reason=latest.reason))
        restore = box.addButton(self.tr("从该备份恢复"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("稍后处理"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        if self.ask(box) is restore:
            self._restore(latest.path)

    def ask(self, box: QMessageBox) -> object:
        """Show ``box`` and return the button pressed (tests answer in place of a person)."""
        box.exec()
        return box.clickedButton()
