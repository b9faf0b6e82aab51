"""The integrity check of a database file, started early in a thread (standard library only).

``PRAGMA quick_check`` reads every page of the file: about 150 ms for the 120 MB synth database,
most of the desktop app's start-up beyond importing Qt. sqlite3 releases the GIL while it works,
so the app calls :func:`start` as soon as it knows which file it will open and goes on importing
and building the window; :func:`planner.store.database.inspect_sqlite` then :func:`take`\\ s the
answer instead of checking again, but only if the file (and its ``-wal``) still has the size and
modification time it had when the check began. Anything unusual — the check failed to run, the
file changed, nobody started one — means no answer, and the caller checks as it always did.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

_Stamp = tuple[tuple[int, int] | None, ...]


def _stamp(path: Path) -> _Stamp:
    """Size and mtime of the file and of its write-ahead log (an empty log, which a reader may
    create, counts as none)."""
    out: list[tuple[int, int] | None] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(p)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_size, st.st_mtime_ns) if st.st_size or p == path else None)
    return tuple(out)


class _Check(threading.Thread):
    def __init__(self, path: Path) -> None:
        super().__init__(name="planner-quick-check", daemon=True)
        self.path = path
        self.stamp = _stamp(path)
        self.result: list[tuple] | None = None

    def run(self) -> None:
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=2)
            try:
                self.result = con.execute("PRAGMA quick_check").fetchall()
            finally:
                con.close()
        except (sqlite3.Error, OSError):
            self.result = None  # the caller runs the check itself and reports properly


_checks: dict[Path, _Check] = {}
_guard = threading.Lock()


def start(path: str | Path) -> None:
    """Begin ``PRAGMA quick_check`` of the SQLite file at ``path`` in a background thread."""
    try:
        resolved = Path(path).expanduser().resolve()
        if not resolved.is_file() or resolved.stat().st_size == 0:
            return
    except OSError:
        return
    with _guard:
        if resolved in _checks:
            return
        check = _Check(resolved)
        _checks[resolved] = check
    check.start()


def take(path: Path) -> list[tuple] | None:
    """The rows of an early quick_check of ``path`` if one ran and the file has not changed since."""
    with _guard:
        check = _checks.pop(path, None)
    if check is None:
        return None
    check.join()
    if check.result is None or _stamp(path) != check.stamp:
        return None
    return check.result
