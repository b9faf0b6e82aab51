"""The export dialog of the desktop app (assignment sheets, briefing packs and contribution
reports as Word, PDF or a long picture for phones) and printing the sheets.

The main window's menu calls :func:`open_export_dialog` and installs :func:`install_print_action`.
The documents themselves are written by :mod:`planner.services.exports` in a worker, with a
progress dialog and cancel. Printing support (QtPrintSupport) is imported only when used.
"""

from __future__ import annotations

import uuid
from typing import Any

from planner.ui.context import AppContext


def open_export_dialog(ctx: AppContext, parent: Any = None, project_id: uuid.UUID | None = None) -> Any:
    """Show the export dialog (non-blocking) with ``project_id`` preselected; returns the dialog."""
    from planner.ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(ctx, parent, project_id=project_id)
    dialog.setModal(True)
    dialog.show()
    return dialog


def install_print_action(menu: Any, window: Any) -> Any:
    """Add 打印任务单… (Ctrl+P) to ``menu`` and ``window``: the sheets of the project open in 项目,
    in Qt's print preview (which leads to the print dialog)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(QCoreApplication.translate("PrintSheets", "打印任务单…"), window)
    action.setShortcut(QKeySequence("Ctrl+P"))
    action.setProperty("help_text", QCoreApplication.translate("PrintSheets", "打印当前项目的任务单（先预览）"))

    def run() -> None:
        from planner.ui.export.printing import SheetPrinter

        printer = getattr(window, "sheet_printer", None)
        if printer is None:
            printer = window.sheet_printer = SheetPrinter(window.ctx, window)
        page = getattr(window, "_pages", {}).get("projects")
        current = getattr(page, "current_project_id", None)
        printer.open(current() if current is not None else None)

    action.triggered.connect(run)
    menu.addAction(action)
    window.addAction(action)  # the shortcut works before the menu was ever opened
    return action


__all__ = ["install_print_action", "open_export_dialog"]
