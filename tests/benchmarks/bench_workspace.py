"""Benchmark: the project workspace on large data.

Run: ``python tests/benchmarks/bench_workspace.py [--db SYNTH.db] [--large LARGE.db] [--pairs N] [--matrix-only]
[--changed | --cold | --first]``.
Without ``--db`` a synth database (300 outlets, 1000 projects × 20 stages × 10 assignments =
200,000 assignments, seed 1) is generated in a temporary folder; without ``--large`` a one-project
database with 50 stages × 30 = 1,500 assignments over 300 outlets is generated.

Prints, measured in the same run:
- opening the large project (select it → overview, stages, matrix filled; worker + GUI) and painting
  its matrix, against a baseline of a raw ``sqlite3`` read of the same cells plus the paint of a
  plain ``QTableView`` of the same shape — the process's CPU time (both threads) and wall clock, as
  interleaved pairs in this process (``--pairs``, each the best of three alternating runs per side,
  after two warm-up pairs): the median of the per-pair ratios, with their min and max;
- the longest event-loop stall while scrolling the 200,000-row assignments table (all projects)
  page by page to 20,000 rows, with paged loading (``fetchMore``), against the goal of 100 ms and
  against the same scroll over an in-memory model of already loaded rows.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STALL_GOAL_MS = 100.0


class GcClock:
    """Time spent in Python's cyclic garbage collector (to tell its pauses from our own work)."""

    def __init__(self) -> None:
        import gc

        self.total = 0.0
        self._t0 = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._t0


GC = GcClock()


def make_db(path: Path, **kwargs: int) -> None:
    from planner.services.synth import synth
    from planner.store.database import open_database

    print(f"generating {path.name} {kwargs} …", flush=True)
    with open_database(path) as db:
        t0 = time.perf_counter()
        synth(db, seed=1, **kwargs)
        print(f"  done in {time.perf_counter() - t0:.1f} s", flush=True)


