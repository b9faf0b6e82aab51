"""The key of a graph picture: what its shapes and colours mean, as a box beside the map (the
screen's pictures), as rows under it (pictures for paper), or as one line of rich text (the graph
screen shows it under the view)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from planner.domain.enums import Role, Tier
from planner.ui.graph.style import (
    _PROVINCES,
    LINK_COLORS,
    OTHER_COLOR,
    PROVINCE_COLORS,
    ROLE_COLORS,
    STAGE_COLOR,
    TIER_COLORS,
    text,
    ui_font,
)


class LegendMixin:
    """Legend drawing for :class:`planner.ui.graph.scene.GraphScene` (uses its graph, language,
    colouring and the scene's add* methods)."""

    G: Any
    lang: str
    color_by: str
    kind: str
    shown_edges: int
    total_edges: int

    def legend_rows(self) -> list[tuple[str, QColor, str]]:
        """What the legend shows: (``dot`` | ``square`` | ``line``, colour, text) for this graph."""
        lang = self.lang
        rows: list[tuple[str, QColor, str]] = []  # (shape, colour, text)
        present = {d.get("tier") for _n, d in self.G.nodes(data=True) if d.get("kind") != "stage"}
        if self.color_by == "province":
            provs = {d.get("province") or "" for _n, d in self.G.nodes(data=True) if d.get("kind") != "stage"}
            for code, (zh, en) in _PROVINCES.items():
                if code in provs:
                    rows.append(("dot", QColor(PROVINCE_COLORS[code]), en if lang.startswith("en") else zh))
            if provs - set(_PROVINCES):
                rows.append(("dot", QColor(OTHER_COLOR), text("other", lang)))
        else:
            for tier in Tier:
                if tier.value in present:
                    rows.append(("dot", QColor(TIER_COLORS[tier.value]), tier.label(lang)))
        if any(d.get("kind") == "stage" for _n, d in self.G.nodes(data=True)):
            rows.append(("square", QColor(STAGE_COLOR), text("stage", lang)))
        if self.kind == "collaboration":
            for key in ("cross_province", "vertical", "horizontal", "local"):
                rows.append(("line", QColor(LINK_COLORS[key]), text(key, lang)))
        elif self.kind == "coverage":
            for role in Role:
                rows.append(("line", QColor(ROLE_COLORS[role.value]), role.label(lang)))
            rows.append(("line", QColor("#cfd8dc"), text("inactive", lang)))
        else:
            rows.append(("line", QColor("#607d8b"), text("dependency", lang)))
            rows.append(("line", QColor(LINK_COLORS["cross_province"]), text("critical", lang)))
        return rows

    def legend_html(self) -> str:
        """The legend as one line of rich text, for a label beside the view."""
        marks = {"dot": "●", "square": "■", "line": "━"}
        return "&nbsp;&nbsp; ".join(
            f"<span style='color:{color.name()}'>{marks[shape]}</span>&nbsp;{html.escape(label)}"
            for shape, color, label in self.legend_rows()
        )

    def _build_legend(self, height: int) -> None:
        lang = self.lang
        rows = self.legend_rows()
        font = ui_font(9)
        y = 52.0
        box = QGraphicsRectItem(8, y - 6, 226, 22 * len(rows) + 14)
        box.setBrush(QColor(255, 255, 255, 230))
        box.setPen(QPen(QColor("#cfd8dc")))
        box.setZValue(6)
        self.addItem(box)
        for shape, color, label in rows:
            if shape == "dot":
                it: QGraphicsItem = self.addEllipse(18, y + 2, 11, 11, QPen(Qt.PenStyle.NoPen), QBrush(color))
            elif shape == "square":
                it = self.addRect(18, y + 2, 11, 11, QPen(Qt.PenStyle.NoPen), QBrush(color))
            else:
                path = QPainterPath(QPointF(14, y + 8))
                path.lineTo(34, y + 8)
                it = self.addPath(path, QPen(color, 2.5))
            it.setZValue(7)
            t = self.addSimpleText(label, font)
            t.setPos(42, y)
            t.setZValue(7)
            y += 22
        if self.shown_edges < self.total_edges:
            t = self.addSimpleText(text("shown", lang).format(n=self.shown_edges, m=self.total_edges), ui_font(8.5))
            t.setBrush(QColor("#546e7a"))
            t.setPos(12, height - 28)
            t.setZValue(7)

    def _bottom_legend_height(self, width: int) -> float:
        return 22.0 * self._legend_rows_needed(width) + 6

    def _legend_rows_needed(self, width: int) -> int:
        font = ui_font(8.5)
        fm = QFontMetricsF(font)
        x, rows = 0.0, 1
        for _shape, _colour, label in self.legend_rows():
            w = 26 + fm.horizontalAdvance(label) + 14
            if x + w > width - 20 and x > 0:
                rows, x = rows + 1, 0.0
            x += w
        return rows

    def _build_legend_bottom(self, width: int, height: int) -> None:
        """The key in rows under the map (pictures for paper are narrow: no room for a side box)."""
        rows = self._legend_rows_needed(width)
        y = height - 22.0 * rows - 4
        x = 14.0
        font = ui_font(8.5)
        for shape, color, label in self.legend_rows():
            t = QGraphicsSimpleTextItem(label)
            t.setFont(font)
            w = 26 + t.boundingRect().width() + 14
            if x + w > width - 14 and x > 14:
                x, y = 14.0, y + 22
            if shape == "dot":
                it: QGraphicsItem = self.addEllipse(x, y + 4, 10, 10, QPen(Qt.PenStyle.NoPen), QBrush(color))
            elif shape == "square":
                it = self.addRect(x, y + 4, 10, 10, QPen(Qt.PenStyle.NoPen), QBrush(color))
            else:
                path = QPainterPath(QPointF(x - 2, y + 9))
                path.lineTo(x + 16, y + 9)
                it = self.addPath(path, QPen(color, 2.5))
            it.setZValue(7)
            t.setPos(x + 22, y + 1)
            t.setZValue(7)
            self.addItem(t)
            x += w

