"""Small input widgets the workspace dialogs share: format checkboxes (and, from
:mod:`planner.ui.pickers`, the outlet and person pickers; people are chosen with
:mod:`.people_picker`)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from planner.domain.enums import Format
from planner.ui.pickers import IdCombo, outlet_combo, person_combo

__all__ = ["FormatChecks", "IdCombo", "outlet_combo", "person_combo"]


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
