"""The assignments table model: pages of rows fetched as the view scrolls (``canFetchMore``/``fetchMore``).

Only the rows scrolled into view are in memory; each page is one keyset query of
:mod:`planner.services.assignment_queries` (a few milliseconds even over 200,000 rows). Edits of
loaded rows are refreshed in place; a new filter or order starts again from the first page.

Loaded rows are kept packed as tuples of plain values (ids as hex text, enums as codes) and
unpacked to :class:`AssignmentListRow` on demand. Such tuples are not tracked by Python's cyclic
garbage collector, so tens of thousands of loaded rows do not lengthen its full collections — which
otherwise showed up as 100–150 ms stalls while scrolling.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from planner.domain.enums import Format, Role, Status
from planner.domain.timefmt import fmt_short
from planner.services import assignment_queries as aq
from planner.store.database import Database
from planner.ui.server.marks import live_mark
from planner.ui.workspace.base_model import IdRole, Index, RowRole

_ROLES, _FORMATS, _STATUSES = Role._value2member_map_, Format._value2member_map_, Status._value2member_map_
# Positions in a packed row.
_ID, _STAGE, _PROJECT, _OUTLET, _ROLE, _FORMAT, _STATUS, _DUE, _REASON, _VERSION, _STITLE, _SPOS, _PTITLE, \
    _ONAME, _PEOPLE, _PIDS, _KEY = range(17)


def pack(r: aq.AssignmentListRow) -> tuple[Any, ...]:
    return (r.id.hex, r.stage_id.hex, r.project_id.hex, r.outlet_id.hex, r.role.value, r.format.value, r.status.value,
            r.due_at, r.reason, r.version, r.stage_title, r.stage_position, r.project_title, r.outlet_name,
            tuple(r.people), tuple(p.hex for p in r.person_ids), r.order_key)


def unpack(t: tuple[Any, ...]) -> aq.AssignmentListRow:
    u = uuid.UUID
    return aq.AssignmentListRow(
        u(t[_ID]), u(t[_STAGE]), u(t[_PROJECT]), u(t[_OUTLET]), _ROLES[t[_ROLE]], _FORMATS[t[_FORMAT]],  # type: ignore[arg-type]
        _STATUSES[t[_STATUS]], t[_DUE], t[_REASON], t[_VERSION], t[_STITLE], t[_SPOS], t[_PTITLE], t[_ONAME],  # type: ignore[arg-type]
        t[_PEOPLE], tuple(u(p) for p in t[_PIDS]), t[_KEY],
    )


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
        self._rows: list[tuple[Any, ...]] = []  # packed rows (see pack())
        self._index: dict[str, int] = {}  # id hex -> row
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
        self._rows = [pack(r) for r in aq.page_assignments(db, self.filter, descending=self.descending,
                                                            limit=max(self.page_size, min(keep, 5000)))]
        self._index = {r[_ID]: i for i, r in enumerate(self._rows)}
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
        last = self._rows[-1]
        after = aq.Cursor(last[_DUE], last[_KEY] if last[_KEY] is not None else uuid.UUID(last[_ID]))
        page = aq.page_assignments(self._db(), self.filter, after=after, descending=self.descending,
                                   limit=self.page_size)
        page = [pack(r) for r in page if r.id.hex not in self._index]
        if not page:
            self._exhausted = True
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for i, r in enumerate(page, start=first):
            self._index[r[_ID]] = i
        self._rows.extend(page)
        self.endInsertRows()
        if len(self._rows) >= self.total:
            self._exhausted = True

    def refresh_ids(self, ids: list[uuid.UUID]) -> None:
        """Re-read loaded rows that an edit touched and repaint them."""
        loaded = [i for i in ids if i.hex in self._index]
        if not loaded:
            return
        for fresh in aq.rows_by_id(self._db(), loaded):
            i = self._index[fresh.id.hex]
            self._rows[i] = pack(fresh)
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    # -- rows ----------------------------------------------------------------------------------
    def loaded(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> aq.AssignmentListRow:
        return unpack(self._rows[row])

    def row_by_id(self, aid: uuid.UUID) -> aq.AssignmentListRow | None:
        i = self._index.get(aid.hex)
        return None if i is None else unpack(self._rows[i])

    def index_of(self, aid: uuid.UUID) -> QModelIndex:
        i = self._index.get(aid.hex)
        return self.index(i, 0) if i is not None else QModelIndex()

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("AssignmentsModel", "项目"), QCoreApplication.translate("AssignmentsModel", "环节"), QCoreApplication.translate("AssignmentsModel", "单位"),
                QCoreApplication.translate("AssignmentsModel", "角色"), QCoreApplication.translate("AssignmentsModel", "形式"), QCoreApplication.translate("AssignmentsModel", "状态"),
                QCoreApplication.translate("AssignmentsModel", "截稿"), QCoreApplication.translate("AssignmentsModel", "人员"), QCoreApplication.translate("AssignmentsModel", "原因")]

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
        t = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            lang = self.lang
            if col == self.PROJECT:
                return t[_PTITLE]
            if col == self.STAGE:
                return f"{t[_SPOS]}. {t[_STITLE]}"
            if col == self.OUTLET:
                return t[_ONAME]
            if col == self.ROLE:
                return _ROLES[t[_ROLE]].label(lang)  # type: ignore[attr-defined]
            if col == self.FORMAT:
                return _FORMATS[t[_FORMAT]].label(lang)  # type: ignore[attr-defined]
            if col == self.STATUS:
                return _STATUSES[t[_STATUS]].label(lang)  # type: ignore[attr-defined]
            if col == self.DUE:
                return fmt_short(t[_DUE])
            if col == self.PEOPLE:
                return "、".join(t[_PEOPLE])
            return t[_REASON]
        if role == IdRole:
            return uuid.UUID(t[_ID])
        if role == RowRole:
            return unpack(t)
        mark = live_mark(t[_ID], role)  # 刚由 X 修改 / X 正在编辑 (shared server)
        if mark is not None:
            return mark
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return QColor(_STATUS_COLOURS.get(_STATUSES[t[_STATUS]], "#000000"))  # type: ignore[call-overload]
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.PROJECT, self.STAGE, self.REASON):
            return {self.PROJECT: t[_PTITLE], self.STAGE: t[_STITLE], self.REASON: t[_REASON] or None}[col]
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
