"""A line edit for a place: type a name (温江), a full label or a 12-digit code; completes by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from planner.domain.errors import ValidationError
from planner.domain.places import places


@cache
def _labels() -> dict[str, str]:
    """``四川省 成都市 温江区`` → adcode, for Sichuan, Chongqing and Yunnan first, then the rest."""
    idx = places()
    out: dict[str, str] = {}
    codes = sorted((p.adcode for p in idx._by_code.values()), key=lambda c: (c[:2] not in ("51", "50", "53"), c))
    for code in codes:
        out.setdefault(idx.label(code), code)
    return out


class PlaceEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("地名或行政区划代码，如 温江区"))
        completer = QCompleter(QStringListModel(list(_labels())), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)

    def set_adcode(self, adcode: str | None) -> None:
        self.setText(places().label(adcode) if adcode else "")

    def adcode(self, field: str = "adcode") -> str | None:
        """The chosen place's code, ``None`` when empty; ``ValidationError`` when unknown or ambiguous."""
        text = self.text().strip()
        if not text:
            return None
        code = _labels().get(text)
        if code:
            return code
        place = places().get(text) if text.isdigit() else places().resolve(text.split()[-1], within=None)
        if place is None:
            raise ValidationError("unknown_place", field=field, value=text)
        return place.adcode
