"""The shared-server part of the app: signing in, what the signed-in role may do, live updates.

Everything here is inert on a database file. On a server, :func:`install` (called once by the main
window) shows who is signed in with which role, hides what the role cannot do, starts the live
updates (other editors' changes refresh the screens within a second, marked 刚由 X 修改), and
shows who else is in the same project and what they are editing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from planner.ui.server import gates
from planner.ui.server.roles import gate_page

if TYPE_CHECKING:
    from planner.ui.server.live import LiveUpdates


class ServerFeatures(QObject):
    """The server features of one main window (see the module docstring)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self._live: LiveUpdates | None = None  # made when a server is opened (see live)
        self.role_label = QLabel()
        self.role_label.setObjectName("serverRole")
        self.presence_label = QLabel()
        self.presence_label.setObjectName("serverPresence")
        self.presence_label.setTextFormat(Qt.TextFormat.PlainText)
        bar = window.statusBar()
        bar.addPermanentWidget(self.presence_label)
        bar.addPermanentWidget(self.role_label)
        self.ctx.database_replaced.connect(self._on_database_replaced)
        self._db: Any = None
        self._projects_page: QWidget | None = None
        #: project id → coordinator person id, from the project list (what a coordinator may plan)
        self.coordinators: dict[Any, Any] = {}
        self._on_database_replaced()

    @property
    def live(self) -> LiveUpdates:
        """The live updates of a server database, made (and their modules imported) on first use:
        on a file they never run, and importing them cost the start-up ~10 ms."""
        if self._live is None:
            from planner.ui.server.live import LiveUpdates

            window = self.window
            self._live = LiveUpdates(self.ctx, self)
            self._live.announced.connect(lambda text: window.message_bar.show_message(text, 8000, error=False))
            self._live.presence_changed.connect(self.update_presence)
        return self._live

    @property
    def on_server(self) -> bool:
        return not self.ctx.db.is_sqlite

    def _on_database_replaced(self) -> None:
        if self.ctx.db is self._db:
            return  # a live "reload everything" about the same database
        self.stop()
        self._db = self.ctx.db
        account = getattr(self.ctx.db, "account", None)
        self.role_label.setVisible(account is not None)
        self.presence_label.setVisible(self.on_server)
        if account is not None:  # the status bar already names the editor (本席：…): add the role
            self.role_label.setText(self.tr("角色：{role}").format(role=account.role.label(self.ctx.lang_code)))
            self.role_label.setToolTip(account.refusal(self.ctx.lang_code))
        if self.on_server:
            self.live.start()
        self.coordinators.clear()
        self.regate()
        self.update_presence()

    def regate(self) -> None:
        """Apply the signed-in role (or none: a file) to every page made so far."""
        for key, page in list(getattr(self.window, "_pages", {}).items()):
            gate_page(key, page, self.ctx)
            if key == "schedule":
                gates.gate_schedule_page(page)
        page = self._projects_page
        if page is not None:
            self._learn_coordinators()
            page.stages_tab._update_buttons()  # type: ignore[attr-defined]
            if (tab := page.built_tab("assignments")) is not None:  # type: ignore[attr-defined]
                tab._update_buttons()  # made on first use: gated then
            if (matrix := page.built_tab("matrix")) is not None:  # type: ignore[attr-defined]
                gates.gate_matrix_tab(matrix)  # made after the first paint: gated then
            self._follow_project()
        gates.gate_file_menu(self.window)
        update = getattr(self.window, "_update_page_actions", None)
        if update is not None and hasattr(self.window, "new_action"):
            update()

    def _learn_coordinators(self) -> None:
        page = self._projects_page
        if page is not None:
            self.coordinators = {s.project.id: s.project.coordinator_id
                                 for s in page.list_model.rows()}  # type: ignore[attr-defined]

    def page_made(self, key: str, page: QWidget) -> None:
        """Called by the main window for each page it creates (pages are made on first use)."""
        gate_page(key, page, self.ctx)
        if key == "schedule":
            gates.gate_schedule_page(page)
        if key == "projects":
            self._projects_page = page
            page.projects_loaded.connect(self._on_projects_loaded)  # type: ignore[attr-defined]
            selection = page.list_view.selectionModel()  # type: ignore[attr-defined]
            selection.selectionChanged.connect(self._follow_project)
            self._learn_coordinators()
            self._follow_project()

    def _on_projects_loaded(self) -> None:
        """The project list (and so who coordinates what) is new: the tabs' buttons follow it."""
        self._learn_coordinators()
        page = self._projects_page
        if page is not None and gates.account_of(self.ctx) is not None:
            page.stages_tab._update_buttons()  # type: ignore[attr-defined]
            if (tab := page.built_tab("assignments")) is not None:  # type: ignore[attr-defined]
                tab._update_buttons()  # made on first use: gated then

    def _follow_project(self, *_: Any) -> None:
        page = self._projects_page
        if page is None:
            return
        overview = getattr(page, "overview_tab", None)
        if overview is not None and hasattr(overview, "edit_button"):
            project = page.current_project()  # type: ignore[attr-defined]
            why = gates.reason(self.ctx, gates.Act.PLAN, coordinator_id=project.coordinator_id) if project else ""
            overview.edit_button.setEnabled(project is not None and not why)
            overview.edit_button.setToolTip(why)
        if self.on_server:
            self.live.set_project(page.current_project_id())  # type: ignore[attr-defined]

    def update_presence(self) -> None:
        if not self.on_server:
            self.presence_label.clear()
            return
        others = self.live.others_here()
        if not others:
            self.presence_label.setText("")
            self.presence_label.setToolTip("")
            return
        names = "、".join(n.who for n in others[:3]) + ("…" if len(others) > 3 else "")
        text = self.tr("同在此项目：{names}").format(names=names)
        lines = []
        for note in others:
            if note.editing is not None:
                what = self._title_of(*note.editing)
                lines.append(self.tr("{who} 正在编辑“{what}”").format(who=note.who, what=what))
        if lines:
            text += " · " + lines[0]
        self.presence_label.setText(text)
        self.presence_label.setToolTip("\n".join([n.who for n in others] + lines))

    def _title_of(self, kind: str, record_id: Any) -> str:
        """A person's name for what a colleague is editing (its title if this screen has it)."""
        page = self._projects_page
        if page is not None:
            if kind == "stage":
                row = page.stages_tab.model.row_by_id(record_id)  # type: ignore[attr-defined]
                if row is not None:
                    return str(row.title)
            if kind == "project":
                current = page.current_project()  # type: ignore[attr-defined]
                if current is not None and current.id == record_id:
                    return str(current.title)
        labels = {"stage": self.tr("环节"), "assignment": self.tr("任务"), "project": self.tr("项目")}
        return labels.get(kind, kind)

    def stop(self) -> None:
        """End the live updates (the window is closing, or another database was opened)."""
        if self._live is not None:
            self._live.stop()


def install(window: Any) -> ServerFeatures:
    """Give ``window`` the server features (inert while a file is open)."""
    features = ServerFeatures(window)
    window.ctx.server_features = features
    for key, page in list(getattr(window, "_pages", {}).items()):  # made before the features existed
        features.page_made(key, page)
    return features


#: the edit dialogs whose record others see as "X 正在编辑" (by class name: no import of the pages)
EDITING_KINDS = {"StageDialog": "stage", "AssignmentDialog": "assignment", "ProjectDialog": "project"}


def editing_started(ctx: Any, dialog: Any, record_id: Any) -> None:
    """An edit dialog opened on an existing record: tell the others (advisory: it never blocks)."""
    features = getattr(ctx, "server_features", None)
    kind = EDITING_KINDS.get(type(dialog).__name__)
    if features is not None and features.on_server and kind and record_id is not None:
        features.live.set_editing(kind, record_id)
    gates.gate_dialog(ctx, dialog)  # lock what the role may not change (all of it, and 保存, if nothing)


def editing_ended(ctx: Any) -> None:
    features = getattr(ctx, "server_features", None)
    if features is not None and features.on_server:
        features.live.set_editing(None, None)
