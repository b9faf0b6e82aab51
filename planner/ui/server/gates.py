"""Which editing entry points the signed-in role may use, in one place, and how the screens show it.

Every editing entry point of the screens (buttons, drag and drop, shortcut keys, edit dialogs,
context menus, the calendar's drag) maps to one :class:`Act`; :func:`reason` says, for the
signed-in account and the project / outlet concerned, why the act is not allowed (``""`` when it
is). The screens call the small ``gate_*`` hooks below after they compute their own enabled state,
so the role has the last word: what the role cannot do is disabled and its tooltip is the one
sentence of :data:`planner.domain.accounts.REFUSALS`. (What a role can *never* do — a desk's
新建项目 — is hidden once by :func:`planner.ui.server.roles.gate_page`.)

On a database file, and for the server's owner (no account), everything is allowed and these hooks
change nothing. The database has the last word all the same (row-level security and guard triggers).
"""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from planner.domain.accounts import Account, AccountRole


class Act(Enum):
    """An editing entry point's kind of change."""

    CREATE_PROJECT = "create_project"  # 新建项目, 从模板新建, 复制项目
    PLAN = "plan"  # a project's own fields, its stages, creating/deleting assignments, role/format/deadline/brief
    WORK = "work"  # an assignment's status, people, notes and link
    DIRECTORY = "directory"  # outlets, alliances, memberships, people
    ABSENCE = "absence"  # a person's unavailable periods
    SETTINGS = "settings"
    NOTE = "note"  # writing, correcting or deleting a note of a notes thread
    EXCHANGE = "exchange"  # importing a plan bundle or a reply bundle (coordinators' work)


def account_of(ctx: Any) -> Account | None:
    return getattr(getattr(ctx, "db", None), "account", None)


def coordinator_of(ctx: Any, project_id: uuid.UUID | None) -> uuid.UUID | None:
    """The coordinator of a project the projects page lists (``None`` if unknown: then only an admin plans it)."""
    features = getattr(ctx, "server_features", None)
    known = getattr(features, "coordinators", {}) if features is not None else {}
    return known.get(project_id) if project_id is not None else None


def allowed(account: Account | None, act: Act, *, coordinator_id: uuid.UUID | None = None,
            outlet_id: uuid.UUID | None = None) -> bool:
    """May ``account`` do ``act`` to a project coordinated by ``coordinator_id`` / a row of ``outlet_id``?

    Mirrors :mod:`planner.store.policies`; ``outlet_id`` of ``None`` for :attr:`Act.ABSENCE` asks
    whether the role records absences at all.
    """
    if account is None:
        return True
    role = account.role
    if act is Act.CREATE_PROJECT:
        return account.creates_projects
    if act is Act.PLAN:
        return account.plans_project(coordinator_id)
    if act is Act.WORK:
        return account.works_assignment(outlet_id, coordinator_id)
    if act is Act.DIRECTORY:
        return account.edits_directory
    if act is Act.ABSENCE:
        return account.records_absence(outlet_id)
    if act is Act.SETTINGS:
        return account.changes_settings
    if act is Act.NOTE:  # policies: a desk writes notes on everything it sees (its projects)
        return not account.read_only
    if act is Act.EXCHANGE:  # bundles and replies change projects and directory: planning work
        return account.creates_projects
    return role is AccountRole.ADMIN  # pragma: no cover - every Act is named above


def reason(ctx: Any, act: Act, *, project_id: uuid.UUID | None = None, coordinator_id: uuid.UUID | None = None,
           outlet_id: uuid.UUID | None = None) -> str:
    """Why the signed-in editor may not do ``act`` here (one sentence), or ``""`` if they may."""
    account = account_of(ctx)
    if account is None:
        return ""
    if coordinator_id is None and project_id is not None:
        coordinator_id = coordinator_of(ctx, project_id)
    if allowed(account, act, coordinator_id=coordinator_id, outlet_id=outlet_id):
        return ""
    return account.refusal(ctx.lang_code)


