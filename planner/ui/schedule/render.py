"""Painting a schedule: the day and week hour grids with their banner strip, and the month grid.

One painter serves the screen (:class:`planner.ui.schedule.view.CalendarView`) and paper (the
printed or PDF week), so what is printed is what was seen. It draws from the placements of
:mod:`planner.ui.schedule.layout`; the view adds scrolling, selection and the drag ghost.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from planner.domain.agenda import AgendaItem, ItemKind, clash_text
from planner.domain.enums import StageKind
from planner.domain.timefmt import PLAN_TZ
from planner.ui.schedule.layout import Banner, Box, local

GUTTER = 52  # hour labels
HEADER_H = 40  # day names
LANE_H = 22  # one banner lane
PALETTE = ("#3f7fc9", "#2e8b57", "#c77c1e", "#8e44ad", "#c0392b", "#16808a", "#6d7f1e", "#b0417a")
DEADLINE = "#9f1d1d"
CLASH = "#d32f2f"
GRID = "#e6e6e6"
TEXT = "#1d1d1d"


KIND_COLOURS = {StageKind.PLACE: "#3f7fc9", StageKind.PHASE: "#5a9a2e", StageKind.EVENT: "#d9831f"}


def project_colour(project_id: uuid.UUID | None) -> QColor:
    """A stable colour per project (the same on every desk and every run)."""
    if project_id is None:
        return QColor("#607d8b")
    return QColor(PALETTE[project_id.int % len(PALETTE)])


@dataclass
class Geometry:
    """Where things are for one paint: the grid's left, the column width, the banner strip."""

    width: float
    days: int
    hour_px: float
    lanes: int

    @property
    def col_w(self) -> float:
        return max(10.0, (self.width - GUTTER) / max(1, self.days))

    @property
    def banner_h(self) -> float:
        return self.lanes * LANE_H + (6 if self.lanes else 0)

    @property
    def grid_top(self) -> float:
        return HEADER_H + self.banner_h

    def col_x(self, day: int) -> float:
        return GUTTER + day * self.col_w

    def box_rect(self, box: Box, y0: float) -> QRectF:
        w = self.col_w - 4
        cw = w / box.cols
        return QRectF(self.col_x(box.day) + 2 + box.col * cw, y0 + box.top, cw - 2, box.height - 1)

    def banner_rect(self, b: Banner) -> QRectF:
        x = self.col_x(b.first_day) + 2
        return QRectF(x, HEADER_H + 3 + b.lane * LANE_H, self.col_x(b.last_day + 1) - x - 3, LANE_H - 3)


