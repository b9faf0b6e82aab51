"""kill -9 in the middle of a burst of edits: every edit that was reported saved survives, and the
file reopens (a check at open, the full integrity check after). A handful of trials in the normal
run, many with ``-m fuzz`` (issue #10, "Tests that keep it fixed").
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from planner.services import queries
from planner.store.database import open_database
from planner.store.integrity import full_check

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")

#: The editor: creates outlets and edits one, printing a line once each edit is committed.
WRITER = textwrap.dedent("""
    import sys
    from planner.services import outlets
    from planner.store.database import open_database
    db = open_database(sys.argv[1])
    trial = sys.argv[2]
    first = outlets.create_outlet(db, name=f"首个单位-{trial}", tier="county").row
    version = first.version
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        outlets.create_outlet(db, name=f"单位-{trial}-{i}", tier="county", notes="备注" * (i % 50))
        version = outlets.update_outlet(db, first.id, expected_version=version, capacity=i).row.version
        print(i, flush=True)
""")


def _trial(path: Path, trial: int, rng: random.Random) -> int:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(trial)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    acked = 0
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acked = int(line)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    for line in rest.split():  # acknowledged before the kill landed
        acked = max(acked, int(line))
    return acked


def _check(path: Path, trials: int, seed: int) -> None:
    rng = random.Random(seed)
    total = 0
    for trial in range(trials):
        acked = _trial(path, trial, rng)
        total += acked
        with open_database(path) as db:  # opens: quick_check passes, the lock was freed by the kernel
            by_name = {o.name: o for o in queries.list_outlets(db)}
        missing = [i for i in range(1, acked + 1) if f"单位-{trial}-{i}" not in by_name]
        assert not missing, f"trial {trial}: acknowledged edits lost: {missing[:5]}"
        capacity = by_name[f"首个单位-{trial}"].capacity or 0
        assert capacity >= acked, f"trial {trial}: the acknowledged update to {acked} was lost ({capacity})"
        assert full_check(path) == []
    assert total > 0, "no edit was acknowledged before the kills: the trials proved nothing"


def test_kill_9_during_a_burst_of_edits_loses_nothing_acknowledged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _check(tmp_path / "burst.db", trials=3, seed=10)


@pytest.mark.fuzz
def test_many_kill_9_trials(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _check(tmp_path / "burst.db", trials=int(os.environ.get("PLANNER_KILL_TRIALS", "40")), seed=11)