def refuse(ctx: Any, act: Act, **where: Any) -> bool:
    """For an entry point that has no button to disable: show the sentence and return ``True`` if refused."""
    why = reason(ctx, act, **where)
    if why:
        ctx.failed.emit(why)
    return bool(why)


def _apply(why: str, widgets: Any, *, disable: bool = True) -> None:
    """Disable ``widgets`` with ``why`` as tooltip (their own tooltip back when allowed again)."""
    for w in widgets:
        if w is None:
            continue
        if why:
            if w.property("gateTip") is None:
                w.setProperty("gateTip", w.toolTip())  # the screen's own hint, back when allowed again
            if disable:
                w.setEnabled(False)
            w.setToolTip(why)
        elif w.property("gateTip") is not None:
            w.setToolTip(str(w.property("gateTip")))
            w.setProperty("gateTip", None)


def _keys(owner: Any, why: str, *names: str) -> None:
    keys = getattr(owner, "keys", None) or {}
    for name in names or tuple(keys):
        action = keys.get(name)
        if action is not None and why:
            action.setEnabled(False)
        elif action is not None and action.isVisible():
            action.setEnabled(True)


# -- hooks the screens call after computing their own state --------------------------------------
def gate_stages_tab(tab: Any) -> None:
    """环节 tab: new/edit/delete/move and drag need the right to plan the project."""
    if account_of(tab.ctx) is None:
        return
    why = reason(tab.ctx, Act.PLAN, project_id=tab.project_id) if tab.project_id is not None else ""
    _apply(why, (tab.add_button, tab.edit_button, tab.delete_button, tab.up_button, tab.down_button))
    _apply(why, (tab.view,), disable=False)  # still readable and selectable
    _keys(tab, why)
    tab.view.setDragEnabled(not why)
    tab.view.setAcceptDrops(not why)


def gate_matrix_tab(tab: Any) -> None:
    """覆盖矩阵: dragging an outlet onto a stage creates an assignment (planning)."""
    if account_of(tab.ctx) is None:
        return
    why = plan_refusal(tab)
    tab.view.setAcceptDrops(not why)
    tab.outlet_view.setDragEnabled(not why)
    _apply(why, (tab.outlet_view,), disable=False)
    hint = getattr(tab, "drag_hint", None)
    if hint is not None:  # "拖动单位到环节行 →" only where a drag works; else the sentence
        if hint.property("gateText") is None:
            hint.setProperty("gateText", hint.text())
        hint.setText(why or str(hint.property("gateText")))
    texts = getattr(tab, "legend_texts", None)
    if texts is not None:  # the bottom line names Insert/Delete only where they work
        tab.legend.setText(texts[1] if why else texts[0])
    _keys(tab, why, "add", "delete")


def gate_timeline_tab(tab: Any) -> None:
    """时间线: dragging a bar or a deadline reschedules the project (planning); where the role may not,
    nothing drags and the hint and tooltips give the sentence instead of "拖动…"."""
    project = tab.plan.project if tab.plan is not None else None
    why = reason(tab.ctx, Act.PLAN, coordinator_id=project.coordinator_id) if project is not None else ""
    tab.view.may_move = not why
    tab.drag_refusal = why
    if tab.hint.property("gateText") is None:
        tab.hint.setProperty("gateText", tab.hint.text())
    tab.hint.setText(why or str(tab.hint.property("gateText")))


def plan_refusal(tab: Any) -> str:
    """Why the role may not plan the project a tab shows (``tab.data``), or ``""``."""
    project = tab.data.plan.project if getattr(tab, "data", None) is not None else None
    return reason(tab.ctx, Act.PLAN, coordinator_id=project.coordinator_id) if project is not None else ""


def gate_suggest_panel(panel: Any) -> None:
    """补位建议: adopting, rejecting or forgetting a rejection changes the plan (planning)."""
    if account_of(panel.ctx) is None:
        return
    why = plan_refusal(panel)
    _apply(why, (panel.accept_button, panel.accept_all_button, panel.reject_button, panel.forget_button))


