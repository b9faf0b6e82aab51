"""notes threads per stage and assignment; the old notes fields become each thread's first entry

Revision ID: 0007_notes
Revises: 0006_suggestion_rejection
Create Date: 2026-11-24 09:10:00

The text of ``stage.notes`` and ``assignment.notes`` moves into the ``note`` table as the first
entry of the record's thread: written at the time and by the desk of the change-log entry that last
set the field (when the log still has one), else at the record's last change by this database's desk
identity. The old columns stay (plan bundles of format 1 carry them) but are emptied and no longer
written.
"""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007_notes'
down_revision = '0006_suggestion_rejection'
branch_labels = None
depends_on = None

#: ids looked up in the change log per query (SQLite allows 999 parameters in older builds)
_CHUNK = 500
_TIME = sqlmodel.sql.sqltypes.UTCDateTime()


def _note_table() -> sa.TableClause:
    return sa.table(
        'note', sa.column('id', sa.Uuid()), sa.column('created_at', _TIME), sa.column('updated_at', _TIME),
        sa.column('version', sa.Integer()), sa.column('stage_id', sa.Uuid()), sa.column('assignment_id', sa.Uuid()),
        sa.column('author', sa.String()), sa.column('body', sa.String()),
    )


def upgrade() -> None:
    op.create_table(
        'note',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('stage_id', sa.Uuid(), nullable=True),
        sa.Column('assignment_id', sa.Uuid(), nullable=True),
        sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_note_assignment_id_assignment'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_note_stage_id_stage'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_note')),
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index('ix_note_assignment_created', ['assignment_id', 'created_at'], unique=False)
        batch_op.create_index('ix_note_stage_created', ['stage_id', 'created_at'], unique=False)
    _move_notes(op.get_bind())


def _move_notes(conn: sa.Connection) -> None:
    note = _note_table()
    log = sa.table('change_log', sa.column('entity_id', sa.Uuid()), sa.column('at', _TIME),
                   sa.column('desk', sa.String()), sa.column('after', sa.JSON()))
    settings = dict(conn.execute(sa.text("SELECT key, value FROM setting")).all())
    editor, outlet = settings.get('desk.editor', ''), settings.get('desk.outlet_name', '')
    desk = f"{editor}（{outlet}）" if editor and outlet else (editor or outlet or f"desk-{settings.get('desk.id', '')[:8]}")
    for name, target in (('stage', 'stage_id'), ('assignment', 'assignment_id')):
        table = sa.table(name, sa.column('id', sa.Uuid()), sa.column('notes', sa.String()),
                         sa.column('updated_at', _TIME))
        rows = conn.execute(sa.select(table.c.id, table.c.notes, table.c.updated_at).where(table.c.notes != '')).all()
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start:start + _CHUNK]
            written = _who_wrote(conn, log, {r.id: r.notes for r in chunk})
            values = []
            for row in chunk:
                at, by = written.get(row.id, (row.updated_at, desk))
                at = at or datetime.now(UTC)
                values.append({'id': uuid.uuid4(), 'created_at': at, 'updated_at': at, 'version': 1,
                               'stage_id': None, 'assignment_id': None, target: row.id, 'author': by or desk,
                               'body': row.notes.strip()})
            conn.execute(sa.insert(note), values)
        conn.execute(sa.update(table).where(table.c.notes != '').values(notes=''))


def _who_wrote(conn: sa.Connection, log: sa.TableClause, texts: dict[uuid.UUID, str]) -> dict[uuid.UUID, tuple]:
    """Per record, (when, which desk) of the latest change-log entry that set its notes to the text it has."""
    found: dict[uuid.UUID, tuple] = {}
    q = sa.select(log.c.entity_id, log.c.at, log.c.desk, log.c.after).where(log.c.entity_id.in_(list(texts))).order_by(log.c.at)
    for entity_id, at, desk, after in conn.execute(q):
        if isinstance(after, str):  # a JSON column read back as text by an older driver
            try:
                after = json.loads(after)
            except ValueError:
                continue
        if isinstance(after, dict) and after.get('notes') == texts.get(entity_id):
            found[entity_id] = (at, desk)
    return found


def downgrade() -> None:
    # Put each record's first note back into its old field before the thread goes.
    conn = op.get_bind()
    note = _note_table()
    for name, target in (('stage', 'stage_id'), ('assignment', 'assignment_id')):
        column = note.c[target]
        first = sa.select(column, note.c.body).where(column.is_not(None)).order_by(note.c.created_at.desc())
        bodies = {rid: body for rid, body in conn.execute(first)}  # the earliest entry is written last
        table = sa.table(name, sa.column('id', sa.Uuid()), sa.column('notes', sa.String()))
        for rid, body in bodies.items():
            conn.execute(sa.update(table).where(table.c.id == rid).values(notes=body))
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index('ix_note_stage_created')
        batch_op.drop_index('ix_note_assignment_created')
    op.drop_table('note')
