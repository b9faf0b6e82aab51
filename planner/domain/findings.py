"""Findings of the plan analysis: gaps, clashes and risks, each naming the items at fault."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from planner.domain.enums import LabeledEnum


class Severity(LabeledEnum):
    ERROR = ("error", "严重", "Error")
    WARNING = ("warning", "警告", "Warning")
    INFO = ("info", "提示", "Info")


class FindingKind(LabeledEnum):
    UNCOVERED_STAGE = ("uncovered_stage", "环节无人报道", "Stage not covered")
    NO_LEAD = ("no_lead", "环节缺少主办单位", "Stage has no lead")
    MULTIPLE_LEADS = ("multiple_leads", "环节有多个主办单位", "Stage has several leads")
    MISSING_FORMAT = ("missing_format", "缺少要求的报道形式", "Required format missing")
    DUPLICATE_FORMAT = ("duplicate_format", "同一单位同一形式重复", "Same outlet and format twice")
    PERSON_OVERLAP = ("person_overlap", "人员时间冲突", "Person double-booked")
    TRAVEL_TOO_FAR = ("travel_too_far", "人员赶场来不及", "Not enough time to travel")
    OVER_CAPACITY = ("over_capacity", "单位任务超出产能", "Outlet over capacity")
    FORMAT_NOT_PRODUCED = ("format_not_produced", "单位不具备该报道形式", "Outlet cannot produce format")
    DUE_OUTSIDE_WINDOW = ("due_outside_window", "截稿时间不在环节时间内", "Deadline outside stage window")
    DEPENDENCY_CYCLE = ("dependency_cycle", "环节依赖成环", "Dependency cycle")
    STARTS_BEFORE_PREREQUISITE = ("starts_before_prerequisite", "环节早于前置环节结束", "Starts before prerequisite ends")
    ISOLATED_OUTLET = ("isolated_outlet", "单位没有协作", "Outlet with no collaboration")
    PERSON_UNAVAILABLE = ("person_unavailable", "人员不在岗", "Person unavailable")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a plan.

    ``params`` holds the names and numbers the message needs (already resolved to text, so that
    exports and screens need no database to print it). The id tuples let the app jump to the items.
    """

    kind: FindingKind
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict)
    stage_ids: tuple[uuid.UUID, ...] = ()
    assignment_ids: tuple[uuid.UUID, ...] = ()
    outlet_ids: tuple[uuid.UUID, ...] = ()
    person_ids: tuple[uuid.UUID, ...] = ()


_TEMPLATES: dict[FindingKind, tuple[str, str]] = {
    FindingKind.UNCOVERED_STAGE: ("环节“{stage}”还没有任何单位报道。", "Stage “{stage}” is not covered by any outlet."),
    FindingKind.NO_LEAD: ("环节“{stage}”没有主办单位。", "Stage “{stage}” has no lead outlet."),
    FindingKind.MULTIPLE_LEADS: (
        "环节“{stage}”有 {count} 个主办任务（{outlets}），应只有一个。",
        "Stage “{stage}” has {count} lead assignments ({outlets}); it should have one.",
    ),
    FindingKind.MISSING_FORMAT: (
        "环节“{stage}”缺少项目要求的报道形式：{formats}。",
        "Stage “{stage}” lacks required formats: {formats}.",
    ),
    FindingKind.DUPLICATE_FORMAT: (
        "{outlet}在环节“{stage}”重复承担{format}报道（{count} 项）。",
        "{outlet} has the {format} piece on stage “{stage}” {count} times.",
    ),
    FindingKind.PERSON_OVERLAP: (
        "{person}同时被安排在“{stage}”和“{other_stage}”，时间重叠。",
        "{person} is booked on “{stage}” and “{other_stage}” at overlapping times.",
    ),
    FindingKind.TRAVEL_TOO_FAR: (
        "{person}从“{stage}”赶到“{other_stage}”约 {distance_km} 公里，按 {travel_kmh} 公里/小时需 {needed_hours} 小时，"
        "但两环节只相隔 {gap_hours} 小时。",
        "{person} must get from “{stage}” to “{other_stage}” ({distance_km} km, {needed_hours} h at {travel_kmh} km/h) "
        "but has only {gap_hours} h between them.",
    ),
    FindingKind.OVER_CAPACITY: (
        "{outlet}手头未完成任务 {open} 项，超出其产能 {capacity} 项。",
        "{outlet} has {open} open assignments, more than its capacity of {capacity}.",
    ),
    FindingKind.FORMAT_NOT_PRODUCED: (
        "{outlet}不具备{format}制作能力，却被安排在环节“{stage}”。",
        "{outlet} cannot produce {format} but is assigned it on stage “{stage}”.",
    ),
    FindingKind.DEPENDENCY_CYCLE: ("环节依赖成环：{stages}。", "Stage dependencies form a cycle: {stages}."),
    FindingKind.STARTS_BEFORE_PREREQUISITE: (
        "环节“{stage}”在前置环节“{prerequisite}”结束（{prerequisite_ends_at}）之前就开始（{starts_at}）。",
        "Stage “{stage}” starts ({starts_at}) before its prerequisite “{prerequisite}” ends ({prerequisite_ends_at}).",
    ),
    FindingKind.ISOLATED_OUTLET: (
        "{outlet}在本项目中没有与其他单位共同报道任何环节。",
        "{outlet} shares no stage with any other outlet in this project.",
    ),
}


