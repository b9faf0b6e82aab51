"""What this desk last agreed on with each other desk ("changed here since?").

For every peer desk we keep, in the ``setting`` table under ``exchange.base.<peer desk id>``, a JSON
object mapping record UUID → fingerprint of the content last merged from (or confirmed with) that
peer. A bundle also carries, per record, the fingerprints its sender last agreed on with other desks
(``sync``), so a desk that receives back an edit of its own record knows which content the edit was
based on. See :mod:`planner.services.exchange.merge` for how the two are used.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlmodel import Session

from planner.store.database import Database
from planner.store.models import Setting

PREFIX = "exchange.base."


def _decode(value: str) -> dict[uuid.UUID, str]:
    try:
        raw = json.loads(value or "{}")
        return {uuid.UUID(k): str(v) for k, v in raw.items()}
    except (ValueError, AttributeError, TypeError):
        return {}


def load_states(db: Database) -> dict[str, dict[uuid.UUID, str]]:
    """Every peer desk's agreed fingerprints, by peer desk id."""
    with db.reader() as s:
        rows = s.execute(select(Setting.key, Setting.value).where(Setting.key.startswith(PREFIX))).all()  # type: ignore[attr-defined]
    return {key.removeprefix(PREFIX): _decode(value) for key, value in rows}


def load_state(s: Session, peer: str) -> dict[uuid.UUID, str]:
    obj = s.get(Setting, PREFIX + peer)
    return _decode(obj.value) if obj else {}


def save_state(s: Session, peer: str, state: dict[uuid.UUID, str]) -> None:
    value = json.dumps({str(k): v for k, v in sorted(state.items(), key=lambda kv: str(kv[0]))}, separators=(",", ":"))
    obj = s.get(Setting, PREFIX + peer)
    if obj is None:
        s.add(Setting(key=PREFIX + peer, value=value))
    else:
        obj.value = value
