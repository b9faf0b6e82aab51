"""The 覆盖矩阵 tab: stages × outlets, outlet filters, and the outlet list to drag from.

Columns are the outlets that already cover the project (or every outlet with 显示全部单位),
narrowed by tier, province and alliance; they keep their order while one works (a new outlet
joins at the right end, it does not reshuffle the others). Every stage has its row from the
start, so a new project's first outlet can be dropped on it — on a cell, the row's header or the
empty part of the row — and is assigned at once (lead if the stage has none, else support); the
new piece is scrolled into view and selected.

The outlet list's filter matches like every picker (:mod:`planner.domain.matcher`: contains, full
pinyin, initials). Keyboard: arrows move, Enter (or double-click) opens the cell's piece (a new
task in an empty cell), Insert adds another format, Delete removes the piece (one undo step); the
context menu offers the same per piece. Declined and cancelled pieces show greyed (a toggle hides them).
The edits themselves (assign, open, add, delete, the cell's menu) are :mod:`.matrix_edits`.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import Tier
from planner.domain.matcher import Keys, fold, keys, rank, tables_ready
from planner.domain.places import places
from planner.domain.rows import OutletRow
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.pickers import pinyin_loader
from planner.ui.server.gates import gate_matrix_tab
from planner.ui.workspace import column_order
from planner.ui.workspace.base_model import IdRole
from planner.ui.workspace.loader import Directory, ProjectData
from planner.ui.workspace.matrix_edits import MatrixEdits
from planner.ui.workspace.matrix_model import INACTIVE_LAYER, MatrixModel, OutletIdRole
from planner.ui.workspace.matrix_view import MatrixView
from planner.ui.workspace.outlet_list_model import OutletListModel, OutletListView, OutletNameDelegate


class MatrixTab(QWidget):
    side_panel_toggled = Signal(bool)  # the side panel (补位建议) opened (True) or closed

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
        self.show_inactive = QCheckBox(self.tr("显示婉拒和取消的任务"))
        self.show_inactive.setChecked(True)
        self.show_inactive.setToolTip(self.tr("婉拒和取消的任务以灰色显示，不算作报道"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选单位（拼音首字母亦可）"))
        self.search.setClearButtonEnabled(True)
        self._outlet_keys: dict[tuple[str, str], Keys] = {}  # the shared matcher's keys (川报, cb, chuanbao)
        pinyin_loader().ready.connect(self._on_pinyin_ready)
        for w in (self.tier, self.province, self.alliance):
            w.currentIndexChanged.connect(self.apply_filters)
        self.all_outlets.toggled.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)

        self.outlet_model = OutletListModel(lang, self)
        self.outlet_view = OutletListView()
        self.outlet_view.setModel(self.outlet_model)
        self.outlet_view.setItemDelegate(OutletNameDelegate(self.outlet_view))  # names kept laid out
        self.outlet_view.setDragEnabled(True)
        self.outlet_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.outlet_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outlet_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outlet_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.outlet_view.setMinimumWidth(120)
        # every row is one line of text, elided: sized from the first, not by measuring 300 rows each time
        # the tab is shown again (~2,400 data() calls on each open of a project)
        self.outlet_view.setUniformItemSizes(True)
        self.outlet_view.setToolTip(self.tr("把单位拖到矩阵中的环节行上即可安排任务"))
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.drag_hint = QLabel(self.tr("拖动单位到环节行 →"))  # the role's sentence when it may not plan
        self.drag_hint.setWordWrap(True)
        left_box.addWidget(self.drag_hint)
        left_box.addWidget(self.search)
        left_box.addWidget(self.outlet_view, 1)

        self.edits = MatrixEdits(self)
        # its public calls are the tab's own (drops, keys, menus, the suggestion panel, tests)
        self.assign, self.pieces_of, self.context_menu = self.edits.assign, self.edits.pieces_of, self.edits.context_menu
        self.open_cell, self.edit_cell = self.edits.open_cell, self.edits.edit_cell
        self.add_piece, self.delete_pieces = self.edits.add_piece, self.edits.delete_pieces
        self.model = MatrixModel(lang, self)
        self.model.outlet_dropped.connect(self.assign)
        self.show_inactive.toggled.connect(lambda on: self.model.show_layer(INACTIVE_LAYER, on))
        self.view = MatrixView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setDefaultSectionSize(104)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.doubleClicked.connect(self._on_cell_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.keys = shortcuts.install(self.view, "matrix", {
            "open": self.open_current, "add": self.add_current, "delete": self.delete_current,
        })
        self._column_order: dict[uuid.UUID, list[uuid.UUID]] = {}  # per project: the columns as shown
        self._preview_outlets: list[OutletRow] = []  # outlets a greyed layer proposes: shown as columns too
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#1f6fb2; padding:2px 0;")
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#666; font-size:12pt;")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.hint)
        right_box.addWidget(self.view, 1)
        right_box.addWidget(self.empty, 1)
        # the keys that change the plan are named only to roles that may use them (ui/server/gates.py)
        self.legend_texts = (self.tr("行头标红：该环节还没有单位报道。双击或回车打开格子，Insert 再加一种形式，Delete 删除，右键更多。"),
                             self.tr("行头标红：该环节还没有单位报道。双击或回车查看格子。"))
        self.legend = QLabel(self.legend_texts[0])
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#666")
        right_box.addWidget(self.legend)

        filters = QHBoxLayout()
        for w in (self.tier, self.province, self.alliance, self.all_outlets, self.show_inactive):
            filters.addWidget(w)
        filters.addStretch(1)
        self.filters = filters
        self.side_toggle: QToolButton | None = None
        self._side: QWidget | None = None
        self._side_width = 300
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 900])
        splitter.setCollapsible(1, False)
        self.splitter = splitter
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
            from planner.services.coverage import CoverageMatrix

            self.model.set_matrix(CoverageMatrix((), (), {}), [])
        else:
            self.model.set_matrix(data.matrix, self._columns())
        self._filter_outlet_list()  # the columns were just set
        gate_matrix_tab(self)  # a shared server's role: new, dropped and deleted pieces are planning
        if self.edits.select_after is not None and data is not None:
            stage_id, outlet_id = self.edits.select_after
            self.edits.select_after = None
            self.select_cell(stage_id, outlet_id)

    def add_side_panel(self, panel: QWidget, label: str, width: int = 300) -> None:
        """Put ``panel`` right of the matrix (the 补位建议 panel), closed until asked for: a checkable
        button at the end of the filter row opens and closes it (so does its splitter handle), so
        the matrix keeps its width while nobody needs the panel."""
        self.splitter.addWidget(panel)
        self.splitter.setCollapsible(2, True)
        self._side, self._side_width = panel, width
        toggle = QToolButton()
        toggle.setText(label)
        toggle.setCheckable(True)
        toggle.setToolTip(self.tr("打开或关闭右侧的%1面板").replace("%1", label))
        toggle.toggled.connect(self._set_side_panel)
        self.filters.addWidget(toggle)
        self.side_toggle = toggle
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        panel.setVisible(False)

    def side_panel_open(self) -> bool:
        sizes = self.splitter.sizes()
        return self._side is not None and not self._side.isHidden() and len(sizes) == 3 and sizes[2] > 0

    def show_side_panel(self) -> None:
        """Open the side panel (its button shows it pressed)."""
        if self.side_toggle is not None:
            self.side_toggle.setChecked(True)
            self._set_side_panel(True)

    def hide_side_panel(self) -> None:
        if self.side_toggle is not None:
            self.side_toggle.setChecked(False)
            self._set_side_panel(False)

    def _set_side_panel(self, shown: bool) -> None:
        if self._side is None or (self.side_panel_open() if shown else self._side.isHidden()):
            return  # already so
        self._side.setVisible(shown)  # a hidden widget takes no room and no handle in the splitter
        if shown:
            sizes = self.splitter.sizes()
            width = self._side_width
            self.splitter.setSizes([sizes[0], max(300, sizes[1] + sizes[2] - width), width])
        self.side_panel_toggled.emit(shown)

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        """Dragging the handle open or shut is the same as the button."""
        shown = self.side_panel_open()
        if self.side_toggle is not None and self.side_toggle.isChecked() != shown:
            self.side_toggle.blockSignals(True)
            self.side_toggle.setChecked(shown)
            self.side_toggle.blockSignals(False)
            self.side_panel_toggled.emit(shown)

    def set_preview_outlets(self, outlets: list[OutletRow]) -> None:
        """Outlets that get a column while a greyed layer proposes them (not yet in the project)."""
        if [o.id for o in outlets] == [o.id for o in self._preview_outlets]:
            return
        self._preview_outlets = list(outlets)
        self.apply_filters()

    def _passes(self) -> Any:
        """The tier, province and alliance filters as one test of an outlet (the combo boxes read once,
        not three times for each of 300 outlets), or ``None`` when no filter is set (every outlet
        passes: each open then skips 300 Python calls)."""
        tier, prov, alliance = self.tier.currentData(), self.province.currentData(), self.alliance.currentData()
        if not (tier or prov or alliance):
            return None
        members = self.directory.members.get(uuid.UUID(alliance), frozenset()) if alliance else None

        def passes(o: OutletRow) -> bool:
            if tier and o.tier.value != tier:
                return False
            if prov and o.province_code != prov:
                return False
            return members is None or o.id in members

        return passes

    def _columns(self) -> list[OutletRow]:
        """The matrix's columns: the project's outlets (or every outlet), in the order the editor has seen,
        filtered. Outlets are matched by their ids' ``.int``: a ``uuid.UUID`` hashes and compares in Python,
        ~2,000 calls for the large project's 300 columns on every open."""
        if self.data is None:
            return []
        assigned = {o.id.int: o for o in self.data.matrix.outlets}
        for o in self._preview_outlets:
            assigned.setdefault(o.id.int, o)
        pool = list(self.directory.outlets) if self.all_outlets.isChecked() else list(assigned.values())
        if self.all_outlets.isChecked():
            listed = {p.id.int for p in self.directory.outlets}
            pool += [o for oid, o in assigned.items() if oid not in listed]
        # the order the editor has seen stays, also after a restart; outlets new to the project join at the right end
        project_id = self.data.plan.project.id
        order = self._column_order.get(project_id)
        if order is None:
            order = self._column_order[project_id] = column_order.load(self.ctx.db.label, project_id)
        rank = {oid.int: i for i, oid in enumerate(order)}
        joined = [o.id for o in pool if o.id.int not in rank]
        if joined:
            stored = bool(order)  # a first look keeps the natural order: nothing to store yet
            for oid in joined:
                rank[oid.int] = len(order)
                order.append(oid)
            if stored:
                column_order.save(self.ctx.db.label, project_id, order)
        pool.sort(key=lambda o: rank[o.id.int])
        passes = self._passes()
        return pool if passes is None else [o for o in pool if passes(o)]

    def apply_filters(self, *_: Any) -> None:
        if self.data is not None:
            self.model.set_outlets(self._columns())
        self._filter_outlet_list()

    def _filter_outlet_list(self) -> None:
        words = [fold(w) for w in self.search.text().split()]
        if words:
            pinyin_loader().request()  # until it is loaded: names that contain the words
        passes = self._passes()
        if passes is None and not words:
            listed = list(self.directory.outlets)
        else:
            listed = [o for o in self.directory.outlets
                      if (passes is None or passes(o)) and self._found(o, words)]
        if listed != self.outlet_model.rows():  # each project opened came here: 300 rows reset for nothing
            self.outlet_model.set_rows(listed)
        self._update_empty()

    def _found(self, outlet: OutletRow, words: list[str]) -> bool:
        """Whether the outlet list's filter words all match the outlet the way every picker matches."""
        if not words:
            return True
        if tables_ready():
            names = (outlet.name, outlet.short_name)  # by name: a renamed outlet gets new keys
            k = self._outlet_keys.get(names)
            if k is None:
                k = self._outlet_keys[names] = keys(*names)
            return all(rank(w, k) is not None for w in words)
        text = fold(f"{outlet.name} {outlet.short_name}")
        return all(w in text for w in words)

    def _on_pinyin_ready(self) -> None:
        if self.search.text().strip():
            self.apply_filters()

    def _update_empty(self) -> None:
        hint = ""
        if self.data is None:
            text = self.tr("选择一个项目查看覆盖矩阵。")
        elif not self.data.plan.stages:
            text = self.tr("这个项目还没有环节 — 先在“环节”页新建环节，再把单位拖到环节上。")
        else:
            text = ""
            if self.model.columnCount() == 0:
                hint = self.tr("还没有单位参与（或筛选后没有单位）— 从左侧把单位拖到下面的环节行上，或勾选“显示全部单位”。")
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.view.setVisible(not text)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    # -- edits (MatrixEdits) and the keys and menu that call them -----------------------------
    def _on_cell_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_cell(index.data(IdRole), index.data(OutletIdRole))

    def _current(self) -> tuple[uuid.UUID, uuid.UUID] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return index.data(IdRole), index.data(OutletIdRole)

    def open_current(self) -> None:
        """Enter / F2: open the piece in the current cell (a new task in an empty one)."""
        cur = self._current()
        if cur is not None:
            self.open_cell(*cur)

    def add_current(self) -> None:
        """Insert: another format in the current cell."""
        cur = self._current()
        if cur is not None:
            self.add_piece(*cur)

    def delete_current(self) -> None:
        """Delete: remove the piece in the current cell (a menu asks which when there are several)."""
        cur = self._current()
        if cur is not None:
            self.delete_pieces(*cur)

    def _on_context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.context_menu(index.data(IdRole), index.data(OutletIdRole)).exec(self.view.viewport().mapToGlobal(pos))

    def select_cell(self, stage_id: uuid.UUID, outlet_id: uuid.UUID | None = None) -> bool:
        """Select the cell and scroll it into view (the column, if filtered out, is not shown)."""
        index = self.model.index_for(stage_id, outlet_id)
        if not index.isValid() or (outlet_id is not None and index.data(OutletIdRole) != outlet_id):
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True
