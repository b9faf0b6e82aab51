"""A desk's first minutes: what a new database starts with, and who works at this desk.

A new database — the first start, or ``planner --db new.db`` on a file that did not exist — opens
:class:`FirstStartDialog`: start empty, load the alliances' directory (outlets and alliances, sample
staff if wanted; no projects), or the whole demo; then a short step asks for this desk's identity
(the editor's name and outlet, written into every change-log entry) instead of leaving a hint in
the status bar. The directory can be loaded later too, from 文件 ▸ 载入联合体名录…
(:class:`DirectoryLoad`, in a worker, after a backup: it only adds what is missing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.services import queries
from planner.services.settings import set_desk
from planner.store.database import Database
from planner.ui.directory.form_dialog import ERROR_STYLE
from planner.ui.pickers import outlet_combo
from planner.ui.workers import Worker, db_pool

EMPTY, DIRECTORY, DEMO = "empty", "directory", "demo"


class FirstStartDialog(QDialog):
    """Two short steps: what to start with, then this desk's identity."""

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 load: Callable[[Database, str, bool], None] | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.load = load or run_load
        self.choice = ""
        self.setWindowTitle(self.tr("欢迎使用联合报道策划"))
        self.setMinimumWidth(520)
        self.pages = QStackedWidget()

        # -- step 1: what to start with ----------------------------------------------------------
        start = QWidget()
        box = QVBoxLayout(start)
        intro = QLabel(self.tr("这是一个新的数据库：{path}\n从哪里开始？").format(path=db.label))
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.directory_button = QRadioButton(self.tr("载入川渝联合体名录：媒体单位和联合体（不含项目）"))
        self.people_box = QCheckBox(self.tr("同时载入示例人员和单位联系人（虚构姓名和号码，供试用）"))
        self.demo_button = QRadioButton(self.tr("载入演示数据：名录、示例人员和三个示例项目"))
        self.empty_button = QRadioButton(self.tr("从空白开始"))
        self.directory_button.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.directory_button, self.demo_button, self.empty_button):
            group.addButton(b)
        self.directory_button.toggled.connect(self.people_box.setEnabled)
        box.addWidget(self.directory_button)
        indent = QWidget()
        inner = QVBoxLayout(indent)
        inner.setContentsMargins(24, 0, 0, 0)
        inner.addWidget(self.people_box)
        box.addWidget(indent)
        box.addWidget(self.demo_button)
        box.addWidget(self.empty_button)
        hint = QLabel(self.tr("名录以后也可以从“文件 ▸ 载入联合体名录…”载入。"))
        hint.setStyleSheet("color:#666")
        box.addWidget(hint)
        box.addStretch(1)
        self.pages.addWidget(start)

        # -- step 2: who works here --------------------------------------------------------------
        self.identity = QWidget()
        form_box = QVBoxLayout(self.identity)
        about = QLabel(self.tr("本席身份写入每一条修改记录，协作单位据此知道是谁改的。以后可在“文件 ▸ 设置”中修改。"))
        about.setWordWrap(True)
        form_box.addWidget(about)
        form = QFormLayout()
        self.editor = QLineEdit()
        self.editor.setPlaceholderText(self.tr("如 张编辑"))
        form.addRow(self.tr("编辑姓名"), self.editor)
        self.outlet_row = QWidget()
        QVBoxLayout(self.outlet_row).setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("本席所属单位"), self.outlet_row)
        form_box.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form_box.addWidget(self.error)
        form_box.addStretch(1)
        self.pages.addWidget(self.identity)
        self.outlet: Any = None

        self.buttons = QDialogButtonBox()
        self.next_button = self.buttons.addButton(self.tr("下一步"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        self.next_button.clicked.connect(self.next_step)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.directory_button.setFocus()

    # -- steps ---------------------------------------------------------------------------------
    def next_step(self) -> None:
        if self.pages.currentIndex() == 0:
            self.choice = DIRECTORY if self.directory_button.isChecked() else DEMO if self.demo_button.isChecked() else EMPTY
            if self.choice != EMPTY:
                try:
                    self.load(self.db, self.choice, self.people_box.isChecked())
                except PlannerError as err:
                    from planner.domain.errors import error_text

                    QMessageBox.critical(self, self.windowTitle(), error_text(err, self.lang))
                    return
            if self.choice == DEMO or getattr(self.db, "login", None):
                self.accept()  # the demo names its desk; a server account is its own identity
                return
            self._show_identity()
        else:
            self.save_identity()

    def _show_identity(self) -> None:
        outlets = sorted(queries.list_outlets(self.db), key=lambda o: o.name)
        self.outlet = outlet_combo(outlets, self.tr("（未设置）"))
        self.outlet_row.layout().addWidget(self.outlet)
        self.outlet_row.setEnabled(bool(outlets))
        QWidget.setTabOrder(self.editor, self.outlet)  # made after the buttons: Tab would skip it
        QWidget.setTabOrder(self.outlet, self.next_button)
        self.pages.setCurrentWidget(self.identity)
        self.next_button.setText(self.tr("完成"))
        self.skip_button.setText(self.tr("跳过"))
        self.editor.setFocus()

    def save_identity(self) -> bool:
        self.error.hide()
        try:
            outlet_id = self.outlet.current_id(field="outlet_id", what="媒体单位") if self.outlet is not None else None
            if not self.editor.text().strip() and outlet_id is None:
                self.error.setText(self.tr("请填写编辑姓名或选择本席所属单位，或点“跳过”。"))
                self.error.show()
                return False
            set_desk(self.db, editor=self.editor.text(), outlet_id=outlet_id)
        except PlannerError as err:
            from planner.domain.errors import error_text

            self.error.setText(error_text(err, self.lang))
            self.error.show()
            return False
        self.accept()
        return True

    def skip(self) -> None:
        if self.pages.currentIndex() == 0:
            self.choice = EMPTY
            self._show_identity()
        else:
            self.reject()


def run_load(db: Database, choice: str, people_too: bool, parent: QWidget | None = None) -> None:
    """Load the directory or the demo into a new database, on the database thread behind a progress
    dialog (the window is not up yet; this waits, but the dialog stays painted and says what it does)."""
    from planner.services.alliance_directory import load_directory
    from planner.services.demo import load_demo

    text = QCoreApplication.translate("FirstStartDialog", "正在载入演示数据…") if choice == DEMO else \
        QCoreApplication.translate("FirstStartDialog", "正在载入联合体名录…")
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)

    def job(progress: Any) -> None:
        if choice == DEMO:
            load_demo(db, progress=progress)
        else:
            load_directory(db, people_too=people_too, progress=progress)

    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    worker = Worker(job)
    worker.signals.progressed.connect(lambda done, total, _text: (dialog.setMaximum(max(total, 1)), dialog.setValue(done)))
    worker.signals.finished.connect(lambda _r: loop.quit())
    worker.signals.failed.connect(lambda exc: (outcome.__setitem__("error", exc), loop.quit()))
    db_pool().start(worker)
    dialog.show()
    loop.exec()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]


