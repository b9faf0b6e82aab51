"""The assignment sheet as a long PNG for phones, drawn by Qt (``--format png``, the export dialog).

People forward sheets in WeChat groups and read them on phones: a picture 1080 px wide with
text large enough to read without zooming (about 15 sp), cards instead of a wide table. A sheet
taller than a PNG a phone will open comfortably is cut into parts (``…-2.png``) at a card's edge
where possible. Works headless (an offscreen Qt application is made when none exists).
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument

from planner.export.sheetdata import SheetContent
from planner.ui.export.sheet_html import PHONE_TEXT_PX, PHONE_WIDTH, phone_html
from planner.ui.graph.render import ensure_app
from planner.ui.graph.scene import CJK_FAMILIES, ensure_fonts

#: the tallest single picture (px); a longer sheet is cut into several
MAX_HEIGHT = 16000
MARGIN = 48


def _document(content: SheetContent) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setFamilies([*CJK_FAMILIES, "Planner Sans SC", font.defaultFamily()])
    font.setPixelSize(PHONE_TEXT_PX)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(MARGIN)
    doc.setHtml(phone_html(content))
    doc.setTextWidth(PHONE_WIDTH)
    doc.setPageSize(QSizeF(PHONE_WIDTH, 1e9))  # one endless page: no page breaks inside the picture
    return doc


def sheet_images(content: SheetContent) -> list[bytes]:
    """The sheet as one or more PNG pictures, 1080 px wide."""
    ensure_app()
    ensure_fonts()
    doc = _document(content)
    height = max(1, math.ceil(doc.size().height()))
    cuts = _cuts(doc, height)
    images = []
    for top, bottom in itertools.pairwise(cuts):
        image = QImage(PHONE_WIDTH, bottom - top, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        image.setDotsPerMeterX(int(96 / 0.0254))
        image.setDotsPerMeterY(int(96 / 0.0254))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.translate(0, -top)
        doc.drawContents(painter, QRectF(0, top, PHONE_WIDTH, bottom - top))
        painter.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        images.append(bytes(data.data()))
    return images


def _cuts(doc: QTextDocument, height: int) -> list[int]:
    """Where to cut a long sheet: at the top of a card (a block edge) before MAX_HEIGHT."""
    if height <= MAX_HEIGHT:
        return [0, height]
    layout = doc.documentLayout()
    edges = []
    block = doc.begin()
    while block.isValid():
        edges.append(int(layout.blockBoundingRect(block).top()))
        block = block.next()
    frame_edges = []
    root = doc.rootFrame()
    for child in root.childFrames():
        frame_edges.append(int(layout.frameBoundingRect(child).top()))
    edges = sorted(set(edges + frame_edges))
    cuts = [0]
    while height - cuts[-1] > MAX_HEIGHT:
        limit = cuts[-1] + MAX_HEIGHT
        fits = [e for e in edges if cuts[-1] + MAX_HEIGHT // 4 < e <= limit]
        cuts.append(max(fits) if fits else limit)
    cuts.append(height)
    return cuts
