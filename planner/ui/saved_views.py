"""Saved views: named filters and chosen columns of a page, and its last filters after a restart.

A page that wants them gives two callables — ``capture()`` returns its filters (and columns) as
plain JSON values, ``apply(state)`` sets them — and puts a :class:`SavedViewsBar` (a 视图 ▾ button
with its menu) in its tool row;
a table adds a :class:`ColumnChooser` to its header (right-click: the columns to show; widths and
order are kept). :class:`ViewStore` keeps everything.

**Where views live: per user, per database.** They are stored in the user's ``planner-ui.ini``
(:mod:`planner.ui.prefs`), not in the database, because a view is one person's way of looking: on
a shared server every editor has their own, and a database file sent to another desk must not
carry this desk's screen arrangement (nor change anyone's when it is merged). But a filter names
records of one database (an outlet, a person), so views are kept *per database* — under the
database's path or server address, as the last open project is — and a view whose outlet is gone
simply shows "all" for it. Stored values are checked when read back: a damaged or hand-edited INI
gives no views, not a crash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QInputDialog, QMenu, QMessageBox, QToolButton, QWidget

from planner.domain.errors import ValidationError
from planner.domain.text import clean_line
from planner.ui import prefs

#: at most this many named views per page and database
MAX_VIEWS = 40
MAX_NAME = 40
#: a stored state larger than this (characters of JSON) is ignored
MAX_STATE = 20_000


def database_key(label: str) -> str:
    """A short key for the database called ``label`` (its path or server URL)."""
    return hashlib.sha1(label.encode("utf-8")).hexdigest()[:16]


def clean_name(name: object) -> str:
    """A view's name as stored: one line, not empty, at most :data:`MAX_NAME` characters."""
    return clean_line(name, what="视图名称", field="name", max_len=MAX_NAME)


class ViewStore:
    """The saved views and the last state of one page (``page``) for one database (``label``)."""

    def __init__(self, page: str, label: str, settings: QSettings | None = None) -> None:
        self.page = page
        self.key = f"views/{page}/{database_key(label)}"
        self._settings = settings

    def _store(self) -> QSettings:
        return self._settings if self._settings is not None else prefs.store()

    def _read(self) -> dict[str, Any]:
        raw = self._store().value(self.key, "")
        if not isinstance(raw, str) or not raw or len(raw) > MAX_STATE * (MAX_VIEWS + 1):
            return {"named": {}, "last": None}
        try:
            data = json.loads(raw)
        except ValueError:
            return {"named": {}, "last": None}
        if not isinstance(data, dict):
            return {"named": {}, "last": None}
        named = data.get("named") if isinstance(data.get("named"), dict) else {}
        named = {str(k): v for k, v in list(named.items())[:MAX_VIEWS] if isinstance(v, dict)}
        last = data.get("last") if isinstance(data.get("last"), dict) else None
        return {"named": named, "last": last}

    def _write(self, data: dict[str, Any]) -> None:
        s = self._store()
        s.setValue(self.key, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        s.sync()

    def names(self) -> list[str]:
        return sorted(self._read()["named"])

    def get(self, name: str) -> dict[str, Any] | None:
        return self._read()["named"].get(name)

    def save(self, name: str, state: dict[str, Any]) -> str:
        """Save ``state`` under ``name`` (replacing a view of that name); returns the name as stored."""
        name = clean_name(name)
        text = json.dumps(state, ensure_ascii=False)
        if len(text) > MAX_STATE:
            raise ValidationError("too_long", field="name", what="视图", limit=MAX_STATE)
        data = self._read()
        if name not in data["named"] and len(data["named"]) >= MAX_VIEWS:
            raise ValidationError("too_many_views", field="name", limit=MAX_VIEWS)
        data["named"][name] = json.loads(text)
        self._write(data)
        return name

    def remove(self, name: str) -> None:
        data = self._read()
        if data["named"].pop(name, None) is not None:
            self._write(data)

    def last(self) -> dict[str, Any] | None:
        return self._read()["last"]

    def set_last(self, state: dict[str, Any]) -> None:
        if len(json.dumps(state, ensure_ascii=False)) > MAX_STATE:
            return
        data = self._read()
        if data["last"] != state:
            data["last"] = state
            self._write(data)


class ColumnChooser:
    """The columns of a table header: right-click to show or hide one; ``state()``/``apply()`` keep
    which are hidden, their widths and their order (by the model's column numbers)."""

    def __init__(self, header: QHeaderView, names: Callable[[], list[str]], *, always: tuple[int, ...] = (0,)) -> None:
        self.header = header
        self.names = names
        self.always = always
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)

    def menu(self) -> QMenu:
        menu = QMenu(self.header)
        for column, name in enumerate(self.names()):
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(column))
            action.setEnabled(column not in self.always)
            action.toggled.connect(lambda on, c=column: self.header.setSectionHidden(c, not on))
            menu.addAction(action)
        return menu

    def _menu(self, pos: Any) -> None:
        self.menu().exec(self.header.mapToGlobal(pos))

    def state(self) -> dict[str, Any]:
        count = self.header.count()
        return {
            "hidden": [c for c in range(count) if self.header.isSectionHidden(c)],
            "widths": {str(c): self.header.sectionSize(c) for c in range(count) if not self.header.isSectionHidden(c)},
            "order": [self.header.logicalIndex(v) for v in range(count)],
        }

    def apply(self, state: dict[str, Any] | None) -> None:
        if not isinstance(state, dict):
            return
        count = self.header.count()
        hidden = {c for c in state.get("hidden", []) if isinstance(c, int) and 0 <= c < count and c not in self.always}
        for c in range(count):
            self.header.setSectionHidden(c, c in hidden)
        widths = state.get("widths", {})
        if isinstance(widths, dict):
            for key, width in widths.items():
                if str(key).isdigit() and int(key) < count and isinstance(width, int) and 20 <= width <= 2000:
                    self.header.resizeSection(int(key), width)
        order = state.get("order", [])
        if isinstance(order, list) and sorted(order) == list(range(count)):
            for visual, logical in enumerate(order):
                self.header.moveSection(self.header.visualIndex(logical), visual)