def gate_assignments_tab(tab: Any) -> None:
    """任务 tab: status and people need the right to work every selected row; delete, to plan its project."""
    if account_of(tab.ctx) is None:
        return
    rows = [r for r in (tab.model.row_by_id(i) for i in tab.selected_ids()) if r is not None]
    work = next((w for w in (reason(tab.ctx, Act.WORK, project_id=r.project_id, outlet_id=r.outlet_id)
                             for r in rows) if w), "")
    plan = next((w for w in (reason(tab.ctx, Act.PLAN, project_id=r.project_id) for r in rows) if w), "")
    _apply(work, (tab.status_button, tab.people_button))
    _apply(plan, (tab.delete_button,))
    _keys(tab, plan, "delete")


def gate_due_tab(tab: Any) -> None:
    """到期 tab: 标记为已交稿 is a status change of each selected assignment."""
    if account_of(tab.ctx) is None:
        return
    rows = tab.selected_rows()
    why = next((w for w in (reason(tab.ctx, Act.WORK, project_id=getattr(r, "project_id", None),
                                   outlet_id=getattr(r, "outlet_id", None)) for r in rows) if w), "")
    _apply(why, (tab.filed_button,))


def gate_schedule_page(page: Any) -> None:
    """日程: recording or importing absences needs the right to record any (a desk: its own people's);
    a drag moves a stage or a deadline, which is planning its project. (Back to all on a file.)"""
    why = new_item_reason(page.ctx, "schedule")
    for action in (page.add_away_action, page.import_away_action):
        action.setEnabled(not why)
        action.setToolTip(why)
    ctx = page.ctx
    page.view.drag_refusal = lambda item: reason(ctx, Act.PLAN, project_id=getattr(item, "project_id", None))
    page.view.may_move = lambda item: not page.view.drag_refusal(item)
    legend = getattr(page, "legend", None)
    if legend is not None and hasattr(page, "_legend"):
        legend.setText(page._legend())


def drag_refusal(ctx: Any) -> str:
    """Why the signed-in role moves nothing on the 日程 calendar (a desk, a viewer), or ``""``.

    A coordinator moves the items of the projects they coordinate; their tooltips say the rest."""
    account = account_of(ctx)
    if account is None or account.creates_projects:
        return ""
    return account.refusal(ctx.lang_code)


def new_item_reason(ctx: Any, page_key: str) -> str:
    """Why the window's 新建 (Ctrl+N) may not make a new item on this page, or ``""``."""
    account = account_of(ctx)
    if account is None:
        return ""
    if page_key == "projects":
        return reason(ctx, Act.CREATE_PROJECT)
    if page_key in ("outlets", "alliances", "people"):
        return reason(ctx, Act.DIRECTORY)
    if page_key == "schedule":
        outlet = account.outlet_id if account.role is AccountRole.DESK else None
        return reason(ctx, Act.ABSENCE, outlet_id=outlet)
    return ""


def absence_reason(ctx: Any, person_id: uuid.UUID | None) -> str:
    """Why the signed-in editor may not record or change an absence of ``person_id``, or ``""``."""
    account = account_of(ctx)
    if account is None or account.records_absence(None):
        return ""
    if account.role is not AccountRole.DESK or person_id is None or account.outlet_id is None:
        return reason(ctx, Act.ABSENCE, outlet_id=account.outlet_id if person_id is None else None)
    from planner.services.queries import list_people

    own = {p.id for p in list_people(ctx.db, outlet_id=account.outlet_id)}
    return reason(ctx, Act.ABSENCE, outlet_id=account.outlet_id if person_id in own else None)


def absence_people(ctx: Any, people: list[tuple[str, uuid.UUID]]) -> list[tuple[str, uuid.UUID]]:
    """The people a new absence may be recorded for: a desk's own outlet's only (others: all)."""
    account = account_of(ctx)
    if account is None or account.records_absence(None) or account.role is not AccountRole.DESK:
        return people
    from planner.services.queries import list_people

    own = {p.id for p in list_people(ctx.db, outlet_id=account.outlet_id)} if account.outlet_id else set()
    return [(text, pid) for text, pid in people if pid in own]


