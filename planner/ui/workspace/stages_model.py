"""The stages of a project in order, with drag and drop to reorder them.

A drop does not move anything itself: it emits ``move_requested(stage_id, position)`` and the tab
pushes a ``MoveStage`` command; the rows come back in their new order after the change.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.domain.places import places
from planner.domain.rows import StageRow
from planner.domain.timefmt import fmt_short
from planner.ui.workspace.base_model import Index, RowsModel

STAGE_MIME = "application/x-planner-stage-id"


class StagesModel(RowsModel):
    POSITION, TITLE, KIND, PLACE, STARTS, ENDS, DEPENDS, ASSIGNMENTS = range(8)
    move_requested = Signal(object, int)  # stage id, 1-based position

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._titles: dict[uuid.UUID, str] = {}
        self._counts: dict[uuid.UUID, int] = {}

    def set_stages(self, stages: list[StageRow] | tuple[StageRow, ...], counts: dict[uuid.UUID, int]) -> None:
        self._titles = {s.id: s.title for s in stages}
        self._counts = dict(counts)
        self.set_rows(stages)

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("StagesModel", "序"), QCoreApplication.translate("StagesModel", "环节"), QCoreApplication.translate("StagesModel", "类型"), QCoreApplication.translate("StagesModel", "地点"),
                QCoreApplication.translate("StagesModel", "开始"), QCoreApplication.translate("StagesModel", "结束"), QCoreApplication.translate("StagesModel", "前置环节"),
                QCoreApplication.translate("StagesModel", "任务")]

    def cell(self, row: StageRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.POSITION:
                return str(row.position)
            if column == self.TITLE:
                return row.title
            if column == self.KIND:
                return row.kind.label(self.lang)
            if column == self.PLACE:
                where = places().label(row.adcode) if row.adcode else ""
                return " · ".join(x for x in (where, row.location) if x)
            if column == self.STARTS:
                return fmt_short(row.starts_at) + (" ?" if row.time_tbc and row.starts_at else "")
            if column == self.ENDS:
                return fmt_short(row.ends_at)
            if column == self.DEPENDS:
                return "、".join(self._titles.get(d, "?") for d in row.depends_on)
            if column == self.ASSIGNMENTS:
                return str(self._counts.get(row.id, 0))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE and row.notes:
            return row.notes
        if role == Qt.ItemDataRole.BackgroundRole and self._counts.get(row.id, 0) == 0:
            return QColor("#fdecea")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.POSITION, self.ASSIGNMENTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- drag and drop -------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [STAGE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(STAGE_MIME, QByteArray(str(self.row_at(rows[0]).id).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(STAGE_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(STAGE_MIME):
            return False
        try:
            stage_id = uuid.UUID(bytes(data.data(STAGE_MIME).data()).decode())
        except ValueError:
            return False
        current = self.row_by_id(stage_id)
        if current is None:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        old = self._index[stage_id]
        position = target if target > old else target + 1  # 1-based position after removal
        position = max(1, min(self.rowCount(), position))
        if position != old + 1:
            self.move_requested.emit(stage_id, position)
        return False  # the rows are reloaded after the command; Qt must not remove the source row
