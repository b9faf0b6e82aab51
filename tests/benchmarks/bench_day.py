"""Benchmark: the desk's day on the 200,000-assignment synth database.

Run: ``python tests/benchmarks/bench_day.py [--db SYNTH.db]``. Without ``--db`` a synth database
(300 outlets, 1000 projects × 20 stages × 10 assignments, seed 1) is generated in a temporary folder,
with a weekly duty pattern and a leave for every person of the busiest outlet.

Prints, measured in the same run:
- the schedule read of the busiest outlet's busiest week (stages, deadlines, absences, clashes)
  against a raw ``sqlite3`` read of the same stages and deadlines;
- opening that week on the 日程 page (scope chosen → painted): the longest event-loop stall,
  sampled by a 1 ms timer, against the goal of 100 ms; and paging to the next week;
- the due lists over the whole database at a moment in the middle of the data (so that tens of
  thousands of assignments are overdue): the four counts plus the first page of each list, against
  a raw ``sqlite3`` count of the overdue ones; goal under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STALL_GOAL_MS = 100.0
DUE_GOAL_MS = 200.0


def make_db(path: Path) -> None:
    from planner.services.synth import synth
    from planner.store.database import open_database

    print(f"generating {path.name} (200,000 assignments) …", flush=True)
    with open_database(path) as db:
        t0 = time.perf_counter()
        synth(db, outlets=300, projects=1000, stages=20, per_stage=10, seed=1)
        print(f"  done in {time.perf_counter() - t0:.1f} s", flush=True)


def busiest_week(path: Path) -> tuple[uuid.UUID, date, int]:
    """The outlet and Monday with the most active assignments on stages that week."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT a.outlet_id, date(s.starts_at, '+8 hours', 'weekday 0', '-6 days') AS monday, count(*) AS n "
            "FROM assignment a JOIN stage s ON s.id = a.stage_id "
            "WHERE a.status NOT IN ('cancelled', 'declined') GROUP BY 1, 2 ORDER BY n DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    return uuid.UUID(row[0]), date.fromisoformat(row[1]), row[2]


def add_absences(path: Path, outlet_id: uuid.UUID, monday: date) -> int:
    from planner.services import availability, queries
    from planner.store.database import open_database

    with open_database(path) as db:
        people = queries.list_people(db, outlet_id=outlet_id)
        if availability.list_availability(db, outlet_id=outlet_id):
            return len(people)
        for i, p in enumerate(people):
            day = monday - timedelta(days=60)
            availability.create_availability(db, person_id=p.id, starts_at=f"{day} 18:00", ends_at=f"{day} 23:00",
                                             kind="duty", rule="FREQ=WEEKLY;BYDAY=MO,WE,FR", reason="夜班")
            leave = monday + timedelta(days=i % 5)
            availability.create_availability(db, person_id=p.id, starts_at=f"{leave} 08:00",
                                             ends_at=f"{leave + timedelta(days=1)} 08:00", kind="leave", reason="调休")
    return len(people)


def raw_week(path: Path, outlet_id: uuid.UUID, start: datetime, end: datetime) -> float:
    """The same stages and deadlines with plain sqlite3 (no names resolved, no clashes)."""
    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    s, e = start.astimezone(UTC).strftime(fmt), end.astimezone(UTC).strftime(fmt)
    con.execute(
        "SELECT s.id, s.title, s.starts_at, s.ends_at FROM stage s WHERE s.id IN "
        "(SELECT stage_id FROM assignment WHERE outlet_id = ? AND status NOT IN ('cancelled','declined')) "
        "AND s.starts_at < ? AND s.ends_at > ?", (outlet_id.hex, e, s)).fetchall()
    con.execute("SELECT id, due_at FROM assignment WHERE outlet_id = ? AND due_at >= ? AND due_at < ?",
                (outlet_id.hex, s, e)).fetchall()
    con.close()
    return time.perf_counter() - t0