class SavedViewsBar(QToolButton):
    """视图 ▾ — the named views of one page, in a compact menu: choose one, save the current filters
    under a name, delete one.

    ``capture`` returns the page's state (filters and columns) as JSON values; ``apply`` sets it.
    The page calls :meth:`filters_changed` whenever its filters change by hand, so they come back
    with :meth:`restore_last` after a restart.
    """

    applied = Signal(str)  # the name of the view applied

    def __init__(self, store: ViewStore, capture: Callable[[], dict[str, Any]], apply: Callable[[dict[str, Any]], None],
                 lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.capture = capture
        self.apply_state = apply
        self.current = ""
        #: asks for a name (title, label, suggestion) → (text, ok); replaceable in tests
        self.ask_name: Callable[[str, str, str], tuple[str, bool]] = \
            lambda title, label, text: QInputDialog.getText(self, title, label, text=text)
        #: asks to replace a view of the same name → yes; replaceable in tests
        self.confirm: Callable[[str], bool] = lambda text: QMessageBox.question(
            self, self.tr("保存视图"), text) == QMessageBox.StandardButton.Yes
        #: shows why a name was refused; replaceable in tests
        self.explain: Callable[[str], None] = lambda text: QMessageBox.information(self, self.tr("保存视图"), text)
        self.last_error = ""
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(self.tr("保存过的筛选条件和列"))
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self._update_text()

    def names(self) -> list[str]:
        return self.store.names()

    def _update_text(self) -> None:
        self.setText(self.tr("视图：{name}").format(name=self.current) if self.current else self.tr("视图"))

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        names = self.names()
        for name in names:
            action = menu.addAction(name, lambda n=name: self.use(n))
            action.setCheckable(True)
            action.setChecked(name == self.current)
        if not names:
            empty = menu.addAction(self.tr("（还没有保存的视图）"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.tr("保存当前筛选为视图…"), self.save_current)
        remove = menu.addMenu(self.tr("删除视图"))
        remove.setEnabled(bool(names))
        for name in names:
            remove.addAction(name, lambda n=name: self.delete(n))

    def use(self, name: str) -> bool:
        state = self.store.get(name)
        if state is None:
            return False
        self.apply_state(state)
        self.current = name  # after applying: the page's own change signals reset it meanwhile
        self._update_text()
        self.remember()
        self.applied.emit(name)
        return True

    def save_current(self) -> bool:
        name, ok = self.ask_name(self.tr("保存视图"), self.tr("视图名称："), self.current)
        if not ok:
            return False
        try:
            name = clean_name(name)
            if name in self.names() and name != self.current and not self.confirm(
                    self.tr("已有名为“{name}”的视图，替换它吗？").format(name=name)):
                return False
            self.store.save(name, self.capture())
        except ValidationError as err:
            from planner.domain.errors import error_text

            self.last_error = error_text(err, self.lang)
            self.explain(self.last_error)
            return False
        self.last_error = ""
        self.current = name
        self._update_text()
        return True

    def delete(self, name: str) -> bool:
        if name not in self.names():
            return False
        self.store.remove(name)
        if self.current == name:
            self.current = ""
            self._update_text()
        return True

    def remember(self) -> None:
        """Keep the page's state as it is now, for the next start."""
        self.store.set_last(self.capture())

    def restore_last(self) -> bool:
        state = self.store.last()
        if state is None:
            return False
        self.apply_state(state)
        return True

    def filters_changed(self) -> None:
        """The page's filters changed by hand: no named view is current any more; remember them."""
        if self.current:
            self.current = ""
            self._update_text()
        self.remember()
