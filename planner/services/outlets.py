"""Outlets (媒体单位): create, edit, delete."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from planner.domain.changes import Changes
from planner.domain.contact import clean_email, clean_phone
from planner.domain.enums import Entity, Tier
from planner.domain.errors import DuplicateError, ValidationError
from planner.domain.text import clean_line, clean_text, name_key
from planner.services.unit import Tx, unit
from planner.services.validate import adcode_value, enum_value, formats_value, int_value, uuid_value
from planner.store.convert import outlet_row
from planner.store.database import Database
from planner.store.models import Assignment, Outlet, Project

FIELDS = (
    "name", "short_name", "tier", "adcode", "platform", "parent_id", "formats", "capacity",
    "contact_name", "contact_phone", "contact_email", "notes",
)


def clean_outlet(values: dict[str, Any]) -> dict[str, Any]:
    """Validate the given outlet fields (any subset of :data:`FIELDS`) into column values."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out["name"] = clean_line(value, what="名称", field="name")
            out["name_key"] = name_key(out["name"])
        elif key == "short_name":
            out[key] = clean_line(value, what="简称", field=key, required=False, max_len=100)
        elif key == "tier":
            out[key] = enum_value(Tier, value, what="层级", field=key)
        elif key == "adcode":
            out[key] = adcode_value(value, field=key)
        elif key == "platform":
            out[key] = clean_line(value, what="平台", field=key, required=False, max_len=100)
        elif key == "parent_id":
            out[key] = uuid_value(value, what="媒体单位", field=key)
        elif key == "formats":
            out[key] = formats_value(value)
        elif key == "capacity":
            out[key] = int_value(value, what="产能", field=key)
        elif key in ("contact_name", "contact_phone", "contact_email"):
            out[key] = clean_line(value, what="联系方式", field=key, required=False)
            if key == "contact_phone":
                out[key] = clean_phone(out[key], field=key)
            elif key == "contact_email":
                out[key] = clean_email(out[key], field=key)
        elif key == "notes":
            out[key] = clean_text(value, what="备注", field=key)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _check_unique_name(tx: Tx, key: str, name: str, exclude: uuid.UUID | None = None) -> None:
    q = select(Outlet.id).where(Outlet.name_key == key)
    if exclude is not None:
        q = q.where(Outlet.id != exclude)
    if tx.s.execute(q).first() is not None:
        raise DuplicateError(field="name", what="媒体单位", value=name)


def _check_parent(tx: Tx, outlet_id: uuid.UUID, parent_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    if parent_id == outlet_id:
        raise ValidationError("self_parent", field="parent_id")
    seen = {outlet_id}
    current: uuid.UUID | None = parent_id
    while current is not None:
        if current in seen:
            raise ValidationError("parent_cycle", field="parent_id")
        seen.add(current)
        parent = tx.get(Entity.OUTLET, current)
        current = parent.parent_id


def create_outlet(db: Database, *, name: str, tier: Tier | str, id: uuid.UUID | None = None, **fields: Any) -> Changes:
    with unit(db) as tx:
        values = clean_outlet({"name": name, "tier": tier, **fields})
        _check_unique_name(tx, values["name_key"], values["name"])
        obj = Outlet(**values, **({"id": id} if id else {}))
        _check_parent(tx, obj.id, obj.parent_id)
        tx.add(Entity.OUTLET, obj)
        tx.flush(what_="媒体单位", value=values["name"])
        return tx.changes(row=outlet_row(obj.model_dump()))


def update_outlet(db: Database, outlet_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any) -> Changes:
    with unit(db) as tx:
        values = clean_outlet(fields)
        if "name_key" in values:
            _check_unique_name(tx, values["name_key"], values["name"], exclude=outlet_id)
        if "parent_id" in values:
            _check_parent(tx, outlet_id, values["parent_id"])
        after = tx.update(Entity.OUTLET, outlet_id, values, expected_version)
        return tx.changes(row=outlet_row(after))


def delete_outlet(db: Database, outlet_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    """Delete an outlet with its people and memberships; refused while it has assignments."""
    from planner.domain.errors import StaleError
    from planner.services.unit import what

    with unit(db) as tx:
        obj = tx.get(Entity.OUTLET, outlet_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.OUTLET))
        count = tx.s.execute(select(func.count()).select_from(Assignment).where(Assignment.outlet_id == outlet_id)).scalar()
        if count:
            raise ValidationError("in_use", field="id", what="媒体单位", count=count)
        for child in tx.s.execute(select(Outlet).where(Outlet.parent_id == outlet_id)).scalars():
            tx.relink(Entity.OUTLET, child.id, "parent_id", outlet_id)
        for proj in tx.s.execute(select(Project).where(Project.lead_outlet_id == outlet_id)).scalars():
            tx.relink(Entity.PROJECT, proj.id, "lead_outlet_id", outlet_id)
        from planner.services.people import remove_people_of

        remove_people_of(tx, outlet_id)
        from planner.store.models import Membership

        tx.remove_where(Entity.MEMBERSHIP, Membership.outlet_id == outlet_id)
        tx.remove(Entity.OUTLET, obj)
        return tx.changes()
