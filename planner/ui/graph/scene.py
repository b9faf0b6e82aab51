"""The one scene builder for graph pictures: the graph screen shows it, exports render it.

:class:`GraphScene` turns a networkx graph and precomputed positions into a ``QGraphicsScene``:
node items (outlets as circles, stages as squares) coloured by tier or province, one edge layer
that paints all links in a few batched ``drawLines`` calls (so a redraw stays within a frame even
with thousands of links), labels and a legend. Text comes from domain labels and a small zh/en
table because exports choose their language independently of the app's translator.
"""

from __future__ import annotations

import contextlib
import html
import math
from pathlib import Path
from typing import Any

import networkx as nx
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from planner.domain.enums import Role, Tier

TIER_COLORS = {
    Tier.CENTRAL.value: "#7b3fa0", Tier.PROVINCIAL.value: "#c62828",
    Tier.MUNICIPAL.value: "#ef8a17", Tier.COUNTY.value: "#1f77b4",
}
PROVINCE_COLORS = {"51": "#2a9d8f", "50": "#e76f51", "53": "#8e6c8a"}
OTHER_COLOR = "#8a8f98"
STAGE_COLOR = "#37474f"
LINK_COLORS = {"cross_province": "#d62828", "vertical": "#3a6ea5", "horizontal": "#3c9d4e", "local": "#9aa0a6"}
ROLE_COLORS = {Role.LEAD.value: "#263238", Role.SUPPORT.value: "#607d8b", Role.SYNDICATE.value: "#90a4ae"}
HIGHLIGHT = "#ffb300"

_TEXT = {
    "cross_province": ("跨省协作", "Cross-province"),
    "vertical": ("纵向（跨层级）", "Vertical (between tiers)"),
    "horizontal": ("横向（同层级跨地区）", "Horizontal (same tier)"),
    "local": ("同地同层级", "Same place and tier"),
    "stage": ("报道环节", "Stage"),
    "inactive": ("已取消/婉拒", "Cancelled/declined"),
    "critical": ("关键路径", "Critical path"),
    "dependency": ("依赖关系", "Dependency"),
    "other": ("其他地区", "Elsewhere"),
    "no_place": ("未设地点", "No place"),
    "shown": ("仅显示最强的 {n} 条关系（共 {m} 条）", "Showing the strongest {n} of {m} links"),
    "empty": ("没有可显示的内容", "Nothing to show"),
    "collaboration": ("协作关系图", "Collaboration graph"),
    "coverage": ("报道覆盖图", "Coverage graph"),
    "dependencies": ("环节依赖图", "Stage dependencies"),
    "load": ("任务", "assignments"),
    "partners": ("合作单位", "partners"),
}
_PROVINCES = {"51": ("四川", "Sichuan"), "50": ("重庆", "Chongqing"), "53": ("云南", "Yunnan")}
CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
                "SimHei", "Noto Sans SC"]
_fonts_loaded = False


