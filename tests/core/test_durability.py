"""Durability (issue #10, item 6): exports and backups are flushed to the disk before they are
renamed into place, and SQLite runs WAL with ``synchronous=FULL`` (an edit reported saved survives
a power cut; the README says what each choice costs).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner import atomic
from planner.store import backup
from planner.store.database import SYNCHRONOUS, open_database


def test_sqlite_runs_wal_with_synchronous_full(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert SYNCHRONOUS == "FULL"
    with open_database(tmp_path / "a.db") as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # 2 = FULL


@pytest.fixture
def journal(monkeypatch):  # type: ignore[no-untyped-def]
    """Record fsync (by the path of the file or folder flushed) and rename calls, in order."""
    events: list[tuple[str, str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.path.realpath(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd")
                       else str(fd), ""))
        real_fsync(fd)

    def replace(src, dst) -> None:  # type: ignore[no-untyped-def]
        events.append(("replace", os.path.realpath(src), os.path.realpath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def _flushed_before_renamed(events: list[tuple[str, str, str]], dest: Path) -> None:
    dest_real = os.path.realpath(dest)
    moves = [i for i, e in enumerate(events) if e[0] == "replace" and e[2] == dest_real]
    assert moves, events
    move = moves[-1]
    src = events[move][1]
    assert ("fsync", src, "") in events[:move], f"{src} was not flushed before it became {dest}"
    assert ("fsync", os.path.realpath(dest.parent), "") in events[move:], "the folder was not flushed after"


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to name flushed files")
def test_every_atomic_write_is_flushed_before_the_rename(tmp_path, journal) -> None:  # type: ignore[no-untyped-def]
    atomic.write_bytes_atomic(tmp_path / "a.bin", b"x" * 1000)
    _flushed_before_renamed(journal, tmp_path / "a.bin")
    with atomic.atomic_target(tmp_path / "b.docx") as tmp:
        tmp.write_bytes(b"document")
    _flushed_before_renamed(journal, tmp_path / "b.docx")
    targets = [tmp_path / "set" / f"{i}.docx" for i in range(3)]
    atomic.write_all_or_nothing(targets, lambda i, p: p.write_bytes(bytes([i]) * 10))
    for target in targets:
        _flushed_before_renamed(journal, target)


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to name flushed files")
def test_backups_are_flushed_before_the_rename(db, journal) -> None:  # type: ignore[no-untyped-def]
    from planner.services import files, outlets

    outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county")
    made = files.backup_now(db, "manual")
    _flushed_before_renamed(journal, made)
    copy = files.save_copy(db, db.path.with_name("copy.db"))
    _flushed_before_renamed(journal, copy)
    assert not list(backup.backups_folder(db.path).glob("*.part"))