def _fmt_label(code: Any, lang: str) -> str:
    from planner.domain.enums import Format

    try:
        return Format(code).label(lang)
    except ValueError:
        return str(code)


def _when(value: Any, lang: str) -> str:
    from datetime import datetime

    from planner.domain.timefmt import fmt_datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return fmt_datetime(value, lang) if isinstance(value, datetime) else str(value)


def _unavailable_template(p: dict[str, Any], en: bool) -> str:
    """A person away during a stage: the kind of absence in the reader's language, the reason if any."""
    from planner.domain.availability import AvailabilityKind

    try:
        p["kind"] = AvailabilityKind(p.get("kind")).label("en" if en else "zh")
    except ValueError:
        p["kind"] = str(p.get("kind", ""))
    p["away_from"], p["away_to"] = _when(p.get("away_from"), "en" if en else "zh"), _when(p.get("away_to"), "en" if en else "zh")
    whole = p.get("whole")
    if en:
        reason = f" ({p['reason']})" if p.get("reason") else ""
        return ("{person} is away for the whole of stage “{stage}”: {kind}" if whole else
                "{person} is away during part of stage “{stage}”: {kind}") + reason + ", {away_from} – {away_to}."
    reason = f"（{p['reason']}）" if p.get("reason") else ""
    return ("{person}在环节“{stage}”全程不在岗：{kind}" if whole else
            "{person}在环节“{stage}”期间部分时间不在岗：{kind}") + reason + "，{away_from} 至 {away_to}。"


def finding_text(f: Finding, lang: str = "zh") -> str:
    """One clear sentence naming the items at fault, in Chinese (default) or English."""
    en = lang.startswith("en")
    sep = ", " if en else "、"
    p: dict[str, Any] = dict(f.params)
    if "format" in p:
        p["format"] = _fmt_label(p["format"], "en" if en else "zh")
    if "formats" in p:
        p["formats"] = sep.join(_fmt_label(x, "en" if en else "zh") for x in p["formats"])
    if "outlets" in p:
        p["outlets"] = sep.join(p["outlets"])
    if "stages" in p:
        p["stages"] = " → ".join([*p["stages"], p["stages"][0]] if p["stages"] else [])
    for key in ("due", "starts_at", "ends_at", "prerequisite_ends_at"):
        if key in p:
            p[key] = _when(p[key], "en" if en else "zh")
    if f.kind is FindingKind.DUE_OUTSIDE_WINDOW:
        if p.get("side") == "before":
            zh = "{outlet}在环节“{stage}”的{format}任务截稿时间（{due}）早于环节开始（{starts_at}）。"
            en_t = "{outlet}'s {format} deadline on stage “{stage}” ({due}) is before the stage starts ({starts_at})."
        else:
            zh = "{outlet}在环节“{stage}”的{format}任务截稿时间（{due}）远晚于环节结束（{ends_at}）。"
            en_t = "{outlet}'s {format} deadline on stage “{stage}” ({due}) is long after the stage ends ({ends_at})."
        template = en_t if en else zh
    elif f.kind is FindingKind.PERSON_UNAVAILABLE:
        template = _unavailable_template(p, en)
    elif f.kind is FindingKind.ISOLATED_OUTLET and p.get("period"):
        template = ("{outlet} had no collaboration with any other outlet in this period." if en
                    else "{outlet}在此期间没有与任何单位协作。")
    else:
        zh, en_t = _TEMPLATES[f.kind]
        template = en_t if en else zh
    try:
        return template.format(**p)
    except (KeyError, IndexError, ValueError):
        return f.kind.label("en" if en else "zh")
