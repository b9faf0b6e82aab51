"""File-menu actions for exchange: plan bundles, reply sheets and reply bundles, calendars, tables.

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
from planner.ui.server import gates
from planner.ui.workers import Worker


class ExchangeActions:
    """Owns the exchange actions of one window."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.actions: list[QAction] = []
        #: the entries that write (the signed-in role decides: planner.ui.server.gates.gate_file_menu)
        self.import_actions: list[QAction] = []

    def install(self, menu: QMenu) -> list[QAction]:
        specs = [
            (QCoreApplication.translate("ExchangeActions", "导出计划…"), self.export_bundle),
            (QCoreApplication.translate("ExchangeActions", "导入计划…"), self.import_bundle),
            (QCoreApplication.translate("ExchangeActions", "导出回执表…"), self.export_reply_sheets),
            (QCoreApplication.translate("ExchangeActions", "导入回执…"), self.import_replies),
            (QCoreApplication.translate("ExchangeActions", "导出回执包…"), self.export_reply_bundle),
            (QCoreApplication.translate("ExchangeActions", "导出日历（.ics）…"), self.export_ics),
            (QCoreApplication.translate("ExchangeActions", "导出任务表（CSV/XLSX）…"), self.export_table),
        ]
        for text, slot in specs:
            action = QAction(text, self.parent)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            self.actions.append(action)
            if slot in (self.import_bundle, self.import_replies):
                self.import_actions.append(action)
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

    def import_bundle(self, path: str | None = None, *, same_project: bool = False) -> Worker | None:
        """Read and check the bundle and preview the merge on the database thread (a progress
        dialog can cancel it), then ask, then merge there too. ``None``: nothing was started."""
        from planner.services.exchange import BundleError, preview_import, read_bundle

        if gates.refuse(self.ctx, gates.Act.EXCHANGE):  # a desk or viewer on a server (menu greyed too)
            return None
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

        def read(progress: Any) -> tuple[Any, Any, bool]:
            bundle = read_bundle(path)
            progress.check()
            try:
                return bundle, preview_import(db, bundle, same_project=same_project), same_project
            except BundleError as err:
                if err.reason != "confirm_project":
                    raise
                return bundle, err, False

        return self._in_background(read, lambda result: self._on_previewed(result, path),
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

    def _on_previewed(self, result: tuple[Any, Any, bool], path: str | None = None) -> None:
        from planner.services.exchange import BundleError, import_bundle

        bundle, plan, same_project = result
        if isinstance(plan, BundleError):  # a local project with the same code and title: the same one?
            answer = QMessageBox.question(
                self.parent, QCoreApplication.translate("ExchangeActions", "导入计划"),
                QCoreApplication.translate(
                    "ExchangeActions", "本地已有编号 %1、标题“%2”都相同的项目。它和计划包中的是同一个项目吗？"
                    "\n\n选“是”将两者合并并记住；选“否”则不导入（请先修改其中一个的编号或标题）。")
                .replace("%1", str(plan.bundle_params.get("code", ""))).replace("%2", str(plan.bundle_params.get("title", ""))))
            if answer == QMessageBox.StandardButton.Yes and path is not None:
                self.import_bundle(path, same_project=True)
            return
        choices: dict[tuple[uuid.UUID, str], str] = {}
        if plan.conflicts:
            dialog = self.conflict_dialog(plan)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choices = dialog.choices()
        else:
            s = plan.summary()
            if s["add"] + s["update"] + s["delete"] + s["restore"] == 0:
                QMessageBox.information(
                    self.parent,
                    QCoreApplication.translate("ExchangeActions", "导入计划"),
                    QCoreApplication.translate("ExchangeActions", "计划包与本地一致，无需更改。")
                    if not plan.stale else
                    QCoreApplication.translate("ExchangeActions", "这是一份较早的计划包，其中没有比本地更新的内容。"),
                )
            else:
                text = (
                    QCoreApplication.translate(
                        "ExchangeActions",
                        "来自 %1 的“%2”：新增 %3 条，采用对方修改 %4 条，随对方删除 %5 条，保留本地 %6 条。确定合并？",
                    )
                    .replace("%1", plan.desk_name)
                    .replace("%2", plan.project_title)
                    .replace("%3", str(s["add"] + s["restore"]))
                    .replace("%4", str(s["update"]))
                    .replace("%5", str(s["delete"]))
                    .replace("%6", str(s["keep"]))
                )
                answer = QMessageBox.question(
                    self.parent, QCoreApplication.translate("ExchangeActions", "导入计划"), text
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
        db = self.ctx.db

        def merge(_progress: Any) -> Changes:
            # With nothing to change this still records what the two desks now agree on.
            return import_bundle(db, bundle, choices=choices, same_project=same_project).changes or Changes()

        self._in_background(merge, self.ctx.changed.emit,
                            QCoreApplication.translate("ExchangeActions", "正在合并计划…"))

    def conflict_dialog(self, plan: Any, intro: str = "") -> Any:
        from planner.ui.exchange.conflict_dialog import ConflictDialog

        return ConflictDialog(plan, self.ctx.lang_code, self.parent, intro)

    # -- replies --------------------------------------------------------------------------------
    def _pick_outlet(self, project_id: uuid.UUID, *, allow_all: bool) -> Any:
        """An outlet with assignments in the project (or ``"all"``); ``None`` if cancelled."""
        from planner.services.queries import list_outlets, load_plan

        plan = load_plan(self.ctx.db, project_id)
        ids = {a.outlet_id for a in plan.assignments}
        outlets = sorted(list_outlets(self.ctx.db, ids=list(ids)), key=lambda o: o.name)
        if not outlets:
            QMessageBox.information(self.parent, QCoreApplication.translate("ExchangeActions", "回执"),
                                    QCoreApplication.translate("ExchangeActions", "这个项目还没有派单。"))
            return None
        labels = [o.name for o in outlets]
        if allow_all:
            labels.insert(0, QCoreApplication.translate("ExchangeActions", "全部单位（每个单位一个文件）"))
        label, ok = QInputDialog.getItem(
            self.parent, QCoreApplication.translate("ExchangeActions", "选择单位"),
            QCoreApplication.translate("ExchangeActions", "单位："), labels, 0, False)
        if not ok:
            return None
        index = labels.index(label)
        if allow_all and index == 0:
            return "all"
        return outlets[index - (1 if allow_all else 0)]

    def _project_and_outlet(self, project_id: uuid.UUID | None, outlet: Any,
                            allow_all: bool) -> tuple[uuid.UUID, Any] | None:
        """The project and outlet a reply is for: those given, else asked for (None: cancelled)."""
        if project_id is None:
            project = self._pick_project()
            if project is None:
                return None
            project_id = project.id
        if outlet is None:
            outlet = self._pick_outlet(project_id, allow_all=allow_all)
            if outlet is None:
                return None
        return project_id, outlet

    def export_reply_sheets(self, project_id: uuid.UUID | None = None, outlet: Any = None,
                            path: str | None = None) -> Worker | None:
        """One outlet's reply sheet (.xlsx), or one per outlet into a folder."""
        from planner.services.exchange.reply_export import export_reply_sheet, export_reply_sheets

        chosen = self._project_and_outlet(project_id, outlet, allow_all=True)
        if chosen is None:
            return None
        project_id, outlet = chosen
        db, lang = self.ctx.db, self.ctx.lang_code
        if outlet == "all":
            if path is None:
                path = QFileDialog.getExistingDirectory(
                    self.parent, QCoreApplication.translate("ExchangeActions", "导出回执表到文件夹"))
                if not path:
                    return None
            folder = path
            return self._run_export(lambda: export_reply_sheets(db, project_id, folder, lang), folder)
        target = self._target(project_id, path, QCoreApplication.translate("ExchangeActions", "导出回执表"),
                              QCoreApplication.translate("ExchangeActions", "Excel 工作簿 (*.xlsx)"), (".xlsx",))
        if target is None:
            return None
        _pid, path = target
        outlet_id = outlet.id
        return self._run_export(lambda: export_reply_sheet(db, project_id, outlet_id, path, lang), path)

    def export_reply_bundle(self, project_id: uuid.UUID | None = None, outlet: Any = None,
                            path: str | None = None) -> Worker | None:
        """An outlet's answers as a reply bundle (.jcp) for the desk that planned the project."""
        from planner.services.exchange.reply_import import export_reply_bundle

        chosen = self._project_and_outlet(project_id, outlet, allow_all=False)
        if chosen is None:
            return None
        project_id, outlet = chosen
        target = self._target(project_id, path, QCoreApplication.translate("ExchangeActions", "导出回执包"),
                              QCoreApplication.translate("ExchangeActions", "计划包 (*.jcp)"), (".jcp",))
        if target is None:
            return None
        _pid, path = target
        return self._run_export(export_reply_bundle, path, self.ctx.db, project_id, outlet.id, path)

    def import_replies(self, path: str | None = None) -> Worker | None:
        """Read and check a filled reply sheet on the database thread, show the conflicts and the
        preview, then import it as one undo step."""
        from planner.services.exchange.replies import plan_replies
        from planner.services.exchange.reply_sheet_read import read_reply_sheet

        if gates.refuse(self.ctx, gates.Act.EXCHANGE):
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.parent, QCoreApplication.translate("ExchangeActions", "导入回执"), "",
                QCoreApplication.translate("ExchangeActions", "回执表 (*.xlsx)"))
            if not path:
                return None
        db = self.ctx.db

        def read(progress: Any) -> Any:
            sheet = read_reply_sheet(path)
            progress.check()
            return plan_replies(db, sheet)

        return self._in_background(read, self._on_replies_planned,
                                   QCoreApplication.translate("ExchangeActions", "正在检查回执…"))

    def _on_replies_planned(self, plan: Any) -> None:
        from planner.services.exchange.replies import resolve_replies
        from planner.services.exchange.reply_import import ImportReplies

        choices: dict[tuple[uuid.UUID, str], str] = {}
        if plan.conflicts:
            intro = (QCoreApplication.translate(
                "ExchangeActions", "%1 的回执中有 %2 处与本地后来的修改不同，请逐项选择保留本地还是采用回执。")
                .replace("%1", plan.merge.desk_name).replace("%2", str(sum(len(i.conflicts) for i in plan.conflicts))))
            dialog = self.conflict_dialog(plan.merge, intro)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choices = dialog.choices()
        resolve_replies(plan, choices, None)
        preview = self.reply_dialog(plan)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return
        command = ImportReplies(plan, choices=choices)
        command.text = QCoreApplication.translate("ExchangeActions", "导入回执（%1）").replace("%1", plan.outlet_name)
        self.ctx.push(command)

    def reply_dialog(self, plan: Any) -> Any:
        from planner.ui.exchange.reply_dialog import ReplyPreviewDialog

        return ReplyPreviewDialog(plan, self.ctx.lang_code, self.parent)

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
