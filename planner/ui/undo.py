"""One ``QUndoCommand`` adapter over the core commands of :mod:`planner.services.commands`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from planner.services.commands import Command
    from planner.ui.context import AppContext


class UndoAdapter(QUndoCommand):
    """Wraps a core command that has *already been done once* (see :meth:`AppContext.push`)."""

    def __init__(self, ctx: AppContext, command: Command) -> None:
        super().__init__(command.text)
        self._ctx = ctx
        self.command = command
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._ctx.run_history(self.command.do, self.command.text)

    def undo(self) -> None:
        self._ctx.run_history(self.command.undo, self.command.text)
