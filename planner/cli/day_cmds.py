"""The desk's day on the command line: ``agenda`` (a schedule), ``due`` (what is due or overdue) and
``availability add|list|remove|import`` (when people cannot be sent).

Times are read and printed in the plan's time zone (Asia/Shanghai). A ``--to`` date without a time
means "through that day".
"""

from __future__ import annotations

import argparse
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.cli import CliError, add_db_argument
from planner.cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agenda", help="a person's, outlet's or project's schedule / 日程")
    add_db_argument(p)
    who = p.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="REF", help="person id or exact name / 人员")
    who.add_argument("--outlet", metavar="REF", help="outlet id, name or short name / 媒体单位")
    who.add_argument("--project", metavar="REF", help="project id, code or title / 项目")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day (default: today) / 起始日期")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, inclusive (default: six days later) / 截止日期")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_agenda)

    p = sub.add_parser("due", help="open work due soon or overdue / 到期与逾期任务")
    add_db_argument(p)
    p.add_argument("--within", metavar="DURATION", help="due from now within e.g. 48h, 2d, 90m, 1w / 时限")
    p.add_argument("--overdue", action="store_true", help="work past its deadline / 已逾期")
    p.add_argument("--outlet", metavar="REF", help="only this outlet's work / 仅某单位")
    p.add_argument("--now", metavar="TIME", help="reference time instead of now, e.g. '2026-12-26 08:00' / 参照时间")
    p.add_argument("--limit", type=int, default=200, help="at most this many rows per list (default 200)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_due)

    p = sub.add_parser("availability", help="people's unavailable periods and duty patterns / 人员不在岗时段")
    asub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = asub.add_parser("add", help="record a period (or a weekly pattern with --rule) / 登记")
    add_db_argument(a)
    a.add_argument("--person", required=True, metavar="REF")
    a.add_argument("--from", dest="start", required=True, metavar="TIME", help="e.g. 2026-12-24 or '2026-12-24 08:00'")
    a.add_argument("--to", dest="end", required=True, metavar="TIME", help="a date alone means through that day")
    a.add_argument("--kind", default="leave", help="leave|duty|training|other (休假/其他任务/培训/其他)")
    a.add_argument("--reason", default="", help="e.g. 年假 / 原因")
    a.add_argument("--rule", default="", metavar="RRULE", help="repeat, e.g. FREQ=WEEKLY;BYDAY=MO,WE / 重复规则")
    a.add_argument("--until", metavar="DATE", help="last day of the pattern / 重复截止")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_availability_add)

    a = asub.add_parser("list", help="list periods and patterns / 列出")
    add_db_argument(a)
    who = a.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="REF")
    who.add_argument("--outlet", metavar="REF")
    a.add_argument("--from", dest="start", metavar="DATE")
    a.add_argument("--to", dest="end", metavar="DATE")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_availability_list)

    a = asub.add_parser("remove", help="remove by id, or a person's periods inside --from/--to / 删除")
    add_db_argument(a)
    a.add_argument("id", nargs="?", help="id (or its first 8 characters) / 编号")
    a.add_argument("--person", metavar="REF")
    a.add_argument("--from", dest="start", metavar="TIME")
    a.add_argument("--to", dest="end", metavar="TIME")
    a.set_defaults(handler=cmd_availability_remove)

    a = asub.add_parser("import", help="import periods from an XLSX/CSV sheet (all or nothing) / 从表格导入")
    add_db_argument(a)
    a.add_argument("file", type=Path)
    a.add_argument("--dry-run", action="store_true", help="check only, write nothing / 仅检查")
    a.set_defaults(handler=cmd_availability_import)


# -- helpers -------------------------------------------------------------------------------------
def _lang(args: argparse.Namespace) -> str:
    return "en" if args.lang == "en" else "zh"


