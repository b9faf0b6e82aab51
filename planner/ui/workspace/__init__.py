"""The project workspace (项目): project list, overview with findings, stages, coverage matrix,
assignments and timeline. The main window shows :class:`ProjectsPage` and puts its
``menu_actions()`` in the 项目 menu."""

from planner.ui.workspace.page import ProjectsPage

__all__ = ["ProjectsPage"]
