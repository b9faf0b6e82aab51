"""``planner-cli directory load``: the alliances' directory (outlets, alliances, memberships and,
with ``--people``, sample staff) into a database, without the demo projects. It adds what is
missing and changes nothing else, so it is safe on a database in use and a second run adds nothing.
A file is backed up first (a bulk load is not an undo step)."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("directory", help="the alliances' directory of outlets / 联合体名录")
    what = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = what.add_parser("load", help="add the outlets and alliances (no projects) / 载入媒体单位和联合体（不含项目）")
    add_db_argument(load)
    load.add_argument("--people", action="store_true", help="also sample staff and outlet contacts with made-up names and numbers / 同时载入示例人员和单位联系人（虚构姓名和号码）")
    load.set_defaults(handler=cmd_load)


def cmd_load(args: argparse.Namespace) -> int:
    from planner.services import files
    from planner.services.alliance_directory import load_directory
    from planner.store.database import open_database

    with open_database(args.db) as db:
        if db.path is not None and Path(db.path).stat().st_size > 0 and not db.created:
            files.backup_now(db, "before-directory-load")
        made = load_directory(db, people_too=args.people)
        added = made.added
        if args.lang == "en":
            print(f"added outlets={added['outlets']} alliances={added['alliances']} "
                  f"memberships={added['memberships']} people={added['people']}", db.label)
        else:
            print(f"新增 媒体单位 {added['outlets']} 家、联合体 {added['alliances']} 个、成员关系 {added['memberships']} 条、"
                  f"人员 {added['people']} 人", db.label)
    return 0
