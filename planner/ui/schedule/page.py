"""The 日程 page: a person's, an outlet's or a project's schedule by day, week or month, and the
到期 tab with what is due.

The schedule is read on the database thread (:func:`planner.services.agenda.agenda`) for the shown
period only; a newer request supersedes an older one, so paging quickly through weeks never shows
a stale week. A drag on the calendar becomes one :class:`~planner.services.reschedule.Reschedule`
command (moving a stage carries its open deadlines along). Absences are entered and edited here
(不在岗 menu, or a double-click on one), and can be imported from a sheet.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.agenda import Agenda, Scope, ScopeKind, month_window, week_start
from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import PlannerError
from planner.domain.timefmt import PLAN_TZ, day_start
from planner.services import agenda as agenda_service
from planner.services import queries
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.saved_views import SavedViewsBar, ViewStore
from planner.ui.schedule.due_tab import DueTab
from planner.ui.schedule.edits import ScheduleEdits
from planner.ui.schedule.view import CalendarView
from planner.ui.server.gates import drag_refusal
from planner.ui.workers import Worker

_WATCHED = (Entity.STAGE, Entity.ASSIGNMENT, Entity.ASSIGNMENT_PERSON, Entity.AVAILABILITY, Entity.PROJECT,
            Entity.PERSON, Entity.OUTLET)
Clock = Callable[[], datetime]


def _choices(db: Any) -> dict[ScopeKind, list[tuple[str, uuid.UUID]]]:
    """Everything the scope box can show, by kind (people with their outlet, to tell namesakes apart)."""
    outlets = queries.list_outlets(db)
    short = {o.id: o.display_name for o in outlets}
    people = [(f"{p.name} · {short.get(p.outlet_id, '')}", p.id) for p in queries.list_people(db)]
    projects = [(s.project.title, s.project.id) for s in queries.list_projects(db)]
    return {ScopeKind.PERSON: sorted(people), ScopeKind.OUTLET: sorted((o.name, o.id) for o in outlets),
            ScopeKind.PROJECT: projects}


def _load(db: Any, scope: Scope, start: datetime, end: datetime) -> tuple[Agenda, datetime | None]:
    result = agenda_service.agenda(db, scope, start, end)
    following = None
    if not result.items:
        following = (agenda_service.next_moment(db, scope, end)
                     or agenda_service.next_moment(db, scope, start, before=True))
    return result, following


class SchedulePage(ScheduleEdits, QWidget):
    MODES = ("day", "week", "month")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.scope: Scope | None = None
        self.mode = "week"
        self.anchor: date = self.clock().astimezone(PLAN_TZ).date()
        self.agenda: Agenda | None = None
        self.next_moment: datetime | None = None
        self.choices: dict[ScopeKind, list[tuple[str, uuid.UUID]]] = {}
        self._generation = 0
        self._workers: set[Worker] = set()
        self._scroll_next = True

        self.kind_box = QComboBox()
        for kind in ScopeKind:
            self.kind_box.addItem(kind.label(ctx.lang_code), kind.value)
        self.target_box = QComboBox()
        self.target_box.setEditable(True)
        self.target_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target_box.setMinimumContentsLength(12)
        self.target_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target_box.lineEdit().setPlaceholderText(self.tr("输入姓名、单位或项目"))
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.target_box.setCompleter(completer)
        self.mode_buttons: dict[str, QToolButton] = {}
        modes = QButtonGroup(self)
        for key, text in (("day", self.tr("日")), ("week", self.tr("周")), ("month", self.tr("月"))):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setMinimumWidth(34)
            modes.addButton(button)
            self.mode_buttons[key] = button
            button.clicked.connect(lambda _c=False, k=key: self.set_mode(k))
        self.mode_buttons["week"].setChecked(True)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("上一段（PgUp）"))
        self.today_button = QPushButton(self.tr("今天"))
        self.today_button.setToolTip(self.tr("回到今天（Home）"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("下一段（PgDown）"))
        self.period_label = QLabel()
        self.period_label.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.jump_button = QPushButton()
        self.jump_button.setVisible(False)
        self.away_button = QToolButton()
        self.away_button.setText(self.tr("不在岗"))
        self.away_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        away_menu = QMenu(self.away_button)
        self.add_away_action = away_menu.addAction(self.tr("登记不在岗时段…"), self.add_absence)
        self.list_away_action = away_menu.addAction(self.tr("查看和修改不在岗时段…"), self.list_absences)
        self.import_away_action = away_menu.addAction(self.tr("从表格导入…"), self.import_absences)
        self.away_button.setMenu(away_menu)
        self.print_button = QToolButton()
        self.print_button.setText(self.tr("打印"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_action = print_menu.addAction(self.tr("打印本周…"), self.print_week)
        self.pdf_action = print_menu.addAction(self.tr("本周导出为 PDF…"), self.export_pdf)
        self.print_button.setMenu(print_menu)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.kind_box)
        bar.addWidget(self.target_box, 3)
        bar.addSpacing(8)
        for key in self.MODES:
            bar.addWidget(self.mode_buttons[key])
        bar.addSpacing(8)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(6)
        bar.addWidget(self.period_label, 2)
        bar.addWidget(self.jump_button)
        bar.addWidget(self.away_button)
        bar.addWidget(self.print_button)
        # saved views: whose schedule and which span, by name; the last ones come back after a restart
        self.views = SavedViewsBar(ViewStore("schedule", ctx.db.label), self.view_state, self.apply_view_state,
                                   ctx.lang_code)
        bar.addWidget(self.views)

        self.view = CalendarView(ctx.lang_code)
        self.legend = QLabel()
        self.legend.setStyleSheet("color: #666666;")
        self.legend.setWordWrap(True)
        calendar = QWidget()
        box = QVBoxLayout(calendar)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        box.addWidget(self.legend)

        self.due_tab = DueTab(ctx, clock=self.clock)
        self.tabs = QTabWidget()
        self.tabs.addTab(calendar, self.tr("日程"))
        self.tabs.addTab(self.due_tab, self.tr("到期"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)
        self._reload_timer.timeout.connect(self.reload)
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self.target_box.activated.connect(self._on_target_chosen)
        self.target_box.lineEdit().returnPressed.connect(self._on_target_typed)
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.go_today)
        self.jump_button.clicked.connect(self._on_jump)
        self.view.reschedule_requested.connect(self._on_reschedule)
        self.view.item_activated.connect(self._on_item_activated)
        self.view.day_requested.connect(self._on_day_requested)
        shortcuts.install(self.view, "schedule", {"previous": lambda: self.go(-1), "next": lambda: self.go(1),
                                                  "today": self.go_today, "cancel": self.view.cancel_drag})
        self.due_tab.counts_changed.connect(self._on_due_counts)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        self._update_period()
        self._show_state()
        self.load_choices()

    # -- state ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._workers) or self.due_tab.busy

    def window_range(self) -> tuple[date, int]:
        """First shown day and number of days for the current mode."""
        if self.mode == "day":
            return self.anchor, 1
        if self.mode == "week":
            return week_start(self.anchor), 7
        first, last = month_window(self.anchor)
        return first, (last - first).days

    def view_state(self) -> dict[str, Any]:
        """Whose schedule and which span, as a saved view keeps them."""
        scope = [self.scope.kind.value, str(self.scope.id)] if self.scope is not None else None
        return {"scope": scope, "mode": self.mode}

    def apply_view_state(self, state: dict[str, Any]) -> None:
        """Show a saved view; a person or outlet gone since gives this desk's default instead."""
        scope = None
        try:
            kind, item_id = state["scope"]
            scope = Scope(ScopeKind(kind), uuid.UUID(item_id))
        except (KeyError, TypeError, ValueError):
            pass
        if scope is None or all(i != scope.id for _t, i in self.choices.get(scope.kind, ())):
            scope = self._default_scope()
        mode = state.get("mode")
        if mode in self.MODES:
            self.mode = mode
            self.mode_buttons[mode].setChecked(True)
            self._update_period()
        self.set_scope(scope)

    def set_scope(self, scope: Scope | None) -> None:
        self.scope = scope
        if scope is not None:
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(self.kind_box.findData(scope.kind.value))
            self.kind_box.blockSignals(False)
            self._fill_targets()
            label = next((text for text, item_id in self.choices.get(scope.kind, ()) if item_id == scope.id), "")
            self.target_box.setCurrentText(label)
        self._scroll_next = True
        self.views.filters_changed()
        self.reload()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self._scroll_next = True
        self._update_period()
        self.views.filters_changed()
        self.reload()

    def show_date(self, day: date, mode: str | None = None) -> None:
        self.anchor = day
        if mode is not None:
            self.mode = mode
            self.mode_buttons[mode].setChecked(True)
        self._scroll_next = True
        self._update_period()
        self.reload()

    def go(self, step: int) -> None:
        if self.mode == "day":
            self.anchor += timedelta(days=step)
        elif self.mode == "week":
            self.anchor += timedelta(days=7 * step)
        else:
            month = self.anchor.month - 1 + step
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self._scroll_next = True
        self._update_period()
        self.reload()

    def go_today(self) -> None:
        self.show_date(self.clock().astimezone(PLAN_TZ).date())

    def show_due(self) -> None:
        self.tabs.setCurrentWidget(self.due_tab)

    def new_item(self) -> None:
        """新建 (Ctrl+N) on this page: record an absence."""
        self.add_absence()

    def refresh(self) -> None:
        """刷新 (F5): read the choices, the shown period and the due lists again."""
        self.load_choices()
        self.reload()
        self.due_tab.reload()

    def _update_period(self) -> None:
        first, days = self.window_range()
        last = first + timedelta(days=days - 1)
        if self.mode == "day":
            text = self.tr("{y}年{m}月{d}日").format(y=first.year, m=first.month, d=first.day)
            text += " " + self.view.painter_.weekday(first)
        elif self.mode == "week":
            text = self.tr("{y}年{m}月{d}日 – {m2}月{d2}日").format(y=first.year, m=first.month, d=first.day,
                                                                  m2=last.month, d2=last.day)
        else:
            text = self.tr("{y}年{m}月").format(y=self.anchor.year, m=self.anchor.month)
        self.period_label.setText(text)

    # -- scope choices -------------------------------------------------------------------------
    def load_choices(self) -> None:
        db = self.ctx.db
        worker = Worker(lambda _p: _choices(db))
        worker.signals.finished.connect(self._on_choices)
        self._start(worker)

    def _on_choices(self, choices: dict[ScopeKind, list[tuple[str, uuid.UUID]]]) -> None:
        self.choices = choices
        if self.scope is None and not self.views.restore_last():
            self.set_scope(self._default_scope())
        else:
            self._fill_targets()
            self._show_state()

    def _default_scope(self) -> Scope | None:
        """This desk's outlet; else the project whose work is nearest; else nothing."""
        outlet_id = self.ctx.db.desk_outlet_id  # the signed-in account's outlet on a shared server
        if outlet_id is not None and any(i == outlet_id for _t, i in self.choices.get(ScopeKind.OUTLET, ())):
            return Scope(ScopeKind.OUTLET, outlet_id)
        projects = self.choices.get(ScopeKind.PROJECT, [])
        return Scope(ScopeKind.PROJECT, projects[0][1]) if projects else None

    def _fill_targets(self) -> None:
        kind = ScopeKind(self.kind_box.currentData())
        self.target_box.blockSignals(True)
        self.target_box.clear()
        for text, item_id in self.choices.get(kind, ()):
            self.target_box.addItem(text, str(item_id))
        self._completer_model.setStringList([t for t, _i in self.choices.get(kind, ())])
        self.target_box.setCurrentIndex(-1)
        self.target_box.blockSignals(False)

    def _on_kind_changed(self) -> None:
        self._fill_targets()
        self.target_box.setFocus()

    def _on_target_chosen(self, index: int) -> None:
        data = self.target_box.itemData(index)
        if data:
            self.set_scope(Scope(ScopeKind(self.kind_box.currentData()), uuid.UUID(data)))

    def _on_target_typed(self) -> None:
        i = self.target_box.findText(self.target_box.currentText().strip(), Qt.MatchFlag.MatchContains)
        if i >= 0:
            self.target_box.setCurrentIndex(i)
            self._on_target_chosen(i)

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._update_period()
        if self.scope is None:
            self._show_state()
            return
        self._generation += 1
        generation, scope, db = self._generation, self.scope, self.ctx.db
        first, days = self.window_range()
        start, end = day_start(first), day_start(first + timedelta(days=days))
        worker = Worker(lambda _p: (generation, *_load(db, scope, start, end)))
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
        if isinstance(exc, PlannerError):
            self.ctx.failed.emit(self.ctx.error_message(exc))
        else:
            self.ctx.failed.emit(self.tr("读取日程失败：{error}").format(error=exc))

    def _on_loaded(self, result: tuple[int, Agenda, datetime | None]) -> None:
        generation, loaded, following = result
        if generation != self._generation:
            return  # a newer request is on its way
        self.agenda, self.next_moment = loaded, following
        self._show_state()

    def _show_state(self) -> None:
        first, days = self.window_range()
        now = self.clock()
        items = self.agenda.items if self.agenda is not None and self.agenda.scope == self.scope else ()
        self.view.painter_.colour_by = "kind" if self.scope is not None and self.scope.kind is ScopeKind.PROJECT else "project"
        self.view.set_content(items, self.mode, first, days, month=self.anchor.month,
                              today=now.astimezone(PLAN_TZ).date(), now=now, scroll_to_first=self._scroll_next)
        self._scroll_next = False
        has_any = any(self.choices.get(k) for k in ScopeKind)
        if not has_any and self.choices:
            self.view.empty_text = self.tr("还没有人员、单位或项目。先在“项目”页新建项目并安排单位和人员，日程就会出现在这里。")
        elif self.scope is None:
            self.view.empty_text = self.tr("选择人员、单位或项目，查看其日程。")
        elif self.agenda is not None and not items:
            self.view.empty_text = self.tr("这段时间没有环节、截稿或不在岗安排。")
        else:
            self.view.empty_text = ""
        self.view.viewport().update()
        self.jump_button.setVisible(bool(self.view.empty_text and self.next_moment and self.scope))
        if self.next_moment is not None:
            d = self.next_moment.astimezone(PLAN_TZ).date()
            if d < first:  # nothing after the shown period: the latest before it
                self.jump_button.setText(self.tr("跳到最近一项：{y}年{m}月{d}日").format(y=d.year, m=d.month, d=d.day))
            else:
                self.jump_button.setText(self.tr("跳到下一项：{m}月{d}日").format(m=d.month, d=d.day))
        self.legend.setText(self._legend())
        for widget in (self.prev_button, self.next_button, self.today_button, self.print_button):
            widget.setEnabled(self.scope is not None)

    def _legend(self) -> str:
        if self.view.painter_.colour_by == "kind":
            colours = self.tr("蓝：站点 · 绿：阶段 · 橙：活动")
        else:
            colours = self.tr("颜色区分项目")
        refusal = drag_refusal(self.ctx).rstrip("。.")  # a role that moves nothing reads why, not "拖动…"
        parts = [colours, self.tr("红框：人员冲突 · 红条：截稿 · 灰色斜纹：不在岗") + " · " + refusal if refusal
                 else self.tr("红框：人员冲突 · 红条：截稿 · 灰色斜纹：不在岗 · 拖动可改时间（Ctrl+Z 撤销）")]
        if self.agenda is not None and self.agenda.scope == self.scope:
            if self.agenda.clashes:
                parts.append(self.tr("本段 {n} 处冲突").format(n=self.agenda.clashes))
            if self.agenda.undated:
                parts.append(self.tr("另有 {n} 个环节未定时间").format(n=self.agenda.undated))
        return " · ".join(parts)

    def _on_jump(self) -> None:
        if self.next_moment is not None:
            self.show_date(self.next_moment.astimezone(PLAN_TZ).date())

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(*_WATCHED):
            if changes.touches(Entity.PERSON, Entity.OUTLET, Entity.PROJECT) or changes.empty:
                self.load_choices()
            self._reload_timer.start()

    def _on_database_replaced(self) -> None:
        self.scope, self.agenda = None, None
        self.views.store = ViewStore("schedule", self.ctx.db.label)
        self.load_choices()

    def _on_due_counts(self, counts: dict) -> None:
        from planner.domain.agenda import DueView

        overdue = counts.get(DueView.OVERDUE, 0)
        title = self.tr("到期（逾期 {n}）").format(n=overdue) if overdue else self.tr("到期")
        self.tabs.setTabText(self.tabs.indexOf(self.due_tab), title)


__all__ = ["SchedulePage"]
