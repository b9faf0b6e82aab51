"""Alembic environment: always run with a connection handed in by :mod:`planner.store.migrate`."""

from __future__ import annotations

from alembic import context

from planner.store.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI directly
    raise RuntimeError("Run migrations through planner.store.open_database, not the alembic command line.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