def refuse_absence(ctx: Any, person_id: uuid.UUID | None) -> bool:
    why = absence_reason(ctx, person_id)
    if why:
        ctx.failed.emit(why)
    return bool(why)


def refuse_reschedule(ctx: Any, project_id: uuid.UUID | None) -> bool:
    """A drag on the calendar moves a stage or a deadline: planning the project."""
    return refuse(ctx, Act.PLAN, project_id=project_id)


# -- dialogs ---------------------------------------------------------------------------------------
def _dialog_acts(ctx: Any, dialog: Any) -> tuple[str, tuple[str, ...]]:
    """(why the dialog may not save at all, fields to lock while it may) for one edit dialog."""
    kind = type(dialog).__name__
    row = getattr(dialog, "row", None)
    if kind in ("OutletDialog", "PersonDialog", "AllianceDialog"):
        return reason(ctx, Act.DIRECTORY), ()
    if kind == "TemplateDialog" or (kind == "ProjectDialog" and row is None):
        return reason(ctx, Act.CREATE_PROJECT), ()
    if kind == "ProjectDialog":
        return reason(ctx, Act.PLAN, coordinator_id=row.coordinator_id), ()
    if kind == "StageDialog":
        return reason(ctx, Act.PLAN, project_id=getattr(dialog, "project_id", None)), ()
    if kind == "AssignmentDialog":
        project_id = dialog.stage.project_id
        plan = reason(ctx, Act.PLAN, project_id=project_id)
        if not plan:
            return "", ()
        if row is None:
            return plan, ()  # a new assignment is planning
        work = reason(ctx, Act.WORK, project_id=project_id, outlet_id=row.outlet_id)
        return work, ("role", "format", "due", "brief")
    if kind == "AvailabilityDialog":
        return absence_reason(ctx, row.person_id if row is not None else None), ()
    return "", ()


def gate_dialog(ctx: Any, dialog: Any) -> None:
    """Lock an edit dialog as far as the role requires: fields it may not change, or all and 保存."""
    if account_of(ctx) is None:
        return
    why, fields = _dialog_acts(ctx, dialog)
    if why:
        for widget, _error in getattr(dialog, "_fields", {}).values():
            _apply(why, (widget,))
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        _apply(why, (save,))
        dialog.general_error.setStyleSheet("color:#555")
        dialog.general_error.setText(why)
        dialog.general_error.setVisible(True)
        return
    account = account_of(ctx)
    assert account is not None
    tip = account.refusal(ctx.lang_code)
    for name in fields:
        widget: QWidget | None = getattr(dialog, name, None)
        _apply(tip, (widget,))


# -- history, notes ----------------------------------------------------------------------------------
_DIRECTORY_KINDS = ("outlet", "alliance", "membership", "person")


def _coordinator_by_query(ctx: Any, kind: str, key: uuid.UUID | None) -> uuid.UUID | None:
    """The coordinator of the project a stage / assignment / project id belongs to (``None`` if gone)."""
    if key is None:
        return None
    from sqlalchemy import select

    from planner.store.models import Assignment, Project, Stage

    query = select(Project.coordinator_id)
    if kind == "project":
        query = query.where(Project.id == key)
    elif kind == "stage":
        query = query.join(Stage, Stage.project_id == Project.id).where(Stage.id == key)
    else:
        query = (query.join(Stage, Stage.project_id == Project.id)
                 .join(Assignment, Assignment.stage_id == Stage.id).where(Assignment.id == key))
    with ctx.db.reader() as session:
        return session.execute(query).scalar_one_or_none()


def _outlet_of_assignment(ctx: Any, assignment_id: uuid.UUID) -> uuid.UUID | None:
    from sqlalchemy import select

    from planner.store.models import Assignment

    with ctx.db.reader() as session:
        return session.execute(select(Assignment.outlet_id).where(Assignment.id == assignment_id)).scalar_one_or_none()


def _as_id(value: Any) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) or value is None else uuid.UUID(str(value))
    except ValueError:
        return None


