"""Alliances (联合体/联盟/合作协议) and their memberships."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import AllianceKind, Entity, MembershipRole
from planner.domain.errors import DuplicateError, StaleError, ValidationError
from planner.domain.text import clean_line, clean_text, name_key
from planner.services.unit import Tx, unit, what
from planner.services.validate import date_value, enum_value
from planner.store.convert import alliance_row, membership_row
from planner.store.database import Database
from planner.store.models import Alliance, Membership

FIELDS = ("name", "kind", "founded_on", "description")


def clean_alliance(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out["name"] = clean_line(value, what="名称", field=key)
            out["name_key"] = name_key(out["name"])
        elif key == "kind":
            out[key] = enum_value(AllianceKind, value, what="类型", field=key)
        elif key == "founded_on":
            out[key] = date_value(value, field=key)
        elif key == "description":
            out[key] = clean_text(value, what="说明", field=key)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _check_unique(tx: Tx, key: str, name: str, exclude: uuid.UUID | None = None) -> None:
    q = select(Alliance.id).where(Alliance.name_key == key)
    if exclude:
        q = q.where(Alliance.id != exclude)
    if tx.s.execute(q).first():
        raise DuplicateError(field="name", what="联合体", value=name)


def create_alliance(
    db: Database, *, name: str, kind: AllianceKind | str, id: uuid.UUID | None = None, **fields: Any
) -> Changes:
    with unit(db) as tx:
        values = clean_alliance({"name": name, "kind": kind, **fields})
        _check_unique(tx, values["name_key"], values["name"])
        obj = Alliance(**values, **({"id": id} if id else {}))
        tx.add(Entity.ALLIANCE, obj)
        return tx.changes(row=alliance_row(obj.model_dump()))


def update_alliance(db: Database, alliance_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any) -> Changes:
    with unit(db) as tx:
        values = clean_alliance(fields)
        if "name_key" in values:
            _check_unique(tx, values["name_key"], values["name"], exclude=alliance_id)
        return tx.changes(row=alliance_row(tx.update(Entity.ALLIANCE, alliance_id, values, expected_version)))


def delete_alliance(db: Database, alliance_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.ALLIANCE, alliance_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.ALLIANCE))
        tx.remove_where(Entity.MEMBERSHIP, Membership.alliance_id == alliance_id)
        tx.remove(Entity.ALLIANCE, obj)
        return tx.changes()


def add_member(
    db: Database, *, alliance_id: uuid.UUID, outlet_id: uuid.UUID, role: MembershipRole | str = MembershipRole.MEMBER,
    id: uuid.UUID | None = None,
) -> Changes:
    with unit(db) as tx:
        alliance = tx.get(Entity.ALLIANCE, alliance_id)
        outlet = tx.get(Entity.OUTLET, outlet_id)
        existing = tx.s.execute(
            select(Membership.id).where(Membership.alliance_id == alliance_id, Membership.outlet_id == outlet_id)
        ).first()
        if existing:
            raise DuplicateError("duplicate", field="outlet_id", what="成员关系", value=f"{alliance.name} / {outlet.name}")
        obj = Membership(
            alliance_id=alliance_id, outlet_id=outlet_id,
            role=enum_value(MembershipRole, role, what="角色", field="role"), **({"id": id} if id else {}),
        )
        tx.add(Entity.MEMBERSHIP, obj)
        return tx.changes(row=membership_row(obj.model_dump()))


def update_member(db: Database, membership_id: uuid.UUID, *, role: MembershipRole | str, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        after = tx.update(
            Entity.MEMBERSHIP, membership_id, {"role": enum_value(MembershipRole, role, what="角色", field="role")},
            expected_version,
        )
        return tx.changes(row=membership_row(after))


def remove_member(db: Database, membership_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.MEMBERSHIP, membership_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.MEMBERSHIP))
        tx.remove(Entity.MEMBERSHIP, obj)
        return tx.changes()
