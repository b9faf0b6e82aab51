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
