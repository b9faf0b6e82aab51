"""Start-up benchmark of the desktop app (run: python tests/benchmarks/bench_startup.py [--small] [--runs N]).

Wall-clock time from launching a fresh process to the first paint of the main window (when its
"first paint" line reaches us; shutting down afterwards is not counted), on the synth database (``planner.services.synth``: 1,000 projects × 20 stages
× 10 = 200,000 assignments; ``--small``: 50 projects), against a bare window that only imports
PySide6 and SQLModel, measured in the same run, alternating, each in a fresh subprocess.
Goal: ratio <= 1.3x. Prints numbers; asserts nothing about time (machines are noisy).

Both also report their CPU time at the first paint (``time.process_time``, all threads): on a
machine shared with other work the wall-clock ratio swings, the CPU ratio much less.

The package's bytecode is compiled first (``compileall``), as ``pip install`` and PyInstaller do:
with ``PYTHONDONTWRITEBYTECODE`` set (as on the CI machines) an editable checkout would otherwise
compile ~100 modules from source at every start, which no installed copy does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
t0 = time.perf_counter()
import sqlmodel  # noqa: F401 - the baseline pays for the same ORM import
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
win = QMainWindow()
win.setWindowTitle("bare")
win.setCentralWidget(QLabel("联合报道策划"))
win.resize(1280, 760)
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(f"first paint: {time.perf_counter() - t0:.3f} s", flush=True)
            print(f"cpu: {time.process_time():.3f} s", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
w = Watch(); win.installEventFilter(w)
win.show(); app.exec()
"""


def make_synth(path: Path, small: bool) -> dict[str, int]:
    from planner.services.synth import synth
    from planner.store.database import open_database

    db = open_database(path)
    try:
        return synth(db, projects=50 if small else 1000)
    finally:
        db.close()


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds from launching ``cmd`` to its "first paint" line (not to its exit), its CPU seconds
    then, and the line."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    elapsed, cpu, line = None, float("nan"), ""
    assert proc.stdout is not None
    for out in proc.stdout:
        if out.startswith("first paint:"):
            elapsed, line = time.perf_counter() - start, out.strip()
        elif out.startswith("cpu:"):
            cpu = float(out.split()[1])
    _, err = proc.communicate(timeout=300)
    if proc.returncode != 0 or elapsed is None:
        raise SystemExit(f"{cmd[:3]} failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, cpu, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="50 projects instead of 1,000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="reuse this synth database instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db_path = args.db
        if db_path is None:
            db_path = tmpdir / "synth.db"
            t = time.perf_counter()
            counts = make_synth(db_path, args.small)
            print(f"synth database: {counts} in {time.perf_counter() - t:.1f} s")
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PLANNER_HOME": str(tmpdir / "home")}
        bare_script = tmpdir / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        app_cmd = [sys.executable, "-m", "planner", "--smoke", "--db", str(db_path)]
        bare_cmd = [sys.executable, str(bare_script)]
        import planner

        compileall.compile_dir(Path(planner.__file__).parent, quiet=1)
        timed(app_cmd, env)  # warm the OS file cache for both
        timed(bare_cmd, env)
        app_times, bare_times, app_cpu, bare_cpu = [], [], [], []
        for _ in range(args.runs):
            a, a_cpu, a_out = timed(app_cmd, env)
            b, b_cpu, b_out = timed(bare_cmd, env)
            app_times.append(a)
            bare_times.append(b)
            app_cpu.append(a_cpu)
            bare_cpu.append(b_cpu)
            print(f"  app {a:.3f} s ({a_out}, cpu {a_cpu:.3f} s)   bare {b:.3f} s ({b_out}, cpu {b_cpu:.3f} s)")
        app_med, bare_med = statistics.median(app_times), statistics.median(bare_times)
        print(f"start-up to first paint (median of {args.runs}): app {app_med:.3f} s, bare window {bare_med:.3f} s")
        print(f"ratio app/bare: {app_med / bare_med:.2f}x (goal <= 1.3x); "
              f"per pair: {', '.join(f'{a / b:.2f}' for a, b in zip(app_times, bare_times, strict=True))}")
        print(f"CPU at first paint (median): app {statistics.median(app_cpu):.3f} s, bare "
              f"{statistics.median(bare_cpu):.3f} s, ratio {statistics.median(app_cpu) / statistics.median(bare_cpu):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
