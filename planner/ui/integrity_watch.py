"""The full integrity check of the open file, in the background, and what happens when it fails.

A few seconds after a database file is opened (so start-up is not slowed), ``PRAGMA
integrity_check`` runs in a worker on its own read-only connection
(:func:`planner.store.integrity.full_check`). If it finds damage the app stops writing into the
file at once (:meth:`Database.stop_writes`: every later edit gets a one-line "saving has stopped"
message instead of spreading the damage) and offers the latest automatic backup; the user may also
save a copy first. A server database is not checked (the server looks after its own files).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from planner.domain.errors import WritesStoppedError
from planner.services import files
from planner.store.database import Database
from planner.store.integrity import full_check
from planner.ui.context import AppContext
from planner.ui.workers import Cancelled, Progress, Worker

#: How long after opening the check starts: after the first paint and the first page's load.
START_DELAY_MS = 3000


class IntegrityWatch(QObject):
    """Checks every database file the window opens; ``damaged(problems)`` fires on a failure."""

    damaged = Signal(list)
    checked = Signal(bool)  # True: healthy

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
        """Check the open file a little later (again, if another file was opened meanwhile)."""
        if self.ctx.db.path is not None and not self.ctx.db.writes_stopped:
            self._timer.start(self.delay_ms)

    def check_now(self) -> None:
        db = self.ctx.db
        if db.path is None or self._worker is not None:
            return
        path = db.path

        def job(progress: Progress) -> list[str] | None:
            problems = full_check(path, cancelled=lambda: progress.cancelled)
            if problems is None and progress.cancelled:
                raise Cancelled()
            return problems

        worker = Worker(job)
        worker.signals.finished.connect(lambda problems, checked=db: self._on_finished(checked, problems))
        worker.signals.failed.connect(lambda _exc: self._done())
        worker.signals.cancelled.connect(self._done)
        self._worker = worker
        self.ctx.start(worker)

    def _done(self) -> None:
        self._worker = None

    def _on_finished(self, checked: Database, problems: list[str] | None) -> None:
        self._done()
        if not isValid(self):
            return  # the window (and this watch with it) closed while the check ran
        if checked is not self.ctx.db or problems is None:
            return  # another file is open by now (it has its own check), or no verdict
        if not problems:
            self.checked.emit(True)
            return
        checked.stop_writes("; ".join(problems[:3]))
        self.checked.emit(False)
        self.damaged.emit(problems)
        self.ctx.failed.emit(self.ctx.error_message(WritesStoppedError(path=checked.label)))
        self.offer_restore(checked)

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
