"""Database files as a whole: save a copy, list and restore automatic backups.

Copies are made with SQLite's online backup API (:mod:`planner.store.backup`), never by copying a
live file. The UI calls these instead of touching the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.domain.errors import ValidationError
from planner.store import backup
from planner.store.database import Database


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    modified: datetime
    size: int
    reason: str


def _file_of(db: Database) -> Path:
    if db.path is None:
        raise ValidationError("invalid", field="path", detail="服务器数据库没有本地文件 / a server database has no local file")
    return db.path


def save_copy(db: Database, dest: str | Path) -> Path:
    """A consistent copy of the open database at ``dest`` (which must not be the open file)."""
    src = _file_of(db)
    target = Path(dest).expanduser().resolve()
    if target == src.resolve():
        raise ValidationError("invalid", field="path", detail="不能覆盖正在使用的文件 / cannot overwrite the open file")
    if target.is_dir():
        raise ValidationError("invalid", field="path", detail=f"{target} 是文件夹 / is a folder")
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


def restore_backup(backup_file: str | Path, target: str | Path) -> Path:
    """Put ``backup_file`` in place of the (closed) database ``target``.

    The current file is first backed up itself (reason ``before-restore``) so a restore can be
    undone by restoring that one. Call only after closing the database at ``target``.
    """
    src = Path(backup_file)
    dest = Path(target)
    if not src.is_file():
        raise ValidationError("invalid", field="path", detail=f"{src} 不存在 / does not exist")
    if dest.exists():
        backup.make_backup(dest, "before-restore")
        for suffix in ("-wal", "-shm"):
            dest.with_name(dest.name + suffix).unlink(missing_ok=True)
    return backup.backup_to(src, dest)


def backup_now(db: Database, reason: str) -> Path | None:
    """An automatic backup of the open database file (before a bulk change); ``None`` for a server."""
    if db.path is None:
        return None
    path = backup.make_backup(db.path, reason)
    backup.prune_backups(db.path)
    return path
