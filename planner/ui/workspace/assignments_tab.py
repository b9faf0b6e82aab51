"""The 任务 tab: every assignment of the project (or of all projects), filtered and paged.

Filters: status, outlet, person, deadline range. Double-click, Enter or F2 opens a task in the
matrix's dialog. The selected tasks change status together — only statuses some of them may move to
are offered; a step back, a decline or a cancellation asks for its reason in a small form (an
empty reason is an error there, not a silent cancel), and the moves the rules refuse are explained
— and get people together (add or remove the chosen people on each, one undo step). The 项目
column shows only with 全部项目.

While the tab is hidden (another tab in front), a project switch or an edit does not read
anything: the tab remembers that it is behind and catches up when it is shown, or when anyone reads
:attr:`AssignmentsTab.model` — opening a large project saves the count and first page (~20 ms).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import Entity, Format, Role, Status
from planner.domain.errors import IllegalTransitionError, PlannerError
from planner.domain.rules import needs_reason, transition_kind
from planner.domain.timefmt import day_end, day_start
from planner.services import assignment_queries as aq
from planner.services import queries
from planner.services.commands import Delete, Macro, SetStatus
from planner.ui import shortcuts
from planner.ui.context import AppContext
from planner.ui.dates import DateField
from planner.ui.server.gates import gate_assignments_tab
from planner.ui.workspace.assignment_dialog import AssignmentDialog
from planner.ui.workspace.assignments_model import AssignmentsModel
from planner.ui.workspace.base_model import IdRole
from planner.ui.workspace.loader import Directory
from planner.ui.workspace.people_dialog import BulkPeopleDialog, PeopleDialog
from planner.ui.workspace.reason_dialog import ReasonDialog
from planner.ui.workspace.widgets import IdCombo


class AssignmentsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: uuid.UUID | None = None
        self.directory = Directory()
        #: Runs a dialog (the reason form, the people picker) and says whether it was accepted; replaceable in tests.
        self.run_dialog: Callable[[QDialog], bool] = lambda dialog: bool(dialog.exec())
        #: Shows an explanation; replaceable in tests.
        self.explain: Callable[[str], None] = lambda text: QMessageBox.information(self, self.tr("状态未全部修改"), text)
        lang = ctx.lang_code
        self.scope = QComboBox()
        self.scope.addItem(self.tr("本项目"), "project")
        self.scope.addItem(self.tr("全部项目"), "all")
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), "")
        self.status.addItem(self.tr("未完成（拟定/已确认/采制中）"), "open")
        for s in Status:
            self.status.addItem(s.label(lang), s.value)
        self.outlet = IdCombo(self.tr("全部单位"))
        self.person = IdCombo(self.tr("全部人员"))
        self.due_from = DateField()
        self.due_to = DateField()
        self.due_from.set_box.setToolTip(self.tr("只看此日及以后截稿的任务"))
        self.due_to.set_box.setToolTip(self.tr("只看此日及以前截稿的任务"))
        for w in (self.due_from, self.due_to):
            w.edit.setMinimumWidth(112)
            w.changed.connect(self.reload)
        for combo in (self.scope, self.status, self.outlet, self.person):
            combo.activated.connect(self.reload)
        self.scope.currentIndexChanged.connect(self._show_project_column)
        self.outlet.setMinimumWidth(150)
        self.person.setMinimumWidth(110)
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet("color:#b3261e")
        self.count_label = QLabel()

        self._model = AssignmentsModel(lambda: self.ctx.db, lang, parent=self)
        #: What a hidden tab still owes its model: None (up to date), "reload", or ids to re-read in place.
        self._behind: str | set[uuid.UUID] | None = None
        self._keep_behind = 0
        self.view = QTableView()
        self.view.setModel(self._model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSectionsClickable(True)
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setVisible(False)
        metrics = self.view.fontMetrics()

        def widest(labels: Any, at_least: int) -> int:  # English labels (Short video, In progress) are wider
            return max([at_least] + [metrics.horizontalAdvance(text) + 14 for text in labels])

        widths = ((0, 170), (1, 150), (2, 130), (3, widest((r.label(lang) for r in Role), 52)),
                  (4, widest((f.label(lang) for f in Format), 64)), (5, widest((s.label(lang) for s in Status), 64)),
                  (6, 92), (7, 120))
        for col, width in widths:
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_status = QComboBox()
        self.new_status.setMinimumContentsLength(6)
        self.new_status.setToolTip(self.tr("只列出所选任务可以改到的状态"))
        self.status_button = QPushButton(self.tr("改为此状态"))
        self.status_button.clicked.connect(lambda: self.bulk_set_status(Status(self.new_status.currentData())))
        self.people_button = QPushButton(self.tr("安排人员…"))
        self.people_button.clicked.connect(self.assign_people)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_selected)

        filters = QHBoxLayout()
        for w in (self.scope, self.status, self.outlet, self.person, QLabel(self.tr("截稿")), self.due_from,
                  QLabel("–"), self.due_to):
            filters.addWidget(w)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.filter_error)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("所选任务：")))
        for w in (self.new_status, self.status_button, self.people_button, self.delete_button):
            actions.addWidget(w)
        from planner.ui.assignment_views import AssignmentViews  # saved views (视图 ▾) and chosen columns

        self.views = AssignmentViews(self)
        actions.insertWidget(0, self.views.bar)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        self.keys = shortcuts.install(self.view, "assignments", {"open": self.edit_current, "delete": self.delete_selected})
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self._show_project_column()
        self._update_buttons()

    @property
    def model(self) -> AssignmentsModel:
        """The table's model, brought up to date first if the tab fell behind while hidden."""
        self.catch_up()
        return self._model

    def catch_up(self) -> None:
        """Do the reload (or in-place refresh) that was put off while the tab was hidden."""
        behind, self._behind = self._behind, None
        if behind == "reload":
            self.reload(keep=self._keep_behind)
        elif behind:
            self._model.refresh_ids(list(behind))
            self._update_buttons()

    def _put_off(self, what: str | set[uuid.UUID], keep: int = 0) -> bool:
        """While hidden, remember ``what`` instead of reading now (a reload wins over in-place refreshes)."""
        if self.isVisible():
            return False
        if what == "reload":
            if self._behind != "reload":
                self._keep_behind = keep
            self._behind = "reload"
        elif self._behind != "reload":
            self._behind = (self._behind or set()) | set(what)  # type: ignore[operator]
        return True

    def showEvent(self, event: Any) -> None:
        self.catch_up()  # before the first paint: the table never shows another project's rows
        super().showEvent(event)

    def _show_project_column(self, *_: Any) -> None:
        """The 项目 column says nothing when every row is of the one project."""
        self.view.setColumnHidden(AssignmentsModel.PROJECT, self.scope.currentData() == "project")

    # -- data ----------------------------------------------------------------------------------
    def set_directory(self, directory: Directory) -> None:
        self.directory = directory
        outlet_names = {o.id: o.display_name for o in directory.outlets}
        for combo, items in (
            (self.outlet, [(o.name, o.id, (o.short_name,), "") for o in directory.outlets]),
            (self.person, [(p.name, p.id, (), outlet_names.get(p.outlet_id, "")) for p in directory.people]),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear_items()
            combo.fill(items)
            combo.setCurrentIndex(max(0, combo.findData(keep or "")))
            combo.blockSignals(False)

    def set_project(self, project_id: uuid.UUID | None) -> None:
        self.project_id = project_id
        if not self._put_off("reload"):
            self.reload()

    def current_filter(self) -> aq.AssignmentFilter:
        """The filter the widgets describe; a bad date raises ``PlannerError``."""
        status = self.status.currentData()
        statuses: tuple[Status, ...] = ()
        if status == "open":
            statuses = (Status.PLANNED, Status.CONFIRMED, Status.IN_PROGRESS)
        elif status:
            statuses = (Status(status),)
        start = self.due_from.value()
        end = self.due_to.value()
        return aq.AssignmentFilter(
            project_id=self.project_id if self.scope.currentData() == "project" else None,
            statuses=statuses,
            outlet_id=self.outlet.current_id(field="outlet_id", what="媒体单位"),
            person_id=self.person.current_id(field="person_id", what="人员"),
            due_from=day_start(start) if start else None,
            due_to=day_end(end) if end else None,
        )

    def reload(self, *_: Any, keep: int = 0) -> None:
        if self._behind == "reload":
            self._behind = None  # this reload is the one that was owed
        if self.project_id is None and self.scope.currentData() == "project":
            self._model.clear()
            self._update_count()
            return
        try:
            flt = self.current_filter()
        except PlannerError as err:
            self.filter_error.setText(self.ctx.error_message(err))
            return
        self.filter_error.clear()
        selected = self.selected_ids()
        self._model.set_filter(flt, keep=keep)
        self._reselect(selected)
        self._update_count()

    def refresh(self, changes: Any) -> None:
        """After an edit: new or deleted rows reload the pages loaded so far; edits repaint in place."""
        if any(e in (Entity.ASSIGNMENT, Entity.STAGE, Entity.PROJECT) for e, _ in (*changes.created, *changes.deleted)):
            if not self._put_off("reload", keep=self._model.loaded()):
                self.reload(keep=self._model.loaded())
        else:
            ids = [i for e, i in changes.updated if e is Entity.ASSIGNMENT]
            if not self._put_off(set(ids)):
                self._model.refresh_ids(ids)
                self._update_buttons()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 {n} 项任务").format(n=self._model.total))
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------------
    def selected_ids(self) -> list[uuid.UUID]:
        self.catch_up()  # every action on the selection starts here: it acts on current rows
        return [i.data(IdRole) for i in self.view.selectionModel().selectedRows()]

    def _reselect(self, ids: list[uuid.UUID]) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        sel = QItemSelection()
        for aid in ids:
            idx = self._model.index_of(aid)
            if idx.isValid():
                sel.select(idx, self._model.index(idx.row(), self._model.columnCount() - 1))
        self.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_id(self, assignment_id: uuid.UUID, max_rows: int = 20000) -> bool:
        """Select an assignment, fetching pages until it is loaded (bounded)."""
        self.catch_up()
        while not self._model.index_of(assignment_id).isValid() and self._model.canFetchMore() and self._model.loaded() < max_rows:
            self._model.fetchMore()
        index = self._model.index_of(assignment_id)
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def _update_buttons(self, *_: Any) -> None:
        n = len(self.selected_ids())
        self.delete_button.setEnabled(n > 0)
        self.people_button.setEnabled(n > 0)
        self._fill_targets()
        gate_assignments_tab(self)  # a shared server's role has the last word

    def _fill_targets(self) -> None:
        """Offer the statuses some selected task may move to (never one they all have already)."""
        rows = [r for r in (self._model.row_by_id(i) for i in self.selected_ids()) if r is not None]
        offered = [s for s in Status if any(transition_kind(r.status, s) != "illegal" for r in rows)]
        keep = self.new_status.currentData()
        self.new_status.blockSignals(True)
        self.new_status.clear()
        for s in offered:
            self.new_status.addItem(s.label(self.ctx.lang_code), s.value)
        self.new_status.setCurrentIndex(max(0, self.new_status.findData(keep)))
        self.new_status.blockSignals(False)
        self.new_status.setEnabled(bool(offered))
        self.status_button.setEnabled(bool(offered))

    def _on_header_clicked(self, section: int) -> None:
        if section == AssignmentsModel.DUE:
            self._model.set_filter(descending=not self._model.descending)

    # -- edits ---------------------------------------------------------------------------------
    def bulk_set_status(self, target: Status, reason: str | None = None) -> bool:
        rows = [r for r in (self._model.row_by_id(i) for i in self.selected_ids()) if r is not None]
        if not rows:
            return False
        lang = self.ctx.lang_code
        legal = [r for r in rows if transition_kind(r.status, target) != "illegal"]
        refused = [r for r in rows if r not in legal]
        where = "（{}）" if lang == "zh" else " ({})"
        notes = [self.ctx.error_message(IllegalTransitionError(field="status", src=r.status, dst=target))
                 + where.format(f"{r.outlet_name} · {r.stage_title}") for r in refused[:8]]
        if refused:
            more = len(refused) - len(notes)
            if more > 0:
                notes.append(self.tr("……另有 {n} 项").format(n=more))
        if legal:
            label = self.tr("{n} 项任务改为“{status}”").format(n=len(legal), status=target.label(lang))

            def command(why: str) -> SetStatus:
                return SetStatus([r.id for r in legal], target, reason=why, text=label)

            if any(needs_reason(r.status, target) for r in legal) and not (reason or "").strip():
                prompt = self.tr("改为“{status}”需要说明原因：").format(status=target.label(lang))
                if not self.run_dialog(ReasonDialog(self.ctx, prompt, command, self)):
                    return False
            elif self.ctx.push(command(reason or "")) is None:
                return False
        if notes:
            self.explain(self.tr("以下任务不能改为“{status}”：").format(status=target.label(lang)) + "\n" + "\n".join(notes))
        return bool(legal)

    def edit_current(self) -> AssignmentDialog | None:
        """Open the task under the cursor in the matrix's dialog (double-click, Enter, F2)."""
        index = self.view.currentIndex()
        aid = index.data(IdRole) if index.isValid() else None
        if aid is None:
            ids = self.selected_ids()
            aid = ids[0] if ids else None
        return self.edit_assignment(aid) if aid is not None else None

    def edit_assignment(self, assignment_id: uuid.UUID, *, open_dialog: bool = True) -> AssignmentDialog | None:
        found = queries.load_assignments_by_id(self.ctx.db, [assignment_id])
        if not found:
            return None
        row = found[0]
        listed = self._model.row_by_id(assignment_id)
        project_id = listed.project_id if listed is not None else self.project_id
        stage = next((s for s in queries.load_stages(self.ctx.db, project_id) if s.id == row.stage_id), None) \
            if project_id is not None else None
        outlet = self.directory.outlet(row.outlet_id) or next(iter(queries.list_outlets(self.ctx.db, ids=[row.outlet_id])), None)
        if stage is None or outlet is None:
            return None
        dialog = AssignmentDialog(self.ctx, stage, outlet, self.directory.people_of(outlet.id), row, parent=self)
        if open_dialog:
            dialog.exec()
        return dialog

    def assign_people(self) -> QDialog | None:
        """People for the selected tasks: one task's people, or add/remove people on many at once."""
        rows = [r for r in (self._model.row_by_id(i) for i in self.selected_ids()) if r is not None]
        if not rows:
            return None
        if len(rows) == 1:
            row = rows[0]
            people = self.directory.people_of(row.outlet_id)
            dialog: QDialog = PeopleDialog(self.ctx, row.id, f"{row.outlet_name} · {row.stage_title}", people,
                                           row.person_ids, self)
        else:
            dialog = BulkPeopleDialog(self.ctx, rows, self.directory.people, self.directory.outlets, self)
        self.run_dialog(dialog)
        return dialog

    def delete_selected(self, confirm: bool = True) -> None:
        rows = [r for r in (self._model.row_by_id(i) for i in self.selected_ids()) if r is not None]
        if not rows:
            return
        if confirm and QMessageBox.question(
            self, self.tr("删除任务"), self.tr("删除所选 {n} 项任务？可以撤销。").format(n=len(rows))
        ) != QMessageBox.StandardButton.Yes:
            return
        steps = [Delete(Entity.ASSIGNMENT, r.id, expected_version=r.version) for r in rows]
        self.ctx.push(Macro(steps, text=self.tr("删除 {n} 项任务").format(n=len(rows))))


