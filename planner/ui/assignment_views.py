"""Saved views of the 任务 tab: its filters and columns kept under a name, and the last ones after a restart.

The tab owns its filters (scope, status, outlet, person, deadline range) and its table; this module
only reads and sets them, through the widgets' own interfaces, so the tab needs two lines: make an
:class:`AssignmentViews` and put its 视图 ▾ button in the filter row. A view holds the filter values
(outlets and people by id: one gone since shows "all") and the columns (hidden, widths, order; the
header's right-click menu chooses them). Storage, per user and per database, is
:mod:`planner.ui.saved_views`'s.

The last filters come back when the tab first gets its directory (the outlet and person lists a
saved filter names), not before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QComboBox

from planner.ui.saved_views import ColumnChooser, SavedViewsBar, ViewStore

_COMBOS = ("scope", "status", "outlet", "person")
_DATES = ("due_from", "due_to")


def _date_text(widget: Any) -> str:
    """A deadline filter's value as text (a date field's ``value()``, or a line edit's text)."""
    if hasattr(widget, "value"):
        value = widget.value()
        return value.isoformat() if isinstance(value, date) else ""
    return widget.text().strip()


def _set_date(widget: Any, text: Any) -> None:
    text = text if isinstance(text, str) else ""
    if hasattr(widget, "set_value"):
        try:
            widget.set_value(date.fromisoformat(text) if text else None)
        except ValueError:
            widget.set_value(None)
    else:
        widget.setText(text[:20])


class AssignmentViews:
    """The 视图 ▾ button and the column chooser of an assignments tab (``tab``)."""

    def __init__(self, tab: Any, row: QBoxLayout | None = None) -> None:
        self.tab = tab
        self._restored = False
        self._applying = False
        header = tab.view.horizontalHeader()
        model = tab.view.model()
        self.columns = ColumnChooser(header, lambda: [str(model.headerData(c, Qt.Orientation.Horizontal)).rstrip(" ▲▼") for c in
                                                      range(model.columnCount())], always=(1,))
        self.bar = SavedViewsBar(ViewStore("assignments", tab.ctx.db.label), self.capture, self.apply,
                                 tab.ctx.lang_code, parent=tab)
        if row is not None:
            row.addWidget(self.bar)
        for name in _COMBOS:
            getattr(tab, name).activated.connect(self._changed)
        for name in _DATES:
            widget = getattr(tab, name)
            signal = getattr(widget, "changed", None) or widget.editingFinished
            signal.connect(self._changed)
        # widths and order: remembered a moment after the last drag, not on every pixel
        self._later = QTimer(tab)
        self._later.setSingleShot(True)
        self._later.setInterval(600)
        self._later.timeout.connect(self.bar.remember)
        header.sectionResized.connect(lambda *_: self._columns_changed())
        header.sectionMoved.connect(lambda *_: self._columns_changed())
        original = tab.set_directory

        def set_directory(directory: Any) -> None:
            original(directory)
            if not self._restored:
                self._restored = True
                self.restore_last()

        tab.set_directory = set_directory

    # -- state ---------------------------------------------------------------------------------
    def capture(self) -> dict[str, Any]:
        tab = self.tab
        state: dict[str, Any] = {name: getattr(tab, name).currentData() or "" for name in _COMBOS}
        state.update({name: _date_text(getattr(tab, name)) for name in _DATES})
        state["columns"] = self.columns.state()
        return {k: (str(v) if k in _COMBOS else v) for k, v in state.items()}

    def apply(self, state: dict[str, Any]) -> None:
        """Set the filters and columns of ``state`` and read the table again (unknown values: "all")."""
        tab = self.tab
        self._applying = True
        try:
            self.columns.apply(state.get("columns"))
            for name in _COMBOS:
                combo: QComboBox = getattr(tab, name)
                value = state.get(name, "")
                combo.setCurrentIndex(max(0, combo.findData(value if isinstance(value, str) else "")))
            for name in _DATES:
                _set_date(getattr(tab, name), state.get(name, ""))
            follow = getattr(tab, "_show_project_column", None)  # columns the tab shows by its scope
            if callable(follow):
                follow()
        finally:
            self._applying = False
        tab.reload()

    def restore_last(self) -> bool:
        return self.bar.restore_last()

    # -- changes by hand -----------------------------------------------------------------------
    def _changed(self, *_: Any) -> None:
        if not self._applying:
            self.bar.filters_changed()

    def _columns_changed(self) -> None:
        if not self._applying:
            self._later.start()


__all__ = ["AssignmentViews"]
