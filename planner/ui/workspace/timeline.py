"""The 时间线 tab: the project's stages and every deadline on an hour, day or week scale.

The painted view lives in :mod:`planner.ui.timeline`; this tab holds its tool bar (scale, 今天,
deadline lines shown or folded), gives it its texts (tooltips in the interface language), and turns a
drag into one undoable :class:`~planner.services.reschedule.Reschedule` — moving a stage carries its
open deadlines along, as on the 日程 page; a deadline dragged before its stage starts is refused
with a message and nothing changes. Double-click opens the stage or the task; the context menu
opens a record's notes or its history.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import Entity
from planner.domain.rows import AssignmentRow, ProjectPlan
from planner.domain.timefmt import fmt_datetime
from planner.services.reschedule import Reschedule, TimeEdit, stage_move_edits
from planner.ui.context import AppContext
from planner.ui.server.gates import gate_timeline_tab
from planner.ui.timeline.layout import Row
from planner.ui.timeline.view import TimelineView


class TimelineTab(QWidget):
    stage_clicked = Signal(object)  # stage id
    assignment_clicked = Signal(object)  # assignment id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: ProjectPlan | None = None
        self.view = TimelineView()
        self.view.tooltip_for = self.tooltip
        self.view.deadline_label = self.deadline_label
        self.view.weekdays = self.tr("一,二,三,四,五,六,日").split(",")
        self.view.corner_text = self.tr("环节 / 各项截稿")
        self.view.reschedule_requested.connect(self._on_reschedule)
        self.view.item_activated.connect(self._on_activated)
        self.view.context_requested.connect(self._on_context)
        self.scales: dict[str, QRadioButton] = {
            "hour": QRadioButton(self.tr("按小时")), "day": QRadioButton(self.tr("按天")),
            "week": QRadioButton(self.tr("按周")),
        }
        group = QButtonGroup(self)
        for name, button in self.scales.items():
            group.addButton(button)
            button.toggled.connect(lambda on, n=name: self.view.set_scale(n) if on else None)
        self.scales["day"].setChecked(True)
        self.today_button = QPushButton(self.tr("今天"))
        self.today_button.setToolTip(self.tr("滚动到今天"))
        self.today_button.clicked.connect(self.jump_to_today)
        self.deadlines = QCheckBox(self.tr("逐项显示截稿"))
        self.deadlines.setChecked(True)
        self.deadlines.setToolTip(self.tr("每项任务的截稿单独占一行；关闭后截稿画在环节所在行"))
        self.deadlines.toggled.connect(self.view.set_deadlines)
        legend = QLabel(self.tr("条形：环节（蓝 站点 · 绿 阶段 · 橙 活动）　◆ 截稿（橙 未完成 · 红 逾期 · 紫 已交稿 · 绿 已刊发）"))
        legend.setStyleSheet("color:#666")
        legend.setWordWrap(True)
        hint = QLabel(self.tr("拖动条形移动环节，拖动两端改时间，拖动◆改截稿；Esc 取消"))
        hint.setStyleSheet("color:#888")
        top = QHBoxLayout()
        for button in self.scales.values():
            top.addWidget(button)
        top.addWidget(self.today_button)
        top.addWidget(self.deadlines)
        top.addSpacing(12)
        top.addWidget(legend, 1)
        self.empty = QLabel(self.tr("这个项目还没有环节，时间线为空。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self.empty, 1)
        self.hint = hint
        self.drag_refusal = ""  # the role's sentence when it may not move this project's times
        self._show_state()

    # -- data ----------------------------------------------------------------------------------
    def set_plan(self, plan: ProjectPlan | None, *, now: datetime | None = None) -> None:
        first_time = self.plan is None or plan is None or self.plan.project.id != plan.project.id
        keep = self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        self.plan = plan
        self.view.set_plan(plan, now=now)
        self._show_state()
        gate_timeline_tab(self)  # the signed-in role may not move a colleague's project (issue #16)
        if plan is None or not plan.stages:
            return
        if first_time:
            self.jump_to_today() if self._today_in_plan() else self.view.scroll_to(self._first_moment(), at=0.1)
        else:  # a reload after an edit keeps the place
            self.view.horizontalScrollBar().setValue(keep[0])
            self.view.verticalScrollBar().setValue(keep[1])

    def _show_state(self) -> None:
        has = bool(self.plan and self.plan.stages)
        self.empty.setVisible(not has)
        self.view.setVisible(has)
        self.hint.setVisible(has)
        for w in (self.today_button, self.deadlines, *self.scales.values()):
            w.setEnabled(has)

    def _today_in_plan(self) -> bool:
        axis = self.view.axis
        return 0 <= (self.view.now.date() - axis.first).days < axis.days

    def _first_moment(self) -> datetime:
        assert self.plan is not None
        times = [s.starts_at for s in self.plan.stages if s.starts_at]
        return min(times) if times else self.view.now

    def jump_to_today(self) -> None:
        self.view.scroll_to(self.view.now, at=0.3)

    def set_scale(self, name: str) -> None:
        self.scales[name].setChecked(True)

    # -- texts ---------------------------------------------------------------------------------
    def _outlet(self, a: AssignmentRow) -> str:
        outlet = self.plan.outlets.get(a.outlet_id) if self.plan else None
        return outlet.display_name if outlet else ""

    def deadline_label(self, a: AssignmentRow) -> str:
        return f"{self._outlet(a)} · {a.format.label(self.ctx.lang_code)}"

    def tooltip(self, row: Row, part: str) -> str:
        lang = self.ctx.lang_code
        if part.startswith("drag:"):
            drag = self.view.drag_preview()
            if drag is None or drag.new_start is None:
                return ""
            if part == "drag:due":
                return self.tr("截稿 {time}").format(time=fmt_datetime(drag.new_start, lang))
            return self.tr("{start} 至 {end}").format(start=fmt_datetime(drag.new_start, lang),
                                                     end=fmt_datetime(drag.new_end, lang) if drag.new_end else "?")
        if row.kind == "deadline" and row.assignment is not None:
            a = row.assignment
            lines = [f"{self._outlet(a)} · {a.role.label(lang)} · {a.format.label(lang)}",
                     self.tr("截稿 {time} · {status}").format(time=fmt_datetime(a.due_at, lang), status=a.status.label(lang))]
            people = [self.plan.people[p].name for p in a.person_ids if self.plan and p in self.plan.people]
            if people:
                lines.append(self.tr("人员：{names}").format(names="、".join(people)))
            if a.due_at and a.due_at < self.view.now and a.status.value in ("planned", "confirmed", "in_progress"):
                lines.append(self.tr("已逾期"))
            lines.append(f"“{row.stage.title}”")
            return "\n".join(lines)
        st = row.stage
        lines = [f"{st.position}. {st.title}"]
        if st.starts_at:
            when = fmt_datetime(st.starts_at, lang)
            if st.ends_at:
                when = self.tr("{start} 至 {end}").format(start=when, end=fmt_datetime(st.ends_at, lang))
            lines.append(when + (self.tr("（时间待定）") if st.time_tbc else ""))
        else:
            lines.append(self.tr("时间未定"))
        from planner.domain.places import places

        place = places().label(st.adcode) if st.adcode else ""
        lines.append(" · ".join(t for t in (st.kind.label(lang), place, st.location) if t))
        if self.plan is not None:
            n = len(self.plan.assignments_for_stage(st.id))
            lines.append(self.tr("{n} 项任务").format(n=n))
        if part in ("bar", "start", "end"):
            lines.append(self.drag_refusal or self.tr("拖动移动（截稿随之移动），拖动两端改开始或结束"))
        return "\n".join(lines)

    # -- actions -------------------------------------------------------------------------------
    def _on_reschedule(self, row: Row, mode: str, start: datetime, end: datetime | None) -> None:
        lang = self.ctx.lang_code
        if mode == "due" and row.assignment is not None:
            a = row.assignment
            edits = [TimeEdit(Entity.ASSIGNMENT, a.id, {"due_at": start}, a.version)]
            text = self.tr("截稿改到 {time}：{what}").format(time=fmt_datetime(start, lang), what=self.deadline_label(a))
        else:
            st = row.stage
            if mode == "move":
                edits = stage_move_edits(self.ctx.db, st.id, starts_at=start, ends_at=end, expected_version=st.version)
                text = self.tr("移动环节“{title}”到 {time}").format(title=st.title, time=fmt_datetime(start, lang))
            else:
                edits = [TimeEdit(Entity.STAGE, st.id, {"starts_at": start, "ends_at": end}, st.version)]
                text = self.tr("调整环节“{title}”的时间").format(title=st.title)
        self.ctx.push(Reschedule(edits, text=text))

    def _on_activated(self, row: Row) -> None:
        if row.kind == "deadline" and row.assignment is not None:
            self.assignment_clicked.emit(row.assignment.id)
        else:
            self.stage_clicked.emit(row.stage.id)

    def _on_context(self, row: Row, where: QPoint) -> None:
        menu = self.context_menu(row)
        menu.exec(where)

    def context_menu(self, row: Row) -> QMenu:
        menu = QMenu(self)
        target: uuid.UUID
        if row.kind == "deadline" and row.assignment is not None:
            target, title = row.assignment.id, f"{self.deadline_label(row.assignment)} · {row.stage.title}"
            menu.addAction(self.tr("打开任务"), lambda: self.assignment_clicked.emit(target))
            kwargs = {"assignment_id": target}
        else:
            target, title = row.stage.id, row.stage.title
            menu.addAction(self.tr("打开环节"), lambda: self.stage_clicked.emit(target))
            kwargs = {"stage_id": target}
        menu.addAction(self.tr("备注…"), lambda: self.open_notes(title, **kwargs))
        menu.addAction(self.tr("修改历史…"), lambda: self.open_history(target, title))
        return menu

    def open_notes(self, title: str, **target: uuid.UUID) -> None:
        from planner.ui.notes.dialog import NotesDialog

        NotesDialog(self.ctx, title, parent=self, **target).exec()

    def open_history(self, entity_id: uuid.UUID, title: str) -> None:
        from planner.ui.history.dialog import HistoryDialog

        HistoryDialog(self.ctx, entity_id, title, parent=self).exec()


__all__ = ["TimelineTab"]
