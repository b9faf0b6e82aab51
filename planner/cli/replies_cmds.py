"""``replies export|import|bundle``: reply sheets (XLSX) and reply bundles, so every outlet can answer.

``replies import`` prints what the sheet changes, the rows it cannot take (by row and stage) and
the conflicts with later edits here (both values, who and when); it writes nothing while a row is
wrong (unless ``--partial``) or a conflict is undecided (unless ``--prefer``), and exits 1 then.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli import CliError, add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    from planner.cli.export_cmds import command_group

    replies = command_group(sub, "replies", "reply sheets and reply bundles of outlets / 回执")
    p = replies.add_parser("export", help="write reply sheets (.xlsx) for outlets to fill in / 导出回执表")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF", help="project id, code or title / 项目")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--outlet", metavar="REF", help="one outlet: -o FILE.xlsx / 一个单位")
    who.add_argument("--all", action="store_true", help="every outlet of the project: -o FOLDER / 每个单位一个文件")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx|FOLDER")
    p.set_defaults(handler=cmd_replies_export)

    p = replies.add_parser("import", help="take a filled reply sheet back / 导入回执表")
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    add_db_argument(p)
    p.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing / 仅预览")
    p.add_argument("--prefer", choices=["mine", "theirs"], help="decide every conflict this way / 冲突一律取本地或回执")
    p.add_argument("--partial", action="store_true", help="take the good rows even if some are wrong / 跳过有误的行")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(handler=cmd_replies_import)

    p = replies.add_parser("bundle", help="write an outlet's answers as a reply bundle (.jcp) / 导出回执包")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF")
    p.add_argument("--outlet", required=True, metavar="REF")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.jcp")
    p.set_defaults(handler=cmd_replies_bundle)


def _open(args: argparse.Namespace, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    return open_database(args.db, read_only=read_only)


def cmd_replies_export(args: argparse.Namespace) -> int:
    from planner.services.exchange.reply_export import export_reply_sheet, export_reply_sheets
    from planner.services.queries import resolve_outlet, resolve_project

    en = args.lang == "en"
    with _open(args, read_only=True) as db:
        project = resolve_project(db, args.project)
        if args.all:
            if not args.output.is_dir():
                raise CliError(f"文件夹不存在 / folder does not exist: {args.output}")
            paths = export_reply_sheets(db, project.id, args.output, args.lang)
            for path in paths:
                print(path)
            print(f"{len(paths)} reply sheets" if en else f"共 {len(paths)} 份回执表")
            return 0
        if args.output.suffix.lower() != ".xlsx":
            raise CliError(f"输出文件应以 .xlsx 结尾 / the output must end in .xlsx: {args.output}")
        if not args.output.parent.resolve().is_dir():
            raise CliError(f"文件夹不存在 / folder does not exist: {args.output.parent}")
        outlet = resolve_outlet(db, args.outlet)
        count = export_reply_sheet(db, project.id, outlet.id, args.output, args.lang)
    print(f"{args.output}: {outlet.name}, {count} {'assignments' if en else '项任务'}")
    return 0


def cmd_replies_bundle(args: argparse.Namespace) -> int:
    from planner.services.exchange.reply_import import export_reply_bundle
    from planner.services.queries import resolve_outlet, resolve_project

    if args.output.suffix.lower() not in (".jcp", ".zip"):
        raise CliError(f"输出文件应以 .jcp 结尾 / the output must end in .jcp: {args.output}")
    with _open(args, read_only=True) as db:
        project = resolve_project(db, args.project)
        outlet = resolve_outlet(db, args.outlet)
        manifest = export_reply_bundle(db, project.id, outlet.id, args.output)
    n = manifest["counts"]["assignments"]
    print(f"{args.output}: {outlet.name}, {n} {'assignments' if args.lang == 'en' else '项任务'}")
    return 0


def cmd_replies_import(args: argparse.Namespace) -> int:
    from planner.services.exchange.replies import plan_replies, resolve_replies
    from planner.services.exchange.reply_import import apply_replies
    from planner.services.exchange.reply_sheet_read import read_reply_sheet

    sheet = read_reply_sheet(args.file)
    with _open(args, read_only=args.dry_run) as db:
        plan = plan_replies(db, sheet)
        undecided = 0 if args.prefer else sum(len(i.conflicts) for i in plan.conflicts)
        blocked = bool(plan.problems) and not args.partial
        written = None
        if not args.dry_run and not undecided and not blocked and plan.writes:
            written, _applied = apply_replies(db, plan, prefer=args.prefer)
        elif args.prefer:
            resolve_replies(plan, None, args.prefer)
    if args.json:
        _print_json(args, plan, written is not None, undecided)
    else:
        _print_report(args, plan, written is not None, undecided, blocked)
    return 1 if undecided or blocked else 0


def _print_report(args: argparse.Namespace, plan, written: bool, undecided: int, blocked: bool) -> None:  # type: ignore[no-untyped-def]
    from planner.cli.exchange_cmds import _when
    from planner.services.exchange.records import field_label

    en = args.lang == "en"
    lang = "en" if en else "zh"
    who = plan.merge.desk_name
    print(f"{'Replies from' if en else '回执来自'} {who}: {plan.project_title}")
    changed = sum(1 for i in plan.merge.items if i.take and not i.conflicts)
    counts = (("changed", "修改", changed), ("new people", "新增人员", len(plan.new_people)),
              ("new notes", "新备注", len(plan.notes)),
              ("unchanged", "未变", plan.unchanged), ("rows with problems", "有误", len(plan.problems)),
              ("conflicts", "冲突", len(plan.conflicts)))
    print("  " + "  ".join(f"{en_word if en else zh_word} {n}" for en_word, zh_word, n in counts))
    for problem in plan.problems:
        print(f"  {problem.text(lang)}")
    for item in plan.merge.items:
        if item.take and not item.conflicts:
            fields = ", ".join(field_label(f, lang) for f in item.take)
            print(f"  {'changes' if en else '修改'}: {item.label} ({fields})")
    for person in plan.new_people:
        print(f"  {'new person' if en else '新增人员'}: {person.name} {person.phone}".rstrip())
    for note in plan.notes:
        print(f"  {'new note' if en else '新备注'}: {note.label}: {note.body}")
    mine_word, theirs_word = ("mine", "reply") if en else ("本地", "回执")
    for item in plan.conflicts:
        print(f"  [{'conflict' if en else '冲突'}] {item.label}")
        for c in item.conflicts:
            print(f"    {field_label(c.field, lang)}: {mine_word} = {plan.merge.show(c.mine, lang)} "
                  f"({item.mine_who}, {_when(item.mine_when, lang)}); {theirs_word} = {plan.merge.show(c.theirs, lang)} "
                  f"({item.theirs_who}, {_when(item.theirs_when, lang)})")
    if args.dry_run:
        print("dry run: nothing written" if en else "预览：未写入任何数据")
    elif blocked:
        print(f"{len(plan.problems)} rows have problems; nothing written (--partial takes the other rows)" if en
              else f"{len(plan.problems)} 行有误，未写入任何数据（可用 --partial 导入其余各行）")
    elif undecided:
        print(f"{undecided} conflicts undecided; nothing written (use --prefer mine|theirs)" if en
              else f"{undecided} 处冲突未决定，未写入任何数据（可用 --prefer mine|theirs）")
    else:
        print(("imported" if written else "nothing to change") if en else ("已导入" if written else "无需更改"))


def _print_json(args: argparse.Namespace, plan, written: bool, undecided: int) -> None:  # type: ignore[no-untyped-def]
    from planner.cli.output import print_json

    lang = "en" if args.lang == "en" else "zh"
    print_json({
        "outlet": plan.outlet_name, "signer": plan.sheet.signer, "project": plan.project_title,
        "dry_run": args.dry_run, "written": written, "unresolved": undecided, "unchanged": plan.unchanged,
        "changes": [{"id": str(i.local_id), "label": i.label, "fields": {k: _plain(v) for k, v in i.take.items()}}
                    for i in plan.merge.items if i.take],
        "new_people": [{"name": p.name, "phone": p.phone} for p in plan.new_people],
        "new_notes": [{"id": str(n.assignment_id), "label": n.label, "body": n.body} for n in plan.notes],
        "problems": [{"row": p.row, "stage": p.stage, "reason": p.reason, "text": p.text(lang)} for p in plan.problems],
        "conflicts": [{"id": str(i.local_id), "label": i.label, "field": c.field, "mine": _plain(c.mine),
                       "theirs": _plain(c.theirs), "mine_by": i.mine_who, "mine_at": i.mine_when,
                       "theirs_by": i.theirs_who, "theirs_at": i.theirs_when}
                      for i in plan.conflicts for c in i.conflicts],
    })


def _plain(value):  # type: ignore[no-untyped-def]
    from planner.services.exchange.records import plain

    value = plain(value)
    if isinstance(value, dict) and "deleted" in value:
        return value["deleted"][1]
    return value
