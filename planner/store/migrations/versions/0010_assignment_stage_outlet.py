"""assignments indexed by stage and outlet (covering the project list's counts)

The project list counts each project's assignments and distinct outlets at every start-up and after
every plan edit; with only ``ix_assignment_stage_id`` SQLite read every assignment row for its
outlet (0.2-0.3 s on 200,000 assignments). ``ix_assignment_stage_outlet`` answers the same count
from the index alone and serves every lookup by stage the old index served, which it replaces.

Revision ID: 0010_assignment_stage_outlet
Revises: 0009_invisible_names
Create Date: 2026-11-30 06:30:00
"""
from __future__ import annotations

from alembic import op

revision = '0010_assignment_stage_outlet'
down_revision = '0009_invisible_names'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index('ix_assignment_stage_outlet', ['stage_id', 'outlet_id'], unique=False)
        batch_op.drop_index('ix_assignment_stage_id')


def downgrade() -> None:
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index('ix_assignment_stage_id', ['stage_id'], unique=False)
        batch_op.drop_index('ix_assignment_stage_outlet')