class StallMeter:
    """The longest gap between ticks of a 1 ms timer: how long the event loop was busy at once."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def start(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst * 1000


def run_until(app, done, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("did not finish")
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()


def bench_week(app, path: Path, outlet_id: uuid.UUID, monday: date) -> None:  # type: ignore[no-untyped-def]
    from planner.domain.agenda import Scope, ScopeKind
    from planner.domain.timefmt import day_start
    from planner.services.agenda import agenda
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.schedule import SchedulePage

    db = open_database(path)
    start, end = day_start(monday), day_start(monday + timedelta(days=7))
    scope = Scope(ScopeKind.OUTLET, outlet_id)
    reads, cpus = [], []
    for _ in range(7):
        t0, c0 = time.perf_counter(), time.process_time()
        week = agenda(db, scope, start, end)
        reads.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    raw = statistics.median(raw_week(path, outlet_id, start, end) for _ in range(7))
    read = statistics.median(reads)
    print(f"\nbusiest outlet-week: {week.label}, {monday} – {monday + timedelta(days=6)}: "
          f"{len(week.items)} items ({sum(1 for i in week.items if i.kind.value == 'stage')} stages, "
          f"{sum(len(i.deadlines) for i in week.items)} deadlines, "
          f"{sum(1 for i in week.items if i.kind.value == 'away')} absences), {week.clashes} with clashes")
    print(f"baseline: raw sqlite3 stages + deadlines            : {raw * 1000:7.1f} ms")
    print(f"schedule read (names, absences, clashes, next item) : {read * 1000:7.1f} ms   ratio {read / raw:.1f}x"
          f"   (CPU {statistics.median(cpus) * 1000:.1f} ms)")

    ctx = AppContext(db)
    page = SchedulePage(ctx, clock=lambda: day_start(monday) + timedelta(hours=3))
    page.resize(1234, 700)
    page.show()
    run_until(app, lambda: not page.busy)
    meter = StallMeter()
    opens = []
    for i in range(4):
        meter.start()
        t0 = time.perf_counter()
        page.set_scope(scope)
        page.show_date(monday + timedelta(days=7 * (i % 2)), "week")
        run_until(app, lambda: not page.busy)
        page.view.viewport().repaint()
        app.processEvents()
        opens.append(((time.perf_counter() - t0) * 1000, meter.stop()))
    took, stall = opens[0]
    print(f"open the week on the 日程 page (read + paint)       : {took:7.1f} ms; longest event-loop stall "
          f"{stall:5.1f} ms   goal < {STALL_GOAL_MS:.0f} ms: {'OK' if stall < STALL_GOAL_MS else 'OVER'}")
    worst = max(s for _t, s in opens)
    print(f"paging weeks back and forth (3 more)               : {statistics.median(t for t, _s in opens[1:]):7.1f} ms "
          f"median; longest stall {worst:5.1f} ms")
    meter.start()
    page.set_mode("month")
    run_until(app, lambda: not page.busy)
    page.view.viewport().repaint()
    print(f"month view of the same outlet                       : longest stall {meter.stop():5.1f} ms")
    page.close()
    ctx.wait_for_workers()
    db.close()


def bench_due(app, path: Path) -> None:  # type: ignore[no-untyped-def]
    from planner.domain.agenda import DueView
    from planner.services import agenda as agenda_service
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.schedule.due_tab import DueTab

    db = open_database(path)
    now = datetime(2026, 12, 15, 4, 0, tzinfo=UTC)  # the middle of the synth data's two years
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        counts = agenda_service.due_counts(db, now)
        pages = {v: agenda_service.due_page(db, v, now) for v in (DueView.TODAY, DueView.OVERDUE, DueView.WEEK)}
        times.append(time.perf_counter() - t0)
    full = statistics.median(times)
    one, one_cpu = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        agenda_service.due_counts(db, now)
        agenda_service.due_page(db, DueView.OVERDUE, now)
        one.append(time.perf_counter() - t0)
        one_cpu.append(time.process_time() - c0)

    def raw() -> float:
        t0 = time.perf_counter()
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT count(*) FROM assignment WHERE status IN ('planned','confirmed','in_progress') "
                    "AND due_at < ?", (now.strftime("%Y-%m-%d %H:%M:%S.%f"),)).fetchone()
        con.close()
        return time.perf_counter() - t0

    base = statistics.median(raw() for _ in range(5))
    print(f"\ndue lists at {now:%Y-%m-%d %H:%M} UTC over the whole database: "
          + ", ".join(f"{v.en.lower()} {counts[v]:,}" for v in (DueView.TODAY, DueView.OVERDUE, DueView.WEEK)))
    print(f"baseline: raw sqlite3 count of the overdue           : {base * 1000:7.1f} ms")
    print(f"one list: four counts + its first page               : {statistics.median(one) * 1000:7.1f} ms   "
          f"ratio {statistics.median(one) / base:.1f}x   goal < {DUE_GOAL_MS:.0f} ms: "
          f"{'OK' if statistics.median(one) * 1000 < DUE_GOAL_MS else 'OVER'}   (CPU {statistics.median(one_cpu) * 1000:.1f} ms)")
    print(f"all three lists: counts + first pages ({sum(len(p) for p in pages.values())} rows)   : {full * 1000:7.1f} ms")

    ctx = AppContext(db)
    meter = StallMeter()
    meter.start()
    t0 = time.perf_counter()
    tab = DueTab(ctx, clock=lambda: now)
    tab.resize(1234, 640)
    tab.show()
    tab.show_view(DueView.OVERDUE)
    run_until(app, lambda: not tab.busy)
    tab.table.viewport().repaint()
    took = (time.perf_counter() - t0) * 1000
    print(f"到期 tab opened on the overdue list (worker + paint)  : {took:7.1f} ms; longest stall {meter.stop():5.1f} ms")
    tab.close()
    ctx.wait_for_workers()
    db.close()


def machine_load() -> str:
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing 200,000-assignment synth database (absences are added)")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("PLANNER_HOME", str(Path(tmp.name) / "home"))
    if args.db is None:
        args.db = Path(tmp.name) / "synth.db"
        make_db(args.db)
    outlet_id, monday, n = busiest_week(args.db)
    people = add_absences(args.db, outlet_id, monday)
    print(f"busiest outlet-week: {n} active assignments; {people} people with a duty pattern and a leave")
    print(machine_load())

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    bench_week(app, args.db, outlet_id, monday)
    bench_due(app, args.db)
    from planner.ui.workers import wait_for_all

    wait_for_all()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
