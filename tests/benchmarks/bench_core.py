"""Benchmark of the planning core (run: python tests/benchmarks/bench_core.py [--small]).

1. Synth generation rate (assignments per second) for the scale database.
2. Opening that database through open_database, and loading the large project's coverage matrix
   (services.coverage.coverage_matrix: stages, cells, outlets) and whole plan (load_plan: stages,
   assignments with people, outlets, people) — against a raw sqlite3 query of the same rows in the
   same run, as CPU time, both for a read whose rows are already kept from an earlier read and for
   the first read. Goal for the matrix: ratio <= 2x.
Prints numbers; asserts nothing about time (machines are noisy).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from planner.services import coverage, queries
from planner.services.synth import synth
from planner.store.database import open_database


def raw_matrix(path: Path, project_hex: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        stages = con.execute(
            "SELECT * FROM stage WHERE project_id = ? ORDER BY position", (project_hex,)).fetchall()
        deps = con.execute(
            "SELECT d.stage_id, d.depends_on_id FROM stage_dependency d JOIN stage s ON s.id = d.stage_id "
            "WHERE s.project_id = ?", (project_hex,)).fetchall()
        rows = con.execute(
            "SELECT a.* FROM assignment a WHERE a.stage_id IN (SELECT id FROM stage WHERE project_id = ?)",
            (project_hex,)).fetchall()
        links = con.execute(
            "SELECT ap.assignment_id, ap.person_id FROM assignment_person ap JOIN assignment a "
            "ON a.id = ap.assignment_id WHERE a.stage_id IN (SELECT id FROM stage WHERE project_id = ?)",
            (project_hex,)).fetchall()
        outlet_ids = {r[5] for r in rows}
        marks = ",".join("?" * len(outlet_ids))
        people = con.execute(f"SELECT * FROM person WHERE outlet_id IN ({marks})", tuple(outlet_ids)).fetchall()
        outlets = con.execute(f"SELECT * FROM outlet WHERE id IN ({marks})", tuple(outlet_ids)).fetchall()
        return len(stages) + len(deps) + len(rows) + len(links) + len(people) + len(outlets)
    finally:
        con.close()


def raw_coverage(path: Path, project_hex: str) -> int:
    """What the coverage matrix needs, fetched with plain sqlite3: stages, cells, outlets."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        stages = con.execute("SELECT * FROM stage WHERE project_id = ? ORDER BY position", (project_hex,)).fetchall()
        deps = con.execute(
            "SELECT d.stage_id, d.depends_on_id FROM stage_dependency d JOIN stage s ON s.id = d.stage_id "
            "WHERE s.project_id = ?", (project_hex,)).fetchall()
        cells = con.execute(
            "SELECT id, stage_id, outlet_id, role, format, status FROM assignment "
            "WHERE stage_id IN (SELECT id FROM stage WHERE project_id = ?)", (project_hex,)).fetchall()
        ids = {c[2] for c in cells}
        outlets = con.execute(f"SELECT * FROM outlet WHERE id IN ({','.join('?' * len(ids))})", tuple(ids)).fetchall()
        return len(stages) + len(deps) + len(cells) + len(outlets)
    finally:
        con.close()


def cpu(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.thread_time()
    fn()
    return time.thread_time() - t0


def best(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="100 projects instead of 1000")
    parser.add_argument("--db", type=Path, help="reuse a database this script made before (skips the generation)")
    args = parser.parse_args()
    if args.db is not None:
        path = args.db
        db = open_database(path)
    else:
        folder = Path(tempfile.mkdtemp(prefix="planner-bench-"))
        path = folder / "synth.db"
        db = open_database(path)
        projects = 100 if args.small else 1000
        t0 = time.perf_counter()
        made = synth(db, outlets=300, projects=projects, stages=20, per_stage=10, seed=1)
        gen = time.perf_counter() - t0
        print(f"synth: {made['assignments']:,} assignments in {gen:.2f} s = {made['assignments'] / gen:,.0f} assignments/s")
        t0 = time.perf_counter()
        large = synth(db, outlets=300, projects=1, stages=50, per_stage=30, seed=2)
        print(f"large project: {large['assignments']:,} assignments in {time.perf_counter() - t0:.2f} s")
    project = max(queries.list_projects(db), key=lambda s: s.assignments).project
    db.close()

    opens = []
    for _ in range(5):
        t0 = time.perf_counter()
        d = open_database(path)
        opens.append(time.perf_counter() - t0)
        d.close()
    print(f"open_database (quick_check included): median {statistics.median(opens) * 1000:.1f} ms "
          f"for {path.stat().st_size / 1e6:.0f} MB")

    db = open_database(path, read_only=True)
    matrix = coverage.coverage_matrix(db, project.id)
    queries.load_plan(db, project.id)  # both read paths warmed (compiled statements)
    for label, ours_fn, raw_fn in (
        ("coverage matrix", lambda: coverage.coverage_matrix(db, project.id), lambda: raw_coverage(path, project.id.hex)),
        ("whole plan", lambda: queries.load_plan(db, project.id), lambda: raw_matrix(path, project.id.hex)),
    ):
        # interleaved, so a busy moment of the machine hits both alike; CPU time of this thread
        # (sqlite3 works in it too) is steadier than the wall clock on a shared machine
        warm, cold, raw = [], [], []
        for _ in range(9):
            queries.clear_row_caches()
            cold.append(cpu(ours_fn))
            warm.append(cpu(ours_fn))
            raw.append(cpu(raw_fn))
        w, c, r = min(warm), min(cold), min(raw)
        print(f"{label} of the large project: {w * 1000:.1f} ms (first read of its rows {c * 1000:.1f} ms), "
              f"raw sqlite3 {r * 1000:.1f} ms, ratio {w / r:.2f}x (first read {c / r:.2f}x)")
    print(f"  ({len(matrix.stages)} stages x {len(matrix.outlets)} outlets, "
          f"{sum(len(c) for c in matrix.cells.values())} assignments; goal for the matrix <= 2x; the rows a read "
          f"builds are kept for the next read of the same data, as after every edit in the app)")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
