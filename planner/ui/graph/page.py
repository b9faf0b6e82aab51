"""The graph screen (协作图谱): filters, the zoomable graph view and a side panel with the reading.

Building the graph, its layout and its metrics runs in a worker on the database thread; results
are cached by request and layout until the data changes (``ctx.changed`` touching outlets,
stages, assignments, memberships or projects, or ``ctx.database_replaced``).
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Entity, Role, Status, Tier
from planner.domain.findings import finding_text
from planner.ui.context import AppContext
from planner.ui.graph.compute import GraphRequest, GraphResult, compute_graph, compute_layout_job
from planner.ui.graph.scene import GraphScene
from planner.ui.graph.view import GraphView
from planner.ui.workers import Worker

#: labels keep their size on screen while the 1600-unit scene is fitted into a view about 900 px
#: wide: in scene units a label is about this much larger than its font (for placing them apart)
SCREEN_LABEL_SCALE = 1.7

#: The screen draws at most this many links (the strongest); exports draw up to 2,500.
SCREEN_MAX_EDGES = 1500
#: Above this many links they are drawn once into an image, so that redraws stay within a frame.
RASTER_FROM_EDGES = 400

_WATCHED = (Entity.OUTLET, Entity.STAGE, Entity.ASSIGNMENT, Entity.MEMBERSHIP, Entity.PROJECT,
            Entity.STAGE_DEPENDENCY, Entity.ALLIANCE)


class GraphPage(QWidget):
    """协作图谱: who covers what, who works with whom, and who is left alone."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._cache: dict[tuple, GraphResult] = {}
        self._result: GraphResult | None = None
        self._scene: GraphScene | None = None
        self._worker: Worker | None = None
        self._pending_outlet: uuid.UUID | None = None
        self._dirty = True
        self._build()
        self._reload_timer = QTimer(self, singleShot=True, interval=250)
        self._reload_timer.timeout.connect(self.refresh)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_ctx_database_replaced)
        self._fill_choices()
        self.refresh()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_box = QComboBox()
        for code, label in (("collaboration", self.tr("协作关系")), ("coverage", self.tr("报道覆盖")),
                            ("dependencies", self.tr("环节依赖"))):
            self.kind_box.addItem(label, code)
        self.layout_box = QComboBox()
        for code, label in (("geographic", self.tr("地理分布")), ("layered", self.tr("分层")),
                            ("spring", self.tr("力导向"))):
            self.layout_box.addItem(label, code)
        self.color_box = QComboBox()
        self.color_box.addItem(self.tr("按层级着色"), "tier")
        self.color_box.addItem(self.tr("按省份着色"), "province")
        self.project_box = QComboBox()
        self.project_box.setMinimumContentsLength(14)
        self.project_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.alliance_box = QComboBox()
        self.alliance_box.setMinimumContentsLength(10)
        self.alliance_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tier_box = QComboBox()
        self.tier_box.addItem(self.tr("全部层级"), None)
        for tier in Tier:
            self.tier_box.addItem(self.ctx.label(tier), tier.value)
        self.province_box = QComboBox()
        self.province_box.addItem(self.tr("全部省份"), None)
        self.province_box.addItem(self.tr("四川"), "51")
        self.province_box.addItem(self.tr("重庆"), "50")
        self.province_box.addItem(self.tr("其他"), "other")
        self.period_check = QCheckBox(self.tr("时间段"))
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-12), calendarPopup=True)
        self.to_edit = QDateEdit(today.addMonths(12), calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.fit_button = QPushButton(self.tr("适应窗口"))
        self.export_button = QPushButton(self.tr("导出图谱…"))
        self.status = QLabel()
        self.status.setObjectName("graphStatus")

        row1 = QHBoxLayout()
        for label, w in ((self.tr("图谱"), self.kind_box), (self.tr("布局"), self.layout_box), (None, self.color_box),
                         (self.tr("项目"), self.project_box), (self.tr("联合体"), self.alliance_box)):
            if label:
                row1.addWidget(QLabel(label))
            row1.addWidget(w)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for w in (self.period_check, self.from_edit, QLabel("—"), self.to_edit, self.tier_box, self.province_box,
                  self.fit_button, self.export_button):
            row2.addWidget(w)
        row2.addWidget(self.status, 1)

        self.view = GraphView()
        self.panel = QTextBrowser()
        self.panel.setOpenLinks(False)
        self.panel.setMinimumWidth(220)
        self.legend = QLabel()  # beside the view, not in the scene: it never covers a node at any zoom
        self.legend.setObjectName("graphLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        graph_box = QWidget()
        graph_lay = QVBoxLayout(graph_box)
        graph_lay.setContentsMargins(0, 0, 0, 0)
        graph_lay.setSpacing(2)
        graph_lay.addWidget(self.view, 1)
        graph_lay.addWidget(self.legend)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(graph_box)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 300])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(split, 1)

        for box in (self.kind_box, self.project_box, self.alliance_box, self.tier_box, self.province_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.period_check.toggled.connect(self._on_period_toggled)
        self.from_edit.dateChanged.connect(self._on_filter_changed)
        self.to_edit.dateChanged.connect(self._on_filter_changed)
        self.layout_box.currentIndexChanged.connect(self._on_layout_changed)
        self.color_box.currentIndexChanged.connect(self._on_color_changed)
        self.fit_button.clicked.connect(self.view.fit)
        self.export_button.clicked.connect(self._on_export_clicked)

    def _fill_choices(self) -> None:
        """Project and alliance choices; ids are kept as text (``findData`` cannot match a UUID)."""
        from planner.services import queries

        for box in (self.project_box, self.alliance_box):
            box.blockSignals(True)
        keep_p, keep_a = self.project_box.currentData(), self.alliance_box.currentData()
        self.project_box.clear()
        self.project_box.addItem(self.tr("全部项目"), None)
        for s in queries.list_projects(self.ctx.db):
            self.project_box.addItem(s.project.title, str(s.project.id))
        self.alliance_box.clear()
        self.alliance_box.addItem(self.tr("全部单位"), None)
        for a in queries.list_alliances(self.ctx.db):
            self.alliance_box.addItem(a.name, str(a.id))
        for box, keep in ((self.project_box, keep_p), (self.alliance_box, keep_a)):
            i = box.findData(keep)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)

    # -- requests -----------------------------------------------------------------------------
    def request(self) -> GraphRequest:
        period = self.period_check.isChecked()
        project, alliance = self.project_box.currentData(), self.alliance_box.currentData()
        return GraphRequest(
            kind=self.kind_box.currentData(), project_id=uuid.UUID(project) if project else None,
            start=self.from_edit.date().toPython() if period else None,
            end=self.to_edit.date().toPython() if period else None,
            alliance_id=uuid.UUID(alliance) if alliance else None, tier=self.tier_box.currentData(),
            province=self.province_box.currentData(),
        )

    @property
    def layout_name(self) -> str:
        return str(self.layout_box.currentData())

    def refresh(self) -> None:
        """Show the graph for the current filters: from the cache, or computed in a worker."""
        self._dirty = False
        req = self.request()
        cached = self._cache.get(req.data_key())
        if cached is not None:
            if self.layout_name in cached.positions:
                self._show(cached)
            else:
                self._start_layout(cached)
            return
        if self._worker is not None:
            self._worker.progress.cancel()
        self.status.setText(self.tr("正在计算…"))
        worker = Worker(compute_graph, self.ctx.db, req, self.layout_name)
        worker.signals.finished.connect(self._on_worker_finished)
        worker.signals.failed.connect(self._on_worker_failed)
        self._worker = worker
        self._run(worker, database=True)

    def _start_layout(self, result: GraphResult) -> None:
        self.status.setText(self.tr("正在布局…"))
        worker = Worker(compute_layout_job, result.graph, self.layout_name)
        worker.signals.finished.connect(lambda out, r=result: self._on_layout_finished(r, out))
        worker.signals.failed.connect(self._on_worker_failed)
        self._run(worker)

    def _run(self, worker: Worker, *, database: bool = False) -> None:
        self.ctx.start(worker, database=database)

    def _on_worker_finished(self, result: GraphResult) -> None:
        if result.request != self.request():
            self._cache[result.request.data_key()] = result
            self.refresh()
            return
        self._worker = None
        self._cache[result.request.data_key()] = result
        if self.layout_name not in result.positions:
            self._start_layout(result)
            return
        self._show(result)

    def _on_layout_finished(self, result: GraphResult, out: tuple[str, dict]) -> None:
        layout, pos = out
        result.positions[layout] = pos
        if result.request == self.request() and layout == self.layout_name:
            self._show(result)

    def _on_worker_failed(self, exc: Exception) -> None:
        self._worker = None
        self.status.setText(self.tr("计算失败：") + str(exc))

    # -- showing ------------------------------------------------------------------------------
    def _show(self, result: GraphResult) -> None:
        self._result = result
        G = result.graph
        scene = GraphScene(G, result.positions[self.layout_name], color_by=str(self.color_box.currentData()),
                           lang=self.ctx.lang_code, width=1600, height=1000, geographic=self.layout_name == "geographic",
                           rotate_stage_labels=self.layout_name == "layered", max_edges=SCREEN_MAX_EDGES,
                           raster_edges=G.number_of_edges() > RASTER_FROM_EDGES, legend=False, screen_text=True,
                           label_scale=SCREEN_LABEL_SCALE)
        self.legend.setText(scene.legend_html())
        self.legend.setVisible(G.number_of_nodes() > 0)  # an empty graph needs no key
        scene.node_clicked.connect(self._on_scene_node_clicked)
        scene.background_clicked.connect(self._on_scene_background_clicked)
        old = self._scene
        self._scene = scene
        self.view.setScene(scene)
        if old is not None:
            old.deleteLater()
        self.view.fit()
        if result.notice == "need_project":
            self.status.setText(self.tr("环节依赖图需要先选择一个项目。"))
        elif result.notice == "too_many_stages":
            self.status.setText(self.tr("环节太多，请选择项目或时间段后再查看覆盖图。"))
        else:
            self.status.setText(self.tr("%n 个节点", "", G.number_of_nodes()) + " · " +
                                self.tr("%n 条关系", "", G.number_of_edges()))
        self._show_summary()
        if self._pending_outlet is not None and self._pending_outlet in G:
            self.select(self._pending_outlet)
            self._pending_outlet = None

    def _show_summary(self) -> None:
        r = self._result
        if r is None:
            return
        parts: list[str] = []
        lang = self.ctx.lang_code
        if r.metrics is not None:
            parts.append("<h3>" + self.tr("解读") + "</h3>")
            parts += [f"<p>{html.escape(s)}</p>" for s in r.metrics.reading(lang)]
        G = r.graph
        if G.graph.get("kind") == "dependencies" and G.number_of_nodes():
            names = [html.escape(G.nodes[n]["name"]) for n in G.graph.get("critical_path", [])]
            if names:
                parts.append("<h3>" + self.tr("关键路径") + f"</h3><p>{' → '.join(names)}</p>")
            cycle = G.graph.get("cycle", [])
            if cycle:
                parts.append("<p><b>" + self.tr("依赖成环：") + f"</b>{'、'.join(html.escape(G.nodes[n]['name']) for n in cycle)}</p>")
            findings = r.extra.get("findings", [])
            if findings:
                parts.append("<h3>" + self.tr("问题与风险") + "</h3><ul>")
                parts += [f"<li>{html.escape(finding_text(f, lang))}</li>" for f in findings[:40]]
                parts.append("</ul>")
        if G.graph.get("kind") == "coverage" and G.number_of_nodes():
            bare = [G.nodes[n]["name"] for n, d in G.nodes(data=True)
                    if d.get("kind") == "stage" and not any(e.get("active") for *_x, e in G.edges(n, data=True))]
            parts.append("<h3>" + self.tr("覆盖情况") + "</h3>")
            if bare:
                parts.append("<p>" + self.tr("无人报道的环节：") + html.escape("、".join(bare[:30])) + "</p>")
            else:
                parts.append("<p>" + self.tr("每个环节都有单位报道。") + "</p>")
        hint = self.tr("单击单位查看其环节与合作单位，单击环节查看报道单位。滚轮缩放，拖动平移。")
        parts.append(f"<p style='color:#607d8b'>{hint}</p>")
        self.panel.setHtml("".join(parts))

    def select(self, node: Any) -> None:
        """Highlight ``node`` and show its details in the side panel."""
        if self._scene is None or self._result is None or node not in self._result.graph:
            return
        self._scene.set_focus(node)
        pos = self._scene.node_position(node)
        if pos is not None:
            self.view.centerOn(pos)
        self._show_details(node)

    def _show_details(self, node: Any) -> None:
        G = self._result.graph if self._result else None
        if G is None:
            return
        lang = self.ctx.lang_code
        d = G.nodes[node]
        parts = [f"<h3>{html.escape(str(d.get('name', '')))}</h3>"]
        if d.get("kind") == "stage":
            parts.append(f"<p>{html.escape(str(d.get('project', '')))}</p>")
            rows = []
            edges = G.in_edges(node, data=True) if G.is_directed() else G.edges(node, data=True)
            for u, v, e in edges:
                other = u if v == node else v
                if G.is_directed():
                    rows.append("<li>" + self.tr("前置环节：") + html.escape(G.nodes[other]["name"]) + "</li>")
                    continue
                text = html.escape(G.nodes[other].get("name", ""))
                try:
                    text += f" · {Role(e['role']).label(lang)} · {Status(e['status']).label(lang)}"
                    from planner.domain.enums import Format

                    text += f" · {Format(e['format']).label(lang)}"
                except (KeyError, ValueError):
                    pass
                rows.append(f"<li>{text}</li>")
            parts.append("<p><b>" + self.tr("报道单位") + f"</b></p><ul>{''.join(rows) or '<li>—</li>'}</ul>")
        else:
            from planner.graph.collaboration import neighbours_by_weight

            parts.append("<p>" + self.tr("任务：") + f"{d.get('load', 0)}</p>")
            partners = neighbours_by_weight(G, node)[:20]
            title = self.tr("合作单位") if G.graph.get("kind") == "collaboration" else self.tr("报道环节")
            items = "".join(f"<li>{html.escape(str(G.nodes[n].get('name', '')))}（{w}）</li>" for n, w in partners)
            parts.append(f"<p><b>{title}</b></p><ul>{items or '<li>—</li>'}</ul>")
            if G.graph.get("kind") == "coverage":
                stages = {n for n, _w in neighbours_by_weight(G, node)}
                mates: dict[Any, int] = {}
                for st in stages:
                    for other in set(G.neighbors(st)) - {node}:
                        mates[other] = mates.get(other, 0) + 1
                ranked = sorted(mates.items(), key=lambda kv: (-kv[1], str(G.nodes[kv[0]].get("name", ""))))[:20]
                items = "".join(f"<li>{html.escape(str(G.nodes[n].get('name', '')))}（{w}）</li>" for n, w in ranked)
                parts.append("<p><b>" + self.tr("合作单位") + f"</b></p><ul>{items or '<li>—</li>'}</ul>")
            if G.graph.get("kind") == "collaboration":
                self._load_outlet_stages(node)
        self.panel.setHtml("".join(parts))

    def _load_outlet_stages(self, outlet_id: uuid.UUID) -> None:
        from planner.graph.collaboration import outlet_stages

        req = self.request()
        worker = Worker(lambda _p: outlet_stages(self.ctx.db, outlet_id,
                                                 project_ids=[req.project_id] if req.project_id else None,
                                                 start=req.start, end=req.end, limit=60))
        worker.signals.finished.connect(lambda rows, o=outlet_id: self._on_outlet_stages(o, rows))
        self._run(worker, database=True)

    def _on_outlet_stages(self, outlet_id: uuid.UUID, rows: list[dict]) -> None:
        if self._scene is None or self._scene.focus != outlet_id:
            return
        lang = self.ctx.lang_code
        items = "".join(
            f"<li>{html.escape(r['project'])} · {html.escape(r['stage'])} · {r['role'].label(lang)} · "
            f"{r['status'].label(lang)}</li>" for r in rows
        )
        self.panel.append("<p><b>" + self.tr("承担的环节") + f"</b></p><ul>{items or '<li>—</li>'}</ul>")
        self.panel.verticalScrollBar().setValue(0)

    def show_outlet(self, outlet_id: uuid.UUID) -> None:
        """Navigate here for one outlet: clear the tier/province filters if needed and select it."""
        if self._result is not None and outlet_id in self._result.graph:
            self.select(outlet_id)
            return
        self._pending_outlet = outlet_id
        for box in (self.tier_box, self.province_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        if self.kind_box.currentData() == "dependencies":
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(0)
            self.kind_box.blockSignals(False)
        self.refresh()

    # -- slots --------------------------------------------------------------------------------
    def _on_filter_changed(self, *_: Any) -> None:
        self._reload_timer.start()

    def _on_period_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self._reload_timer.start()

    def _on_layout_changed(self, *_: Any) -> None:
        if self._result is not None and self._result.request == self.request():
            if self.layout_name in self._result.positions:
                self._show(self._result)
            else:
                self._start_layout(self._result)
        else:
            self.refresh()

    def _on_color_changed(self, *_: Any) -> None:
        if self._result is not None:
            self._show(self._result)

    def _on_scene_node_clicked(self, node: Any) -> None:
        self.select(node)

    def _on_scene_background_clicked(self) -> None:
        if self._scene is not None and self._scene.focus is not None:
            self._scene.set_focus(None)
            self._show_summary()

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(*_WATCHED):
            self._cache.clear()
            if changes.touches(Entity.PROJECT, Entity.ALLIANCE):
                self._fill_choices()
            self._schedule()

    def _on_ctx_database_replaced(self) -> None:
        self._cache.clear()
        self._result = None
        self._fill_choices()
        self._schedule()

    def _schedule(self) -> None:
        if self.isVisible():
            self._reload_timer.start()
        else:
            self._dirty = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start()

    def _on_export_clicked(self) -> None:
        """Save the graph on screen: a picture (same renderer) or data for Gephi/networkx."""
        if self._result is None:
            return
        filters = {
            "png": self.tr("PNG 图片 (*.png)"), "svg": self.tr("SVG 矢量图 (*.svg)"),
            "graphml": self.tr("GraphML 图数据 (*.graphml)"), "gexf": self.tr("GEXF 图数据 (*.gexf)"),
            "json": self.tr("JSON 图数据 (*.json)"),
        }
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("导出图谱"), "graph.png", ";;".join(filters.values()))
        if not path:
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = suffix if suffix in filters else next((f for f, label in filters.items() if label == chosen), "png")
        if suffix != fmt:
            path += "." + fmt
        from planner.atomic import write_bytes_atomic

        graph = self._result.graph
        if fmt in ("png", "svg"):
            from planner.ui.graph.render import render_graph_image

            data = render_graph_image(graph, kind=str(graph.graph.get("kind")), layout=self.layout_name, fmt=fmt,
                                      lang=self.ctx.lang_code, color_by=str(self.color_box.currentData()),
                                      positions=self._result.positions.get(self.layout_name))
        else:
            from planner.graph.io import graph_bytes

            data = graph_bytes(graph, fmt)
        try:
            write_bytes_atomic(path, data)
        except OSError as err:
            self.ctx.failed.emit(f"{err.strerror or err}: {path}")
            return
        self.status.setText(self.tr("已导出：") + path)
