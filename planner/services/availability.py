"""People's availability: unavailable periods and duty patterns (create, edit, remove, list, busy).

Each write is one transaction with the change log, like every service. One-off periods of one
person may not overlap (two leaves at once is a typing mistake, and the desk would not know which
reason holds); a recurring pattern may overlap anything — a leave during a duty week is normal.
:func:`busy` expands periods and patterns over a window for the picker, the schedules and the plan
analysis. Importing from a sheet is in :mod:`planner.services.availability_import`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, literal_column, or_, select

from planner.domain.availability import AvailabilityKind, AvailabilityRow, Busy, busy_periods, check_rule
from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import StaleError, ValidationError
from planner.domain.text import clean_line
from planner.domain.timefmt import fmt_datetime
from planner.services.unit import Tx, unit, what
from planner.services.validate import datetime_value, enum_value, uuid_value
from planner.store.database import Database
from planner.store.fast import ModelTemplate, RowCache, ids_value, in_ids, template_rows
from planner.store.models import Availability, Person

FIELDS = ("person_id", "kind", "starts_at", "ends_at", "rule", "reason")


def availability_row(m: Mapping[str, Any]) -> AvailabilityRow:
    return AvailabilityRow(
        id=m["id"], person_id=m["person_id"], kind=AvailabilityKind(m["kind"]), starts_at=m["starts_at"],
        ends_at=m["ends_at"], rule=m["rule"] or "", reason=m["reason"] or "", version=m["version"],
    )


def clean_availability(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "person_id":
            out[key] = uuid_value(value, what="人员", field=key)
            if out[key] is None:
                raise ValidationError("empty", field=key, what="人员")
        elif key == "kind":
            out[key] = enum_value(AvailabilityKind, value, what="类型", field=key)
        elif key in ("starts_at", "ends_at"):
            out[key] = datetime_value(value, field=key)
            if out[key] is None:
                raise ValidationError("empty", field=key, what="日期")
        elif key == "rule":
            out[key] = "" if value is None else str(value)
        elif key == "reason":
            out[key] = clean_line(value, what="原因", field=key, required=False, max_len=500)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _check(tx: Tx, values: dict[str, Any], exclude: uuid.UUID | None) -> None:
    """Order, rule and overlap checks on the complete values of one period."""
    start, end = values["starts_at"], values["ends_at"]
    if end <= start:
        raise ValidationError("end_before_start", field="ends_at")
    values["rule"] = check_rule(values.get("rule", ""), start, end)
    if values["rule"]:
        return
    q = select(Availability).where(
        Availability.person_id == values["person_id"], Availability.rule == "",
        Availability.starts_at < end, Availability.ends_at > start,
    )
    if exclude is not None:
        q = q.where(Availability.id != exclude)
    clash = tx.s.execute(q.limit(1)).scalars().first()
    if clash is not None:
        person = tx.s.get(Person, values["person_id"])
        kind = AvailabilityKind(clash.kind)
        raise ValidationError(
            "availability_overlap", field="starts_at", person=person.name if person else "",
            kind=kind.zh, kind_en=kind.en, start=fmt_datetime(clash.starts_at), end=fmt_datetime(clash.ends_at),
        )


def create_availability(
    db: Database, *, person_id: uuid.UUID, starts_at: Any, ends_at: Any, kind: AvailabilityKind | str = AvailabilityKind.LEAVE,
    rule: str = "", reason: str = "", id: uuid.UUID | None = None,
) -> Changes:
    """Record that a person cannot be sent from ``starts_at`` to ``ends_at`` (or on a pattern)."""
    with unit(db) as tx:
        values = clean_availability(
            {"person_id": person_id, "kind": kind, "starts_at": starts_at, "ends_at": ends_at, "rule": rule,
             "reason": reason}
        )
        tx.get(Entity.PERSON, values["person_id"])
        _check(tx, values, None)
        obj = Availability(**values, **({"id": id} if id else {}))
        tx.add(Entity.AVAILABILITY, obj)
        return tx.changes(row=availability_row(obj.model_dump()))


def update_availability(
    db: Database, availability_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any
) -> Changes:
    with unit(db) as tx:
        current = tx.get(Entity.AVAILABILITY, availability_id)
        values = clean_availability(fields)
        merged = {k: values.get(k, getattr(current, k)) for k in FIELDS}
        if "person_id" in values:
            tx.get(Entity.PERSON, values["person_id"])
        _check(tx, merged, availability_id)
        if "rule" in values or "starts_at" in values or "ends_at" in values:
            values["rule"] = merged["rule"]
        after = tx.update(Entity.AVAILABILITY, availability_id, values, expected_version)
        return tx.changes(row=availability_row(after))


def delete_availability(db: Database, availability_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.AVAILABILITY, availability_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.AVAILABILITY))
        tx.remove(Entity.AVAILABILITY, obj)
        return tx.changes()


def remove_availability_of(tx: Tx, person_ids: Iterable[uuid.UUID]) -> None:
    """Inside a delete of people: remove their periods, keeping snapshots so undo restores them."""
    ids = list(person_ids)
    if ids:
        tx.remove_where(Entity.AVAILABILITY, Availability.person_id.in_(ids))  # type: ignore[attr-defined]


def _window(q: Any, start: datetime | None, end: datetime | None) -> Any:
    """Periods that may touch ``[start, end)``: one-off ones overlapping it, patterns begun before its end."""
    conds = []
    if end is not None:
        conds.append(Availability.starts_at < end)
    if start is not None:
        conds.append(or_(Availability.rule != "", Availability.ends_at > start))
    return q.where(and_(*conds)) if conds else q


def _window_conditions(start: Any, end: Any) -> Any:
    """:func:`_window`'s conditions for both ends given as bound parameters (the empty rule a literal:
    a :class:`~planner.store.fast.Template` binds only the values it is given)."""
    return and_(Availability.starts_at < end, or_(Availability.rule != literal_column("''"), Availability.ends_at > start))


def list_availability(
    db: Database, *, person_id: uuid.UUID | None = None, person_ids: Iterable[uuid.UUID] | None = None,
    outlet_id: uuid.UUID | None = None, start: datetime | None = None, end: datetime | None = None,
) -> list[AvailabilityRow]:
    """Stored periods and patterns (not expanded), by person then start."""
    q = select(Availability)
    if person_id is not None:
        q = q.where(Availability.person_id == person_id)
    if person_ids is not None:
        q = q.where(Availability.person_id.in_(list(person_ids)))  # type: ignore[attr-defined]
    if outlet_id is not None:
        q = q.where(Availability.person_id.in_(select(Person.id).where(Person.outlet_id == outlet_id)))  # type: ignore[attr-defined]
    q = _window(q, start, end).order_by(Availability.person_id, Availability.starts_at)
    with db.reader() as s:
        return [availability_row(obj.model_dump()) for obj in s.execute(q).scalars()]


def get_availability(db: Database, availability_id: uuid.UUID) -> AvailabilityRow:
    with db.reader() as s:
        obj = s.get(Availability, availability_id)
        if obj is None:
            from planner.domain.errors import NotFoundError

            raise NotFoundError(what="不在岗时段", ref=str(availability_id))
        return availability_row(obj.model_dump())


def busy(db: Database, person_ids: Iterable[uuid.UUID], start: datetime, end: datetime) -> dict[uuid.UUID, list[Busy]]:
    """Every unavailable occurrence of these people in ``[start, end)``, per person, by start.

    One statement compiled once, the ids bound as one value (:class:`~planner.store.fast.Template`):
    opening a project asks this of its people each time (an IN list of a hundred ids was compiled
    anew on every open, ~0.5 ms of its ~0.75 ms)."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    with db.engine.connect() as conn:
        rows = template_rows(conn, _BUSY, {"people": ids_value(conn, ids), "start": start, "end": end},
                             availability_row, _NOT_KEPT)
    return busy_by_person(rows, start, end)


