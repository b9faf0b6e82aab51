"""Choosing people: a filterable table of people with a check box each (name, role, outlet, and
any column a caller adds).

The model's columns are a list of :class:`Column` values; the name column carries the check box.
A caller adds a column with :meth:`PeoplePickerModel.add_column`: the bulk dialog adds "already on
2 of 3 tasks"; a person's availability (busy on another stage then, or away, and why: ``busy=``)
is another. People who are not active cannot be checked. The filter box matches like every other
picker (:mod:`planner.domain.matcher`: name, pinyin, initials, and the outlet's name).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.matcher import Keys, fold, keys, rank, tables_ready
from planner.domain.rows import OutletRow, PersonRow
from planner.ui.workspace.base_model import IdRole, Index, RowRole


@dataclass(frozen=True)
class Column:
    """A column of the picker: its header, the text of a person's cell and, optionally, its tip."""

    header: str
    text: Callable[[PersonRow], str]
    tip: Callable[[PersonRow], str] | None = None
    colour: str = ""  # the text's colour, e.g. a warning's red


class PeoplePickerModel(QAbstractTableModel):
    """People rows; column 0 (the name) is checkable; ``checked_changed`` fires on every toggle."""

    NAME = 0
    checked_changed = Signal()

    def __init__(self, people: Iterable[PersonRow], outlets: dict[uuid.UUID, OutletRow], lang: str = "zh",
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.outlets = outlets
        self._rows = list(people)
        self._checked: set[uuid.UUID] = set()
        self._keys: list[Keys] | None = None  # built on the first filter, once pypinyin is loaded
        self._columns: list[Column] = [
            Column(QCoreApplication.translate("PeoplePicker", "姓名"), lambda p: p.name),
            Column(QCoreApplication.translate("PeoplePicker", "角色"), lambda p: p.role.label(self.lang)),
            Column(QCoreApplication.translate("PeoplePicker", "单位"), self.outlet_name),
        ]

    def outlet_name(self, person: PersonRow) -> str:
        outlet = self.outlets.get(person.outlet_id)
        return outlet.display_name if outlet else ""

    # -- columns and choice --------------------------------------------------------------------
    def add_column(self, column: Column) -> int:
        """Append a column; returns its index."""
        at = len(self._columns)
        self.beginInsertColumns(QModelIndex(), at, at)
        self._columns.append(column)
        self.endInsertColumns()
        return at

    def people(self) -> list[PersonRow]:
        return list(self._rows)

    def set_checked(self, ids: Iterable[uuid.UUID]) -> None:
        wanted = set(ids)
        self._checked = {p.id for p in self._rows if p.id in wanted}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.checked_changed.emit()

    def checked(self) -> list[uuid.UUID]:
        """The checked people, in the order shown."""
        return [p.id for p in self._rows if p.id in self._checked]

    def matches(self, row: int, query: str) -> bool:
        q = fold(query)
        if not q:
            return True
        person = self._rows[row]
        if self._keys is None and tables_ready():
            self._keys = [keys(p.name, self.outlet_name(p)) for p in self._rows]
        if self._keys is None:  # until pypinyin is loaded (a worker does it): contains only
            return q in fold(person.name) or q in fold(self.outlet_name(person))
        return rank(q, self._keys[row]) is not None

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._columns):
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(person)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.NAME:
            return Qt.CheckState.Checked if person.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if not person.active:
                return QCoreApplication.translate("PeoplePicker", "不在岗，不能安排")
            return column.tip(person) if column.tip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not person.active:
                return QColor("#9e9e9e")
            return QColor(column.colour) if column.colour else None
        if role == IdRole:
            return person.id
        if role == RowRole:
            return person
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        person = self._rows[index.row()]
        flags = Qt.ItemFlag.ItemIsSelectable
        if person.active:
            flags |= Qt.ItemFlag.ItemIsEnabled
            if index.column() == self.NAME:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != self.NAME:
            return False
        person = self._rows[index.row()]
        if not person.active:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(person.id)
        else:
            self._checked.discard(person.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, text: str) -> None:
        self.query = text
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        return not isinstance(model, PeoplePickerModel) or model.matches(source_row, self.query)


class PeoplePicker(QWidget):
    """A filter box over the checkable people table; ``ids()``/``set_ids()`` read and set the choice
    (the same calls as the check boxes it replaces). Space toggles the current person."""

    changed = Signal()

    def __init__(self, people: Iterable[PersonRow], outlets: dict[uuid.UUID, OutletRow] | Iterable[OutletRow] = (),
                 lang: str = "zh", parent: QWidget | None = None, *, show_outlet: bool = True,
                 busy: dict[uuid.UUID, str] | None = None) -> None:
        super().__init__(parent)
        by_id = outlets if isinstance(outlets, dict) else {o.id: o for o in outlets}
        self.model = PeoplePickerModel(people, by_id, lang, self)
        #: Why a person may not be free for the stage being staffed (planner.ui.schedule.busy), by id.
        self.busy = dict(busy or {})
        if self.busy:
            self.model.add_column(Column(QCoreApplication.translate("PeoplePicker", "当时"),
                                         lambda p: "⚠ " + self.busy[p.id] if p.id in self.busy else "",
                                         lambda p: self.busy.get(p.id, ""), colour="#b3261e"))
        self.model.checked_changed.connect(self.changed)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(QCoreApplication.translate("PeoplePicker", "筛选：姓名、拼音或单位"))
        self.filter.textChanged.connect(self.proxy.set_query)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(2 if show_outlet else 0, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnHidden(2, not show_outlet)
        self.view.setMinimumHeight(130)
        self.view.activated.connect(self._toggle)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if self.model.rowCount() > 8:
            box.addWidget(self.filter)
        else:
            self.filter.hide()
        box.addWidget(self.view)
        #: Said instead of an empty table: where people come from (a directory loaded without staff).
        self.empty_note = QLabel(QCoreApplication.translate(
            "PeoplePicker", "还没有可选的人员。先在“人员”页（Ctrl+4）为单位添加人员。"))
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color:#666;")
        self.empty_note.setVisible(self.model.rowCount() == 0)
        box.addWidget(self.empty_note)
        self.view.setVisible(self.model.rowCount() > 0)
        self.setFocusProxy(self.filter if self.model.rowCount() > 8 else self.view)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Space and self.view.hasFocus():
            self._toggle(self.view.currentIndex())
            return
        super().keyPressEvent(event)

    def _toggle(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        source = self.proxy.mapToSource(index.siblingAtColumn(0))
        state = self.model.data(source, Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.model.setData(source, new, Qt.ItemDataRole.CheckStateRole)

    def note(self, person_id: uuid.UUID) -> str:
        """What the picker says about a person's time (busy or away, and why); ``""`` when free."""
        return self.busy.get(person_id, "")

    def ids(self) -> list[uuid.UUID]:
        return self.model.checked()

    def set_ids(self, ids: Iterable[uuid.UUID]) -> None:
        self.model.set_checked(ids)
