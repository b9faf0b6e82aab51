"""Benchmark of staffing suggestions (run: python tests/benchmarks/bench_suggest.py [--small]).

A database with 300 outlets and background work (synthetic projects, so outlets have open pieces,
history and isolation), and one 50-stage project with holes: every fifth stage uncovered, the
others with random pieces that miss some of the four required formats or a lead. It times reading
the input, the whole suggestion (problem, solver, people, the no-new-finding check) and the solver
alone, and prints the objective against the greedy baseline measured in the same run — the goal is
suggestions in under 2 s. Wall and CPU time both (the machine may be shared). Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from planner.domain.enums import Format, ProjectKind, ProjectStatus, Role, StageKind, Status
from planner.domain.places import CHONGQING, SICHUAN, places
from planner.store.models import Assignment, Outlet, Project, Stage

REQUIRED = [Format.TEXT, Format.PHOTO, Format.SHORT_VIDEO, Format.LIVE]


def make_project(db, n_stages: int, seed: int = 7) -> uuid.UUID:  # type: ignore[no-untyped-def]
    """A project of ``n_stages`` stages over the database's outlets, with holes of every kind."""
    rng = random.Random(seed)
    with db.engine.connect() as conn:
        outlet_ids = list(conn.execute(select(Outlet.id)).scalars())
    pool = places().counties(SICHUAN) + places().counties(CHONGQING)
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    pid = uuid.uuid4()
    start = datetime(2027, 3, 1, 1, tzinfo=UTC)
    stages, pieces = [], []
    for i in range(n_stages):
        sid = uuid.uuid4()
        place = rng.choice(pool)
        begins = start + timedelta(hours=10 * i)
        stages.append({"id": sid, "project_id": pid, "position": i + 1, "title": f"站点{i + 1:02d}·{place.name}",
                       "title_key": f"站点{i + 1:02d}·{place.name}", "kind": StageKind.PLACE.value,
                       "adcode": place.adcode, "location": "", "starts_at": begins,
                       "ends_at": begins + timedelta(hours=4), "time_tbc": False, "notes": "", **stamp})
        if i % 5 == 0:
            continue  # nobody covers it yet
        for k, oid in enumerate(rng.sample(outlet_ids, rng.randint(1, 3))):
            role = Role.LEAD if k == 0 and rng.random() < 0.7 else Role.SUPPORT
            pieces.append({"id": uuid.uuid4(), "stage_id": sid, "outlet_id": oid, "role": role.value,
                           "format": rng.choice(REQUIRED).value, "status": Status.PLANNED.value,
                           "due_at": begins + timedelta(hours=4), "brief": "", "deliverable_url": "", "notes": "",
                           "reason": "", **stamp})
    with db.engine.begin() as conn:
        conn.execute(insert(Project), [{
            "id": pid, "title": "川渝沿线五十站联合报道", "title_key": "川渝沿线五十站联合报道", "code": "BENCH-50",
            "kind": ProjectKind.INFRASTRUCTURE.value, "summary": "", "starts_on": start.date(),
            "ends_on": (start + timedelta(hours=10 * n_stages)).date(), "lead_outlet_id": None, "coordinator_id": None,
            "status": ProjectStatus.PLANNING.value, "required_formats": [f.value for f in REQUIRED], **stamp}])
        conn.execute(insert(Stage), stages)
        if pieces:
            conn.execute(insert(Assignment), pieces)
    return pid


def clock():  # type: ignore[no-untyped-def]
    return time.perf_counter(), time.process_time()


def since(t0) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return time.perf_counter() - t0[0], time.process_time() - t0[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="fewer background projects (a quick check)")
    parser.add_argument("--stages", type=int, default=50)
    parser.add_argument("--outlets", type=int, default=300)
    args = parser.parse_args()
    from planner.services.synth import synth
    from planner.store.database import open_database

    t0 = clock()
    import scipy.optimize  # noqa: F401 - its import is paid once per process, not per suggestion

    print(f"import scipy.optimize: {since(t0)[0]:.2f} s (once per process)")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        background = 30 if args.small else 300
        synth(db, outlets=args.outlets, projects=background, stages=20, per_stage=5, seed=3)
        pid = make_project(db, args.stages)
        from planner.graph.staffing import Weights, suggest
        from planner.graph.staffing.problem import build_problem
        from planner.graph.staffing.solve import evaluate, greedy
        from planner.services.suggestions import staffing_input

        print(f"database: {args.outlets} outlets, {background * 100:,} background assignments; "
              f"project: {args.stages} stages, 4 required formats")
        for run in (1, 2):
            t0 = clock()
            inp = staffing_input(db, pid)
            t_read = since(t0)
            t0 = clock()
            result = suggest(inp)
            t_suggest = since(t0)
            t0 = clock()
            pb = build_problem(inp)
            t_build = since(t0)
            t0 = clock()
            base = greedy(pb)
            t_greedy = since(t0)
            total = t_read[0] + t_suggest[0]
            print(f"run {run}: read {t_read[0]:.2f} s (cpu {t_read[1]:.2f}), suggest {t_suggest[0]:.2f} s "
                  f"(cpu {t_suggest[1]:.2f}) → {total:.2f} s in all (goal < 2 s: {'met' if total < 2 else 'NOT met'})")
            print(f"        problem: {result.holes} holes, {len(pb.pairs):,} candidate pairs (built in {t_build[0]:.2f} s); "
                  f"solver (HiGHS via scipy.optimize.milp) {result.solver_seconds:.3f} s, status {result.status}; "
                  f"greedy baseline {t_greedy[0]:.3f} s")
            print(f"        objective {result.objective:.2f} vs greedy {evaluate(pb, base):.2f} "
                  f"({result.improvement * 100:.1f}% lower); {len(result.suggestions)} suggestions, "
                  f"{len(result.unfilled)} holes left open")
        # a tight case: 60 candidates with 3 pieces of room each, load weighed — the holes compete
        from dataclasses import replace

        inp = staffing_input(db, pid, weights=Weights(load=2))
        few = dict(list(inp.outlets.items())[:60])
        tight = replace(inp, outlets={oid: replace(o, capacity=inp.open_counts.get(oid, 0) + 3) for oid, o in few.items()})
        t0 = clock()
        result = suggest(tight)
        t_tight = since(t0)
        print(f"tight: 60 outlets with room for 3 pieces each, load=2: suggest {t_tight[0]:.2f} s (cpu {t_tight[1]:.2f}); "
              f"solver {result.solver_seconds:.3f} s, {result.status}; objective {result.objective:.2f} vs greedy "
              f"{result.greedy_objective:.2f} ({result.improvement * 100:.1f}% lower); {len(result.suggestions)} "
              f"suggestions, {len(result.unfilled)} holes left open")
        db.close()


if __name__ == "__main__":
    main()
