"""Running one export in the background: a :class:`Worker` on the database thread, a
``QProgressDialog`` with cancel, and the offer to open the result when it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.domain.errors import PlannerError
from planner.ui.context import AppContext
from planner.ui.workers import Worker


class ExportRunner(QObject):
    """Runs ``job(progress)`` (a call into :mod:`planner.services.exports`) and reports the outcome."""

    finished = Signal(object)  # the path(s) written
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    #: whether to ask "open it now?" after success (tests switch it off)
    ask_to_open = True

    def __init__(self, ctx: AppContext, parent: QWidget, job: Callable[[Any], Any], title: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.worker = Worker(job)
        self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("正在导出"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._on_dialog_canceled)
        s = self.worker.signals
        s.progressed.connect(self._on_worker_progressed)
        s.finished.connect(self._on_worker_finished)
        s.failed.connect(self._on_worker_failed)
        s.cancelled.connect(self._on_worker_cancelled)

    def start(self) -> None:
        self.ctx.start(self.worker, database=True)

    def cancel(self) -> None:
        self.worker.progress.cancel()

    # -- slots -----------------------------------------------------------------------------------
    def _on_dialog_canceled(self) -> None:
        self.dialog.setLabelText(self.tr("正在取消…"))
        self.worker.progress.cancel()

    def _on_worker_progressed(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if text:
            self.dialog.setLabelText(text)

    def _on_worker_finished(self, result: Any) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit(result)
        if self.ask_to_open:
            self.offer_to_open(result)

    def _on_worker_failed(self, exc: Exception) -> None:
        self.dialog.reset()
        self.dialog.hide()
        message = self.ctx.error_message(exc) if isinstance(exc, PlannerError) else f"{type(exc).__name__}: {exc}"
        self.failed.emit(message)

    def _on_worker_cancelled(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.cancelled.emit()

    def offer_to_open(self, result: Any) -> None:
        paths = [Path(p) for p in (result if isinstance(result, list | tuple) else [result])]
        if not paths:
            return
        target = paths[0] if len(paths) == 1 else paths[0].parent
        if len(paths) == 1:
            text = self.tr("已导出：") + f"\n{target}\n\n" + self.tr("现在打开吗？")
        else:
            text = self.tr("已导出 %n 个文件到：", "", len(paths)) + f"\n{target}\n\n" + self.tr("现在打开文件夹吗？")
        answer = QMessageBox.question(self._parent, self.tr("导出完成"), text)
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
