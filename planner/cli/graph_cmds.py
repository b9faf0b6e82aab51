"""Graph commands: ``graph`` (export a graph), ``gaps`` (analysis of a project), ``metrics``.

PNG and SVG come from the desktop app's renderer (Qt, imported lazily, offscreen when there is no
display); GraphML, GEXF and JSON need no Qt. Every file is written atomically.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner.cli import CliError, add_db_argument
from planner.cli.output import print_json

KINDS = ("coverage", "collaboration", "dependencies")
FORMATS = ("graphml", "gexf", "png", "svg", "json")


def _add_filters(p: argparse.ArgumentParser, *, many_projects: bool = True) -> None:
    add_db_argument(p)
    if many_projects:
        p.add_argument("--project", action="append", default=[], metavar="REF",
                       help="project id, code or title (repeatable) / 项目（可多次指定）")
    p.add_argument("--from", dest="start", metavar="DATE", help="period start, e.g. 2025-04-01 / 起始日期")
    p.add_argument("--to", dest="end", metavar="DATE", help="period end (inclusive) / 截止日期")
    p.add_argument("--alliance", metavar="REF", help="only members of this alliance / 仅限某联合体成员")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="export a coverage/collaboration/dependency graph / 导出图谱")
    _add_filters(p)
    p.add_argument("--kind", choices=KINDS, default="collaboration")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default=None,
                   help="default: from the file name / 默认按文件扩展名")
    p.add_argument("--layout", choices=("geographic", "layered", "spring"), default=None,
                   help="picture layout (png/svg) / 图片布局")
    p.add_argument("--color-by", choices=("tier", "province"), default="tier")
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=1000)
    p.add_argument("-o", "--output", type=Path, required=True, help="output file / 输出文件")
    p.set_defaults(handler=cmd_graph)

    p = sub.add_parser("gaps", help="gaps, clashes and risks of a project / 项目缺口与冲突")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF")
    p.add_argument("--travel-kmh", type=float, default=None,
                   help="travel speed for the travel-time rule (default: the database's setting, 80) / 行程速度")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_gaps)

    p = sub.add_parser("metrics", help="collaboration metrics and their reading / 协作指标与解读")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_metrics)


def _lang(args: argparse.Namespace) -> str:
    return "en" if args.lang == "en" else "zh"


def _scope(db: Any, args: argparse.Namespace) -> dict[str, Any]:
    from planner.domain.timefmt import parse_date
    from planner.services import queries

    start = parse_date(args.start, field="from") if args.start else None
    end = parse_date(args.end, field="to") if args.end else None
    if start and end and end < start:
        from planner.domain.errors import ValidationError

        raise ValidationError("end_before_start", field="to")
    projects = [queries.resolve_project(db, ref).id for ref in getattr(args, "project", []) or []]
    alliance = queries.resolve_alliance(db, args.alliance).id if args.alliance else None
    return {"project_ids": projects or None, "start": start, "end": end, "alliance_id": alliance}


def _format_of(args: argparse.Namespace) -> str:
    if args.fmt:
        return str(args.fmt)
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise CliError(f"--format is needed for {args.output.name} / 请用 --format 指定格式（{'|'.join(FORMATS)}）")


def cmd_graph(args: argparse.Namespace) -> int:
    from planner.atomic import write_bytes_atomic
    from planner.graph import collaboration as gc
    from planner.graph.io import graph_bytes
    from planner.services import queries
    from planner.store.database import open_database

    fmt = _format_of(args)
    if not args.output.parent.resolve().is_dir():
        raise CliError(f"folder does not exist / 文件夹不存在: {args.output.parent}")
    if args.width < 200 or args.height < 200 or args.width > 10000 or args.height > 10000:
        raise CliError("--width/--height must be 200–10000 / 图片尺寸应在 200–10000 之间")
    with open_database(args.db, read_only=True) as db:
        scope = _scope(db, args)
        if args.kind == "dependencies":
            if not scope["project_ids"] or len(scope["project_ids"]) != 1:
                raise CliError("--kind dependencies needs exactly one --project / 依赖图需要指定一个项目")
            G = gc.build_dependency_dag(queries.load_plan(db, scope["project_ids"][0]))
        elif args.kind == "coverage":
            G = gc.build_coverage_graph(db, **scope)
        else:
            G = gc.build_collaboration_graph(db, **scope)
    if fmt in ("png", "svg"):
        from planner.ui.graph.render import render_graph_image

        layout = args.layout or ("layered" if args.kind != "collaboration" else "geographic")
        data = render_graph_image(G, kind=args.kind, layout=layout, fmt=fmt, width=args.width, height=args.height,
                                  lang=_lang(args), color_by=args.color_by)
    else:
        data = graph_bytes(G, fmt)
    write_bytes_atomic(args.output, data)
    print(f"{args.output}  nodes={G.number_of_nodes()} edges={G.number_of_edges()} format={fmt}")
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    from planner.domain.findings import finding_text
    from planner.graph.analysis import analyze_plan
    from planner.services import queries
    from planner.services.settings import TRAVEL_KMH_RANGE, travel_kmh
    from planner.store.database import open_database

    low, high = TRAVEL_KMH_RANGE
    if args.travel_kmh is not None and not low <= args.travel_kmh <= high:
        raise CliError(f"--travel-kmh must be between {low:g} and {high:g} / 行程速度应在 {low:g}–{high:g} 之间")
    lang = _lang(args)
    with open_database(args.db, read_only=True) as db:
        project = queries.resolve_project(db, args.project)
        plan = queries.load_plan(db, project.id)
        kmh = args.travel_kmh if args.travel_kmh is not None else travel_kmh(db)
        findings = analyze_plan(plan, travel_kmh=kmh, open_counts=queries.open_assignment_counts(db))
    if args.json:
        print_json([{
            "kind": f.kind.value, "severity": f.severity.value, "text": finding_text(f, lang),
            "text_zh": finding_text(f, "zh"), "text_en": finding_text(f, "en"), "params": f.params,
            "stage_ids": f.stage_ids, "assignment_ids": f.assignment_ids, "outlet_ids": f.outlet_ids,
            "person_ids": f.person_ids,
        } for f in findings])
        return 0
    print(f"{project.title}  [{project.code}]")
    if not findings:
        print("No gaps or clashes." if lang == "en" else "没有发现缺口或冲突。")
        return 0
    for f in findings:
        print(f"[{f.severity.label(lang)}] {finding_text(f, lang)}")
    from planner.domain.findings import Severity

    counts = [(s, sum(1 for f in findings if f.severity is s)) for s in Severity]
    print("; ".join(f"{s.label(lang)} {n}" for s, n in counts if n))
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    from planner.graph.collaboration import alliance_members, build_collaboration_graph
    from planner.graph.metrics import compute_metrics
    from planner.store.database import open_database

    lang = _lang(args)
    with open_database(args.db, read_only=True) as db:
        scope = _scope(db, args)
        G = build_collaboration_graph(db, **scope)
        members = alliance_members(db, scope["alliance_id"]) if scope["alliance_id"] else None
    m = compute_metrics(G, members=members)
    if args.json:
        print_json(m.to_dict())
        return 0
    for line in m.reading(lang):
        print(line)
    return 0
