"""Load on a shared server (run: python tests/benchmarks/bench_server_load.py [--seconds 120]).

Sets up a fresh database on the local PostgreSQL given by ``PLANNER_TEST_PG_URL`` (127.0.0.1 only)
with ``server init``, 20 outlets, 10 projects of 8 stages and 400 assignments, and 50 accounts:
5 coordinators, 40 outlet desks (two per outlet, so colleagues collide on the same assignments) and
5 viewers. Each account is a simulated editor in a thread of its own, signed in with its own login
and going through the planner's services exactly as the app does, with a realistic mix: mostly
reading plans and assignment pages; desks confirming, filing and annotating their outlet's work and
changing its people; coordinators rewriting briefs and stage notes and moving several assignments'
status at once. Every write carries the version its editor read. Ten of the editors also run the
live-update listener, which measures how long a change takes to reach the others.

Afterwards it checks, from the database, that no update was lost: every write that reported success
moved its assignment's version by exactly one, and every note appended is in the final text; every
conflict must have been reported to its editor as a typed error (``StaleError``), and any other
exception — an unhandled deadlock or serialization failure above all — fails the run (exit 1).

The baseline, in the same run, is the same mix for a shorter time with every editor connected as
the database's owner, whom row-level security and the guard triggers do not apply to: the ratio is
what the roles cost. Prints throughput and latency percentiles; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planner.domain.accounts import AccountRole
from planner.domain.enums import Status
from planner.domain.errors import PermissionDeniedError, StaleError, ValidationError
from planner.domain.rules import allowed_targets
from planner.services import assignment_queries, assignments, outlets, people, projects, queries, stages
from planner.store import accounts
from planner.store.database import open_database
from planner.store.live import Listener, RowChange
from planner.store.server import init_server

PASSWORD = "bench-load-password"
FORMATS = ["text", "photo", "short_video", "live", "h5", "audio", "infographic", "vr_ar"]
LOCAL = {"127.0.0.1", "localhost", "::1"}
#: assignment id → when an editor began writing it and when the write returned (live-update lag)
SENT: dict[str, tuple[float, float]] = {}
CPU0 = time.process_time()


@dataclass
class Plan:
    outlets: list[uuid.UUID] = field(default_factory=list)
    people: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # outlet → people
    coordinators: list[uuid.UUID] = field(default_factory=list)  # person ids
    projects: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # project → coordinator person
    stages: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # project → stages
    by_outlet: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # outlet → assignments
    by_project: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # project → assignments
    by_stage: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    stage_project: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)


@dataclass
class Tally:
    """What one run observed (shared by the editor threads, under a lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    conflicts: Counter = field(default_factory=Counter)
    refused: int = 0
    illegal: int = 0
    unhandled: list[str] = field(default_factory=list)
    steps: Counter = field(default_factory=Counter)  # assignment → successful version steps
    tokens: dict[uuid.UUID, list[str]] = field(default_factory=lambda: defaultdict(list))
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:6])

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            (self.reads if kind == "read" else self.writes).append(seconds)


def build(owner, rng: random.Random) -> Plan:  # type: ignore[no-untyped-def]
    plan = Plan()
    for i in range(20):
        oid = outlets.create_outlet(owner, name=f"压测融媒体中心{i:02d}", tier="county", formats=FORMATS).row.id
        plan.outlets.append(oid)
        plan.people[oid] = [people.create_person(owner, outlet_id=oid, name=f"记者{i:02d}-{k}", role="reporter").row.id
                            for k in range(3)]
        plan.by_outlet[oid] = []
    hub = outlets.create_outlet(owner, name="压测联合体协调部", tier="provincial").row.id
    plan.coordinators = [people.create_person(owner, outlet_id=hub, name=f"协调人{k}", role="producer").row.id
                         for k in range(5)]
    for p in range(10):
        coordinator = plan.coordinators[p % 5]
        pid = projects.create_project(owner, title=f"压测联合报道{p:02d}", coordinator_id=coordinator).row.id
        plan.projects[pid] = coordinator
        plan.stages[pid] = []
        plan.by_project[pid] = []
        for s in range(8):
            sid = stages.create_stage(owner, project_id=pid, title=f"环节{s}").row.id
            plan.stages[pid].append(sid)
            plan.stage_project[sid] = pid
            plan.by_stage[sid] = []
            for oid in rng.sample(plan.outlets, 5):
                aid = assignments.create_assignment(owner, stage_id=sid, outlet_id=oid, role="support",
                                                    format=rng.choice(FORMATS)).row.id
                plan.by_outlet[oid].append(aid)
                plan.by_project[pid].append(aid)
                plan.by_stage[sid].append(aid)
    return plan


