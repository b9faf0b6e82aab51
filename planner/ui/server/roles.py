"""What the signed-in role may do, applied to the screens: hide what it can never do, disable what it
cannot do to the selected project, and keep the one-sentence explanation at hand.

The rules come from :class:`planner.domain.accounts.Account` (which mirrors the database's); the
server has the last word, and its refusals arrive as a ``PermissionDeniedError`` whose sentence the
message bar shows. On a file, or for the server's owner (no account), nothing is hidden.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from planner.domain.accounts import Account


def account_of(ctx: Any) -> Account | None:
    return getattr(ctx.db, "account", None)


def may_plan(ctx: Any, project: Any) -> bool:
    """May the signed-in editor change ``project`` (a row with ``coordinator_id``), its stages and
    assignments? ``True`` on a file and for the owner."""
    account = account_of(ctx)
    if account is None:
        return True
    if project is None:
        return False
    coordinator: uuid.UUID | None = getattr(project, "coordinator_id", None)
    return account.plans_project(coordinator)


def may_create_projects(ctx: Any) -> bool:
    account = account_of(ctx)
    return account is None or account.creates_projects


def may_edit_directory(ctx: Any) -> bool:
    account = account_of(ctx)
    return account is None or account.edits_directory


def _show(visible: bool, *widgets: Any) -> None:
    for w in widgets:
        if w is not None:
            w.setVisible(visible)


def _show_keys(visible: bool, owner: Any, *names: str) -> None:
    """Scoped shortcuts (``owner.keys``, see :mod:`planner.ui.shortcuts`): a hidden action's key is dead."""
    keys = getattr(owner, "keys", None) or {}
    for name in names or tuple(keys):
        _show(visible, keys.get(name))


def gate_page(key: str, page: QWidget, ctx: Any) -> None:
    """Hide on a page what the signed-in role can never do there (and show it again for a role, or a
    file, that may: the window keeps its pages when another database is opened)."""
    account = account_of(ctx)
    tip = account.refusal(ctx.lang_code) if account is not None else ""
    directory = account is None or account.edits_directory
    creates = account is None or account.creates_projects
    if key in ("outlets", "alliances", "people"):
        _show(directory, *(getattr(page, name, None) for name in
                           ("add_button", "edit_button", "delete_button", "import_button", "add_member_button",
                            "remove_member_button")))
        for action in page.actions():  # 新建 / 编辑 / 删除 shortcuts
            action.setVisible(directory)
        _show_keys(directory, page)
        page.setToolTip("" if directory else tip)
    if key == "projects":
        actions = getattr(page, "actions", None)
        _show(creates, getattr(page, "new_button", None), getattr(page, "template_button", None),
              getattr(page, "emergency_button", None), getattr(getattr(page, "overview_tab", None), "edit_button", None))
        if actions is not None:
            for name in ("new", "from_template", "emergency", "edit", "duplicate", "delete", "new_stage"):
                _show(creates, getattr(actions, name, None))
        _show_keys(creates, page, "edit", "delete")
        stages_tab = getattr(page, "stages_tab", None)
        if stages_tab is not None:
            _show(creates, *(getattr(stages_tab, n, None) for n in
                             ("add_button", "edit_button", "delete_button", "up_button", "down_button")))
            _show_keys(creates, stages_tab)
        built = getattr(page, "built_tab", None)  # the 任务 tab is made on first use, and gated then
        assignments_tab = built("assignments") if built is not None else getattr(page, "assignments_tab", None)
        if assignments_tab is not None:
            _show(creates, getattr(assignments_tab, "delete_button", None))
            _show_keys(creates, assignments_tab, "delete")
            writes = account is None or not account.read_only
            _show(writes, getattr(assignments_tab, "status_button", None), getattr(assignments_tab, "people_button", None),
                  getattr(assignments_tab, "new_status", None))
