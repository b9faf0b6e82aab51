"""Atomic file output, shared by every export (Word, tables, calendars, graphs, bundles).

Each file is written to a temporary file in the destination folder and moved into place with
``os.replace`` only when complete, so a failed or cancelled export leaves nothing behind — neither a
half file nor, for a folder of sheets, some of the files. The finished file gets the permissions a
normally created file would have (``tempfile.mkstemp`` makes it private to the user).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_BAD_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\ud800-\udfff]+')

# Read once at import (single-threaded then): os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


def safe_filename(text: str, *, max_len: int = 80) -> str:
    """A file name made of ``text``: no path separators, reserved or control characters."""
    name = _BAD_NAME.sub("_", text).strip(" .") or "_"
    return name[:max_len].rstrip(" .") or "_"


def _temp_beside(target: Path, make_parent: bool) -> Path:
    if make_parent:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".~" + target.stem[:40] + "-", suffix=target.suffix + ".part",
                                dir=str(target.parent))
    os.close(fd)
    return Path(name)


def _put_in_place(tmp: Path, dest: Path) -> None:
    os.chmod(tmp, _FILE_MODE)
    os.replace(tmp, dest)


@contextmanager
def atomic_target(target: str | Path, *, make_parent: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, on error it is removed."""
    dest = Path(target)
    tmp = _temp_beside(dest, make_parent)
    try:
        yield tmp
        _put_in_place(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: str | Path, data: bytes, *, make_parent: bool = False) -> Path:
    """Write ``data`` to ``target`` atomically (flushed to disk before it is moved into place)."""
    dest = Path(target)
    with atomic_target(dest, make_parent=make_parent) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return dest


def write_all_or_nothing(targets: list[Path], write: Callable[[int, Path], None]) -> list[Path]:
    """Write several files (``write(i, temp_path)`` for each) and put them in place only if all succeed.

    If a write fails (or is cancelled by raising), every temporary file is removed and no target is
    touched; if moving into place fails half-way, the files already moved are removed again.
    """
    temps: list[Path] = []
    try:
        for i, dest in enumerate(targets):
            tmp = _temp_beside(dest, True)
            temps.append(tmp)
            write(i, tmp)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    moved: list[Path] = []
    try:
        for tmp, dest in zip(temps, targets, strict=True):
            _put_in_place(tmp, dest)
            moved.append(dest)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    return list(targets)
