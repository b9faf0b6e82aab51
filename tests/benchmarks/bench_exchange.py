"""Benchmark of plan exchange (run: python tests/benchmarks/bench_exchange.py [--small]).

A synthetic project (``--stages`` × ``--per-stage`` assignments) is exported to a bundle, read and
validated, imported into an empty database, and imported again (the no-op path). The baseline, in
the same run, is the least any exchange must do: read the same rows with raw sqlite3 and write
them as JSON into a zip. Each step runs ``--repeat`` times (a fresh empty database for each
import), each time right after a baseline run; the ratio is fastest step over fastest baseline,
with the median of the paired ratios beside it (a busy machine moves both), and the same for the
process's CPU time (what waiting for a core on a shared machine does not inflate). Prints times and
ratios; asserts nothing about time. Goals (issue #12): import ≤ 10× the baseline, no-op ≤ 5×.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from planner.services.exchange import export_bundle, import_bundle, read_bundle
from planner.services.queries import list_projects
from planner.services.synth import synth
from planner.store.database import open_database


def baseline(path: Path, project_hex: str, out: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    q = "(SELECT id FROM stage WHERE project_id = ?)"
    docs = {
        "stages": con.execute("SELECT * FROM stage WHERE project_id = ?", (project_hex,)).fetchall(),
        "assignments": con.execute(f"SELECT * FROM assignment WHERE stage_id IN {q}", (project_hex,)).fetchall(),
        "links": con.execute(f"SELECT ap.* FROM assignment_person ap JOIN assignment a ON a.id = ap.assignment_id "
                             f"WHERE a.stage_id IN {q}", (project_hex,)).fetchall(),
        "outlets": con.execute(f"SELECT * FROM outlet WHERE id IN (SELECT outlet_id FROM assignment WHERE stage_id IN {q})",
                               (project_hex,)).fetchall(),
    }
    con.close()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, rows in docs.items():
            zf.writestr(f"{name}.json", json.dumps([dict(r) for r in rows], ensure_ascii=False, default=str))


_CPU: list[float] = []  # the CPU time of the last timed call


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    _CPU[:] = [time.process_time() - cpu]
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    stages, per_stage = (10, 5) if args.small else (60, 20)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        src = open_database(tmpdir / "a.db")
        synth(src, outlets=max(per_stage * 3, 50), projects=1, stages=stages, per_stage=per_stage)
        project = list_projects(src)[0].project
        n = stages * per_stage
        # Each step is measured right after a baseline run, and each ratio is taken against that
        # neighbouring baseline: on a shared machine the load changes from second to second.
        ratios: dict[str, list[float]] = {k: [] for k in ("export", "read", "import", "again")}
        times: dict[str, list[float]] = {k: [] for k in ("base", *ratios)}
        cpus: dict[str, list[float]] = {k: [] for k in ("base", *ratios)}
        cpu_ratios: dict[str, list[float]] = {k: [] for k in ratios}
        bundle = None
        for i in range(args.repeat):
            for key in ratios:
                t_base, _ = timed(baseline, tmpdir / "a.db", project.id.hex, tmpdir / "base.zip")
                times["base"].append(t_base)
                c_base = _CPU[0]
                cpus["base"].append(c_base)
                if key == "export":
                    t, _ = timed(export_bundle, src, project.id, tmpdir / "p.jcp")
                elif key == "read":
                    t, bundle = timed(read_bundle, tmpdir / "p.jcp")
                elif key == "import":
                    dst = open_database(tmpdir / f"b{i}.db")
                    t, _ = timed(import_bundle, dst, bundle)
                else:
                    t, again = timed(import_bundle, dst, bundle)
                    assert not again.written
                    dst.close()
                times[key].append(t)
                ratios[key].append(t / t_base)
                cpus[key].append(_CPU[0])
                cpu_ratios[key].append(_CPU[0] / c_base)
        print(f"project: {stages} stages, {n} assignments; bundle {Path(tmpdir / 'p.jcp').stat().st_size // 1024} KiB"
              f"; best of {args.repeat}, each against the baseline run just before it")
        print(f"baseline (raw sqlite3 → JSON zip): {min(times['base']) * 1000:8.1f} ms "
              f"(CPU {min(cpus['base']) * 1000:.1f} ms)")
        base, cpu_base = min(times["base"]), min(cpus["base"])
        for key, label in (("export", "export_bundle"), ("read", "read_bundle (validate)"),
                           ("import", "import into empty db"), ("again", "re-import (no-op)")):
            t = min(times[key])
            print(f"{label:24s}: {t * 1000:8.1f} ms  ({t / base:5.1f}× baseline; median of paired runs "
                  f"{statistics.median(ratios[key]):5.1f}×; {n / t:6.0f} assignments/s)")
            print(f"{'':24s}  CPU {min(cpus[key]) * 1000:8.1f} ms  ({min(cpus[key]) / cpu_base:5.1f}× the baseline's CPU; "
                  f"median of paired runs {statistics.median(cpu_ratios[key]):5.1f}×)")
        src.close()


if __name__ == "__main__":
    main()
