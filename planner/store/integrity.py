"""The full integrity check of a database file, run in the background after it is open.

Opening runs ``PRAGMA quick_check`` (fast, on the start-up path). It misses a damaged index —
rows missing from an index, or an index entry pointing at nothing — which ``PRAGMA
integrity_check`` finds by comparing every index with its table: about twice the time, so the app
runs it in a worker once the window is up (``planner.ui.integrity_watch``) on a read-only
connection of its own, and if it fails stops every write into the file
(:meth:`Database.stop_writes`) and offers the latest automatic backup. Later writes into a damaged
file would only spread the damage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

#: How many problems to collect: enough to describe the damage, not the whole list of a ruined file.
MAX_PROBLEMS = 20


def full_check(path: Path, *, cancelled: Callable[[], bool] | None = None) -> list[str] | None:
    """Problems ``PRAGMA integrity_check`` finds in the SQLite file at ``path``; ``[]`` if none.

    ``cancelled`` is polled while the check runs; when it returns true the check stops and the
    answer is ``None`` (no verdict). A file that cannot even be read is reported as a problem.
    """
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5, check_same_thread=False)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        if cancelled is not None:
            con.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        rows = con.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as exc:
        if cancelled is not None and cancelled():
            return None
        if "locked" in str(exc) or "busy" in str(exc):
            return None  # a writer held the file too long: no verdict, check again later
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems
