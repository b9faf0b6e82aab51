"""What the disk and the database drivers report, as the typed errors a person can act on.

The distinction matters: a full disk used to be reported as "damaged, restore from backup" — and
following that advice on a healthy file threw away the work since the last backup. Here:

- **disk full** — ``SQLITE_FULL``, ``OSError(ENOSPC/EDQUOT)``, PostgreSQL's ``53100 disk_full``, and
  any SQLite I/O error while the disk holding the file has (almost) no space left (on a full disk
  SQLite reports the failed ``-shm`` allocation as ``SQLITE_IOERR_SHMSIZE``, "disk I/O error") →
  :class:`DiskFullError`;
- **damaged** — only ``SQLITE_CORRUPT`` and ``SQLITE_NOTADB`` → :class:`CorruptDatabaseError`;
- **busy/locked** → :class:`DatabaseInUseError`;
- anything else → :class:`DatabaseError` with the driver's words as detail.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.atomic import is_no_space
from planner.domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseInUseError,
    DiskFullError,
    PlannerError,
)

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = (
    5, 6, 10, 11, 13, 14, 26)
#: Below this much free space an I/O error is taken for a full disk.
NEARLY_FULL_BYTES = 1024 * 1024
_PG_DISK_FULL = "53100"


def _driver_error(exc: BaseException) -> BaseException:
    """The DB-API error inside a SQLAlchemy one (``.orig``), or ``exc`` itself."""
    return getattr(exc, "orig", None) or exc


def free_bytes(path: Path | None) -> int | None:
    """Free space on the file system holding ``path`` (its folder if it does not exist yet)."""
    if path is None:
        return None
    for candidate in (path, path.parent):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def is_disk_full(exc: BaseException, path: Path | None = None) -> bool:
    """Whether ``exc`` means "no space left" (``path``: the file, to judge SQLite I/O errors)."""
    inner = _driver_error(exc)
    if isinstance(inner, OSError) and is_no_space(inner):
        return True
    if getattr(inner, "sqlstate", None) == _PG_DISK_FULL:
        return True
    if isinstance(inner, sqlite3.Error):
        code = getattr(inner, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary == SQLITE_FULL or "database or disk is full" in str(inner):
            return True
        if primary in (SQLITE_IOERR, SQLITE_CANTOPEN) or "disk I/O error" in str(inner):
            free = free_bytes(path)
            return free is not None and free < NEARLY_FULL_BYTES
    return False


def classify(exc: BaseException, *, label: str, path: Path | None = None) -> PlannerError:
    """The typed error for a driver or OS error met while using the database ``label``."""
    if isinstance(exc, PlannerError):
        return exc
    if is_disk_full(exc, path):
        return DiskFullError(path=label)
    inner = _driver_error(exc)
    if isinstance(inner, sqlite3.Error):
        code = getattr(inner, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in str(inner):
            return CorruptDatabaseError(path=label, detail=str(inner)[:200])
        if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in str(inner):
            return DatabaseInUseError(path=label)
    return DatabaseError(path=label, detail=str(inner)[:300] or type(inner).__name__)


@contextmanager
def translated(*, label: str, path: Path | None = None) -> Iterator[None]:
    """Turn driver and OS errors raised inside the block into typed planner errors."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except PlannerError:
        raise
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise classify(exc, label=label, path=path) from exc
    except OSError as exc:
        if is_no_space(exc):
            raise DiskFullError(path=label) from exc
        raise
