"""The coverage matrix's column order per project, kept across restarts.

The matrix keeps its columns in the order the editor has seen them (an outlet new to the project
joins at the right end). That order is stored here when it grows, and read back the first time the
project's matrix is shown after a restart, so a restart does not reshuffle the columns.

It lives in its own INI file in the user's data folder (``matrix-columns.ini``), not in
:mod:`planner.ui.prefs`' file, which is read whole on every preference: a long order for each of
many projects would slow every other preference down. Only the :data:`MAX_PROJECTS` projects whose
order changed last are kept. A damaged entry reads as no order (the natural one), never an error.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from PySide6.QtCore import QSettings

from planner.paths import user_data_dir

MAX_PROJECTS = 50
_HEX = re.compile(r"(?:[0-9a-f]{32})*")


def _store() -> QSettings:
    return QSettings(str(user_data_dir() / "matrix-columns.ini"), QSettings.Format.IniFormat)


def _key(label: str, project_id: uuid.UUID) -> str:
    return "order/" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:16] + "-" + project_id.hex


def load(label: str, project_id: uuid.UUID) -> list[uuid.UUID]:
    """The stored order of the project's columns in the database called ``label`` (empty if none)."""
    text = str(_store().value(_key(label, project_id), "") or "")
    if not _HEX.fullmatch(text):
        return []
    return [uuid.UUID(text[i:i + 32]) for i in range(0, len(text), 32)]


def save(label: str, project_id: uuid.UUID, order: list[uuid.UUID]) -> None:
    """Store the order (outlet ids, left to right), dropping the projects changed longest ago."""
    key = _key(label, project_id)
    s = _store()
    recent = s.value("recent", [])
    recent = [str(k) for k in ([recent] if isinstance(recent, str) else recent or []) if str(k) != key]
    recent.insert(0, key)
    for old in recent[MAX_PROJECTS:]:
        s.remove(old)
    s.setValue("recent", recent[:MAX_PROJECTS])
    s.setValue(key, "".join(oid.hex for oid in order))
    s.sync()
