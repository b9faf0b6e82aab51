"""The projects page's tabs that are made on first use, and the 补位建议 panel beside the matrix.

:class:`ProjectTabs` is mixed into :class:`planner.ui.workspace.page.ProjectsPage`: it makes 覆盖矩阵
(right after the window's first paint), 任务, 时间线 and 历史 (when first shown) and the 补位建议 panel
(when first opened), each handed what the page has loaded by then, and gates them for a shared
server's role. Readers ask the page (``page.matrix_tab`` …) and never see whether a tab was made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    import uuid

    from planner.ui.context import AppContext
    from planner.ui.history.panel import HistoryPanel
    from planner.ui.suggest.panel import SuggestPanel
    from planner.ui.workspace import loader
    from planner.ui.workspace.assignments_tab import AssignmentsTab
    from planner.ui.workspace.lazy_tabs import LazyTabs
    from planner.ui.workspace.matrix_tab import MatrixTab
    from planner.ui.workspace.timeline import TimelineTab


class ProjectTabs:
    """The page's tabs made on first use (a mixin of the page: it owns ``lazy``, the loaded
    ``_directory`` and ``data``, the ``_suggest_slot`` and ``_suggest_panel``)."""

    ctx: AppContext
    lazy: LazyTabs
    data: loader.ProjectData | None
    _directory: loader.Directory | None
    _suggest_panel: SuggestPanel | None
    _suggest_slot: QWidget

    # and, of the page: ``directory``, ``current_project_id()``, ``show_item()``
    directory: loader.Directory
    current_project_id: Callable[[], uuid.UUID | None]
    show_item: Callable[[str, Any], None]

    @property
    def suggest_panel(self) -> SuggestPanel:
        """The 补位建议 panel, made on first use with the directory and project the page has now."""
        if self._suggest_panel is None:
            # imported late: the panel builds on this package's matrix, and this package imports the page
            from planner.ui.suggest.panel import SuggestPanel

            panel = SuggestPanel(self.ctx, self.matrix_tab)
            self._suggest_slot.layout().addWidget(panel)
            panel.show()  # seen whenever its slot is (a widget added to a shown one waits for a show)
            panel.set_directory(self.directory)
            panel.set_data(self.data)
            self._suggest_panel = panel
        return self._suggest_panel

    def _on_side_panel_toggled(self, shown: bool) -> None:
        if shown:
            self.suggest_panel  # noqa: B018 - made as its slot opens

    # -- the tabs made on first use -----------------------------------------------------------
    @property
    def matrix_tab(self) -> MatrixTab:
        return self.lazy.get("matrix")  # type: ignore[return-value]

    @property
    def assignments_tab(self) -> AssignmentsTab:
        return self.lazy.get("assignments")  # type: ignore[return-value]

    @property
    def timeline_tab(self) -> TimelineTab:
        return self.lazy.get("timeline")  # type: ignore[return-value]

    @property
    def history_tab(self) -> HistoryPanel:
        return self.lazy.get("history")  # type: ignore[return-value]

    def built_tab(self, key: str) -> QWidget | None:
        """A tab made on first use ("matrix", "assignments", "timeline", "history") if it is made, else ``None``."""
        return self.lazy.built(key)

    def _make_matrix_tab(self) -> MatrixTab:
        from planner.ui.workspace.matrix_tab import MatrixTab

        tab = MatrixTab(self.ctx)
        # the page's translation context: the string is the page's, wherever its code lives
        tab.add_side_panel(self._suggest_slot, QCoreApplication.translate("ProjectsPage", "补位建议"))
        tab.side_panel_toggled.connect(self._on_side_panel_toggled)
        if self._directory is not None:
            tab.set_directory(self._directory)
        if self.data is not None:
            tab.set_data(self.data)
        return tab

    def _make_assignments_tab(self) -> AssignmentsTab:
        from planner.ui.workspace.assignments_tab import AssignmentsTab

        tab = AssignmentsTab(self.ctx)
        tab.set_directory(self.directory)
        tab.set_project(self.current_project_id())  # read when it is shown (it is not yet)
        return tab

    def _make_timeline_tab(self) -> TimelineTab:
        from planner.ui.workspace.timeline import TimelineTab

        tab = TimelineTab(self.ctx)
        tab.stage_clicked.connect(lambda sid: self.show_item("stage", sid))
        tab.assignment_clicked.connect(lambda aid: self.show_item("assignment", aid))
        return tab  # its plan comes with _on_tab_changed, as for a hidden one

    def _make_history_tab(self) -> HistoryPanel:
        from planner.ui.history.panel import HistoryPanel

        tab = HistoryPanel(self.ctx)
        tab.set_project(self.current_project_id())  # read when it is shown
        return tab

    def _on_tab_built(self, key: str, tab: QWidget) -> None:
        if key == "matrix":
            from planner.ui.server.gates import gate_matrix_tab

            gate_matrix_tab(tab)  # a shared server's role allows dragging outlets onto stages, or not
        elif key == "assignments":
            from planner.ui.server.roles import gate_page

            gate_page("projects", self, self.ctx)  # a shared server's role shows or hides its buttons
