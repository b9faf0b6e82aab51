"""What a database file looked like when this program last closed it cleanly (standard library only).

Opening a file runs ``PRAGMA quick_check``, which reads every page: ~0.25 s of CPU for the 120 MB
synth database, a sixth of the desktop app's start-up. When the file is exactly as this program left
it — same size, modification time (ns), inode and device, and no write-ahead log or rollback journal
with anything in it — that check would read the very pages this program last checked and wrote.
So a writer's clean close (:meth:`planner.store.database.Database.close`, after its last
connection checkpointed the log) records the file's :func:`stamp` here, in the per-user data folder
(never inside the database: writing there changes the modification time), and the app's start-up
may skip the open-time check while the stamp still matches (``open_database(...,
trust_clean_close=True)``). Any write after the close, another program touching the file, a
different file put in its place, or a crash (opening a file takes its stamp away until the next
clean close) changes or removes the stamp, and the check runs as always. A file opened without the
check is checked in full right after the window's first paint (``planner.ui.integrity_watch``).

The stamps are a hint, never a verdict: a lost or unreadable stamps file only means a check at open.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

#: The stamps file's name in the per-user data folder.
FILE_NAME = "clean-close.json"
#: How many files' stamps are kept (the most recently closed): a person uses a handful of files.
MAX_FILES = 20

Stamp = tuple[int, int, int, int]


def _store() -> Path:
    from planner.paths import user_data_dir

    return user_data_dir() / FILE_NAME


def stamp(path: Path) -> Stamp | None:
    """``(size, mtime_ns, inode, device)`` of the database file at ``path``, or ``None`` when it
    cannot be trusted to describe the file: missing, or a ``-wal``/``-journal`` beside it holding
    anything (pages not yet in the file itself)."""
    for suffix in ("-wal", "-journal"):
        with suppress(OSError):
            if os.stat(path.with_name(path.name + suffix)).st_size:
                return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


def _read() -> dict[str, list[int]]:
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list) and len(v) == 4}


def _write(data: dict[str, list[int]]) -> None:
    """Replace the stamps file (a temporary file renamed over it). Not flushed to disk: a stamp lost
    in a power cut only means a check at the next open, and one that survives its removal still has
    to match a file whose every saved edit was flushed (and changed its log or its mtime)."""
    with suppress(OSError):
        target = _store()
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)


def record(path: Path) -> bool:
    """Remember ``path``'s current stamp (called after a clean close); ``False`` if it has none."""
    current = stamp(path)
    if current is None:
        forget(path)
        return False
    data = _read()
    data.pop(str(path), None)
    data[str(path)] = list(current)  # last = most recently closed
    while len(data) > MAX_FILES:
        data.pop(next(iter(data)))
    _write(data)
    return True


def matches(path: Path) -> bool:
    """Whether ``path`` is exactly as this program's last clean close of it left it."""
    recorded = _read().get(str(path))
    current = stamp(path)
    return recorded is not None and current is not None and tuple(recorded) == current


def forget(path: Path) -> None:
    """Take ``path``'s stamp away (it is being opened for writing: until the next clean close, a
    crash must not leave a stamp behind)."""
    data = _read()
    if str(path) in data:
        del data[str(path)]
        _write(data)