def make_accounts(owner, plan: Plan, prefix: str) -> list[tuple[str, AccountRole, object]]:  # type: ignore[no-untyped-def]
    made: list[tuple[str, AccountRole, object]] = []
    for k, person in enumerate(plan.coordinators):
        login = f"{prefix}_c{k}"
        accounts.add_account(owner, login=login, role=AccountRole.COORDINATOR, password=PASSWORD, person_id=person,
                             display_name=f"协调人{k}")
        made.append((login, AccountRole.COORDINATOR, person))
    for i, oid in enumerate(plan.outlets):
        for k in range(2):
            login = f"{prefix}_d{i:02d}{k}"
            accounts.add_account(owner, login=login, role=AccountRole.DESK, password=PASSWORD, outlet_id=oid,
                                 display_name=f"编辑{i:02d}-{k}")
            made.append((login, AccountRole.DESK, oid))
    for k in range(5):
        login = f"{prefix}_v{k}"
        accounts.add_account(owner, login=login, role=AccountRole.VIEWER, password=PASSWORD)
        made.append((login, AccountRole.VIEWER, None))
    return made


class Editor(threading.Thread):
    def __init__(self, url: str, role: AccountRole, key: object, plan: Plan, tally: Tally, deadline: float,
                 seed: int, think_ms: float) -> None:
        super().__init__(daemon=True)
        self.url, self.role, self.key, self.plan, self.tally = url, role, key, plan, tally
        self.deadline, self.rng, self.think = deadline, random.Random(seed), think_ms / 1000.0
        self.name = f"editor-{seed}-{tally.run}"  # every text an editor writes is new, in every run
        self.seq = 0
        self.attempt: list[tuple[str, float]] = []

    def run(self) -> None:
        try:
            db = open_database(self.url)
        except Exception as exc:
            with self.tally.lock:
                self.tally.unhandled.append(f"open: {type(exc).__name__}: {exc}")
            return
        try:
            while time.monotonic() < self.deadline:
                self.one(db)
                time.sleep(self.rng.uniform(0, 2 * self.think))
        finally:
            db.close()

    # -- what an editor does ----------------------------------------------------------------------
    def mine(self) -> list[uuid.UUID]:
        if self.role is AccountRole.DESK:
            return self.plan.by_outlet[self.key]  # type: ignore[index]
        if self.role is AccountRole.COORDINATOR:
            return [a for p, c in self.plan.projects.items() if c == self.key for a in self.plan.by_project[p]]
        return []

    def one(self, db) -> None:  # type: ignore[no-untyped-def]
        r = self.rng.random()
        writes = {AccountRole.DESK: 0.3, AccountRole.COORDINATOR: 0.4, AccountRole.ADMIN: 0.0,
                  AccountRole.VIEWER: 0.0}[self.role]
        if r >= writes:
            self.timed("read", self.read, db)
            return
        if self.role is AccountRole.DESK:
            op = self.rng.choices([self.notes, self.status, self.people], [5, 3, 2])[0]
        else:
            op = self.rng.choices([self.brief, self.stage_notes, self.bulk_status], [4, 3, 2])[0]
        self.timed("write", op, db)

    def timed(self, kind: str, fn, db) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        self.attempt = []
        try:
            fn(db)
        except Exception as exc:
            for aid, began in self.attempt:  # no notice will come for a write that failed
                if SENT.get(aid, (None,))[0] == began:
                    SENT.pop(aid, None)
            self._count(exc)
            return
        self.tally.add(kind, time.perf_counter() - start)

    def _count(self, exc: Exception) -> None:
        with self.tally.lock:
            if isinstance(exc, StaleError):
                self.tally.conflicts[exc.params.get("sqlstate") or "version"] += 1
            elif isinstance(exc, PermissionDeniedError):
                self.tally.refused += 1
            elif isinstance(exc, ValidationError):
                self.tally.illegal += 1  # e.g. a status move a colleague's move made illegal
            else:  # the point: nothing else may escape, an unhandled deadlock above all
                self.tally.unhandled.append(f"{type(exc).__name__}: {str(exc)[:200]}")

    def read(self, db) -> None:  # type: ignore[no-untyped-def]
        if self.rng.random() < 0.6:
            if self.role is AccountRole.DESK or self.rng.random() < 0.3:  # a desk sees its outlet's projects only
                visible = [p.project.id for p in queries.list_projects(db)]
            else:
                visible = list(self.plan.projects)
            queries.load_plan(db, self.rng.choice(visible))
        else:
            assignment_queries.page_assignments(db, assignment_queries.AssignmentFilter(), limit=100)

    def _read_row(self, db, pool: list[uuid.UUID]):  # type: ignore[no-untyped-def]
        aid = self.rng.choice(pool)
        row = queries.load_assignments_by_id(db, [aid])[0]
        self._sending([aid])
        return aid, row

    def _sending(self, ids: list[uuid.UUID]) -> None:
        """Live-update lag: counted from here (before the write), and from the write's return."""
        now = time.monotonic()
        for aid in ids:
            SENT[str(aid)] = (now, 0.0)
            self.attempt.append((str(aid), now))

    def _succeeded(self, aid: uuid.UUID, token: str | None = None) -> None:
        started = SENT.get(str(aid))
        if started is not None and not started[1]:
            SENT[str(aid)] = (started[0], time.monotonic())
        with self.tally.lock:
            self.tally.steps[aid] += 1

            if token is not None:
                self.tally.tokens[aid].append(token)

    def notes(self, db) -> None:  # type: ignore[no-untyped-def]
        aid, row = self._read_row(db, self.mine())
        self.seq += 1
        token = f"[{self.name}#{self.seq}]"
        time.sleep(self.rng.uniform(0, 0.02))  # typing
        assignments.update_assignment(db, aid, notes=row.notes + token, expected_version=row.version)
        self._succeeded(aid, token)

    def status(self, db) -> None:  # type: ignore[no-untyped-def]
        aid, row = self._read_row(db, self.mine())
        targets = [s for s in allowed_targets(row.status) if s is not Status.CANCELLED]
        target = self.rng.choice(targets)
        assignments.set_status(db, aid, status=target, reason="压测", expected_version=row.version)
        self._succeeded(aid)

    def people(self, db) -> None:  # type: ignore[no-untyped-def]
        aid, row = self._read_row(db, self.mine())
        crew = self.plan.people[self.key]  # type: ignore[index]
        chosen = self.rng.sample(crew, self.rng.randint(1, 2))
        if set(chosen) == set(row.person_ids):
            chosen = [p for p in crew if p not in chosen][:1]
        assignments.set_people(db, aid, person_ids=chosen, expected_version=row.version)
        self._succeeded(aid)

    def brief(self, db) -> None:  # type: ignore[no-untyped-def]
        aid, row = self._read_row(db, self.mine())
        self.seq += 1
        assignments.update_assignment(db, aid, brief=f"任务说明 {self.name}#{self.seq}", expected_version=row.version)
        self._succeeded(aid)

    def stage_notes(self, db) -> None:  # type: ignore[no-untyped-def]
        pid = self.rng.choice([p for p, c in self.plan.projects.items() if c == self.key])
        sid = self.rng.choice(self.plan.stages[pid])
        current = next(s for s in queries.load_stages(db, pid) if s.id == sid)
        self.seq += 1
        stages.update_stage(db, sid, notes=f"备注 {self.name}#{self.seq}", expected_version=current.version)

    def bulk_status(self, db) -> None:  # type: ignore[no-untyped-def]
        pid = self.rng.choice([p for p, c in self.plan.projects.items() if c == self.key])
        sid = self.rng.choice(self.plan.stages[pid])
        rows = queries.load_assignments_by_id(db, self.plan.by_stage[sid])
        picked = self.rng.sample(rows, min(len(rows), self.rng.randint(2, 4)))
        self._sending([r.id for r in picked])
        target = self.rng.choice([Status.CONFIRMED, Status.IN_PROGRESS])
        changes = assignments.set_status_many(db, [(r.id, r.version) for r in picked], status=target, reason="压测",
                                              skip_illegal=True)
        skipped = {aid for aid, _err in changes.rows}
        for r in picked:  # a row whose status and reason were already these is not written
            if r.id not in skipped and (r.status is not target or r.reason != "压测"):
                self._succeeded(r.id)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_load(urls: list[tuple[str, AccountRole, object]], plan: Plan, seconds: float, think_ms: float,
             listeners: list[Listener] | None = None) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.monotonic() + seconds
    editors = [Editor(url, role, key, plan, tally, deadline, seed, think_ms)
               for seed, (url, role, key) in enumerate(urls)]
    started = time.monotonic()
    for e in editors:
        e.start()
    for e in editors:
        e.join(seconds + 120)
    return tally, time.monotonic() - started


