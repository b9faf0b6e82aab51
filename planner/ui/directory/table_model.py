"""A thin read-only table model over frozen rows, and the filter proxy the directory pages share.

Subclasses declare ``COLUMNS`` (header, sort/display function) and the model answers
``IdRole`` with the row's id and ``RowRole`` with the row itself, so views read selections by id,
never by row number.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from planner.ui.server.marks import live_mark

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Rows in, cells out. ``columns()`` returns (header, display function, sort function or None)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._by_id: dict[uuid.UUID, int] = {}
        self._columns = self.columns()

    # -- to override ---------------------------------------------------------------------------
    def columns(self) -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any] | None]]:
        raise NotImplementedError

    # -- rows ----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._by_id = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        return self._by_id.get(row_id, -1)

    def index_of(self, row_id: uuid.UUID, column: int = 0) -> QModelIndex:
        row = self.row_of(row_id)
        return self.index(row, column) if row >= 0 else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        _, show, sort = self._columns[index.column()]
        mark = live_mark(getattr(row, "id", None), role)  # 刚由 X 修改 (shared server)
        if mark is not None:
            return mark
        if role == Qt.ItemDataRole.DisplayRole:
            value = show(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            value = show(row)
            return str(value) if value else None
        if role == SortRole:
            value = (sort or show)(row)
            return "" if value is None else value
        if role == IdRole:
            return row.id
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section][0]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SortRole``; keeps rows whose ``search_text(row)`` contains every word of the search
    text and that pass every predicate set with :meth:`set_predicate`."""

    def __init__(self, search_text: Callable[[Any], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._search_text = search_text
        self._words: list[str] = []
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def set_search(self, text: str) -> None:
        self._begin()
        self._words = [w.casefold() for w in text.split() if w]
        self._end()

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        self._begin()
        if predicate is None:
            self._predicates.pop(name, None)
        else:
            self._predicates[name] = predicate
        self._end()

    def _begin(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()

    def _end(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # older Qt
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel) or source_parent.isValid():
            return True
        row = model.row_at(source_row)
        if self._words:
            hay = self._search_text(row).casefold()
            if not all(w in hay for w in self._words):
                return False
        return all(p(row) for p in self._predicates.values())

    def id_at(self, proxy_row: int) -> uuid.UUID | None:
        idx = self.index(proxy_row, 0)
        return idx.data(IdRole) if idx.isValid() else None
