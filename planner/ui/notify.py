"""Non-blocking notices for the user: the main window's message bar, neutral for information
(success) and red for errors (``ctx.failed`` always means an error)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.ui.context import AppContext


def notify(ctx: AppContext, widget: QWidget | None, text: str) -> None:
    """Show an informational ``text`` in the message bar of ``widget``'s window (or via ``ctx.failed``
    when there is no main window, e.g. a dialog used on its own)."""
    window = widget.window() if widget is not None else None
    bar = getattr(window, "message_bar", None)
    if bar is not None:
        bar.show_message(text, 6000, error=False)
    else:
        ctx.failed.emit(text)
