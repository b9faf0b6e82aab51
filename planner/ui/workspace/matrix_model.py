"""The coverage matrix: stages (rows) × outlets (columns); a cell lists that outlet's pieces there.

A cell reads like "主办·文字/图片"; cancelled and declined pieces do not count as coverage and a
stage no active piece covers has its row header tinted. Outlets dropped on a cell (from the outlet
list) are announced by ``outlet_dropped(stage_id, outlet_id)``; the tab decides what to create.

**Greyed pieces.** Besides the live pieces a cell can show *greyed* ones, in named layers: the
model fills the layer ``"inactive"`` itself (declined and cancelled pieces, so a cell whose outlet
said no is not an empty cell inviting a new task), and anyone can add another with
:meth:`MatrixModel.set_layer` — staffing suggestions, say — each shown or hidden on its own
(:meth:`show_layer`). ``PiecesRole`` gives the delegate every piece to draw, live first; a greyed
piece knows its layer and, if it is an assignment, its id.
"""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from planner.domain.enums import Role, Status
from planner.domain.rows import OutletRow, StageRow
from planner.services.coverage import Cell, CoverageMatrix
from planner.ui.workspace.base_model import IdRole, Index

OUTLET_MIME = "application/x-planner-outlet-id"
OutletIdRole = Qt.ItemDataRole.UserRole + 2
CellsRole = Qt.ItemDataRole.UserRole + 3
PiecesRole = Qt.ItemDataRole.UserRole + 4
INACTIVE_LAYER = "inactive"
_INACTIVE = (Status.CANCELLED, Status.DECLINED)
_UNCOVERED = QColor("#f8d7d3")
_GREYED = QColor("#f3f3f3")
ROLE_COLOURS = {Role.LEAD: QColor("#dbeafe"), Role.SUPPORT: QColor("#e8f5e9"), Role.SYNDICATE: QColor("#f3f0fa")}
# one brush per colour, made once: a cell's background was a new QBrush on every paint of it
_ROLE_BRUSHES = {role: QBrush(colour) for role, colour in ROLE_COLOURS.items()}
_GREYED_BRUSH = QBrush(_GREYED)
_UNCOVERED_BRUSH = QBrush(_UNCOVERED)
# Roles as plain ints, looked up once: data() and headerData() run thousands of times per paint,
# and most roles a view asks for (font, alignment, check state …) the matrix does not answer.
_DISPLAY, _TOOLTIP, _BACKGROUND = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                                   Qt.ItemDataRole.BackgroundRole))
_ID, _OUTLET_ID, _CELLS, _PIECES = int(IdRole), int(OutletIdRole), int(CellsRole), int(PiecesRole)
_CELL_ROLES = frozenset((_DISPLAY, _TOOLTIP, _BACKGROUND, _ID, _OUTLET_ID, _CELLS, _PIECES))
_STAGE_HEADER_ROLES = frozenset((_DISPLAY, _TOOLTIP, _BACKGROUND, _ID))
_OUTLET_HEADER_ROLES = frozenset((_DISPLAY, _TOOLTIP, _OUTLET_ID))
_VERTICAL, _HORIZONTAL = Qt.Orientation.Vertical, Qt.Orientation.Horizontal


class Piece(NamedTuple):
    """One thing drawn in a cell: a live piece, or a greyed one of some layer."""

    text: str
    layer: str = ""  # "" for a live piece; else the greyed layer it belongs to
    assignment_id: uuid.UUID | None = None
    tip: str = ""
    struck: bool = False  # drawn struck through (a piece that no longer counts)

    @property
    def greyed(self) -> bool:
        return bool(self.layer)


def cell_text(cells: list[Cell], lang: str) -> str:
    """``主办·文字/图片`` (several roles separated by a space); only active pieces."""
    by_role: dict[Role, list[str]] = {}
    for c in cells:
        if c.status not in _INACTIVE:
            by_role.setdefault(c.role, []).append(c.format.label(lang))
    sep = "·"
    return " ".join(f"{role.label(lang)}{sep}{'/'.join(fmts)}" for role, fmts in sorted(by_role.items(), key=lambda kv: list(Role).index(kv[0])))


def inactive_pieces(cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]], lang: str) -> dict[tuple[uuid.UUID, uuid.UUID], list[Piece]]:
    """The declined and cancelled pieces of a matrix, as greyed pieces struck through (``主办·文字``;
    the tip says 已婉拒 or 已取消: a narrow column has no room for it)."""
    return _split(cells, lang)[1]


