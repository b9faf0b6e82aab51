"""``planner-cli suggest``: staffing suggestions that close a project's holes, and applying them;
``planner-cli emergency``: the emergency fast path (a place and a time → a staffed plan and its sheets).

Without ``--apply`` the database is opened read-only and nothing is written. With ``--apply`` every
suggestion is written as a planned assignment in one transaction with one change-log entry, and
what was added is printed.
"""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli import CliError, add_db_argument
from planner.cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="staffing suggestions for a project's gaps / 补位建议")
    add_db_argument(p)
    p.add_argument("--project", required=True, metavar="REF", help="project id, code or title / 项目")
    p.add_argument("--stages", action="append", default=[], metavar="REF,…",
                   help="only these stages: titles, positions or ids, comma-separated or repeated / 仅这些环节")
    p.add_argument("--weights", metavar="K=V,…", default=None,
                   help="travel, load, cross_province, vertical, isolated (0–10; default "
                        "travel=1,load=1,cross_province=0.5,vertical=0.5,isolated=0.5) / 权重")
    p.add_argument("--alliance", action="append", default=[], metavar="REF",
                   help="only members of this alliance (repeatable) / 仅限联合体成员")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                   help="solver time limit; the best found is returned when it is reached (default 10) / 求解时限")
    p.add_argument("--apply", action="store_true", help="write the suggestions (one change-log entry) / 采纳全部建议")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suggest)

    e = sub.add_parser("emergency", help="new emergency coverage: a place and a time, staffed / 新建突发联动")
    add_db_argument(e)
    e.add_argument("--place", required=True, metavar="PLACE", help="where it happened: place name or code / 事发地点")
    e.add_argument("--at", default=None, metavar="TIME", help="when, e.g. '2026-07-01 14:30' (default now) / 事发时间")
    e.add_argument("--title", default=None, help="project title (default: place + time) / 项目标题")
    e.add_argument("--code", default=None, help="project code / 项目编号")
    e.add_argument("--alliance", action="append", default=[], metavar="REF",
                   help="only members of this alliance (repeatable) / 仅限联合体成员")
    e.add_argument("--sheets", default=None, metavar="FOLDER",
                   help="write one reply sheet per outlet into this folder / 导出回执表")
    e.add_argument("--dry-run", action="store_true", help="show the proposal, write nothing / 只看方案")
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=cmd_emergency)


def _lang(args: argparse.Namespace) -> str:
    return "en" if args.lang == "en" else "zh"


