"""The main window: left navigation over the pages (projects, outlets, alliances, people, graph,
schedule),
the menus (File, Edit, Project, View, Help), the toolbar with global search, a non-blocking
message bar for ``ctx.failed`` and a status bar with counts.

Pages are created the first time they are shown, so start-up only pays for the first one (the
projects page, whose 项目 menu actions are added to the window at once). Every menu action is added
to the window itself, so its key works from the start and not only once its menu has been opened;
no key is bound twice (:mod:`planner.ui.shortcuts` checks it, and F1 lists what exists). Ctrl+N
(新建) and F5 (刷新) ask the page in front: ``new_item()`` and ``refresh()``. The
projects workspace, the graph page, the export dialog and the exchange actions come from
``planner.ui.workspace``, ``planner.ui.graph``, ``planner.ui.export`` and ``planner.ui.exchange``.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.ui import prefs, shortcuts, window_fit
from planner.ui.context import AppContext
from planner.ui.exchange import install_exchange_actions
from planner.ui.export import install_print_action
from planner.ui.file_actions import FileActions
from planner.ui.message_bar import MessageBar
from planner.ui.search import SearchBox
from planner.ui.server.connect import install_connect_action
from planner.ui.server.gates import new_item_reason
from planner.ui.workers import Worker

APP_NAME_ZH = "联合报道策划"


class MainWindow(QMainWindow):
    PAGES = ("projects", "outlets", "alliances", "people", "graph", "schedule")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pages: dict[str, QWidget] = {}
        self.restart_requested = False
        self.setMinimumSize(QSize(960, 600))
        window_fit.place_centred(self, window_fit.default_size(self, QSize(1280, 760)))  # frame included
        self._fitted = False
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(132)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("#nav { font-size: 14px; } #nav::item { padding: 8px 6px; }")
        style = self.style()
        icons = {
            "projects": QStyle.StandardPixmap.SP_FileDialogDetailedView,
            "outlets": QStyle.StandardPixmap.SP_DriveNetIcon,
            "alliances": QStyle.StandardPixmap.SP_DirLinkIcon,
            "people": QStyle.StandardPixmap.SP_FileDialogContentsView,
            "graph": QStyle.StandardPixmap.SP_BrowserReload,
            "schedule": QStyle.StandardPixmap.SP_FileDialogListView,
        }
        self.page_titles = {
            "projects": self.tr("项目"), "outlets": self.tr("媒体单位"), "alliances": self.tr("联合体"),
            "people": self.tr("人员"), "graph": self.tr("协作图谱"), "schedule": self.tr("日程"),
        }
        self.stack = QStackedWidget()
        self._holders: dict[str, QWidget] = {}
        for key in self.PAGES:
            item = QListWidgetItem(style.standardIcon(icons[key]), self.page_titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[key] = holder
            self.stack.addWidget(holder)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav_font = QFont(self.nav.font())
        nav_font.setPixelSize(14)  # as in the style sheet
        widest = max(QFontMetrics(nav_font).horizontalAdvance(t) for t in self.page_titles.values())
        self.nav.setFixedWidth(max(132, widest + 20 + 48))  # icon, padding: English titles are longer
        self.nav.currentRowChanged.connect(self._on_nav_changed)

        self.message_bar = MessageBar()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 0)
        right_layout.addWidget(self.message_bar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.files = FileActions(ctx, self)
        self.files.opened.connect(self._on_database_opened)
        self.search = SearchBox(ctx, self)
        self.search.install_shortcuts(self)
        self._build_menus()
        self._build_toolbar()
        self.status_counts = QLabel()
        self.status_desk = QLabel()
        self.status_desk.setObjectName("statusDesk")  # set apart from the due counts beside it
        self.status_desk.setStyleSheet("#statusDesk { border-left: 1px solid #b0b0b0; padding: 0 6px 0 8px; }")
        self.statusBar().addWidget(self.status_counts, 1)
        from planner.ui.schedule import install as install_day

        install_day(self)  # due counts beside the desk, deadline reminders, tray icon
        self.statusBar().addPermanentWidget(self.status_desk)
        self._counts_worker: Worker | None = None
        self._counts_again = False
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(250)
        self._counts_timer.timeout.connect(self.update_status)

        ctx.failed.connect(self.message_bar.show_message)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.database_replaced.connect(self._on_database_replaced)
        ctx.navigate_requested.connect(self.navigate)
        from planner.ui.server import install as install_server_features

        self.server = install_server_features(self)  # accounts, roles, live updates (inert on a file)
        self.update_title()
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self._closed = False
        self._counts_timer.start(200)  # after the first paint

    # -- pages ---------------------------------------------------------------------------------
    def _make_page(self, key: str) -> QWidget:
        if key == "projects":
            from planner.ui.workspace import ProjectsPage

            return ProjectsPage(self.ctx)
        if key == "graph":
            from planner.ui.graph import GraphPage

            return GraphPage(self.ctx)
        if key == "schedule":
            from planner.ui.schedule import SchedulePage

            return SchedulePage(self.ctx)
        from planner.ui.directory import AlliancesPage, OutletsPage, PeoplePage

        page_cls = {"outlets": OutletsPage, "alliances": AlliancesPage, "people": PeoplePage}[key]
        page = page_cls(self.ctx)
        if key == "outlets":
            page.graph_requested.connect(self.show_outlet_in_graph)  # type: ignore[attr-defined]
        return page

    def page(self, key: str) -> QWidget:
        """The page for ``key``, created on first use."""
        if key not in self._pages:
            page = self._make_page(key)
            if getattr(self, "server", None) is not None:  # pages made while building the menus: see install
                self.server.page_made(key, page)
            self._pages[key] = page
            self._holders[key].layout().addWidget(page)
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.PAGES.index(key))
        return self.page(key)

    def current_page_key(self) -> str:
        return self.PAGES[max(0, self.nav.currentRow())]

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.PAGES[row]
        self.page(key)
        self.stack.setCurrentIndex(row)
        if hasattr(self, "new_action"):
            self._update_page_actions()

    # -- navigation ----------------------------------------------------------------------------
    def navigate(self, kind: str, item_id: Any) -> None:
        """Show the item ``kind``/``item_id`` (from search, findings or other pages)."""
        if kind in ("project", "stage", "assignment"):
            page = self.show_page("projects")
            show = getattr(page, "show_item", None)
            if show is not None:
                show(kind, item_id)
            return
        key = {"outlet": "outlets", "person": "people", "alliance": "alliances"}.get(kind)
        if key is None:
            return
        page = self.show_page(key)
        select = getattr(page, "select_id", None)
        if select is not None and isinstance(item_id, uuid.UUID):
            select(item_id)

    def show_outlet_in_graph(self, outlet_id: uuid.UUID) -> None:
        page = self.show_page("graph")
        show = getattr(page, "show_outlet", None)
        if show is not None:
            show(outlet_id)

    # -- menus ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.file_menu = file_menu
        file_menu.addAction(self.files.new_action)
        file_menu.addAction(self.files.open_action)
        file_menu.addMenu(self.files.recent_menu)
        install_connect_action(file_menu, self.files, self)  # 连接服务器… after 打开…; servers in 最近文件
        file_menu.addSeparator()
        file_menu.addAction(self.files.copy_action)
        file_menu.addAction(self.files.restore_action)
        file_menu.addSeparator()
        self._directory_load: Any = None
        self.directory_action = self._add(file_menu, self.tr("载入联合体名录…"), lambda: self.directory_load.ask_and_run())
        self.directory_action.setEnabled(not self.ctx.db.read_only)
        self.export_action = self._add(file_menu, self.tr("导出文档…"), self.open_export, QKeySequence("Ctrl+E"))
        self.print_action = install_print_action(file_menu, self)  # 打印任务单 (Ctrl+P), planner.ui.export
        install_exchange_actions(file_menu, self.ctx, self)
        file_menu.addSeparator()
        self._add(file_menu, self.tr("设置…"), self.open_settings, QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        quit_action = self._add(file_menu, self.tr("退出"), self.close, QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.edit_menu = edit_menu
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.new_action = self._add(edit_menu, self.tr("新建…"), self.new_item, QKeySequence("Ctrl+N"))
        self.new_action.setProperty("help_text", self.tr("在当前页新建（项目、媒体单位、联合体、人员）"))
        edit_menu.addSeparator()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._add(edit_menu, self.tr("查找…"), self.search.focus_search)

        self.project_menu = bar.addMenu(self.tr("项目(&P)"))
        page = self.page("projects")
        reveal = getattr(page, "reveal_requested", None)
        if reveal is not None:
            reveal.connect(lambda: self.show_page("projects"))
        for action in page.menu_actions():  # type: ignore[attr-defined]
            self.project_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.view_menu = view_menu
        for i, key in enumerate(self.PAGES):
            self._add(view_menu, self.page_titles[key], lambda _c=False, k=key: self.show_page(k),
                      QKeySequence(f"Ctrl+{i + 1}"))
        view_menu.addSeparator()
        self.refresh_action = self._add(view_menu, self.tr("刷新"), self.refresh_page, QKeySequence("F5"))

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.help_menu = help_menu
        self._add(help_menu, self.tr("键盘快捷键"), self.show_shortcuts, QKeySequence("F1"))
        self._add(help_menu, self.tr("关于"), self.show_about)
        # a key works only when its action is on a shown widget: menus are not, until opened
        for menu in (file_menu, edit_menu, self.project_menu, view_menu, help_menu):
            self._add_to_window(menu)

    @property
    def directory_load(self) -> Any:
        """文件 ▸ 载入联合体名录… (:class:`planner.ui.onboarding.DirectoryLoad`), made on first use:
        start-up need not import the onboarding dialogs."""
        if self._directory_load is None:
            from planner.ui.onboarding import DirectoryLoad

            self._directory_load = DirectoryLoad(self.ctx, self)
        return self._directory_load

    def _add_to_window(self, menu: Any) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                self._add_to_window(action.menu())
            elif not action.isSeparator():
                self.addAction(action)

    def _add(self, menu: Any, text: str, slot: Callable[..., Any], shortcut: QKeySequence | None = None) -> QAction:
        # explicit keys, not QKeySequence.StandardKey: platform themes add their own (KDE binds
        # Refresh to Ctrl+R too), and the keys must be the same on every desk and in the README
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # -- page-wide actions ---------------------------------------------------------------------
    def new_item(self) -> None:
        """新建 (Ctrl+N): a new item of the page in front."""
        make = getattr(self.page(self.current_page_key()), "new_item", None)
        if make is not None:
            make()

    def refresh_page(self) -> None:
        """刷新 (F5): the page in front reads its data again."""
        refresh = getattr(self.page(self.current_page_key()), "refresh", None)
        if refresh is not None:
            refresh()

    def _update_page_actions(self) -> None:
        key = self.current_page_key()
        texts = {"projects": self.tr("新建项目…"), "outlets": self.tr("新建媒体单位…"),
                 "alliances": self.tr("新建联合体…"), "people": self.tr("新建人员…"),
                 "schedule": self.tr("登记不在岗时段…")}
        self.new_action.setText(texts.get(key, self.tr("新建…")))
        why = new_item_reason(self.ctx, key)  # a shared server's role (nothing on a file)
        self.new_action.setEnabled(key in texts and not why)
        self.new_action.setToolTip(why)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("工具栏"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.addAction(self.undo_action)
        tb.addAction(self.redo_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addWidget(self.search)

    # -- actions -------------------------------------------------------------------------------
    def open_export(self) -> None:
        from planner.ui.export import open_export_dialog

        page = self._pages.get("projects")
        project_id = page.current_project_id() if page is not None else None  # type: ignore[attr-defined]
        open_export_dialog(self.ctx, self, project_id=project_id)

    def open_settings(self) -> None:
        from planner.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        if dialog.exec() and dialog.language_changed:
            self.update_status()
            answer = QMessageBox.question(self, self.tr("界面语言"), self.tr("新的界面语言将在重新启动后生效。现在重新启动吗？"))
            if answer == QMessageBox.StandardButton.Yes:
                self.restart()
        else:
            self.update_status()

    def restart(self) -> None:
        """Close the window; :func:`planner.ui.app.run` starts a new process once the database is
        closed (its lock released), on the same file."""
        self.restart_requested = True
        self.close()

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """What F1 shows: every menu key, the search keys, and each page's keys (from the same
        actions and table that bind them)."""
        search = [(" / ".join(shortcuts.native(k) for k in ("Ctrl+K", "Ctrl+F")), self.tr("全局搜索（支持拼音首字母）"))]
        return shortcuts.help_rows([self.file_menu, self.edit_menu, self.project_menu, self.view_menu, self.help_menu],
                                   search)

    def show_shortcuts(self) -> QDialog:
        """F1: every key, grouped by menu and by the part of a page it acts in (scrolls at 768 px)."""
        parts = []
        for title, rows in self.shortcut_sections():
            parts.append(f"<tr><td colspan=2 style='padding-top:8px'><b>{html.escape(title)}</b></td></tr>")
            parts += [f"<tr><td style='padding-right:16px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
                      for k, v in rows]
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("键盘快捷键"))
        text = QTextBrowser()
        text.setHtml("<table>" + "".join(parts) + "</table>")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(dialog.reject)
        box = QVBoxLayout(dialog)
        box.addWidget(text, 1)
        box.addWidget(close)
        dialog.resize(560, min(640, max(400, self.height() - 80)))
        self.shortcut_dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("关于"),
            self.tr("联合报道策划 —— 川渝媒体联合体的联合报道离线策划工具。\n当前数据库：{path}").format(path=self.ctx.db.label),
        )

    # -- state ---------------------------------------------------------------------------------
    def app_name(self) -> str:
        return self.tr("联合报道策划")

    def update_title(self) -> None:
        db = self.ctx.db
        suffix = self.tr("（只读）") if db.read_only else ""
        self.setWindowTitle(f"{db.label}{suffix} — {self.app_name()}")

    def update_status(self) -> None:
        """Refresh the counts (read on the database thread: on 200,000 assignments a count takes
        ~0.1 s, which must not hold up painting) and the desk identity."""
        if self._closed:
            return
        desk = self.ctx.db.login or self.ctx.db.setting("desk.editor") or self.ctx.db.setting("desk.outlet_name")
        self.status_desk.setText(self.tr("本席：{desk}").format(desk=self.ctx.db.desk) if desk else self.tr("本席未设置（文件 ▸ 设置）"))
        if self._counts_worker is not None:
            self._counts_again = True
            return
        from planner.services.queries import counts  # the tables: after the first paint (this runs later)

        db = self.ctx.db
        worker = Worker(lambda _progress: counts(db))
        worker.signals.finished.connect(self._on_counts)
        worker.signals.failed.connect(lambda _exc: self._on_counts(None))
        worker.signals.cancelled.connect(lambda: self._on_counts(None))
        self._counts_worker = worker
        self.ctx.start(worker, database=True)

    def _on_counts(self, counts: dict[str, int] | None) -> None:
        self._counts_worker = None
        if counts is not None:
            self.status_counts.setText(
                self.tr("项目 {projects} · 环节 {stages} · 任务 {assignments} · 媒体单位 {outlets} · 联合体 {alliances} · 人员 {people}").format(**counts)
            )
        if self._counts_again:
            self._counts_again = False
            self.update_status()

    def _on_ctx_changed(self, _changes: Changes) -> None:
        self._counts_timer.start(250)

    def _on_database_replaced(self) -> None:
        self.update_title()
        self._counts_timer.start(250)

    def _on_database_opened(self, label: str) -> None:
        self.update_title()
        self.message_bar.show_message(self.tr("已打开：{label}").format(label=label), 5000, error=False)

    def _restore_geometry(self) -> None:
        geometry = prefs.store().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the first show: once framed, the whole window must be on the screen
            self._fitted = True
            window_fit.check_after_show(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        s = prefs.store()
        s.setValue("window/geometry", self.saveGeometry())
        s.sync()
        self._closed = True
        self._counts_timer.stop()
        self.server.stop()
        self.ctx.wait_for_workers()
        super().closeEvent(event)
