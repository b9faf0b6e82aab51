"""The list of outlets beside the matrix: drag one onto a stage row to assign it, and its delegate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem

from planner.domain.rows import OutletRow
from planner.ui.server.marks import live_mark
from planner.ui.workspace.base_model import IdRole, Index, RowRole, RowsModel
from planner.ui.workspace.matrix_model import OUTLET_MIME
from planner.ui.workspace.per_paint import PerPaintDelegate, paint_bracketed

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_Feature = QStyleOptionViewItem.ViewItemFeature
_WRAP, _HAS_DISPLAY = _Feature.WrapText.value, _Feature.HasDisplay
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
# the style draws the focus frame over the text (Fusion tints the row): the one row with focus is the style's
_STYLE_ONLY = (QStyle.StateFlag.State_Editing | QStyle.StateFlag.State_HasFocus).value
_ENABLED, _ACTIVE, _SELECTED = (s.value for s in (QStyle.StateFlag.State_Enabled, QStyle.StateFlag.State_Active,
                                                  QStyle.StateFlag.State_Selected))
# a row in one of these states gets something behind its text from the style (highlight, hover)
_DRAWN_BEHIND = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver).value
_NORMAL, _INACTIVE, _DISABLED = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled
_TEXT, _HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText
_LEFT_CENTRED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT, _LEFT_TO_RIGHT = Qt.TextElideMode.ElideRight, Qt.LayoutDirection.LeftToRight
_FUSION = "fusion"  # QStyle.name() of the one style whose text rect the delegate below follows


class OutletListModel(RowsModel):
    NAME = 0
    # the name, its tooltip, and a shared server's mark (tooltip, background): the list beside the matrix
    # is painted on every open of a project, ~35 rows × 7 roles asked
    ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.BackgroundRole, IdRole, RowRole))

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("OutletListModel", "媒体单位")]

    def cell(self, row: OutletRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}（{row.tier.label(self.lang)}）"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        return [OUTLET_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        valid = [i for i in indexes if i.isValid()]
        if valid:
            mime.setData(OUTLET_MIME, QByteArray(str(self.row_at(valid[0].row()).id).encode()))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class OutletNameDelegate(PerPaintDelegate):
    """Paints the outlet list as :class:`QStyledItemDelegate` does, pixel for pixel, with each name kept
    laid out (a :class:`QStaticText` per name, font and width).

    The list is painted on every open of a project (~30 rows); the style shaped each CJK name again
    for every paint (~3 ms of the ~4 ms paint). Here the style draws the row without its text
    (background, selection, hover) — a plain row, with no shared server's mark and neither selected
    nor hovered, has nothing behind its text and is not given to the style at all — and the kept text
    is drawn where the style puts it: the text rect less the focus margin, elided right, centred
    vertically by whole pixels. Rows the style would lay out
    otherwise (wrapped, another alignment, right to left), the row with the focus, and every row under a
    style other than Fusion (the style on Linux and offscreen, whose text placement this follows; Windows'
    and macOS's place text their own way) are left to the style. A row's name and mark are read from the
    model directly, not through ``initStyleOption`` (seven roles asked through Python per row). States
    and features are read as ints: PySide's flag operators cost ~1 µs each.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[str, str, int], tuple[QStaticText, int]] = {}

    def _style_of(self, widget: Any, option: QStyleOptionViewItem) -> tuple[Any, bool, int, str]:
        """The widget's style, whether it is Fusion, its focus margin and the option's font key: once per
        paint of the list (per_paint; ~12 µs a row asked per row)."""
        found = self.per_paint
        if found is None:
            style = widget.style() if widget is not None else None
            fusion = style is not None and style.name() == _FUSION
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1 if fusion else 0
            found = self.remember((style, fusion, margin, option.font.key()))
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model, widget, state = index.model(), option.widget, option.state._value_
        style, fusion, margin, font_key = self._style_of(widget, option)
        if (not isinstance(model, OutletListModel) or not fusion or state & _STYLE_ONLY
                or option.features._value_ & _WRAP or option.displayAlignment != _LEFT_CENTRED
                or option.textElideMode != _ELIDE_RIGHT or option.direction != _LEFT_TO_RIGHT):
            super().paint(painter, option, index)
            return
        # what initStyleOption gives for this model's row (its name and a shared server's mark), asked
        # directly: initStyleOption asks seven roles through Python
        row = model.row_at(index.row())
        brush = live_mark(row.id, _BACKGROUND)
        if brush is None and not state & _DRAWN_BEHIND:
            opt = option  # a plain row: the style would draw nothing behind its text (no copy, no style call)
        else:
            opt = QStyleOptionViewItem(option)
            opt.index = index
            opt.features = _HAS_DISPLAY
            if brush is not None:
                opt.backgroundBrush = brush
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # all but the text
        # the style's text rect is the row's (no icon, no check box) less the focus margin; asking the
        # style for it measured the text (~30 µs a row)
        rect = opt.rect.adjusted(margin, 0, -margin, 0)
        font = opt.font
        laid_out, height = self._lay_out(row.name, font, font_key, rect.width())
        # the style's colour group: disabled, else active or inactive with the window
        group = (_NORMAL if state & _ACTIVE else _INACTIVE) if state & _ENABLED else _DISABLED
        painter.save()
        painter.setPen(opt.palette.color(group, _HIGHLIGHTED_TEXT if state & _SELECTED else _TEXT))
        painter.setFont(font)
        painter.drawStaticText(QPointF(rect.x(), rect.y() + (rect.height() - height) // 2), laid_out)
        painter.restore()

    def _lay_out(self, text: str, font: QFont, font_key: str, width: int) -> tuple[QStaticText, int]:
        """The text elided to ``width`` px and laid out in ``font`` (whose key is ``font_key``), with its
        height in whole pixels."""
        key = (text, font_key, width)
        found = self._laid_out.get(key)
        if found is None:
            if len(self._laid_out) > 5000:  # bounded: names × list widths
                self._laid_out.clear()
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            laid_out = QStaticText(shown)
            laid_out.setTextFormat(Qt.TextFormat.PlainText)
            laid_out.prepare(font=font)
            found = self._laid_out[key] = (laid_out, round(laid_out.size().height()))
        return found


class OutletListView(QListView):
    """The outlet list's view: tells its :class:`OutletNameDelegate` when a paint begins and ends."""

    def paintEvent(self, event: Any) -> None:
        paint_bracketed(self, super().paintEvent, event)
