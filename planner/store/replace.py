"""Replacing or deleting a database file — only ever under its writer's lock.

Every command that replaces or deletes a planner file — ``planner-cli demo --force``, 文件 ▸ 从自动备份恢复,
文件 ▸ 新建数据库 over an existing file, a failed migration putting the original back — first takes the
lock the app holds while it has the file open (:class:`~planner.store.lock.FileLock`). If another
program has the file, the command stops with "in use" and deletes nothing (``demo --force`` used to
delete ``x.db``, ``-wal`` and ``-shm`` first and say "in use" after, and the app's later writes went
into a deleted file). New content is built beside the target and moved into place complete and
flushed to the disk, so a full disk or a crash leaves the old file, never half a new one; the file
being replaced is first backed up (reason ``before-replace`` or ``before-restore``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import nullcontext, suppress
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from planner.atomic import fsync_file, fsync_folder
from planner.store import clean_close
from planner.store.backup import backup_to, backups_folder, make_backup
from planner.store.database import Database, open_database
from planner.store.failures import translated
from planner.store.lock import FileLock, exclusive

T = TypeVar("T")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def remove_files(path: Path) -> None:
    """Delete a database file and its side files (call only while holding its lock)."""
    for suffix in ("", *_SIDE_FILES):
        _side(path, suffix).unlink(missing_ok=True)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def _keep_old(target: Path, reason: str) -> None:
    """Keep what is at ``target`` before it is replaced: a backup of a database, else the file moved aside."""
    if not target.exists() or target.stat().st_size == 0:
        return
    if _is_sqlite(target):
        make_backup(target, reason)
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = backups_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    os.replace(target, folder / f"{target.stem}-{stamp}-{reason}{target.suffix}.replaced")


def _install(built: Path, target: Path) -> None:
    """Move the complete, flushed file ``built`` over ``target`` (under ``target``'s lock).

    The old write-ahead log goes first: SQLite would otherwise replay it into the new file.
    """
    fsync_file(built)
    for suffix in _SIDE_FILES:
        _side(target, suffix).unlink(missing_ok=True)
    os.replace(built, target)
    fsync_folder(target.parent)


def _single_file(path: Path) -> None:
    """Fold a closed database's write-ahead log into the file, so it can be moved on its own."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def build_database(target: Path, fill: Callable[[Database], T], *, replace: bool = False) -> T:
    """Create a planner database at ``target`` filled by ``fill(db)``, all or nothing.

    It is built in ``target.building`` beside the target and moved into place only when ``fill``
    has finished; an existing target (``replace``) is backed up first. Raises
    :class:`DatabaseInUseError` — having deleted nothing — if another program has ``target`` open.
    """
    target = Path(target).expanduser().resolve()
    building = _side(target, ".building")
    with exclusive(target), translated(label=str(target), path=target):
        if target.exists() and not replace:
            raise FileExistsError(str(target))
        try:
            remove_files(building)
            db = open_database(building, synchronous="OFF")  # flushed as a whole before the move
            try:
                result = fill(db)
            finally:
                db.close()
                clean_close.forget(building)  # the file moves to ``target``; no stamp for a name that goes
            _single_file(building)
            if replace:
                _keep_old(target, "before-replace")
            _install(building, target)
        except BaseException:
            with suppress(OSError):
                remove_files(building)
            with suppress(OSError):
                _side(building, ".lock").unlink(missing_ok=True)
            raise
        with suppress(OSError):
            _side(building, ".lock").unlink(missing_ok=True)
    return result


def restore_file(backup_file: Path, target: Path, *, lock: FileLock | None = None) -> Path:
    """Put the backup ``backup_file`` in place of the database ``target``.

    ``lock``: the target's writer lock, if the caller holds it (the app, between closing the
    database and reopening it); otherwise it is taken here. The current file is backed up first
    (reason ``before-restore``), so a restore can itself be undone.
    """
    target = Path(target)
    restoring = _side(target, ".restoring")
    with nullcontext(lock) if lock is not None else exclusive(target), translated(label=str(target), path=target):
        try:
            if target.exists():
                make_backup(target, "before-restore")
            backup_to(backup_file, restoring)
            _install(restoring, target)
        finally:
            with suppress(OSError):
                restoring.unlink(missing_ok=True)
    return target


def replace_with_new(target: Path) -> Database:
    """A new, empty planner database at ``target``, whatever was there kept aside first.

    For 文件 ▸ 新建数据库 when the user chose to replace an existing file: the old database is
    backed up (any other file moved into the backups folder) under the target's lock, then a new
    one is created and returned open, still holding that lock.
    """
    target = Path(target).expanduser().resolve()
    lock = FileLock(target)
    lock.acquire()
    try:
        with translated(label=str(target), path=target):
            _keep_old(target, "before-replace")
            remove_files(target)
        return open_database(target, lock=lock)
    except BaseException:
        lock.release()
        raise
