"""Benchmark of the history (run: python tests/benchmarks/bench_history.py [--small]).

The synth database with a change log as busy as its contents: one creation entry per stage and
assignment (with the values a service logs) and, per assignment, a few edits — 200,000 assignments
give about a million entries. Measured, against a raw sqlite3 query of the same entries in the same
run:

1. a project's history, first page (500 entries, newest first) — the 历史 tab opening: the project's
   records are found through the logged values (deleted ones included), the raw query knows the
   current records' ids;
2. one stage's history (the stage, its notes and dependencies);
3. the newest 500 entries of the whole database.

Prints numbers and ratios; asserts nothing about time (machines are noisy).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from planner.services import audit, queries
from planner.services.synth import synth
from planner.store.database import open_database


def fill_log(path: Path, edits_per_assignment: int, seed: int = 1) -> int:
    """Write a change log for every stage and assignment already in the file (plain sqlite3, fast)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    try:
        start = datetime(2026, 1, 1, tzinfo=UTC)
        rows = []
        for sid, pid, title in con.execute("SELECT id, project_id, title FROM stage"):
            after = {"id": str(uuid.UUID(sid)), "project_id": str(uuid.UUID(pid)), "title": title, "kind": "place"}
            rows.append((sid, "stage", "create", None, after))
        for aid, sid, status in con.execute("SELECT id, stage_id, status FROM assignment"):
            after = {"id": str(uuid.UUID(aid)), "stage_id": str(uuid.UUID(sid)), "status": "planned", "role": "support"}
            rows.append((aid, "assignment", "create", None, after))
            for _ in range(edits_per_assignment):
                rows.append((aid, "assignment", "update", {"status": "planned"}, {"status": status}))
        rng.shuffle(rows)
        step = timedelta(seconds=30)
        con.executemany(
            "INSERT INTO change_log (id, at, desk, login, entity, entity_id, action, before, after) "
            "VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
            ((uuid.uuid4().hex, (start + i * step).strftime("%Y-%m-%d %H:%M:%S.%f"), f"desk-{i % 7}", entity, eid,
              action, json.dumps(before) if before else None, json.dumps(after)) for i, (eid, entity, action, before, after)
             in enumerate(rows)))
        con.commit()
        return len(rows)
    finally:
        con.close()


def raw_project_history(path: Path, project_hex: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return len(con.execute(
            "SELECT * FROM change_log WHERE entity_id = ? OR entity_id IN (SELECT id FROM stage WHERE project_id = ?) "
            "OR entity_id IN (SELECT a.id FROM assignment a JOIN stage s ON s.id = a.stage_id WHERE s.project_id = ?) "
            "ORDER BY at DESC LIMIT 500", (project_hex, project_hex, project_hex)).fetchall())
    finally:
        con.close()


def raw_item(path: Path, hex_id: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return len(con.execute("SELECT * FROM change_log WHERE entity_id = ? ORDER BY at DESC LIMIT 500",
                               (hex_id,)).fetchall())
    finally:
        con.close()


def raw_newest(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return len(con.execute("SELECT * FROM change_log ORDER BY at DESC LIMIT 500").fetchall())
    finally:
        con.close()


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="20,000 assignments instead of 200,000")
    args = parser.parse_args(argv)
    projects, edits = (100, 1) if args.small else (1000, 3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.db"
        db = open_database(path)
        made = synth(db, outlets=300, projects=projects, stages=20, per_stage=10, seed=1)
        db.close()
        t0 = time.perf_counter()
        entries = fill_log(path, edits)
        print(f"database: {made['assignments']:,} assignments, {entries:,} change-log entries "
              f"(written in {time.perf_counter() - t0:.1f} s)")
        db = open_database(path, read_only=True)
        try:
            big = max(queries.list_projects(db), key=lambda s: s.assignments).project
            stage = queries.load_stages(db, big.id)[0]
            flt = audit.HistoryFilter(project_id=big.id)
            found = len(audit.history(db, flt))
            ours = best(lambda: audit.history(db, flt))
            raw = best(lambda: raw_project_history(path, big.id.hex))
            print(f"project history, first page ({found} entries): {ours * 1000:.0f} ms vs raw {raw * 1000:.0f} ms "
                  f"({ours / raw:.1f}x)")
            item = audit.HistoryFilter(entity_id=stage.id)
            ours = best(lambda: audit.history(db, item))
            raw = best(lambda: raw_item(path, stage.id.hex))
            print(f"one stage's history: {ours * 1000:.1f} ms vs raw {raw * 1000:.1f} ms ({ours / raw:.1f}x)")
            everything = audit.HistoryFilter()
            ours = best(lambda: audit.history(db, everything))
            raw = best(lambda: raw_newest(path))
            print(f"newest 500 of the database: {ours * 1000:.0f} ms vs raw {raw * 1000:.0f} ms ({ours / raw:.1f}x)")
            t0 = time.perf_counter()
            audit.describe(db, audit.history(db, flt))
            print(f"field texts of a page: {(time.perf_counter() - t0) * 1000:.0f} ms")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