def _open(args: argparse.Namespace, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    return open_database(args.db, read_only=read_only)


def _start(value: str | None, field: str) -> datetime | None:
    from planner.domain.timefmt import parse_datetime

    return parse_datetime(value, field=field) if value else None


def _end(value: str | None, field: str) -> datetime | None:
    """A time, or a date meaning "through that day"."""
    if not value:
        return None
    from planner.domain.timefmt import parse_datetime
    from planner.services.availability_import import end_value

    return parse_datetime(end_value(value), field=field)


def _local(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    from planner.domain.timefmt import PLAN_TZ

    return dt.astimezone(PLAN_TZ).strftime(fmt) if dt else ""


def _iso(dt: datetime | None) -> str | None:
    from planner.domain.timefmt import PLAN_TZ

    return dt.astimezone(PLAN_TZ).isoformat() if dt else None


def _scope(db: Any, args: argparse.Namespace) -> Any:
    from planner.domain.agenda import Scope, ScopeKind
    from planner.services import queries

    if args.person:
        return Scope(ScopeKind.PERSON, queries.resolve_person(db, args.person).id)
    if args.outlet:
        return Scope(ScopeKind.OUTLET, queries.resolve_outlet(db, args.outlet).id)
    if args.project:
        return Scope(ScopeKind.PROJECT, queries.resolve_project(db, args.project).id)
    desk = db.desk_outlet_id  # the signed-in account's outlet on a shared server, else 设置's
    if desk is not None:
        return Scope(ScopeKind.OUTLET, desk)
    raise CliError("请用 --person、--outlet 或 --project 指定日程 / choose --person, --outlet or --project"
                   if args.lang != "en" else "choose --person, --outlet or --project (no desk outlet is set)")


# -- agenda --------------------------------------------------------------------------------------
def cmd_agenda(args: argparse.Namespace) -> int:
    from planner.domain.agenda import ItemKind, ScopeKind, clash_text
    from planner.domain.errors import ValidationError
    from planner.domain.timefmt import PLAN_TZ, day_start
    from planner.services.agenda import agenda

    lang = _lang(args)
    start = _start(args.start, "from") or day_start(datetime.now(PLAN_TZ).date())
    end = _end(args.end, "to") or start + timedelta(days=7)
    if end <= start:
        raise ValidationError("end_before_start", field="to")
    if end - start > timedelta(days=366):
        raise CliError("时间范围最长一年 / the period may be at most one year")
    with _open(args, read_only=True) as db:
        result = agenda(db, _scope(db, args), start, end)
    if args.json:
        print_json({
            "scope": {"kind": result.scope.kind.value, "id": result.scope.id, "label": result.label},
            "from": _iso(result.start), "to": _iso(result.end), "undated_stages": result.undated,
            "items": [{
                "kind": i.kind.value, "title": i.title, "start": _iso(i.start),
                "end": None if i.kind is ItemKind.DEADLINE or i.open_end else _iso(i.end),
                "project": i.project_title or None, "project_id": i.project_id, "stage_id": i.stage_id,
                "place": i.place or None, "time_tbc": i.time_tbc, "outlets": list(i.outlets), "people": list(i.people),
                "away_kind": i.away_kind.value if i.away_kind else None, "reason": i.reason or None,
                "deadlines": [{"assignment_id": d.assignment_id, "outlet": d.outlet, "format": d.format.value,
                               "status": d.status.value, "people": list(d.people)} for d in i.deadlines],
                "clashes": [clash_text(c, lang) for c in i.clashes],
            } for i in result.items],
        })
        return 0
    en = lang == "en"
    print(f"{result.label} · {_local(result.start, '%Y-%m-%d')} – {_local(result.end - timedelta(seconds=1), '%Y-%m-%d')}")
    if not result.items:
        print("No stages, deadlines or absences in this period." if en else "这段时间没有环节、截稿或不在岗安排。")
    day = None
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun") if en else "一二三四五六日"
    for item in result.items:
        local = max(item.start, result.start).astimezone(PLAN_TZ)
        if local.date() != day:
            day = local.date()
            label = f"{day:%Y-%m-%d} {weekdays[day.weekday()]}" if en else f"{day.month}月{day.day}日 周{weekdays[day.weekday()]}"
            print(f"\n{label}")
        print("  " + _agenda_line(item, lang, show_project=result.scope.kind is not ScopeKind.PROJECT))
        for c in item.clashes:
            print(("    ! " if en else "    ！") + clash_text(c, lang))
    if result.undated:
        print(f"\n{result.undated} stage(s) have no time yet." if en else f"\n另有 {result.undated} 个环节尚未确定时间。")
    return 0


def _agenda_line(item: Any, lang: str, *, show_project: bool = True) -> str:
    from planner.domain.agenda import ItemKind

    en = lang == "en"
    long = item.end - item.start >= timedelta(hours=20)
    when = _local(item.start, "%m-%d %H:%M" if long else "%H:%M")
    if item.kind is not ItemKind.DEADLINE and not item.open_end:
        when += "–" + _local(item.end, "%m-%d %H:%M" if long else "%H:%M")
    kind = item.kind.label(lang)
    if item.kind is ItemKind.AWAY:
        what = f"{item.title} {item.away_kind.label(lang) if item.away_kind else ''}"
        if item.reason:
            what += f" ({item.reason})" if en else f"（{item.reason}）"
        return f"{when:<23} {kind:<4} {what}"
    title = item.title + (" [TBC]" if en and item.time_tbc else ("（待定）" if item.time_tbc else ""))
    if item.kind is ItemKind.DEADLINE:
        n = len(item.deadlines)
        title += (f" ({n} piece{'s' if n != 1 else ''})" if en else f"（{n} 项）")
    parts = [title]
    if item.project_title and show_project:
        parts.append(item.project_title)
    sep = ", " if en else "、"
    for names, most in ((item.outlets, 4), (item.people, 6)):
        if names:
            parts.append(sep.join(names[:most]) + (sep + "…" if len(names) > most else ""))
    return f"{when:<23} {kind:<4} " + " · ".join(parts)


# -- due -----------------------------------------------------------------------------------------
def cmd_due(args: argparse.Namespace) -> int:
    from planner.domain.agenda import DueView
    from planner.services import assignment_queries as aq
    from planner.services import queries
    from planner.services.agenda import due_filter, merged_page, parse_within, upcoming_filter

    lang = _lang(args)
    en = lang == "en"
    now = _start(args.now, "now") or datetime.now(UTC)
    within = parse_within(args.within) if args.within else None
    show_overdue = args.overdue or within is None
    if within is None and not args.overdue:
        within = timedelta(hours=48)
    if args.limit < 1:
        raise CliError("--limit 至少为 1 / must be at least 1")
    with _open(args, read_only=True) as db:
        outlet_id = queries.resolve_outlet(db, args.outlet).id if args.outlet else None
        lists: list[tuple[str, Any, Any]] = []
        if show_overdue:
            lists.append(("overdue", DueView.OVERDUE.label(lang), due_filter(DueView.OVERDUE, now, outlet_id=outlet_id)))
        if within is not None:
            flt = upcoming_filter(now, within, outlet_id=outlet_id)
            lists.append(("within", _span_title(within, en), flt))
        out = []
        for key, title, flt in lists:
            total = aq.count_assignments(db, flt)
            rows = merged_page(db, flt, limit=args.limit)
            out.append((key, title, total, rows))
    if args.json:
        print_json({"now": _iso(now), **{key: {"count": total, "items": [{
            "assignment_id": r.id, "due_at": _iso(r.due_at), "project": r.project_title, "stage": r.stage_title,
            "outlet": r.outlet_name, "role": r.role.value, "format": r.format.value, "status": r.status.value,
            "people": list(r.people)} for r in rows]} for key, _t, total, rows in out}})
        return 0
    for n, (_key, title, total, rows) in enumerate(out):
        if n:
            print()
        print(f"{title}: {total}")
        if rows:
            headers = (["due", "project", "stage", "outlet", "format", "status", "people"] if en
                       else ["截稿", "项目", "环节", "单位", "形式", "状态", "人员"])
            print_table(headers, [[_local(r.due_at), r.project_title, r.stage_title, r.outlet_name,
                                   r.format.label(lang), r.status.label(lang), ("、" if not en else ", ").join(r.people)]
                                  for r in rows])
        if total > len(rows):
            print(f"… and {total - len(rows)} more (--limit)" if en else f"…… 另有 {total - len(rows)} 项（--limit）")
    return 0


def _span_title(within: timedelta, en: bool) -> str:
    minutes = int(within.total_seconds() // 60)
    if minutes % (24 * 60) == 0 and minutes > 48 * 60:
        n, zh, unit = minutes // (24 * 60), "天", "day"
    elif minutes % 60 == 0:
        n, zh, unit = minutes // 60, "小时", "hour"
    else:
        n, zh, unit = minutes, "分钟", "minute"
    return f"due within {n} {unit}{'s' if n != 1 else ''}" if en else f"{n} {zh}内到期"


# -- availability --------------------------------------------------------------------------------
def _availability_json(row: Any, names: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {"id": row.id, "person_id": row.person_id, "person": names.get(row.person_id, ""), "kind": row.kind.value,
            "from": _iso(row.starts_at), "to": _iso(row.ends_at), "rule": row.rule or None, "reason": row.reason}


def _print_availability(rows: list[Any], names: dict[uuid.UUID, str], lang: str) -> None:
    from planner.domain.availability import describe_rule

    en = lang == "en"
    headers = ["id", "person", "kind", "from", "to", "repeats", "reason"] if en else ["编号", "人员", "类型", "开始", "结束", "重复", "原因"]
    print_table(headers, [[r.id.hex[:8], names.get(r.person_id, ""), r.kind.label(lang), _local(r.starts_at),
                           _local(r.ends_at), describe_rule(r.rule, lang), r.reason] for r in rows])


def _person_names(db: Any) -> dict[uuid.UUID, str]:
    from planner.services import queries

    return {p.id: p.name for p in queries.list_people(db)}


def cmd_availability_add(args: argparse.Namespace) -> int:
    from planner.domain.availability import normalize_rule
    from planner.services import queries
    from planner.services.availability import create_availability
    from planner.services.availability_import import rule_until

    if args.until and not args.rule:
        raise CliError("--until 需要与 --rule 一起使用 / --until needs --rule")
    with _open(args) as db:
        person = queries.resolve_person(db, args.person)
        rule = rule_until(normalize_rule(args.rule), args.until) if args.rule else ""
        row = create_availability(db, person_id=person.id, kind=args.kind, starts_at=_start(args.start, "from"),
                                  ends_at=_end(args.end, "to"), rule=rule, reason=args.reason).row
        names = {person.id: person.name}
    if args.json:
        print_json(_availability_json(row, names))
    else:
        _print_availability([row], names, _lang(args))
    return 0


def cmd_availability_list(args: argparse.Namespace) -> int:
    from planner.services import queries
    from planner.services.availability import list_availability

    with _open(args, read_only=True) as db:
        person_id = queries.resolve_person(db, args.person).id if args.person else None
        outlet_id = queries.resolve_outlet(db, args.outlet).id if args.outlet else None
        rows = list_availability(db, person_id=person_id, outlet_id=outlet_id, start=_start(args.start, "from"),
                                 end=_end(args.end, "to"))
        names = _person_names(db)
    rows.sort(key=lambda r: (names.get(r.person_id, ""), r.starts_at))
    if args.json:
        print_json([_availability_json(r, names) for r in rows])
    elif rows:
        _print_availability(rows, names, _lang(args))
    else:
        print("No unavailable periods." if args.lang == "en" else "没有登记的不在岗时段。")
    return 0


def cmd_availability_remove(args: argparse.Namespace) -> int:
    from planner.domain.errors import NotFoundError, ValidationError
    from planner.services import queries
    from planner.services.availability import delete_availability, list_availability

    en = args.lang == "en"
    with _open(args) as db:
        names = _person_names(db)
        if args.id:
            ref = args.id.strip().lower().replace("-", "")
            rows = [r for r in list_availability(db) if r.id.hex.startswith(ref)] if len(ref) >= 8 else []
            if not rows:
                raise NotFoundError(what="不在岗时段", ref=args.id)
            if len(rows) > 1:
                raise ValidationError("ambiguous", what="不在岗时段", ref=args.id)
        elif args.person and args.start and args.end:
            person = queries.resolve_person(db, args.person)
            start, end = _start(args.start, "from"), _end(args.end, "to")
            rows = [r for r in list_availability(db, person_id=person.id, start=start, end=end)
                    if start <= r.starts_at and r.ends_at <= end]  # type: ignore[operator]
            if not rows:
                raise NotFoundError(what="不在岗时段", ref=f"{person.name} {args.start} – {args.end}")
        else:
            raise CliError("给出编号，或 --person 与 --from、--to / give an id, or --person with --from and --to")
        for r in rows:
            delete_availability(db, r.id, expected_version=r.version)
    print(f"removed {len(rows)}:" if en else f"已删除 {len(rows)} 项：")
    _print_availability(rows, names, _lang(args))
    return 0


def cmd_availability_import(args: argparse.Namespace) -> int:
    from planner.services.availability_import import import_availability

    with _open(args) as db:
        report = import_availability(db, args.file, dry_run=args.dry_run, lang=_lang(args))
    if args.lang == "en":
        print(f"{'would import' if report.dry_run else 'imported'} {report.created} of {report.rows} rows")
    else:
        print(f"{'可导入' if report.dry_run else '已导入'} {report.created} 行（共 {report.rows} 行）")
    return 0