_BUSY = ModelTemplate(
    Availability, None,
    lambda: [_window_conditions(bindparam("start", type_=Availability.starts_at.type),  # type: ignore[attr-defined]
                                bindparam("end", type_=Availability.starts_at.type))],  # type: ignore[attr-defined]
    lambda: (Availability.person_id, Availability.starts_at, Availability.id),
    dialect_where=lambda sqlite: [in_ids(Availability.person_id, "people", sqlite)])
_NOT_KEPT = RowCache(0)  # periods are few and change with every edit of them: nothing to keep


def unavailable_during(db: Database, stages: Iterable[Any], assignments: Iterable[Any]) -> dict[uuid.UUID, tuple[Busy, ...]]:
    """For a plan: when its assigned people are away between its first stage start and last stage end."""
    times = [t for st in stages for t in (st.starts_at, st.ends_at) if t is not None and not st.time_tbc]
    people = {p for a in assignments for p in a.person_ids}
    if not times or not people:
        return {}
    return {pid: tuple(rows) for pid, rows in busy(db, people, min(times), max(times) + timedelta(seconds=1)).items()}


def busy_by_person(rows: list[AvailabilityRow], start: datetime, end: datetime) -> dict[uuid.UUID, list[Busy]]:
    out: dict[uuid.UUID, list[Busy]] = defaultdict(list)
    for b in busy_periods(rows, start, end):
        out[b.person_id].append(b)
    return dict(out)


__all__ = [
    "availability_row", "busy", "busy_by_person", "clean_availability", "create_availability",
    "delete_availability", "get_availability", "list_availability", "remove_availability_of",
    "update_availability",
]
