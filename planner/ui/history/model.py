"""The history table: one row per change-log entry, newest first, with a one-line summary of the fields."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from planner.domain.enums import Action
from planner.domain.timefmt import fmt_datetime
from planner.services.audit import FieldText, HistoryEntry

EntryRole = Qt.ItemDataRole.UserRole + 1

_ACTION_COLOURS = {Action.CREATE: "#2e7d32", Action.DELETE: "#b3261e", Action.RESTORE: "#6a1b9a"}


class HistoryModel(QAbstractTableModel):
    """Entries in, cells out; an entry answers ``EntryRole`` (views read selections by entry, not row)."""

    WHEN, WHO, ACTION, KIND, RECORD, SUMMARY = range(6)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.texts: dict[uuid.UUID, list[FieldText]] = {}
        self._rows: list[HistoryEntry] = []
        self._index: dict[uuid.UUID, int] = {}

    def set_rows(self, rows: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def rows(self) -> list[HistoryEntry]:
        return list(self._rows)

    def row_at(self, row: int) -> HistoryEntry:
        return self._rows[row]

    def index_of(self, entry_id: uuid.UUID) -> QModelIndex:
        i = self._index.get(entry_id)
        return self.index(i, 0) if i is not None else QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        return row if role == EntryRole else self.cell(row, index.column(), role)

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("对象"), self.tr("名称"), self.tr("内容")]

    def set_entries(self, entries: list[HistoryEntry], texts: dict[uuid.UUID, list[FieldText]], *,
                    append: bool = False) -> None:
        if append:
            self.texts.update(texts)
            self.set_rows(self.rows() + entries)
        else:
            self.texts = dict(texts)
            self.set_rows(entries)

    def summary(self, entry: HistoryEntry) -> str:
        texts = self.texts.get(entry.id, [])
        sep = "; " if self.lang == "en" else "；"
        colon = ": " if self.lang == "en" else "："
        if entry.before and entry.after:
            parts = [f"{t.label}{colon}{t.before} → {t.after}" for t in texts]
        else:
            parts = [f"{t.label}{colon}{t.after or t.before}" for t in texts[:3]]
            if len(texts) > 3:
                parts.append("…")
        return sep.join(parts)

    def cell(self, row: HistoryEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return fmt_datetime(row.at, self.lang)
            if column == self.WHO:
                return row.desk
            if column == self.ACTION:
                return row.action.label(self.lang)
            if column == self.KIND:
                return row.entity.label(self.lang)
            if column == self.RECORD:
                return row.label
            if column == self.SUMMARY:
                return self.summary(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY:
            return "\n".join(f"{t.label}: {t.before} → {t.after}" if row.before and row.after else f"{t.label}: {t.after or t.before}"
                             for t in self.texts.get(row.id, []))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION and row.action in _ACTION_COLOURS:
            return QColor(_ACTION_COLOURS[row.action])
        return None