def first_start(db: Database, parent: QWidget | None = None, lang: str = "zh") -> str:
    """Offer the first-start steps for a new database; returns what was loaded (``empty`` when skipped)."""
    dialog = FirstStartDialog(db, parent, lang=lang)
    dialog.exec()
    return dialog.choice or EMPTY


class DirectoryLoad(QObject):
    """文件 ▸ 载入联合体名录…: ask, back the file up, add what is missing in a worker, report."""

    def __init__(self, ctx: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.worker: Worker | None = None
        self.progress: QProgressDialog | None = None
        self.last: Any = None

    def ask_and_run(self) -> Worker | None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("载入联合体名录"),
                          self.tr("载入川渝联合体的媒体单位和联合体（不含项目）？已有的单位和联合体保持不变，只添加缺少的。"
                                  "载入前会自动备份数据库。"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.parent_widget)
        people = QCheckBox(self.tr("同时载入示例人员和单位联系人（虚构姓名和号码，供试用）"))
        box.setCheckBox(people)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return self.run(people_too=people.isChecked())

    def run(self, *, people_too: bool = False) -> Worker:
        from planner.services import files
        from planner.services.alliance_directory import load_directory

        db = self.ctx.db
        self.progress = QProgressDialog(self.tr("正在载入联合体名录…"), "", 0, 3, self.parent_widget)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(200)

        def job(progress: Any) -> Any:
            files.backup_now(db, "before-directory-load")
            return load_directory(db, people_too=people_too, progress=lambda d, t, _x="": progress(d, t, ""))

        worker = Worker(job)
        worker.signals.progressed.connect(lambda d, t, _x: self.progress.setValue(d) if self.progress else None)
        worker.signals.finished.connect(self._done)
        worker.signals.failed.connect(self._failed)
        self.worker = worker
        self.ctx.start(worker, database=True)
        return worker

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        self.worker = None

    def _done(self, result: Any) -> None:
        from planner.ui.notify import notify

        self._close_progress()
        self.last = result
        self.ctx.changed.emit(result.changes)
        a = result.added
        notify(self.ctx, self.parent_widget, self.tr(
            "已载入联合体名录：新增媒体单位 {outlets} 家、联合体 {alliances} 个、成员关系 {memberships} 条、人员 {people} 人。"
        ).format(**a))

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        text = self.ctx.error_message(exc) if isinstance(exc, PlannerError) else str(exc)
        self.ctx.failed.emit(text)
