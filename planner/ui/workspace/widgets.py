"""Small input widgets the workspace dialogs share: an outlet picker, a person picker and format checkboxes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QWidget

from planner.domain.enums import Format
from planner.domain.errors import ValidationError
from planner.domain.rows import OutletRow, PersonRow


class IdCombo(QComboBox):
    """A searchable combo of named rows; the id is kept as text so ``findData`` works."""

    def __init__(self, none_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._none = none_label
        if none_label is not None:
            self.addItem(none_label, "")

    def fill(self, items: Iterable[tuple[str, uuid.UUID]]) -> None:
        for label, item_id in items:
            self.addItem(label, str(item_id))

    def set_id(self, item_id: uuid.UUID | None) -> None:
        self.setCurrentIndex(max(0, self.findData(str(item_id) if item_id else "")))

    def current_id(self, *, field: str, what: str) -> uuid.UUID | None:
        """The chosen id; typed text that names no item is a ``ValidationError`` on ``field``."""
        text = self.currentText().strip()
        if self._none is not None and (not text or text == self._none):
            return None
        i = self.findText(text)
        if i < 0:
            raise ValidationError("not_found", field=field, what=what, ref=text)
        data = self.itemData(i)
        return uuid.UUID(data) if data else None


def outlet_combo(outlets: Iterable[OutletRow], none_label: str | None = None) -> IdCombo:
    combo = IdCombo(none_label)
    combo.fill((o.name, o.id) for o in outlets)
    return combo


def person_combo(people: Iterable[PersonRow], none_label: str | None = None) -> IdCombo:
    combo = IdCombo(none_label)
    combo.fill((p.name, p.id) for p in people)
    return combo


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

    def __init__(self, people: Iterable[PersonRow], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[uuid.UUID, QCheckBox] = {}
        for i, p in enumerate(people):
            box = QCheckBox(f"{p.name}（{p.role.label(lang)}）" if lang == "zh" else f"{p.name} ({p.role.label(lang)})")
            box.setEnabled(p.active)
            self.boxes[p.id] = box
            grid.addWidget(box, i // 3, i % 3)

    def set_ids(self, ids: Iterable[uuid.UUID]) -> None:
        chosen = set(ids)
        for pid, box in self.boxes.items():
            box.setChecked(pid in chosen)

    def ids(self) -> list[uuid.UUID]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]