def text(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return en if lang.startswith("en") else zh


def ensure_fonts() -> None:
    """Register the bundled fonts (resources/fonts) once, so Chinese renders headless too."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    _fonts_loaded = True
    try:
        from planner.paths import resource

        folder = Path(resource("fonts"))
    except Exception:  # no resources folder: system fonts only
        return
    if folder.is_dir():
        for f in sorted(folder.iterdir()):
            if f.suffix.lower() in {".ttf", ".otf", ".ttc"}:
                QFontDatabase.addApplicationFont(str(f))


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([*CJK_FAMILIES, font.defaultFamily()])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def node_color(d: dict[str, Any], color_by: str) -> QColor:
    if d.get("kind") == "stage":
        return QColor(STAGE_COLOR)
    if color_by == "province":
        return QColor(PROVINCE_COLORS.get(d.get("province") or "", OTHER_COLOR))
    return QColor(TIER_COLORS.get(d.get("tier") or "", OTHER_COLOR))


def node_tooltip(G: nx.Graph, n: Any, lang: str) -> str:
    d = G.nodes[n]
    en = lang.startswith("en")
    lines = [str(d.get("name", n))]
    if d.get("kind") == "stage":
        if d.get("project"):
            lines.append(str(d["project"]))
        if d.get("starts_at"):
            from datetime import datetime

            from planner.domain.timefmt import fmt_datetime

            lines.append(fmt_datetime(datetime.fromisoformat(d["starts_at"]), lang))
        lines.append(("Covered by " if en else "报道单位：") + str(len(set(G.neighbors(n)))))
    else:
        with contextlib.suppress(ValueError):
            lines.append(Tier(d.get("tier")).label(lang))
        from planner.domain.places import places

        place = places().label(d.get("adcode") or None)
        if place:
            lines.append(place)
        lines.append(f"{text('load', lang)}: {d.get('load', 0)}" if en else f"任务：{d.get('load', 0)} 项")
        if G.graph.get("kind") == "collaboration":
            lines.append(f"{text('partners', lang)}: {G.degree(n)}" if en else f"合作单位：{G.degree(n)} 家")
    return "\n".join(lines)


def _node_item(node_id: Any, rect: QRectF, square: bool) -> QGraphicsItem:
    """An outlet (circle) or a stage (square) that remembers its node id.

    No ``paint`` override: overriding it on shape items crashes PySide6 6.12 (refcount error).
    """
    item: QGraphicsItem = QGraphicsRectItem(rect) if square else QGraphicsEllipseItem(rect)
    item.setData(NODE_ROLE, str(node_id))
    item.setAcceptHoverEvents(True)
    item.setZValue(2)
    return item


NODE_ROLE = 0


class EdgeLayer:
    """All links, painted in C++ (a Python ``paint`` override crashes PySide6 6.12 with a refcount
    error).

    Vector mode: one ``QGraphicsLineItem`` per link (exports, small graphs). Raster mode (the screen
    with many links): the links are drawn once into an image at ``RASTER_SCALE`` × the scene size,
    so a redraw after layout is one image blit instead of thousands of antialiased lines; the links
    of a highlighted node are added on top as line items.
    """

    RASTER_SCALE = 1.0

    def __init__(self, scene: QGraphicsScene, batches: list[tuple[QPen, list[QLineF]]], *, raster: bool = False) -> None:
        self._scene = scene
        self.raster = raster
        self.items: list[QGraphicsItem] = []
        self._image_item: QGraphicsPixmapItem | None = None
        if raster:
            self._image_item = self._draw_image(batches)
        self.set_batches(batches if not raster else [])

    def _draw_image(self, batches: list[tuple[QPen, list[QLineF]]]) -> QGraphicsPixmapItem:
        rect = self._scene.sceneRect()
        k = self.RASTER_SCALE
        image = QImage(int(rect.width() * k), int(rect.height() * k), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.scale(k, k)
        for pen, lines in batches:
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.end()
        item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        item.setScale(1 / k)
        item.setPos(rect.topLeft())
        item.setZValue(0)
        self._scene.addItem(item)
        return item

    def set_batches(self, batches: list[tuple[QPen, list[QLineF]]], *, dimmed: bool = False) -> None:
        for item in self.items:
            self._scene.removeItem(item)
        self.items = []
        if self._image_item is not None:
            self._image_item.setOpacity(0.2 if dimmed else 1.0)
        for z, (pen, lines) in enumerate(batches):
            for line in lines:
                item = QGraphicsLineItem(line)
                item.setPen(pen)
                item.setZValue(0.5 + z * 0.001 if self.raster else z * 0.001)
                self._scene.addItem(item)
                self.items.append(item)


class GraphScene(QGraphicsScene):
    """A drawn graph. ``node_clicked(node_id)`` when a node is clicked, ``background_clicked`` else."""

    node_clicked = Signal(object)
    background_clicked = Signal()

    def __init__(
        self, G: nx.Graph, positions: dict[Any, tuple[float, float]], *, color_by: str = "tier", lang: str = "zh",
        width: int = 1600, height: int = 1000, title: str = "", max_edges: int = 2500, legend: bool = True,
        geographic: bool = False, rotate_stage_labels: bool = False, raster_edges: bool = False,
        screen_text: bool = False, parent: Any = None,
    ) -> None:
        """``screen_text``: node labels keep their size on screen whatever the zoom (the screen fits
        a 1600-wide scene into a smaller view and puts the legend beside it); pictures leave it off."""
        super().__init__(parent)
        self._screen_text = screen_text
        ensure_fonts()
        self.G, self.lang, self.color_by = G, lang, color_by
        self.kind = str(G.graph.get("kind", "collaboration"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setSceneRect(0, 0, width, height)
        self.setBackgroundBrush(QColor("white"))
        self.nodes: dict[Any, Any] = {}
        self._pens: dict[Any, QPen] = {}
        self._by_key: dict[str, Any] = {}
        self.labels: dict[Any, QGraphicsSimpleTextItem] = {}
        self.focus: Any = None
        self._rotate = rotate_stage_labels and self.kind == "coverage"
        self._pos = self._scale(positions, width, height, geographic)
        self._edges = self._choose_edges(max_edges)
        self._build_nodes()
        self.edge_layer = EdgeLayer(self, self._edge_batches(None), raster=raster_edges)
        if title:
            t = self.addSimpleText(title, ui_font(14, True))
            t.setPos(16, 10)
            t.setZValue(5)
        if legend:
            self._build_legend(height)
        if G.number_of_nodes() == 0:
            t = self.addSimpleText(text("empty", lang), ui_font(16))
            t.setPos(width / 2 - t.boundingRect().width() / 2, height / 2)

    # -- geometry -----------------------------------------------------------------------------
    def _scale(self, positions: dict[Any, tuple[float, float]], width: int, height: int,
               geographic: bool) -> dict[Any, QPointF]:
        pts = {n: positions[n] for n in self.G if n in positions}
        if not pts:
            return {}
        xs = [p[0] for p in pts.values()]
        ys = [p[1] for p in pts.values()]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if geographic:
            squeeze = math.cos(math.radians(30))
            xs_scale = squeeze
        else:
            xs_scale = 1.0
        left, top, right, bottom = 250.0, (150.0 if self._rotate else 60.0), 110.0, 40.0
        aw, ah = width - left - right, height - top - bottom
        dx, dy = max((x1 - x0) * xs_scale, 1e-9), max(y1 - y0, 1e-9)
        if geographic:
            s = min(aw / dx, ah / dy)
            sx = sy = s
            ox = left + (aw - dx * s) / 2
            oy = top + (ah - dy * s) / 2
        else:
            sx, sy = aw / dx, ah / dy
            ox, oy = left, top
            if x1 == x0:
                ox, sx = left + aw / 2, 0.0
            if y1 == y0:
                oy, sy = top + ah / 2, 0.0
        return {n: QPointF(ox + (p[0] - x0) * xs_scale * sx, oy + (p[1] - y0) * sy) for n, p in pts.items()}

    def _choose_edges(self, max_edges: int) -> list[tuple[Any, Any, dict[str, Any]]]:
        edges = [(u, v, d) for u, v, d in self.G.edges(data=True) if u in self._pos and v in self._pos]
        self.total_edges = len(edges)
        if len(edges) > max_edges:
            edges.sort(key=lambda e: -float(e[2].get("weight", 1)))
            edges = edges[:max_edges]
        self.shown_edges = len(edges)
        self._max_weight = max([float(e[2].get("weight", 1)) for e in edges] + [1.0])
        return edges

    # -- items --------------------------------------------------------------------------------
    def _build_nodes(self) -> None:
        G = self.G
        loads = [float(d.get("load", 0) or 0) for _n, d in G.nodes(data=True)]
        top = max([*loads, 1.0])
        many = G.number_of_nodes() > 60
        labelled = set()
        if many:
            ranked = sorted(G.nodes, key=lambda n: -float(G.nodes[n].get("load", 0) or 0))
            labelled = set(ranked[:25])
        for n, d in G.nodes(data=True):
            p = self._pos.get(n)
            if p is None:
                continue
            stage = d.get("kind") == "stage"
            r = 4.0 + 9.0 * math.sqrt(float(d.get("load", 0) or 0) / top)
            item = _node_item(n, QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), stage)
            self._by_key[str(n)] = n
            item.setBrush(QBrush(node_color(d, self.color_by)))
            pen = QPen(QColor("white"), 1.0)
            if d.get("critical"):
                pen = QPen(QColor(LINK_COLORS["cross_province"]), 2.5)
            item.setPen(pen)
            item.setToolTip(node_tooltip(G, n, self.lang))
            self._pens[n] = pen
            self.addItem(item)
            self.nodes[n] = item
            if not many or n in labelled or stage:
                self._add_label(n, p, r)

    def _add_label(self, n: Any, p: QPointF, r: float) -> None:
        d = self.G.nodes[n]
        label = str(d.get("label") or d.get("name") or "")[:14]
        t = QGraphicsSimpleTextItem(label)
        t.setFont(ui_font(8.5))
        t.setBrush(QColor("#212121"))
        t.setPos(p.x() + r + 2, p.y() - 7)
        if self._rotate and d.get("kind") == "stage":
            t.setRotation(-40)
            t.setPos(p.x() - 2, p.y() - r - 4)
        t.setZValue(3)
        if self._screen_text:
            t.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.addItem(t)
        self.labels[n] = t

    def _edge_pen(self, d: dict[str, Any]) -> tuple[str, QPen]:
        if self.kind == "collaboration":
            # Four widths by weight; thin lines when many links are drawn (fill rate rules redraws).
            level = round(3 * math.log1p(float(d.get("weight", 1))) / math.log1p(self._max_weight))
            widths = (0.5, 0.8, 1.1, 1.5) if self.shown_edges > 600 else (0.8, 1.5, 2.5, 4.0)
            key = ("cross_province" if d.get("cross_province") else str(d.get("link", "local")))
            color = QColor(LINK_COLORS.get(key, LINK_COLORS["local"]))
            color.setAlpha(150 if self.shown_edges <= 600 else 110)
            return f"{key}:{level}", QPen(color, widths[min(3, max(0, level))])
        if self.kind == "dependencies":
            key = "critical" if d.get("critical") else "dependency"
            return key, QPen(QColor(LINK_COLORS["cross_province"] if key == "critical" else "#607d8b"),
                             2.5 if key == "critical" else 1.4)
        if not d.get("active", True):
            pen = QPen(QColor("#cfd8dc"), 1.0, Qt.PenStyle.DashLine)
            return "inactive", pen
        role = str(d.get("role", Role.SUPPORT.value))
        pen = QPen(QColor(ROLE_COLORS.get(role, "#90a4ae")), 2.2 if role == Role.LEAD.value else 1.2)
        if role == Role.SYNDICATE.value:
            pen.setStyle(Qt.PenStyle.DotLine)
        return role, pen

    def _edge_batches(self, focus: Any) -> list[tuple[QPen, list[QLineF]]]:
        groups: dict[str, tuple[QPen, list[QLineF]]] = {}
        hot: list[QLineF] = []
        for u, v, d in self._edges:
            line = QLineF(self._pos[u], self._pos[v])
            if focus is not None and focus in (u, v):
                hot.append(line)
                continue
            key, pen = self._edge_pen(d)
            if focus is not None:
                c = pen.color()
                c.setAlpha(35)
                pen.setColor(c)
            groups.setdefault(key, (pen, []))[1].append(line)
        batches = list(groups.values())
        if hot:
            batches.append((QPen(QColor(HIGHLIGHT), 2.6), hot))
        return batches

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

    # -- interaction --------------------------------------------------------------------------
    def set_focus(self, node: Any) -> None:
        """Highlight ``node``, its links and its neighbours (``None`` clears)."""
        previous = self.focus
        self.focus = node if node in self.nodes else None
        neighbours = self.related(self.focus)
        for n, item in self.nodes.items():
            on = self.focus is None or n == self.focus or n in neighbours
            item.setOpacity(1.0 if on else 0.18)
            if n == self.focus:
                item.setPen(QPen(QColor(HIGHLIGHT), 3.0))
            elif n == previous:
                item.setPen(self._pens[n])
            label = self.labels.get(n)
            if label is not None:
                label.setOpacity(1.0 if on else 0.15)
        if self.focus is not None:
            for n in neighbours | {self.focus}:
                if n not in self.labels and n in self._pos:
                    r = self.nodes[n].rect().width() / 2
                    self._add_label(n, self._pos[n], r)
        if self.edge_layer.raster:
            hot = [QLineF(self._pos[u], self._pos[v]) for u, v, _d in self._edges if self.focus in (u, v)]
            batches = [(QPen(QColor(HIGHLIGHT), 2.6), hot)] if hot else []
            self.edge_layer.set_batches(batches, dimmed=self.focus is not None)
        else:
            self.edge_layer.set_batches(self._edge_batches(self.focus))

    def related(self, node: Any) -> set[Any]:
        """What lights up with ``node``: its neighbours; in the coverage graph an outlet also brings
        its partners (the other outlets on its stages)."""
        if node is None:
            return set()
        out = set(self.G.neighbors(node))
        if self.G.is_directed():
            out |= set(self.G.predecessors(node))
        elif self.kind == "coverage" and self.G.nodes[node].get("kind") == "outlet":
            for stage in list(out):
                out |= set(self.G.neighbors(stage))
            out.discard(node)
        return out

    def node_position(self, node: Any) -> QPointF | None:
        return self._pos.get(node)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for item in self.items(event.scenePos()):
                key = item.data(NODE_ROLE)
                if key is not None and key in self._by_key:
                    self.node_clicked.emit(self._by_key[key])
                    event.accept()
                    return
            self.background_clicked.emit()
        super().mousePressEvent(event)
