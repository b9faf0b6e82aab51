"""What a bundle record holds for each kind of entity, and how it is validated.

Every record carries its ``id`` (UUID), ``created_at``, ``updated_at``, ``updated_by`` (the editor
who last changed it) and the entity's editable fields; a format-2 record also carries its revision
``rev`` (see :mod:`planner.domain.revisions`), a format-1 record a local ``version`` and ``sync``
fingerprints (:func:`fingerprint`, used only to merge format-1 bundles). A deletion travels as a
tombstone (``tombstones.json``). Incoming values go through the same ``clean_*`` functions the
services use, and an error names the record (its title or name) and the field.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from planner.domain.enums import Entity, MembershipRole, Status
from planner.domain.errors import PlannerError, ValidationError
from planner.domain.revisions import Rev
from planner.domain.text import clean_text, name_key
from planner.domain.timefmt import MAX_YEAR, MIN_YEAR
from planner.services.alliances import clean_alliance
from planner.services.assignments import clean_assignment
from planner.services.exchange.errors import BundleError
from planner.services.outlets import clean_outlet
from planner.services.people import clean_person
from planner.services.projects import clean_project
from planner.services.stages import clean_stage
from planner.services.syncmeta import FIELDS, plain
from planner.services.validate import enum_value, uuid_value


def _clean_membership(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "alliance_id": uuid_value(values["alliance_id"], what="联合体", field="alliance_id"),
        "outlet_id": uuid_value(values["outlet_id"], what="媒体单位", field="outlet_id"),
        "role": enum_value(MembershipRole, values.get("role") or "member", what="角色", field="role"),
    }


def _clean_stage(values: dict[str, Any]) -> dict[str, Any]:
    plain_values = {k: v for k, v in values.items() if k != "project_id"}
    if plain_values.get("position") is None:  # optional: the end of the list
        plain_values["position"] = 0
    out = clean_stage(plain_values)
    out["project_id"] = uuid_value(values["project_id"], what="项目", field="project_id")
    return out


def _clean_person(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("active") is None:  # optional, and a person is active unless the record says not
        values = {**values, "active": True}
    return clean_person(values)


def _clean_dependency(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: uuid_value(values[k], what="报道环节", field=k) for k in ("stage_id", "depends_on_id")}
    if out["stage_id"] == out["depends_on_id"]:
        raise ValidationError("self_dependency", field="depends_on_id")
    return out


def _clean_assignment(values: dict[str, Any]) -> dict[str, Any]:
    plain_values = {k: v for k, v in values.items() if k not in ("status", "reason", "person_ids")}
    out = clean_assignment(plain_values)
    out["status"] = enum_value(Status, values.get("status") or "planned", what="状态", field="status")
    out["reason"] = clean_text(values.get("reason") or "", what="原因", field="reason")
    ids = [uuid_value(p, what="人员", field="person_ids") for p in values.get("person_ids") or []]
    out["person_ids"] = sorted(set(ids), key=str)  # type: ignore[arg-type]
    return out


def _clean_note(values: dict[str, Any]) -> dict[str, Any]:
    from planner.services.notes import clean_body

    out: dict[str, Any] = {
        "stage_id": uuid_value(values.get("stage_id"), what="报道环节", field="stage_id"),
        "assignment_id": uuid_value(values.get("assignment_id"), what="报道任务", field="assignment_id"),
    }
    if (out["stage_id"] is None) == (out["assignment_id"] is None):
        raise ValidationError("invalid", field="stage_id",
                              detail="备注属于一个环节或一项任务 / a note belongs to one stage or one assignment")
    out["author"] = clean_text(values.get("author") or "", what="作者", field="author", max_len=200)
    out["body"] = clean_body(values.get("body"))
    return out


@dataclass(frozen=True)
class Kind:
    """One entity as it travels in a bundle."""

    entity: Entity
    member: str  # the JSON file inside the zip
    refs: tuple[tuple[str, Entity], ...]  # reference fields and what they point to
    clean: Callable[[dict[str, Any]], dict[str, Any]]

    @property
    def fields(self) -> tuple[str, ...]:
        return FIELDS[self.entity]

    @property
    def name(self) -> str:
        return self.member.removesuffix(".json")


KINDS: tuple[Kind, ...] = (
    Kind(Entity.OUTLET, "outlets.json", (("parent_id", Entity.OUTLET),), clean_outlet),
    Kind(Entity.ALLIANCE, "alliances.json", (), clean_alliance),
    Kind(Entity.MEMBERSHIP, "memberships.json", (("alliance_id", Entity.ALLIANCE), ("outlet_id", Entity.OUTLET)),
         _clean_membership),
    Kind(Entity.PERSON, "people.json", (("outlet_id", Entity.OUTLET),), _clean_person),
    Kind(Entity.PROJECT, "projects.json", (("lead_outlet_id", Entity.OUTLET), ("coordinator_id", Entity.PERSON)),
         clean_project),
    Kind(Entity.STAGE, "stages.json", (("project_id", Entity.PROJECT),), _clean_stage),
    Kind(Entity.STAGE_DEPENDENCY, "stage_dependencies.json",
         (("stage_id", Entity.STAGE), ("depends_on_id", Entity.STAGE)), _clean_dependency),
    Kind(Entity.ASSIGNMENT, "assignments.json", (("stage_id", Entity.STAGE), ("outlet_id", Entity.OUTLET)),
         _clean_assignment),
    # notes threads (planner.services.notes): one of the two references is set, the other null
    Kind(Entity.NOTE, "notes.json", (("stage_id", Entity.STAGE), ("assignment_id", Entity.ASSIGNMENT)), _clean_note),
)
KIND_OF: dict[Entity, Kind] = {k.entity: k for k in KINDS}
KIND_BY_NAME: dict[str, Kind] = {k.entity.value: k for k in KINDS}
#: derived columns the services compute from a field (never carried in a bundle)
DERIVED = ("name_key", "title_key")
#: references that may be cleared when their target is gone (the others make the record an orphan)
OPTIONAL_REFS = frozenset({"parent_id", "lead_outlet_id", "coordinator_id"})


@dataclass
class Record:
    """One validated incoming record (or tombstone): cleaned field values plus its bookkeeping."""

    kind: Kind
    id: uuid.UUID
    values: dict[str, Any]  # cleaned editable fields (+ derived keys), references as UUIDs
    created_at: datetime
    updated_at: datetime | None
    updated_by: str
    rev: Rev | None = None  # format 2
    deleted: bool = False  # a tombstone
    label: str = ""
    project_id: uuid.UUID | None = None  # a tombstone's project
    version: int = 1  # format 1
    sync: dict[str, str] = field(default_factory=dict)  # format 1: desk id -> fingerprint agreed with the sender

    @property
    def entity(self) -> Entity:
        return self.kind.entity

    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.values)


def canonical(kind: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    return {f: plain(values.get(f)) for f in kind.fields}


def fingerprint(kind: Kind, values: Mapping[str, Any]) -> str:
    text = json.dumps(canonical(kind, values), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_name(raw: Mapping[str, Any]) -> str:
    """How an error names an incoming record: its title or name, else its id."""
    for key in ("title", "name", "label"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:80]
    return str(raw.get("id", "?"))


def parse_when(value: Any, *, field: str, kind: Kind, ref: str) -> datetime:
    """An ISO 8601 time with an offset (``Z``, ``+08:00`` or ``+0800``; up to 9 fractional digits)."""
    text = str(value)
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field=field, detail=text[:60]) from None
    if dt.tzinfo is None:
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field=field,
                          detail=("没有时区", "no time zone"))
    if not MIN_YEAR <= dt.year <= MAX_YEAR:  # the edges (0001, 9999) overflow once a zone or a margin is applied
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field=field, detail=text[:60])
    try:
        return dt.astimezone(UTC)
    except OverflowError:
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field=field, detail=text[:60]) from None


def parse_record(kind: Kind, raw: Mapping[str, Any], *, format_version: int = 2, label: str = "") -> Record:
    """Validate one raw (schema-checked) record with the services' rules (``label`` names it in errors)."""
    ref = label or record_name(raw)
    try:
        values = kind.clean({f: raw.get(f) for f in kind.fields})
    except PlannerError as err:
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field=err.field or "", detail=err) from None
    rev = None
    if format_version >= 2:
        try:
            rev = Rev.from_json(raw["rev"])
        except (ValueError, KeyError, TypeError) as exc:
            raise BundleError("bad_record", entity=kind.entity, ref=ref, field="rev", detail=str(exc)[:200]) from None
    return Record(
        kind=kind,
        id=uuid.UUID(str(raw["id"])),
        values=values,
        created_at=parse_when(raw["created_at"], field="created_at", kind=kind, ref=ref),
        updated_at=parse_when(raw["updated_at"], field="updated_at", kind=kind, ref=ref) if raw.get("updated_at") else None,
        updated_by=str(raw.get("updated_by") or ""),
        rev=rev,
        label=ref,
        version=int(raw.get("version") or 1) if format_version == 1 else 1,
        sync=dict(raw.get("sync") or {}) if format_version == 1 else {},
    )


