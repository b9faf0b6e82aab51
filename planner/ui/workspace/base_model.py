"""The thin table model every workspace list shares: frozen rows in, cells out.

Subclasses declare ``COLUMNS`` as constants and implement :meth:`cell`; the id of a row answers
``IdRole`` (``Qt.UserRole``) and the row itself ``RowRole``, so views read selections by id and
never by row number. :meth:`set_rows` resets the model in one go.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.ui.server.marks import live_mark

IdRole = Qt.ItemDataRole.UserRole
RowRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows with an ``id`` (or :meth:`row_id`); subclasses give ``headers()`` and ``cell()``."""

    # the roles ``data`` answers (besides IdRole and RowRole); ``None``: any. A view asks ~8 roles per
    # cell painted; a model that names its few roles answers the others at once, without a call to cell()
    ROLES: frozenset[int] | None = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._index: dict[uuid.UUID, int] = {}
        self._column_count: int | None = None  # len(headers()): fixed, and asked for on every paint

    # -- to override ---------------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def row_id(self, row: Any) -> uuid.UUID:
        return row.id

    # -- rows ----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {self.row_id(r): i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_by_id(self, row_id: uuid.UUID) -> Any | None:
        i = self._index.get(row_id)
        return None if i is None else self._rows[i]

    def index_of(self, row_id: uuid.UUID, column: int = 0) -> QModelIndex:
        i = self._index.get(row_id)
        return self.index(i, column) if i is not None else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self._column_count is None:  # headers() translates every label: not on each of ~140 calls per paint
            self._column_count = len(self.headers())
        return self._column_count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.ROLES is not None and role not in self.ROLES:
            return None
        r = index.row()
        if not index.isValid() or not 0 <= r < len(self._rows):
            return None
        row = self._rows[r]
        if role == IdRole:
            return self.row_id(row)
        if role == RowRole:
            return row
        mark = live_mark(self.row_id(row), role)  # 刚由 X 修改 / X 正在编辑 (shared server)
        return mark if mark is not None else self.cell(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return section + 1 if 0 <= section < len(self._rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
