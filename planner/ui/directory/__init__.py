"""The directories: outlets (媒体单位), alliances (联合体) and people (人员).

Each is a page with a searchable, filterable table over a thin Qt model, and add/edit/delete
dialogs whose edits go through undoable core commands (``ctx.push``-style, see :mod:`.editing`).

The pages are imported when first asked for (``planner.ui.directory.OutletsPage``): the main
window builds them on first visit, and start-up imports this package for its small shared parts
(``form_dialog``) without paying for the three pages and their dialogs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.ui.directory.alliances_page import AlliancesPage
    from planner.ui.directory.outlets_page import OutletsPage
    from planner.ui.directory.people_page import PeoplePage

_PAGES = {"AlliancesPage": "alliances_page", "OutletsPage": "outlets_page", "PeoplePage": "people_page"}

__all__ = ["AlliancesPage", "OutletsPage", "PeoplePage"]


def __getattr__(name: str) -> Any:
    module = _PAGES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
