"""ORM objects and result rows → frozen domain rows (and back to plain dicts for the change log)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlmodel import SQLModel

from planner.domain.enums import (
    AllianceKind,
    Format,
    MembershipRole,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Role,
    StageKind,
    Status,
    Tier,
)
from planner.domain.frozen import quick  # each row built at a fraction of a frozen __init__'s cost
from planner.domain.rows import (
    AllianceRow,
    AssignmentRow,
    MembershipRow,
    OutletRow,
    PersonRow,
    ProjectRow,
    StageRow,
)

_FORMAT = Format._value2member_map_
_ROLE = Role._value2member_map_
_STATUS = Status._value2member_map_


_FORMATS_CACHE: dict[Any, tuple[Format, ...]] = {}


def _formats(values: Any) -> tuple[Format, ...]:
    if isinstance(values, str):  # JSON text straight from the database: few distinct values, cache them
        got = _FORMATS_CACHE.get(values)
        if got is None:
            import json

            got = _FORMATS_CACHE[values] = tuple(_FORMAT[v] for v in json.loads(values))
        return got
    return tuple(_FORMAT[v] for v in (values or ()))


def outlet_row(m: Mapping[str, Any]) -> OutletRow:
    return quick(OutletRow)(
        id=m["id"], name=m["name"], short_name=m["short_name"], tier=Tier(m["tier"]), adcode=m["adcode"],
        platform=m["platform"], parent_id=m["parent_id"], formats=_formats(m["formats"]),
        capacity=m["capacity"], contact_name=m["contact_name"], contact_phone=m["contact_phone"],
        contact_email=m["contact_email"], notes=m["notes"], version=m["version"],
        created_at=m.get("created_at"), updated_at=m.get("updated_at"),
    )


def alliance_row(m: Mapping[str, Any]) -> AllianceRow:
    return quick(AllianceRow)(
        id=m["id"], name=m["name"], kind=AllianceKind(m["kind"]), founded_on=m["founded_on"],
        description=m["description"], version=m["version"],
    )


def membership_row(m: Mapping[str, Any]) -> MembershipRow:
    return quick(MembershipRow)(
        id=m["id"], alliance_id=m["alliance_id"], outlet_id=m["outlet_id"],
        role=MembershipRole(m["role"]), version=m["version"],
    )


def person_row(m: Mapping[str, Any]) -> PersonRow:
    return quick(PersonRow)(
        id=m["id"], outlet_id=m["outlet_id"], name=m["name"], role=PersonRole(m["role"]), phone=m["phone"],
        email=m["email"], active=bool(m["active"]), version=m["version"],
    )


def project_row(m: Mapping[str, Any]) -> ProjectRow:
    return quick(ProjectRow)(
        id=m["id"], title=m["title"], code=m["code"] or "", kind=ProjectKind(m["kind"]), summary=m["summary"],
        starts_on=m["starts_on"], ends_on=m["ends_on"], lead_outlet_id=m["lead_outlet_id"],
        coordinator_id=m["coordinator_id"], status=ProjectStatus(m["status"]),
        required_formats=_formats(m["required_formats"]), version=m["version"],
        created_at=m.get("created_at"), updated_at=m.get("updated_at"),
    )


def stage_row(m: Mapping[str, Any], depends_on: tuple[uuid.UUID, ...] = ()) -> StageRow:
    return quick(StageRow)(
        id=m["id"], project_id=m["project_id"], position=m["position"], title=m["title"],
        kind=StageKind(m["kind"]), adcode=m["adcode"], location=m["location"], starts_at=m["starts_at"],
        ends_at=m["ends_at"], time_tbc=bool(m["time_tbc"]), notes=m["notes"], version=m["version"],
        depends_on=depends_on,
    )


def assignment_row(m: Mapping[str, Any], person_ids: tuple[uuid.UUID, ...] = ()) -> AssignmentRow:
    return quick(AssignmentRow)(
        id=m["id"], stage_id=m["stage_id"], outlet_id=m["outlet_id"], role=_ROLE[m["role"]],  # type: ignore[arg-type]
        format=_FORMAT[m["format"]], status=_STATUS[m["status"]],  # type: ignore[arg-type]
        due_at=m["due_at"], brief=m["brief"],
        deliverable_url=m["deliverable_url"], notes=m["notes"], reason=m["reason"], version=m["version"],
        person_ids=person_ids, updated_at=m.get("updated_at"),
    )


def as_mapping(obj: SQLModel) -> dict[str, Any]:
    """Column values of an ORM object as a dict (keys are the column names)."""
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}  # type: ignore[attr-defined]


def to_json(values: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-safe copy of column values (for the change log and exchange bundles)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, uuid.UUID):
            out[key] = str(value)
        elif isinstance(value, datetime | date):
            out[key] = value.isoformat()
        elif isinstance(value, list | tuple):
            out[key] = [str(v) for v in value]
        else:
            out[key] = value
    return out
