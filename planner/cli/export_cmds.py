"""Export commands: ``export sheets``, ``export pack`` and ``report contribution``.

The ``export`` and ``report`` groups are shared with other command modules: :func:`command_group`
adds a subcommand to an existing group instead of declaring the group twice. The briefing pack's
graph picture is drawn by the Qt renderer when PySide6 and ``planner.ui.graph.render`` are
importable (offscreen); otherwise the pack says the picture is unavailable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner.cli import CliError, add_db_argument


def command_group(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """The sub-subcommand action of group ``name`` (``export``, ``report``…), created on first use."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        parser.add_subparsers(dest=f"{name}_command", metavar="WHAT", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"command {name!r} has no subcommands")


def register(sub: argparse._SubParsersAction) -> None:
    export = command_group(sub, "export", "export documents / 导出文档")
    p = export.add_parser("sheets", help="assignment sheets (.docx) per outlet or person / 任务单")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF", help="project id, code or title / 项目")
    p.add_argument("--outlet", metavar="REF", help="only this outlet / 仅此单位")
    p.add_argument("--person", metavar="REF", help="only this person (with --per person) / 仅此人")
    p.add_argument("--per", choices=["outlet", "person"], default="outlet", help="one sheet per outlet or person")
    p.add_argument("--template", type=Path, metavar="T", help="your own .docx template / 自定义模板")
    p.add_argument("--format", choices=["docx", "pdf", "png"], dest="fmt",
                   help="Word (default), PDF (through LibreOffice) or a long PNG for phones, 1080 px wide "
                        "(from the suffix of FILE unless given) / 格式：Word、PDF 或手机长图")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR|FILE",
                   help="a folder (one file per sheet) or FILE.docx|.pdf|.png (one file) / 输出文件夹或文件")
    p.set_defaults(handler=cmd_sheets)

    p = export.add_parser("pack", help="briefing pack (.docx) of a project / 策划方案")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF")
    p.add_argument("--template", type=Path, metavar="T")
    p.add_argument("--no-picture", action="store_true", help="leave out the network picture / 不绘制协作网络图")
    p.add_argument("--format", choices=["docx", "pdf"], dest="fmt",
                   help="Word (default) or PDF through LibreOffice (from the suffix unless given) / 格式")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.docx|FILE.pdf")
    p.set_defaults(handler=cmd_pack)

    report = command_group(sub, "report", "reports / 统计报告")
    p = report.add_parser("contribution", help="contribution per outlet (.docx/.xlsx/.csv) / 贡献度统计")
    add_db_argument(p)
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, e.g. 2025-01-01 / 起始日期")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day / 截止日期")
    p.add_argument("--alliance", metavar="REF", help="only this alliance's members / 仅此联合体")
    p.add_argument("--weights", metavar="K=V,...",
                   help="e.g. lead=3,support=2,syndicate=1,filed=1,published=2,partner=1,cross_province=2,vertical=1")
    p.add_argument("--template", type=Path, metavar="T", help="template for .docx output")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.docx|.pdf|.xlsx|.csv")
    p.set_defaults(handler=cmd_contribution)


def _open(args: argparse.Namespace) -> Any:
    from planner.store.database import open_database

    return open_database(args.db, read_only=True)


def _say(args: argparse.Namespace, zh: str, en: str) -> None:
    print(en if args.lang == "en" else zh)


def cmd_sheets(args: argparse.Namespace) -> int:
    from planner.services.exports import export_sheets
    from planner.services.queries import resolve_outlet, resolve_person, resolve_project

    if args.person and args.per != "person":
        raise CliError("--person 需配合 --per person / --person needs --per person")
    with _open(args) as db:
        project = resolve_project(db, args.project)
        outlet = resolve_outlet(db, args.outlet) if args.outlet else None
        person = resolve_person(db, args.person) if args.person else None
        fmt = args.fmt or (args.output.suffix.lower().lstrip(".") if args.output.suffix.lower() in (
            ".pdf", ".png") else None)
        if fmt == "png":
            files = _sheet_images(db, project.id, args, outlet.id if outlet else None, person.id if person else None)
        else:
            files = export_sheets(db, project.id, args.output, per=args.per, outlet_id=outlet.id if outlet else None,
                                  person_id=person.id if person else None, template=args.template, lang=args.lang,
                                  fmt=fmt)
    for f in files:
        print(f)
    _say(args, f"已导出 {len(files)} 个文件", f"{len(files)} file(s) written")
    return 0


def _sheet_images(db: Any, project_id: Any, args: argparse.Namespace, outlet_id: Any, person_id: Any) -> list[Any]:
    """The sheets as long PNGs for phones, drawn by the app's Qt code (offscreen)."""
    from planner.services.exports import export_sheet_images

    try:
        from planner.ui.export.longimage import sheet_images
    except ImportError:
        raise CliError("长图需要 PySide6（Qt）/ the long picture needs PySide6 (Qt)") from None
    return export_sheet_images(db, project_id, args.output, draw=sheet_images, per=args.per, outlet_id=outlet_id,
                               person_id=person_id, lang=args.lang)


def graph_renderer(lang: str) -> Any:
    """``G -> PNG bytes`` through the app's Qt renderer, or None when Qt or the renderer is missing."""
    try:
        from planner.ui.graph.render import paper_picture  # creates its own (offscreen) QApplication
    except ImportError:
        return None

    def render(G: Any) -> bytes:
        return paper_picture(G, lang=lang)

    return render


def cmd_pack(args: argparse.Namespace) -> int:
    from planner.services.exports import export_pack
    from planner.services.queries import resolve_project

    render = None if args.no_picture else graph_renderer(args.lang)
    with _open(args) as db:
        project = resolve_project(db, args.project)
        path = export_pack(db, project.id, args.output, template=args.template, lang=args.lang, render_graph=render,
                           fmt=args.fmt)
    print(path)
    return 0


def cmd_contribution(args: argparse.Namespace) -> int:
    from planner.domain.timefmt import parse_date
    from planner.export.contribution import Weights
    from planner.services.exports import export_contribution
    from planner.services.queries import resolve_alliance

    start = parse_date(args.start, field="from")
    end = parse_date(args.end, field="to")
    weights = Weights.parse(args.weights)
    with _open(args) as db:
        alliance = resolve_alliance(db, args.alliance) if args.alliance else None
        path = export_contribution(db, args.output, start=start, end=end, alliance_id=alliance.id if alliance else None,
                                   weights=weights, template=args.template, lang=args.lang)
    print(path)
    return 0
