"""The stations of a template project as (station, place) pairs: a station's name is rarely a place
(成都东站, 重庆西), so each row has its own place picker, filled with a guess from the name
(永川东 → 永川区 · 重庆市, 成都东站 → 成都市) that the editor confirms or changes. A station
without a place is an error under the list, not a stage that silently has none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import place_search
from planner.domain.errors import ValidationError
from planner.ui.directory.place_edit import PlaceEdit


class StationList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QLineEdit, PlaceEdit, QToolButton]] = []
        self._grid_holder = QWidget()
        self.grid = QGridLayout(self._grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(3)
        self.grid.addWidget(QLabel(self.tr("站点")), 0, 0)
        self.grid.addWidget(QLabel(self.tr("所在地")), 0, 1)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        scroll = QScrollArea()
        scroll.setWidget(self._grid_holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(150)  # four rows show; more scroll, so the dialog fits 768 px
        scroll.setMaximumHeight(190)
        self.add_button = QPushButton(self.tr("添加站点"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(scroll)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_row()
        self.setFocusProxy(self._rows[0][0])

    def add_row(self, station: str = "", place: str | None = None, *, focus: bool = False) -> tuple[QLineEdit, PlaceEdit]:
        name = QLineEdit(station)
        name.setPlaceholderText(self.tr("如 重庆西站"))
        where = PlaceEdit()
        where.setPlaceholderText(self.tr("按站名猜测，可改"))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("删除这一站"))
        row = len(self._rows) + 1
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(where, row, 1)
        self.grid.addWidget(remove, row, 2)
        entry = (name, where, remove)
        self._rows.append(entry)
        name.editingFinished.connect(lambda: self._guess(name, where))
        remove.clicked.connect(lambda: self.remove_row(entry))
        if place is not None:
            where.set_adcode(place) if place.isdigit() else where.setText(place)
        if focus:
            name.setFocus()
        return name, where

    def remove_row(self, entry: tuple[QLineEdit, PlaceEdit, QToolButton]) -> None:
        if entry not in self._rows:
            return
        self._rows.remove(entry)
        for w in entry:
            self.grid.removeWidget(w)
            w.deleteLater()
        if not self._rows:
            self.add_row()
            self.setFocusProxy(self._rows[0][0])

    def rows(self) -> list[tuple[QLineEdit, PlaceEdit]]:
        return [(n, w) for n, w, _ in self._rows]

    def _guess(self, name: QLineEdit, where: PlaceEdit) -> None:
        """Fill an empty place from the station's name (the editor sees it and can change it)."""
        if where.text().strip() or not name.text().strip():
            return
        found = place_search.place_index().guess(name.text())
        if found is not None:
            where.set_adcode(found.adcode)

    def pairs(self, field: str = "stations") -> list[tuple[str, str]]:
        """(station, place code) of every filled row; ``ValidationError`` names a station without a
        place, or a place that is unknown or ambiguous."""
        out = []
        for name, where in self.rows():
            station = name.text().strip()
            if not station:
                continue
            if not where.text().strip():
                self._guess(name, where)
            adcode = where.adcode(field=field)
            if adcode is None:
                raise ValidationError("station_place", field=field, station=station)
            out.append((station, adcode))
        return out