def parse_tombstone(raw: Mapping[str, Any]) -> Record:
    """One entry of ``tombstones.json``: a record deleted by the sender (or a desk before it)."""
    kind = KIND_BY_NAME[str(raw["entity"])]
    ref = record_name(raw)
    try:
        rev = Rev.from_json(raw["rev"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError("bad_record", entity=kind.entity, ref=ref, field="rev", detail=str(exc)[:200]) from None
    when = parse_when(raw["deleted_at"], field="deleted_at", kind=kind, ref=ref)
    project = raw.get("project_id")
    return Record(kind=kind, id=uuid.UUID(str(raw["id"])), values={}, created_at=when, updated_at=when,
                  updated_by=str(raw.get("deleted_by") or ""), rev=rev, deleted=True,
                  label=str(raw.get("label") or ""), project_id=uuid.UUID(str(project)) if project else None)


def natural_key(entity: Entity, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The key by which a record made independently on two desks is recognised as the same thing.

    Assignments have none: two assignments of one outlet in one format on one stage are two pieces
    of work, matched by id only. Projects are matched by code *and* title only with a person's
    confirmation (see :mod:`planner.services.exchange.merge`).
    """
    if entity in (Entity.OUTLET, Entity.ALLIANCE):
        return (values.get("name_key") or name_key(values["name"]),)
    if entity is Entity.PERSON:
        return (values["outlet_id"], name_key(values["name"]))
    if entity is Entity.MEMBERSHIP:
        return (values["alliance_id"], values["outlet_id"])
    if entity is Entity.STAGE:
        return (values["project_id"], values.get("title_key") or name_key(values["title"]))
    if entity is Entity.STAGE_DEPENDENCY:
        return (values["stage_id"], values["depends_on_id"])
    return None


#: field → (Chinese, English) names for conflict lists
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("名称", "name"), "short_name": ("简称", "short name"), "tier": ("层级", "tier"),
    "adcode": ("行政区划", "place"), "platform": ("平台", "platform"), "parent_id": ("上级单位", "parent outlet"),
    "formats": ("可承担形式", "formats"), "capacity": ("产能", "capacity"), "contact_name": ("联系人", "contact"),
    "contact_phone": ("联系电话", "contact phone"), "contact_email": ("联系邮箱", "contact e-mail"),
    "notes": ("备注", "notes"), "kind": ("类型", "kind"), "founded_on": ("成立日期", "founded on"),
    "description": ("说明", "description"), "alliance_id": ("联合体", "alliance"), "outlet_id": ("单位", "outlet"),
    "role": ("角色", "role"), "phone": ("电话", "phone"), "email": ("邮箱", "e-mail"), "active": ("在岗", "active"),
    "title": ("标题", "title"), "code": ("项目编号", "code"), "summary": ("简介", "summary"),
    "starts_on": ("开始日期", "starts on"), "ends_on": ("结束日期", "ends on"),
    "lead_outlet_id": ("牵头单位", "lead outlet"), "coordinator_id": ("协调人", "coordinator"),
    "status": ("状态", "status"), "required_formats": ("必需形式", "required formats"),
    "project_id": ("项目", "project"), "position": ("序号", "position"), "location": ("地点", "location"),
    "starts_at": ("开始时间", "starts at"), "ends_at": ("结束时间", "ends at"), "time_tbc": ("时间待定", "time TBC"),
    "stage_id": ("环节", "stage"), "depends_on_id": ("前置环节", "prerequisite"), "format": ("形式", "format"),
    "due_at": ("截稿时间", "due"), "brief": ("任务说明", "brief"), "deliverable_url": ("成品链接", "deliverable link"),
    "reason": ("原因", "reason"), "person_ids": ("人员", "people"), "rev": ("修订信息", "revision"),
    "created_at": ("创建时间", "created at"), "updated_at": ("修改时间", "updated at"),
    "assignment_id": ("任务", "assignment"), "author": ("作者", "author"), "body": ("内容", "text"),
    "deleted_at": ("删除时间", "deleted at"), "_deleted": ("删除", "deletion"), "_parent": ("所属记录", "parent record"),
}


def field_label(field: str, lang: str = "zh") -> str:
    zh, en = FIELD_LABELS.get(field, (field, field))
    return en if lang.startswith("en") else zh
