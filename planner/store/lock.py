"""An exclusive, non-blocking lock beside a database file, held while a process writes to it.

SQLite alone would let a second writer wait and then fail with "database is locked"; the lock
lets the second process say at once which file is in use. Replacing or deleting a database file
(:mod:`planner.store.replace`) takes the same lock first, so it can never pull a file from under a
program that has it open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.domain.errors import DatabaseInUseError


class FileLock:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self._db_path = db_path

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise DatabaseInUseError(path=str(self._db_path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


if os.name == "nt":  # pragma: no cover - exercised on Windows desktops
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive(db_path: Path) -> Iterator[FileLock]:
    """Hold the writer's lock of ``db_path`` for the block; "in use" at once if another program has it."""
    lock = FileLock(db_path)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
