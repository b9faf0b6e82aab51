"""Every suggestion, open hole and note explained in plain Chinese or English.

"泸县融媒体中心：距宜宾东站 46 公里，具备直播，本期已用产能 2/5，与荣昌区融媒体中心首次合作" — a
suggestion carries :class:`~planner.graph.staffing.model.Reason` clauses (codes with names and
numbers); this module writes them out. Each sentence is wholly in one language.
"""

from __future__ import annotations

import contextlib
from typing import Any

from planner.domain.enums import Format, Role, Tier
from planner.graph.staffing.model import Reason, Suggestion, Unfilled

_CLAUSES: dict[str, tuple[str, str]] = {
    "lead": ("担任主办", "as lead"),
    "distance": ("距{stage} {km} 公里", "{km} km from {stage}"),
    "nearby": ("就在{stage}当地", "based where {stage} is"),
    "unknown_place": ("所在地无坐标，行程按 {hours} 小时计", "its place has no coordinates: travel counted as {hours} h"),
    "remote": ("转发稿件，无需到场", "syndicates, no travel needed"),
    "produces": ("具备{format}", "produces {format}"),
    "capacity": ("本期已用产能 {used}/{cap}", "capacity used {used}/{cap}"),
    "open_work": ("手头任务 {used} 项（未设产能上限）", "{used} open pieces (no capacity set)"),
    "first_with": ("与{partner}首次合作", "first joint work with {partner}"),
    "first_with_more": ("与{partner}等 {count} 家首次合作", "first joint work with {partner} and {more} others"),
    "first_with_one_more": ("与{partner}等 2 家首次合作", "first joint work with {partner} and one other"),
    "cross_province": ("跨省协作（{own}—{other}）", "cross-province ({own}–{other})"),
    "vertical": ("纵向贯通（{tier}—{other}）", "vertical link ({tier}–{other})"),
    "isolated": ("打破孤岛（近一年无合作）", "brings in an isolated outlet (no joint work for a year)"),
    "partner_for": ("与{outlet}搭档，免其孤军报道", "partners {outlet}, who would otherwise be alone there"),
    "alliance": ("{alliance}成员", "member of {alliance}"),
    "people": ("人员：{names}", "people: {names}"),
}

_EXCLUDED: dict[str, tuple[str, str]] = {
    "alliance": ("{n} 家不在所选联合体", "{n} not in the chosen alliance"),
    "format": ("{n} 家不具备{formats}", "{n} do not produce {formats}"),
    "duplicate": ("{n} 家已在此环节承担该形式", "{n} already cover this stage in that format"),
    "rejected": ("{n} 家已被否决", "{n} were rejected"),
    "capacity": ("{n} 家产能已满", "{n} have no capacity left"),
    "unavailable": ("{n} 家人员全部不在岗", "{n} have all their people away"),
}

_UNFILLED: dict[str, tuple[str, str]] = {
    "no_candidate": ("{what}没有可建议的单位：{considered} 家中，{parts}。",
                     "{what}: no outlet to suggest — of {considered}, {parts}."),
    "no_candidate_empty": ("{what}没有可建议的单位：名录中没有媒体单位。", "{what}: no outlet to suggest — the directory has no outlets."),
    "competition": ("{what}：有候选单位，但其产能已被本次其他建议用完，或找不到搭档单位。",
                    "{what}: there are candidates, but their capacity went to other suggestions or no partner could join them."),
    "stage_incomplete": ("{what}：暂不建议，因为该环节还有形式找不到单位，环节不宜只覆盖一部分。",
                         "{what}: held back because another format of this stage has no outlet; a stage is not covered by halves."),
    "would_add_finding": ("{what}：采纳会带来新问题（{finding}），已撤下。", "{what}: applying it would add a problem ({finding}); withdrawn."),
}

_NOTES: dict[str, tuple[str, str]] = {
    "time_limit": ("求解在 {seconds} 秒时限内未能证明最优，以下是已找到的最好方案。",
                   "The solver hit its {seconds} s time limit before proving the best; this is the best it found."),
    "greedy": ("求解器在时限内没有找到方案，以下是逐项挑选的基线方案。",
               "The solver found nothing within its time limit; this is the item-by-item baseline."),
    "cross_no_effect": ("跨省权重不起作用：候选单位都在{province}。",
                        "The cross-province weight has no effect: every candidate is in {province}."),
    "vertical_no_effect": ("纵向权重不起作用：候选单位都是{tier}单位。",
                           "The vertical weight has no effect: every candidate is {tier}."),
    "isolated_no_effect": ("孤岛权重不起作用：候选单位近一年都有合作。",
                           "The isolated-outlet weight has no effect: every candidate worked with others this year."),
    "travel_no_effect": ("行程权重不起作用：需补位的环节都没有地点。",
                         "The travel weight has no effect: none of the stages to fill has a place."),
}

