"""The export dialog of the desktop app: assignment sheets, briefing packs and contribution reports.

The main window's menu calls :func:`open_export_dialog`. The documents themselves are written by
:mod:`planner.services.exports` in a worker, with a progress dialog and cancel.
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


__all__ = ["open_export_dialog"]
