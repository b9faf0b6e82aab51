"""Helpers of the fuzz suite: run the command line in-process and judge what it printed."""

from __future__ import annotations

import contextlib
import io
import os

from hypothesis import HealthCheck, settings

from planner.cli import main

#: The normal run: a few hundred cases in all, the same every time (derandomized).
QUICK = settings(max_examples=int(os.environ.get("PLANNER_FUZZ_QUICK", "100")), derandomize=True, deadline=None,
                 database=None, suppress_health_check=list(HealthCheck), print_blob=True)
#: ``-m fuzz``: thousands.
MANY = settings(QUICK, max_examples=int(os.environ.get("PLANNER_FUZZ_MANY", "2500")))


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``planner-cli argv`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def assert_one_clear_line(code: int, err: str) -> None:
    """Exit 0 or 1; a refusal is one line (``planner-cli: …``), optionally followed by the rows at
    fault, each on its own indented line; never a traceback."""
    assert code in (0, 1), (code, err[-2000:])
    assert "Traceback" not in err, err[-3000:]
    if code == 1:
        lines = err.rstrip("\n").split("\n")
        assert lines[0].startswith("planner-cli: ") and len(lines[0]) > len("planner-cli: "), err[:500]
        assert all(line.startswith("  ") for line in lines[1:]), err[:2000]
