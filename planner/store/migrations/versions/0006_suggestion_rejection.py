"""staffing suggestions the coordinator rejected, per project

Revision ID: 0006_suggestion_rejection
Revises: 0005_sync
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0006_suggestion_rejection'
down_revision = '0005_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('suggestion_rejection',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('stage_id', sa.Uuid(), nullable=True),
    sa.Column('outlet_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlet.id'], name=op.f('fk_suggestion_rejection_outlet_id_outlet'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_suggestion_rejection_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_suggestion_rejection_stage_id_stage'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_rejection'))
    )
    with op.batch_alter_table('suggestion_rejection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_rejection_outlet_id'), ['outlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestion_rejection_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('suggestion_rejection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestion_rejection_project_id'))
        batch_op.drop_index(batch_op.f('ix_suggestion_rejection_outlet_id'))

    op.drop_table('suggestion_rejection')
