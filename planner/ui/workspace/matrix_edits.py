"""Planning on the 覆盖矩阵: assigning, opening, adding and deleting the pieces of a cell.

:class:`MatrixEdits` belongs to one :class:`~planner.ui.workspace.matrix_tab.MatrixTab` and acts
on what it shows (``tab.data``, ``tab.directory``, ``tab.view``). Every change is one undoable
command pushed through the context; the cell it touched is selected once the matrix has reloaded
(:attr:`MatrixEdits.select_after`), and a piece deleted here and brought back by undo selects its
cell again. On a shared server a role that may not plan the project is told why instead.

Its strings are translated under the context ``MatrixEdits`` (``self.tr``).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu

from planner.domain.enums import ACTIVE_STATUSES, Entity, Format, Role
from planner.domain.rows import AssignmentRow, OutletRow, StageRow
from planner.services.commands import Create, Delete, Macro
from planner.ui.notify import notify
from planner.ui.server.gates import Act, plan_refusal, refuse
from planner.ui.workspace.assignment_dialog import AssignmentDialog

if TYPE_CHECKING:
    from planner.ui.workspace.matrix_tab import MatrixTab


class MatrixEdits(QObject):
    """The matrix tab's edits (a child of the tab; its public calls are the tab's own too)."""

    def __init__(self, tab: MatrixTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.ctx = tab.ctx
        # the cell to select after the next reload (a piece was just made, opened or deleted there)
        self.select_after: tuple[uuid.UUID, uuid.UUID] | None = None
        self.deleted: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID]] = {}  # pieces deleted here -> their cell
        self.ctx.changed.connect(self._on_changed)

    def _stage(self, stage_id: uuid.UUID) -> StageRow | None:
        return next((s for s in self.tab.data.plan.stages if s.id == stage_id), None) if self.tab.data else None

    def _outlet(self, outlet_id: uuid.UUID) -> OutletRow | None:
        if self.tab.data is None:
            return None
        return self.tab.directory.outlet(outlet_id) or self.tab.data.plan.outlets.get(outlet_id)

    def pieces_of(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> list[AssignmentRow]:
        """The outlet's pieces on the stage, live ones first (declined and cancelled after)."""
        if self.tab.data is None:
            return []
        found = [a for a in self.tab.data.plan.assignments if a.stage_id == stage_id and a.outlet_id == outlet_id]
        return sorted(found, key=lambda a: a.status not in ACTIVE_STATUSES)

    def _piece_label(self, a: AssignmentRow) -> str:
        lang = self.ctx.lang_code
        status = f"（{a.status.label(lang)}）" if lang == "zh" else f" ({a.status.label(lang)})"
        return f"{a.role.label(lang)}·{a.format.label(lang)}{status}"

    def assign(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, role: Role | None = None,
               format: Format | None = None) -> bool:
        """Assign ``outlet_id`` to ``stage_id`` now (one undoable step); defaults from what is there.
        The new piece is selected once the matrix has reloaded."""
        if self.tab.data is None or self._refused():
            return False
        stage, outlet = self._stage(stage_id), self._outlet(outlet_id)
        if stage is None or outlet is None:
            return False
        active = [a for a in self.tab.data.plan.assignments if a.stage_id == stage_id and a.status in ACTIVE_STATUSES]
        if role is None:
            role = Role.SUPPORT if any(a.role is Role.LEAD for a in active) else Role.LEAD
        if format is None:
            format = self._free_format(stage_id, outlet)
        text = self.tr("安排{outlet}报道“{stage}”").format(outlet=outlet.display_name, stage=stage.title)
        fields = {"stage_id": stage_id, "outlet_id": outlet_id, "role": role.value, "format": format.value,
                  "due_at": stage.ends_at}
        self.select_after = (stage_id, outlet_id)
        if self.ctx.push(Create(Entity.ASSIGNMENT, fields, text=text)) is None:
            self.select_after = None
            return False
        self.tab.view.setFocus(Qt.FocusReason.OtherFocusReason)  # the keys (Enter, Delete) act on the new piece
        return True

    def _free_format(self, stage_id: uuid.UUID, outlet: OutletRow) -> Format:
        """A format the outlet makes and does not cover on the stage yet, required ones first."""
        assert self.tab.data is not None
        active = [a for a in self.tab.data.plan.assignments if a.stage_id == stage_id and a.status in ACTIVE_STATUSES]
        taken = {a.format for a in active if a.outlet_id == outlet.id}
        options = [f for f in (outlet.formats or tuple(Format)) if f not in taken] or \
            [f for f in Format if f not in taken] or list(Format)
        needed = [f for f in self.tab.data.plan.project.required_formats if f in options]
        return (needed or options)[0]

    def _dialog(self, stage: StageRow, outlet: OutletRow, row: AssignmentRow | None,
                format: Format | None = None) -> AssignmentDialog:
        assert self.tab.data is not None
        people = list(self.tab.directory.people_of(outlet.id)) or [
            p for p in self.tab.data.plan.people.values() if p.outlet_id == outlet.id
        ]
        role = None
        if row is None:
            active = [a for a in self.tab.data.plan.assignments if a.stage_id == stage.id and a.status in ACTIVE_STATUSES]
            role = Role.SUPPORT if any(a.role is Role.LEAD for a in active) else Role.LEAD
        return AssignmentDialog(self.ctx, stage, outlet, people, row, parent=self.tab, role=role, format=format)

    def _run(self, dialog: AssignmentDialog, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> None:
        self.select_after = (stage_id, outlet_id)
        if not dialog.exec():
            self.select_after = None

    def open_cell(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> None:
        """The cell's one piece; with several, a menu of them and "add another format"."""
        pieces = self.pieces_of(stage_id, outlet_id)
        if len(pieces) > 1:
            menu = QMenu(self.tab)
            for a in pieces:
                menu.addAction(self.tr("编辑 {piece}…").format(piece=self._piece_label(a))).setData(str(a.id))
            menu.addSeparator()
            menu.addAction(self.tr("再加一种形式…")).setData("")
            chosen = menu.exec(self._menu_pos(stage_id, outlet_id))
            if chosen is None:
                return
            if not chosen.data():
                self.add_piece(stage_id, outlet_id)
                return
            row = next((a for a in pieces if str(a.id) == chosen.data()), None)
        else:
            row = pieces[0] if pieces else None
        dialog = self.edit_cell(stage_id, outlet_id, open_dialog=False, row=row)
        if dialog is not None:
            self._run(dialog, stage_id, outlet_id)

    def edit_cell(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, *, open_dialog: bool = True,
                  row: AssignmentRow | None = None) -> AssignmentDialog | None:
        """The dialog for a piece of this cell (its first, unless ``row`` is given; a new one if empty)."""
        stage, outlet = self._stage(stage_id), self._outlet(outlet_id)
        if stage is None or outlet is None:
            return None
        if row is None:
            pieces = self.pieces_of(stage_id, outlet_id)
            row = pieces[0] if pieces else None
        if row is None and self._refused():
            return None  # a new piece is planning: say why instead of a form that cannot be saved
        dialog = self._dialog(stage, outlet, row)
        if open_dialog:
            self._run(dialog, stage_id, outlet_id)
        return dialog

    def add_piece(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, *, open_dialog: bool = True) -> AssignmentDialog | None:
        """A new piece in this cell, in a format the outlet does not cover there yet."""
        stage, outlet = self._stage(stage_id), self._outlet(outlet_id)
        if stage is None or outlet is None or self._refused():
            return None
        dialog = self._dialog(stage, outlet, None, format=self._free_format(stage_id, outlet))
        if open_dialog:
            self._run(dialog, stage_id, outlet_id)
        return dialog

    def delete_pieces(self, stage_id: uuid.UUID, outlet_id: uuid.UUID, ids: list[uuid.UUID] | None = None) -> bool:
        """Remove pieces of the cell as one undo step: ``ids``, else its only piece, else a menu asks."""
        pieces = self.pieces_of(stage_id, outlet_id)
        if not pieces or self._refused():
            return False
        if ids is None:
            if len(pieces) == 1:
                ids = [pieces[0].id]
            else:
                menu = QMenu(self.tab)
                for a in pieces:
                    menu.addAction(self.tr("删除 {piece}").format(piece=self._piece_label(a))).setData([str(a.id)])
                menu.addSeparator()
                menu.addAction(self.tr("删除这一格的全部 {n} 项").format(n=len(pieces))).setData([str(a.id) for a in pieces])
                chosen = menu.exec(self._menu_pos(stage_id, outlet_id))
                if chosen is None:
                    return False
                ids = [uuid.UUID(x) for x in chosen.data()]
        doomed = [a for a in pieces if a.id in ids]
        if not doomed:
            return False
        stage, outlet = self._stage(stage_id), self._outlet(outlet_id)
        where = f"{outlet.display_name if outlet else ''} · {stage.title if stage else ''}"
        text = self.tr("删除任务：{where}").format(where=where) if len(doomed) == 1 else \
            self.tr("删除 {n} 项任务：{where}").format(n=len(doomed), where=where)
        steps = [Delete(Entity.ASSIGNMENT, a.id, expected_version=a.version) for a in doomed]
        if self.ctx.push(Macro(steps, text=text)) is None:
            return False
        self.select_after = (stage_id, outlet_id)
        self.deleted.update({a.id: (stage_id, outlet_id) for a in doomed})  # an undo selects the cell again
        notify(self.ctx, self.tab, self.tr("{text}。可以撤销（Ctrl+Z）。").format(text=text))
        return True

    def _on_changed(self, changes: Any) -> None:
        """A piece deleted here and brought back (undo) is selected once the matrix has it again."""
        back = [self.deleted[key] for entity, key in changes.created  # kept: undo, redo, undo again
                if entity is Entity.ASSIGNMENT and key in self.deleted]
        if back:
            self.select_after = back[0]

    def _menu_pos(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> Any:
        index = self.tab.model.index_for(stage_id, outlet_id)
        rect = self.tab.view.visualRect(index)
        return self.tab.view.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else self.tab.view.rect().center())

    def context_menu(self, stage_id: uuid.UUID, outlet_id: uuid.UUID) -> QMenu:
        """The cell's menu: open or delete each piece, add another format (or a first task)."""
        menu = QMenu(self.tab)
        menu.setToolTipsVisible(True)
        planning: list[Any] = []  # entries a shared server's role may not use: disabled, saying why
        pieces = self.pieces_of(stage_id, outlet_id)
        for a in pieces:
            label = self._piece_label(a)
            menu.addAction(self.tr("编辑 {piece}…").format(piece=label)).triggered.connect(
                lambda _c=False, row=a: self.edit_cell(stage_id, outlet_id, row=row))
            planning.append(menu.addAction(self.tr("删除 {piece}").format(piece=label)))
            planning[-1].triggered.connect(lambda _c=False, aid=a.id: self.delete_pieces(stage_id, outlet_id, [aid]))
        if pieces:
            menu.addSeparator()
            planning.append(menu.addAction(self.tr("再加一种形式…")))
            planning[-1].triggered.connect(lambda: self.add_piece(stage_id, outlet_id))
        else:
            planning.append(menu.addAction(self.tr("新建任务…")))
            planning[-1].triggered.connect(lambda: self.edit_cell(stage_id, outlet_id))
        why = plan_refusal(self.tab) if self.tab.data is not None else ""
        for action in planning:
            action.setEnabled(not why)
            action.setToolTip(why)
        return menu

    def _refused(self) -> bool:
        """On a shared server: may the signed-in role not plan this project? (says why if so)"""
        return self.tab.data is not None and refuse(self.ctx, Act.PLAN, coordinator_id=self.tab.data.plan.project.coordinator_id)
