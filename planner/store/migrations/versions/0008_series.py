"""recurring series of stages: the rule that made them and the link of each stage to its occurrence

Revision ID: 0008_series
Revises: 0007_notes
Create Date: 2026-11-30 01:44:07.876514
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0008_series'
down_revision = '0007_notes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stage_series',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('first_start', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_stage_series_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_series'))
    )
    with op.batch_alter_table('stage_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_series_project_id'), ['project_id'], unique=False)

    op.create_table('series_occurrence',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('stage_id', sa.Uuid(), nullable=False),
    sa.Column('series_id', sa.Uuid(), nullable=False),
    sa.Column('occurrence_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['stage_series.id'], name=op.f('fk_series_occurrence_series_id_stage_series'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_series_occurrence_stage_id_stage'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_series_occurrence')),
    sa.UniqueConstraint('stage_id', name=op.f('uq_series_occurrence_stage_id'))
    )
    with op.batch_alter_table('series_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_series_occurrence_series_id'), ['series_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('series_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_series_occurrence_series_id'))

    op.drop_table('series_occurrence')
    with op.batch_alter_table('stage_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_series_project_id'))

    op.drop_table('stage_series')
