"""Database files as a whole: save a copy, list and restore automatic backups.

Copies are made with SQLite's online backup API (:mod:`planner.store.backup`), never by copying a
live file. The UI calls these instead of touching the store.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.domain.errors import ValidationError
from planner.store import backup, replace
from planner.store.database import Database, open_database
from planner.store.lock import FileLock


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    modified: datetime
    size: int
    reason: str


def _file_of(db: Database) -> Path:
    if db.path is None:
        raise ValidationError("no_local_file", field="path")
    return db.path


def save_copy(db: Database, dest: str | Path) -> Path:
    """A consistent copy of the open database at ``dest`` (which must not be the open file)."""
    src = _file_of(db)
    target = Path(dest).expanduser().resolve()
    if target == src.resolve():
        raise ValidationError("overwrite_open_file", field="path", path=str(target))
    if target.is_dir():
        raise ValidationError("is_folder", field="path", path=str(target))
    return backup.backup_to(src, target)


def list_backups(db_or_path: Database | str | Path) -> list[BackupInfo]:
    """Automatic backups of a database file, newest first."""
    path = _file_of(db_or_path) if isinstance(db_or_path, Database) else Path(db_or_path)
    out = []
    for p in backup.list_backups(path):
        st = p.stat()
        stem = p.stem[len(path.stem) + 1:]
        reason = stem.split("-", 3)[3] if stem.count("-") >= 3 else ""
        out.append(BackupInfo(p, datetime.fromtimestamp(st.st_mtime), st.st_size, reason))
    return out


def restore_backup(backup_file: str | Path, target: str | Path, *, lock: FileLock | None = None) -> Path:
    """Put ``backup_file`` in place of the (closed) database ``target``.

    Under the target's writer lock — ``lock`` if the caller kept it when closing
    (``Database.close(keep_lock=True)``), else taken here: another program with the file open
    means "in use" and nothing is touched. The current file is first backed up itself (reason
    ``before-restore``) so a restore can be undone by restoring that one.
    """
    src = Path(backup_file)
    if not src.is_file():
        raise ValidationError("file_missing", field="path", path=str(src))
    return replace.restore_file(src, Path(target), lock=lock)


def backups_folder_of(path: str | Path) -> Path:
    """Where the automatic backups of the database file ``path`` are kept."""
    return backup.backups_folder(Path(path))


def latest_backup(db: Database) -> BackupInfo | None:
    """The newest automatic backup of the open database file, if it has any."""
    found = list_backups(db) if db.path is not None else []
    return found[0] if found else None


def new_database(path: str | Path, *, replace_existing: bool = False) -> Database:
    """A new, empty planner database at ``path``, opened (with its writer's lock).

    With ``replace_existing`` whatever is at ``path`` is kept aside first (a database backed up)
    under the file's lock — "in use" and nothing touched if another program has it open.
    """
    target = Path(path).expanduser().resolve()
    if target.exists() and not replace_existing:
        raise ValidationError("file_exists", field="path", path=str(target))
    if target.exists():
        return replace.replace_with_new(target)
    return open_database(target)


def purge_backups(db: Database) -> int:
    """Delete every automatic backup of the open database file; returns how many were deleted.

    After erasing a person's personal data, the backups made before still hold it.
    """
    count = 0
    for info in list_backups(db):
        with suppress(FileNotFoundError):
            info.path.unlink()
            count += 1
    return count


def backup_now(db: Database, reason: str) -> Path | None:
    """An automatic backup of the open database file (before a bulk change); ``None`` for a server."""
    if db.path is None:
        return None
    path = backup.make_backup(db.path, reason)
    backup.prune_backups(db.path)
    return path
