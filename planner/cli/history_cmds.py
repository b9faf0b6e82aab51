"""``planner-cli history``: the change log of a project, of one record, or of the whole database."""

from __future__ import annotations

import argparse

from planner.cli import CliError, add_db_argument
from planner.cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="who changed what, when (the change log) / 修改历史")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--project", metavar="REF", help="one project with its stages, assignments and notes / 某个项目")
    scope.add_argument("--entity", metavar="ID", help="one record by id or the first 6+ characters of its id / 某条记录")
    p.add_argument("--from", dest="since", metavar="DATE", help="from this day (plan time) / 起始日期")
    p.add_argument("--to", dest="until", metavar="DATE", help="to this day, inclusive / 截止日期")
    p.add_argument("--desk", metavar="TEXT", default="", help="only changes by a desk whose name contains TEXT / 操作人")
    p.add_argument("--kind", action="append", default=[], metavar="KIND",
                   help="project, stage, assignment, note, outlet, person… (repeatable) / 对象类型")
    p.add_argument("--action", action="append", default=[], metavar="ACTION",
                   help="create, update, delete, restore, merge, import (repeatable) / 操作")
    p.add_argument("--limit", type=int, default=200, help="at most this many entries, newest first (default 200)")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_history)


def _enums(cls, texts: list[str], option: str, lang: str) -> tuple:  # type: ignore[no-untyped-def]
    out = []
    for text in texts:
        try:
            out.append(cls.parse(text))
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            raise CliError(f"{option} {text!r}: choose from {choices}" if lang == "en" else
                           f"{option} 的取值“{text}”无效，可选：{choices}") from None
    return tuple(out)


def cmd_history(args: argparse.Namespace) -> int:
    from planner.domain.enums import Action, Entity
    from planner.domain.timefmt import fmt_datetime, parse_date
    from planner.services import audit, queries
    from planner.store.database import open_database

    lang = "en" if args.lang == "en" else "zh"
    if not 1 <= args.limit <= 100_000:
        raise CliError("--limit must be between 1 and 100000" if lang == "en" else "--limit 应在 1–100000 之间")
    start, end = parse_date(args.since, field="from"), parse_date(args.until, field="to")
    if start and end and end < start:
        raise CliError("--to is before --from" if lang == "en" else "--to 早于 --from")
    since, until = audit.day_range(start, end)
    kinds = _enums(Entity, args.kind, "--kind", lang)
    actions = _enums(Action, args.action, "--action", lang)
    with open_database(args.db, read_only=True) as db:
        project_id = queries.resolve_project(db, args.project).id if args.project else None
        entity_id = audit.resolve_entity(db, args.entity) if args.entity else None
        flt = audit.HistoryFilter(project_id=project_id, entity_id=entity_id, desk=args.desk, since=since,
                                  until=until, kinds=kinds, actions=actions, limit=args.limit)
        entries = audit.history(db, flt, lang)
        texts = audit.describe(db, entries, lang)
    if args.json:
        print_json([{
            "id": e.id, "at": e.at, "desk": e.desk, "entity": e.entity, "entity_id": e.entity_id,
            "action": e.action, "label": e.label,
            "changes": [{"field": c.name, "label": t.label, "before": c.before, "after": c.after,
                         "before_text": t.before, "after_text": t.after} for c, t in zip(e.changes, texts[e.id], strict=True)],
        } for e in entries])
        return 0
    if not entries:
        print("没有符合条件的修改记录。" if lang == "zh" else "No changes match.")
        return 0
    arrow, sep = " → ", ("; " if lang == "en" else "；")
    colon = ": " if lang == "en" else "："
    rows = []
    for e in entries:
        if e.action.value == "update" or (e.before and e.after):
            what = sep.join(f"{t.label}{colon}{t.before}{arrow}{t.after}" for t in texts[e.id])
        else:
            what = sep.join(f"{t.label}{colon}{t.after or t.before}" for t in texts[e.id][:4])
            if len(texts[e.id]) > 4:
                what += sep + "…"
        rows.append([fmt_datetime(e.at, lang), e.desk, e.action.label(lang), e.entity.label(lang), e.label,
                     what[:160] + ("…" if len(what) > 160 else "")])
    headers = ["when", "who", "action", "kind", "record", "changes"] if lang == "en" else \
        ["时间", "操作人", "操作", "对象", "名称", "内容"]
    print_table(headers, rows)
    return 0
