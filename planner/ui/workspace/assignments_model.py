"""The assignments table model: pages of rows fetched as the view scrolls (``canFetchMore``/``fetchMore``).

Only the rows scrolled into view are in memory; each page is one keyset query of
:mod:`planner.services.assignment_queries` (a few milliseconds even over 200,000 rows). Edits of
loaded rows are refreshed in place; a new filter or order starts again from the first page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from planner.domain.enums import Status
from planner.domain.timefmt import fmt_short
from planner.services import assignment_queries as aq
from planner.store.database import Database
from planner.ui.workspace.base_model import IdRole, Index, RowRole

_STATUS_COLOURS = {
    Status.PLANNED: "#555555", Status.CONFIRMED: "#1f6fb2", Status.IN_PROGRESS: "#b26a00", Status.FILED: "#6a1b9a",
    Status.PUBLISHED: "#2e7d32", Status.CANCELLED: "#9e9e9e", Status.DECLINED: "#9e9e9e",
}


class AssignmentsModel(QAbstractTableModel):
    PROJECT, STAGE, OUTLET, ROLE, FORMAT, STATUS, DUE, PEOPLE, REASON = range(9)

    def __init__(self, db: Callable[[], Database], lang: str = "zh", page_size: int = aq.PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self.lang = lang
        self.page_size = page_size
        self.filter = aq.AssignmentFilter()
        self.descending = False
        self.total = 0
        self._rows: list[aq.AssignmentListRow] = []
        self._index: dict[uuid.UUID, int] = {}
        self._exhausted = True

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, flt: aq.AssignmentFilter | None = None, *, descending: bool | None = None,
                   keep: int = 0) -> None:
        """Start again from the first page (``keep``: load at least that many rows, e.g. after an edit)."""
        if flt is not None:
            self.filter = flt
        if descending is not None:
            self.descending = descending
        db = self._db()
        self.beginResetModel()
        self.total = aq.count_assignments(db, self.filter)
        self._rows = aq.page_assignments(db, self.filter, descending=self.descending,
                                         limit=max(self.page_size, min(keep, 5000)))
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self._exhausted = len(self._rows) >= self.total
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._index, self.total, self._exhausted = [], {}, 0, True
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or not self._rows:
            return
        page = aq.page_assignments(self._db(), self.filter, after=aq.cursor_after(self._rows[-1]),
                                   descending=self.descending, limit=self.page_size)
        page = [r for r in page if r.id not in self._index]
        if not page:
            self._exhausted = True
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for i, r in enumerate(page, start=first):
            self._index[r.id] = i
        self._rows.extend(page)
        self.endInsertRows()
        if len(self._rows) >= self.total:
            self._exhausted = True

    def refresh_ids(self, ids: list[uuid.UUID]) -> None:
        """Re-read loaded rows that an edit touched and repaint them."""
        loaded = [i for i in ids if i in self._index]
        if not loaded:
            return
        for fresh in aq.rows_by_id(self._db(), loaded):
            i = self._index[fresh.id]
            self._rows[i] = fresh
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    # -- rows ----------------------------------------------------------------------------------
    def loaded(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> aq.AssignmentListRow:
        return self._rows[row]

    def row_by_id(self, aid: uuid.UUID) -> aq.AssignmentListRow | None:
        i = self._index.get(aid)
        return None if i is None else self._rows[i]

    def index_of(self, aid: uuid.UUID) -> QModelIndex:
        i = self._index.get(aid)
        return self.index(i, 0) if i is not None else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headers(self) -> list[str]:
        tr = QCoreApplication.translate
        return [tr("AssignmentsModel", "项目"), tr("AssignmentsModel", "环节"), tr("AssignmentsModel", "单位"),
                tr("AssignmentsModel", "角色"), tr("AssignmentsModel", "形式"), tr("AssignmentsModel", "状态"),
                tr("AssignmentsModel", "截稿"), tr("AssignmentsModel", "人员"), tr("AssignmentsModel", "原因")]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            names = self.headers()
            if not 0 <= section < len(names):
                return None
            if section == self.DUE:
                return names[section] + (" ▼" if self.descending else " ▲")
            return names[section]
        return section + 1 if 0 <= section < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            lang = self.lang
            return (
                r.project_title, f"{r.stage_position}. {r.stage_title}", r.outlet_name, r.role.label(lang),
                r.format.label(lang), r.status.label(lang), fmt_short(r.due_at), "、".join(r.people), r.reason,
            )[col]
        if role == IdRole:
            return r.id
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return QColor(_STATUS_COLOURS.get(r.status, "#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.PROJECT, self.STAGE, self.REASON):
            return (r.project_title, r.stage_title, None, None, None, None, None, None, r.reason or None)[col]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Only the deadline orders the table (an indexed keyset); other columns keep that order."""
        if column == self.DUE:
            self.set_filter(descending=order == Qt.SortOrder.DescendingOrder)


__all__ = ["AssignmentsModel"]
