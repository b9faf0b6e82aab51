"""Exchange commands: ``bundle export|import`` and ``export ics|assignments``.

``bundle import`` prints what the merge does (added, updated, unchanged, kept, conflicts field by
field) and writes nothing while a conflict is undecided unless ``--prefer mine|theirs`` is given.
The ``export`` group is shared with :mod:`planner.cli.export_cmds` through its ``command_group``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli import CliError, add_db_argument

_ACTIONS = {
    "add": ("新增", "added"), "update": ("采用对方", "updated from theirs"), "same": ("相同", "identical"),
    "keep": ("保留本地", "kept mine"), "conflict": ("冲突", "conflicts"), "delete": ("随对方删除", "deleted as theirs"),
    "restore": ("恢复", "restored"), "deleted_here": ("本地已删除", "deleted here"),
}


def register(sub: argparse._SubParsersAction) -> None:
    from planner.cli.export_cmds import command_group

    bundle = command_group(sub, "bundle", "exchange plan bundles (.jcp) between desks / 计划包交换")
    p = bundle.add_parser("export", help="write a project's plan bundle / 导出计划包")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF", help="project id, code or title / 项目")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.jcp")
    p.set_defaults(handler=cmd_bundle_export)

    p = bundle.add_parser("import", help="merge a plan bundle into the database / 导入并合并计划包")
    p.add_argument("file", type=Path, metavar="FILE.jcp")
    add_db_argument(p)
    p.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing / 仅预览")
    p.add_argument("--prefer", choices=["mine", "theirs"], help="decide every conflict this way / 冲突一律取本地或对方")
    p.add_argument("--same-project", action="store_true",
                   help="the local project with the same code and title is this project / 确认编号和标题相同的本地项目即为此项目")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(handler=cmd_bundle_import)

    register_export(command_group(sub, "export", "export documents / 导出文档"))

    from planner.cli.replies_cmds import register as register_replies

    register_replies(sub)


def register_export(export: argparse._SubParsersAction) -> None:
    """``export ics`` and ``export assignments`` under the shared ``export`` group."""
    p = export.add_parser("ics", help="calendar of stage times and deadlines (.ics) / 日历")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--outlet", metavar="REF", help="only this outlet's work / 仅此单位")
    who.add_argument("--person", metavar="REF", help="only this person's work / 仅此人")
    p.add_argument("--deadlines-as", choices=["event", "todo"], default="event",
                   help="deadlines as calendar events (default) or to-dos / 截稿时间写为事件或待办")
    p.add_argument("--alarm", metavar="MINUTES", default="30",
                   help="reminder this many minutes before each deadline and stage start, 0 for none "
                        "(default 30) / 提前提醒分钟数，0 为不提醒")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.ics")
    p.set_defaults(handler=cmd_export_ics)

    p = export.add_parser("assignments", help="assignments table (.csv/.xlsx) / 任务表")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(handler=cmd_export_assignments)


def _open(args: argparse.Namespace, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    return open_database(args.db, read_only=read_only)


def _check_out(path: Path, suffixes: tuple[str, ...]) -> None:
    if path.suffix.lower() not in suffixes:
        raise CliError(f"输出文件应以 {' 或 '.join(suffixes)} 结尾 / the output must end in {' or '.join(suffixes)}: {path}")
    if not path.parent.resolve().is_dir():
        raise CliError(f"文件夹不存在 / folder does not exist: {path.parent}")


def cmd_bundle_export(args: argparse.Namespace) -> int:
    from planner.services.exchange import export_bundle
    from planner.services.queries import resolve_project

    _check_out(args.output, (".jcp", ".zip"))
    with _open(args, read_only=True) as db:
        project = resolve_project(db, args.project)
        manifest = export_bundle(db, project.id, args.output)
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items() if v)
    print(f"{args.output}: {project.title} ({counts})")
    return 0


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from planner.services.exchange import BundleError, import_bundle, read_bundle

    bundle = read_bundle(args.file)
    with _open(args, read_only=args.dry_run) as db:
        try:
            result = import_bundle(db, bundle, dry_run=args.dry_run, prefer=args.prefer,
                                   same_project=args.same_project)
        except BundleError as err:
            if err.reason != "unresolved":
                raise
            result = import_bundle(db, bundle, dry_run=True, same_project=args.same_project)
    plan = result.plan
    # A dry run without --prefer reports the conflicts it cannot decide, like the real import would.
    unresolved = 0 if args.prefer else sum(len(i.conflicts) for i in plan.conflicts)
    if args.json:
        _print_json(args, result, unresolved)
    else:
        _print_report(args, result, unresolved)
    return 1 if unresolved else 0


def _print_json(args: argparse.Namespace, result, unresolved: int) -> None:  # type: ignore[no-untyped-def]
    from planner.cli.output import print_json
    from planner.services.exchange import chosen

    plan = result.plan
    print_json({
        "from_desk": plan.desk_name, "desk_id": plan.desk_id, "project": plan.project_title,
        "format_version": plan.format_version, "kind": plan.kind, "dry_run": args.dry_run, "stale": plan.stale,
        "written": result.written, "backup": str(result.backup) if result.backup else None,
        "summary": plan.summary(), "unresolved": unresolved,
        "conflicts": [
            {"entity": i.entity.value, "id": str(i.local_id), "label": i.label, "field": c.field,
             "mine": c.mine, "theirs": c.theirs, "mine_by": i.mine_who, "mine_at": i.mine_when,
             "theirs_by": i.theirs_who, "theirs_at": i.theirs_when,
             "chosen": chosen(i, c) if args.prefer else None}
            for i in plan.conflicts for c in i.conflicts
        ],
        "deleted": [{"entity": i.entity.value, "id": str(i.local_id), "label": i.label}
                    for i in plan.items if i.action == "delete"],
    })


def _print_report(args: argparse.Namespace, result, unresolved: int) -> None:  # type: ignore[no-untyped-def]
    from planner.services.exchange import chosen
    from planner.services.exchange.records import field_label

    en = args.lang == "en"
    lang = "en" if en else "zh"
    plan = result.plan
    head = "Bundle from" if en else "计划包来自"
    print(f"{head} {plan.desk_name}: {plan.project_title}")
    if plan.stale:
        print("  this bundle is older than one already imported from this desk; nothing in it is newer" if en
              else "  此计划包比已从该处导入的更早，其中没有更新的内容")
    print("  " + "  ".join(f"{_ACTIONS[a][1 if en else 0]} {n}" for a, n in plan.summary().items() if n or a in
                          ("add", "update", "conflict")))
    mine_word, theirs_word = ("mine", "theirs") if en else ("本地", "对方")
    for item in plan.conflicts:
        print(f"  [{item.entity.label(lang)}] {item.label} ({item.local_id})")
        for c in item.conflicts:
            decided = f" → {_choice_word(chosen(item, c), en)}" if args.prefer else ""
            print(f"    {field_label(c.field, lang)}: {mine_word} = {plan.show(c.mine, lang)} "
                  f"({item.mine_who}, {_when(item.mine_when, lang)}); {theirs_word} = {plan.show(c.theirs, lang)} "
                  f"({item.theirs_who}, {_when(item.theirs_when, lang)}){decided}")
    for item in plan.items:
        if item.action in ("delete", "deleted_here", "restore"):
            print(f"  {_ACTIONS[item.action][1 if en else 0]}: [{item.entity.label(lang)}] {item.label}")
    if args.dry_run:
        print("dry run: nothing written" if en else "预览：未写入任何数据")
        if unresolved:
            print(f"{unresolved} conflicts would need a decision (--prefer mine|theirs)" if en
                  else f"{unresolved} 处冲突需要决定（可用 --prefer mine|theirs）")
    elif unresolved:
        print(f"{unresolved} conflicts undecided; nothing written (use --prefer mine|theirs)" if en
              else f"{unresolved} 处冲突未决定，未写入任何数据（可用 --prefer mine|theirs）")
    else:
        print(("merged" if result.written else "nothing to change") if en
              else ("已合并" if result.written else "无需更改"))
        if result.backup:
            print(f"backup: {result.backup}" if en else f"合并前的备份：{result.backup}")


def _choice_word(choice: str, en: bool) -> str:
    return {"mine": ("本地", "mine"), "theirs": ("对方", "theirs")}[choice][1 if en else 0]


def _when(dt, lang: str = "zh") -> str:  # type: ignore[no-untyped-def]
    from planner.domain.timefmt import fmt_datetime

    return fmt_datetime(dt, lang) if dt else "?"


def _plan_for(db, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from planner.services.queries import load_plan, resolve_project

    project = resolve_project(db, args.project)
    return load_plan(db, project.id)


def cmd_export_ics(args: argparse.Namespace) -> int:
    from planner.export.ics import valid_alarm_minutes
    from planner.services.exports import export_calendar
    from planner.services.queries import resolve_outlet, resolve_person, resolve_project

    _check_out(args.output, (".ics",))
    alarm = valid_alarm_minutes(args.alarm)
    with _open(args, read_only=True) as db:
        project = resolve_project(db, args.project)
        outlet_id = resolve_outlet(db, args.outlet).id if args.outlet else None
        person_id = resolve_person(db, args.person).id if args.person else None
        count = export_calendar(db, project.id, args.output, outlet_id=outlet_id, person_id=person_id,
                                deadlines_as=args.deadlines_as, alarm_minutes=alarm, lang=args.lang)
    print(f"{args.output}: {count} {'entries' if args.lang == 'en' else '条日程'}")
    return 0


def cmd_export_assignments(args: argparse.Namespace) -> int:
    from planner.export.tables import write_table

    _check_out(args.output, (".csv", ".xlsx"))
    with _open(args, read_only=True) as db:
        plan = _plan_for(db, args)
    count = write_table(plan, args.output, lang=args.lang)
    print(f"{args.output}: {count} {'assignments' if args.lang == 'en' else '项任务'}")
    return 0
