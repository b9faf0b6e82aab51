"""Backups with SQLite's online backup API (never a plain copy of a live file)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backups_folder(db_path: Path) -> Path:
    """Backups of ``x.db`` live in ``x.db.backups/`` beside it."""
    return db_path.with_name(db_path.name + ".backups")


def backup_to(src: Path, dest: Path) -> Path:
    """Copy the database ``src`` into ``dest`` consistently; ``dest`` must not exist yet."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
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
    tmp.replace(dest)
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
