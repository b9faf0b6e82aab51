"""Alembic environment and revisions of the planner schema (shipped inside the package)."""
