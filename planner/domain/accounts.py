"""Accounts on a shared server: the four roles, what each may do, and the signed-in editor.

The database enforces the roles (grants, row-level security and guard triggers written by
:mod:`planner.store.policies`); this module mirrors those rules in plain Python so that the app can
hide or disable what a role cannot do *before* the server refuses it, and explain a refusal in one
sentence. The two must agree: ``tests/server`` checks the database side with raw SQL as each role.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from planner.domain.enums import LabeledEnum


class AccountRole(LabeledEnum):
    """What an account may do on a shared server."""

    ADMIN = ("admin", "管理员", "Administrator")
    COORDINATOR = ("coordinator", "协调人", "Coordinator")
    DESK = ("desk", "单位编辑", "Outlet desk")
    VIEWER = ("viewer", "只读", "Viewer")


#: Login names: PostgreSQL role names we never need to quote (pinyin or ASCII, lower case).
LOGIN_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")

#: The assignment fields an outlet's desk may change (besides its people); mirrored by the
#: column grants in :mod:`planner.store.policies`.
DESK_ASSIGNMENT_FIELDS = frozenset({"status", "notes", "deliverable_url", "reason"})

#: One sentence per role saying what it may do: the app shows it when the server refuses a change.
REFUSALS: dict[AccountRole, tuple[str, str]] = {
    AccountRole.ADMIN: (
        "服务器拒绝了这项修改（管理员账号也受数据库规则约束）。",
        "The server refused this change (administrators are bound by the database rules too).",
    ),
    AccountRole.COORDINATOR: (
        "协调人只能修改自己协调的项目，媒体单位、联合体和人员名录由管理员维护。",
        "A coordinator may change only the projects they coordinate; the directory is kept by administrators.",
    ),
    AccountRole.DESK: (
        "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。",
        "An outlet desk may change only the status, people, notes and link of its own outlet's assignments, "
        "and its own people's absences.",
    ),
    AccountRole.VIEWER: (
        "只读账号不能修改任何内容。",
        "A read-only account cannot change anything.",
    ),
}


@dataclass(frozen=True, slots=True)
class Account:
    """The signed-in editor of a server database (``None`` on a file or for the server's owner)."""

    login: str
    role: AccountRole
    display_name: str = ""
    outlet_id: uuid.UUID | None = None
    outlet_name: str = ""
    person_id: uuid.UUID | None = None

    @property
    def identity(self) -> str:
        """How the change log and the live-update markers name this editor: ``张三（川报集团）``."""
        name = self.display_name or self.login
        return f"{name}（{self.outlet_name}）" if self.outlet_name else name

    # -- what the role may do (the database has the last word) --------------------------------------
    @property
    def read_only(self) -> bool:
        return self.role is AccountRole.VIEWER

    @property
    def edits_directory(self) -> bool:
        """Outlets, alliances, memberships and people (and accounts)."""
        return self.role is AccountRole.ADMIN

    @property
    def creates_projects(self) -> bool:
        return self.role in (AccountRole.ADMIN, AccountRole.COORDINATOR)

    @property
    def changes_settings(self) -> bool:
        return self.role in (AccountRole.ADMIN, AccountRole.COORDINATOR)

    def plans_project(self, coordinator_id: uuid.UUID | None) -> bool:
        """May change the project (its stages, dependencies and assignments) coordinated by ``coordinator_id``."""
        if self.role is AccountRole.ADMIN:
            return True
        return self.role is AccountRole.COORDINATOR and self.person_id is not None and coordinator_id == self.person_id

    def works_assignment(self, outlet_id: uuid.UUID | None, coordinator_id: uuid.UUID | None) -> bool:
        """May change the status, people, notes and link of an assignment of ``outlet_id``."""
        if self.plans_project(coordinator_id):
            return True
        return self.role is AccountRole.DESK and self.outlet_id is not None and outlet_id == self.outlet_id

    def records_absence(self, outlet_id: uuid.UUID | None) -> bool:
        """May record, change or delete absences of a person of ``outlet_id`` (``None``: of anyone)."""
        if self.role in (AccountRole.ADMIN, AccountRole.COORDINATOR):
            return True
        return self.role is AccountRole.DESK and self.outlet_id is not None and outlet_id == self.outlet_id

    def refusal(self, lang: str = "zh") -> str:
        zh, en = REFUSALS[self.role]
        return en if lang.startswith("en") else zh


def valid_login(name: str) -> bool:
    return bool(LOGIN_RE.match(name or ""))
