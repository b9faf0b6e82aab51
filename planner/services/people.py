"""People (人员) of outlets: reporters, photographers, camera crews, editors, anchors, producers —
and erasing a person's personal data (个人信息保护法) from the database and its change log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from planner.domain.changes import Changes
from planner.domain.contact import clean_email, clean_phone
from planner.domain.enums import Action, Entity, PersonRole
from planner.domain.errors import DuplicateError, NotFoundError, StaleError, ValidationError
from planner.domain.text import clean_line, name_key
from planner.services.availability import remove_availability_of
from planner.services.unit import Tx, unit, what
from planner.services.validate import enum_value, uuid_value
from planner.store.convert import person_row
from planner.store.database import Database
from planner.store.models import AssignmentPerson, ChangeLog, Person, Project, SyncConflict, SyncRecord

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


# -- erasing a person's personal data (个人信息保护法) ----------------------------------------------
#: What the planner holds about a person that identifies or reaches them. A person still on the
#: roster keeps their name (colleagues plan with it); a deleted person loses it too.
CONTACT_FIELDS = ("phone", "email")
ERASED_NAME = "（已清除）"


@dataclass(frozen=True, slots=True)
class ErasablePerson:
    """Someone whose personal data the database holds: a current person, or a deleted one whose
    details the change log still remembers."""

    id: uuid.UUID
    name: str
    outlet_id: uuid.UUID | None
    deleted: bool


def erasable_people(db: Database) -> list[ErasablePerson]:
    """Current people, then deleted people whose name or contact details remain in the change log."""
    out: list[ErasablePerson] = []
    with db.reader() as s:
        current = {p.id: p for p in s.scalars(select(Person).order_by(Person.name))}
        out += [ErasablePerson(p.id, p.name, p.outlet_id, False) for p in current.values()]
        seen: set[uuid.UUID] = set()
        rows = s.execute(select(ChangeLog.entity_id, ChangeLog.before, ChangeLog.after, ChangeLog.action)
                         .where(ChangeLog.entity == Entity.PERSON.value).order_by(ChangeLog.at.desc()))  # type: ignore[attr-defined]
        for pid, before, after, _action in rows:
            if pid in current or pid in seen:
                continue
            values = {**(after or {}), **(before or {})}
            if not any(values.get(f) for f in ("name", *CONTACT_FIELDS)) or values.get("name") == ERASED_NAME:
                continue
            seen.add(pid)
            outlet = values.get("outlet_id")
            try:
                outlet_id = uuid.UUID(str(outlet)) if outlet else None
            except ValueError:
                outlet_id = None
            out.append(ErasablePerson(pid, str(values.get("name") or ""), outlet_id, True))
    return out


def _scrub(values: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    if not values:
        return values
    out = dict(values)
    for f in fields:
        if out.get(f):
            out[f] = ERASED_NAME if f == "name" else ""
    return out


def _scrub_exchange(tx: Tx, person_id: uuid.UUID, fields: tuple[str, ...]) -> None:
    """The exchange's own copies: decided conflicts keep both values of a field (and the record's
    name as label), a tombstone keeps the deleted record's name as label."""
    for row in tx.s.scalars(select(SyncConflict).where(
            SyncConflict.entity == Entity.PERSON.value, SyncConflict.record_id == person_id)):
        if row.field in fields:
            blank = ERASED_NAME if row.field == "name" else ""
            row.mine, row.theirs = {"value": blank}, {"value": blank}
        if "name" in fields:
            row.label = ERASED_NAME
    meta = tx.s.get(SyncRecord, person_id)
    if meta is not None and "name" in fields and meta.label:
        meta.label = ERASED_NAME


def erase_personal_data(db: Database, person_id: uuid.UUID) -> Changes:
    """Erase a person's phone and e-mail everywhere the database keeps them — the person's record
    and every change-log entry about them — and, for a deleted person, their name too.

    The exchange's decided conflicts about the person lose those values too. The erase is logged
    (action ``erase``, naming the fields, never their values). On SQLite the
    freed space is overwritten (``secure_delete``) and the write-ahead log folded back into the
    file, so the old values are not left in the file either; automatic backups made before still
    hold them (:func:`planner.services.files.purge_backups` removes those).
    """
    person_id = uuid_value(person_id, what="人员", field="person_id")  # type: ignore[assignment]
    with unit(db) as tx:
        if db.is_sqlite:
            tx.s.execute(text("PRAGMA secure_delete=ON"))
        person = tx.s.get(Person, person_id)
        entries = list(tx.s.scalars(select(ChangeLog).where(
            ChangeLog.entity == Entity.PERSON.value, ChangeLog.entity_id == person_id)))
        if person is None and not entries:
            raise NotFoundError(what="人员", ref=str(person_id))
        fields = CONTACT_FIELDS if person is not None else ("name", *CONTACT_FIELDS)
        if person is not None:
            tx.update(Entity.PERSON, person_id, {f: "" for f in CONTACT_FIELDS}, None, log=False)
        for entry in entries:
            before, after = _scrub(entry.before, fields), _scrub(entry.after, fields)
            if before != entry.before or after != entry.after:
                entry.before, entry.after = before, after
        _scrub_exchange(tx, person_id, fields)
        tx.flush()
        tx.log(Entity.PERSON, person_id, Action.ERASE, None, {"erased": list(fields)})
        if db.is_sqlite:
            tx.flush()
            tx.s.execute(text("PRAGMA secure_delete=OFF"))
        changes = tx.changes()
    if db.is_sqlite:
        with db.engine.connect() as conn:  # the old pages leave the write-ahead log
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return changes
