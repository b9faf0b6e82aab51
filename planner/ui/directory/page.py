"""What the three directory pages share: a search box and filter combos over a sortable table, the
add/edit/delete buttons, an empty state, and refreshing when a change touches the page's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.services.commands import Delete
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.directory.table_model import IdRole, RowFilterProxy, RowTableModel


class DirectoryPage(QWidget):
    """Subclasses set ``ENTITY`` and implement ``make_model``, ``load``, ``open_dialog`` and ``row_label``."""

    ENTITY: Entity
    WATCH: tuple[Entity, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: RowTableModel = self.make_model()
        self.proxy = RowFilterProxy(self.model.search_text, self)  # type: ignore[attr-defined]
        self.proxy.setSourceModel(self.model)
        self._filters: list[QComboBox] = []

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(QCoreApplication.translate("DirectoryPage", "筛选：输入名称、地区、平台…"))
        self.search.textChanged.connect(self._on_search_changed)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search, 2)

        self.add_button = QPushButton(QCoreApplication.translate("DirectoryPage", "新建…"))
        self.edit_button = QPushButton(QCoreApplication.translate("DirectoryPage", "编辑…"))
        self.delete_button = QPushButton(QCoreApplication.translate("DirectoryPage", "删除"))
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); font-size: 14px; padding: 40px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.count_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        # Ctrl+N is the window's 新建 (it asks the current page: new_item); these act on the table
        self.keys = shortcuts.install(self.view, "directory", {"edit": self.edit_selected, "delete": self.delete_selected})

        self._loaded = False
        self._sized = False
        self._dirty = True
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        self._update_buttons()

    # -- to override ---------------------------------------------------------------------------
    def make_model(self) -> RowTableModel:
        raise NotImplementedError

    def load(self) -> None:
        """Read the rows (and lookups, filter choices) from the database into the model."""
        raise NotImplementedError

    def open_dialog(self, row: Any | None) -> None:
        raise NotImplementedError

    def row_label(self, row: Any) -> str:
        return str(getattr(row, "name", ""))

    def empty_text(self) -> str:
        return QCoreApplication.translate("DirectoryPage", "这里还没有内容。点击“新建…”添加。")

    # -- filters -------------------------------------------------------------------------------
    def add_filter(self, label: str, choices: list[tuple[str, Any]], make_predicate: Callable[[Any], Callable[[Any], bool]]) -> QComboBox:
        """A combo whose first entry (``label``, no filter) is followed by ``choices``; picking one sets
        the proxy predicate ``make_predicate(value)``."""
        combo = QComboBox()
        combo.setObjectName("filter_" + str(len(self._filters)))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        name = combo.objectName()

        def changed(_i: int) -> None:
            value = combo.currentData()
            self.proxy.set_predicate(name, None if combo.currentIndex() <= 0 else make_predicate(value))
            self._update_state()

        combo.currentIndexChanged.connect(changed)
        self._fill_combo(combo, label, choices)
        self.filter_bar.addWidget(combo)
        self._filters.append(combo)
        return combo

    def _fill_combo(self, combo: QComboBox, label: str, choices: list[tuple[str, Any]]) -> None:
        current = combo.currentData() if combo.currentIndex() > 0 else None
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(label, None)
        for text, value in choices:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if current is not None and index < 0:
            combo.currentIndexChanged.emit(0)

    def refill_filter(self, combo: QComboBox, choices: list[tuple[str, Any]]) -> None:
        self._fill_combo(combo, combo.itemText(0), choices)

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self._filters:
            combo.setCurrentIndex(0)

    # -- reading -------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        selected = self.selected_id()
        self.load()
        self._loaded = True
        self._dirty = False
        if not self._sized and self.model.rowCount():
            self._sized = True  # size columns once, to the first rows; the user's widths are kept after
            self.view.resizeColumnsToContents()
            for col in range(self.model.columnCount()):
                self.view.setColumnWidth(col, min(self.view.columnWidth(col), 280))
        if selected is not None:
            self.select_id(selected)
        self._update_state()

    def ensure_loaded(self) -> None:
        if self._dirty or not self._loaded:
            self.reload()

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(self.ENTITY, *self.WATCH):
            self._dirty = True
            if self.isVisible():
                QTimer.singleShot(0, self.ensure_loaded)
            row = changes.row
            if isinstance(getattr(row, "id", None), uuid.UUID) and changes.created and changes.created[0][0] == self.ENTITY:
                QTimer.singleShot(0, lambda: self.select_id(row.id))

    def _on_database_replaced(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload()

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_state()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            self.empty.setText(self.empty_text())
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.empty.setText(QCoreApplication.translate("DirectoryPage", "没有符合筛选条件的记录。清除搜索词或筛选条件试试（Esc 清除搜索）。"))
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.view)
        self.count_label.setText(
            QCoreApplication.translate("DirectoryPage", "共 {total} 条").format(total=total) if shown == total
            else QCoreApplication.translate("DirectoryPage", "显示 {shown} / 共 {total} 条").format(shown=shown, total=total)
        )
        self._update_buttons()

    def _update_buttons(self, *_: Any) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)

    # -- selection -----------------------------------------------------------------------------
    def selected_id(self) -> uuid.UUID | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(IdRole) if rows else None

    def selected_row(self) -> Any | None:
        sid = self.selected_id()
        row = self.model.row_of(sid) if sid is not None else -1
        return self.model.row_at(row) if row >= 0 else None

    def select_id(self, row_id: uuid.UUID) -> bool:
        """Select and scroll to the row with ``row_id`` (clearing filters that hide it)."""
        self.ensure_loaded()
        source = self.model.index_of(row_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(source)
        self.view.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    show_item = select_id

    # -- actions -------------------------------------------------------------------------------
    def new_item(self) -> None:
        """The window's 新建 (Ctrl+N) on this page."""
        self.open_dialog(None)

    def refresh(self) -> None:
        """The window's 刷新 (F5): read the rows again."""
        self.reload()

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(row)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, QCoreApplication.translate("DirectoryPage", "删除"), QCoreApplication.translate("DirectoryPage", "确定删除“{name}”吗？可以用“撤销”（Ctrl+Z）恢复。").format(name=self.row_label(row)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.push(Delete(self.ENTITY, row.id, expected_version=row.version,
                             text=QCoreApplication.translate("DirectoryPage", "删除“{name}”").format(name=self.row_label(row))))
