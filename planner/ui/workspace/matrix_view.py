"""The coverage matrix's table: drops anywhere on a stage's row, and cells that draw greyed pieces.

A stage row takes an outlet dropped on a cell, on the row's header or on the empty part of the row
right of the last column — a new project has stage rows and no columns yet, and the rows must
still take the first outlet. The row under the drag is outlined, so the editor sees where it goes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QDragMoveEvent, QDropEvent, QFont, QPainter, QPalette, QPen, QStaticText
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.ui.workspace.matrix_model import MatrixModel, outlet_of
from planner.ui.workspace.per_paint import PerPaintDelegate, paint_bracketed

_GREY_TEXT = QColor("#8a8a8a")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DROP = QColor("#1f6fb2")
# a cell in one of these states draws something (highlight, focus frame, hover) even when it is blank
_MARKED = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver
_MARKED_BITS, _SELECTED_BITS = _MARKED.value, QStyle.StateFlag.State_Selected.value  # ints: no enum work per cell
_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
_PLAIN_STYLES = frozenset({"fusion", "windows"})  # QStyle.name() of the styles PiecesDelegate fills plain cells for


class PiecesDelegate(PerPaintDelegate):
    """Draws a cell's live pieces in the text colour and its greyed ones in grey italics after them.

    A large matrix is painted twice as it opens, ~170 cells each time, all through this Python call,
    so the call is kept short: a blank cell is told by one set lookup (:meth:`MatrixModel.filled`) and
    drawn not at all; a filled one takes its background from the model directly (one cached brush,
    where ``initStyleOption`` asked the model for eight roles), and the elided text of a piece and its
    width are measured once per text, font and room (CJK shaping made each measure ~20 µs).

    The elided text is also kept laid out (a :class:`QStaticText`): ``drawText`` shaped every piece
    again on each paint (~2–4 ms of the large project's ~7 ms paint). A laid-out text is drawn where
    ``drawText`` centres it, pixel for pixel; a struck-through piece is drawn by ``drawText`` (a laid-out
    text puts its strike-out line elsewhere).

    A plain filled cell (not selected, focused or hovered) gets its background filled here, without a
    copy of the option and a call to the style, under the styles known to draw nothing else behind
    such a cell (Fusion, Windows: pixel-equal, tested); under any other style or a style sheet (whose
    style has no name) every filled cell is left to the style.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[tuple[tuple[str, int], bool, bool], QFont] = {}
        self._elided: dict[tuple[tuple[str, int], str, bool, bool, int], tuple[str, int, QStaticText | None]] = {}

    def _paint_facts(self, option: QStyleOptionViewItem, painter: QPainter) -> tuple[bool, tuple[str, int]]:
        """Whether a plain cell's background is filled here rather than by the style (see the class),
        and the font's key with the device's resolution (what the kept measures hold for): once per
        paint of the view (per_paint)."""
        found = self.per_paint
        if found is None:
            style = option.widget.style() if option.widget is not None else None
            found = self.remember((style is not None and style.name() in _PLAIN_STYLES,
                                   (option.font.key(), painter.device().logicalDpiX())))
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        model = index.model()
        if not isinstance(model, MatrixModel):
            super().paint(painter, option, index)
            return
        row, column = index.row(), index.column()
        state = option.state.value
        if (row, column) not in model.filled() and not state & _MARKED_BITS:
            return  # nothing to draw: most of a large matrix is blank (~8 data() calls saved per cell)
        brush = model.background_at(row, column)
        plain_here, family = self._paint_facts(option, painter)
        if plain_here and not state & _MARKED_BITS:  # the style would only fill its background
            opt = option
            if brush is not None:
                painter.fillRect(opt.rect, brush)
        else:
            opt = QStyleOptionViewItem(option)
            opt.index = index
            if brush is not None:
                opt.backgroundBrush = brush
            style = opt.widget.style() if opt.widget is not None else None
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        pieces = model.pieces_at(row, column)
        if not pieces:
            return
        painter.save()
        rect = opt.rect.adjusted(4, 0, -4, 0)
        x = rect.left()
        selected = bool(state & _SELECTED_BITS)
        for i, piece in enumerate(pieces):
            text = ("  " if i else "") + piece.text
            font = self._font(opt.font, family, piece.greyed, piece.struck)
            painter.setFont(font)
            room = rect.right() - x
            shown, width, laid_out = self._elide(painter, family, text, piece.greyed, piece.struck, room)
            if not shown:
                break
            if selected:
                colour = opt.palette.color(QPalette.ColorRole.HighlightedText)
            else:
                colour = _GREY_TEXT if piece.greyed else opt.palette.color(QPalette.ColorRole.Text)
            painter.setPen(colour)
            if laid_out is not None:  # where drawText centres a line: the top rounded half up
                top = rect.top() + int((rect.height() - laid_out.size().height()) / 2 + 0.5)
                painter.drawStaticText(QPointF(x, top), laid_out)
            else:
                painter.drawText(QRect(x, rect.top(), room, rect.height()), _TEXT_FLAGS, shown)
            x += width
            if shown != text:
                break
        painter.restore()

    def _font(self, base: QFont, family: tuple[str, int], italic: bool, struck: bool) -> QFont:
        key = (family, italic, struck)
        font = self._fonts.get(key)
        if font is None:
            if len(self._fonts) > 64:  # bounded: a font change makes new keys
                self._fonts.clear()
            font = self._fonts[key] = QFont(base)
            font.setItalic(italic)
            font.setStrikeOut(struck)
        return font

    def _elide(self, painter: QPainter, family: tuple[str, int], text: str, italic: bool, struck: bool,
               room: int) -> tuple[str, int, QStaticText | None]:
        """The text as it fits in ``room`` px (``""`` when not even "…" does), its width, in the
        painter's font, and the fitted text laid out in that font (``None`` when struck through)."""
        key = (family, text, italic, struck, room)
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > 20000:  # bounded: texts × column widths
                self._elided.clear()
            shown, width = self._measure(painter, text, room)
            laid_out = None
            if shown and not struck:
                laid_out = QStaticText(shown)
                laid_out.setTextFormat(Qt.TextFormat.PlainText)  # never read as rich text ("<b>…")
                laid_out.prepare(font=painter.font())
            found = self._elided[key] = (shown, width, laid_out)
        return found

    @staticmethod
    def _measure(painter: QPainter, text: str, room: int) -> tuple[str, int]:
        metrics = painter.fontMetrics()
        if room <= metrics.horizontalAdvance("…"):
            return "", 0
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        return shown, metrics.horizontalAdvance(shown)


class SizedHeader(QHeaderView):
    """A header that remembers each label's size as Qt measured it.

    Qt measures every section's label (up to 300 outlets and 50 stages, twice or three times) whenever
    the model is reset, asking the model for four roles each — ~3,000 calls into Python per opened
    project. A label's size depends only on its text here (the matrix gives no font or icon), so the
    size Qt worked out once is given again for the same text.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget) -> None:
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)  # as QTableView sets up its own headers
        self.setHighlightSections(True)
        self._orientation = orientation
        self._sizes: dict[str, QSize] = {}  # label -> the size Qt measured (for this font and style)
        self._hints: dict[tuple[str, ...], QSize] = {}  # all labels -> the header's size hint (same font and style)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        model = self.model()
        if not isinstance(model, MatrixModel):
            return super().sectionSizeFromContents(logicalIndex)
        text = str(model.headerData(logicalIndex, self._orientation, _DISPLAY) or "")
        size = self._sizes.get(text)
        if size is None:
            if len(self._sizes) > 5000:  # bounded: labels change rarely, but never grow without end
                self._sizes.clear()
            size = self._sizes[text] = super().sectionSizeFromContents(logicalIndex)
        return QSize(size)

    def sizeHint(self) -> QSize:
        """Qt's own hint (the largest of the first and last 100 labels' sizes), kept per set of labels:
        Qt works it out again after each reset and each show of the table, ~250 calls into Python each
        time (~700 per open of the large project)."""
        model = self.model()
        if not isinstance(model, MatrixModel) or self.hiddenSectionCount() or self.isSortIndicatorShown():
            return super().sizeHint()
        labels = model.header_labels(self._orientation)
        hint = self._hints.get(labels)
        if hint is None:
            if len(self._hints) > 50:  # bounded: a few projects and filters
                self._hints.clear()
            hint = self._hints[labels] = super().sizeHint()
        return QSize(hint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sizes.clear()  # measured with another font or style
            self._hints.clear()
        super().changeEvent(event)


class MatrixView(QTableView):
    """The matrix table; an outlet dropped on a stage's row goes to ``MatrixModel.drop_outlet``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(SizedHeader(Qt.Orientation.Horizontal, self))
        self.setVerticalHeader(SizedHeader(Qt.Orientation.Vertical, self))
        self.drop_row = -1
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QTableView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)  # the whole row is outlined instead
        self.setItemDelegate(PiecesDelegate(self))
        header = self.verticalHeader()
        header.setAcceptDrops(True)
        header.viewport().setAcceptDrops(True)
        header.viewport().installEventFilter(self)

    def matrix(self) -> MatrixModel | None:
        model = self.model()
        return model if isinstance(model, MatrixModel) else None

    # -- where a drop goes ---------------------------------------------------------------------
    def _row_at(self, y: int) -> int:
        model = self.matrix()
        row = self.rowAt(y)
        return row if model is not None and 0 <= row < model.rowCount() else -1

    def _track(self, event: QDragMoveEvent, row: int) -> None:
        if row >= 0 and outlet_of(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_drop_row(row)
        else:
            event.ignore()
            self._set_drop_row(-1)

    def _drop(self, event: QDropEvent, row: int) -> None:
        model = self.matrix()
        self._set_drop_row(-1)
        if row < 0 or model is None or outlet_of(event.mimeData()) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        model.drop_outlet(row, event.mimeData())

    def _set_drop_row(self, row: int) -> None:
        if row != self.drop_row:
            self.drop_row = row
            self.viewport().update()
            self.verticalHeader().viewport().update()

    # -- the cells' area -----------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:
        self._track(event, self._row_at(event.position().toPoint().y()))

    def dragMoveEvent(self, event: Any) -> None:
        self._track(event, self._row_at(event.position().toPoint().y()))

    def dragLeaveEvent(self, event: Any) -> None:
        self._set_drop_row(-1)
        event.accept()

    def dropEvent(self, event: Any) -> None:
        self._drop(event, self._row_at(event.position().toPoint().y()))

    # -- the row headers -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.verticalHeader().viewport():
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                self._track(event, self._header_row(event))  # type: ignore[arg-type]
                return True
            if kind == QEvent.Type.DragLeave:
                self._set_drop_row(-1)
                return True
            if kind == QEvent.Type.Drop:
                self._drop(event, self._header_row(event))  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def _header_row(self, event: Any) -> int:
        row = self.verticalHeader().logicalIndexAt(event.position().toPoint().y())
        model = self.matrix()
        return row if model is not None and 0 <= row < model.rowCount() else -1

    def paintEvent(self, event: Any) -> None:
        paint_bracketed(self, super().paintEvent, event)
        if self.drop_row >= 0:
            painter = QPainter(self.viewport())
            painter.setPen(QPen(_DROP, 2))
            y, h = self.rowViewportPosition(self.drop_row), self.rowHeight(self.drop_row)
            painter.drawRect(QRect(1, y + 1, self.viewport().width() - 3, h - 2))
            painter.end()
