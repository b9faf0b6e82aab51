"""Workspace tabs built on first use, and filled when shown.

A tab nobody opens costs nothing: the tab bar shows its label over an empty stand-in, and the real
widget is made the first time the tab is shown or anyone asks for it (the page's ``assignments_tab``
and the like). The real widget then takes the stand-in's place, at the same position with the same
label, so ``tabs.currentWidget()`` and ``tabs.setCurrentWidget(tab)`` work on it as on any other tab.
Making the 任务, 时间线 and 历史 tabs at start-up cost ~50 ms before the window's first paint.

A tab that is made but hidden (behind the matrix, say) keeps the project it was given and fills
itself when shown (:class:`FilledWhenShown`): filling the 概览 and 环节 tabs on every open cost the
large project ~3 ms for nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """Stand-ins in a :class:`QTabWidget` for tabs made on first use, by key."""

    def __init__(self, tabs: QTabWidget, built: Callable[[str, QWidget], None]) -> None:
        """``built(key, widget)`` is called once a tab is made and in its place."""
        self.tabs = tabs
        self._built_hook = built
        self._stubs: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._made: dict[str, QWidget] = {}

    def add(self, key: str, label: str, factory: Callable[[], QWidget]) -> None:
        stub = QWidget()
        self._stubs[key] = stub
        self._factories[key] = factory
        self.tabs.addTab(stub, label)

    def built(self, key: str) -> QWidget | None:
        """The tab if it has been made, else ``None`` (without making it)."""
        return self._made.get(key)

    def get(self, key: str) -> QWidget:
        """The tab, made now if it was not yet."""
        tab = self._made.get(key)
        if tab is not None:
            return tab
        tab = self._made[key] = self._factories.pop(key)()
        stub = self._stubs.pop(key)
        i = self.tabs.indexOf(stub)
        in_front = self.tabs.currentIndex() == i
        blocked = self.tabs.blockSignals(True)  # the same tab stays in front: no change to announce
        try:
            self.tabs.insertTab(i + 1, tab, self.tabs.tabText(i))
            if in_front:
                self.tabs.setCurrentIndex(i + 1)
            self.tabs.removeTab(i)
        finally:
            self.tabs.blockSignals(blocked)
        stub.deleteLater()
        self._built_hook(key, tab)
        return tab

    def build_current(self) -> None:
        """Make the tab in front if it is still a stand-in (called when the current tab changes)."""
        current = self.tabs.currentWidget()
        key = next((k for k, stub in self._stubs.items() if stub is current), None)
        if key is not None:
            self.get(key)


class FilledWhenShown:
    """For a tab (before ``QWidget`` in its bases): :meth:`set_data` while hidden keeps the data, and the
    tab fills itself (``_fill(data)``) when shown, or when :meth:`catch_up` is called — by whatever reads
    its model, so nobody sees another project's rows."""

    _behind: Any = None  # the data given while the tab was hidden: filled when it is shown

    def _fill(self, data: Any) -> None:
        raise NotImplementedError

    def set_data(self, data: Any) -> None:
        self._behind = data
        if self.isVisible():  # type: ignore[attr-defined]
            self.catch_up()

    def catch_up(self) -> None:
        data, self._behind = self._behind, None
        if data is not None:
            self._fill(data)

    def clear(self) -> None:
        """No project is open: let go of one waiting to be shown (kept, it held the closed project's plan
        in memory, and freeing it fell to the next open: ~0.7 ms of the GUI thread for the large project)."""
        self._behind = None

    def showEvent(self, event: Any) -> None:
        self.catch_up()  # before the first paint
        super().showEvent(event)  # type: ignore[misc]
