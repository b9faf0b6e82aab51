"""What this desk knows about other desks and the records they share with it.

- **Peers** (``sync_peer``): every other desk's name and, per desk, the highest counter its bundles
  showed us (``seen``), so an older bundle that arrives late is recognised as such.
- **Aliases** (``sync_alias``): a record another desk made independently and we matched by name
  (or a project a person confirmed) is remembered from their id to ours, so a later rename on
  either side does not make a duplicate.
- **Decided conflicts** (``sync_conflict``): both values, who and when, and what was chosen — the
  record of every edit a merge did not keep.
- **Format-1 fingerprints** (``setting`` ``exchange.base.<desk id>``): what was last agreed with a
  desk under the old protocol; read only to merge format-1 bundles.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlmodel import Session

from planner.domain.revisions import desk_key, join
from planner.store.bulkwrite import insert_rows, select_by_ids
from planner.store.database import Database
from planner.store.models import Setting, SyncAlias, SyncConflict, SyncPeer, utcnow

PREFIX = "exchange.base."
_CHUNK = 500


# -- format 1 -----------------------------------------------------------------------------------
def _decode(value: str) -> dict[uuid.UUID, str]:
    try:
        raw = json.loads(value or "{}")
        return {uuid.UUID(k): str(v) for k, v in raw.items()}
    except (ValueError, AttributeError, TypeError):
        return {}


def load_state(s: Session, peer: str) -> dict[uuid.UUID, str]:
    """Fingerprints agreed with ``peer`` under format 1 (its id with or without hyphens)."""
    for key in dict.fromkeys((peer, desk_key(peer), _hyphenated(peer))):
        obj = s.get(Setting, PREFIX + key)
        if obj is not None:
            return _decode(obj.value)
    return {}


def _hyphenated(peer: str) -> str:
    key = desk_key(peer)
    return str(uuid.UUID(key)) if len(key) == 32 else key


def save_state(s: Session, peer: str, state: dict[uuid.UUID, str]) -> None:
    value = json.dumps({str(k): v for k, v in sorted(state.items(), key=lambda kv: str(kv[0]))}, separators=(",", ":"))
    key = PREFIX + desk_key(peer)
    obj = s.get(Setting, key)
    if obj is None:
        s.add(Setting(key=key, value=value))
    else:
        obj.value = value


# -- peers --------------------------------------------------------------------------------------
def load_peer(s: Session, desk_id: str) -> SyncPeer | None:
    return s.get(SyncPeer, desk_key(desk_id))


def desk_names(db_or_session: Database | Session) -> dict[str, str]:
    """Every desk this database has heard of, by id → name."""
    if isinstance(db_or_session, Database):
        with db_or_session.reader() as s:
            return desk_names(s)
    return {d: n for d, n in db_or_session.execute(select(SyncPeer.desk_id, SyncPeer.name)) if n}


def note_peers(s: Session, sender: str, sender_name: str, seen: Mapping[str, int], created_at: datetime | None,
               names: Mapping[str, str]) -> None:
    """Remember the sender's name and what its bundle showed, and the names of desks it mentions.

    Written only when something is new, so re-importing the same bundle changes nothing.
    """
    me = None
    for desk, name in {**names, sender: sender_name}.items():
        key = desk_key(desk)
        row = s.get(SyncPeer, key)
        if row is None:
            row = SyncPeer(desk_id=key, name=name[:200], seen={})
            s.add(row)
        elif (name and key == desk_key(sender) and row.name != name[:200]) or (name and not row.name):
            row.name = name[:200]
        if key == desk_key(sender):
            me = row
    assert me is not None
    merged = join(me.seen or {}, {desk_key(d): n for d, n in seen.items()})
    if merged != (me.seen or {}):
        me.seen = merged
    if created_at is not None and (me.bundle_at is None or created_at > me.bundle_at):
        me.bundle_at = created_at


# -- aliases ------------------------------------------------------------------------------------
_ALIAS = SyncAlias.__table__  # type: ignore[attr-defined]
_ALIAS_BY_IDS = select(_ALIAS.c.foreign_id, _ALIAS.c.local_id).where(
    _ALIAS.c.foreign_id.in_(bindparam("ids", expanding=True)))


def load_aliases(s: Session, foreign_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Their id → our id, for the ids given that we matched before."""
    return dict(select_by_ids(s.connection(), _ALIAS, ("foreign_id", "local_id"), "foreign_id", foreign_ids))


def aliases_of(s: Session, local_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Our id → the other desks' ids we matched to it (the reverse of :func:`load_aliases`)."""
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    for foreign_id, local_id in select_by_ids(s.connection(), _ALIAS, ("foreign_id", "local_id"), "local_id", local_ids):
        out.setdefault(local_id, []).append(foreign_id)
    return out


def save_aliases(s: Session, rows: list[dict[str, Any]]) -> None:
    """Remember new matches (``foreign_id``, ``entity``, ``local_id``, ``peer``, ``how``); a new match of
    a foreign id replaces the old one (a stage link matched again after its first match was deleted)."""
    if rows:
        now = utcnow()
        s.connection().execute(_ALIAS.delete().where(_ALIAS.c.foreign_id.in_([r["foreign_id"] for r in rows])))
        insert_rows(s.connection(), _ALIAS, [{**r, "at": now} for r in rows])


# -- decided conflicts --------------------------------------------------------------------------
def save_conflicts(s: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        s.connection().execute(insert(SyncConflict.__table__), rows)  # type: ignore[attr-defined]


def decided_conflicts(db: Database, record_id: uuid.UUID | None = None) -> list[SyncConflict]:
    """Decided conflicts, newest first (of one record, or all)."""
    with db.reader() as s:
        q = select(SyncConflict).order_by(SyncConflict.at.desc())  # type: ignore[attr-defined]
        if record_id is not None:
            q = q.where(SyncConflict.record_id == record_id)
        return list(s.scalars(q))
