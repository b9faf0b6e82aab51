"""Pushing a core command from a dialog, keeping the typed error for inline display.

:meth:`AppContext.push` turns an error into a message for the message bar; a dialog instead wants
the error itself so it can put the text beside the field at fault (``PlannerError.field``). This
does the same as ``push`` (do once, then put the already-done command on the undo stack and
announce the change) but lets validation errors through to the caller.
"""

from __future__ import annotations

from planner.domain.changes import Changes
from planner.domain.errors import StaleError
from planner.services.commands import Command
from planner.ui.context import AppContext
from planner.ui.undo import UndoAdapter


def push_or_raise(ctx: AppContext, command: Command) -> Changes:
    """Do ``command``; on success it is undoable and announced. Raises ``PlannerError`` otherwise
    (nothing pushed, the database unchanged). A stale row also reloads every screen."""
    try:
        changes = command.do(ctx.db)
    except StaleError:
        ctx.changed.emit(Changes())
        ctx.database_replaced.emit()
        raise
    ctx.undo_stack.push(UndoAdapter(ctx, command))
    ctx.changed.emit(changes)
    return changes
