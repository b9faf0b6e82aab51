"""The project workspace page (项目): the project list on the left, the open project's tabs on the right.

Loads run in workers on the database thread and come back by signal; a newer request makes an
older result stale (a generation counter), so a slow load never overwrites a newer one. The page
refreshes only what a change touches.

The page is painted at start-up before anything is read: the loads (:mod:`.loader`, and through it
the services and the tables) and the 覆盖矩阵 tab start right after the window's first paint
(``AppContext.later``), so this module imports neither at its top.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Entity, ProjectStatus
from planner.domain.errors import NotFoundError
from planner.domain.findings import Finding
from planner.domain.rows import ProjectRow
from planner.ui import prefs, shortcuts
from planner.ui.context import AppContext
from planner.ui.workers import Worker
from planner.ui.workspace.base_model import IdRole, RowRole
from planner.ui.workspace.cover import CoverStack
from planner.ui.workspace.lazy_tabs import LazyTabs
from planner.ui.workspace.overview_tab import OverviewTab
from planner.ui.workspace.page_tabs import ProjectTabs
from planner.ui.workspace.project_actions import ProjectActions
from planner.ui.workspace.project_list_model import ProjectListModel, ProjectListView
from planner.ui.workspace.stages_tab import StagesTab

if TYPE_CHECKING:
    from planner.ui.suggest.panel import SuggestPanel
    from planner.ui.workspace import loader

_PLAN_ENTITIES = (Entity.PROJECT, Entity.STAGE, Entity.STAGE_DEPENDENCY, Entity.ASSIGNMENT, Entity.ASSIGNMENT_PERSON,
                  Entity.OUTLET, Entity.PERSON, Entity.AVAILABILITY)  # absences feed the "person unavailable" finding
_TRAVEL_KEY = "travel.kmh"  # a setting the analysis depends on
_DIRECTORY_ENTITIES = (Entity.OUTLET, Entity.PERSON, Entity.ALLIANCE, Entity.MEMBERSHIP)


class ProjectsPage(ProjectTabs, QWidget):
    project_loaded = Signal(object)  # project id, after its tabs are filled
    projects_loaded = Signal()
    reveal_requested = Signal()  # a project action was used from another page: bring this one forward

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._directory: loader.Directory | None = None  # none loaded yet
        self.data: loader.ProjectData | None = None
        self._gen = {"projects": 0, "project": 0, "directory": 0}
        self._busy: set[str] = set()
        self._select_after: uuid.UUID | None = None
        self._pending_nav: tuple[str, uuid.UUID, uuid.UUID | None] | None = None
        self._reopened = False
        self._last_saved: tuple[str, uuid.UUID] | None = None  # the last project this page stored in the prefs

        # -- left: the project list --------------------------------------------------------------
        self.list_model = ProjectListModel(ctx.lang_code, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.list_model)
        self.proxy.setFilterKeyColumn(ProjectListModel.TITLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索项目…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list_view = ProjectListView()
        self.list_view.setModel(self.proxy)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.setWordWrap(False)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProjectListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.list_view.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self.actions = ProjectActions(self)
        self.keys = shortcuts.install(self.list_view, "projects", {
            "edit": self.actions.edit_project, "delete": self.actions.delete_project,
        })
        self.new_button = new_button = QPushButton(self.tr("新建项目"))
        new_button.clicked.connect(self.actions.new_project)
        self.template_button = template_button = QPushButton(self.tr("从模板新建"))
        template_button.clicked.connect(self.actions.new_from_template)
        self.empty_list = QLabel(self.tr("还没有项目。\n新建一个，或从模板创建。"))
        self.empty_list.setWordWrap(True)
        self.empty_list.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_list.setStyleSheet("color:#666; padding:24px;")
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.search)
        left_box.addWidget(self.list_view, 1)
        left_box.addWidget(self.empty_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(template_button)
        self.emergency_button = QPushButton(self.tr("突发联动"))
        self.emergency_button.setToolTip(self.tr("新建突发联动：地点和时间 → 推荐单位 → 回执表（Ctrl+Shift+U）"))
        self.emergency_button.clicked.connect(self.actions.new_emergency)
        buttons.addWidget(self.emergency_button)
        left_box.addLayout(buttons)

        # -- right: the tabs ---------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.overview_tab = OverviewTab(ctx.lang_code)
        self.stages_tab = StagesTab(ctx)
        self.tabs.addTab(self.overview_tab, self.tr("概览"))
        self.tabs.addTab(self.stages_tab, self.tr("环节"))
        # The 补位建议 panel is made when first opened (or asked for): its widgets and the solver's
        # modules cost start-up ~30 ms while it stays closed. Its slot beside the matrix holds it.
        self._suggest_panel: SuggestPanel | None = None
        self._suggest_slot = QWidget()
        QVBoxLayout(self._suggest_slot).setContentsMargins(0, 0, 0, 0)
        # 覆盖矩阵 is made right after the window's first paint (ctx.later), which shows the
        # placeholder over the tabs (~50 ms of CPU: its modules, the places table, the views); a
        # project is loaded only after that paint. 任务, 时间线, 历史 are made when first used.
        self.lazy = LazyTabs(self.tabs, self._on_tab_built)
        self.lazy.add("matrix", self.tr("覆盖矩阵"), self._make_matrix_tab)
        self.lazy.add("assignments", self.tr("任务"), self._make_assignments_tab)
        self.lazy.add("timeline", self.tr("时间线"), self._make_timeline_tab)
        self.lazy.add("history", self.tr("历史"), self._make_history_tab)
        self.overview_tab.finding_activated.connect(self.show_finding)
        self.overview_tab.edit_requested.connect(self.actions.edit_project)
        self._timeline_plan: Any = None  # a plan the hidden 时间线 tab gets when it is shown
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.placeholder = QLabel(self.tr("选择左侧的项目，或新建一个项目。"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color:#666; font-size:13pt;")
        self.right = CoverStack(self.tabs, self.placeholder)  # the tabs stay shown under the placeholder

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self._list_width(), 1000])
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        self._update_state()
        ctx.later(self.reload_all)
        ctx.later(lambda: self.lazy.get("matrix"))

    @property
    def directory(self) -> loader.Directory:
        """The outlets, people and alliances last loaded (empty before the first load)."""
        if self._directory is None:
            from planner.ui.workspace.loader import Directory

            return Directory()
        return self._directory

    def _list_width(self) -> int:
        """The project list's starting width: 260 px, or more where the other columns' headers and
        statuses are wider (English: a fixed 260 px left the titles ~100 px), so titles keep ~150 px."""
        header = self.list_view.horizontalHeader()
        metrics = self.list_view.fontMetrics()
        statuses = max(metrics.horizontalAdvance(s.label(self.ctx.lang_code)) for s in ProjectStatus) + 12
        others = [header.sectionSizeHint(c) for c in range(self.list_model.columnCount()) if c != ProjectListModel.TITLE]
        others[ProjectListModel.STATUS - 1] = max(others[ProjectListModel.STATUS - 1], statuses)
        return max(260, sum(others) + 150 + 2 * self.list_view.frameWidth())

    # -- public API ----------------------------------------------------------------------------
    def menu_actions(self) -> list[QAction]:
        self.actions.update()
        return self.actions.all()

    def new_item(self) -> None:
        """The window's 新建 (Ctrl+N) on this page."""
        self.actions.new_project()

    def refresh(self) -> None:
        """The window's 刷新 (F5)."""
        self.reload_all()

    def current_project(self) -> ProjectRow | None:
        rows = self.list_view.selectionModel().selectedRows()
        summary = rows[0].data(RowRole) if rows else None
        return summary.project if summary is not None else None

    def current_project_id(self) -> uuid.UUID | None:
        rows = self.list_view.selectionModel().selectedRows()
        return rows[0].data(IdRole) if rows else None

    @property
    def busy(self) -> bool:
        """Whether a load is still running (tests wait on this)."""
        return bool(self._busy)

    def select_project(self, project_id: uuid.UUID) -> bool:
        source = self.list_model.index_of(project_id)
        index = self.proxy.mapFromSource(source) if source.isValid() else source
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.list_model.index_of(project_id))
            if not index.isValid():
                return False
        self.list_view.selectRow(index.row())
        self.list_view.scrollTo(index)
        return True

    def select_after_load(self, project_id: uuid.UUID) -> None:
        if not self.select_project(project_id):
            self._select_after = project_id

    def show_item(self, kind: str, item_id: Any) -> None:
        """Navigate to a project, a stage or an assignment (selecting its project first)."""
        if not isinstance(item_id, uuid.UUID):
            return
        if kind == "project":
            self.select_after_load(item_id)
            self.tabs.setCurrentWidget(self.overview_tab)
            return
        if kind in ("stage", "assignment"):
            from planner.services.assignment_queries import project_of

            found = project_of(self.ctx.db, **({"stage_id": item_id} if kind == "stage" else {"assignment_id": item_id}))
            if found is None:
                return
            project_id, _stage_id = found
            self._pending_nav = (kind, item_id, None)
            if self.data is not None and self.data.plan.project.id == project_id and self.current_project_id() == project_id:
                self._apply_nav()
            else:
                self.select_after_load(project_id)
        elif kind == "outlet" and self.data is not None:
            self.tabs.setCurrentWidget(self.matrix_tab)
            if self.matrix_tab.model.columnCount():
                stage = self.data.plan.stages[0].id if self.data.plan.stages else None
                if stage is not None:
                    self.matrix_tab.select_cell(stage, item_id)

    def show_finding(self, finding: Finding) -> None:
        """Jump from a finding to the item at fault: its assignment, else its stage (in the matrix if an outlet is named)."""
        if finding.assignment_ids:
            self.tabs.setCurrentWidget(self.assignments_tab)
            self.assignments_tab.scope.setCurrentIndex(0)
            if not self.assignments_tab.select_id(finding.assignment_ids[0]):
                self.assignments_tab.reload()
                self.assignments_tab.select_id(finding.assignment_ids[0])
        elif finding.stage_ids and finding.outlet_ids:
            self.tabs.setCurrentWidget(self.matrix_tab)
            self.matrix_tab.select_cell(finding.stage_ids[0], finding.outlet_ids[0])
        elif finding.stage_ids:
            self.tabs.setCurrentWidget(self.stages_tab)
            self.stages_tab.select_id(finding.stage_ids[0])
        elif finding.outlet_ids:
            self.ctx.navigate_requested.emit("outlet", finding.outlet_ids[0])

    # -- loading -------------------------------------------------------------------------------
    def reload_all(self) -> None:
        self.load_directory()
        self.load_projects()

    def _run(self, key: str, fn: Any, *args: Any, done: Any) -> None:
        self._gen[key] += 1
        gen = self._gen[key]
        self._busy.add(key)
        worker = Worker(fn, self.ctx.db, *args)

        def finished(result: Any) -> None:
            if gen == self._gen[key]:
                self._busy.discard(key)
                done(result)

        def failed(exc: Any) -> None:
            if gen == self._gen[key]:
                self._busy.discard(key)
                if key == "project" and isinstance(exc, NotFoundError):
                    self.load_projects()  # deleted meanwhile (an undo, another editor): not an error
                    return
                self.ctx.failed.emit(self.ctx.error_message(exc) if hasattr(exc, "code") else str(exc))

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(lambda: self._busy.discard(key) if gen == self._gen[key] else None)
        self.ctx.start(worker, database=True)

    def load_projects(self) -> None:
        from planner.ui.workspace import loader

        self._run("projects", loader.load_projects, done=self._on_projects_loaded)

    def load_directory(self) -> None:
        from planner.ui.workspace import loader

        self._run("directory", loader.load_directory, done=self._on_directory_loaded)

    def load_project(self, project_id: uuid.UUID) -> None:
        from planner.ui.workspace import loader

        self._run("project", loader.load_project, project_id, done=self._on_project_loaded)

    def _on_projects_loaded(self, rows: list[Any]) -> None:
        keep = self._select_after or self.current_project_id()
        if keep is None and not self._reopened:  # the app reopens the project last open in this file
            self._reopened = True
            last = prefs.last_project(self.ctx.db.label)
            try:
                keep = uuid.UUID(last) if last else None
            except ValueError:
                keep = None
        self._select_after = None
        self.list_view.selectionModel().blockSignals(True)
        self.list_model.set_rows(rows)
        self.list_view.selectionModel().blockSignals(False)
        if keep is not None and self.select_project(keep):
            pass
        elif self.data is not None:
            self._show_project(None)
        self._update_state()
        self.projects_loaded.emit()

    def _on_directory_loaded(self, directory: loader.Directory) -> None:
        self._directory = directory
        if (matrix := self.built_tab("matrix")) is not None:  # else it reads the directory when it is made
            matrix.set_directory(directory)  # type: ignore[attr-defined]
        if self._suggest_panel is not None:  # else it reads the directory when it is made
            self._suggest_panel.set_directory(directory)
        if (tab := self.built_tab("assignments")) is not None:
            tab.set_directory(directory)  # type: ignore[attr-defined]

    def _on_project_loaded(self, data: loader.ProjectData) -> None:
        if data.plan.project.id != self.current_project_id():
            return
        self.data = data
        self.overview_tab.set_data(data)
        self.stages_tab.set_data(data)
        self.matrix_tab.set_data(data)
        if self._suggest_panel is not None:
            self._suggest_panel.set_data(data)
        self._set_timeline(data.plan)
        self.right.setCurrentWidget(self.tabs)
        self.placeholder.setText(self.tr("选择左侧的项目，或新建一个项目。"))
        self._apply_nav()
        self.actions.update()
        self._settle_layouts()
        self.project_loaded.emit(data.plan.project.id)

    def _settle_layouts(self) -> None:
        """Lay the tab in front out now, before the first paint. A matrix that gets rows and columns shows
        its scroll bars, and the layouts above it take that in one level per pass of the event loop
        (each posts a LayoutRequest to its parent): the page was painted half laid out, then all of it
        again (~30 widgets, ~6 ms of the large project's open)."""
        view = self.matrix_tab.view
        if view.isVisible():
            view.executeDelayedItemsLayout()
        for _ in range(12):  # the layouts up to the window, one level each (bounded)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _set_timeline(self, plan: Any) -> None:
        """The timeline lays out a plan (~30 ms for the large project) only when it is in front; hidden,
        it gets the newest plan when shown, as the 历史 tab reads its history."""
        tab = self.built_tab("timeline")  # not made yet: it gets the plan when it is first shown
        if tab is not None and (plan is None or self.tabs.currentWidget() is tab):
            self._timeline_plan = None
            tab.set_plan(plan)  # type: ignore[attr-defined]
        else:
            self._timeline_plan = plan

    def _on_tab_changed(self, _index: int) -> None:
        self.lazy.build_current()
        if self._timeline_plan is not None and self.tabs.currentWidget() is self.built_tab("timeline"):
            plan, self._timeline_plan = self._timeline_plan, None
            self.timeline_tab.set_plan(plan)

    def _apply_nav(self) -> None:
        if self._pending_nav is None or self.data is None:
            return
        kind, item_id, _ = self._pending_nav
        self._pending_nav = None
        if kind == "stage":
            self.tabs.setCurrentWidget(self.stages_tab)
            self.stages_tab.select_id(item_id)
        elif kind == "assignment":
            self.tabs.setCurrentWidget(self.assignments_tab)
            self.assignments_tab.scope.setCurrentIndex(0)
            self.assignments_tab.reload()
            self.assignments_tab.select_id(item_id)

    def _show_project(self, project_id: uuid.UUID | None) -> None:
        if project_id is None:
            self._gen["project"] += 1
            self._busy.discard("project")
            self.data = None
            self.overview_tab.clear()
            self.stages_tab.clear()
            if (matrix := self.built_tab("matrix")) is not None:
                matrix.set_data(None)  # type: ignore[attr-defined]
            if self._suggest_panel is not None:
                self._suggest_panel.set_data(None)
            self._set_timeline(None)
            for key in ("assignments", "history"):
                if (tab := self.built_tab(key)) is not None:
                    tab.set_project(None)  # type: ignore[attr-defined]
            self.right.setCurrentWidget(self.placeholder)
        else:
            for key in ("assignments", "history"):
                if (tab := self.built_tab(key)) is not None:
                    tab.set_project(project_id)  # type: ignore[attr-defined]
            self.load_project(project_id)
            QTimer.singleShot(150, lambda gen=self._gen["project"]: self._show_loading(gen))
        self.actions.update()

    def _show_loading(self, gen: int) -> None:
        """A slow switch to another project says so instead of showing the previous one."""
        if gen == self._gen["project"] and "project" in self._busy:
            self.placeholder.setText(self.tr("正在加载项目…"))
            self.right.setCurrentWidget(self.placeholder)

    # -- events --------------------------------------------------------------------------------
    def _on_list_selection_changed(self, *_: Any) -> None:
        pid = self.current_project_id()
        if pid is not None and (self.ctx.db.label, pid) != self._last_saved:
            prefs.set_last_project(self.ctx.db.label, str(pid))  # rewrites the settings file: only when it changes
            self._last_saved = (self.ctx.db.label, pid)
        if self.data is None or pid != self.data.plan.project.id:
            self._show_project(pid)

    def _on_ctx_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.PROJECT, Entity.STAGE, Entity.ASSIGNMENT):
            self.load_projects()
        if changes.touches(*_DIRECTORY_ENTITIES):
            self.load_directory()
        pid = self.current_project_id()
        if pid is not None and (changes.touches(*_PLAN_ENTITIES) or self._travel_changed(changes)):
            if (Entity.PROJECT, pid) in changes.deleted:
                self._gen["project"] += 1  # drop a load still in flight; the list reload clears the workspace
                self._busy.discard("project")
                return
            self.load_project(pid)
            if (tab := self.built_tab("assignments")) is not None:
                tab.refresh(changes)  # type: ignore[attr-defined]

    @staticmethod
    def _travel_changed(changes: Changes) -> bool:
        from planner.services.settings import setting_id

        return (Entity.SETTING, setting_id(_TRAVEL_KEY)) in changes.updated

    def _on_database_replaced(self) -> None:
        self._reopened = False  # another file: its own last project
        self.data = None
        self._show_project(None)
        self.list_model.set_rows([])
        self.reload_all()

    def _update_state(self) -> None:
        empty = self.list_model.rowCount() == 0
        self.empty_list.setVisible(empty)
        self.list_view.setVisible(not empty)
        self.actions.update()
