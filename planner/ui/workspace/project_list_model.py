"""The project list on the left of the workspace: title, status and counts of each project, and the
table that shows them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from planner.domain.enums import ProjectStatus
from planner.domain.timefmt import fmt_date
from planner.ui.workspace.base_model import IdRole, RowRole, RowsModel

if TYPE_CHECKING:
    from planner.services.queries import ProjectSummary

_STATUS_COLOURS = {
    ProjectStatus.DRAFT: "#8a8a8a", ProjectStatus.PLANNING: "#1f6fb2", ProjectStatus.ACTIVE: "#2e7d32",
    ProjectStatus.CLOSED: "#6d4c41", ProjectStatus.ARCHIVED: "#9e9e9e",
}


class ProjectListModel(RowsModel):
    TITLE, STATUS, STAGES, ASSIGNMENTS = range(4)
    # what cell() answers, and a shared server's mark (tooltip, background): the resize-to-contents
    # columns measure every row when the list is filled (1,000 projects × 4 columns × ~9 roles asked)
    ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                                       Qt.ItemDataRole.BackgroundRole, IdRole, RowRole))

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("ProjectListModel", "项目"), QCoreApplication.translate("ProjectListModel", "状态"), QCoreApplication.translate("ProjectListModel", "环节"),
                QCoreApplication.translate("ProjectListModel", "任务")]

    def row_id(self, row: ProjectSummary) -> uuid.UUID:
        return row.project.id

    def cell(self, row: ProjectSummary, column: int, role: int) -> Any:
        p = row.project
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return p.title
            if column == self.STATUS:
                return p.status.label(self.lang)
            if column == self.STAGES:
                return str(row.stages)
            if column == self.ASSIGNMENTS:
                return str(row.assignments)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            dates = " – ".join(x for x in (fmt_date(p.starts_on, self.lang), fmt_date(p.ends_on, self.lang)) if x)
            return "\n".join(x for x in (p.title, p.code or "", dates) if x)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor(_STATUS_COLOURS.get(p.status, "#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.STAGES, self.ASSIGNMENTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def search_text(self, row: ProjectSummary) -> str:
        p = row.project
        return f"{p.title} {p.code or ''} {p.kind.zh} {p.kind.en} {p.status.zh} {p.status.en}"


class _TitlesHeader(QHeaderView):
    """The project list's column titles, which show nothing of the selection: a table's own header
    turns a wholly selected column's title bold (with one project listed, every title on each
    selection and off again), and repaints the titles over a selection's columns on every change of
    project even when nothing turns bold (~0.8 ms a switch)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as QTableView sets up its own header
        self.setHighlightSections(False)

    def selectionChanged(self, selected: Any, deselected: Any) -> None:
        if self.highlightSections():  # nothing to draw differently otherwise
            super().selectionChanged(selected, deselected)


class ProjectListView(QTableView):
    """The project list's table. Its resize-to-contents columns ask for each column's width three
    times when the list is filled (shown, laid out, its scroll bar appearing), and each answer
    measures up to 1,000 rows (~0.25 s on 1,000 projects): a width is kept until the rows, the rows
    in view or the font change, so it is measured once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(_TitlesHeader(self))
        self._widths: dict[tuple[Any, ...], int] = {}

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if model is not None:  # connected before the view's own slots: forgotten before it measures again
            for signal in (model.modelAboutToBeReset, model.modelReset, model.layoutAboutToBeChanged,
                           model.layoutChanged, model.rowsAboutToBeInserted, model.rowsInserted,
                           model.rowsAboutToBeRemoved, model.rowsRemoved, model.rowsMoved, model.dataChanged,
                           model.headerDataChanged, model.columnsInserted, model.columnsRemoved):
                signal.connect(self._forget_widths)
        super().setModel(model)

    def _forget_widths(self, *_: Any) -> None:
        self._widths.clear()

    def sizeHintForColumn(self, column: int) -> int:
        # what Qt's answer depends on: the rows in view (it measures from them outwards) and the font
        key = (column, self.isVisible(), self.rowAt(0), self.rowAt(self.viewport().height()), self.font().key())
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = super().sizeHintForColumn(column)
        return width
