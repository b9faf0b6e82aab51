"""The directories: outlets (媒体单位), alliances (联合体) and people (人员).

Each is a page with a searchable, filterable table over a thin Qt model, and add/edit/delete
dialogs whose edits go through undoable core commands (``ctx.push``-style, see :mod:`.editing`).
"""

from planner.ui.directory.alliances_page import AlliancesPage
from planner.ui.directory.outlets_page import OutletsPage
from planner.ui.directory.people_page import PeoplePage

__all__ = ["AlliancesPage", "OutletsPage", "PeoplePage"]
