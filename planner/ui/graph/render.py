"""Pictures of graphs (PNG, SVG) from the same scene builder the graph screen uses.

Works headless: a ``QApplication`` is created when none exists (with ``QT_QPA_PLATFORM=offscreen``
on machines without a display). The CLI and the Word briefing pack call :func:`render_graph_image`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import networkx as nx
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

from planner.domain.text import clean_output
from planner.graph.layout import compute_layout
from planner.ui.graph.scene import GraphScene, text

_app: Any = None


def ensure_app() -> None:
    """Make sure a Qt application exists (widgets need one even offscreen)."""
    global _app
    from PySide6.QtWidgets import QApplication

    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "planner"])


#: A picture for a Word page: 15.5 cm wide. Drawn as a 600-unit scene (so 8.5 pt labels print at
#: about 8.5 pt) and rendered three times larger for a sharp print (about 290 dpi).
PAPER = {"width": 1800, "height": 1350, "scale": 3.0}


def paper_picture(G: nx.Graph, *, lang: str = "zh", kind: str = "collaboration", layout: str = "geographic") -> bytes:
    """The PNG for the briefing pack: readable labels at print size, the map, the key beneath."""
    return render_graph_image(G, kind=kind, layout=layout, fmt="png", lang=lang, **PAPER)  # type: ignore[arg-type]


def paint_scene(scene: GraphScene, painter: QPainter, width: int, height: int) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    scene.render(painter, QRectF(0, 0, width, height), scene.sceneRect())


def scene_for(G: nx.Graph, *, kind: str | None = None, layout: str = "geographic", width: int = 1600,
              height: int = 1000, lang: str = "zh", color_by: str = "tier", title: str | None = None,
              positions: dict[Any, tuple[float, float]] | None = None, legend: bool | str = True) -> GraphScene:
    ensure_app()
    if kind:
        G.graph.setdefault("kind", kind)
    pos = positions if positions is not None else compute_layout(G, layout)
    heading = clean_output(title) if title is not None else text(str(G.graph.get("kind", kind or "collaboration")), lang)
    return GraphScene(G, pos, color_by=color_by, lang=lang, width=width, height=height, title=heading,
                      geographic=layout == "geographic", rotate_stage_labels=layout == "layered", legend=legend)


def render_graph_image(
    G: nx.Graph, *, kind: str = "collaboration", layout: str = "geographic", fmt: str = "png", width: int = 1600,
    height: int = 1000, lang: str = "zh", color_by: str = "tier", title: str | None = None,
    positions: dict[Any, tuple[float, float]] | None = None, scale: float = 1.0,
) -> bytes:
    """The graph drawn as PNG or SVG bytes (title, legend, nodes, links).

    ``scale`` > 1 draws a scene ``scale`` times smaller than the picture and enlarges it: text and
    circles come out ``scale`` times larger — what a picture printed small needs (see
    :func:`paper_picture`). Such a picture has no title (the document captions it) and its key
    in rows under the map.
    """
    if fmt not in ("png", "svg"):
        raise ValueError(fmt)
    paper = scale > 1.0
    scene = scene_for(G, kind=kind, layout=layout, width=int(width / scale), height=int(height / scale), lang=lang,
                      color_by=color_by, title="" if paper else title, positions=positions,
                      legend="bottom" if paper else True)
    if fmt == "png":
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        dpm = int(96 * scale / 0.0254)
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_scene(scene, painter, width, height)
        painter.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        return bytes(data.data())
    from PySide6.QtSvg import QSvgGenerator

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(width, height))
    gen.setViewBox(QRectF(0, 0, width, height))
    gen.setTitle(clean_output(title) if title else text(str(G.graph.get("kind", kind)), lang))
    painter = QPainter(gen)
    paint_scene(scene, painter, width, height)
    painter.end()
    buf.close()
    return bytes(data.data())
