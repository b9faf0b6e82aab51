"""Small input widgets the workspace dialogs share: format and people checkboxes (and, from
:mod:`planner.ui.pickers`, the outlet and person pickers)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from planner.domain.enums import Format
from planner.domain.rows import PersonRow
from planner.ui.pickers import IdCombo, outlet_combo, person_combo

__all__ = ["FormatChecks", "IdCombo", "PeopleChecks", "outlet_combo", "person_combo"]


class FormatChecks(QWidget):
    """One checkbox per format, in a grid of four columns."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Format, QCheckBox] = {}
        for i, f in enumerate(Format):
            box = QCheckBox(f.label(lang))
            self.boxes[f] = box
            grid.addWidget(box, i // 4, i % 4)

    def set_formats(self, formats: Iterable[Format]) -> None:
        chosen = set(formats)
        for f, box in self.boxes.items():
            box.setChecked(f in chosen)

    def formats(self) -> list[Format]:
        return [f for f, box in self.boxes.items() if box.isChecked()]


class PeopleChecks(QWidget):
    """Checkboxes for the people of one outlet (who goes on an assignment)."""

    def __init__(self, people: Iterable[PersonRow], lang: str, parent: QWidget | None = None,
                 busy: dict[uuid.UUID, str] | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[uuid.UUID, QCheckBox] = {}
        self.busy = busy or {}  # why a person may not be free then (planner.ui.schedule.busy)
        people = list(people)
        # with reasons to show, each person gets a row (two per row past six people): name, then why
        per_row = 3 if not self.busy else (1 if len(people) <= 6 else 2)
        for i, p in enumerate(people):
            box = QCheckBox(f"{p.name}（{p.role.label(lang)}）" if lang == "zh" else f"{p.name} ({p.role.label(lang)})")
            box.setEnabled(p.active)
            self.boxes[p.id] = box
            if not self.busy:
                grid.addWidget(box, i // 3, i % 3)
                continue
            row, col = i // per_row, (i % per_row) * 2
            grid.addWidget(box, row, col)
            if p.id in self.busy:
                note = QLabel("⚠ " + self.busy[p.id])
                note.setStyleSheet("color: #b3261e;")
                box.setToolTip(self.busy[p.id])
                grid.addWidget(note, row, col + 1)
        if self.busy:
            for col in range(1, per_row * 2, 2):
                grid.setColumnStretch(col, 1)

    def set_ids(self, ids: Iterable[uuid.UUID]) -> None:
        chosen = set(ids)
        for pid, box in self.boxes.items():
            box.setChecked(pid in chosen)

    def ids(self) -> list[uuid.UUID]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]
