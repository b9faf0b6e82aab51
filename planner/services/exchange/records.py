"""What a bundle record holds for each kind of entity, and how it is validated and compared.

Every record carries its ``id`` (UUID), ``version``, ``created_at``, ``updated_at`` and
``updated_by`` (the desk that last changed it) plus the entity's editable fields. Incoming values
go through the same ``clean_*`` functions the services use. Two records are "the same content"
when their :func:`fingerprint` (a SHA-256 of the canonical editable fields) is equal; versions
differ between desks, so merging compares fingerprints, not version numbers.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from planner.domain.enums import Entity, MembershipRole, Status
from planner.domain.errors import PlannerError, ValidationError
from planner.domain.text import clean_text, name_key
from planner.services.alliances import clean_alliance
from planner.services.assignments import clean_assignment
from planner.services.exchange.errors import BundleError
from planner.services.outlets import clean_outlet
from planner.services.people import clean_person
from planner.services.projects import clean_project
from planner.services.stages import clean_stage
from planner.services.validate import enum_value, uuid_value


def _clean_membership(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "alliance_id": uuid_value(values["alliance_id"], what="联合体", field="alliance_id"),
        "outlet_id": uuid_value(values["outlet_id"], what="媒体单位", field="outlet_id"),
        "role": enum_value(MembershipRole, values["role"], what="角色", field="role"),
    }


def _clean_stage(values: dict[str, Any]) -> dict[str, Any]:
    out = clean_stage({k: v for k, v in values.items() if k != "project_id"})
    out["project_id"] = uuid_value(values["project_id"], what="项目", field="project_id")
    return out


def _clean_dependency(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: uuid_value(values[k], what="报道环节", field=k) for k in ("stage_id", "depends_on_id")}
    if out["stage_id"] == out["depends_on_id"]:
        raise ValidationError("self_dependency", field="depends_on_id")
    return out


def _clean_assignment(values: dict[str, Any]) -> dict[str, Any]:
    plain = {k: v for k, v in values.items() if k not in ("status", "reason", "person_ids")}
    out = clean_assignment(plain)
    out["status"] = enum_value(Status, values["status"], what="状态", field="status")
    out["reason"] = clean_text(values.get("reason", ""), what="原因", field="reason")
    ids = [uuid_value(p, what="人员", field="person_ids") for p in values.get("person_ids", [])]
    out["person_ids"] = sorted(set(ids), key=str)  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class Kind:
    """One entity as it travels in a bundle."""

    entity: Entity
    member: str  # the JSON file inside the zip
    fields: tuple[str, ...]  # editable fields, as in the record
    refs: tuple[tuple[str, Entity], ...]  # reference fields and what they point to
    clean: Callable[[dict[str, Any]], dict[str, Any]]
    versioned: bool = True


KINDS: tuple[Kind, ...] = (
    Kind(Entity.OUTLET, "outlets.json",
         ("name", "short_name", "tier", "adcode", "platform", "parent_id", "formats", "capacity",
          "contact_name", "contact_phone", "contact_email", "notes"),
         (("parent_id", Entity.OUTLET),), clean_outlet),
    Kind(Entity.ALLIANCE, "alliances.json", ("name", "kind", "founded_on", "description"), (), clean_alliance),
    Kind(Entity.MEMBERSHIP, "memberships.json", ("alliance_id", "outlet_id", "role"),
         (("alliance_id", Entity.ALLIANCE), ("outlet_id", Entity.OUTLET)), _clean_membership),
    Kind(Entity.PERSON, "people.json", ("outlet_id", "name", "role", "phone", "email", "active"),
         (("outlet_id", Entity.OUTLET),), clean_person),
    Kind(Entity.PROJECT, "projects.json",
         ("title", "code", "kind", "summary", "starts_on", "ends_on", "lead_outlet_id", "coordinator_id",
          "status", "required_formats"),
         (("lead_outlet_id", Entity.OUTLET), ("coordinator_id", Entity.PERSON)), clean_project),
    Kind(Entity.STAGE, "stages.json",
         ("project_id", "position", "title", "kind", "adcode", "location", "starts_at", "ends_at", "time_tbc",
          "notes"),
         (("project_id", Entity.PROJECT),), _clean_stage),
    Kind(Entity.STAGE_DEPENDENCY, "stage_dependencies.json", ("stage_id", "depends_on_id"),
         (("stage_id", Entity.STAGE), ("depends_on_id", Entity.STAGE)), _clean_dependency, versioned=False),
    Kind(Entity.ASSIGNMENT, "assignments.json",
         ("stage_id", "outlet_id", "role", "format", "status", "due_at", "brief", "deliverable_url", "notes",
          "reason", "person_ids"),
         (("stage_id", Entity.STAGE), ("outlet_id", Entity.OUTLET)), _clean_assignment),
)
KIND_OF: dict[Entity, Kind] = {k.entity: k for k in KINDS}
#: derived columns the services compute from a field (never carried in a bundle)
DERIVED = ("name_key", "title_key")


@dataclass
class Record:
    """One validated incoming record: cleaned field values plus its bookkeeping."""

    kind: Kind
    id: uuid.UUID
    values: dict[str, Any]  # cleaned editable fields (+ derived keys), references as UUIDs
    version: int
    created_at: datetime
    updated_at: datetime | None
    updated_by: str
    sync: dict[str, str]  # desk id -> fingerprint that desk last agreed on with the sender

    @property
    def entity(self) -> Entity:
        return self.kind.entity

    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.values)


def plain(value: Any) -> Any:
    """A JSON-safe, canonical form of one column value (datetimes in UTC)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=UTC)
        return dt.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def canonical(kind: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    return {f: plain(values.get(f)) for f in kind.fields}


def fingerprint(kind: Kind, values: Mapping[str, Any]) -> str:
    text = json.dumps(canonical(kind, values), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _when(value: Any, *, field: str, ref: str, kind: Kind) -> datetime:
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        raise BundleError("bad_record", entity=kind.entity.zh, ref=ref, detail=f"{field}: {value}") from None
    if dt.tzinfo is None:
        raise BundleError("bad_record", entity=kind.entity.zh, ref=ref, detail=f"{field}: no time zone")
    return dt.astimezone(UTC)


def parse_record(kind: Kind, raw: Mapping[str, Any]) -> Record:
    """Validate one raw (schema-checked) record with the services' rules."""
    ref = str(raw.get("id", "?"))
    try:
        values = kind.clean({f: raw.get(f) for f in kind.fields})
    except PlannerError as err:
        from planner.domain.errors import error_text

        raise BundleError("bad_record", entity=kind.entity.zh, ref=ref, detail=error_text(err, "zh")) from None
    return Record(
        kind=kind,
        id=uuid.UUID(ref),
        values=values,
        version=int(raw.get("version", 1)),
        created_at=_when(raw["created_at"], field="created_at", ref=ref, kind=kind),
        updated_at=_when(raw["updated_at"], field="updated_at", ref=ref, kind=kind) if raw.get("updated_at") else None,
        updated_by=str(raw.get("updated_by", "")),
        sync=dict(raw.get("sync", {})),
    )


def natural_key(entity: Entity, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The key by which a record made independently on two desks is recognised as the same thing."""
    if entity in (Entity.OUTLET, Entity.ALLIANCE):
        return (values.get("name_key") or name_key(values["name"]),)
    if entity is Entity.PERSON:
        return (values["outlet_id"], name_key(values["name"]))
    if entity is Entity.MEMBERSHIP:
        return (values["alliance_id"], values["outlet_id"])
    if entity is Entity.PROJECT:
        return (values.get("title_key") or name_key(values["title"]),)
    if entity is Entity.STAGE:
        return (values["project_id"], values.get("title_key") or name_key(values["title"]))
    if entity is Entity.STAGE_DEPENDENCY:
        return (values["stage_id"], values["depends_on_id"])
    if entity is Entity.ASSIGNMENT:  # one outlet covering one stage in one format is one piece of work
        return (values["stage_id"], values["outlet_id"], values["format"])
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
    "reason": ("原因", "reason"), "person_ids": ("人员", "people"),
}


def field_label(field: str, lang: str = "zh") -> str:
    zh, en = FIELD_LABELS.get(field, (field, field))
    return en if lang.startswith("en") else zh
