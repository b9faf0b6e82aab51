"""Settings stored in the database: this desk's identity (recorded in the change log) and the like."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity
from planner.domain.errors import ValidationError
from planner.domain.text import clean_line
from planner.services.unit import unit
from planner.store.database import Database
from planner.store.models import Outlet, Setting

#: keys a person may set through :func:`set_setting`
USER_KEYS = frozenset({"desk.editor", "desk.outlet_id", "desk.outlet_name", "export.folder", "ui.lang", "travel.kmh"})

#: Travel speed (km/h) the travel-time clash rule assumes between stage places unless a desk sets its own:
#: a car on expressways and county roads, door to door. Stored per database, so every screen, export
#: and CLI report of one plan judges it the same way.
DEFAULT_TRAVEL_KMH = 80.0
TRAVEL_KMH_RANGE = (5.0, 400.0)


def setting_id(key: str) -> uuid.UUID:
    """The id a setting has in :class:`Changes` and the change log."""
    return uuid.uuid5(uuid.NAMESPACE_OID, key)


def set_setting(db: Database, key: str, value: str) -> Changes:
    if key not in USER_KEYS:
        raise KeyError(key)
    value = clean_line(value, what="设置", field=key, required=False, max_len=500)
    with unit(db) as tx:
        obj = tx.s.get(Setting, key)
        before = obj.value if obj else None
        if obj is None:
            tx.s.add(Setting(key=key, value=value))
        else:
            obj.value = value
        tx.updated.append((Entity.SETTING, setting_id(key)))
        tx.log(Entity.SETTING, setting_id(key), Action.UPDATE, {key: before}, {key: value})
        changes = tx.changes(row=value)
    db.reload_settings()
    return changes


def set_desk(db: Database, *, editor: str, outlet_id: uuid.UUID | None) -> Changes:
    """Who works at this desk: the editor's name and their outlet, written into every log entry."""
    editor = clean_line(editor, what="姓名", field="editor", required=False, max_len=100)
    outlet_name = ""
    if outlet_id is not None:
        with db.reader() as s:
            outlet_name = s.execute(select(Outlet.short_name, Outlet.name).where(Outlet.id == outlet_id)).first()
            outlet_name = (outlet_name[0] or outlet_name[1]) if outlet_name else ""
    changes = set_setting(db, "desk.editor", editor)
    changes |= set_setting(db, "desk.outlet_id", str(outlet_id) if outlet_id else "")
    changes |= set_setting(db, "desk.outlet_name", outlet_name)
    return changes


def travel_kmh(db: Database) -> float:
    """The travel speed this database's analysis uses (a bad stored value falls back to the default)."""
    try:
        kmh = float(db.setting("travel.kmh", "") or DEFAULT_TRAVEL_KMH)
    except ValueError:
        return DEFAULT_TRAVEL_KMH
    low, high = TRAVEL_KMH_RANGE
    return kmh if low <= kmh <= high else DEFAULT_TRAVEL_KMH


def set_travel_kmh(db: Database, kmh: float) -> Changes:
    """Set the travel speed of the travel-time rule; outside 5–400 km/h is refused."""
    return set_setting(db, "travel.kmh", f"{valid_travel_kmh(kmh):g}")


def valid_travel_kmh(kmh: object) -> float:
    """``kmh`` as a travel speed, or a :class:`ValidationError` (not a number, outside 5–400 km/h)."""
    low, high = TRAVEL_KMH_RANGE
    try:
        value = float(kmh)
    except (TypeError, ValueError):
        raise ValidationError("travel_speed", field="travel.kmh", value=str(kmh), low=f"{low:g}", high=f"{high:g}") from None
    if not low <= value <= high:
        raise ValidationError("travel_speed", field="travel.kmh", value=f"{value:g}", low=f"{low:g}", high=f"{high:g}")
    return value
