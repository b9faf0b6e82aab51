"""names without invisible characters, and their comparison keys recomputed

Older versions stored names as typed or pasted, zero-width spaces, BOMs, soft hyphens and bidi
controls included, and their duplicate keys with them: ``荣昌区\\u200b融媒体中心`` did not match
荣昌区融媒体中心. This data migration strips those characters from the names of outlets, alliances,
projects, stages and people and recomputes the keys — except where the cleaned key is already
another row's (two such rows both stay, as before, rather than failing the upgrade).
No schema change.

Revision ID: 0009_invisible_names
Revises: 0008_series
Create Date: 2026-11-30 03:30:00
"""
from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0009_invisible_names'
down_revision = '0008_series'
branch_labels = None
depends_on = None

# The same characters and key as planner.domain.text at the time of writing (kept here, so that
# later changes there cannot change what this migration did).
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u3000]+")


def _key(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))).casefold()


def _clean(text: str) -> str:
    return _INVISIBLE.sub("", text).replace("\u3000", " ").strip()


def _rekey(conn: sa.Connection, table: str, name: str, key: str | None, scope: str | None = None) -> None:
    t = sa.table(table, sa.column("id"), sa.column(name), *([sa.column(key)] if key else []),
                 *([sa.column(scope)] if scope else []))
    rows = conn.execute(sa.select(*t.c)).mappings().all()
    taken = {(r[scope] if scope else None, r[key]) for r in rows} if key else set()
    for r in rows:
        value = r[name]
        if not value or not _INVISIBLE.search(value):
            continue
        cleaned = _clean(value)
        if not cleaned:
            continue
        values = {name: cleaned}
        if key:
            new_key = _key(cleaned)
            slot = (r[scope] if scope else None, new_key)
            if new_key != r[key] and slot in taken:
                continue  # another row already has this name: keep both as they were
            taken.discard((r[scope] if scope else None, r[key]))
            taken.add(slot)
            values[key] = new_key
        conn.execute(sa.update(t).where(t.c.id == r["id"]).values(**values))


def upgrade() -> None:
    conn = op.get_bind()
    _rekey(conn, "outlet", "name", "name_key")
    _rekey(conn, "alliance", "name", "name_key")
    _rekey(conn, "project", "title", "title_key")
    _rekey(conn, "stage", "title", "title_key", scope="project_id")
    _rekey(conn, "person", "name", None)


def downgrade() -> None:
    pass  # the characters removed carried no meaning; there is nothing to put back
