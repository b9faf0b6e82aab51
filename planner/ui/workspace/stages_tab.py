"""The 环节 tab: the ordered stages of a project; add, edit, delete, move (drag or buttons).

The stage dialog and the commands are imported when first used: the tab is made at start-up, and
the dialog's modules (recurrence, notes, places) cost the first paint ~15 ms of CPU.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import ACTIVE_STATUSES, Entity
from planner.domain.rows import StageRow
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.server.gates import gate_stages_tab
from planner.ui.workspace.base_model import IdRole
from planner.ui.workspace.lazy_tabs import FilledWhenShown
from planner.ui.workspace.stages_model import StagesModel

if TYPE_CHECKING:
    from planner.ui.workspace.loader import ProjectData


class StagesTab(FilledWhenShown, QWidget):
    stage_chosen = Signal(object)  # stage id (e.g. to show it in the matrix)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: uuid.UUID | None = None
        self._model = StagesModel(ctx.lang_code, self)
        self._model.move_requested.connect(self.move_stage)
        self.view = QTableView()
        self.view.setModel(self._model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.verticalHeader().setVisible(False)
        self._fit_columns(False)  # to their contents while shown: see showEvent
        self.view.doubleClicked.connect(lambda *_: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("新建环节…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.add_button.clicked.connect(self.add_stage)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self._nudge(-1))
        self.down_button.clicked.connect(lambda: self._nudge(1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.view.setToolTip(self.tr("拖动行可调整顺序；双击编辑"))
        self.empty = QLabel(self.tr("还没有环节 — 点“新建环节…”添加站点、阶段或活动（Ctrl+Shift+T）。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.keys = shortcuts.install(self.view, "stages", {
            "edit": self.edit_selected, "add": self.add_stage, "delete": self.delete_selected,
            "up": lambda: self._nudge(-1), "down": lambda: self._nudge(1),
        })
        self._update_buttons()

    @property
    def model(self) -> StagesModel:
        """The stages' model, brought up to date first if a project was opened while the tab was hidden."""
        self.catch_up()
        return self._model

    def showEvent(self, event: Any) -> None:
        self.catch_up()  # before the columns are fitted (FilledWhenShown would do it after)
        self._fit_columns(True)
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self._fit_columns(False)
        super().hideEvent(event)

    def _fit_columns(self, fit: bool) -> None:
        """Columns fit their contents (the title takes the rest) while the tab is shown. A hidden
        header in that mode still measures every row after each reset of the model: ~5,000
        ``data()`` calls each time the large project opened with another tab in front."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(StagesModel.TITLE, QHeaderView.ResizeMode.Stretch)
        if fit:  # now, not on the header's next timer: the first paint already has the widths
            for column in range(self.model.columnCount()):
                if column != StagesModel.TITLE:
                    self.view.resizeColumnToContents(column)

    def set_data(self, data: ProjectData) -> None:
        """Show a project's stages — when the tab is shown (or its model is read): behind the matrix, the
        large project's stages were counted and the table reset on every open (~0.5 ms) for nobody."""
        self.project_id = data.plan.project.id
        super().set_data(data)

    def _fill(self, data: ProjectData) -> None:
        selected = self.selected_id()
        # counted by the ids' .int, statuses by identity: uuid.UUID and Enum hash in Python (~3,000 calls an open)
        active = tuple(ACTIVE_STATUSES)
        by_int = Counter(a.stage_id.int for a in data.plan.assignments if a.status in active)
        counts = {s.id: by_int[s.id.int] for s in data.plan.stages if s.id.int in by_int}
        self._model.set_stages(data.plan.stages, counts)
        if selected is not None:
            self.select_id(selected)
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self.project_id = None
        self._model.set_stages([], {})
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------------
    def selected_id(self) -> uuid.UUID | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return rows[0].data(IdRole) if rows else None

    def selected_row(self) -> StageRow | None:
        sid = self.selected_id()
        return self.model.row_by_id(sid) if sid else None

    def select_id(self, stage_id: uuid.UUID) -> bool:
        index = self.model.index_of(stage_id)
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def _update_buttons(self, *_: Any) -> None:
        has_project = self.project_id is not None
        row = self.selected_row()
        self.add_button.setEnabled(has_project)
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.view.setVisible(not empty)
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row.position > 1)
        self.down_button.setEnabled(row is not None and row.position < self.model.rowCount())
        gate_stages_tab(self)  # a shared server's role has the last word

    # -- edits ---------------------------------------------------------------------------------
    def add_stage(self) -> None:
        from planner.ui.workspace.stage_dialog import StageDialog

        if self.project_id is None:
            return
        StageDialog(self.ctx, self.project_id, self.model.rows(), parent=self).exec()

    def edit_selected(self) -> None:
        from planner.ui.workspace.stage_dialog import StageDialog

        row = self.selected_row()
        if row is None or self.project_id is None:
            return
        StageDialog(self.ctx, self.project_id, self.model.rows(), row, parent=self).exec()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除环节"),
            self.tr("删除环节“{title}”及其全部任务？可以撤销。").format(title=row.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_stage(row)

    def delete_stage(self, row: StageRow) -> None:
        from planner.services.commands import Delete

        self.ctx.push(Delete(Entity.STAGE, row.id, text=self.tr("删除环节“{title}”").format(title=row.title),
                             expected_version=row.version))

    def move_stage(self, stage_id: uuid.UUID, position: int) -> None:
        from planner.services.commands import MoveStage

        row = self.model.row_by_id(stage_id)
        if row is None or self.project_id is None:
            return
        self.ctx.push(MoveStage(self.project_id, stage_id, position,
                                text=self.tr("移动环节“{title}”").format(title=row.title)))

    def _nudge(self, step: int) -> None:
        row = self.selected_row()
        if row is not None:
            self.move_stage(row.id, row.position + step)
