"""The 覆盖矩阵 tab: stages × outlets, outlet filters, and the outlet list to drag from.

Columns are the outlets that already cover the project (or every outlet with 显示全部单位),
narrowed by tier, province and alliance. Clicking a cell edits its piece (or makes a new one);
dropping an outlet on a stage row assigns it at once (lead if the stage has none, else support).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import ACTIVE_STATUSES, Entity, Format, Role, Tier
from planner.domain.places import places
from planner.domain.rows import OutletRow
from planner.services.commands import Create
from planner.ui.context import AppContext
from planner.ui.workspace.assignment_dialog import AssignmentDialog
from planner.ui.workspace.base_model import IdRole
from planner.ui.workspace.loader import Directory, ProjectData
from planner.ui.workspace.matrix_model import MatrixModel, OutletIdRole
from planner.ui.workspace.outlet_list_model import OutletListModel


class MatrixTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: ProjectData | None = None
        self.directory = Directory()
        lang = ctx.lang_code
        self.tier = QComboBox()
        self.tier.addItem(self.tr("全部层级"), "")
        for t in Tier:
            self.tier.addItem(t.label(lang), t.value)
        self.province = QComboBox()
        self.province.addItem(self.tr("全部省份"), "")
        for code in ("51", "50", "53"):
            p = places().province(code)
            self.province.addItem(p.name if p else code, code)
        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("全部联合体"), "")
        self.all_outlets = QCheckBox(self.tr("显示全部单位"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选单位…"))
        self.search.setClearButtonEnabled(True)
        for w in (self.tier, self.province, self.alliance):
            w.currentIndexChanged.connect(self.apply_filters)
        self.all_outlets.toggled.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)

        self.outlet_model = OutletListModel(lang, self)
        self.outlet_view = QListView()
        self.outlet_view.setModel(self.outlet_model)
        self.outlet_view.setDragEnabled(True)
        self.outlet_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.outlet_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outlet_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outlet_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.outlet_view.setMinimumWidth(120)
        self.outlet_view.setToolTip(self.tr("把单位拖到矩阵中的环节行上即可安排任务"))
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel(self.tr("拖动单位到环节行 →")))
        left_box.addWidget(self.search)
        left_box.addWidget(self.outlet_view, 1)

        self.model = MatrixModel(lang, self)
        self.model.outlet_dropped.connect(self.assign)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAcceptDrops(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setDefaultSectionSize(104)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.clicked.connect(self._on_cell_clicked)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.view, 1)
        right_box.addWidget(self.empty, 1)
        self.legend = QLabel(self.tr("行头标红：该环节还没有单位报道。单击格子编辑任务。"))
        self.legend.setStyleSheet("color:#666")
        right_box.addWidget(self.legend)

        filters = QHBoxLayout()
        for w in (self.tier, self.province, self.alliance, self.all_outlets):
            filters.addWidget(w)
        filters.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 900])
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._update_empty()

    # -- data ----------------------------------------------------------------------------------
    def set_directory(self, directory: Directory) -> None:
        self.directory = directory
        current = self.alliance.currentData()
        self.alliance.blockSignals(True)
        self.alliance.clear()
        self.alliance.addItem(self.tr("全部联合体"), "")
        for a in directory.alliances:
            self.alliance.addItem(a.name, str(a.id))
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(current or "")))
        self.alliance.blockSignals(False)
        self.apply_filters()

    def set_data(self, data: ProjectData | None) -> None:
        self.data = data
        if data is None:
            from planner.services.queries import CoverageMatrix

            self.model.set_matrix(CoverageMatrix((), (), {}), [])
        else:
            self.model.set_matrix(data.matrix, self._columns())
        self.apply_filters()

    def _passes(self, o: OutletRow) -> bool:
        tier, prov, alliance = self.tier.currentData(), self.province.currentData(), self.alliance.currentData()
        if tier and o.tier.value != tier:
            return False
        if prov and o.province_code != prov:
            return False
        return not alliance or o.id in self.directory.members.get(uuid.UUID(alliance), frozenset())

    def _columns(self) -> list[OutletRow]:
        if self.data is None:
            return []
        assigned = {o.id: o for o in self.data.matrix.outlets}
        pool = list(self.directory.outlets) if self.all_outlets.isChecked() else list(assigned.values())
        if self.all_outlets.isChecked():
            pool += [o for oid, o in assigned.items() if all(p.id != oid for p in self.directory.outlets)]
        return [o for o in pool if self._passes(o)]

    def apply_filters(self, *_: Any) -> None:
        if self.data is not None:
            self.model.set_outlets(self._columns())
        words = self.search.text().split()
        self.outlet_model.set_rows([
            o for o in self.directory.outlets
            if self._passes(o) and all(w.casefold() in f"{o.name} {o.short_name}".casefold() for w in words)
        ])
        self._update_empty()

    def _update_empty(self) -> None:
        if self.data is None:
            text = self.tr("选择一个项目查看覆盖矩阵。")
        elif not self.data.plan.stages:
            text = self.tr("这个项目还没有环节 — 先在“环节”页新建环节，再把单位拖到环节上。")
        elif self.model.columnCount() == 0:
            text = self.tr("还没有单位参与（或筛选后没有单位）— 从左侧把单位拖到环节行上，或勾选“显示全部单位”。")
        else:
            text = ""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.view.setVisible(not text)

    # -- edits ---------------------------------------------------------------------------------
    def assign(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, role: Role | None = None,
               format: Format | None = None) -> bool:
        """Assign ``outlet_id`` to ``stage_id`` now (one undoable step); defaults from what is there."""
        if self.data is None:
            return False
        stage = next((s for s in self.data.plan.stages if s.id == stage_id), None)
        outlet = self.directory.outlet(outlet_id) or self.data.plan.outlets.get(outlet_id)
        if stage is None or outlet is None:
            return False
        active = [a for a in self.data.plan.assignments if a.stage_id == stage_id and a.status in ACTIVE_STATUSES]
        if role is None:
            role = Role.SUPPORT if any(a.role is Role.LEAD for a in active) else Role.LEAD
        if format is None:
            taken = {a.format for a in active if a.outlet_id == outlet_id}
            options = [f for f in (outlet.formats or tuple(Format)) if f not in taken] or list(Format)
            needed = [f for f in self.data.plan.project.required_formats if f in options]
            format = (needed or options)[0]
        text = self.tr("安排{outlet}报道“{stage}”").format(outlet=outlet.display_name, stage=stage.title)
        fields = {"stage_id": stage_id, "outlet_id": outlet_id, "role": role.value, "format": format.value,
                  "due_at": stage.ends_at}
        return self.ctx.push(Create(Entity.ASSIGNMENT, fields, text=text)) is not None

    def _on_cell_clicked(self, index: QModelIndex) -> None:
        self.edit_cell(index.data(IdRole), index.data(OutletIdRole))

    def edit_cell(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, *, open_dialog: bool = True) -> AssignmentDialog | None:
        """Open the dialog for the piece in this cell (a menu chooses when there are several)."""
        if self.data is None:
            return None
        stage = next((s for s in self.data.plan.stages if s.id == stage_id), None)
        outlet = self.directory.outlet(outlet_id) or self.data.plan.outlets.get(outlet_id)
        if stage is None or outlet is None:
            return None
        pieces = [a for a in self.data.plan.assignments if a.stage_id == stage_id and a.outlet_id == outlet_id]
        row = pieces[0] if len(pieces) == 1 else None
        if len(pieces) > 1 and open_dialog:
            menu = QMenu(self)
            for a in pieces:
                act = menu.addAction(f"{a.role.label(self.ctx.lang_code)}·{a.format.label(self.ctx.lang_code)}"
                                     f"（{a.status.label(self.ctx.lang_code)}）")
                act.setData(str(a.id))
            menu.addSeparator()
            menu.addAction(self.tr("新增一项…")).setData("")
            chosen = menu.exec(self.cursor().pos())
            if chosen is None:
                return None
            row = next((a for a in pieces if str(a.id) == chosen.data()), None)
        elif len(pieces) > 1:
            row = pieces[0]
        people = [p for p in self.directory.people_of(outlet.id)] or [
            p for p in self.data.plan.people.values() if p.outlet_id == outlet.id
        ]
        dialog = AssignmentDialog(self.ctx, stage, outlet, people, row, parent=self)
        if open_dialog:
            dialog.exec()
        return dialog

    def select_cell(self, stage_id: uuid.UUID, outlet_id: uuid.UUID | None = None) -> bool:
        index = self.model.index_for(stage_id, outlet_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True
