"""Backups with SQLite's online backup API (never a plain copy of a live file).

A backup is written to ``name.part`` beside its destination, flushed to the disk and only then
renamed into place, so a crash, a power cut or a full disk never leaves a half backup that looks
whole; on any failure the ``.part`` is removed and the error (a full disk is
:class:`~planner.domain.errors.DiskFullError`) says why.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from planner.atomic import fsync_file, fsync_folder
from planner.store.failures import translated


def backups_folder(db_path: Path) -> Path:
    """Backups of ``x.db`` live in ``x.db.backups/`` beside it."""
    return db_path.with_name(db_path.name + ".backups")


def backup_to(src: Path, dest: Path) -> Path:
    """Copy the database ``src`` into ``dest`` consistently; ``dest`` must not exist yet."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        with translated(label=str(dest), path=dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)
            source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
            try:
                target = sqlite3.connect(tmp)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            fsync_file(tmp)
            tmp.replace(dest)
            fsync_folder(dest.parent)
    except BaseException:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return dest


def make_backup(db_path: Path, reason: str) -> Path:
    """A timestamped backup of ``db_path`` in its backups folder; returns the new file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backups_folder(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"
    return backup_to(db_path, dest)


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def prune_backups(db_path: Path, keep: int = 20) -> None:
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
