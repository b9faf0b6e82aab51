"""Atomic, durable file output, shared by every export (Word, tables, calendars, graphs, bundles).

Each file is written to a temporary file in the destination folder and moved into place with
``os.replace`` only when complete, so a failed or cancelled export leaves nothing behind — neither a
half file nor, for a folder of sheets, some of the files. Before the move the temporary file is
flushed to the disk (``fsync``), and after it the folder too (on POSIX), so a power cut leaves
either the old file or the whole new one, never a renamed but empty one. A full disk (or quota) is
a :class:`~planner.domain.errors.DiskFullError` naming the file, with nothing left behind. The
finished file gets the permissions a normally created file would have (``tempfile.mkstemp`` makes
it private to the user).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from planner.domain.errors import DiskFullError

_BAD_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\ud800-\udfff]+')

# Read once at import (single-threaded then): os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_no_space(exc: BaseException) -> bool:
    """Whether ``exc`` is the operating system saying the disk (or the user's quota) is full."""
    return isinstance(exc, OSError) and exc.errno in _NO_SPACE


def safe_filename(text: str, *, max_len: int = 80) -> str:
    """A file name made of ``text``: no path separators, reserved or control characters."""
    name = _BAD_NAME.sub("_", text).strip(" .") or "_"
    return name[:max_len].rstrip(" .") or "_"


def fsync_file(path: Path) -> None:
    """Flush a written file's content to the disk."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only writable handles
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to the disk; a no-op where folders cannot be opened."""
    if os.name == "nt":  # pragma: no cover - NTFS journals renames itself
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the file itself is on disk
    finally:
        os.close(fd)


def _temp_beside(target: Path, make_parent: bool) -> Path:
    if make_parent:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".~" + target.stem[:40] + "-", suffix=target.suffix + ".part",
                                dir=str(target.parent))
    os.close(fd)
    return Path(name)


def _put_in_place(tmp: Path, dest: Path) -> None:
    os.chmod(tmp, _FILE_MODE)
    fsync_file(tmp)
    os.replace(tmp, dest)


@contextmanager
def _no_space_as(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if is_no_space(exc):
            raise DiskFullError(path=str(target)) from exc
        raise


@contextmanager
def atomic_target(target: str | Path, *, make_parent: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, on error it is removed."""
    dest = Path(target)
    with _no_space_as(dest):
        tmp = _temp_beside(dest, make_parent)
        try:
            yield tmp
            _put_in_place(tmp, dest)
        except BaseException:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        fsync_folder(dest.parent)


def write_bytes_atomic(target: str | Path, data: bytes, *, make_parent: bool = False) -> Path:
    """Write ``data`` to ``target`` atomically (flushed to disk before it is moved into place)."""
    dest = Path(target)
    with atomic_target(dest, make_parent=make_parent) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return dest


def write_all_or_nothing(targets: list[Path], write: Callable[[int, Path], None]) -> list[Path]:
    """Write several files (``write(i, temp_path)`` for each) and put them in place only if all succeed.

    If a write fails (or is cancelled by raising), every temporary file is removed and no target is
    touched; if moving into place fails half-way, the files already moved are removed again.
    """
    temps: list[Path] = []
    try:
        with _no_space_as(targets[0] if targets else Path(".")):
            for i, dest in enumerate(targets):
                tmp = _temp_beside(dest, True)
                temps.append(tmp)
                write(i, tmp)
            for tmp in temps:
                fsync_file(tmp)
    except BaseException:
        for tmp in temps:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise
    moved: list[Path] = []
    try:
        with _no_space_as(targets[0] if targets else Path(".")):
            for tmp, dest in zip(temps, targets, strict=True):
                os.chmod(tmp, _FILE_MODE)
                os.replace(tmp, dest)
                moved.append(dest)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    for folder in {dest.parent for dest in targets}:
        fsync_folder(folder)
    return list(targets)