class SchedulePainter(QObject):
    """Paints items and grids; texts in the interface language (``lang`` is ``zh`` or ``en``)."""

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        #: "project" (a person's or outlet's schedule spans projects) or "kind" (one project: station,
        #: phase, event)
        self.colour_by = "project"
        # texts looked up once: a month paints hundreds of items
        self._due = self.tr("截稿 · {title}")
        self._pieces = self.tr("（{n} 项）")
        self._tbc = self.tr("（待定）")
        self._days = self.tr("周一 周二 周三 周四 周五 周六 周日").split()
        self._md = self.tr("{month}月{day}日")

    def colour(self, item: AgendaItem) -> QColor:
        if self.colour_by == "kind" and item.stage_kind is not None:
            return QColor(KIND_COLOURS[item.stage_kind])
        return project_colour(item.project_id)

    # -- texts ---------------------------------------------------------------------------------
    def weekday(self, d: date) -> str:
        return self._days[d.weekday()] if len(self._days) == 7 else ""

    def day_label(self, d: date) -> str:
        return self._md.format(month=d.month, day=d.day)

    def item_lines(self, item: AgendaItem) -> tuple[str, str, str]:
        """(time, title, details) of an item for its box."""
        s, e = local(item.start), local(item.end)
        if item.kind is ItemKind.DEADLINE:
            n = len(item.deadlines)
            title = self._due.format(title=item.title)
            if n > 1:
                title += self._pieces.format(n=n)
            if item.done:
                title = "✓ " + title
            return f"{s:%H:%M}", title, self._sep().join(item.outlets)
        if item.kind is ItemKind.AWAY:
            kind = item.away_kind.label(self.lang) if item.away_kind else ""
            reason = f" · {item.reason}" if item.reason else ""
            return self._span(s, e), f"{item.title} · {kind}{reason}", ""
        title = item.title + (self._tbc if item.time_tbc else "")
        when = f"{s:%H:%M}" if item.open_end else self._span(s, e)
        who = self._sep().join([*item.outlets[:4], *item.people[:6]])
        return when, title, who

    def tooltip(self, item: AgendaItem, refusal: str = "") -> str:
        """The item's details; its last line says how to change it, or ``refusal`` when the role may not."""
        _when, title, _who = self.item_lines(item)
        rows = [f"<b>{_esc(title)}</b>", _esc(self._long_span(item))]
        if item.project_title:
            rows.append(_esc(item.project_title))
        if item.place:
            rows.append(_esc(self.tr("地点：{place}").format(place=item.place)))
        if item.kind is ItemKind.DEADLINE:
            for d in item.deadlines[:12]:
                people = self._sep().join(d.people)
                rows.append(_esc(f"◆ {d.outlet} · {d.format.label(self.lang)} · {d.status.label(self.lang)}"
                                 + (f" · {people}" if people else "")))
            if len(item.deadlines) > 12:
                rows.append(_esc(self.tr("…… 另有 {n} 项").format(n=len(item.deadlines) - 12)))
        else:
            if item.outlets:
                rows.append(_esc(self.tr("单位：{names}").format(names=self._sep().join(item.outlets))))
            if item.people and item.kind is ItemKind.STAGE:
                rows.append(_esc(self.tr("人员：{names}").format(names=self._sep().join(item.people))))
        for c in item.clashes:
            rows.append(f"<span style='color:{CLASH}'>⚠ {_esc(clash_text(c, self.lang))}</span>")
        if refusal and item.kind in (ItemKind.STAGE, ItemKind.DEADLINE):
            hint = refusal  # the signed-in role may not move it (a shared server)
        elif item.kind is ItemKind.STAGE:
            hint = self.tr("拖动可改时间；拖上下边缘可改开始或结束时间；双击打开环节")
        elif item.kind is ItemKind.DEADLINE:
            hint = self.tr("拖动可改截稿时间；双击打开任务")
        else:
            hint = self.tr("双击修改或删除这段不在岗时间")
        rows.append("<i>" + _esc(hint) + "</i>")
        return "<br>".join(rows)

    def _sep(self) -> str:
        return ", " if self.lang == "en" else "、"

    @staticmethod
    def _span(s: datetime, e: datetime) -> str:
        if s.date() == e.date() or (e - s <= timedelta(hours=24) and e.time() == datetime.min.time()):
            end = "24:00" if e.date() != s.date() else f"{e:%H:%M}"
            return f"{s:%H:%M}–{end}"
        return f"{s:%m-%d %H:%M}–{e:%m-%d %H:%M}"

    def _long_span(self, item: AgendaItem) -> str:
        s, e = local(item.start), local(item.end)
        first = f"{self.day_label(s.date())} {self.weekday(s.date())} {s:%H:%M}"
        if item.kind is ItemKind.DEADLINE or item.open_end:
            return first
        if s.date() == e.date():
            return f"{first}–{e:%H:%M}"
        return f"{first} – {self.day_label(e.date())} {e:%H:%M}"

    # -- pieces --------------------------------------------------------------------------------
    def paint_header(self, p: QPainter, g: Geometry, first_day: date, today: date) -> None:
        p.fillRect(QRectF(0, 0, g.width, g.grid_top), QColor("#fafafa"))
        bold = QFont(p.font())
        bold.setBold(True)
        for d in range(g.days):
            day = first_day + timedelta(days=d)
            x = g.col_x(d)
            rect = QRectF(x, 2, g.col_w, HEADER_H - 4)
            if day == today:
                p.fillRect(rect.adjusted(2, 0, -2, 0), QColor("#e3effc"))
            p.setFont(bold if day == today else p.font())
            p.setPen(QColor("#1565c0" if day == today else ("#8a8a8a" if day.weekday() >= 5 else TEXT)))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{self.weekday(day)}\n{self.day_label(day)}")
            p.setFont(self._normal(p))
            p.setPen(QPen(QColor(GRID)))
            p.drawLine(QPointF(x, HEADER_H - 2), QPointF(x, g.grid_top))
        p.setFont(self._normal(p))
        p.setPen(QPen(QColor("#c8c8c8")))
        p.drawLine(QPointF(0, g.grid_top - 1), QPointF(g.width, g.grid_top - 1))

    @staticmethod
    def _normal(p: QPainter) -> QFont:
        f = QFont(p.font())
        f.setBold(False)
        return f

    def paint_grid(self, p: QPainter, g: Geometry, y0: float, first_day: date, today: date, now: datetime,
                   top: float, bottom: float) -> None:
        """Hour lines and labels from ``top`` to ``bottom`` (viewport y), the grid starting at ``y0``."""
        small = smaller(p.font(), 1.5)
        for d in range(g.days):
            day = first_day + timedelta(days=d)
            if day.weekday() >= 5:
                p.fillRect(QRectF(g.col_x(d), max(top, y0), g.col_w, bottom - max(top, y0)), QColor("#f8f8f8"))
        p.setFont(small)
        for h in range(25):
            y = y0 + h * g.hour_px
            if y < top - g.hour_px or y > bottom + g.hour_px:
                continue
            p.setPen(QPen(QColor("#d9d9d9" if h % 6 else "#c4c4c4")))
            p.drawLine(QPointF(GUTTER - 4, y), QPointF(g.width, y))
            p.setPen(QPen(QColor("#efefef"), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(GUTTER, y + g.hour_px / 2), QPointF(g.width, y + g.hour_px / 2))
            if h < 24:
                p.setPen(QColor("#777777"))
                p.drawText(QRectF(0, y - 2, GUTTER - 8, 16), Qt.AlignmentFlag.AlignRight, f"{h:02d}:00")
        p.setPen(QPen(QColor(GRID)))
        for d in range(g.days + 1):
            x = g.col_x(d)
            p.drawLine(QPointF(x, max(top, y0)), QPointF(x, bottom))
        p.setFont(self._normal(p))
        d = (today - first_day).days
        if 0 <= d < g.days:
            loc = now.astimezone(PLAN_TZ)
            y = y0 + (loc.hour + loc.minute / 60) * g.hour_px
            p.setPen(QPen(QColor(CLASH), 2))
            p.drawLine(QPointF(g.col_x(d), y), QPointF(g.col_x(d + 1), y))
            p.setBrush(QColor(CLASH))
            p.drawEllipse(QPointF(g.col_x(d), y), 4, 4)

    def paint_box(self, p: QPainter, rect: QRectF, item: AgendaItem, *, selected: bool = False, ghost: bool = False) -> None:
        """One item as a box (grid), a banner or a month chip — whatever ``rect`` is."""
        p.save()
        p.setClipRect(rect.adjusted(-2, -2, 2, 2))
        base = self.colour(item)
        if item.kind is ItemKind.AWAY:
            p.setPen(QPen(QColor("#9e9e9e")))
            p.setBrush(QColor("#eeeeee"))
            p.drawRoundedRect(rect, 3, 3)
            p.setBrush(QBrush(QColor("#c9c9c9"), Qt.BrushStyle.BDiagPattern))
            p.drawRoundedRect(rect, 3, 3)
            fg = QColor("#424242")
        elif item.kind is ItemKind.DEADLINE:
            p.setPen(QPen(QColor("#e0b4b4")))
            p.setBrush(QColor("#fff7f7") if not item.done else QColor("#f3f7f3"))
            p.drawRoundedRect(rect, 3, 3)
            p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(DEADLINE if not item.done else "#6a9a6a"))
            fg = QColor(DEADLINE if not item.done else "#4b6b4b")
        else:
            fill = QColor(base)
            fill.setAlpha(60 if item.time_tbc else 46)
            pen = QPen(base.darker(115), 1, Qt.PenStyle.DashLine if item.time_tbc else Qt.PenStyle.SolidLine)
            p.setPen(pen)
            p.setBrush(QColor("#ffffff"))
            p.drawRoundedRect(rect, 3, 3)
            p.setBrush(fill)
            p.drawRoundedRect(rect, 3, 3)
            p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), base)
            fg = QColor(TEXT)
        if item.clashes:
            p.setPen(QPen(QColor(CLASH), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        if selected:
            p.setPen(QPen(QColor("#1565c0"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 4, 4)
        if ghost:
            p.restore()
            return
        when, title, who = self.item_lines(item)
        self._box_text(p, rect, item, when, title, who, fg)
        p.restore()

    def _box_text(self, p: QPainter, rect: QRectF, item: AgendaItem, when: str, title: str, who: str, fg: QColor) -> None:
        inner = rect.adjusted(7, 2, -3, -1)
        fm = QFontMetricsF(p.font())
        line = fm.height()
        warn = "⚠ " if item.clashes else ""
        p.setPen(QColor(CLASH) if item.clashes else fg)
        bold = QFont(p.font())
        bold.setBold(True)
        if inner.height() < 2 * line or item.kind is ItemKind.DEADLINE:
            text = f"{warn}{when} {title}" + (f" · {who}" if who and inner.height() >= 2 * line else "")
            p.setFont(bold if item.kind is not ItemKind.DEADLINE else p.font())
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine,
                       QFontMetricsF(p.font()).elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
            p.setFont(self._normal(p))
            return
        y = inner.top()
        p.setFont(self._normal(p))
        if fm.horizontalAdvance(warn + when) > inner.width():
            when = when.split("–")[0]  # a narrow column: the start is what matters
        p.drawText(QRectF(inner.left(), y, inner.width(), line), Qt.TextFlag.TextSingleLine,
                   fm.elidedText(warn + when, Qt.TextElideMode.ElideRight, inner.width()))
        y += line
        p.setFont(bold)
        p.setPen(fg)
        bfm = QFontMetricsF(bold)
        # the title may take two lines in a narrow column (six stations side by side)
        rows_left = int((inner.bottom() - y) // line)
        title_rows = 2 if rows_left >= 3 and bfm.horizontalAdvance(title) > inner.width() else 1
        p.drawText(QRectF(inner.left(), y, inner.width(), line * title_rows),
                   Qt.TextFlag.TextWrapAnywhere if title_rows == 2 else Qt.TextFlag.TextSingleLine,
                   title if title_rows == 2 else bfm.elidedText(title, Qt.TextElideMode.ElideRight, inner.width()))
        y += line * title_rows
        p.setFont(self._normal(p))
        # names in a column narrower than four characters would break letter by letter: leave them
        # to the tooltip
        if who and y + line <= inner.bottom() + 2 and inner.width() >= 4 * fm.horizontalAdvance("中"):
            p.setPen(QColor("#555555"))
            rest = QRectF(inner.left(), y, inner.width(), inner.bottom() - y)
            p.drawText(rest, Qt.TextFlag.TextWrapAnywhere, who)

    def paint_month(self, p: QPainter, rect: QRectF, first_day: date, month: int, today: date,
                    days: list[list[AgendaItem]], selected: str | None = None) -> dict[str, list[QRectF]]:
        """The six-week month grid; returns where each item's chips are (for hit tests)."""
        placed: dict[str, list[QRectF]] = {}
        head = 24.0
        cw, ch = rect.width() / 7, (rect.height() - head) / 6
        bold = QFont(p.font())
        bold.setBold(True)
        p.fillRect(rect, QColor("#ffffff"))
        for i in range(7):
            p.setPen(QColor("#666666"))
            p.drawText(QRectF(rect.left() + i * cw, rect.top(), cw, head), Qt.AlignmentFlag.AlignCenter,
                       self.weekday(first_day + timedelta(days=i)))
        fm = QFontMetricsF(p.font())
        chip = fm.height() + 3
        for n in range(42):
            day = first_day + timedelta(days=n)
            cell = QRectF(rect.left() + (n % 7) * cw, rect.top() + head + (n // 7) * ch, cw, ch)
            if day.month != month:
                p.fillRect(cell, QColor("#f6f6f6"))
            if day == today:
                p.fillRect(cell, QColor("#e3effc"))
            p.setPen(QPen(QColor(GRID)))
            p.drawRect(cell)
            p.setFont(bold if day == today else p.font())
            p.setPen(QColor("#1565c0" if day == today else ("#9a9a9a" if day.month != month else TEXT)))
            p.drawText(cell.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(day.day))
            p.setFont(self._normal(p))
            items = days[n]
            room = max(0, int((cell.height() - chip - 4) // chip))
            shown = items if len(items) <= room else items[: max(0, room - 1)]
            y = cell.top() + chip + 1
            for item in shown:
                r = QRectF(cell.left() + 3, y, cell.width() - 6, chip - 2)
                self.paint_chip(p, r, item, selected=item.key == selected, day=day)
                placed.setdefault(item.key, []).append(r)
                y += chip
            if len(shown) < len(items):
                p.setPen(QColor("#1565c0"))
                p.drawText(QRectF(cell.left() + 6, y, cell.width() - 8, chip), Qt.TextFlag.TextSingleLine,
                           self.tr("还有 {n} 项…").format(n=len(items) - len(shown)))
                placed.setdefault(f"more:{n}", []).append(QRectF(cell.left() + 3, y, cell.width() - 6, chip))
        return placed

    def paint_chip(self, p: QPainter, r: QRectF, item: AgendaItem, *, selected: bool = False,
                   day: date | None = None) -> None:
        """A one-line item in a month cell."""
        when, title, _who = self.item_lines(item)
        if item.kind is ItemKind.STAGE:
            when = f"{local(item.start):%H:%M}"
            if day is not None and local(item.start).date() != day:
                when = "→"  # a stage continued from an earlier day
        self.paint_box(p, r, item, selected=selected, ghost=True)
        p.save()
        p.setClipRect(r)
        p.setPen(QColor(CLASH) if item.clashes else QColor(DEADLINE if item.kind is ItemKind.DEADLINE else TEXT))
        text = ("⚠ " if item.clashes else "") + (f"{when} {title}" if item.kind is not ItemKind.AWAY else title)
        p.drawText(r.adjusted(7, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                   QFontMetricsF(p.font()).elidedText(text, Qt.TextElideMode.ElideRight, r.width() - 9))
        p.restore()


def smaller(font: QFont, points: float) -> QFont:
    """``font`` a little smaller, whether it is sized in points (screen) or pixels (paper)."""
    out = QFont(font)
    if font.pixelSize() > 0:
        out.setPixelSize(max(8, round(font.pixelSize() - points * 4 / 3)))
    else:
        out.setPointSizeF(max(7.0, font.pointSizeF() - points))
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["GUTTER", "HEADER_H", "LANE_H", "Geometry", "SchedulePainter", "project_colour"]
