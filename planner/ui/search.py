"""The global search box in the toolbar: projects, stages, outlets and people by Chinese substring
and by pinyin ("cqx" finds 重庆西). Ctrl+F / Ctrl+K focus it.

The index (:mod:`planner.services.lookup`) is built in a worker on the database thread, and rebuilt
(debounced) after changes. Choosing a result emits ``ctx.navigate_requested(kind, id)``.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.ui.context import AppContext
from planner.ui.workers import Worker

if TYPE_CHECKING:
    from planner.services.lookup import SearchHit, SearchIndex

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
_WATCHED = (Entity.PROJECT, Entity.STAGE, Entity.OUTLET, Entity.PERSON)


class SearchBox(QLineEdit):
    index_ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index: SearchIndex | None = None
        self._worker: Worker | None = None
        self._stale = False
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("搜索项目、环节、单位、人员（拼音首字母亦可） Ctrl+K"))
        self.setMinimumWidth(300)
        self.setMaximumWidth(420)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self)
        self.completer_.setModel(self.results)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(14)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return)
        self._labels = {
            "project": self.tr("项目"), "stage": self.tr("环节"), "outlet": self.tr("单位"), "person": self.tr("人员"),
        }
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(400)
        self._rebuild_timer.timeout.connect(self.rebuild)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self.rebuild)

    def install_shortcuts(self, window: QWidget) -> None:
        for keys in (QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")):
            shortcut = QShortcut(keys, window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setProperty("description", self.tr("全局搜索"))
            shortcut.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.index is None and self._worker is None:
            self.rebuild()

    # -- index ---------------------------------------------------------------------------------
    def rebuild(self) -> None:
        if self._worker is not None:
            self._stale = True
            return
        from planner.services.lookup import build_index  # the tables: not before the window's first paint

        self._stale = False
        worker = Worker(lambda progress: build_index(self.ctx.db, progress))
        worker.signals.finished.connect(self._on_index_built)
        worker.signals.failed.connect(self._on_index_failed)
        worker.signals.cancelled.connect(lambda: self._on_index_failed(None))
        self._worker = worker
        self.ctx.start(worker, database=True)

    def _on_index_built(self, index: SearchIndex) -> None:
        self._worker = None
        self.index = index
        if self._stale:
            self.rebuild()
        if self.text().strip():
            self.update_results(self.text())
        self.index_ready.emit()

    def _on_index_failed(self, _exc: Any) -> None:
        self._worker = None
        if self._stale:
            self.rebuild()

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.empty or changes.touches(*_WATCHED):
            self._rebuild_timer.start()

    # -- results -------------------------------------------------------------------------------
    def hits(self, text: str) -> list[SearchHit]:
        return self.index.search(text, limit=40) if self.index is not None else []

    def update_results(self, text: str) -> list[SearchHit]:
        hits = self.hits(text)
        self.results.clear()
        for hit in hits:
            label = f"{hit.title}　[{self._labels[hit.kind]}]"
            if hit.detail and hit.detail != hit.title:
                label += f"  {hit.detail}"
            item = QStandardItem(label)
            item.setData(hit.kind, KindRole)
            item.setData(hit.id, IdRole)
            item.setEditable(False)
            self.results.appendRow(item)
        if hits and self.hasFocus():
            self.completer_.complete()
        elif not hits:
            self.completer_.popup().hide()
        return hits

    def _on_text_edited(self, text: str) -> None:
        if self.index is None:
            if self._worker is None:
                self.rebuild()
            return
        self.update_results(text)

    def _on_return(self) -> None:
        hits = self.hits(self.text())
        if hits:
            self.choose(hits[0].kind, hits[0].id)

    def _on_activated(self, index: QModelIndex) -> None:
        kind, rid = index.data(KindRole), index.data(IdRole)
        if kind and isinstance(rid, uuid.UUID):
            self.choose(kind, rid)

    def choose(self, kind: str, rid: uuid.UUID) -> None:
        self.completer_.popup().hide()
        self.clear()
        self.ctx.navigate_requested.emit(kind, rid)
