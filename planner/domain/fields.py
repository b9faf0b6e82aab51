"""The fields of every record as people name them, and how a stored value reads.

The change log stores plain JSON values under column names (``starts_at``, ``outlet_id``,
``["text", "photo"]``); a history shows them as 开始 2026年12月26日 09:30, 荣昌区融媒体中心, 文字、图片.
This module knows, per entity, each field's Chinese and English name, which fields are internal
(ids, stamps, comparison keys) and which enumeration or kind of value a field holds. Names of
referenced records (outlets, people, stages) are passed in by the caller, who reads them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from planner.domain import enums as E
from planner.domain.timefmt import fmt_date, fmt_datetime

#: Never shown in a history: identity, stamps and keys derived from another field.
INTERNAL = frozenset({"id", "version", "created_at", "updated_at", "title_key", "name_key"})

_LABELS: dict[str, tuple[str, str]] = {
    "name": ("名称", "Name"), "short_name": ("简称", "Short name"), "tier": ("层级", "Tier"),
    "adcode": ("地点", "Place"), "platform": ("平台", "Platform"), "parent_id": ("上级单位", "Parent outlet"),
    "formats": ("报道形式", "Formats"), "capacity": ("产能", "Capacity"), "contact_name": ("联系人", "Contact"),
    "contact_phone": ("联系电话", "Contact phone"), "contact_email": ("联系邮箱", "Contact e-mail"),
    "notes": ("备注", "Notes"), "kind": ("类型", "Kind"), "founded_on": ("成立日期", "Founded on"),
    "description": ("说明", "Description"), "alliance_id": ("联合体", "Alliance"), "outlet_id": ("单位", "Outlet"),
    "role": ("角色", "Role"), "phone": ("电话", "Phone"), "email": ("邮箱", "E-mail"), "active": ("在岗", "Active"),
    "title": ("标题", "Title"), "code": ("项目编号", "Code"), "summary": ("简介", "Summary"),
    "starts_on": ("开始日期", "Starts on"), "ends_on": ("结束日期", "Ends on"),
    "lead_outlet_id": ("牵头单位", "Lead outlet"), "coordinator_id": ("协调人", "Coordinator"),
    "status": ("状态", "Status"), "required_formats": ("要求的报道形式", "Required formats"),
    "project_id": ("项目", "Project"), "position": ("顺序", "Position"), "location": ("具体位置", "Location"),
    "starts_at": ("开始", "Starts"), "ends_at": ("结束", "Ends"), "time_tbc": ("时间待定", "Time to be confirmed"),
    "stage_id": ("环节", "Stage"), "depends_on_id": ("前置环节", "Prerequisite"), "format": ("形式", "Format"),
    "due_at": ("截稿时间", "Deadline"), "brief": ("任务说明", "Brief"), "deliverable_url": ("成品链接", "Deliverable link"),
    "reason": ("原因", "Reason"), "person_ids": ("人员", "People"), "assignment_id": ("任务", "Assignment"),
    "author": ("作者", "Author"), "body": ("内容", "Text"), "person_id": ("人员", "Person"),
    "rule": ("重复规则", "Recurrence rule"), "series_id": ("系列", "Series"),
}

#: enumeration of a field, per entity where the same field name means different things
_ENUMS: dict[tuple[str, str], type[E.LabeledEnum]] = {
    ("outlet", "tier"): E.Tier, ("alliance", "kind"): E.AllianceKind, ("membership", "role"): E.MembershipRole,
    ("person", "role"): E.PersonRole, ("project", "kind"): E.ProjectKind, ("project", "status"): E.ProjectStatus,
    ("stage", "kind"): E.StageKind, ("assignment", "role"): E.Role, ("assignment", "format"): E.Format,
    ("assignment", "status"): E.Status,
}
_FORMAT_LISTS = frozenset({"formats", "required_formats"})
#: fields holding the id of another record, and which kind of record
REFERENCES: dict[str, E.Entity] = {
    "parent_id": E.Entity.OUTLET, "alliance_id": E.Entity.ALLIANCE, "outlet_id": E.Entity.OUTLET,
    "lead_outlet_id": E.Entity.OUTLET, "coordinator_id": E.Entity.PERSON, "project_id": E.Entity.PROJECT,
    "stage_id": E.Entity.STAGE, "depends_on_id": E.Entity.STAGE, "assignment_id": E.Entity.ASSIGNMENT,
    "person_ids": E.Entity.PERSON, "person_id": E.Entity.PERSON,
}
_DATETIMES = frozenset({"starts_at", "ends_at", "due_at"})
_DATES = frozenset({"starts_on", "ends_on", "founded_on"})


def field_label(name: str, lang: str = "zh") -> str:
    """``starts_at`` → 开始 / Starts; an unknown field keeps its name."""
    zh, en = _LABELS.get(name, (name, name))
    return en if lang.startswith("en") else zh


def shown_fields(values: Mapping[str, Any] | None) -> list[str]:
    """The fields of a logged record a person is shown, in the record's own order."""
    return [k for k in (values or {}) if k not in INTERNAL]


def value_text(entity: str, name: str, value: Any, lang: str = "zh",
               names: Callable[[uuid.UUID], str | None] | None = None,
               place: Callable[[str], str] | None = None) -> str:
    """How a stored value reads: enumerations by label, times in the plan's zone, references by name.

    ``names`` maps a referenced record's id to its name (``None`` when it is gone); ``place`` an
    administrative code to its label.
    """
    en = lang.startswith("en")
    if value is None or value == "" or value == []:
        return "(empty)" if en else "（空）"
    enum = _ENUMS.get((entity, name))
    if enum is not None:
        try:
            return enum(value).label(lang)
        except ValueError:
            return str(value)
    if name in _FORMAT_LISTS and isinstance(value, list):
        return (", " if en else "、").join(_label(E.Format, v, lang) for v in value)
    if name in REFERENCES:
        ids = value if isinstance(value, list) else [value]
        out = []
        for raw in ids:
            rid = _uuid(raw)
            found = names(rid) if (names is not None and rid is not None) else None
            out.append(found or (f"(deleted {str(raw)[:8]})" if en else f"（已删除 {str(raw)[:8]}）"))
        return (", " if en else "、").join(out)
    if isinstance(value, bool) or name in ("time_tbc", "active"):
        return ("yes" if value else "no") if en else ("是" if value else "否")
    if name in _DATETIMES:
        moment = _datetime(value)
        return fmt_datetime(moment, lang) if moment else str(value)
    if name in _DATES:
        day = _date(value)
        return fmt_date(day, lang) if day else str(value)
    if name == "adcode" and place is not None:
        return place(str(value)) or str(value)
    return str(value)


def _label(enum: type[E.LabeledEnum], value: Any, lang: str) -> str:
    try:
        return enum(value).label(lang)
    except ValueError:
        return str(value)


def _uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
