"""The 时间线 tab: stages as bars and deadlines as diamonds on a day or week scale, with a today marker.

A custom painted widget inside a scroll area; it paints only what the plan holds (tens of stages,
hundreds of deadlines), so a repaint is cheap.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import ACTIVE_STATUSES, StageKind
from planner.domain.rows import ProjectPlan
from planner.domain.timefmt import PLAN_TZ

_KIND_COLOURS = {StageKind.PLACE: "#4f8fd6", StageKind.PHASE: "#7cb342", StageKind.EVENT: "#f0a030"}
LABEL_W, HEADER_H, ROW_H = 190, 40, 30


class TimelineCanvas(QWidget):
    stage_clicked = Signal(object)  # stage id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ProjectPlan | None = None
        self.day_w = 60.0
        self.first: date = datetime.now(PLAN_TZ).date()
        self.days = 14
        self.today: date = datetime.now(PLAN_TZ).date()
        self._deadlines: dict[uuid.UUID, list[datetime]] = {}
        self.setMouseTracking(True)

    def set_plan(self, plan: ProjectPlan | None, *, today: date | None = None) -> None:
        self.plan = plan
        self.today = today or datetime.now(PLAN_TZ).date()
        self._deadlines = defaultdict(list)
        moments: list[date] = []
        if plan is not None:
            for a in plan.assignments:
                if a.due_at and a.status in ACTIVE_STATUSES:
                    self._deadlines[a.stage_id].append(a.due_at)
                    moments.append(a.due_at.astimezone(PLAN_TZ).date())
            for st in plan.stages:
                for t in (st.starts_at, st.ends_at):
                    if t:
                        moments.append(t.astimezone(PLAN_TZ).date())
            for d in (plan.project.starts_on, plan.project.ends_on):
                if d:
                    moments.append(d)
        if moments:
            self.first = min(moments) - timedelta(days=1)
            self.days = max(7, (max(moments) - self.first).days + 3)
        else:
            self.first, self.days = self.today - timedelta(days=3), 14
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def set_scale(self, day_width: float) -> None:
        self.day_w = day_width
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        rows = len(self.plan.stages) if self.plan else 0
        return QSize(int(LABEL_W + self.days * self.day_w + 20), HEADER_H + max(rows, 1) * ROW_H + 20)

    def x_of(self, moment: datetime | date) -> float:
        if isinstance(moment, datetime):
            loc = moment.astimezone(PLAN_TZ)
            days = (loc.date() - self.first).days + (loc.hour * 60 + loc.minute) / 1440
        else:
            days = (moment - self.first).days
        return LABEL_W + days * self.day_w

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        clip = event.rect()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        week_scale = self.day_w < 30
        # day grid and header
        for i in range(self.days + 1):
            d = self.first + timedelta(days=i)
            x = LABEL_W + i * self.day_w
            if x + self.day_w < clip.left() or x > clip.right():
                continue
            if d.weekday() >= 5:
                p.fillRect(QRectF(x, HEADER_H, self.day_w, self.height()), QColor("#f6f6f6"))
            monday = d.weekday() == 0
            p.setPen(QPen(QColor("#c8c8c8" if monday else "#ececec")))
            p.drawLine(QPointF(x, HEADER_H - 6), QPointF(x, self.height()))
            p.setPen(QColor("#444444"))
            p.setFont(small)
            if week_scale:
                if monday:
                    p.drawText(QRectF(x + 2, 2, self.day_w * 7, 18), f"{d.month}/{d.day} " + self.tr("周"))
            else:
                p.drawText(QRectF(x, 2, self.day_w, 18), Qt.AlignmentFlag.AlignCenter, f"{d.month}/{d.day}")
                p.drawText(QRectF(x, 18, self.day_w, 16), Qt.AlignmentFlag.AlignCenter,
                           self.tr("一二三四五六日")[d.weekday()] if len(self.tr("一二三四五六日")) == 7 else "")
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(QPointF(0, HEADER_H), QPointF(self.width(), HEADER_H))
        # rows
        stages = self.plan.stages if self.plan else ()
        p.setFont(self.font())
        for r, st in enumerate(stages):
            y = HEADER_H + r * ROW_H
            p.setPen(QPen(QColor("#f0f0f0")))
            p.drawLine(QPointF(0, y + ROW_H), QPointF(self.width(), y + ROW_H))
            p.setPen(QColor("#222222"))
            p.drawText(QRectF(6, y, LABEL_W - 10, ROW_H), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                       p.fontMetrics().elidedText(f"{st.position}. {st.title}", Qt.TextElideMode.ElideRight, LABEL_W - 12))
            if st.starts_at:
                x1 = self.x_of(st.starts_at)
                x2 = max(x1 + 4, self.x_of(st.ends_at) if st.ends_at else x1 + 4)
                colour = QColor(_KIND_COLOURS.get(st.kind, "#4f8fd6"))
                if st.time_tbc:
                    colour.setAlpha(110)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawRoundedRect(QRectF(x1, y + 7, x2 - x1, ROW_H - 14), 3, 3)
            p.setBrush(QColor("#b3261e"))
            p.setPen(Qt.PenStyle.NoPen)
            for due in self._deadlines.get(st.id, ()):
                x, cy = self.x_of(due), y + ROW_H / 2
                p.drawPolygon(QPolygonF([QPointF(x, cy - 5), QPointF(x + 5, cy), QPointF(x, cy + 5), QPointF(x - 5, cy)]))
        # label column divider and today marker
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(QPointF(LABEL_W, 0), QPointF(LABEL_W, self.height()))
        if 0 <= (self.today - self.first).days <= self.days:
            x = self.x_of(datetime.now(PLAN_TZ) if self.today == datetime.now(PLAN_TZ).date() else self.today)
            p.setPen(QPen(QColor("#d32f2f"), 2))
            p.drawLine(QPointF(x, HEADER_H - 4), QPointF(x, self.height()))
            p.setFont(small)
            p.drawText(QPointF(x + 3, HEADER_H - 6), self.tr("今天"))
        p.end()

    def stage_at(self, y: float) -> uuid.UUID | None:
        if self.plan is None or y < HEADER_H:
            return None
        r = int((y - HEADER_H) // ROW_H)
        return self.plan.stages[r].id if 0 <= r < len(self.plan.stages) else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        sid = self.stage_at(event.position().y())
        if sid is not None:
            self.stage_clicked.emit(sid)


class TimelineTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = TimelineCanvas()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.by_day = QRadioButton(self.tr("按天"))
        self.by_week = QRadioButton(self.tr("按周"))
        self.by_day.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_day)
        group.addButton(self.by_week)
        self.by_day.toggled.connect(lambda on: self.canvas.set_scale(60.0 if on else 16.0))
        legend = QLabel(self.tr("条形：环节（蓝 站点 · 绿 阶段 · 橙 活动）　◆ 截稿　红线：今天"))
        legend.setStyleSheet("color:#666")
        top = QHBoxLayout()
        top.addWidget(self.by_day)
        top.addWidget(self.by_week)
        top.addSpacing(16)
        top.addWidget(legend)
        top.addStretch(1)
        self.empty = QLabel(self.tr("这个项目还没有环节，时间线为空。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)

    def set_plan(self, plan: ProjectPlan | None) -> None:
        self.canvas.set_plan(plan)
        has = bool(plan and plan.stages)
        self.empty.setVisible(not has)
        self.scroll.setVisible(has)
        if has:
            x = int(self.canvas.x_of(self.canvas.today)) - 200
            self.scroll.horizontalScrollBar().setValue(max(0, x))