def verify(owner, tally: Tally, before: dict[uuid.UUID, int]) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(lost version steps, missing note tokens, successful writes checked) — both must be 0."""
    with owner.engine.connect() as conn:
        rows = {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT id, version, notes FROM assignment"))}
    lost = missing = 0
    for aid, start in before.items():
        version, notes = rows[aid]
        if (version - start) != tally.steps.get(aid, 0) and os.environ.get("BENCH_DEBUG"):
            print("   mismatch", aid, start, version, tally.steps.get(aid, 0))
        lost += abs((version - start) - tally.steps.get(aid, 0))
        missing += sum(1 for token in tally.tokens.get(aid, []) if token not in notes)
    return lost, missing, sum(tally.steps.values())


def report(label: str, tally: Tally, elapsed: float) -> dict[str, float]:
    n_r, n_w = len(tally.reads), len(tally.writes)
    total = n_r + n_w + sum(tally.conflicts.values()) + tally.refused + tally.illegal
    ms = lambda v: v * 1000  # noqa: E731
    print(f"  {label}")
    print(f"    operations   {total:,} in {elapsed:.0f} s = {total / elapsed:.1f}/s "
          f"(reads {n_r:,}, writes done {n_w:,}, conflicts {sum(tally.conflicts.values()):,}, "
          f"refused {tally.refused}, moves made illegal meanwhile {tally.illegal})")
    print(f"    read  latency p50 {ms(percentile(tally.reads, .5)):.0f} ms, p95 {ms(percentile(tally.reads, .95)):.0f} ms, "
          f"p99 {ms(percentile(tally.reads, .99)):.0f} ms")
    print(f"    write latency p50 {ms(percentile(tally.writes, .5)):.0f} ms, p95 {ms(percentile(tally.writes, .95)):.0f} ms, "
          f"p99 {ms(percentile(tally.writes, .99)):.0f} ms")
    kinds = ", ".join(f"{k}: {v}" for k, v in sorted(tally.conflicts.items())) or "none"
    print(f"    conflicts reported to their editors as StaleError: {kinds} "
          "(version = changed since read; 40P01/40001 = deadlock/serialization)")
    return {"ops": total / elapsed, "write_p95": percentile(tally.writes, .95), "read_p95": percentile(tally.reads, .95)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="length of the measured run (default 120)")
    parser.add_argument("--baseline-seconds", type=float, default=None,
                        help="length of the owner baseline (default: a quarter of --seconds, at least 10; 0 skips it)")
    parser.add_argument("--think-ms", type=float, default=100.0, help="mean pause between an editor's operations")
    parser.add_argument("--listeners", type=int, default=10, help="editors that also run the live-update listener")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database and roles afterwards")
    args = parser.parse_args()
    base_url = os.environ.get("PLANNER_TEST_PG_URL")
    if not base_url:
        print("set PLANNER_TEST_PG_URL (see .ci/setup-postgres)", file=sys.stderr)
        return 2
    if make_url(base_url).host not in LOCAL:
        print("this benchmark runs against a PostgreSQL on 127.0.0.1 only", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        version = conn.execute(text("SHOW server_version")).scalar()
    owner_url = make_url(base_url).set(database=name)
    listeners: list[Listener] = []
    code = 0
    try:
        t0 = time.perf_counter()
        owner, prefix = init_server(owner_url.render_as_string(hide_password=False))
        plan = build(owner, rng)
        made = make_accounts(owner, plan, prefix)
        setup = time.perf_counter() - t0
        before = {aid: 1 for ids in plan.by_project.values() for aid in ids}
        with owner.engine.connect() as conn:
            before = {r[0]: r[1] for r in conn.execute(text("SELECT id, version FROM assignment"))}
        urls = [(owner_url.set(username=login, password=PASSWORD).render_as_string(hide_password=False), role, key)
                for login, role, key in made]
        roles = Counter(role for _u, role, _k in urls)
        print(f"server load: {len(urls)} editors ({roles[AccountRole.COORDINATOR]} coordinators, "
              f"{roles[AccountRole.DESK]} outlet desks, {roles[AccountRole.VIEWER]} viewers) on PostgreSQL {version} "
              f"at 127.0.0.1; {sum(len(v) for v in plan.by_project.values())} assignments in "
              f"{len(plan.projects)} projects; set up in {setup:.1f} s")

        # Live updates: some editors also listen; each notification's lag from the write's commit.
        lag: list[float] = []
        lag_commit: list[float] = []

        def on_event_for() -> object:
            last: dict[str, float] = {}

            def on_event(event: object) -> None:
                if isinstance(event, RowChange) and event.table == "assignment":
                    now = time.monotonic()
                    for aid in event.ids or ():
                        at = SENT.get(aid)
                        if at is not None and last.get(aid) != at[0]:  # each write once per listener
                            last[aid] = at[0]
                            lag.append(now - at[0])
                            # after the writer's commit returned (0: the notice came first)
                            lag_commit.append(max(0.0, now - at[1]) if at[1] else 0.0)
            return on_event

        for url, _role, _key in urls[: args.listeners]:
            listener_db = open_database(url)
            listener = Listener(listener_db, on_event_for())  # type: ignore[arg-type]
            listener.start()
            listeners.append(listener)
            listener.db = listener_db  # type: ignore[attr-defined]
        tally, elapsed = run_load(urls, plan, args.seconds, args.think_ms)
        time.sleep(0.5)
        SENT.clear()
        for listener in listeners:
            listener.stop()
        lost, missing, checked = verify(owner, tally, before)
        measured = report(f"with roles (row-level security, guard triggers, NOTIFY), {args.seconds:.0f} s:", tally, elapsed)
        print(f"    lost updates {lost} (version steps vs {checked:,} writes that reported success), "
              f"missing notes {missing}")
        print(f"    unhandled errors {len(tally.unhandled)}" + (f": {tally.unhandled[:3]}" if tally.unhandled else ""))
        if lag:
            print(f"    live updates: {len(lag):,} change notices to {len(listeners)} listeners; from the start of "
                  f"the write: p50 {percentile(lag, .5) * 1000:.0f} ms, p95 {percentile(lag, .95) * 1000:.0f} ms, "
                  f"max {max(lag) * 1000:.0f} ms; after the write returned: p95 "
                  f"{percentile(lag_commit, .95) * 1000:.0f} ms, max {max(lag_commit) * 1000:.0f} ms")
        if lost or missing or tally.unhandled:
            code = 1

        base_seconds = args.baseline_seconds if args.baseline_seconds is not None else max(10.0, args.seconds / 4)
        if base_seconds > 0:
            with owner.engine.connect() as conn:
                before = {r[0]: r[1] for r in conn.execute(text("SELECT id, version FROM assignment"))}
            owner_only = [(owner_url.render_as_string(hide_password=False), role, key) for _u, role, key in urls]
            base, base_elapsed = run_load(owner_only, plan, base_seconds, args.think_ms)
            lost_b, missing_b, _ = verify(owner, base, before)
            baseline = report(f"baseline: the same mix as the owner, without roles, {base_seconds:.0f} s:", base,
                              base_elapsed)
            print(f"    lost updates {lost_b}, missing notes {missing_b}, unhandled {len(base.unhandled)}")
            print(f"  with roles vs baseline: throughput {measured['ops'] / baseline['ops']:.2f}×, write p95 "
                  f"{measured['write_p95'] / baseline['write_p95']:.2f}×, read p95 "
                  f"{measured['read_p95'] / baseline['read_p95']:.2f}× (machine load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; this process used "
                  f"{time.process_time() - CPU0:.0f} s of CPU)")
            if lost_b or missing_b or base.unhandled:
                code = 1
        owner.close()
        print("result:", "OK" if code == 0 else "FAILED")
    finally:
        for listener in listeners:
            listener.stop()
            listener.db.close()  # type: ignore[attr-defined]
        if not args.keep:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from tests.pgutil import drop_database

            drop_database(base_url, name)
            with admin.connect() as conn:
                for (role,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY "
                                                 "rolcanlogin DESC"), {"p": name + "\\_%"}).all():
                    conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
