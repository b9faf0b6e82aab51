"""The calendar widget of the 日程 page: day, week or month, with drag to move or resize.

A ``QAbstractScrollArea`` that paints the pinned header and banner strip and scrolls only the hour
grid. Dragging a stage moves it (sideways to another day in the week view), dragging its top or
bottom edge changes its start or end, dragging a deadline moves it, dragging a banner moves it by
days (its right edge changes its last day); in the month view items move by days. Moves snap to
15 minutes; Esc cancels (the page binds it, with PgUp/PgDown/Home, through :mod:`planner.ui.shortcuts`). A finished drag emits :attr:`CalendarView.reschedule_requested`, and the
page turns it into one undoable command. Away periods do not move: a double-click edits them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from planner.domain.agenda import AgendaItem, ItemKind
from planner.ui.schedule.layout import (
    SNAP_MINUTES,
    Banner,
    Box,
    banners,
    first_hour,
    grid_boxes,
    is_banner,
    month_days,
    snap,
)
from planner.ui.schedule.render import HEADER_H, Geometry, SchedulePainter

EDGE_PX = 6
DRAG_START_PX = 4


@dataclass
class Drag:
    item: AgendaItem
    mode: str  # "move" | "start" | "end"
    origin: QPointF
    start: datetime
    end: datetime
    active: bool = False
    new_start: datetime | None = None
    new_end: datetime | None = None


class CalendarView(QAbstractScrollArea):
    reschedule_requested = Signal(object, object, object, str)  # item, new start, new end, "move"|"start"|"end"
    item_activated = Signal(object)  # item (double-click)
    day_requested = Signal(object)  # a date (month view: "more…", a day header)

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painter_ = SchedulePainter(lang, self)
        #: Whether an item may be dragged (a shared server's role; see planner.ui.server.gates)
        self.may_move: Any = lambda item: True
        #: Why an item may not be dragged (one sentence, shown instead of the drag hint), or ""
        self.drag_refusal: Any = lambda item: ""
        self.mode = "week"
        self.first_day = date.today()
        self.days = 7
        self.month = self.first_day.month
        self.items: tuple[AgendaItem, ...] = ()
        self.today = date.today()
        self.now = datetime.now().astimezone()
        self.hour_px = 44.0
        self.selected: str | None = None
        self.empty_text = ""
        self._boxes: list[Box] = []
        self._banners: list[Banner] = []
        self._month_days: list[list[AgendaItem]] = []
        self._month_rects: dict[str, list[QRectF]] = {}
        self._drag: Drag | None = None
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(20)
        self.setMinimumHeight(280)

    # -- content -------------------------------------------------------------------------------
    def set_content(self, items: tuple[AgendaItem, ...], mode: str, first_day: date, days: int, *,
                    month: int | None = None, today: date, now: datetime, scroll_to_first: bool = True) -> None:
        self.items, self.mode, self.first_day, self.days = items, mode, first_day, days
        self.month = month or first_day.month
        self.today, self.now = today, now
        self.hour_px = 56.0 if mode == "day" else 44.0
        self._drag = None
        self._relayout()
        if scroll_to_first and mode != "month":
            self.verticalScrollBar().setValue(int(first_hour(self._visible_items()) * self.hour_px))
        self.viewport().update()

    def _visible_items(self) -> list[AgendaItem]:
        end = self.first_day + timedelta(days=self.days)
        return [i for i in self.items if self.first_day <= i.local_day() < end or is_banner(i)]

    def _relayout(self) -> None:
        if self.mode == "month":
            self._boxes, self._banners = [], []
            self._month_days = month_days(self.items, self.first_day, self.days)
        else:
            self._boxes = grid_boxes(self.items, self.first_day, self.days, self.hour_px)
            self._banners = banners(self.items, self.first_day, self.days)
        self._update_scroll()

    def geometry_(self) -> Geometry:
        lanes = 1 + max((b.lane for b in self._banners), default=-1)
        return Geometry(float(self.viewport().width()), self.days, self.hour_px, lanes)

    def _update_scroll(self) -> None:
        bar = self.verticalScrollBar()
        if self.mode == "month":
            bar.setRange(0, 0)
            return
        g = self.geometry_()
        visible = self.viewport().height() - g.grid_top
        bar.setPageStep(max(1, int(visible)))
        bar.setRange(0, max(0, int(24 * self.hour_px - visible)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scroll()

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.viewport().rect(), QColor("#ffffff"))
        if self.mode == "month":
            self._month_rects = self.painter_.paint_month(
                p, QRectF(self.viewport().rect()).adjusted(0, 0, -1, -1), self.first_day, self.month, self.today,
                self._month_days, self.selected)
            self._paint_month_ghost(p)
        else:
            self._paint_grid(p, event)
        if self.empty_text:
            self._paint_empty(p)
        p.end()

    def _paint_grid(self, p: QPainter, event: QPaintEvent) -> None:
        g = self.geometry_()
        y0 = g.grid_top - self.verticalScrollBar().value()
        clip = event.rect()
        p.save()
        p.setClipRect(QRectF(0, g.grid_top, g.width, self.viewport().height() - g.grid_top))
        self.painter_.paint_grid(p, g, y0, self.first_day, self.today, self.now, max(g.grid_top, clip.top()),
                                 clip.bottom())
        for box in self._boxes:
            r = g.box_rect(box, y0)
            if r.bottom() < g.grid_top or r.top() > self.viewport().height():
                continue
            self.painter_.paint_box(p, r, box.item, selected=box.item.key == self.selected,
                                    ghost=self._dragging(box.item))
        self._paint_grid_ghost(p, g, y0)
        p.restore()
        self.painter_.paint_header(p, g, self.first_day, self.today)
        for b in self._banners:
            self.painter_.paint_box(p, g.banner_rect(b), b.item, selected=b.item.key == self.selected,
                                    ghost=self._dragging(b.item))
        self._paint_banner_ghost(p, g)

    def _dragging(self, item: AgendaItem) -> bool:
        return self._drag is not None and self._drag.active and self._drag.item.key == item.key

    def _ghost_item(self) -> AgendaItem | None:
        d = self._drag
        if d is None or not d.active or d.new_start is None or d.new_end is None:
            return None
        from dataclasses import replace

        return replace(d.item, start=d.new_start, end=d.new_end)

    def _paint_grid_ghost(self, p: QPainter, g: Geometry, y0: float) -> None:
        ghost = self._ghost_item()
        if ghost is None or is_banner(self._drag.item):  # type: ignore[union-attr]
            return
        p.setOpacity(0.85)
        for box in grid_boxes([ghost], self.first_day, self.days, self.hour_px):
            r = g.box_rect(box, y0)
            r.setLeft(g.col_x(box.day) + 2)
            r.setWidth(g.col_w - 4)
            self.painter_.paint_box(p, r, ghost, selected=True)
        p.setOpacity(1.0)

    def _paint_banner_ghost(self, p: QPainter, g: Geometry) -> None:
        ghost = self._ghost_item()
        if ghost is None or not is_banner(self._drag.item):  # type: ignore[union-attr]
            return
        for b in banners([ghost], self.first_day, self.days):
            lane = next((x.lane for x in self._banners if x.item.key == ghost.key), 0)
            self.painter_.paint_box(p, g.banner_rect(Banner(ghost, b.first_day, b.last_day, lane)), ghost, selected=True)

    def _paint_month_ghost(self, p: QPainter) -> None:
        ghost = self._ghost_item()
        if ghost is None:
            return
        n = (ghost.local_day() - self.first_day).days
        if 0 <= n < 42:
            rect = self._month_cell(n)
            p.setOpacity(0.9)
            self.painter_.paint_chip(p, QRectF(rect.left() + 3, rect.bottom() - 22, rect.width() - 6, 19), ghost,
                                     selected=True)
            p.setOpacity(1.0)

    def _paint_empty(self, p: QPainter) -> None:
        r = QRectF(self.viewport().rect())
        top = HEADER_H + 30 if self.mode != "month" else 60
        box = QRectF(r.center().x() - 220, top, 440, 56)
        p.setPen(QColor("#d0d0d0"))
        p.setBrush(QColor(255, 255, 255, 235))
        p.drawRoundedRect(box, 6, 6)
        p.setPen(QColor("#555555"))
        p.drawText(box.adjusted(10, 4, -10, -4), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)

    # -- hit tests -----------------------------------------------------------------------------
    def item_at(self, pos: QPointF) -> tuple[AgendaItem | None, str]:
        """The item under ``pos`` and the part grabbed: ``move``, ``start`` (top edge) or ``end``."""
        if self.mode == "month":
            for key, rects in self._month_rects.items():
                if key.startswith("more:"):
                    continue
                for r in rects:
                    if r.contains(pos):
                        return next((i for i in self.items if i.key == key), None), "move"
            return None, ""
        g = self.geometry_()
        if pos.y() < g.grid_top:
            for b in reversed(self._banners):
                r = g.banner_rect(b)
                if r.contains(pos):
                    edge = "end" if pos.x() >= r.right() - EDGE_PX and b.item.kind is ItemKind.STAGE else "move"
                    return b.item, edge
            return None, ""
        y0 = g.grid_top - self.verticalScrollBar().value()
        for box in reversed(self._boxes):
            r = g.box_rect(box, y0)
            if r.contains(pos):
                part = "move"
                if box.item.kind is ItemKind.STAGE and r.height() >= 3 * EDGE_PX:
                    if box.last and pos.y() >= r.bottom() - EDGE_PX:
                        part = "end"
                    elif box.first and not box.item.open_end and pos.y() <= r.top() + EDGE_PX:
                        part = "start"
                return box.item, part
        return None, ""

    def day_at(self, pos: QPointF) -> date | None:
        if self.mode == "month":
            for n in range(42):
                if self._month_cell(n).contains(pos):
                    return self.first_day + timedelta(days=n)
            return None
        g = self.geometry_()
        d = int((pos.x() - g.col_x(0)) // g.col_w)
        return self.first_day + timedelta(days=d) if 0 <= d < self.days and pos.x() >= g.col_x(0) else None

    def _month_cell(self, n: int) -> QRectF:
        r = QRectF(self.viewport().rect()).adjusted(0, 0, -1, -1)
        cw, ch = r.width() / 7, (r.height() - 24) / 6
        return QRectF(r.left() + (n % 7) * cw, r.top() + 24 + (n // 7) * ch, cw, ch)

    # -- mouse ---------------------------------------------------------------------------------
    def viewportEvent(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ToolTip and self._drag is None:
            item, _part = self.item_at(QPointF(event.pos()))
            if item is not None:
                QToolTip.showText(event.globalPos(), self.painter_.tooltip(item, self.drag_refusal(item)),
                                 self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        if self.mode == "month":
            for key, rects in self._month_rects.items():
                if key.startswith("more:") and any(r.contains(pos) for r in rects):
                    self.day_requested.emit(self.first_day + timedelta(days=int(key[5:])))
                    return
        item, part = self.item_at(pos)
        self.selected = item.key if item is not None else None
        if item is not None and item.movable and self.may_move(item):
            self._drag = Drag(item, part, pos, item.start, item.end)
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        d = self._drag
        if d is None or not event.buttons() & Qt.MouseButton.LeftButton:
            _item, part = self.item_at(pos)
            cursor = {"start": Qt.CursorShape.SizeVerCursor, "end": Qt.CursorShape.SizeVerCursor}.get(part)
            if part == "end" and pos.y() < self.geometry_().grid_top and self.mode != "month":
                cursor = Qt.CursorShape.SizeHorCursor
            self.viewport().setCursor(cursor or (Qt.CursorShape.OpenHandCursor if part == "move" else Qt.CursorShape.ArrowCursor))
            return
        if not d.active and (pos - d.origin).manhattanLength() < DRAG_START_PX:
            return
        d.active = True
        d.new_start, d.new_end = self._proposed(d, pos)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor if d.mode == "move" else Qt.CursorShape.SizeVerCursor)
        QToolTip.showText(event.globalPosition().toPoint() + QPoint(14, 14), self._drag_label(d), self.viewport())
        self.viewport().update()

    def _proposed(self, d: Drag, pos: QPointF) -> tuple[datetime, datetime]:
        """New (start, end) of the dragged item with the pointer at ``pos``."""
        dx, dy = pos.x() - d.origin.x(), pos.y() - d.origin.y()
        if self.mode == "month":
            a, b = self.day_at(d.origin), self.day_at(pos)
            days = (b - a).days if a and b else 0
            shift = timedelta(days=days)
            return d.start + shift, d.end + shift
        g = self.geometry_()
        days = round(dx / g.col_w) if self.days > 1 else 0
        if is_banner(d.item):
            shift = timedelta(days=days)
            if d.mode == "end":
                return d.start, max(d.start + timedelta(days=1), d.end + shift)
            return d.start + shift, d.end + shift
        minutes = snap(timedelta(hours=dy / g.hour_px))
        step = timedelta(minutes=SNAP_MINUTES)
        if d.mode == "end":
            return d.start, max(d.start + step, d.end + minutes)
        if d.mode == "start":
            return min(d.end - step, d.start + minutes), d.end
        shift = minutes + timedelta(days=days)
        return d.start + shift, d.end + shift

    def _drag_label(self, d: Drag) -> str:
        from planner.ui.schedule.layout import local

        s, e = local(d.new_start), local(d.new_end)  # type: ignore[arg-type]
        day = self.painter_.day_label(s.date())
        if d.item.kind is ItemKind.DEADLINE or (d.item.open_end and d.mode == "move"):
            return f"{day} {s:%H:%M}"
        if s.date() == e.date():
            return f"{day} {s:%H:%M}–{e:%H:%M}"
        return f"{day} {s:%H:%M} – {self.painter_.day_label(e.date())} {e:%H:%M}"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        d, self._drag = self._drag, None
        QToolTip.hideText()
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        if (d is not None and d.active and d.new_start is not None and d.new_end is not None
                and (d.new_start, d.new_end) != (d.start, d.end)):
            self.reschedule_requested.emit(d.item, d.new_start, d.new_end, d.mode)
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item, _part = self.item_at(event.position())
        self._drag = None
        if item is not None:
            self.item_activated.emit(item)
            return
        if self.mode != "day":
            day = self.day_at(event.position())
            if day is not None:
                self.day_requested.emit(day)

    def cancel_drag(self) -> None:
        """Esc: drop the drag in progress; nothing is changed."""
        if self._drag is not None:
            self._drag = None
            QToolTip.hideText()
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            self.viewport().update()


__all__ = ["CalendarView", "Drag"]
