"""The painted timeline: a scroll area with a pinned time header and a pinned column of row names.

Stages are bars, each deadline a diamond on its own line under its stage (or, with the lines folded,
on the stage's line, several at one time shown with their count). Hovering shows what an item is;
dragging a bar moves the stage (its open deadlines come along), dragging a bar's end changes its
start or end, dragging a diamond moves that deadline. Moves snap to the scale's step; Esc cancels.
A finished drag emits :attr:`TimelineView.reschedule_requested`, which the tab turns into one undo
step. Only the visible part is painted, so a long plan at the hour scale scrolls smoothly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from planner.domain.enums import OPEN_STATUSES, StageKind, Status
from planner.domain.rows import AssignmentRow, ProjectPlan
from planner.domain.timefmt import PLAN_TZ
from planner.ui.timeline.layout import SCALES, Axis, Row, Scale, build_rows, deadline_assignments, snap, span

LABEL_W, HEADER_H = 200.0, 42.0
EDGE_PX, DRAG_START_PX, DIAMOND = 6.0, 4.0, 6.0
_KIND_COLOURS = {StageKind.PLACE: "#4f8fd6", StageKind.PHASE: "#7cb342", StageKind.EVENT: "#f0a030"}
_DONE_COLOURS = {Status.FILED: "#6a1b9a", Status.PUBLISHED: "#2e7d32"}


@dataclass
class Drag:
    row: Row
    mode: str  # "move" | "start" | "end" | "due"
    origin_x: float
    start: datetime
    end: datetime | None
    active: bool = False
    new_start: datetime | None = None
    new_end: datetime | None = None


class TimelineView(QAbstractScrollArea):
    reschedule_requested = Signal(object, str, object, object)  # row, mode, new start (or due), new end
    item_activated = Signal(object)  # row (double-click)
    context_requested = Signal(object, object)  # row, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ProjectPlan | None = None
        #: whether bars and deadlines may be dragged (a shared server's role: planner.ui.server.gates)
        self.may_move = True
        self.scale: Scale = SCALES["day"]
        self.now = datetime.now(PLAN_TZ)
        first, days = span(None, self.now.date())
        self.axis = Axis(first, days, self.scale.day_w)
        self.deadlines = True
        self.rows: list[Row] = []
        #: texts the tab supplies (translated): (row, part) → tooltip, and a deadline line's name
        self.tooltip_for: Callable[[Row, str], str] = lambda row, part: row.label
        self.deadline_label: Callable[[AssignmentRow], str] = lambda a: str(a.id)[:8]
        self.weekdays: list[str] = ["一", "二", "三", "四", "五", "六", "日"]
        self.corner_text = ""
        self._drag: Drag | None = None
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.horizontalScrollBar().setSingleStep(24)
        self.verticalScrollBar().setSingleStep(20)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # -- content -------------------------------------------------------------------------------
    def set_plan(self, plan: ProjectPlan | None, *, now: datetime | None = None) -> None:
        self.plan = plan
        self.now = (now or datetime.now(PLAN_TZ)).astimezone(PLAN_TZ)
        first, days = span(plan, self.now.date())
        self.axis = Axis(first, days, self.scale.day_w)
        self._relayout()

    def set_scale(self, name: str) -> None:
        """Change the zoom keeping in view what was in view: the first stage or deadline shown, else the middle."""
        left = self.horizontalScrollBar().value()
        width = self.viewport().width() - LABEL_W
        shown = [t for t in self._moments() if left <= self.axis.x_of(t) <= left + width]
        anchor, at = (min(shown), 0.1) if shown else (self.axis.moment_at(left + width / 2), 0.5)
        self.scale = SCALES[name]
        self.axis.day_w = self.scale.day_w
        self._update_scrollbars()
        self.scroll_to(anchor, at=at)
        self.viewport().update()

    def _moments(self) -> list[datetime]:
        """Every stage start and deadline of the plan."""
        if self.plan is None:
            return []
        times = [s.starts_at for s in self.plan.stages if s.starts_at]
        return times + [r.assignment.due_at for r in self.rows if r.assignment is not None and r.assignment.due_at]

    def set_deadlines(self, shown: bool) -> None:
        self.deadlines = shown
        self._relayout()

    def _relayout(self) -> None:
        self.rows = build_rows(self.plan, deadlines=self.deadlines, label=self.deadline_label)
        self._drag = None
        self._update_scrollbars()
        self.viewport().update()

    def content_height(self) -> float:
        return self.rows[-1].bottom if self.rows else 0.0

    def _update_scrollbars(self) -> None:
        vw, vh = self.viewport().width(), self.viewport().height()
        h = self.horizontalScrollBar()
        h.setPageStep(max(1, int(vw - LABEL_W)))
        h.setRange(0, max(0, int(self.axis.width + 40 - (vw - LABEL_W))))
        v = self.verticalScrollBar()
        v.setPageStep(max(1, int(vh - HEADER_H)))
        v.setRange(0, max(0, int(self.content_height() + 10 - (vh - HEADER_H))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scroll_to(self, moment: datetime | date, *, at: float = 0.5) -> None:
        """Scroll so ``moment`` sits at fraction ``at`` of the visible time area (widening the axis if needed)."""
        day = moment.astimezone(PLAN_TZ).date() if isinstance(moment, datetime) else moment
        self.axis.include(day)
        self._update_scrollbars()
        x = self.axis.x_of(moment) - (self.viewport().width() - LABEL_W) * at
        self.horizontalScrollBar().setValue(max(0, int(x)))
        self.viewport().update()

    # -- coordinates ---------------------------------------------------------------------------
    def vx(self, moment: datetime | date) -> float:
        """Viewport x of a moment."""
        return LABEL_W + self.axis.x_of(moment) - self.horizontalScrollBar().value()

    def vy(self, row: Row) -> float:
        return HEADER_H + row.top - self.verticalScrollBar().value()

    def row_at(self, y: float) -> Row | None:
        if y < HEADER_H:
            return None
        cy = y - HEADER_H + self.verticalScrollBar().value()
        return next((r for r in self.rows if r.top <= cy < r.bottom), None)

    def bar_rect(self, row: Row) -> QRectF | None:
        st = row.stage
        if row.kind != "stage" or st.starts_at is None:
            return None
        x1 = self.vx(st.starts_at)
        x2 = max(x1 + 6, self.vx(st.ends_at) if st.ends_at else x1 + 6)
        y = self.vy(row)
        return QRectF(x1, y + 6, x2 - x1, row.height - 12)

    def diamonds(self, row: Row) -> list[tuple[AssignmentRow, QPointF]]:
        """The deadlines drawn on ``row`` and where: its own, or all of its stage's when folded."""
        if row.kind == "deadline" and row.assignment is not None:
            targets = [row.assignment]
        elif row.kind == "stage" and not self.deadlines and self.plan is not None:
            targets = deadline_assignments(self.plan, row.stage.id)
        else:
            targets = []
        cy = self.vy(row) + row.height / 2
        return [(a, QPointF(self.vx(a.due_at), cy)) for a in targets if a.due_at]  # type: ignore[arg-type]

    def hit(self, pos: QPointF) -> tuple[Row | None, str, AssignmentRow | None]:
        """What is under ``pos``: (row, part, deadline) with part label | start | end | bar | due | ""."""
        row = self.row_at(pos.y())
        if row is None:
            return None, "", None
        if pos.x() < LABEL_W:
            return row, "label", None
        for a, p in self.diamonds(row):
            if abs(pos.x() - p.x()) <= DIAMOND + 2 and abs(pos.y() - p.y()) <= DIAMOND + 2:
                return row, "due", a
        rect = self.bar_rect(row)
        if rect is not None and rect.top() - 3 <= pos.y() <= rect.bottom() + 3:
            # a bar too narrow for three handles is only moved (zoom in to change its start or end)
            resizable = row.stage.ends_at is not None and rect.width() >= 4 * EDGE_PX
            if resizable and abs(pos.x() - rect.left()) <= EDGE_PX:
                return row, "start", None
            if resizable and abs(pos.x() - rect.right()) <= EDGE_PX:
                return row, "end", None
            if rect.left() - 2 <= pos.x() <= rect.right() + 2:
                return row, "bar", None
        return row, "", None

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.viewport().width(), self.viewport().height()
        p.fillRect(0, 0, w, h, QColor("#ffffff"))
        first_day, last_day = self._visible_days(w)
        self._paint_grid(p, first_day, last_day, h)
        self._paint_rows(p, w)
        self._paint_now(p, h)
        self._paint_drag(p)
        self._paint_header(p, first_day, last_day, w)
        self._paint_labels(p, h)
        p.end()

    def _visible_days(self, w: float) -> tuple[int, int]:
        left = self.horizontalScrollBar().value()
        first = max(0, int(left // self.axis.day_w) - 1)
        last = min(self.axis.days, int((left + w) // self.axis.day_w) + 1)
        return first, last

    def _paint_grid(self, p: QPainter, first: int, last: int, h: float) -> None:
        hour_scale = self.scale.name == "hour"
        for i in range(first, last + 1):
            d = self.axis.first + timedelta(days=i)
            x = self.vx(d)
            if hour_scale:  # evenings and nights shaded: the working day stands out
                night = QColor("#f4f6f9")
                p.fillRect(QRectF(x, HEADER_H, 8 * self.scale.hour_w, h), night)
                p.fillRect(QRectF(x + 20 * self.scale.hour_w, HEADER_H, 4 * self.scale.hour_w, h), night)
                p.setPen(QPen(QColor("#eeeeee")))
                for hour in range(1, 24):
                    hx = x + hour * self.scale.hour_w
                    p.drawLine(QPointF(hx, HEADER_H), QPointF(hx, h))
            elif d.weekday() >= 5:
                p.fillRect(QRectF(x, HEADER_H, self.axis.day_w, h), QColor("#f6f6f6"))
            strong = hour_scale or d.weekday() == 0
            if strong or self.scale.name == "day":
                p.setPen(QPen(QColor("#c8c8c8" if strong else "#ececec")))
                p.drawLine(QPointF(x, HEADER_H), QPointF(x, h))

    def _paint_rows(self, p: QPainter, w: float) -> None:
        top, bottom = HEADER_H, self.viewport().height()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        for row in self.rows:
            y = self.vy(row)
            if y + row.height < top or y > bottom:
                continue
            p.setPen(QPen(QColor("#e6e6e6" if row.kind == "stage" else "#f3f3f3")))
            p.drawLine(QPointF(LABEL_W, y + row.height), QPointF(w, y + row.height))
            rect = self.bar_rect(row)
            if rect is not None:
                colour = QColor(_KIND_COLOURS.get(row.stage.kind, "#4f8fd6"))
                if row.stage.time_tbc:
                    colour.setAlpha(110)
                dragging = self._drag is not None and self._drag.active and self._drag.row.id == row.id
                if dragging:
                    colour.setAlpha(60)
                p.setPen(QPen(colour.darker(130), 1, Qt.PenStyle.DashLine if row.stage.time_tbc else Qt.PenStyle.SolidLine))
                p.setBrush(colour)
                p.drawRoundedRect(rect, 3, 3)
            elif row.kind == "stage":
                p.setPen(QColor("#999999"))
                p.setFont(small)
                p.drawText(QRectF(LABEL_W + 8, y, 300, row.height), Qt.AlignmentFlag.AlignVCenter, self.tr("时间未定"))
            self._paint_diamonds(p, row, small)

    def _paint_diamonds(self, p: QPainter, row: Row, small: QFont) -> None:
        placed = self.diamonds(row)
        stacked: dict[int, int] = defaultdict(int)
        for _a, pt in placed:
            stacked[round(pt.x())] += 1
        for a, pt in placed:
            dragging = self._drag is not None and self._drag.active and self._drag.mode == "due" and self._drag.row.assignment == a
            colour = QColor(self._due_colour(a))
            if dragging:
                colour.setAlpha(70)
            p.setPen(QPen(colour.darker(140), 1))
            p.setBrush(colour)
            p.drawPolygon(_diamond(pt, DIAMOND))
            count = stacked.get(round(pt.x()), 0)
            if count > 1:
                p.setFont(small)
                p.setPen(QColor("#333333"))
                p.drawText(QPointF(pt.x() + DIAMOND + 2, pt.y() + 4), f"×{count}")
                stacked[round(pt.x())] = 0  # the count once per stack

    def _due_colour(self, a: AssignmentRow) -> str:
        if a.status in _DONE_COLOURS:
            return _DONE_COLOURS[a.status]
        if a.status in OPEN_STATUSES and a.due_at is not None and a.due_at < self.now:
            return "#b3261e"
        return "#ef6c00"

    def _paint_now(self, p: QPainter, h: float) -> None:
        if not 0 <= (self.now.date() - self.axis.first).days < self.axis.days:
            return
        x = self.vx(self.now)
        if x < LABEL_W:
            return
        p.setPen(QPen(QColor("#d32f2f"), 2))
        p.drawLine(QPointF(x, HEADER_H - 4), QPointF(x, h))

    def _paint_drag(self, p: QPainter) -> None:
        d = self._drag
        if d is None or not d.active or d.new_start is None:
            return
        y = self.vy(d.row)
        colour = QColor("#1f6fb2")
        p.setPen(QPen(colour, 2))
        if d.mode == "due":
            p.setBrush(QColor("#ef6c00"))
            p.drawPolygon(_diamond(QPointF(self.vx(d.new_start), y + d.row.height / 2), DIAMOND + 1))
            return
        x1 = self.vx(d.new_start)
        x2 = max(x1 + 4, self.vx(d.new_end) if d.new_end else x1 + 4)
        fill = QColor(_KIND_COLOURS.get(d.row.stage.kind, "#4f8fd6"))
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(x1, y + 6, x2 - x1, d.row.height - 12), 3, 3)

    def _paint_header(self, p: QPainter, first: int, last: int, w: float) -> None:
        p.fillRect(QRectF(0, 0, w, HEADER_H), QColor("#fafafa"))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        p.setFont(small)
        p.setPen(QColor("#444444"))
        weekdays = self.weekdays if len(self.weekdays) == 7 else [str(i) for i in range(1, 8)]
        for i in range(first, last + 1):
            d = self.axis.first + timedelta(days=i)
            x = self.vx(d)
            if self.scale.name == "hour":
                # the date stays readable while its day is scrolled half out of view
                left = min(max(x + 4, LABEL_W + 4), x + self.axis.day_w - 80)
                p.drawText(QRectF(left, 2, 120, 18), Qt.AlignmentFlag.AlignLeft,
                           f"{d.month}/{d.day} {weekdays[d.weekday()]}")
                step = 1 if self.scale.hour_w >= 28 else 2
                for hour in range(0, 24, step):
                    hx = x + hour * self.scale.hour_w
                    p.drawText(QRectF(hx - 14, 20, 28, 16), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
            elif self.scale.name == "day":
                p.drawText(QRectF(x, 2, self.axis.day_w, 18), Qt.AlignmentFlag.AlignCenter, f"{d.month}/{d.day}")
                p.drawText(QRectF(x, 20, self.axis.day_w, 16), Qt.AlignmentFlag.AlignCenter, weekdays[d.weekday()])
            elif d.weekday() == 0:
                p.drawText(QRectF(x + 2, 2, self.axis.day_w * 7, 18), Qt.AlignmentFlag.AlignLeft, f"{d.month}/{d.day}")
        if 0 <= (self.now.date() - self.axis.first).days < self.axis.days and self.vx(self.now) >= LABEL_W:
            p.setPen(QColor("#d32f2f"))
            p.drawText(QPointF(self.vx(self.now) + 3, HEADER_H - 4), self.tr("今天"))
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(QPointF(0, HEADER_H), QPointF(w, HEADER_H))

    def _paint_labels(self, p: QPainter, h: float) -> None:
        p.fillRect(QRectF(0, HEADER_H + 1, LABEL_W, h), QColor("#ffffff"))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        for row in self.rows:
            y = self.vy(row)
            if y + row.height < HEADER_H or y > h:
                continue
            if row.kind == "stage":
                p.setFont(self.font())
                p.setPen(QColor("#222222"))
                rect = QRectF(6, y, LABEL_W - 12, row.height)
            else:
                p.setFont(small)
                p.setPen(QColor("#666666"))
                rect = QRectF(22, y, LABEL_W - 28, row.height)
            text = p.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight, int(rect.width()))
            p.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, text)
        p.fillRect(QRectF(0, 0, LABEL_W, HEADER_H), QColor("#fafafa"))
        p.setFont(small)
        p.setPen(QColor("#666666"))
        p.drawText(QRectF(6, 0, LABEL_W - 12, HEADER_H), Qt.AlignmentFlag.AlignVCenter, self.corner_text)
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(QPointF(LABEL_W, 0), QPointF(LABEL_W, h))

    # -- mouse ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        row, part, due = self.hit(event.position())
        if row is None or part in ("", "label") or not self.may_move:
            return
        st = row.stage
        if part == "due" and due is not None and due.due_at is not None:
            target = row if row.assignment is not None else Row("deadline", st, due, "", row.top, row.height)
            self._drag = Drag(target, "due", event.position().x(), due.due_at, None)
        elif st.starts_at is not None:
            mode = {"bar": "move", "start": "start", "end": "end"}[part]
            self._drag = Drag(row, mode, event.position().x(), st.starts_at, st.ends_at)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        d = self._drag
        if d is None:
            _row, part, _due = self.hit(pos)
            part = part if self.may_move else ""
            self.viewport().setCursor({
                "start": Qt.CursorShape.SizeHorCursor, "end": Qt.CursorShape.SizeHorCursor,
                "bar": Qt.CursorShape.OpenHandCursor, "due": Qt.CursorShape.OpenHandCursor,
            }.get(part, Qt.CursorShape.ArrowCursor))
            return
        if not d.active and abs(pos.x() - d.origin_x) < DRAG_START_PX:
            return
        d.active = True
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        delta = self.axis.moment_at(pos.x()) - self.axis.moment_at(d.origin_x)
        step = self.scale.step
        if d.mode in ("move", "due"):
            d.new_start = snap(d.start + delta, step)
            d.new_end = d.end + (d.new_start - d.start) if d.end is not None else None
        elif d.mode == "start":
            limit = (d.end or d.start + step) - step
            d.new_start, d.new_end = min(snap(d.start + delta, step), limit), d.end
        else:
            assert d.end is not None
            d.new_start, d.new_end = d.start, max(snap(d.end + delta, step), d.start + step)
        self.viewport().update()
        tip = self.tooltip_for(d.row, "drag:" + d.mode)
        QToolTip.showText(event.globalPosition().toPoint(), tip, self.viewport())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        d, self._drag = self._drag, None
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        QToolTip.hideText()
        if d is None or not d.active or d.new_start is None:
            self.viewport().update()
            return
        changed = d.new_start != d.start or d.new_end != d.end
        self.viewport().update()
        if changed:
            self.reschedule_requested.emit(d.row, d.mode, d.new_start, d.new_end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row, _part, due = self.hit(event.position())
        if row is not None:
            if due is not None and row.assignment is None:  # a folded deadline: open that assignment
                row = Row("deadline", row.stage, due, "", row.top, row.height)
            self.item_activated.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            QToolTip.hideText()
            self.viewport().update()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        row, _part, due = self.hit(QPointF(event.pos()))
        if row is not None:
            if due is not None and row.assignment is None:
                row = Row("deadline", row.stage, due, "", row.top, row.height)
            self.context_requested.emit(row, event.globalPos())

    def viewportEvent(self, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip and self._drag is None:
            row, part, due = self.hit(QPointF(event.pos()))
            if row is not None and part:
                if due is not None and row.assignment is None:
                    row = Row("deadline", row.stage, due, "", row.top, row.height)
                    part = "due"
                QToolTip.showText(event.globalPos(), self.tooltip_for(row, part), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- for tests and the tab -----------------------------------------------------------------
    def drag_preview(self) -> Drag | None:
        return self._drag


def _diamond(c: QPointF, r: float) -> QPolygonF:
    return QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()), QPointF(c.x(), c.y() + r),
                      QPointF(c.x() - r, c.y())])