_PROVINCES_EN = {"51": "Sichuan", "50": "Chongqing", "53": "Yunnan", "52": "Guizhou", "61": "Shaanxi",
                 "11": "Beijing", "31": "Shanghai", "44": "Guangdong", "42": "Hubei", "62": "Gansu"}


def _en(lang: str) -> bool:
    return lang.startswith("en")


def province_name(code: str | None, lang: str = "zh") -> str:
    """四川 / Sichuan for a two-digit province code."""
    if not code:
        return ""
    if _en(lang) and code in _PROVINCES_EN:
        return _PROVINCES_EN[code]
    from planner.domain.places import places

    place = places().province(code)
    if place is None:
        return code
    name = place.name
    for suffix in ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _label(value: Any, lang: str) -> str:
    if isinstance(value, Format | Role | Tier):
        return value.label(lang)
    return str(value)


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    p = {k: _label(v, lang) for k, v in params.items()}
    if "format" in params:
        with contextlib.suppress(ValueError):
            label = Format(params["format"]).label(lang)
            p["format"] = label if not _en(lang) or label.isupper() or "/" in label else label.lower()
    tier_keys = ("tier", "other") if "tier" in params else ()
    for key in (k for k in tier_keys if k in params):
        with contextlib.suppress(ValueError):
            p[key] = Tier(params[key]).label(lang)
    province_keys = ("own", "other") if "own" in params else ("province",)
    for key in (k for k in province_keys if k in params):
        p[key] = province_name(str(params[key]), lang)
    for key in ("names", "alliance", "outlet"):
        if isinstance(params.get(key), list | tuple):
            p[key] = (", " if _en(lang) else "、").join(params[key])
    try:
        return template.format(**p)
    except (KeyError, IndexError, ValueError):
        return template


def clause_text(reason: Reason, lang: str = "zh") -> str:
    code, params = reason.code, dict(reason.params)
    if code == "first_with" and params.get("more"):
        code = "first_with_one_more" if params["more"] == 1 else "first_with_more"
        params["count"] = int(params["more"]) + 1
    zh, en = _CLAUSES.get(code, (code, code))
    return _fill(en if _en(lang) else zh, params, lang)


def suggestion_text(s: Suggestion, lang: str = "zh") -> str:
    """``泸县融媒体中心：距宜宾东站 46 公里，具备直播，本期已用产能 2/5，与荣昌区首次合作``."""
    sep, colon = (", ", ": ") if _en(lang) else ("，", "：")
    return s.outlet_name + colon + sep.join(clause_text(r, lang) for r in s.reasons)


def what_text(stage_title: str, fmt: Format | None, role: Role, lang: str = "zh") -> str:
    """``环节“宜宾东站”的直播`` / ``the live stream of stage “宜宾东站”``."""
    if _en(lang):
        piece = fmt.label("en").lower() if fmt is not None else "lead"
        return f"The {piece} piece of stage “{stage_title}”" if fmt is not None else f"The lead of stage “{stage_title}”"
    piece = fmt.label("zh") if fmt is not None else "主办"
    return f"环节“{stage_title}”的{piece}"


def unfilled_text(u: Unfilled, lang: str = "zh", must_produce: tuple[Format, ...] = ()) -> str:
    """Why a hole stays open: which constraint excluded every outlet, and how many each."""
    en = _en(lang)
    what = what_text(u.stage_title, u.format, u.role, lang)
    cause = u.cause
    if cause == "no_candidate" and not u.considered:
        cause = "no_candidate_empty"
    zh_t, en_t = _UNFILLED.get(cause, _UNFILLED["competition"])
    formats = [f for f in (u.format, *must_produce) if f is not None]
    formats_text = (" and " if en else "和").join(dict.fromkeys(f.label(lang) for f in formats)) or \
        ("the formats needed" if en else "所需报道形式")
    parts = []
    for key, n in u.excluded.items():
        z, e = _EXCLUDED.get(key, ("{n} 家" + key, "{n} " + key))
        parts.append((e if en else z).format(n=n, formats=formats_text))
    params = {"what": what, "considered": u.considered, "parts": (", " if en else "，").join(parts),
              "finding": u.detail.get("en" if en else "zh", "")}
    return (en_t if en else zh_t).format(**params)


def note_text(note: Reason, lang: str = "zh") -> str:
    zh, en = _NOTES.get(note.code, (note.code, note.code))
    return _fill(en if _en(lang) else zh, note.params, lang)
