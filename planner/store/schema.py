"""Facts about the schema that start-up checks without importing Alembic."""

from __future__ import annotations

APP_ID = "joint-coverage-planner"

#: Every Alembic revision in order, oldest first. A test keeps this equal to the scripts' history.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_indexes", "0003_accounts", "0004_availability", "0005_sync",
                              "0006_suggestion_rejection", "0007_notes", "0008_series", "0009_invisible_names",
                              "0010_assignment_stage_outlet")
HEAD: str = REVISIONS[-1]
