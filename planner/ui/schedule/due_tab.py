"""The 到期 tab: open work due today, overdue, this week, or this desk's outlet's — and the reminder setting.

Each list is a paged read (:func:`planner.services.agenda.due_page`) on the database thread; more
rows are fetched as the table scrolls, so the overdue list of a 200,000-assignment database opens
as fast as a short one. Counts on the four buttons come from one count per list. Selected rows can
be opened in the workspace or marked filed (one undo step).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.agenda import DueView
from planner.domain.changes import Changes
from planner.domain.enums import Entity, Status
from planner.domain.timefmt import PLAN_TZ
from planner.services import agenda as agenda_service
from planner.services import assignment_queries as aq
from planner.services.commands import SetStatus
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.schedule import reminders
from planner.ui.server.gates import gate_due_tab
from planner.ui.workers import Worker

Clock = Callable[[], datetime]
_ROOT = QModelIndex()


def desk_outlet(ctx: AppContext) -> Any:
    """本席位's outlet: the signed-in account's on a shared server, else this desk's setting."""
    return ctx.db.desk_outlet_id


class DueModel(QAbstractTableModel):
    DUE, LEFT, PROJECT, STAGE, OUTLET, FORMAT, STATUS, PEOPLE = range(8)

    fetch_requested = Signal()

    def __init__(self, lang: str, clock: Clock, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang, self.clock = lang, clock
        self.rows: list[aq.AssignmentListRow] = []
        self.total = 0
        self.loading = False

    def set_rows(self, rows: list[aq.AssignmentListRow], total: int) -> None:
        self.beginResetModel()
        self.rows, self.total = list(rows), total
        self.endResetModel()

    def append(self, rows: list[aq.AssignmentListRow]) -> None:
        if not rows:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 8

    def canFetchMore(self, parent: QModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = _ROOT) -> None:
        if self.canFetchMore(parent):
            self.fetch_requested.emit()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("截稿时间"), self.tr("剩余"), self.tr("项目"), self.tr("环节"), self.tr("单位"), self.tr("形式"),
                self.tr("状态"), self.tr("人员"))[section]

    def left_text(self, due: datetime | None) -> str:
        if due is None:
            return self.tr("未定")
        seconds = (due - self.clock()).total_seconds()
        minutes = int(abs(seconds) // 60)
        if minutes < 60:
            span = self.tr("{n} 分钟").format(n=max(1, minutes))
        elif minutes < 48 * 60 and minutes % 60 == 0:
            span = self.tr("{h} 小时").format(h=minutes // 60)
        elif minutes < 48 * 60:
            span = self.tr("{h} 小时 {m} 分").format(h=minutes // 60, m=minutes % 60)
        else:
            span = self.tr("{n} 天").format(n=minutes // (24 * 60))
        return self.tr("还剩 {span}").format(span=span) if seconds >= 0 else self.tr("逾期 {span}").format(span=span)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, c = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == self.DUE:
                return f"{r.due_at.astimezone(PLAN_TZ):%Y-%m-%d %H:%M}" if r.due_at else ""
            if c == self.LEFT:
                return self.left_text(r.due_at)
            sep = ", " if self.lang == "en" else "、"
            return {self.PROJECT: r.project_title, self.STAGE: r.stage_title, self.OUTLET: r.outlet_name,
                    self.FORMAT: r.format.label(self.lang), self.STATUS: r.status.label(self.lang),
                    self.PEOPLE: sep.join(r.people)}.get(c)
        if role == Qt.ItemDataRole.ForegroundRole and c in (self.DUE, self.LEFT) and r.due_at and r.due_at < self.clock():
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None


class DueTab(QWidget):
    counts_changed = Signal(object)  # {DueView: int}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.view_kind = DueView.TODAY
        self.counts: dict[DueView, int] = {}
        self._generation = 0
        self._workers: set[Worker] = set()
        self.buttons: dict[DueView, QToolButton] = {}
        group = QButtonGroup(self)
        top = QHBoxLayout()
        for view in DueView:
            button = QToolButton()
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(110)
            group.addButton(button)
            self.buttons[view] = button
            button.clicked.connect(lambda _c=False, v=view: self.show_view(v))
            top.addWidget(button)
        self.buttons[DueView.TODAY].setChecked(True)
        top.addStretch(1)
        self.open_button = QPushButton(self.tr("打开任务"))
        self.filed_button = QPushButton(self.tr("标记为已交稿"))
        self.filed_button.setToolTip(self.tr("选中的任务改为“已交稿”（可撤销）"))
        top.addWidget(self.open_button)
        top.addWidget(self.filed_button)

        self.model = DueModel(ctx.lang_code, self.clock, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 130), (1, 120), (2, 230), (3, 140), (4, 120), (5, 70), (6, 70)):
            self.table.setColumnWidth(col, width)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666666; font-size: 13px;")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.lead_box = QComboBox()
        for minutes in reminders.LEAD_CHOICES:
            self.lead_box.addItem(self._lead_text(minutes), minutes)
        self.scope_box = QComboBox()
        self.scope_box.addItem(self.tr("本席位单位的任务"), "desk")
        self.scope_box.addItem(self.tr("所有任务"), "all")
        self.next_label = QLabel()
        self.next_label.setStyleSheet("color: #666666;")
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("桌面提醒：")))
        bottom.addWidget(self.lead_box)
        bottom.addWidget(self.scope_box)
        bottom.addWidget(self.next_label, 1)
        prefs = reminders.reminder_prefs()
        self.lead_box.setCurrentIndex(max(0, self.lead_box.findData(prefs.lead_minutes)))
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(prefs.scope)))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.stack, 1)
        layout.addLayout(bottom)

        shortcuts.install(self.table, "due", {"open": self.open_selected})
        self.model.fetch_requested.connect(self._fetch_more)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.filed_button.clicked.connect(self.mark_filed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.lead_box.currentIndexChanged.connect(lambda: prefs.set_lead_minutes(int(self.lead_box.currentData())))
        self.scope_box.currentIndexChanged.connect(lambda: prefs.set_scope(str(self.scope_box.currentData())))
        prefs.next_changed.connect(self.next_label.setText)
        self.next_label.setText(prefs.next_text)
        ctx.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self.reload)
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)  # time passes: what was due becomes overdue
        self._tick.timeout.connect(self.reload)
        self._tick.start()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(200)
        self._reload_timer.timeout.connect(self.reload)
        self._label_buttons()
        self._update_buttons()
        self.reload()

    def _lead_text(self, minutes: int) -> str:
        if minutes == 0:
            return self.tr("关闭")
        if minutes < 60:
            return self.tr("截稿前 {n} 分钟").format(n=minutes)
        if minutes < 24 * 60:
            return self.tr("截稿前 {n} 小时").format(n=minutes // 60)
        return self.tr("截稿前 {n} 天").format(n=minutes // (24 * 60))

    @property
    def busy(self) -> bool:
        return bool(self._workers)

    # -- loading -------------------------------------------------------------------------------
    def show_view(self, view: DueView) -> None:
        self.view_kind = view
        self.buttons[view].setChecked(True)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, db, view, now = self._generation, self.ctx.db, self.view_kind, self.clock()
        desk = desk_outlet(self.ctx)
        outlet = desk if view is DueView.DESK else None

        def job(_progress: Any) -> tuple[int, dict[DueView, int], list[aq.AssignmentListRow], int]:
            counts = agenda_service.due_counts(db, now, desk_outlet=desk)
            if view is DueView.DESK and desk is None:
                return generation, counts, [], 0
            rows = agenda_service.due_page(db, view, now, outlet_id=outlet)
            return generation, counts, rows, counts[view]

        worker = Worker(job)
        worker.signals.finished.connect(self._on_loaded)
        worker.signals.failed.connect(self._on_failed)
        self._start(worker)

    def _start(self, worker: Worker) -> None:
        self._workers.add(worker)
        done = lambda *_: self._workers.discard(worker)  # noqa: E731
        worker.signals.finished.connect(done)
        worker.signals.failed.connect(done)
        worker.signals.cancelled.connect(done)
        self.ctx.start(worker, database=True)

    def _on_failed(self, exc: Exception) -> None:
        self.model.loading = False
        self.ctx.failed.emit(self.tr("读取到期任务失败：{error}").format(error=exc))

    def _on_loaded(self, result: tuple[int, dict[DueView, int], list[aq.AssignmentListRow], int]) -> None:
        generation, self.counts, rows, total = result
        if generation != self._generation:
            return
        self.model.loading = False
        self.model.set_rows(rows, total)
        self._label_buttons()
        self._show_empty()
        self._update_buttons()
        self.counts_changed.emit(dict(self.counts))

    def _fetch_more(self) -> None:
        if not self.model.rows:
            return
        self.model.loading = True
        generation, db, view, now = self._generation, self.ctx.db, self.view_kind, self.clock()
        outlet = desk_outlet(self.ctx) if view is DueView.DESK else None
        after = aq.cursor_after(self.model.rows[-1])
        worker = Worker(lambda _p: (generation, agenda_service.due_page(db, view, now, outlet_id=outlet, after=after)))
        worker.signals.finished.connect(self._on_more)
        worker.signals.failed.connect(self._on_failed)
        self._start(worker)

    def _on_more(self, result: tuple[int, list[aq.AssignmentListRow]]) -> None:
        generation, rows = result
        if generation != self._generation:
            return
        self.model.loading = False
        self.model.append(rows)

    def _label_buttons(self) -> None:
        for view, button in self.buttons.items():
            n = self.counts.get(view)
            label = view.label(self.ctx.lang_code)
            button.setText(f"{label}  {n}" if n is not None else label)
            button.setStyleSheet("color: #b3261e; font-weight: 600;" if view is DueView.OVERDUE and n else "")

    def _show_empty(self) -> None:
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        if self.view_kind is DueView.DESK and desk_outlet(self.ctx) is None:
            text = self.tr("还没有设置本席位的单位。在 文件 ▸ 设置 中选择本席位所在单位后，这里列出该单位所有未完成的任务。")
        else:
            text = {
                DueView.TODAY: self.tr("今天没有到期的未完成任务。"),
                DueView.OVERDUE: self.tr("没有逾期的任务。"),
                DueView.WEEK: self.tr("本周没有到期的未完成任务。"),
                DueView.DESK: self.tr("本席位单位没有未完成的任务。"),
            }[self.view_kind]
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _on_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(Entity.ASSIGNMENT, Entity.STAGE, Entity.SETTING, Entity.PROJECT):
            self._reload_timer.start()

    # -- actions -------------------------------------------------------------------------------
    def selected_rows(self) -> list[aq.AssignmentListRow]:
        return [self.model.rows[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.open_button.setEnabled(len(rows) == 1)
        self.filed_button.setEnabled(bool(rows))
        gate_due_tab(self)  # a shared server's role has the last word

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.ctx.navigate_requested.emit("assignment", rows[0].id)

    def mark_filed(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        text = self.tr("标记为已交稿（{n} 项）").format(n=len(rows))
        self.ctx.push(SetStatus([r.id for r in rows], Status.FILED, text=text, skip_illegal=True))


__all__ = ["DueModel", "DueTab", "desk_outlet"]
