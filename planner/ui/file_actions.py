"""The File menu's database actions: new, open, save a copy, restore from an automatic backup,
recent files. Opening errors (in use, newer schema, not a planner file, damaged) are shown as a
clear message box with the typed error's text; the current database stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from planner.domain.errors import PlannerError, error_text
from planner.services import files
from planner.store.database import Database, open_database
from planner.ui import prefs
from planner.ui.context import AppContext
from planner.ui.notify import notify

FILE_FILTER = "报道策划数据库 / Planner database (*.db *.sqlite *.planner);;所有文件 / All files (*)"



def open_or_report(target: str | Path | None, parent: QWidget | None, lang: str = "zh", *,
                   trust_clean_close: bool = False) -> Database | None:
    """``open_database(target)``, or ``None`` after telling the user, in a message box, why not.

    A server URL goes through the sign-in (``None`` too if the editor cancels it).
    ``trust_clean_close``: see :func:`open_database` (the app's start-up only).
    """
    try:
        if "://" in str(target):
            from planner.ui.server.signin import open_server_interactive

            return open_server_interactive(str(target), parent, lang)
        return open_database(target, trust_clean_close=trust_clean_close)
    except PlannerError as err:
        report_open_failure(parent, err, lang)
    except OSError as err:
        QMessageBox.critical(parent, QCoreApplication.translate("FileActions", "无法打开数据库"), f"{target}: {err.strerror or err}")
    return None


def report_open_failure(parent: QWidget | None, err: PlannerError, lang: str = "zh") -> None:
    """Tell the user why a database could not be opened (also when the check that opening left to
    after the first paint fails: :mod:`planner.ui.integrity_watch`)."""
    QMessageBox.critical(parent, QCoreApplication.translate("FileActions", "无法打开数据库"), error_text(err, lang))


class FileActions(QObject):
    """Owns the file actions of one main window; ``opened`` fires after a database was swapped in."""

    opened = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.new_action = self._action(QCoreApplication.translate("FileActions", "新建数据库…"), self.new_database, QKeySequence("Ctrl+Shift+N"))
        self.open_action = self._action(QCoreApplication.translate("FileActions", "打开…"), self.open_file, QKeySequence.StandardKey.Open)
        self.copy_action = self._action(QCoreApplication.translate("FileActions", "另存副本…"), self.save_copy, QKeySequence("Ctrl+Shift+S"))
        self.restore_action = self._action(QCoreApplication.translate("FileActions", "从自动备份恢复…"), self.restore_backup)
        self.recent_menu = QMenu(QCoreApplication.translate("FileActions", "最近文件"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        ctx.database_replaced.connect(self._update_enabled)
        self._update_enabled()
        from planner.ui.integrity_watch import IntegrityWatch

        # The full integrity check of the open file, a few seconds after it opens (off the start-up path).
        self.integrity = IntegrityWatch(ctx, window, self.restore_from)
        self.integrity.schedule()

    def _action(self, text: str, slot, shortcut: QKeySequence | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _update_enabled(self) -> None:
        has_file = self.ctx.db.path is not None
        self.copy_action.setEnabled(has_file)
        self.restore_action.setEnabled(has_file)

    def _start_dir(self) -> str:
        path = self.ctx.db.path
        return str(path.parent) if path is not None else str(Path.home())

    # -- open / new ----------------------------------------------------------------------------
    def switch_to(self, target: str | Path) -> bool:
        """Open ``target`` and make it the app's database; ``False`` (with a message) if it cannot."""
        target = Path(target).expanduser()
        if self.ctx.db.path is not None and target.resolve() == self.ctx.db.path.resolve():
            return True
        db = open_or_report(target, self.window, self.ctx.lang_code)
        if db is None:
            if not target.exists():
                prefs.remove_recent_file(target)
            return False
        self._swap_in(db)
        return True

    def _swap_in(self, db: Database) -> None:
        self.ctx.replace_database(db)
        if db.path is not None:
            prefs.add_recent_file(db.path)
        self.opened.emit(db.label)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("FileActions", "打开数据库"), self._start_dir(), FILE_FILTER)
        if path:
            self.switch_to(path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("FileActions", "新建数据库"), self._start_dir(), FILE_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".db")
        if not target.exists():
            self.switch_to(target)
            return
        title = QCoreApplication.translate("FileActions", "新建数据库")
        if self.ctx.db.path is not None and target.resolve() == self.ctx.db.path.resolve():
            QMessageBox.warning(self.window, title, QCoreApplication.translate(
                "FileActions", "{path} 正在使用中，不能用新数据库替换它。").format(path=target))
            return
        answer = QMessageBox.question(self.window, title, QCoreApplication.translate(
            "FileActions", "{path} 已存在。用一个新的空数据库替换它吗？原文件会先备份到 {folder}。").format(
            path=target, folder=files.backups_folder_of(target)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            db = files.new_database(target, replace_existing=True)  # under its lock: in use → nothing deleted
        except PlannerError as err:
            QMessageBox.critical(self.window, title, self.ctx.error_message(err))
            return
        self._swap_in(db)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = prefs.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.switch_to(p))
        if not recent:
            empty = self.recent_menu.addAction(QCoreApplication.translate("FileActions", "（暂无）"))
            empty.setEnabled(False)

    # -- copies and backups --------------------------------------------------------------------
    def save_copy(self) -> None:
        db = self.ctx.db
        if db.path is None:
            return
        suggestion = str(db.path.with_name(db.path.stem + "-副本.db"))
        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("FileActions", "另存副本"), suggestion, FILE_FILTER)
        if not path:
            return
        try:
            dest = files.save_copy(db, path)
        except PlannerError as err:
            QMessageBox.critical(self.window, QCoreApplication.translate("FileActions", "另存副本失败"), self.ctx.error_message(err))
            return
        except OSError as err:
            QMessageBox.critical(self.window, QCoreApplication.translate("FileActions", "另存副本失败"), f"{path}: {err}")
            return
        notify(self.ctx, self.window, QCoreApplication.translate("FileActions", "副本已保存：{path}").format(path=dest))

    def restore_backup(self) -> None:
        db = self.ctx.db
        if db.path is None:
            return
        backups = files.list_backups(db)
        if not backups:
            QMessageBox.information(self.window, QCoreApplication.translate("FileActions", "从自动备份恢复"),
                                    QCoreApplication.translate("FileActions", "{path} 还没有自动备份。程序在升级数据库结构和恢复前会自动备份。").format(path=db.path))
            return
        labels = [f"{b.modified:%Y-%m-%d %H:%M:%S}  {b.reason}  ({b.size // 1024} KB)" for b in backups]
        choice, ok = QInputDialog.getItem(self.window, QCoreApplication.translate("FileActions", "从自动备份恢复"), QCoreApplication.translate("FileActions", "选择要恢复的备份（当前文件会先另行备份）："),
                                          labels, 0, False)
        if not ok:
            return
        chosen = backups[labels.index(choice)]
        answer = QMessageBox.question(
            self.window, QCoreApplication.translate("FileActions", "从自动备份恢复"),
            QCoreApplication.translate("FileActions", "用 {time} 的备份替换 {path} 吗？当前内容会先备份，撤销记录将清空。").format(
                time=f"{chosen.modified:%Y-%m-%d %H:%M}", path=db.path),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_from(chosen.path)

    def restore_from(self, backup_file: Path) -> bool:
        """Replace the open file with ``backup_file`` and reopen it (no questions asked).

        The writer's lock is kept from closing to reopening, so no other program can open the file
        in between, and the restore itself runs under it: nothing is deleted that another program
        has open.
        """
        db = self.ctx.db
        target = db.path
        if target is None:
            return False
        self.ctx.wait_for_workers()
        lock = db.close(keep_lock=True)
        restored = True
        try:
            files.restore_backup(backup_file, target, lock=lock)
        except PlannerError as err:
            restored = False
            QMessageBox.critical(self.window, QCoreApplication.translate("FileActions", "恢复失败"), self.ctx.error_message(err))
        try:
            reopened = open_database(target, lock=lock)
        except PlannerError as err:
            QMessageBox.critical(self.window, QCoreApplication.translate("FileActions", "无法打开数据库"), self.ctx.error_message(err))
            return False
        self.ctx.replace_database(reopened)
        self.opened.emit(reopened.label)
        return restored
