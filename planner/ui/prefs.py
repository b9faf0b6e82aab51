"""Per-user preferences of the desktop app (language, recent files, window geometry, export folder,
the project last open in each database).

They live in an INI file in the user's data folder (``PLANNER_HOME`` in tests), not in the
database: a database file travels between desks, a user's preferences do not. The desk identity
(editor name, outlet) is different: it belongs to the database and is set through
:mod:`planner.services.settings`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from planner.paths import user_data_dir

LANGUAGES = ("zh_CN", "en")
MAX_RECENT = 8


def store() -> QSettings:
    return QSettings(str(user_data_dir() / "planner-ui.ini"), QSettings.Format.IniFormat)


def language() -> str:
    lang = str(store().value("ui/lang", "zh_CN"))
    return lang if lang in LANGUAGES else "zh_CN"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    s = store()
    s.setValue("ui/lang", lang)
    s.sync()


def recent_files() -> list[str]:
    value = store().value("files/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if str(v)]


def add_recent_file(path: str | Path) -> list[str]:
    text = str(Path(path))
    files = [text] + [f for f in recent_files() if f != text]
    files = files[:MAX_RECENT]
    s = store()
    s.setValue("files/recent", files)
    s.sync()
    return files


def remove_recent_file(path: str | Path) -> None:
    files = [f for f in recent_files() if f != str(path)]
    s = store()
    s.setValue("files/recent", files)
    s.sync()


def export_folder() -> str:
    return str(store().value("paths/export_folder", ""))


def set_export_folder(folder: str) -> None:
    s = store()
    s.setValue("paths/export_folder", folder)
    s.sync()


def _db_key(label: str) -> str:
    import hashlib

    return "last_project/" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:16]


def last_project(label: str) -> str | None:
    """The project last open in the database called ``label`` (its path or URL), as text."""
    value = store().value(_db_key(label), "")
    return str(value) if value else None


def set_last_project(label: str, project_id: str | None) -> None:
    s = store()
    s.setValue(_db_key(label), project_id or "")
    s.sync()