def _stage_refs(values: list[str]) -> list[str]:
    refs: list[str] = []
    for value in values:
        refs.extend(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
    return refs


def _suggestion_json(s: Any, lang: str) -> dict[str, Any]:
    from planner.graph.staffing import suggestion_text

    return {
        "key": s.key, "stage_id": s.stage_id, "stage": s.stage_title, "position": s.stage_position,
        "outlet_id": s.outlet_id, "outlet": s.outlet_name, "role": s.role.value, "format": s.format.value,
        "fills": s.fills, "due_at": s.due_at, "person_ids": s.person_ids, "people": s.person_names,
        "text": suggestion_text(s, lang), "text_zh": suggestion_text(s, "zh"), "text_en": suggestion_text(s, "en"),
        "reasons": [{"code": r.code, "params": r.params} for r in s.reasons], "cost": s.cost,
    }


def cmd_suggest(args: argparse.Namespace) -> int:
    from planner.graph.staffing import Weights, note_text, unfilled_text
    from planner.graph.staffing.explain import clause_text
    from planner.services import queries
    from planner.services.suggestions import apply_suggestions, suggest_staffing
    from planner.store.database import open_database

    lang = _lang(args)
    if not 0 < args.time_limit <= 600:
        raise CliError("--time-limit must be above 0 and at most 600 seconds / 求解时限应在 0–600 秒之间")
    weights = Weights.parse(args.weights)
    with open_database(args.db, read_only=not args.apply) as db:
        project = queries.resolve_project(db, args.project)
        alliances = [queries.resolve_alliance(db, ref).id for ref in args.alliance]
        result = suggest_staffing(db, project.id, stage_refs=_stage_refs(args.stages), alliance_ids=alliances,
                                  weights=weights, time_limit=args.time_limit)
        applied = None
        if args.apply and result.suggestions:
            applied = apply_suggestions(db, project_id=project.id, suggestions=result.suggestions)
    added = {(a.stage_id, a.outlet_id, a.role, a.format): a.id for a in (applied.rows if applied else ())}
    if args.json:
        print_json({
            "project_id": project.id, "project": project.title, "status": result.status, "holes": result.holes,
            "objective": round(result.objective, 4), "greedy_objective": round(result.greedy_objective, 4),
            "solver_seconds": round(result.solver_seconds, 4), "weights": result.weights.as_dict(),
            "suggestions": [_suggestion_json(s, lang) for s in result.suggestions],
            "unfilled": [{"stage_id": u.stage_id, "stage": u.stage_title, "format": u.format.value if u.format else None,
                          "role": u.role.value, "cause": u.cause, "excluded": u.excluded, "considered": u.considered,
                          "text": unfilled_text(u, lang)} for u in result.unfilled],
            "notes": [note_text(n, lang) for n in result.notes],
            "applied": [{"id": aid, "stage_id": sid, "outlet_id": oid, "role": role.value, "format": fmt.value}
                        for (sid, oid, role, fmt), aid in added.items()],
        })
        return 0
    en = lang == "en"
    print(f"{project.title}  [{project.code}]" if project.code else project.title)
    for n in result.notes:
        print(note_text(n, lang))
    if result.status == "nothing_to_do":
        print("No gaps to fill: every stage has a lead and every required format." if en
              else "没有需要补位的缺口：每个环节都有主办单位和项目要求的全部报道形式。")
        return 0
    if result.suggestions:
        headers = ["stage", "outlet", "role", "format", "people", "why"] if en else \
            ["环节", "单位", "角色", "形式", "人员", "理由"]
        print_table(headers, [[s.stage_title, s.outlet_name, s.role.label(lang), s.format.label(lang),
                               ("、" if not en else ", ").join(s.person_names),
                               (", " if en else "，").join(clause_text(r, lang) for r in s.reasons if r.code != "people")]
                              for s in result.suggestions])
    for u in result.unfilled:
        print(("Open: " if en else "未补：") + unfilled_text(u, lang))
    gain = result.improvement * 100
    if en:
        print(f"{len(result.suggestions)} suggestions for {result.holes} holes; objective {result.objective:.2f} "
              f"(greedy baseline {result.greedy_objective:.2f}, {gain:.0f}% better); solver {result.solver_seconds:.2f} s")
    else:
        print(f"{result.holes} 处缺口，{len(result.suggestions)} 条建议；目标值 {result.objective:.2f}"
              f"（逐项挑选基线 {result.greedy_objective:.2f}，优 {gain:.0f}%）；求解 {result.solver_seconds:.2f} 秒")
    if args.apply:
        if not added:
            print("Nothing applied." if en else "没有可采纳的建议，未作任何改动。")
            return 0
        print(f"Added {len(added)} assignments (one change-log entry):" if en
              else f"已新增 {len(added)} 项任务（记为一条修改记录）：")
        for s in result.suggestions:
            aid = added.get((s.stage_id, s.outlet_id, s.role, s.format))
            print(f"  {str(aid)[:8]}  {s.stage_title} · {s.outlet_name} · {s.role.label(lang)} · {s.format.label(lang)}")
    return 0


def cmd_emergency(args: argparse.Namespace) -> int:
    """A place and a time → the emergency template's stages, the nearest live-and-short-video outlets."""
    from planner.graph.staffing import unfilled_text
    from planner.services import queries
    from planner.services.emergency import MUST_PRODUCE, create_emergency, draft_emergency
    from planner.store.database import open_database

    lang = _lang(args)
    en = lang == "en"
    if args.dry_run and args.sheets:
        raise CliError("--sheets needs the project written: leave out --dry-run / 导出回执表需要先建立项目，请去掉 --dry-run")
    with open_database(args.db, read_only=args.dry_run) as db:
        alliances = [queries.resolve_alliance(db, ref).id for ref in args.alliance]
        draft = draft_emergency(db, place=args.place, at=args.at, title=args.title, code=args.code,
                                alliance_ids=alliances, lang=lang)
        result = draft.result
        project_id = None
        sheets: list = []
        if not args.dry_run:
            project_id = create_emergency(db, draft).row.id
            if args.sheets and result.suggestions:
                from planner.services.exchange.reply_export import export_reply_sheets

                sheets = export_reply_sheets(db, project_id, args.sheets, lang)
    if args.json:
        print_json({
            "project_id": project_id, "title": draft.project.title, "place": draft.place_name, "at": draft.at,
            "written": project_id is not None, "status": result.status, "solver_seconds": round(result.solver_seconds, 4),
            "stages": [{"id": st.id, "position": st.position, "title": st.title, "starts_at": st.starts_at,
                        "ends_at": st.ends_at} for st in draft.stages],
            "suggestions": [_suggestion_json(s, lang) for s in result.suggestions],
            "unfilled": [unfilled_text(u, lang, MUST_PRODUCE) for u in result.unfilled],
            "sheets": [str(p) for p in sheets],
        })
        return 0
    print(draft.project.title)
    rows = []
    for st in draft.stages:
        for s in (x for x in result.suggestions if x.stage_id == st.id):
            rows.append([f"{st.position}. {st.title}", f"{st.starts_at:%m-%d %H:%M}", s.outlet_name,
                         s.role.label(lang), s.format.label(lang)])
    if rows:
        print_table(["stage", "starts", "outlet", "role", "format"] if en else ["环节", "开始", "单位", "角色", "形式"], rows)
    for u in result.unfilled:
        print(("Open: " if en else "未补：") + unfilled_text(u, lang, MUST_PRODUCE))
    outlets = len({s.outlet_id for s in result.suggestions})
    if args.dry_run:
        print(f"Proposal only: {len(result.suggestions)} pieces from {outlets} outlets; nothing written." if en
              else f"仅为方案：{len(result.suggestions)} 项任务、{outlets} 家单位；未写入数据库。")
        return 0
    print(f"Created the project with {len(draft.stages)} stages and {len(result.suggestions)} pieces from {outlets} outlets."
          if en else f"已建立项目：{len(draft.stages)} 个环节，{len(result.suggestions)} 项任务、{outlets} 家单位。")
    for path in sheets:
        print(f"  {path}")
    return 0