def wait_idle(app, page, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    app.processEvents()
    while page.busy:
        if time.perf_counter() > deadline:
            raise SystemExit("load did not finish")
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def forget_kept() -> None:
    """Forget every result and row kept between loads (the code before some of them had fewer)."""
    from planner.graph import analysis
    from planner.services import queries
    from planner.ui.workspace import loader

    try:
        from planner.services import coverage  # the matrix's own module since the eighth session
    except ImportError:  # the code before it, run for comparison
        coverage = queries
    loader.KEPT.clear()
    queries.clear_row_caches()
    for kept in (getattr(analysis, "OUTLETS_KEPT", None), getattr(analysis, "STAGES_KEPT", None),
                 getattr(coverage, "_STAGE_CELLS", None)):
        if kept is not None:
            kept.clear()


class _NoProgress:
    """The ``progress`` a worker function is given, for calling one outside a worker."""

    @staticmethod
    def check() -> None:
        pass


def bench_matrix(app, path: Path, pairs: int = 15, warmup: int = 2, repeat: int = 3,  # type: ignore[no-untyped-def]
                 changed: bool = False, cold: bool = False, first: bool = False) -> None:
    """Opening the large project's matrix against its baseline, as interleaved pairs in this process.

    The baseline (a raw ``sqlite3`` read of the project's cells, then a new plain ``QTableView`` of
    the matrix's shape shown and painted) swings 11–26 ms CPU between runs on a shared machine, so a
    best-of-five of each side, one after the other, moved the ratio ±2×. Here, after ``warmup``
    unmeasured pairs, each of ``pairs`` pairs is the best of ``repeat`` runs of each side, run
    alternately (b o b o b o, the next pair o b o b o b). Each side starts settled (posted events
    processed, ``gc.collect()``) and its CPU time is read after 0.2 s in an idle event loop, so work it
    leaves to timers and posted events is charged to it and not to the next side. While the worker
    reads, the GUI thread waits in a ``QEventLoop`` until the page says the project is loaded, as the
    app's event loop waits (a loop of ``processEvents`` and 1 ms sleeps charged ~3 ms of polling to
    the open). Printed: the median of the per-pair CPU ratios (both threads), with their min and max.

    Each open reads the same unchanged project, so its findings and matrix are the ones kept from the
    open before (``loader.KEPT``). ``changed`` edits one piece of the project before each open (not
    timed; its brief, through the service): the open after an edit, which reads the edited row anew and
    works the analysis and matrix out again (the unchanged stages' and outlets' parts are kept).
    ``cold`` forgets every result and row kept before each open, also what the app's start-up read.
    ``first`` forgets them too, then reads again what the workspace reads at start-up before any project
    is opened (its directory of outlets and people, and the project list; not timed): what the first
    open of a project in a session pays.
    """
    import gc
    import statistics

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from planner.services import assignments, queries
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.workspace import ProjectsPage, loader

    db = open_database(path)
    ctx = AppContext(db)
    project = max(queries.list_projects(db), key=lambda s: s.assignments)
    edited = queries.load_plan(db, project.project.id).assignments[len(project.project.title) % 7]
    edits = iter(range(10**9))
    page = ProjectsPage(ctx)
    page.resize(1366, 768)
    page.show()
    wait_idle(app, page)
    page.tabs.setCurrentWidget(page.matrix_tab)

    def settle() -> None:
        """Nothing of one side's work is left for the other to pay: posted events, paints, garbage."""
        app.processEvents()
        gc.collect()
        app.processEvents()

    def tail(t0: float, c0: float) -> tuple[float, float]:
        """Wall time now; CPU time once 0.2 s have passed in an idle event loop, so that work a side
        leaves to timers and posted events (repaints, relayouts) is charged to it, not to the next side
        (the code before the placeholder covered the tabs left ~30 repaints to the next baseline)."""
        wall = time.perf_counter() - t0
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()  # blocks: no CPU of its own
        return wall, time.process_time() - c0

    def open_project() -> tuple[float, float]:
        page.list_view.clearSelection()  # no project: the page shows its placeholder
        wait_idle(app, page)
        if changed:
            assignments.update_assignment(db, edited.id, brief=f"{edited.brief or ''}（改{next(edits)}）")
        if cold or first:
            forget_kept()
        if first:  # what the page loads when it is first shown, before a project can be opened
            loader.load_directory(_NoProgress(), db)
            loader.load_projects(_NoProgress(), db)
        settle()
        loop = QEventLoop()
        guard = QTimer(loop)  # a load that never ends: wait_idle below says so
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(60000)
        page.project_loaded.connect(loop.quit)
        t0, c0 = time.perf_counter(), time.process_time()
        page.select_project(project.project.id)
        loop.exec()  # blocks like the app's event loop while the worker reads (polling cost GUI CPU)
        page.project_loaded.disconnect(loop.quit)
        wait_idle(app, page)
        page.matrix_tab.view.viewport().grab()
        return tail(t0, c0)

    open_project()
    rows, cols = page.matrix_tab.model.rowCount(), page.matrix_tab.model.columnCount()

    def baseline() -> tuple[float, float]:
        settle()
        t0, c0 = time.perf_counter(), time.process_time()
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute(
            "SELECT a.id, a.stage_id, a.outlet_id, a.role, a.format, a.status FROM assignment a "
            "JOIN stage s ON s.id = a.stage_id WHERE s.project_id = ?", (project.project.id.hex,)
        ).fetchall()
        con.close()
        model = QStandardItemModel(rows, cols)
        view = QTableView()
        view.resize(1040, 620)
        view.setModel(model)
        view.show()
        app.processEvents()
        view.viewport().grab()
        took = tail(t0, c0)
        view.close()
        view.deleteLater()
        app.processEvents()
        return took

    for _ in range(warmup):
        baseline()
        open_project()
    base, opened = [], []
    for i in range(pairs):  # each pair: the best of `repeat` alternations of the two sides
        runs_b, runs_o = [], []
        for j in range(repeat):
            if (i + j) % 2:
                runs_o.append(open_project())
                runs_b.append(baseline())
            else:
                runs_b.append(baseline())
                runs_o.append(open_project())
        base.append((min(r[0] for r in runs_b), min(r[1] for r in runs_b)))
        opened.append((min(r[0] for r in runs_o), min(r[1] for r in runs_o)))
    ratios = sorted(o[1] / b[1] for o, b in zip(opened, base, strict=True))
    wall_ratios = sorted(o[0] / b[0] for o, b in zip(opened, base, strict=True))
    med = statistics.median

    def ms(values: list[float]) -> str:
        return f"median {med(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"

    print(f"\nlarge project: {project.stages} stages, {project.assignments:,} assignments, {cols} outlet columns; "
          f"{'one piece edited before each open; ' if changed else ''}{'nothing kept before each open; ' if cold else ''}{'first open after start-up (nothing kept but the directory and project list read again); ' if first else ''}{pairs} pairs (each the best of {repeat} alternating runs per side) after {warmup} warm-up pairs")
    print(f"baseline: raw sqlite3 cells + plain table paint : CPU {ms([b[1] for b in base])}, "
          f"wall {ms([b[0] for b in base])}")
    print(f"open project → matrix painted (incl. analysis)  : CPU {ms([o[1] for o in opened])}, "
          f"wall {ms([o[0] for o in opened])}")
    print(f"ratio per pair, CPU (both threads)               : median {med(ratios):.1f}x "
          f"(min {ratios[0]:.1f}x, max {ratios[-1]:.1f}x)   wall: median {med(wall_ratios):.1f}x "
          f"({wall_ratios[0]:.1f}–{wall_ratios[-1]:.1f}x)   goal ≤ 4x: {'met' if med(ratios) <= 4 else 'not met'}")
    page.close()
    ctx.wait_for_workers()
    db.close()


def scroll_stalls(app, view, model, target_rows: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """Scroll down one screen at a time until ``target_rows`` are reached; the longest step (ms)."""
    from PySide6.QtCore import QModelIndex

    bar = view.verticalScrollBar()
    worst, worst_gc, steps = 0.0, 0.0, 0
    while model.rowCount() < target_rows and steps < 5000:
        gc0 = GC.total
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        if bar.value() >= bar.maximum() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())  # what the view does when the end comes into sight
        app.processEvents()
        view.viewport().repaint()
        took = time.perf_counter() - t0
        if took > worst:
            worst, worst_gc = took, GC.total - gc0
        steps += 1
        if not model.canFetchMore(QModelIndex()) and bar.value() >= bar.maximum():
            break
    scroll_stalls.worst_gc_ms = worst_gc * 1000  # type: ignore[attr-defined]
    return worst * 1000, steps, model.rowCount()


def bench_scroll(app, path: Path, target_rows: int, freeze: bool = False) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from planner.services import assignment_queries as aq
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.workspace import ProjectsPage

    db = open_database(path)
    ctx = AppContext(db)
    t0 = time.perf_counter()
    page = ProjectsPage(ctx)
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    build_ms = (time.perf_counter() - t0) * 1000
    wait_idle(app, page)
    page.list_view.selectRow(0)
    wait_idle(app, page)
    if freeze:
        import gc

        gc.collect()
        gc.freeze()
    tab = page.assignments_tab
    page.tabs.setCurrentWidget(tab)
    app.processEvents()
    switches = []
    for scope in ("all", "project", "all", "project", "all"):
        gc0 = GC.total
        t0 = time.perf_counter()
        tab.scope.setCurrentIndex(tab.scope.findData(scope))
        tab.reload()
        app.processEvents()
        switches.append(((time.perf_counter() - t0) * 1000, (GC.total - gc0) * 1000))
    open_ms = min(ms for ms, _gc in switches)
    open_worst, open_worst_gc = max(switches)
    total = tab.model.total
    worst_ms, steps, loaded = scroll_stalls(app, tab.view, tab.model, target_rows)
    worst_gc = scroll_stalls.worst_gc_ms  # type: ignore[attr-defined]

    # the same scroll over rows already in memory (a plain model): what scrolling alone costs
    rows = aq.page_assignments(db, aq.AssignmentFilter(), limit=target_rows)
    plain = QStandardItemModel(0, 9)
    for r in rows:
        plain.appendRow([QStandardItem(str(x)) for x in (r.project_title, r.stage_title, r.outlet_name, r.role.zh,
                                                          r.format.zh, r.status.zh, r.due_at, "", r.reason)])
    view = QTableView()
    view.resize(tab.view.size())
    view.setModel(plain)
    view.show()
    app.processEvents()
    base_ms, _steps, _n = scroll_stalls(app, view, plain, target_rows + 1)

    print(f"\nassignments in the database: {total:,}")
    print(f"page build (project list loads in a worker)     : {build_ms:8.0f} ms")
    print(f"switch the table project ⇄ all (count + page)   : {open_ms:8.0f} ms best, {open_worst:.0f} ms worst "
          f"(of which {open_worst_gc:.0f} ms Python GC)")
    print(f"longest stall scrolling to {loaded:,} rows ({steps} screens, paged) : {worst_ms:6.1f} ms "
          f"(of which {worst_gc:.0f} ms Python GC)   goal < {STALL_GOAL_MS:.0f} ms: "
          f"{'OK' if worst_ms < STALL_GOAL_MS else 'OVER'}")
    print(f"same scroll over {len(rows):,} rows held in memory    : {base_ms:6.1f} ms   "
          f"ratio {worst_ms / base_ms:.1f}x")
    page.close()
    ctx.wait_for_workers()
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing 200,000-assignment synth database")
    parser.add_argument("--large", type=Path, help="a database whose largest project is the matrix subject")
    parser.add_argument("--rows", type=int, default=20000, help="rows to scroll through")
    parser.add_argument("--pairs", type=int, default=15, help="interleaved baseline/open pairs for the matrix")
    parser.add_argument("--matrix-only", action="store_true", help="measure the matrix open only, not the scroll")
    parser.add_argument("--changed", action="store_true",
                        help="edit one piece before each open: the open after an edit (findings and matrix worked out again)")
    parser.add_argument("--cold", action="store_true",
                        help="forget every kept result and row before each open: what a first open pays")
    parser.add_argument("--first", action="store_true",
                        help="like --cold, but with what start-up reads (directory, project list) read again: a session's first open")
    parser.add_argument("--no-collector", action="store_true",
                        help="leave Python's collector automatic, in every thread (as before planner.ui.collector)")
    parser.add_argument("--freeze", action="store_true",
                        help="gc.collect() + gc.freeze() after start-up, as an app could do, to compare GC pauses")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    if args.db is None and not args.matrix_only:
        args.db = Path(tmp.name) / "synth.db"
        make_db(args.db, outlets=300, projects=1000, stages=20, per_stage=10)
    if args.large is None:
        args.large = Path(tmp.name) / "large.db"
        make_db(args.large, outlets=300, projects=1, stages=50, per_stage=30)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not args.no_collector:
        from planner.ui import collector

        collector.install(app)  # as the app collects: on the GUI thread, between events
    bench_matrix(app, args.large, args.pairs, changed=args.changed, cold=args.cold, first=args.first)
    if not args.matrix_only:
        bench_scroll(app, args.db, args.rows, args.freeze)
    from planner.ui.workers import wait_for_all

    wait_for_all()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
