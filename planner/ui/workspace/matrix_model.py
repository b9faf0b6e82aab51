"""The coverage matrix: stages (rows) × outlets (columns); a cell lists that outlet's pieces there.

A cell reads like "主办·文字/图片"; cancelled and declined pieces do not count as coverage and a
stage no active piece covers has its row header tinted. Outlets dropped on a row (from the outlet
list) are announced by ``outlet_dropped(stage_id, outlet_id)``; the tab decides what to create.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from planner.domain.enums import Role, Status
from planner.domain.rows import OutletRow, StageRow
from planner.services.queries import Cell, CoverageMatrix
from planner.ui.workspace.base_model import IdRole, Index

OUTLET_MIME = "application/x-planner-outlet-id"
OutletIdRole = Qt.ItemDataRole.UserRole + 2
CellsRole = Qt.ItemDataRole.UserRole + 3
_INACTIVE = (Status.CANCELLED, Status.DECLINED)
_UNCOVERED = QColor("#f8d7d3")
_ROLE_COLOURS = {Role.LEAD: QColor("#dbeafe"), Role.SUPPORT: QColor("#e8f5e9"), Role.SYNDICATE: QColor("#f3f0fa")}


def cell_text(cells: list[Cell], lang: str) -> str:
    """``主办·文字/图片`` (several roles separated by a space); only active pieces."""
    by_role: dict[Role, list[str]] = {}
    for c in cells:
        if c.status not in _INACTIVE:
            by_role.setdefault(c.role, []).append(c.format.label(lang))
    sep = "·"
    return " ".join(f"{role.label(lang)}{sep}{'/'.join(fmts)}" for role, fmts in sorted(by_role.items(), key=lambda kv: list(Role).index(kv[0])))


class MatrixModel(QAbstractTableModel):
    """Stages × outlets over a :class:`CoverageMatrix`; column ids answer ``OutletIdRole``."""

    outlet_dropped = Signal(object, object)  # stage id, outlet id

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._stages: list[StageRow] = []
        self._outlets: list[OutletRow] = []
        self._cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]] = {}
        self._covered: set[uuid.UUID] = set()
        self._text: dict[tuple[uuid.UUID, uuid.UUID], str] = {}

    def set_matrix(self, matrix: CoverageMatrix, outlets: list[OutletRow] | tuple[OutletRow, ...]) -> None:
        self.beginResetModel()
        self._stages = list(matrix.stages)
        self._outlets = list(outlets)
        self._cells = matrix.cells
        self._covered = {sid for (sid, _o), cells in matrix.cells.items() if any(c.status not in _INACTIVE for c in cells)}
        self._text = {}
        self.endResetModel()

    def set_outlets(self, outlets: list[OutletRow] | tuple[OutletRow, ...]) -> None:
        """Change the visible columns (filters) without reloading anything."""
        self.beginResetModel()
        self._outlets = list(outlets)
        self.endResetModel()

    def stage_at(self, row: int) -> StageRow:
        return self._stages[row]

    def outlet_at(self, column: int) -> OutletRow:
        return self._outlets[column]

    def outlets(self) -> list[OutletRow]:
        return list(self._outlets)

    def cells(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> list[Cell]:
        return list(self._cells.get((stage_id, outlet_id), ()))

    def is_covered(self, stage_id: uuid.UUID) -> bool:
        return stage_id in self._covered

    def index_for(self, stage_id: uuid.UUID, outlet_id: uuid.UUID | None = None) -> QModelIndex:
        row = next((i for i, s in enumerate(self._stages) if s.id == stage_id), -1)
        col = next((j for j, o in enumerate(self._outlets) if o.id == outlet_id), 0) if outlet_id else 0
        return self.index(row, col) if row >= 0 and self._outlets else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._outlets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._stages) and 0 <= index.column() < len(self._outlets)):
            return None
        stage, outlet = self._stages[index.row()], self._outlets[index.column()]
        key = (stage.id, outlet.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = cell_text(self._cells.get(key, []), self.lang)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{stage.title} × {outlet.name}\n{text}" if text else f"{stage.title} × {outlet.name}"
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            cells = self._cells.get(key)
            if cells:
                active = [c for c in cells if c.status not in _INACTIVE]
                if active:
                    lead = any(c.role is Role.LEAD for c in active)
                    return QBrush(_ROLE_COLOURS[Role.LEAD if lead else active[0].role])
            return None
        if role == IdRole:
            return stage.id
        if role == OutletIdRole:
            return outlet.id
        if role == CellsRole:
            return list(self._cells.get(key, ()))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._stages):
                return None
            stage = self._stages[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{stage.position}. {stage.title}"
            if role == Qt.ItemDataRole.BackgroundRole and stage.id not in self._covered:
                return QBrush(_UNCOVERED)
            if role == Qt.ItemDataRole.ToolTipRole and stage.id not in self._covered:
                return self.tr("该环节还没有单位报道")
            if role == IdRole:
                return stage.id
            return None
        if not 0 <= section < len(self._outlets):
            return None
        outlet = self._outlets[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return outlet.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{outlet.name}（{outlet.tier.label(self.lang)}）"
        if role == OutletIdRole:
            return outlet.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled

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
        try:
            outlet_id = uuid.UUID(bytes(data.data(OUTLET_MIME).data()).decode())
        except ValueError:
            return False
        self.outlet_dropped.emit(self._stages[target].id, outlet_id)
        return True
