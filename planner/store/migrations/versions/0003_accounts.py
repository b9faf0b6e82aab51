"""server accounts, and the editor's login and outlet in the change log

Revision ID: 0003_accounts
Revises: 0002_indexes
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003_accounts'
down_revision = '0002_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('server_account',
    sa.Column('login', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('outlet_id', sa.Uuid(), nullable=True),
    sa.Column('person_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlet.id'], name=op.f('fk_server_account_outlet_id_outlet'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_server_account_person_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('login', name=op.f('pk_server_account'))
    )
    with op.batch_alter_table('server_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_server_account_outlet_id'), ['outlet_id'], unique=False)

    # Added columns only: SQLite needs no table rebuild for these.
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('outlet_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_change_log_login'), ['login'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_log_outlet_id'), ['outlet_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_outlet_id'))
        batch_op.drop_index(batch_op.f('ix_change_log_login'))
        batch_op.drop_column('outlet_id')
        batch_op.drop_column('login')

    with op.batch_alter_table('server_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_server_account_outlet_id'))

    op.drop_table('server_account')
