"""The scene's items that are not text: a node's shape (outlets as circles, stages as squares) and the
edge layer, which paints all links in a few batched ``drawLines`` calls — or once into an image above
a few hundred links — so a redraw stays within a frame."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
)

#: the item data slot holding a node's id (the scene finds the node under a click by it)
NODE_ROLE = 0


def node_item(node_id: Any, rect: QRectF, square: bool) -> QGraphicsItem:
    """An outlet (circle) or a stage (square) that remembers its node id.

    No ``paint`` override: overriding it on shape items crashes PySide6 6.12 (refcount error).
    """
    item: QGraphicsItem = QGraphicsRectItem(rect) if square else QGraphicsEllipseItem(rect)
    item.setData(NODE_ROLE, str(node_id))
    item.setAcceptHoverEvents(True)
    item.setZValue(2)
    return item



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
