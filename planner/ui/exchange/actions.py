"""File-menu actions for exchange: export/import plan bundles, calendars and assignment tables.

Exports run on the database worker thread and are written atomically; importing reads and checks
the bundle and previews the merge on that thread too (with a progress dialog that can cancel),
shows the conflict screen when both desks changed the same fields, and merges in one transaction
there (nothing is written if anything is wrong; the file is backed up first).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError
from planner.ui.context import AppContext
from planner.ui.workers import Worker


class ExchangeActions:
    """Owns the exchange actions of one window."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.actions: list[QAction] = []

    def install(self, menu: QMenu) -> list[QAction]:
        specs = [
            (QCoreApplication.translate("ExchangeActions", "导出计划…"), self.export_bundle),
            (QCoreApplication.translate("ExchangeActions", "导入计划…"), self.import_bundle),
            (QCoreApplication.translate("ExchangeActions", "导出日历（.ics）…"), self.export_ics),
            (QCoreApplication.translate("ExchangeActions", "导出任务表（CSV/XLSX）…"), self.export_table),
        ]
        for text, slot in specs:
            action = QAction(text, self.parent)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            self.actions.append(action)
        return self.actions

    # -- helpers --------------------------------------------------------------------------------
    def _pick_project(self) -> Any:
        from planner.services.queries import list_projects

        projects = [p.project for p in list_projects(self.ctx.db)]
        if not projects:
            QMessageBox.information(
                self.parent,
                QCoreApplication.translate("ExchangeActions", "导出"),
                QCoreApplication.translate("ExchangeActions", "还没有项目。"),
            )
            return None
        labels = [f"{p.title}（{p.code}）" if p.code else p.title for p in projects]
        label, ok = QInputDialog.getItem(
            self.parent,
            QCoreApplication.translate("ExchangeActions", "选择项目"),
            QCoreApplication.translate("ExchangeActions", "项目："),
            labels,
            0,
            False,
        )
        return projects[labels.index(label)] if ok else None

    def _error(self, err: BaseException) -> None:
        text = self.ctx.error_message(err) if isinstance(err, PlannerError) else str(err)
        QMessageBox.warning(self.parent, QCoreApplication.translate("ExchangeActions", "操作失败"), text)

    def _target(self, project_id: uuid.UUID | None, path: str | None, title: str, filters: str,
                suffixes: tuple[str, ...]) -> tuple[uuid.UUID, str] | None:
        """The project (asked for if not given) and the file to write (asked for if not given; the
        first of ``suffixes`` is added when the name has none of them). ``None``: the user cancelled."""
        if project_id is None:
            project = self._pick_project()
            if project is None:
                return None
            project_id = project.id
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.parent, title, "", filters)
            if not path:
                return None
            if Path(path).suffix.lower() not in suffixes:
                path += suffixes[0]
        return project_id, path

    def _run_export(self, fn: Any, path: str, *args: Any) -> Worker:
        worker = Worker(lambda _progress: fn(*args))
        worker.signals.finished.connect(
            lambda _result: QMessageBox.information(
                self.parent,
                QCoreApplication.translate("ExchangeActions", "已导出"),
                QCoreApplication.translate("ExchangeActions", "已保存到 %1").replace("%1", path),
            )
        )
        worker.signals.failed.connect(self._error)
        return self.ctx.start(worker, database=True)

    # -- bundles --------------------------------------------------------------------------------
    def export_bundle(self, project_id: uuid.UUID | None = None, path: str | None = None) -> Worker | None:
        from planner.services.exchange import export_bundle

        target = self._target(project_id, path, QCoreApplication.translate("ExchangeActions", "导出计划"),
                              QCoreApplication.translate("ExchangeActions", "计划包 (*.jcp)"), (".jcp",))
        if target is None:
            return None
        project_id, path = target
        return self._run_export(export_bundle, path, self.ctx.db, project_id, path)

    def import_bundle(self, path: str | None = None) -> Worker | None:
        """Read and check the bundle and preview the merge on the database thread (a progress
        dialog can cancel it), then ask, then merge there too. ``None``: nothing was started."""
        from planner.services.exchange import preview_import, read_bundle

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.parent,
                QCoreApplication.translate("ExchangeActions", "导入计划"),
                "",
                QCoreApplication.translate("ExchangeActions", "计划包 (*.jcp *.zip)"),
            )
            if not path:
                return None
        db = self.ctx.db

        def read(progress: Any) -> tuple[Any, Any]:
            bundle = read_bundle(path)
            progress.check()
            return bundle, preview_import(db, bundle)

        return self._in_background(read, self._on_previewed,
                                   QCoreApplication.translate("ExchangeActions", "正在检查计划包…"))

    def _in_background(self, fn: Any, done: Any, text: str) -> Worker:
        """Run ``fn`` on the database thread behind a cancellable progress dialog, then ``done(result)``."""
        busy = QProgressDialog(text, QCoreApplication.translate("ExchangeActions", "取消"), 0, 0, self.parent)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(300)
        worker = Worker(fn)
        busy.canceled.connect(worker.progress.cancel)

        def finish(handler: Any, value: Any = None) -> None:
            busy.reset()
            busy.deleteLater()
            if handler is not None:
                handler(value)

        worker.signals.finished.connect(lambda result: finish(done, result))
        worker.signals.failed.connect(lambda exc: finish(self._error, exc))
        worker.signals.cancelled.connect(lambda: finish(None))
        return self.ctx.start(worker, database=True)

    def _on_previewed(self, result: tuple[Any, Any]) -> None:
        from planner.services.exchange import import_bundle

        bundle, plan = result
        choices: dict[tuple[uuid.UUID, str], str] = {}
        if plan.conflicts:
            dialog = self.conflict_dialog(plan)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choices = dialog.choices()
        else:
            s = plan.summary()
            if s["add"] + s["update"] == 0:
                QMessageBox.information(
                    self.parent,
                    QCoreApplication.translate("ExchangeActions", "导入计划"),
                    QCoreApplication.translate("ExchangeActions", "计划包与本地一致，无需更改。"),
                )
            else:
                text = (
                    QCoreApplication.translate(
                        "ExchangeActions",
                        "来自 %1 的“%2”：新增 %3 条，采用对方修改 %4 条，保留本地 %5 条。确定合并？",
                    )
                    .replace("%1", plan.desk_name)
                    .replace("%2", plan.project_title)
                    .replace("%3", str(s["add"]))
                    .replace("%4", str(s["update"]))
                    .replace("%5", str(s["keep"]))
                )
                answer = QMessageBox.question(
                    self.parent, QCoreApplication.translate("ExchangeActions", "导入计划"), text
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
        db = self.ctx.db

        def merge(_progress: Any) -> Changes:
            # With nothing to change this still records what the two desks now agree on.
            return import_bundle(db, bundle, choices=choices).changes or Changes()

        self._in_background(merge, self.ctx.changed.emit,
                            QCoreApplication.translate("ExchangeActions", "正在合并计划…"))

    def conflict_dialog(self, plan: Any) -> Any:
        from planner.ui.exchange.conflict_dialog import ConflictDialog

        return ConflictDialog(plan, self.ctx.lang_code, self.parent)

    # -- calendars and tables -------------------------------------------------------------------
    def export_ics(self, project_id: uuid.UUID | None = None, path: str | None = None) -> Worker | None:
        from planner.services.exports import export_calendar
        from planner.ui.export.calendar import alarm_minutes

        target = self._target(project_id, path, QCoreApplication.translate("ExchangeActions", "导出日历"),
                              QCoreApplication.translate("ExchangeActions", "日历 (*.ics)"), (".ics",))
        if target is None:
            return None
        project_id, path = target
        db, lang, alarm = self.ctx.db, self.ctx.lang_code, alarm_minutes()
        return self._run_export(lambda: export_calendar(db, project_id, path, lang=lang, alarm_minutes=alarm), path)

    def export_table(self, project_id: uuid.UUID | None = None, path: str | None = None) -> Worker | None:
        from planner.export.tables import write_table
        from planner.services.queries import load_plan

        target = self._target(project_id, path, QCoreApplication.translate("ExchangeActions", "导出任务表"),
                              QCoreApplication.translate("ExchangeActions", "Excel 工作簿 (*.xlsx);;CSV (*.csv)"),
                              (".xlsx", ".csv"))
        if target is None:
            return None
        project_id, path = target
        db, lang = self.ctx.db, self.ctx.lang_code
        return self._run_export(lambda: write_table(load_plan(db, project_id), path, lang), path)
