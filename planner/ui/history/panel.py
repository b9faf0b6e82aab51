"""The history panel: a project's or one item's changes, filtered, with before → after per field.

The entries load on the database thread (:class:`planner.ui.workers.Worker`), 500 at a time; "更早的
记录" pages on. Filters: the desk that made the change, a date range (plan time), the kind of record
and the action. The field table beside the list shows the chosen entry field by field, and
"撤回这处修改" pushes a :class:`planner.services.revert.Revert` — one undo step, refused with a
message when the fields changed since.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity
from planner.domain.errors import PlannerError
from planner.domain.timefmt import fmt_datetime, parse_date
from planner.services import audit
from planner.services.revert import REVERTIBLE, Revert
from planner.ui.context import AppContext
from planner.ui.directory.editing import push_or_raise
from planner.ui.history.model import EntryRole, HistoryModel
from planner.ui.server.gates import gate_history_revert
from planner.ui.workers import Worker

#: kinds of record a project's history can be narrowed to
_KINDS = (Entity.PROJECT, Entity.STAGE, Entity.ASSIGNMENT, Entity.NOTE, Entity.STAGE_DEPENDENCY)
_ACTIONS = (Action.CREATE, Action.UPDATE, Action.DELETE, Action.RESTORE, Action.IMPORT, Action.MERGE)


def load_history(progress: Any, db: Any, flt: audit.HistoryFilter, lang: str) -> tuple[list, dict, list[str]]:
    """Runs on the database thread: the entries, their field texts, and the desks to filter by."""
    entries = audit.history(db, flt, lang)
    progress.check()
    texts = audit.describe(db, entries, lang)
    desks = audit.desks(db, flt.project_id) if flt.older_than is None else []
    return entries, texts, desks


class HistoryPanel(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, kinds: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: uuid.UUID | None = None
        self.entity_id: uuid.UUID | None = None
        self._gen = 0
        self._busy = False
        self._more = False
        self._stale = False
        lang = ctx.lang_code
        self.desk = QComboBox()
        self.desk.addItem(self.tr("全部操作人"), "")
        self.desk.setMinimumWidth(150)
        self.since = QLineEdit()
        self.until = QLineEdit()
        self.since.setPlaceholderText(self.tr("自 2026-12-01"))
        self.until.setPlaceholderText(self.tr("至 2026-12-31"))
        for edit in (self.since, self.until):
            edit.setMaximumWidth(120)
            edit.editingFinished.connect(self.reload)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部对象"), "")
        for k in _KINDS:
            self.kind.addItem(k.label(lang), k.value)
        if not kinds:  # not setVisible(True): the box has no parent yet and would open as its own window
            self.kind.hide()
        self.action = QComboBox()
        self.action.addItem(self.tr("全部操作"), "")
        for a in _ACTIONS:
            self.action.addItem(a.label(lang), a.value)
        for combo in (self.desk, self.kind, self.action):
            combo.activated.connect(self.reload)
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet("color:#b3261e")

        self.model = HistoryModel(lang, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 150), (1, 150), (2, 48), (3, 70), (4, 170)):
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().selectionChanged.connect(self._show_current)

        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels([self.tr("字段"), self.tr("修改前"), self.tr("修改后")])
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        fh = self.fields.horizontalHeader()
        fh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.revert_button = QPushButton(self.tr("撤回这处修改"))
        self.revert_button.setToolTip(self.tr("把这条记录改动的内容改回去（可以撤销）"))
        self.revert_button.clicked.connect(self.revert_current)
        self.revert_error = QLabel()
        self.revert_error.setStyleSheet("color:#b3261e")
        self.revert_error.setWordWrap(True)
        detail = QWidget()
        dbox = QVBoxLayout(detail)
        dbox.setContentsMargins(0, 0, 0, 0)
        dbox.addWidget(self.detail_title)
        dbox.addWidget(self.fields, 1)
        dbox.addWidget(self.revert_error)
        revert_row = QHBoxLayout()
        revert_row.addStretch(1)
        revert_row.addWidget(self.revert_button)
        dbox.addLayout(revert_row)

        self.empty = QLabel(self.tr("还没有修改记录。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.count = QLabel()
        self.more_button = QPushButton(self.tr("更早的记录"))
        self.more_button.clicked.connect(self.load_more)

        filters = QHBoxLayout()
        for w in (self.desk, self.since, self.until, self.kind, self.action):
            filters.addWidget(w)
        filters.addWidget(self.filter_error, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(bottom)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        self._show_current()
        self._update_state()

    # -- scope and filters ---------------------------------------------------------------------
    def set_project(self, project_id: uuid.UUID | None) -> None:
        """Show a project's history (read now if the panel is on screen, else when it is shown)."""
        self.project_id, self.entity_id = project_id, None
        self._reload_when_seen()

    def set_item(self, entity_id: uuid.UUID) -> None:
        self.project_id, self.entity_id = None, entity_id
        self._reload_when_seen()

    def _reload_when_seen(self) -> None:
        if self.isVisible() or (self.project_id is None and self.entity_id is None):
            self.reload()
        else:
            self._gen += 1  # a load still running is for the previous scope
            self._busy = False
            self.model.set_entries([], {})
            self._stale = True

    @property
    def busy(self) -> bool:
        return self._busy

    def current_filter(self, older_than: Any = None) -> audit.HistoryFilter:
        """The filter the widgets describe; a bad date raises ``PlannerError``."""
        start = parse_date(self.since.text(), field="since")
        end = parse_date(self.until.text(), field="until")
        since, until = audit.day_range(start, end)
        kind, action = self.kind.currentData(), self.action.currentData()
        return audit.HistoryFilter(
            project_id=self.project_id, entity_id=self.entity_id, desk=self.desk.currentData() or "",
            since=since, until=until, kinds=(Entity(kind),) if kind else (),
            actions=(Action(action),) if action else (), older_than=older_than,
        )

    def filter_state(self) -> dict[str, Any]:
        """The filters as plain values (for a saved view)."""
        return {"desk": self.desk.currentData() or "", "since": self.since.text(), "until": self.until.text(),
                "kind": self.kind.currentData() or "", "action": self.action.currentData() or ""}

    # -- loading -------------------------------------------------------------------------------
    def reload(self, *_: Any) -> None:
        self._stale = False
        if self.project_id is None and self.entity_id is None:
            self._gen += 1
            self._busy = False
            self.model.set_entries([], {})
            self._update_state()
            return
        try:
            flt = self.current_filter()
        except PlannerError as err:
            self.filter_error.setText(self.ctx.error_message(err))
            return
        self.filter_error.clear()
        self._load(flt, append=False)

    def load_more(self) -> None:
        rows = self.model.rows()
        if not rows or self._busy:
            return
        try:
            flt = self.current_filter(older_than=rows[-1].at)
        except PlannerError as err:
            self.filter_error.setText(self.ctx.error_message(err))
            return
        self._load(flt, append=True)

    def _load(self, flt: audit.HistoryFilter, *, append: bool) -> None:
        self._gen += 1
        gen = self._gen
        self._busy = True
        keep = self.current_entry().id if self.current_entry() else None
        worker = Worker(load_history, self.ctx.db, flt, self.ctx.lang_code)

        def done(result: Any) -> None:
            if gen != self._gen:
                return
            self._busy = False
            entries, texts, desks = result
            self._more = len(entries) >= flt.limit
            if not append:
                self._fill_desks(desks)
            self.model.set_entries(entries, texts, append=append)
            if keep is not None and self.model.index_of(keep).isValid():
                self.view.selectRow(self.model.index_of(keep).row())
            self._update_state()
            self.loaded.emit()

        def failed(exc: Any) -> None:
            if gen == self._gen:
                self._busy = False
                self.ctx.failed.emit(self.ctx.error_message(exc) if isinstance(exc, PlannerError) else str(exc))
                self._update_state()

        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(lambda: setattr(self, "_busy", False) if gen == self._gen else None)
        self.ctx.start(worker, database=True)

    def _fill_desks(self, desks: list[str]) -> None:
        keep = self.desk.currentData()
        self.desk.blockSignals(True)
        self.desk.clear()
        self.desk.addItem(self.tr("全部操作人"), "")
        for d in desks:
            self.desk.addItem(d, d)
        if keep and self.desk.findData(keep) < 0:
            self.desk.addItem(keep, keep)
        self.desk.setCurrentIndex(max(0, self.desk.findData(keep or "")))
        self.desk.blockSignals(False)

    def _update_state(self) -> None:
        n = self.model.rowCount()
        filtered = any(self.filter_state().values())
        self.empty.setText(self.tr("没有符合筛选条件的修改记录。") if filtered else self.tr("还没有修改记录。"))
        self.empty.setVisible(n == 0 and not self._busy)
        self.splitter.setVisible(n > 0)
        self.count.setText(self.tr("{n} 条记录").format(n=n) if n else "")
        self.more_button.setVisible(self._more and n > 0)

    # -- detail and revert ---------------------------------------------------------------------
    def current_entry(self) -> audit.HistoryEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(EntryRole) if rows else None

    def select_entry(self, entry_id: uuid.UUID) -> bool:
        index = self.model.index_of(entry_id)
        if index.isValid():
            self.view.selectRow(index.row())
        return index.isValid()

    def _show_current(self, *_: Any) -> None:
        entry = self.current_entry()
        self.revert_error.clear()
        self.fields.setRowCount(0)
        if entry is None:
            self.detail_title.setText(self.tr("选择一条记录，查看每个字段修改前后的内容。"))
            self.revert_button.setEnabled(False)
            return
        lang = self.ctx.lang_code
        self.detail_title.setText(
            self.tr("{who} 于 {when} {action}{kind}“{name}”").format(
                who=entry.desk or self.tr("（未署名）"), when=fmt_datetime(entry.at, lang),
                action=entry.action.label(lang), kind=entry.entity.label(lang), name=entry.label))
        texts = self.model.texts.get(entry.id, [])
        self.fields.setRowCount(len(texts))
        both = bool(entry.before and entry.after)
        for r, t in enumerate(texts):
            before = t.before if both or entry.action is Action.DELETE else ""
            after = t.after if both or entry.action is not Action.DELETE else ""
            for c, text in enumerate((t.label, before, after)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.fields.setItem(r, c, item)
        self.fields.resizeRowsToContents()
        self.revert_button.setEnabled(entry.entity in REVERTIBLE)
        self.revert_button.setToolTip(
            self.tr("把这条记录改动的内容改回去（可以撤销）") if entry.entity in REVERTIBLE
            else self.tr("这类修改不能在这里撤回"))
        gate_history_revert(self, entry)  # the signed-in role has the last word (issue #16)

    def revert_current(self) -> bool:
        entry = self.current_entry()
        if entry is None:
            return False
        label = self.tr("撤回修改：{kind}“{name}”").format(kind=entry.entity.label(self.ctx.lang_code), name=entry.label)
        try:
            push_or_raise(self.ctx, Revert(entry.id, text=label, lang=self.ctx.lang_code))
        except PlannerError as err:
            self.revert_error.setText(self.ctx.error_message(err))
            return False
        return True

    # -- events --------------------------------------------------------------------------------
    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.empty:
            return
        if self.isVisible():
            QTimer.singleShot(0, self.reload)  # after the change is announced everywhere
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_database_replaced(self) -> None:
        self.project_id = self.entity_id = None
        self.reload()
