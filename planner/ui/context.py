"""The application context every screen shares: the open database, the undo stack, the
``changed`` signal, the language and the running workers.

Screens call :meth:`AppContext.push` with a core command; they never open a session. After any
change the context emits ``changed(Changes)`` and each screen refreshes what it shows if the
change touches it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError, StaleError, error_text
from planner.store.database import Database
from planner.ui.undo import UndoAdapter
from planner.ui.workers import Worker, db_pool, general_pool, submit

if TYPE_CHECKING:
    from planner.services.commands import Command  # the tables behind it: after the first paint


class AppContext(QObject):
    changed = Signal(object)  # Changes
    database_replaced = Signal()  # a different file was opened: everything reloads
    failed = Signal(str)  # a message for the user (the main window shows it)
    language_changed = Signal(str)
    navigate_requested = Signal(str, object)  # ("project"|"stage"|"assignment"|"outlet"|"person", id)

    def __init__(self, db: Database, lang: str = "zh_CN", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.undo_stack = QUndoStack(self)
        self._workers: set[Worker] = set()
        #: while held (:meth:`hold_workers`), in order: the workers started, each with whether it wants
        #: the DB thread, and the :meth:`later` calls
        self._held: list[tuple[Worker, bool] | Callable[[], None]] | None = None

    # -- language --------------------------------------------------------------------------------
    @property
    def lang_code(self) -> str:
        """``zh`` or ``en`` (what the domain labels take)."""
        return "en" if self.lang.startswith("en") else "zh"

    def label(self, enum_member: Any) -> str:
        return enum_member.label(self.lang_code)

    def error_message(self, err: PlannerError) -> str:
        return error_text(err, self.lang_code)

    # -- edits -----------------------------------------------------------------------------------
    def push(self, command: Command) -> Changes | None:
        """Do ``command`` now; on success put it on the undo stack and announce the change.

        A typed error becomes a message (``failed``) and nothing is pushed; an optimistic-lock
        conflict also reloads every screen.
        """
        try:
            changes = command.do(self.db)
        except PlannerError as err:
            self.failed.emit(self.error_message(err))
            if isinstance(err, StaleError):
                self.changed.emit(Changes())
                self.database_replaced.emit()
            return None
        self.undo_stack.push(UndoAdapter(self, command))
        self.changed.emit(changes)
        return changes

    def run_history(self, fn: Callable[[Database], Changes], text: str) -> None:
        """Run an undo or redo step; if it cannot be done, explain and drop the history.

        The stack is cleared once control is back in the event loop: this runs inside the
        stack's own undo()/redo(), and clearing it there deletes the running command (a crash).
        """
        try:
            changes = fn(self.db)
        except PlannerError as err:
            self.failed.emit(self.error_message(err))
            QTimer.singleShot(0, self.undo_stack.clear)
            self.database_replaced.emit()
            return
        self.changed.emit(changes)

    def call(self, fn: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes | None:
        """Run a service call that is not undoable (settings, imports) and announce it."""
        try:
            changes = fn(self.db, *args, **kwargs)
        except PlannerError as err:
            self.failed.emit(self.error_message(err))
            return None
        self.changed.emit(changes)
        return changes

    # -- database --------------------------------------------------------------------------------
    def replace_database(self, db: Database) -> None:
        old = self.db
        self.wait_for_workers()
        self.db = db
        self.undo_stack.clear()
        old.close()
        self.database_replaced.emit()

    # -- workers ---------------------------------------------------------------------------------
    def start(self, worker: Worker, *, database: bool = False) -> Worker:
        """Run ``worker`` keeping a reference until it ends (``database`` → the single DB thread)."""
        self._workers.add(worker)
        done = lambda *_: self._workers.discard(worker)  # noqa: E731
        worker.signals.finished.connect(done)
        worker.signals.failed.connect(done)
        worker.signals.cancelled.connect(done)
        if self._held is not None:
            self._held.append((worker, database))
            return worker
        return submit(worker, db_pool() if database else general_pool())

    def hold_workers(self) -> None:
        """Queue the workers started from now on until :meth:`release_workers`: the app's start-up
        holds the screens' first loads until the window's first paint, so reading the project list
        does not compete with drawing the window (it took ~50 ms of CPU before the first paint)."""
        if self._held is None:
            self._held = []

    def later(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` when the held work is released (at start-up: right after the window's first
        paint), or now when nothing is held. A screen starts there what its first paint does not
        need: its first loads, which import the services and the tables (~0.2 s of CPU), and what it
        shows only once loaded (the projects page's 覆盖矩阵 tab, ~50 ms)."""
        if self._held is None:
            fn()
        else:
            self._held.append(fn)

    def release_workers(self, *, calls: bool = True) -> None:
        """Start the held workers and make the :meth:`later` calls (unless ``calls`` is false), in
        the order they came; stop holding."""
        held, self._held = self._held, None
        for item in held or ():
            if isinstance(item, tuple):
                worker, database = item
                submit(worker, db_pool() if database else general_pool())
            elif calls:
                item()

    def wait_for_workers(self, timeout_ms: int = 30000) -> None:
        for worker in list(self._workers):
            worker.progress.cancel()
        # held workers too: each ends with its signals, as a cancelled one does; closing before the
        # first paint leaves nothing to build or load for
        self.release_workers(calls=False)
        db_pool().waitForDone(timeout_ms)
        general_pool().waitForDone(timeout_ms)