def _split(cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]],
           lang: str) -> tuple[set[int], dict[tuple[uuid.UUID, uuid.UUID], list[Piece]]]:
    """One pass over a matrix's cells: the covered stages (their ids' ``.int``: a ``uuid.UUID`` hashes in
    Python) and the greyed pieces (:func:`inactive_pieces`)."""
    covered: set[int] = set()
    out: dict[tuple[uuid.UUID, uuid.UUID], list[Piece]] = {}
    for key, found in cells.items():
        live = False
        for c in found:
            if c.status in _INACTIVE:
                text = f"{c.role.label(lang)}·{c.format.label(lang)}"
                tip = f"{text}（{c.status.label(lang)}）" if lang == "zh" else f"{text} ({c.status.label(lang)})"
                out.setdefault(key, []).append(Piece(text, INACTIVE_LAYER, c.assignment_id, tip, struck=True))
            else:
                live = True
        if live:
            covered.add(key[0].int)
    return covered, out


def _same_inputs(kept: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    """Whether :meth:`MatrixModel.filled` would be worked out of the same things: the same cells and
    layers (the very dicts; a layer is replaced, never changed in place) over equal rows and columns."""
    cells, stages, outlets, layers = kept
    return (cells is now[0] and stages == now[1] and outlets == now[2] and len(layers) == len(now[3])
            and all(a[0] == b[0] and a[1] is b[1] for a, b in zip(layers, now[3], strict=True)))


class MatrixModel(QAbstractTableModel):
    """Stages × outlets over a :class:`CoverageMatrix`; column ids answer ``OutletIdRole``."""

    outlet_dropped = Signal(object, object)  # stage id, outlet id

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._stages: list[StageRow] = []
        self._outlets: list[OutletRow] = []
        self._cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]] = {}
        self._covered: set[int] = set()  # the covered stages' ids, as .int
        self._text: dict[tuple[uuid.UUID, uuid.UUID], str] = {}
        self._layers: dict[str, dict[tuple[uuid.UUID, uuid.UUID], list[Piece]]] = {}
        self._shown: set[str] = {INACTIVE_LAYER}
        # what the delegate paints, by (row, column): worked out once per reset or layer change, not per paint
        self._filled: set[tuple[int, int]] | None = None  # the cells that are not blank
        self._brushes: dict[tuple[uuid.UUID, uuid.UUID], QBrush | None] = {}
        self._labels: dict[Qt.Orientation, tuple[str, ...]] = {}  # the headers' labels, per reset
        # What was worked out of the last matrix shown, kept for the same matrix shown again: a project
        # reopened unchanged brings the very same matrix (loader.KEPT), after the empty one of "no project"
        self._kept_split: tuple[Any, str, tuple[set[int], dict[Any, list[Piece]]]] | None = None
        self._kept_filled: tuple[tuple[Any, ...], set[tuple[int, int]]] | None = None

    def set_matrix(self, matrix: CoverageMatrix, outlets: list[OutletRow] | tuple[OutletRow, ...]) -> None:
        self.beginResetModel()
        self._stages = list(matrix.stages)
        self._outlets = list(outlets)
        self._cells = matrix.cells
        self._covered, self._layers[INACTIVE_LAYER] = self._split_of(matrix.cells)
        self._text = {}
        self._labels = {}
        self._painted_changed()
        self.endResetModel()

    def set_outlets(self, outlets: list[OutletRow] | tuple[OutletRow, ...]) -> None:
        """Change the visible columns (filters) without reloading anything; the same columns reset nothing
        (a project opens with its columns set already: a second reset re-measured both headers)."""
        if list(outlets) == self._outlets:
            return
        self.beginResetModel()
        self._outlets = list(outlets)
        self._filled = None
        self._labels = {}
        self.endResetModel()

    # -- greyed layers ---------------------------------------------------------------------------
    def set_layer(self, name: str, pieces: dict[tuple[uuid.UUID, uuid.UUID], list[Piece]], *, shown: bool = True) -> None:
        """Put greyed ``pieces`` (by (stage id, outlet id)) in layer ``name``, replacing what it had."""
        self._layers[name] = {k: [p._replace(layer=name) for p in v] for k, v in pieces.items()}
        if shown:
            self._shown.add(name)
        self._repaint()

    def show_layer(self, name: str, shown: bool = True) -> None:
        if shown:
            self._shown.add(name)
        else:
            self._shown.discard(name)
        self._repaint()

    def layer_shown(self, name: str) -> bool:
        return name in self._shown

    def _repaint(self) -> None:
        self._painted_changed()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def pieces(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> list[Piece]:
        """What the cell draws: its live pieces, then the greyed ones of every shown layer."""
        key = (stage_id, outlet_id)
        text = self._text.get(key)
        if text is None:
            text = self._text[key] = cell_text(self._cells.get(key, []), self.lang)
        out = [Piece(text)] if text else []
        for name, layer in self._layers.items():
            if name in self._shown:
                out += layer.get(key, [])
        return out

    def _painted_changed(self) -> None:
        """The cells, their layers or the shown layers changed: what is painted is worked out again."""
        self._filled = None
        self._brushes = {}

    def _split_of(self, cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]]) -> tuple[set[int], dict[Any, list[Piece]]]:
        """:func:`_split` of ``cells``, kept for the same cells (the very same dict, held here, so never
        another one at its address; a matrix's cells are not changed once made)."""
        kept = self._kept_split
        if kept is not None and kept[0] is cells and kept[1] == self.lang:
            return kept[2]
        split = _split(cells, self.lang)
        if cells:  # the empty matrix of "no project" does not push out the last project's
            self._kept_split = (cells, self.lang, split)
        return split

    def _filled_inputs(self) -> tuple[Any, ...]:
        """What :meth:`filled` is worked out of: the cells, the rows and columns, the shown layers."""
        return (self._cells, tuple(self._stages), tuple(self._outlets),
                tuple((name, layer) for name, layer in self._layers.items() if name in self._shown))

    def filled(self) -> set[tuple[int, int]]:
        """The (row, column) of every cell that is not blank, for the delegate's test per painted cell."""
        if self._filled is None:
            inputs = self._filled_inputs()
            kept = self._kept_filled
            if kept is not None and _same_inputs(kept[0], inputs):
                self._filled = kept[1]
                return self._filled
            # keyed by the ids' .int: uuid.UUID's __hash__ and __eq__ are Python calls (~6,000 per open)
            rows = {s.id.int: i for i, s in enumerate(self._stages)}
            columns = {o.id.int: j for j, o in enumerate(self._outlets)}
            keys = [k for k, cells in self._cells.items() if cells]
            keys += [k for name, layer in self._layers.items() if name in self._shown for k, v in layer.items() if v]
            filled = set()
            for sid, oid in keys:
                r, c = rows.get(sid.int), columns.get(oid.int)
                if r is not None and c is not None:
                    filled.add((r, c))
            self._filled = filled
            if filled:
                self._kept_filled = (inputs, filled)
        return self._filled

    def is_blank(self, row: int, column: int) -> bool:
        """Whether the cell has nothing to show: no piece, live or greyed in a shown layer (so no text
        and no background either)."""
        return (row, column) not in self.filled()

    def pieces_at(self, row: int, column: int) -> list[Piece]:
        return self.pieces(self._stages[row].id, self._outlets[column].id)

    def background_at(self, row: int, column: int) -> QBrush | None:
        """The cell's background: its lead's colour (else its first live piece's role's), grey for greyed
        pieces only, ``None`` for none — one brush per colour, kept per cell until the cells change."""
        key = (self._stages[row].id, self._outlets[column].id)
        try:
            return self._brushes[key]
        except KeyError:
            pass
        brush = None
        cells = self._cells.get(key)
        active = [c for c in cells if c.status not in _INACTIVE] if cells else []
        if active:
            lead = any(c.role is Role.LEAD for c in active)
            brush = _ROLE_BRUSHES[Role.LEAD if lead else active[0].role]
        elif any(p.greyed for p in self.pieces(*key)):
            brush = _GREYED_BRUSH
        self._brushes[key] = brush
        return brush

    def header_labels(self, orientation: Qt.Orientation) -> tuple[str, ...]:
        """Every label of one header (as ``headerData`` gives them), worked out once per reset."""
        labels = self._labels.get(orientation)
        if labels is None:
            if orientation == _VERTICAL:
                labels = tuple(f"{s.position}. {s.title}" for s in self._stages)
            else:
                labels = tuple(o.display_name for o in self._outlets)
            self._labels[orientation] = labels
        return labels

    # -- lookups ---------------------------------------------------------------------------------
    def stage_at(self, row: int) -> StageRow:
        return self._stages[row]

    def outlet_at(self, column: int) -> OutletRow:
        return self._outlets[column]

    def outlets(self) -> list[OutletRow]:
        return list(self._outlets)

    def stages(self) -> list[StageRow]:
        return list(self._stages)

    def cells(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> list[Cell]:
        return list(self._cells.get((stage_id, outlet_id), ()))

    def is_covered(self, stage_id: uuid.UUID) -> bool:
        return stage_id.int in self._covered

    def row_of(self, stage_id: uuid.UUID) -> int:
        return next((i for i, s in enumerate(self._stages) if s.id == stage_id), -1)

    def column_of(self, outlet_id: uuid.UUID) -> int:
        return next((j for j, o in enumerate(self._outlets) if o.id == outlet_id), -1)

    def index_for(self, stage_id: uuid.UUID, outlet_id: uuid.UUID | None = None) -> QModelIndex:
        row = self.row_of(stage_id)
        col = max(0, self.column_of(outlet_id)) if outlet_id else 0
        return self.index(row, col) if row >= 0 and self._outlets else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._outlets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _CELL_ROLES:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._stages) and 0 <= column < len(self._outlets)) or not index.isValid():
            return None
        stage, outlet = self._stages[row], self._outlets[column]
        key = (stage.id, outlet.id)
        if role == _DISPLAY:
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = cell_text(self._cells.get(key, []), self.lang)
            return text
        if role == _PIECES:
            return self.pieces(stage.id, outlet.id)
        if role == _BACKGROUND:
            return self.background_at(row, column)
        if role == _TOOLTIP:
            lines = [f"{stage.title} × {outlet.name}"]
            lines += [p.tip or p.text for p in self.pieces(stage.id, outlet.id)]
            if not self._cells.get(key):
                lines.append(QCoreApplication.translate("MatrixModel", "空格子：回车或双击新建任务"))
            return "\n".join(lines)
        if role == _ID:
            return stage.id
        if role == _OUTLET_ID:
            return outlet.id
        return list(self._cells.get(key, ()))  # CellsRole

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == _VERTICAL:
            if role not in _STAGE_HEADER_ROLES or not 0 <= section < len(self._stages):
                return None
            stage = self._stages[section]
            if role == _DISPLAY:
                return self.header_labels(_VERTICAL)[section]
            if role == _BACKGROUND:
                return _UNCOVERED_BRUSH if stage.id.int not in self._covered else None
            if role == _TOOLTIP:
                tip = QCoreApplication.translate("MatrixModel", "把单位拖到这一行即可安排任务")
                if stage.id.int not in self._covered:
                    return self.tr("该环节还没有单位报道") + "\n" + tip
                return tip
            return stage.id  # IdRole
        if role not in _OUTLET_HEADER_ROLES or not 0 <= section < len(self._outlets):
            return None
        outlet = self._outlets[section]
        if role == _DISPLAY:
            return self.header_labels(_HORIZONTAL)[section]
        if role == _TOOLTIP:
            return f"{outlet.name}（{outlet.tier.label(self.lang)}）"
        return outlet.id  # OutletIdRole

    # No flags(): a cell is enabled and selectable, as QAbstractTableModel answers in C++. Qt asks for every
    # cell it paints (~170 per paint of the large project, two paints per open): a Python flags() cost ~0.3 ms
    # a paint. Outlets are dropped through the view's own handlers (MatrixView), which ask no flags.

    # -- drops of outlets ----------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [OUTLET_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(OUTLET_MIME) and (parent.isValid() or 0 <= row < len(self._stages))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(OUTLET_MIME):
            return False
        target = parent.row() if parent.isValid() else row
        if not 0 <= target < len(self._stages):
            return False
        return self.drop_outlet(target, data)

    def drop_outlet(self, row: int, data: QMimeData) -> bool:
        """An outlet dropped anywhere on stage row ``row`` (a cell, the header, the empty part)."""
        outlet_id = outlet_of(data)
        if outlet_id is None or not 0 <= row < len(self._stages):
            return False
        self.outlet_dropped.emit(self._stages[row].id, outlet_id)
        return True


def outlet_of(data: QMimeData) -> uuid.UUID | None:
    """The outlet id a drag carries, ``None`` for anything else."""
    if not data.hasFormat(OUTLET_MIME):
        return None
    try:
        return uuid.UUID(bytes(data.data(OUTLET_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return None
