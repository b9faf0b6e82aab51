"""The 项目 menu of the workspace: new, from template, edit, duplicate, delete, new stage.

The main window adds these actions to itself, so their keys work on every page from the start; an
action used from another page first brings the projects page forward (``page.reveal_requested``).
新建项目 has no key of its own: Ctrl+N is the window's 新建, which asks the page in front.

The dialogs and commands are imported when an action runs: at start-up they cost the first paint
~20 ms of CPU for screens nobody has opened yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from planner.domain.enums import Entity
from planner.ui.server.roles import may_create_projects, may_plan

if TYPE_CHECKING:
    from planner.ui.workspace.page import ProjectsPage


class ProjectActions:
    """Owns the actions; the page enables them as the selection changes."""

    def __init__(self, page: ProjectsPage) -> None:
        self.page = page
        self.new = self._action(QCoreApplication.translate("ProjectActions", "新建项目…"), self.new_project)
        # Ctrl+Shift+N is 文件 ▸ 新建数据库: two actions on one key in a window fire neither
        self.from_template = self._action(QCoreApplication.translate("ProjectActions", "从模板新建…"), self.new_from_template, "Ctrl+Shift+M")
        self.emergency = self._action(QCoreApplication.translate("ProjectActions", "新建突发联动…"), self.new_emergency, "Ctrl+Shift+U")
        self.suggest = self._action(QCoreApplication.translate("ProjectActions", "补位建议"), self.show_suggestions, "Ctrl+Shift+B")
        self.edit = self._action(QCoreApplication.translate("ProjectActions", "编辑项目…"), self.edit_project, "Ctrl+Shift+E")
        self.duplicate = self._action(QCoreApplication.translate("ProjectActions", "复制项目…"), self.duplicate_project, "Ctrl+Shift+D")
        self.delete = self._action(QCoreApplication.translate("ProjectActions", "删除项目…"), self.delete_project)
        self.new_stage = self._action(QCoreApplication.translate("ProjectActions", "新建环节…"), self.add_stage, "Ctrl+Shift+T")
        self.separator = QAction(page)
        self.separator.setSeparator(True)

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.page)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda *_: (self.page.reveal_requested.emit(), slot()))  # type: ignore[operator]
        return action

    def all(self) -> list[QAction]:
        return [self.new, self.from_template, self.edit, self.duplicate, self.delete, self.emergency, self.separator,
                self.new_stage, self.suggest]

    def update(self) -> None:
        row = self.page.current_project()
        may = row is not None and may_plan(self.page.ctx, row)  # a shared server's role (always on a file)
        for a in (self.edit, self.delete, self.new_stage, self.suggest):
            a.setEnabled(may)
        self.emergency.setEnabled(may_create_projects(self.page.ctx))
        self.duplicate.setEnabled(row is not None and may_create_projects(self.page.ctx))

    # -- slots ---------------------------------------------------------------------------------
    def new_project(self) -> None:
        from planner.ui.workspace.project_dialog import ProjectDialog

        dialog = ProjectDialog(self.page.ctx, self.page.directory, parent=self.page)
        if dialog.exec() and dialog.result_changes is not None:
            self.page.select_after_load(dialog.result_changes.row.id)

    def new_from_template(self) -> None:
        from planner.ui.workspace.template_dialog import TemplateDialog

        dialog = TemplateDialog(self.page.ctx, self.page.directory, parent=self.page)
        if dialog.exec() and dialog.result_changes is not None:
            self.page.select_after_load(dialog.result_changes.row.id)

    def new_emergency(self) -> None:
        """新建突发联动: a place and a time → a staffed emergency plan (:mod:`planner.ui.suggest.emergency`)."""
        from planner.ui.suggest.emergency import EmergencyDialog

        dialog = EmergencyDialog(self.page.ctx, self.page.directory, parent=self.page)
        if dialog.exec() and dialog.created_id is not None:
            self.page.select_after_load(dialog.created_id)
            self.page.tabs.setCurrentWidget(self.page.matrix_tab)

    def show_suggestions(self) -> None:
        """补位建议: the matrix with the panel, suggestions asked for the selected project."""
        if self.page.current_project() is not None:
            self.page.tabs.setCurrentWidget(self.page.matrix_tab)
            self.page.matrix_tab.show_side_panel()
            self.page.suggest_panel.ask()

    def edit_project(self) -> None:
        from planner.ui.workspace.project_dialog import ProjectDialog

        row = self.page.current_project()
        if row is not None:
            ProjectDialog(self.page.ctx, self.page.directory, row, parent=self.page).exec()

    def duplicate_project(self, title: str | None = None) -> None:
        from planner.ui.workspace.commands import DuplicateProject

        row = self.page.current_project()
        if row is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(
                self.page, QCoreApplication.translate("ProjectActions", "复制项目"), QCoreApplication.translate("ProjectActions", "新项目的标题："), QLineEdit.EchoMode.Normal,
                QCoreApplication.translate("ProjectActions", "{title}（副本）").format(title=row.title),
            )
            if not ok:
                return
        command = DuplicateProject(source_id=row.id, fields={"title": title},
                                   text=QCoreApplication.translate("ProjectActions", "复制项目“{title}”").format(title=row.title))
        changes = self.page.ctx.push(command)
        if changes is not None:
            self.page.select_after_load(changes.row.id)

    def delete_project(self, confirm: bool = True) -> None:
        from planner.services.commands import Delete

        row = self.page.current_project()
        if row is None:
            return
        if confirm and QMessageBox.question(
            self.page, QCoreApplication.translate("ProjectActions", "删除项目"),
            QCoreApplication.translate("ProjectActions", "删除项目“{title}”及其全部环节和任务？可以撤销。").format(title=row.title),
        ) != QMessageBox.StandardButton.Yes:
            return
        self.page.ctx.push(Delete(Entity.PROJECT, row.id, expected_version=row.version,
                                  text=QCoreApplication.translate("ProjectActions", "删除项目“{title}”").format(title=row.title)))

    def add_stage(self) -> None:
        if self.page.current_project() is not None:
            self.page.tabs.setCurrentWidget(self.page.stages_tab)
            self.page.stages_tab.add_stage()
