"""The place picker: type a name (温江), pinyin (wenjiang), initials (wj) or a code; the list
under the field offers the places with where they lie (温江区 · 四川省成都市), Sichuan and
Chongqing first. A name several places share (朝阳) opens the list of its candidates instead of
being called unknown; a station that is no place (成都东站) is offered the place it lies in.

The search index is built in a worker the first time a picker is made (importing pypinyin takes a
second on a busy machine); until then the list offers places whose name contains the text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from planner.domain import place_search
from planner.domain.errors import ValidationError
from planner.domain.places import places
from planner.ui.pickers import Suggestion, SuggestPopup, place_loader


class PlaceEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("地名、拼音或首字母，如 温江、wj；或行政区划代码"))
        self._chosen: place_search.PlaceChoice | None = None
        self.popup = SuggestPopup(self, self._suggest)
        self.popup.chosen.connect(self._on_chosen)
        loader = place_loader()
        loader.ready.connect(self._on_index_ready)
        loader.request()

    # -- suggestions ---------------------------------------------------------------------------
    def _suggest(self, text: str) -> list[Suggestion]:
        if place_search.ready():
            found = place_search.place_index().search(text)
        else:  # contains only, until the pinyin index is built
            found = [c for c in (_choice(p.adcode) for p in places().search(text.split(place_search.SEP)[0], limit=12)) if c]
        return [Suggestion(c.label, c) for c in found]

    def suggestions(self) -> list[str]:
        return self.popup.suggestions()

    def _on_index_ready(self) -> None:
        if self.hasFocus() and self.text().strip() and self._chosen is None:
            self.popup.refresh()

    def _on_chosen(self, choice: place_search.PlaceChoice) -> None:
        self._chosen = choice
        self.setText(choice.label)
        self.editingFinished.emit()

    # -- value ---------------------------------------------------------------------------------
    def set_adcode(self, adcode: str | None) -> None:
        choice = _choice(adcode) if adcode else None
        self._chosen = choice
        self.setText(choice.label if choice else (adcode or ""))

    def adcode(self, field: str = "adcode") -> str | None:
        """The chosen place's code, ``None`` when empty. ``ValidationError`` when unknown, or when
        ambiguous — then the list of candidates opens so one click settles it."""
        text = self.text().strip()
        if not text:
            return None
        if self._chosen is not None and text == self._chosen.label:
            return self._chosen.adcode
        try:
            choice = place_search.place_index().resolve(text, field=field)
        except ValidationError as err:
            if err.code == "ambiguous_place":
                found = place_search.place_index().candidates(text.split(place_search.SEP)[0])
                self.popup.show_all([Suggestion(c.label, c) for c in found])
            raise
        return choice.adcode if choice else None


def _choice(adcode: str | None) -> place_search.PlaceChoice | None:
    """A code as the picker shows it, without waiting for the pinyin index."""
    if not adcode:
        return None
    if place_search.ready():
        return place_search.place_index().choice(adcode)
    p = places().get(adcode)
    return place_search.choice_of(p, places()) if p is not None else None