def revert_reason(ctx: Any, entry: Any) -> str:
    """Why the signed-in editor may not revert the change-log ``entry`` (one sentence), or ``""``.

    The act is what the revert writes: a directory record is the directory's; a project, stage or
    dependency is planning its project; an assignment's status/notes/link edit is work of its
    outlet (its other fields, its creation or deletion are planning); a note is writing notes.
    """
    from planner.domain.accounts import DESK_ASSIGNMENT_FIELDS
    from planner.domain.fields import INTERNAL

    if account_of(ctx) is None:
        return ""
    from planner.domain.enums import Action

    kind = entry.entity.value
    values = {**(entry.before or {}), **(entry.after or {})}
    if kind in _DIRECTORY_KINDS:
        return reason(ctx, Act.DIRECTORY)
    if kind == "note":
        return reason(ctx, Act.NOTE)
    # an edit's entry holds only the changed fields: the record itself says where it belongs (a deleted
    # one is gone, and its entry holds all its values)
    if kind == "project":
        coordinator = (_as_id(values["coordinator_id"]) if "coordinator_id" in values
                       else _coordinator_by_query(ctx, "project", entry.entity_id))
        return reason(ctx, Act.PLAN, coordinator_id=coordinator)
    if kind == "stage":
        coordinator = (_coordinator_by_query(ctx, "stage", entry.entity_id)
                       or _coordinator_by_query(ctx, "project", _as_id(values.get("project_id"))))
        return reason(ctx, Act.PLAN, coordinator_id=coordinator)
    if kind == "stage_dependency":
        return reason(ctx, Act.PLAN, coordinator_id=_coordinator_by_query(ctx, "stage", _as_id(values.get("stage_id"))))
    if kind == "assignment":
        coordinator = (_coordinator_by_query(ctx, "assignment", entry.entity_id)
                       or _coordinator_by_query(ctx, "stage", _as_id(values.get("stage_id"))))
        fields = set(entry.field_names) - INTERNAL
        if entry.action is Action.UPDATE and fields and fields <= DESK_ASSIGNMENT_FIELDS:
            outlet = _as_id(values.get("outlet_id")) or _outlet_of_assignment(ctx, entry.entity_id)
            return reason(ctx, Act.WORK, coordinator_id=coordinator, outlet_id=outlet)
        return reason(ctx, Act.PLAN, coordinator_id=coordinator)
    return ""


def gate_history_revert(panel: Any, entry: Any) -> None:
    """历史 / history window: 撤回这处修改 needs the right to make the change it writes back."""
    if entry is None or account_of(panel.ctx) is None:
        return
    why = revert_reason(panel.ctx, entry)
    if why:
        panel.revert_button.setEnabled(False)
        panel.revert_button.setToolTip(why)


def gate_notes_thread(thread: Any) -> None:
    """Notes thread: writing, correcting and deleting notes need the right to write notes."""
    if account_of(thread.ctx) is None:
        return
    why = reason(thread.ctx, Act.NOTE)
    _apply(why, (thread.send, thread.edit_button, thread.delete_button, thread.editor))
    if why:
        thread.editor.setPlaceholderText(why)


# -- File menu -------------------------------------------------------------------------------------
def gate_file_menu(window: Any) -> None:
    """File ▸ 载入联合体名录 writes the directory; 导入计划 / 导入回执 merge a bundle or replies into
    projects and the directory: on a server that is coordinators' work (exchange README section)."""
    ctx = window.ctx
    exchange = getattr(window, "_exchange_actions", None)
    items = [(getattr(window, "directory_action", None), Act.DIRECTORY)]
    items += [(action, Act.EXCHANGE) for action in getattr(exchange, "import_actions", ())]
    for action, act in items:
        if action is None:
            continue
        why = reason(ctx, act)
        action.setEnabled(not why and not ctx.db.read_only)
        action.setToolTip(why)
        action.setStatusTip(why)
    menu = getattr(window, "file_menu", None)
    if menu is not None:
        menu.setToolTipsVisible(True)  # a greyed entry says why when hovered
