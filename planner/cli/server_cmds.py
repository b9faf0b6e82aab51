"""Shared-server commands: ``server init | add-user | list-users | set-user | passwd | remove-user``.

``server init`` is run by the database's owner (a role with ``CREATEROLE``); it creates or upgrades
the schema and then writes the roles, grants, row-level security policies and triggers
(:mod:`planner.store.policies`) — idempotent, so it is also the upgrade command after installing a
new version. The account commands may be run by the owner or by any *admin* account.

Passwords are never taken from the command line unless ``--password`` is given explicitly (it
shows in the process list and shell history): ``--password-stdin`` reads one line, and otherwise
the command asks twice on the terminal. The server stores only a SCRAM verifier computed here.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from planner.cli import CliError
from planner.cli.output import print_json, print_table
from planner.domain.accounts import AccountRole


def register(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="set up a shared PostgreSQL server and its accounts / 共享服务器与账号")
    ssub = server.add_subparsers(dest="server_command", metavar="SUBCOMMAND", required=True)

    p = ssub.add_parser("init", help="schema, roles and policies (idempotent; also upgrades) / 初始化或升级服务器")
    _db(p)
    p.add_argument("--role-prefix", metavar="NAME",
                   help="prefix of the four group roles (default: the database name) / 角色名前缀")
    p.set_defaults(handler=cmd_init)

    p = ssub.add_parser("add-user", help="create an editor's login / 新建账号")
    p.add_argument("name", help="login name: lower-case letters, digits, _ / 登录名")
    _account_options(p, required_role=True)
    _password_options(p)
    _db(p)
    p.set_defaults(handler=cmd_add_user)

    p = ssub.add_parser("set-user", help="change an account's role, outlet, person or name / 修改账号")
    p.add_argument("name")
    _account_options(p, required_role=False)
    _db(p)
    p.set_defaults(handler=cmd_set_user)

    p = ssub.add_parser("passwd", help="set an account's password / 设置密码")
    p.add_argument("name", nargs="?", help="the account (default: yourself) / 账号（默认自己）")
    _password_options(p, allow_none=False)
    _db(p)
    p.set_defaults(handler=cmd_passwd)

    p = ssub.add_parser("list-users", help="list the accounts / 账号列表")
    _db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list_users)

    p = ssub.add_parser("remove-user", help="remove an account and its login / 删除账号")
    p.add_argument("name")
    _db(p)
    p.set_defaults(handler=cmd_remove_user)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", required=True,
                   help="postgresql+psycopg://USER@HOST/DATABASE (password from ~/.pgpass or PGPASSWORD) / 服务器地址")


def _account_options(p: argparse.ArgumentParser, *, required_role: bool) -> None:
    p.add_argument("--role", required=required_role, choices=[r.value for r in AccountRole],
                   help="admin | coordinator | desk | viewer / 角色")
    p.add_argument("--outlet", metavar="REF", help="the editor's outlet (desks need one) / 所属单位")
    p.add_argument("--person", metavar="REF", help="the coordinator's person in the directory / 对应人员")
    p.add_argument("--display-name", metavar="TEXT", help="name shown to colleagues / 显示名")


def _password_options(p: argparse.ArgumentParser, *, allow_none: bool = True) -> None:
    how = p.add_mutually_exclusive_group()
    how.add_argument("--password", metavar="TEXT", help="the password (visible to other local users: prefer a prompt)")
    how.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    if allow_none:
        how.add_argument("--no-password", action="store_true", help="create the account without a password (no log-in yet)")


def _password(args: argparse.Namespace, lang: str) -> str | None:
    if getattr(args, "no_password", False):
        return None
    if args.password is not None:
        return str(args.password)
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("需要密码：请用 --password-stdin 或在终端运行。" if lang == "zh"
                       else "A password is needed: use --password-stdin or run on a terminal.")
    first = getpass.getpass("密码 / Password: ")
    if getpass.getpass("再输一次 / Again: ") != first:
        raise CliError("两次输入的密码不一致。" if lang == "zh" else "The two passwords differ.")
    return first


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from planner.domain.errors import ServerError
    from planner.store.database import open_database

    if "://" not in str(args.db):
        raise ServerError("not_server")
    return open_database(args.db)


def _refs(db, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from planner.services import queries

    outlet = queries.resolve_outlet(db, args.outlet) if args.outlet else None
    person = queries.resolve_person(db, args.person) if args.person else None
    return outlet, person


def cmd_init(args: argparse.Namespace) -> int:
    from planner.store.server import init_server

    db, prefix = init_server(args.db, prefix=args.role_prefix)
    try:
        state = "created" if db.created else (f"upgraded from {db.migrated_from}" if db.migrated_from else "up to date")
        groups = ", ".join(f"{prefix}_{r.value}" for r in AccountRole)
        if args.lang == "en":
            print(f"Server ready: {db.label} (schema {state}); group roles {groups}.")
            print("Next: planner-cli server add-user NAME --role admin --db URL")
        else:
            zh = {"created": "已创建", "up to date": "已是最新"}.get(state, f"已从 {db.migrated_from} 升级")
            print(f"服务器已就绪：{db.label}（结构{zh}）；角色组 {groups}。")
            print("下一步：planner-cli server add-user 登录名 --role admin --db 地址")
    finally:
        db.close()
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    from planner.store import accounts

    db = _open(args)
    try:
        outlet, person = _refs(db, args)
        role = AccountRole(args.role)
        outlet_id = outlet.id if outlet else (person.outlet_id if person else None)
        password = _password(args, args.lang)
        accounts.add_account(db, login=args.name, role=role, password=password, outlet_id=outlet_id,
                             person_id=person.id if person else None,
                             display_name=args.display_name or (person.name if person else ""))
    finally:
        db.close()
    label = role.label(args.lang)
    print(f"已创建账号 {args.name}（{label}）。" if args.lang == "zh" else f"Created account {args.name} ({label}).")
    return 0


def cmd_set_user(args: argparse.Namespace) -> int:
    from planner.domain.errors import ServerError
    from planner.store import accounts

    db = _open(args)
    try:
        current = next((a for a in accounts.list_accounts(db) if a.login == args.name), None)
        if current is None:
            raise ServerError("account_not_found", login=args.name)
        outlet, person = _refs(db, args)
        accounts.update_account(
            db, login=args.name, role=AccountRole(args.role) if args.role else current.role,
            outlet_id=outlet.id if outlet else current.outlet_id, person_id=person.id if person else current.person_id,
            display_name=args.display_name if args.display_name is not None else current.display_name,
        )
    finally:
        db.close()
    print(f"已修改账号 {args.name}。" if args.lang == "zh" else f"Updated account {args.name}.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from planner.store import accounts

    db = _open(args)
    try:
        password = _password(args, args.lang)
        assert password is not None
        if args.name and args.name != db.login:
            accounts.set_password(db, login=args.name, password=password)
        else:
            accounts.change_own_password(db, password)
    finally:
        db.close()
    print("密码已设置。" if args.lang == "zh" else "Password set.")
    return 0


def cmd_list_users(args: argparse.Namespace) -> int:
    from planner.store import accounts

    db = _open(args)
    try:
        rows = accounts.list_accounts(db)
    finally:
        db.close()
    if args.json:
        print_json([{"login": a.login, "role": a.role.value, "display_name": a.display_name,
                     "outlet_id": a.outlet_id, "outlet": a.outlet_name, "person_id": a.person_id,
                     "person": a.person_name, "created_at": a.created_at, "created_by": a.created_by} for a in rows])
        return 0
    en = args.lang == "en"
    headers = ["login", "role", "name", "outlet", "person"] if en else ["登录名", "角色", "显示名", "单位", "人员"]
    print_table(headers, [[a.login, a.role.label(args.lang), a.display_name, a.outlet_name, a.person_name] for a in rows])
    return 0


def cmd_remove_user(args: argparse.Namespace) -> int:
    from planner.store import accounts

    db = _open(args)
    try:
        accounts.remove_account(db, args.name)
    finally:
        db.close()
    print(f"已删除账号 {args.name}。" if args.lang == "zh" else f"Removed account {args.name}.")
    return 0
