"""Suggestions as you type, the same way in every picker: a drop-down under a line edit filled by
:mod:`planner.domain.matcher` (contains, full pinyin, initials), each entry with where it belongs.

:class:`SuggestPopup` owns the completer and its model (parented to the popup, so Python's garbage
collector cannot take them: a parentless ``QStringListModel`` once left the place picker without
any suggestion). A picker gives it a ``suggest(text)`` function and gets ``chosen(value)`` back.

:class:`IdCombo` is the outlet and person picker (an editable combo with such a list);
``outlet_combo`` and ``person_combo`` fill one. Its items are a plain list of (label, id, other
names, detail): a later column — a person's availability — is one more field of the detail.

pypinyin's tables, and the place index, are loaded off the GUI thread by :class:`IndexLoader`; until
they are, a picker offers what contains the typed text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from planner.domain.errors import ValidationError
from planner.domain.matcher import Matcher, fold, tables_ready
from planner.domain.place_search import SEP
from planner.domain.rows import OutletRow, PersonRow
from planner.ui.workers import Worker, general_pool, submit

ValueRole = Qt.ItemDataRole.UserRole + 11


@dataclass(frozen=True)
class Suggestion:
    label: str  # what the list shows: 永川区 · 重庆市
    value: Any  # what choosing it gives the picker


class SuggestPopup(QObject):
    """The drop-down of one line edit. ``chosen`` fires with the value of the entry picked."""

    chosen = Signal(object)

    def __init__(self, edit: QLineEdit, suggest: Callable[[str], list[Suggestion]], *, max_visible: int = 12) -> None:
        super().__init__(edit)
        self.edit = edit
        self.suggest = suggest
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self)
        self.completer.setModel(self.model)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(max_visible)
        self.completer.setWidget(edit)
        self.completer.activated[QModelIndex].connect(self._on_activated)
        edit.textEdited.connect(self.refresh)

    def suggestions(self) -> list[str]:
        """The labels on offer now (for tests and accessibility)."""
        return [self.model.item(i).text() for i in range(self.model.rowCount())]

    def refresh(self, text: str | None = None) -> list[Suggestion]:
        """Fill the list for ``text`` (the edit's text by default) and show it if there is any."""
        found = self.suggest(self.edit.text() if text is None else text)
        self.model.clear()
        for s in found:
            item = QStandardItem(s.label)
            item.setData(s.value, ValueRole)
            item.setEditable(False)
            self.model.appendRow(item)
        if found and self.edit.hasFocus():
            self.completer.complete()
        elif not found:
            self.completer.popup().hide()
        return found

    def show_all(self, found: list[Suggestion]) -> None:
        """Offer exactly ``found`` (e.g. the candidates of an ambiguous name) and open the list."""
        self.model.clear()
        for s in found:
            item = QStandardItem(s.label)
            item.setData(s.value, ValueRole)
            self.model.appendRow(item)
        if found:
            self.completer.complete()

    def _on_activated(self, index: QModelIndex) -> None:
        self.completer.popup().hide()
        self.chosen.emit(index.data(ValueRole))


class IndexLoader(QObject):
    """Builds an index once, in a worker, and says when it is ready (``ready``)."""

    ready = Signal()

    def __init__(self, build: Callable[[], Any], is_ready: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._is_ready = is_ready
        self._worker: Worker | None = None

    def is_ready(self) -> bool:
        return self._is_ready()

    def request(self) -> None:
        """Start building unless it is built or being built."""
        if self._is_ready() or self._worker is not None:
            return
        worker = Worker(lambda _progress: self._build())
        worker.signals.finished.connect(self._on_done)
        worker.signals.failed.connect(lambda _exc: self._on_done(None))
        self._worker = worker
        submit(worker, general_pool())

    def _on_done(self, _result: Any) -> None:
        self._worker = None
        if self._is_ready():
            self.ready.emit()


_place_loader: IndexLoader | None = None
_pinyin_loader: IndexLoader | None = None


def pinyin_loader() -> IndexLoader:
    """The one loader of pypinyin's tables (then a matcher over a few thousand names is quick)."""
    global _pinyin_loader
    if _pinyin_loader is None:
        from planner.domain import matcher

        _pinyin_loader = IndexLoader(matcher.warm, matcher.tables_ready)
    return _pinyin_loader


def place_loader() -> IndexLoader:
    """The one loader of the place index (:func:`planner.domain.place_search.place_index`)."""
    global _place_loader
    if _place_loader is None:
        from planner.domain import place_search

        _place_loader = IndexLoader(place_search.place_index, place_search.ready)
    return _place_loader


class IdCombo(QComboBox):
    """A combo of named rows to pick from by typing: the list under it matches the way global search
    does (contains, full pinyin, initials — ``川报`` or ``cb`` finds 四川日报报业集团 by its short
    name), each entry with a detail (the outlet of a person). The id is kept as text so
    ``findData`` works."""

    def __init__(self, none_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # Qt's own completes from the start of the name only
        self._none = none_label
        self._entries: list[tuple[str, uuid.UUID, tuple[str, ...], str]] = []  # label, id, names, detail
        self._matcher: Matcher[int] | None = None
        if none_label is not None:
            self.addItem(none_label, "")
        self.popup = SuggestPopup(self.lineEdit(), self._suggest)
        self.popup.chosen.connect(self.set_id)

    def showEvent(self, event: Any) -> None:
        # pypinyin's tables load when a picker is first shown, not when it is made: the workspace's
        # hidden 任务 tab makes its pickers at start-up, and loading them then cost 0.3 s of CPU
        # before the first paint (the app warms them once the window is up: see ui.app)
        pinyin_loader().request()
        super().showEvent(event)

    def fill(self, items: Iterable[tuple[str, uuid.UUID] | tuple[str, uuid.UUID, Sequence[str], str]]) -> None:
        """Add ``(label, id)`` or ``(label, id, other names, detail)`` items."""
        for item in items:
            label, item_id = item[0], item[1]
            names = tuple(item[2]) if len(item) > 2 else ()  # type: ignore[misc]
            detail = item[3] if len(item) > 3 else ""  # type: ignore[misc]
            self.addItem(label, str(item_id))
            self._entries.append((label, item_id, (label, *names), str(detail)))
        self._matcher = None

    def clear_items(self) -> None:
        """Remove every item but the "none" entry."""
        while self.count() > (1 if self._none is not None else 0):
            self.removeItem(self.count() - 1)
        self._entries, self._matcher = [], None

    def set_id(self, item_id: uuid.UUID | None) -> None:
        self.setCurrentIndex(max(0, self.findData(str(item_id) if item_id else "")))

    def keyPressEvent(self, event: Any) -> None:
        # An editable combo keeps Enter to itself; in a form, Enter must reach the dialog and save,
        # as it does from a line edit (the list under the field has its own Enter).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.view().isVisible():
            event.ignore()
            return
        super().keyPressEvent(event)

    def suggestions(self) -> list[str]:
        return self.popup.suggestions()

    def _matches(self, text: str, limit: int = 12) -> list[int]:
        if self._matcher is None and tables_ready():
            self._matcher = Matcher((i, e[2]) for i, e in enumerate(self._entries))
        if self._matcher is not None:
            return self._matcher.search(text, limit)
        q = fold(text)  # until pypinyin is loaded: names that contain the text
        return [i for i, e in enumerate(self._entries) if q and any(q in fold(n) for n in e[2])][:limit]

    def _suggest(self, text: str) -> list[Suggestion]:
        out = []
        for i in self._matches(text):
            label, item_id, _names, detail = self._entries[i]
            out.append(Suggestion(f"{label}{SEP}{detail}" if detail else label, item_id))
        return out

    def current_id(self, *, field: str, what: str) -> uuid.UUID | None:
        """The chosen id. Text that is no item's name but matches exactly one is taken as that one;
        text that names none (or several) is a ``ValidationError`` on ``field``."""
        text = self.currentText().strip()
        if self._none is not None and (not text or text == self._none):
            return None
        i = self.findText(text)
        if i >= 0:
            data = self.itemData(i)
            return uuid.UUID(data) if data else None
        found = self._matches(text, limit=2)
        if len(found) == 1:
            return self._entries[found[0]][1]
        raise ValidationError("ambiguous_choice" if found else "not_found", field=field, what=what, ref=text)


def outlet_combo(outlets: Iterable[OutletRow], none_label: str | None = None) -> IdCombo:
    combo = IdCombo(none_label)
    combo.fill((o.name, o.id, (o.short_name,), o.short_name if o.short_name and o.short_name not in o.name else "")
               for o in outlets)
    return combo


def person_combo(people: Iterable[PersonRow], none_label: str | None = None,
                 outlets: Iterable[OutletRow] = ()) -> IdCombo:
    names = {o.id: o.display_name for o in outlets}
    combo = IdCombo(none_label)
    combo.fill((p.name, p.id, (), names.get(p.outlet_id, "")) for p in people)
    return combo
