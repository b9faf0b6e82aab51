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


def _hide(*widgets: Any) -> None:
    for w in widgets:
        if w is not None:
            w.setVisible(False)


def _hide_keys(owner: Any, *names: str) -> None:
    """Hide scoped shortcuts (``owner.keys``, see :mod:`planner.ui.shortcuts`): a hidden action's key is dead."""
    keys = getattr(owner, "keys", None) or {}
    for name in names or tuple(keys):
        _hide(keys.get(name))


def gate_page(key: str, page: QWidget, ctx: Any) -> None:
    """Hide on a freshly made page what the signed-in role can never do there."""
    account = account_of(ctx)
    if account is None:
        return
    tip = account.refusal(ctx.lang_code)
    if key in ("outlets", "alliances", "people") and not account.edits_directory:
        _hide(*(getattr(page, name, None) for name in
                ("add_button", "edit_button", "delete_button", "import_button", "add_member_button",
                 "remove_member_button")))
        for action in page.actions():  # 新建 / 编辑 / 删除 shortcuts
            action.setVisible(False)
        _hide_keys(page)
        page.setToolTip(tip)
    if key == "projects":
        actions = getattr(page, "actions", None)
        if not account.creates_projects:
            _hide(getattr(page, "new_button", None), getattr(page, "template_button", None),
                  getattr(getattr(page, "overview_tab", None), "edit_button", None))
            if actions is not None:
                for name in ("new", "from_template", "edit", "duplicate", "delete", "new_stage"):
                    _hide(getattr(actions, name, None))
            _hide_keys(page, "edit", "delete")
        stages_tab = getattr(page, "stages_tab", None)
        if stages_tab is not None and not account.creates_projects:
            _hide(*(getattr(stages_tab, n, None) for n in
                    ("add_button", "edit_button", "delete_button", "up_button", "down_button")))
            view = getattr(stages_tab, "view", None)
            if view is not None:
                view.setDragEnabled(False)
                view.setAcceptDrops(False)
            _hide_keys(stages_tab)
        matrix_tab = getattr(page, "matrix_tab", None)
        if matrix_tab is not None and not account.creates_projects:
            view = getattr(matrix_tab, "view", None)
            if view is not None:
                view.setAcceptDrops(False)
            outlets = getattr(matrix_tab, "outlet_view", None)
            if outlets is not None:
                outlets.setDragEnabled(False)
                outlets.setToolTip(tip)
        assignments_tab = getattr(page, "assignments_tab", None)
        if assignments_tab is not None:
            if not account.creates_projects:
                _hide(getattr(assignments_tab, "delete_button", None))
                _hide_keys(assignments_tab, "delete")
            if account.read_only:
                _hide(getattr(assignments_tab, "status_button", None), getattr(assignments_tab, "people_button", None),
                      getattr(assignments_tab, "new_status", None))
