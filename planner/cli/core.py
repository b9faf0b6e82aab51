"""Core commands: init, demo, synth, list, show, erase, import."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from planner.cli import CliError, add_db_argument
from planner.cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create an empty database / 新建空数据库")
    add_db_argument(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="create a database filled with demo data / 生成演示数据")
    add_db_argument(p)
    p.add_argument("--force", action="store_true", help="replace an existing file / 覆盖已有文件")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("synth", help="add synthetic scale data / 生成大规模合成数据")
    add_db_argument(p)
    p.add_argument("--outlets", type=int, default=300)
    p.add_argument("--projects", type=int, default=1000)
    p.add_argument("--stages", type=int, default=20)
    p.add_argument("--per-stage", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_synth)

    p = sub.add_parser("list", help="list projects, outlets, alliances or people / 列表")
    p.add_argument("what", choices=["projects", "outlets", "alliances", "people"])
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one project with stages and assignments / 查看项目")
    p.add_argument("what", choices=["project"])
    p.add_argument("ref", help="id, code or exact title / 编号、代码或完整标题")
    add_db_argument(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("erase", help="erase a person's personal data / 清除个人信息")
    p.add_argument("what", choices=["person"])
    p.add_argument("ref", help="id, its first 8 characters, or exact name — also of a deleted person / 编号或姓名")
    add_db_argument(p)
    p.add_argument("--purge-backups", action="store_true",
                   help="also delete the automatic backups made before, which still hold the data / 同时删除此前的自动备份")
    p.set_defaults(handler=cmd_erase)

    p = sub.add_parser("import", help="import outlets from CSV/XLSX / 导入媒体单位")
    p.add_argument("what", choices=["outlets"])
    p.add_argument("file", type=Path)
    add_db_argument(p)
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing / 仅检查")
    p.add_argument("--partial", action="store_true", help="import the good rows even if some are bad / 跳过错误行")
    p.set_defaults(handler=cmd_import)


def _open(args: argparse.Namespace, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    return open_database(args.db, read_only=read_only)


def cmd_init(args: argparse.Namespace) -> int:
    with _open(args) as db:
        print(("已创建 " if db.created else "已存在 ") + db.label if args.lang == "zh" else
              ("created " if db.created else "exists ") + db.label)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """A demo database. A file is built beside its target and moved into place when complete,
    under the target's lock: ``--force`` on a file another program has open says "in use" and
    deletes nothing; a full disk leaves no half-built file (the replaced one is backed up first)."""
    from planner.services.demo import load_demo
    from planner.services.queries import counts

    if args.db and "://" not in str(args.db):
        from planner.store.replace import build_database

        target = Path(args.db).expanduser().resolve()
        if target.exists() and not args.force:
            raise CliError(f"{args.db} 已存在（用 --force 覆盖）" if args.lang == "zh" else
                           f"{args.db} already exists (use --force to replace it)")
        made = build_database(target, load_demo, replace=args.force)
        print(" ".join(f"{k}={v}" for k, v in made.items()), target)
        return 0
    with _open(args) as db:
        if counts(db)["outlets"]:
            raise CliError(f"{db.label} 不是空数据库" if args.lang == "zh" else f"{db.label} is not empty")
        made = load_demo(db)
        print(" ".join(f"{k}={v}" for k, v in made.items()), db.label)
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from planner.services.synth import synth

    with _open(args) as db:
        t0 = time.perf_counter()
        made = synth(db, outlets=args.outlets, projects=args.projects, stages=args.stages,
                     per_stage=args.per_stage, seed=args.seed)
        seconds = time.perf_counter() - t0
    rate = made["assignments"] / seconds if seconds else 0
    print(" ".join(f"{k}={v}" for k, v in made.items()), f"seconds={seconds:.2f}", f"assignments/s={rate:,.0f}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from planner.services import queries

    lang = "en" if args.lang == "en" else "zh"
    with _open(args, read_only=True) as db:
        if args.what == "projects":
            items = queries.list_projects(db)
            if args.json:
                print_json([{**_project(s.project), "stages": s.stages, "assignments": s.assignments,
                             "outlets": s.outlets} for s in items])
            else:
                print_table(["code", "title", "kind", "status", "starts", "stages", "assignments"],
                            [[s.project.code, s.project.title, s.project.kind.label(lang), s.project.status.label(lang),
                              s.project.starts_on or "", s.stages, s.assignments] for s in items])
        elif args.what == "outlets":
            outlets = queries.list_outlets(db)
            if args.json:
                print_json(outlets)
            else:
                from planner.domain.places import places

                print_table(["name", "short", "tier", "place", "platform"],
                            [[o.name, o.short_name, o.tier.label(lang), places().label(o.adcode), o.platform] for o in outlets])
        elif args.what == "alliances":
            alliances = queries.list_alliances(db)
            members = queries.list_memberships(db)
            count = {a.id: sum(1 for m in members if m.alliance_id == a.id) for a in alliances}
            if args.json:
                print_json([{**_plain(a), "members": count[a.id]} for a in alliances])
            else:
                print_table(["name", "kind", "founded", "members"],
                            [[a.name, a.kind.label(lang), a.founded_on or "", count[a.id]] for a in alliances])
        else:
            people = queries.list_people(db)
            names = {o.id: o.name for o in queries.list_outlets(db)}
            if args.json:
                print_json([{**_plain(p), "outlet": names.get(p.outlet_id, "")} for p in people])
            else:
                print_table(["name", "role", "outlet", "phone"],
                            [[p.name, p.role.label(lang), names.get(p.outlet_id, ""), p.phone] for p in people])
    return 0


def _plain(row: object) -> dict:
    from planner.cli.output import jsonable

    return jsonable(row)  # type: ignore[no-any-return]


def _project(p: object) -> dict:
    return _plain(p)


def cmd_show(args: argparse.Namespace) -> int:
    from planner.domain.timefmt import fmt_datetime
    from planner.services import queries

    lang = "en" if args.lang == "en" else "zh"
    with _open(args, read_only=True) as db:
        project = queries.resolve_project(db, args.ref)
        plan = queries.load_plan(db, project.id)
    if args.json:
        print_json({
            "project": plan.project,
            "stages": plan.stages,
            "assignments": [{**_plain(a), "outlet": plan.outlets[a.outlet_id].name,
                             "people": [plan.people[p].name for p in a.person_ids if p in plan.people]}
                            for a in plan.assignments],
        })
        return 0
    p = plan.project
    print(f"{p.title}  [{p.code}]  {p.kind.label(lang)} · {p.status.label(lang)}")
    if p.summary:
        print(p.summary)
    stage_title = {s.id: s.title for s in plan.stages}
    for st in plan.stages:
        rows = plan.assignments_for_stage(st.id)
        print(f"\n{st.position}. {st.title} ({st.kind.label(lang)})  {fmt_datetime(st.starts_at, lang)}")
        for a in rows:
            people = "、".join(plan.people[x].name for x in a.person_ids if x in plan.people)
            print(f"   - {plan.outlets[a.outlet_id].name}  {a.role.label(lang)}·{a.format.label(lang)}  "
                  f"{a.status.label(lang)}  {people}")
        if not rows:
            print("   （无人报道 / not covered）")
    del stage_title
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase a person's phone and e-mail (and a deleted person's name) from the record and the change log."""
    from planner.services import files
    from planner.services.people import erasable_people, erase_personal_data

    zh = args.lang != "en"
    with _open(args) as db:
        ref = args.ref.strip()
        found = [p for p in erasable_people(db) if str(p.id) == ref.lower() or p.name == ref
                 or (len(ref) >= 8 and str(p.id).startswith(ref.lower()))]
        if not found:
            raise CliError(f"找不到人员：{ref}" if zh else f"No person found: {ref}")
        if len(found) > 1:
            raise CliError(f"{ref} 对应多个人员，请改用编号。" if zh else f"{ref} matches several people; use the id.")
        person = found[0]
        erase_personal_data(db, person.id)
        purged = files.purge_backups(db) if args.purge_backups and db.path is not None else 0
        left = len(files.list_backups(db)) if db.path is not None else 0
    if zh:
        print(f"已清除“{person.name}”的个人信息（{'姓名、' if person.deleted else ''}电话、邮箱），变更记录中的也已清除。")
        if purged:
            print(f"已删除 {purged} 个较早的自动备份。")
        elif left:
            print(f"还有 {left} 个较早的自动备份含有这些信息；加 --purge-backups 可一并删除。")
    else:
        print(f"Erased the personal data of {person.name} ({'name, ' if person.deleted else ''}phone, e-mail), "
              "in the change log too.")
        if purged:
            print(f"Deleted {purged} older automatic backups.")
        elif left:
            print(f"{left} older automatic backups still hold it; add --purge-backups to delete them too.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from planner.services.importing import import_outlets

    with _open(args) as db:
        lang = "en" if args.lang == "en" else "zh"
        if not args.dry_run:  # check first, then back up (as the app does), then write
            from planner.services.files import backup_now

            checked = import_outlets(db, args.file, dry_run=True, partial=args.partial, lang=lang)
            if checked.created:
                backup_now(db, "before-import")
        report = import_outlets(db, args.file, dry_run=args.dry_run, partial=args.partial, lang=lang)
    for lineno, message in report.problems:
        print(f"  {lineno}: {message}", file=sys.stderr)
    verb = "would import" if report.dry_run else "imported"
    print(f"{verb} {report.created} of {report.rows} rows; {len(report.problems)} problems")
    return 0
