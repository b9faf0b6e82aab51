"""Where things live: the user's data folder and the bundled resources.

This is the only module that knows about PyInstaller (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "JointCoveragePlanner"
APP_AUTHOR = "MediaAlliance"


def resources_dir() -> Path:
    """The folder holding places data, fonts, translations, templates and schemas."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    checkout = here.parent / "resources"
    if checkout.is_dir():
        return checkout
    return here / "_resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """Per-user data folder (created on demand); ``PLANNER_HOME`` overrides it (tests, portable use)."""
    override = os.environ.get("PLANNER_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "planner.db"


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
