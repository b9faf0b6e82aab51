"""People (人员) of outlets: reporters, photographers, camera crews, editors, anchors, producers."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.contact import clean_email, clean_phone
from planner.domain.enums import Entity, PersonRole
from planner.domain.errors import DuplicateError, StaleError, ValidationError
from planner.domain.text import clean_line, name_key
from planner.services.availability import remove_availability_of
from planner.services.unit import Tx, unit, what
from planner.services.validate import enum_value, uuid_value
from planner.store.convert import person_row
from planner.store.database import Database
from planner.store.models import AssignmentPerson, Person, Project

FIELDS = ("outlet_id", "name", "role", "phone", "email", "active")


def clean_person(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = clean_line(value, what="姓名", field=key, max_len=100)
        elif key == "outlet_id":
            out[key] = uuid_value(value, what="媒体单位", field=key)
            if out[key] is None:
                raise ValidationError("empty", field=key, what="单位")
        elif key == "role":
            out[key] = enum_value(PersonRole, value, what="角色", field=key)
        elif key == "phone":
            out[key] = clean_phone(clean_line(value, what="电话", field=key, required=False, max_len=50), field=key)
        elif key == "email":
            out[key] = clean_email(clean_line(value, what="邮箱", field=key, required=False), field=key)
        elif key == "active":
            out[key] = bool(value)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _check_unique(tx: Tx, outlet_id: uuid.UUID, name: str, exclude: uuid.UUID | None = None) -> None:
    key = name_key(name)
    for pid, pname in tx.s.execute(select(Person.id, Person.name).where(Person.outlet_id == outlet_id)):
        if pid != exclude and name_key(pname) == key:
            raise DuplicateError(field="name", what="人员", value=name)


def create_person(
    db: Database, *, outlet_id: uuid.UUID, name: str, role: PersonRole | str, id: uuid.UUID | None = None, **fields: Any
) -> Changes:
    with unit(db) as tx:
        values = clean_person({"outlet_id": outlet_id, "name": name, "role": role, **fields})
        tx.get(Entity.OUTLET, values["outlet_id"])
        _check_unique(tx, values["outlet_id"], values["name"])
        obj = Person(**values, **({"id": id} if id else {}))
        tx.add(Entity.PERSON, obj)
        return tx.changes(row=person_row(obj.model_dump()))


def update_person(db: Database, person_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any) -> Changes:
    with unit(db) as tx:
        values = clean_person(fields)
        current = tx.get(Entity.PERSON, person_id)
        if "name" in values or "outlet_id" in values:
            _check_unique(
                tx, values.get("outlet_id", current.outlet_id), values.get("name", current.name), exclude=person_id
            )
        if "outlet_id" in values and values["outlet_id"] != current.outlet_id:
            tx.get(Entity.OUTLET, values["outlet_id"])
            linked = tx.s.execute(select(AssignmentPerson).where(AssignmentPerson.person_id == person_id)).first()
            if linked is not None:
                raise ValidationError("in_use", field="outlet_id", what="人员", count=1)
        after = tx.update(Entity.PERSON, person_id, values, expected_version)
        return tx.changes(row=person_row(after))


def remove_people_of(tx: Tx, outlet_id: uuid.UUID) -> None:
    """Remove an outlet's people with their assignment links (inside a delete)."""
    ids = [p for (p,) in tx.s.execute(select(Person.id).where(Person.outlet_id == outlet_id))]
    if not ids:
        return
    for proj in tx.s.execute(select(Project).where(Project.coordinator_id.in_(ids))).scalars():  # type: ignore[union-attr]
        tx.relink(Entity.PROJECT, proj.id, "coordinator_id", proj.coordinator_id)
    tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.person_id.in_(ids))  # type: ignore[attr-defined]
    remove_availability_of(tx, ids)
    tx.remove_where(Entity.PERSON, Person.id.in_(ids))  # type: ignore[attr-defined]


def delete_person(db: Database, person_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.PERSON, person_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.PERSON))
        for proj in tx.s.execute(select(Project).where(Project.coordinator_id == person_id)).scalars():
            tx.relink(Entity.PROJECT, proj.id, "coordinator_id", person_id)
        tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.person_id == person_id)
        remove_availability_of(tx, [person_id])
        tx.remove(Entity.PERSON, obj)
        return tx.changes()
