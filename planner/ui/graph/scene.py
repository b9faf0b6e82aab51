"""The one scene builder for graph pictures: the graph screen shows it, exports render it.

:class:`GraphScene` turns a networkx graph and precomputed positions into a ``QGraphicsScene``:
node items (outlets as circles, stages as squares) coloured by tier or province, one edge layer
that paints all links in a few batched ``drawLines`` calls (so a redraw stays within a frame even
with thousands of links), labels and a legend. Text comes from domain labels and a small zh/en
table because exports choose their language independently of the app's translator.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from planner.domain.enums import Role
from planner.ui.graph import mapping
from planner.ui.graph.items import NODE_ROLE, EdgeLayer, node_item
from planner.ui.graph.legend import LegendMixin
from planner.ui.graph.style import (  # noqa: F401 - the public names of the renderer live on here
    CJK_FAMILIES,
    HIGHLIGHT,
    LINK_COLORS,
    OTHER_COLOR,
    PROVINCE_COLORS,
    ROLE_COLORS,
    STAGE_COLOR,
    TIER_COLORS,
    ensure_fonts,
    node_color,
    node_tooltip,
    text,
    ui_font,
)


class GraphScene(LegendMixin, QGraphicsScene):
    """A drawn graph. ``node_clicked(node_id)`` when a node is clicked, ``background_clicked`` else."""

    node_clicked = Signal(object)
    background_clicked = Signal()

    def __init__(
        self, G: nx.Graph, positions: dict[Any, tuple[float, float]], *, color_by: str = "tier", lang: str = "zh",
        width: int = 1600, height: int = 1000, title: str = "", max_edges: int = 2500, legend: bool | str = True,
        geographic: bool = False, rotate_stage_labels: bool = False, raster_edges: bool = False,
        screen_text: bool = False, label_scale: float = 1.0, parent: Any = None,
    ) -> None:
        """``screen_text``: node labels keep their size on screen whatever the zoom (the screen fits
        a 1600-wide scene into a smaller view and puts the legend beside it); pictures leave it off.
        ``label_scale``: how much larger than their font a label stands in the scene (the screen's
        fit-to-window zoom), for placing labels apart. ``legend``: True or ``"side"`` (a box at the
        left), ``"bottom"`` (rows under the map, for narrow pictures on paper), False (none)."""
        super().__init__(parent)
        self._screen_text = screen_text
        self._label_scale = label_scale
        self._legend_mode = ("side" if legend is True else legend) or ""
        self._geographic = geographic
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
        self.group_labels: list[QGraphicsSimpleTextItem] = []
        self.leaders: dict[Any, QGraphicsLineItem] = {}
        self.province_labels: dict[str, QGraphicsSimpleTextItem] = {}
        self._province_paths: dict[str, QPainterPath] = {}
        self.focus: Any = None
        self._rotate = rotate_stage_labels and self.kind == "coverage"
        self._radius = self._radii()
        self._pos = self._scale(positions, width, height, geographic)
        self._groups: list[mapping.Group] = []
        if geographic and self.kind != "dependencies":
            self._spread_groups()
            self._draw_outline()
        self._edges = self._choose_edges(max_edges)
        self._build_nodes()
        self.edge_layer = EdgeLayer(self, self._edge_batches(None), raster=raster_edges)
        if title:
            t = self.addSimpleText(title, ui_font(14, True))
            t.setPos(16, 10)
            t.setZValue(5)
        if self._legend_mode == "side":
            self._build_legend(height)
        elif self._legend_mode == "bottom":
            self._build_legend_bottom(width, height)
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
        if geographic and self.kind != "dependencies":
            # some of the land around the outlets (within the provinces they are in), so the map
            # shows which side of the border each one is on
            codes = {str(d.get("province") or "") for _n, d in self.G.nodes(data=True)} & {"51", "50"}
            extent = mapping.outline_extent(codes)
            if extent is not None:
                pad = max(0.8, 0.2 * max(max(xs) - min(xs), max(ys) - min(ys)))
                xs += [max(extent[0], min(xs) - pad), min(extent[2], max(xs) + pad)]
                ys += [max(extent[1], min(ys) - pad), min(extent[3], max(ys) + pad)]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if geographic:
            squeeze = math.cos(math.radians(30))
            xs_scale = squeeze
        else:
            xs_scale = 1.0
        if self._legend_mode == "bottom":
            left, top, right, bottom = 14.0, 14.0, 14.0, 14.0 + self._bottom_legend_height(width)
        else:
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
        def to_scene(x: float, y: float) -> QPointF:
            return QPointF(ox + (x - x0) * xs_scale * sx, oy + (y - y0) * sy)

        self._to_scene = to_scene
        return {n: to_scene(p[0], p[1]) for n, p in pts.items()}

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
    def _radii(self) -> dict[Any, float]:
        loads = {n: float(d.get("load", 0) or 0) for n, d in self.G.nodes(data=True)}
        top = max([*loads.values(), 1.0])
        return {n: 4.0 + 9.0 * math.sqrt(v / top) for n, v in loads.items()}

    def _by_load(self) -> list[Any]:
        G = self.G
        return sorted(G.nodes, key=lambda n: (-float(G.nodes[n].get("load", 0) or 0), str(G.nodes[n].get("name", ""))))

    def _spread_groups(self) -> None:
        """Outlets sharing a spot on rings around it (see :mod:`planner.ui.graph.mapping`)."""
        attrs = {n: self.G.nodes[n] for n in self._pos}
        self._groups = mapping.spot_groups(self._pos, attrs)
        self._pos = mapping.separate(self._pos, self._radius, self._by_load())

    def _draw_outline(self) -> None:
        """Sichuan and Chongqing under the graph, the neighbours' boundaries faint, the names pale."""
        data = mapping.outline()
        if data is None or not hasattr(self, "_to_scene"):
            return
        tf = self._to_scene
        faint = QPen(QColor("#d5d9dd"), 0.8)
        for line in data["lines"]:
            path = QPainterPath(tf(line[0][0], -line[0][1]))
            for x, y in line[1:]:
                path.lineTo(tf(x, -y))
            item = self.addPath(path, faint)
            item.setZValue(-3)
        for code, prov in data["provinces"].items():
            path = QPainterPath()
            for ring in prov["rings"]:
                path.moveTo(tf(ring[0][0], -ring[0][1]))
                for x, y in ring[1:]:
                    path.lineTo(tf(x, -y))
                path.closeSubpath()
            item = self.addPath(path, QPen(QColor(mapping.PROVINCE_EDGE[code]), 1.2),
                                QBrush(QColor(mapping.PROVINCE_FILL[code])))
            item.setZValue(-2)
            name = prov["name_en"] if self.lang.startswith("en") else prov["name"]
            label = QGraphicsSimpleTextItem(name)
            label.setFont(ui_font(20, True))
            label.setBrush(QColor(mapping.PROVINCE_EDGE[code]))
            label.setZValue(-1)
            self.province_labels[code] = label
            self._province_paths[code] = path

    def _build_nodes(self) -> None:
        G = self.G
        many = G.number_of_nodes() > 60
        order = self._by_load()
        wanted = set(order[:25]) if many else set(order)
        for n, d in G.nodes(data=True):
            p = self._pos.get(n)
            if p is None:
                continue
            stage = d.get("kind") == "stage"
            r = self._radius[n]
            item = node_item(n, QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), stage)
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
            if stage:
                wanted.add(n)
        self._place_labels([n for n in order if n in wanted and n in self._pos])

    def _place_labels(self, order: list[Any]) -> None:
        """Group labels first (``成都市 12家``), then each node's, busiest first, where they fit."""
        if self._rotate:  # the layered coverage graph: stage labels slanted above, outlets beside
            for n in order:
                self._add_label(n, self._pos[n], self._radius[n])
            return
        bounds = self.sceneRect().adjusted(2, 2, -2, -2)
        placer = mapping.LabelPlacer(bounds)
        k = self._label_scale
        for n, p in self._pos.items():
            r = self._radius[n]
            placer.take(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))
        group_of: dict[Any, mapping.Group] = {m: g for g in self._groups for m in g.nodes}
        en = self.lang.startswith("en")
        for g in self._groups:
            if len(g.nodes) < 3 or not g.name:
                continue
            text = f"{g.name} ({len(g.nodes)})" if en else f"{g.name} {len(g.nodes)}家"
            t = QGraphicsSimpleTextItem(text)
            t.setFont(ui_font(9.5, True))
            t.setBrush(QColor("#37474f"))
            box = t.boundingRect()
            reach = max((self._pos[m] - g.centre).manhattanLength() for m in g.nodes) * 0.75 + 8
            spot = placer.place(g.centre, reach, box.width() * k, box.height() * k, QPointF(0, -1))
            if spot is None:
                continue
            self._finish_label(t, spot)
            self.group_labels.append(t)
        missed = []
        for n in order:
            d = self.G.nodes[n]
            text = str(d.get("label") or d.get("name") or "")[:14]
            t = QGraphicsSimpleTextItem(text)
            t.setFont(ui_font(8.5))
            t.setBrush(QColor("#212121"))
            box = t.boundingRect()
            g = group_of.get(n)
            away = self._pos[n] - g.centre if g is not None else None
            spot = placer.place(self._pos[n], self._radius[n], box.width() * k, box.height() * k, away)
            if spot is None:
                missed.append((n, t, box, away))
                continue
            self._finish_label(t, spot)
            self.labels[n] = t
        for n, t, box, away in missed:  # farther out, with a leader line to the node
            p, r = self._pos[n], self._radius[n]
            spot = placer.place(p, r + 16 * k, box.width() * k, box.height() * k, away)
            if spot is None:
                if self.G.nodes[n].get("kind") == "stage":  # a stage is never left unnamed
                    self._add_label(n, p, r)
                continue
            self._finish_label(t, spot)
            self.labels[n] = t
            edge = QPointF(min(max(p.x(), spot.left()), spot.right()), min(max(p.y(), spot.top()), spot.bottom()))
            leader = self.addLine(QLineF(p, edge), QPen(QColor("#90a4ae"), 0.7))
            leader.setZValue(2.5)
            self.leaders[n] = leader
        for code, label in self.province_labels.items():
            self._place_province_label(placer, code, label)

    def _place_province_label(self, placer: mapping.LabelPlacer, code: str, label: QGraphicsSimpleTextItem) -> None:
        """The province's name inside it where nothing else is (spiralling out from its centre)."""
        data = mapping.outline()
        path = self._province_paths.get(code)
        if data is None or path is None:
            return
        prov = data["provinces"][code]
        centre = self._to_scene(prov["label"][0], -prov["label"][1])
        box = label.boundingRect()
        view = self.sceneRect()
        for i in range(240):
            ang, dist = i * 0.7, 6.0 * i
            at = QPointF(centre.x() + dist * math.cos(ang), centre.y() + dist * math.sin(ang))
            rect = QRectF(at.x() - box.width() / 2, at.y() - box.height() / 2, box.width(), box.height())
            if view.contains(rect) and path.contains(rect) and placer.free(rect):
                placer.take(rect)
                label.setPos(rect.topLeft())
                self.addItem(label)
                return

    def _finish_label(self, t: QGraphicsSimpleTextItem, spot: QRectF) -> None:
        t.setPos(spot.topLeft())
        t.setZValue(3)
        if self._screen_text:
            t.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.addItem(t)

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
