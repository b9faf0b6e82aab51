"""Exchange in the desktop app: File ▸ 导出计划… / 导入计划…, the conflict screen, .ics and CSV/XLSX exports.

The main window's File menu calls :func:`install_exchange_actions`.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from planner.ui.context import AppContext
from planner.ui.exchange.actions import ExchangeActions


def install_exchange_actions(menu: QMenu, ctx: AppContext, parent: QWidget) -> list[QAction]:
    """Add the exchange actions to ``menu``; the handler object lives as long as ``parent``."""
    handler = ExchangeActions(ctx, parent)
    actions = handler.install(menu)
    parent._exchange_actions = handler  # type: ignore[attr-defined]  # keep a Python reference
    return actions


__all__ = ["ExchangeActions", "install_exchange_actions"]
