"""Reading files that come from somewhere else — rosters, plan bundles — within fixed bounds.

Every reader of an outside file goes through here, so that no file can make the planner hang,
eat the machine's memory or stop with a traceback:

- **only regular files** are read: a folder, a pipe (FIFO), a device such as ``/dev/zero`` or
  ``/dev/urandom`` (also behind a symbolic link), a socket is refused before a byte is read; the
  file is opened non-blocking, so even opening a FIFO cannot hang;
- the **size is counted while reading**, not taken from ``stat`` alone: a file that grows while
  it is read stops at the limit;
- **zip containers** (.xlsx workbooks, .jcp bundles): the number of members and each member's
  declared uncompressed size, and the total, are checked before anything is inflated; while
  inflating, the bytes actually produced are counted against the same limits (Python's zip reader
  also stops at the declared size and checks the CRC); a damaged deflate stream (``zlib.error``),
  a bad CRC or a truncated member becomes a typed error naming the member;
- **text tables** are counted row by row and cell by cell as they are read (:func:`bounded_rows`).

Every refusal is an :class:`~planner.domain.errors.InputFileError` whose message (Chinese or
English) names the file and the limit.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.domain.errors import InputFileError

_CHUNK = 1 << 20


def size_text(n: int) -> str:
    """A byte count as people read it: ``512 KB``, ``27.3 MB``."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    if n < 1024 ** 3:
        value = n / (1024 * 1024)
        return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
    return f"{n / 1024 ** 3:.1f} GB"


@dataclass(frozen=True)
class ZipLimits:
    """Bounds for a zip container: members, and uncompressed bytes per member and in total."""

    members: int
    member_bytes: int
    total_bytes: int


_KINDS = {
    "dir": ("文件夹", "a folder"),
    "fifo": ("管道（FIFO）", "a pipe (FIFO)"),
    "device": ("设备文件", "a device"),
    "socket": ("套接字", "a socket"),
    "other": ("特殊文件", "a special file"),
}


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def _not_regular(path: Path, mode: int) -> InputFileError:
    zh, en = _KINDS[_kind(mode)]
    return InputFileError("file_not_regular", path=str(path), kind=zh, kind_en=en)


def _os_error(path: Path, exc: OSError) -> InputFileError:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputFileError("file_missing", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputFileError("file_denied", path=str(path))
    return InputFileError("file_unreadable", path=str(path), detail=errno.errorcode.get(exc.errno or 0, str(exc)))


def read_regular_file(path: str | Path, *, limit: int) -> bytes:
    """All bytes of the regular file at ``path``, at most ``limit`` of them (else a typed error)."""
    path = Path(path)
    try:
        before = os.stat(path)  # follows links: what matters is what is read
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular(path, before.st_mode)
    if before.st_size > limit:
        raise InputFileError("file_too_large", path=str(path), size=size_text(before.st_size), limit=size_text(limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        st = os.fstat(fd)  # the file might have been swapped for a FIFO or a device since stat()
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except OSError as exc:
                raise _os_error(path, exc) from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while being read
                raise InputFileError("file_too_large", path=str(path), size=f"> {size_text(limit)}",
                                     limit=size_text(limit))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class BoundedZip:
    """A zip archive held in memory whose members are read only within :class:`ZipLimits`.

    Raises :class:`InputFileError` with code ``zip_invalid`` for something that is not a zip at
    all; the caller may turn that into its own wording (a bundle says "not a plan bundle").
    """

    def __init__(self, data: bytes, *, path: str | Path, limits: ZipLimits, check: bool = True) -> None:
        self.path = str(path)
        self.limits = limits
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
                NotImplementedError, zlib.error) as exc:
            raise InputFileError("zip_invalid", path=self.path, detail=type(exc).__name__) from None
        if len(infos) > limits.members:
            raise InputFileError("zip_too_many_members", path=self.path, count=len(infos), limit=limits.members)
        self._infos = infos
        self._inflated = 0
        if check:
            self.check_declared()

    def check_declared(self) -> None:
        """Refuse a member, or a whole, whose *declared* unpacked size passes the limits.

        Done on opening unless the caller asked to look at the member names first.
        """
        total = 0
        for info in self._infos:
            if info.file_size > self.limits.member_bytes:
                raise InputFileError("zip_member_too_large", path=self.path, member=_printable(info.filename),
                                     size=size_text(info.file_size), limit=size_text(self.limits.member_bytes))
            total += info.file_size
        if total > self.limits.total_bytes:
            raise InputFileError("zip_total_too_large", path=self.path, size=size_text(total),
                                 limit=size_text(self.limits.total_bytes))

    @property
    def zipfile(self) -> zipfile.ZipFile:
        """The underlying archive (for libraries that read it themselves, after :meth:`__init__`'s checks)."""
        return self._zf

    def infos(self) -> list[zipfile.ZipInfo]:
        return list(self._infos)

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Inflate one member, counting the bytes produced against the limits."""
        limit = self.limits.member_bytes
        out = bytearray()
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(min(_CHUNK, limit + 1 - len(out)))
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > limit:
                        raise InputFileError("zip_member_too_large", path=self.path,
                                             member=_printable(info.filename), size=f"> {size_text(limit)}",
                                             limit=size_text(limit))
                    if self._inflated + len(out) > self.limits.total_bytes:
                        raise InputFileError("zip_total_too_large", path=self.path,
                                             size=f"> {size_text(self.limits.total_bytes)}",
                                             limit=size_text(self.limits.total_bytes))
        except InputFileError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
                ValueError) as exc:
            # zlib.error: a damaged deflate stream; BadZipFile: bad CRC or header; RuntimeError:
            # an encrypted member; NotImplementedError: a compression method we do not read.
            raise InputFileError("zip_damaged", path=self.path, member=_printable(info.filename),
                                 detail=type(exc).__name__) from None
        self._inflated += len(out)
        return bytes(out)

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> BoundedZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _printable(name: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in name)
    return text[:120]


def bounded_rows(rows: Iterable[tuple[int, Iterable[Any]]], *, path: str | Path, max_rows: int, max_cells: int,
                 max_chars: int, header_rows: int = 0) -> Iterator[tuple[int, list[Any]]]:
    """Pass on ``(line number, cells)`` pairs as they are read, refusing one past ``max_rows``
    data rows (blank rows included; the first ``header_rows`` do not count), a row of more than
    ``max_cells`` cells or a cell of more than ``max_chars`` characters.

    Trailing empty cells are dropped first, so a sheet formatted out to column XFD still reads.
    """
    for count, (lineno, row) in enumerate(rows):
        if count >= max_rows + header_rows:
            raise InputFileError("too_many_rows", path=str(path), limit=max_rows)
        cells = row if isinstance(row, list) else list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if len(cells) > max_cells:
            raise InputFileError("too_many_cells", path=str(path), row=lineno, limit=max_cells)
        for value in cells:
            if isinstance(value, str) and len(value) > max_chars:
                raise InputFileError("cell_too_long", path=str(path), row=lineno, limit=max_chars)
        yield lineno, cells
