"""The list of outlets beside the matrix: drag one onto a stage row to assign it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt

from planner.domain.rows import OutletRow
from planner.ui.workspace.base_model import IdRole, Index, RowRole, RowsModel
from planner.ui.workspace.matrix_model import OUTLET_MIME

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled


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
