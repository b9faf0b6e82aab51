"""Import outlets from a CSV/XLSX sheet, off the GUI thread: check first (dry run), show the rows
with problems, then import the good rows after an automatic backup. Bulk imports are not undoable;
the backup is the way back (File ▸ Restore from automatic backup).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError
from planner.services import files
from planner.services.importing import ImportReport, import_outlets
from planner.ui.context import AppContext
from planner.ui.notify import notify
from planner.ui.workers import Worker

MAX_SHOWN = 15


class OutletImport(QObject):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.path = ""
        self.worker: Worker | None = None
        self.progress: QProgressDialog | None = None
        self.last_report: ImportReport | None = None

    def choose_and_check(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("导入媒体单位"), "",
                                              self.tr("表格 (*.csv *.xlsx)"))
        if path:
            self.check(path)

    def _busy(self, text: str, cancellable: bool) -> None:
        self.progress = QProgressDialog(text, self.tr("取消") if cancellable else "", 0, 0, self.parent_widget)
        if not cancellable:
            self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(200)
        self.progress.canceled.connect(self._on_cancel)

    def _on_cancel(self) -> None:
        if self.worker is not None:
            self.worker.progress.cancel()
            self.worker = None  # its result is ignored

    def _start(self, fn: Any, done: Any) -> Worker:
        worker = Worker(fn)
        self.worker = worker
        worker.signals.finished.connect(lambda result: self._finish(worker, done, result))
        worker.signals.failed.connect(lambda exc: self._finish(worker, self._on_failed, exc))
        self.ctx.start(worker, database=True)
        return worker

    def _finish(self, worker: Worker, handler: Any, value: Any) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        if worker is not self.worker:
            return  # cancelled
        self.worker = None
        handler(value)

    # -- steps ---------------------------------------------------------------------------------
    def check(self, path: str) -> Worker:
        """Step 1: read and validate every row without writing."""
        self.path = path
        self._busy(self.tr("正在检查 {path}…").format(path=path), cancellable=True)
        db, lang = self.ctx.db, self.ctx.lang_code
        return self._start(lambda _p: import_outlets(db, path, dry_run=True, partial=True, lang=lang), self._on_checked)

    def _on_checked(self, report: ImportReport) -> None:
        self.last_report = report
        lines = [self.tr("共 {rows} 行，可导入 {good} 家媒体单位。").format(rows=report.rows, good=report.created)]
        if report.problems:
            lines.append(self.tr("{n} 行有问题，将被跳过：").format(n=len(report.problems)))
            lines += [self.tr("第 {line} 行：{text}").format(line=n, text=t) for n, t in report.problems[:MAX_SHOWN]]
            if len(report.problems) > MAX_SHOWN:
                lines.append("…")
        if report.created == 0:
            QMessageBox.warning(self.parent_widget, self.tr("导入媒体单位"), "\n".join(lines))
            return
        lines.append(self.tr("导入前会自动备份数据库；导入本身不能撤销。继续吗？"))
        answer = QMessageBox.question(self.parent_widget, self.tr("导入媒体单位"), "\n".join(lines))
        if answer == QMessageBox.StandardButton.Yes:
            self.run_import()

    def run_import(self) -> Worker:
        """Step 2: back up, then write the good rows in one transaction."""
        self._busy(self.tr("正在导入…"), cancellable=False)
        db, lang, path = self.ctx.db, self.ctx.lang_code, self.path

        def job(_progress: Any) -> ImportReport:
            files.backup_now(db, "before-import")
            return import_outlets(db, path, partial=True, lang=lang)

        return self._start(job, self._on_imported)

    def _on_imported(self, report: ImportReport) -> None:
        self.last_report = report
        self.ctx.changed.emit(report.changes or Changes())
        notify(self.ctx, self.parent_widget, self.tr("已导入 {n} 家媒体单位。").format(n=report.created))

    def _on_failed(self, exc: BaseException) -> None:
        text = self.ctx.error_message(exc) if isinstance(exc, PlannerError) else str(exc)
        QMessageBox.critical(self.parent_widget, self.tr("导入媒体单位"), text)
