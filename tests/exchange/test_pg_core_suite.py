"""The lead's core service tests (tests/core), unedited, run again against PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
CORE_TESTS = ["tests/core/test_services_flow.py", "tests/core/test_services_validation.py", "tests/core/test_fast_reads.py",
              "tests/core/test_commands_undo.py", "tests/core/test_notes.py", "tests/core/test_history.py"]


def test_core_service_tests_pass_on_postgres(tmp_path):
    if not os.environ.get("PLANNER_TEST_PG_URL"):
        pytest.skip("PLANNER_TEST_PG_URL is not set")
    present = [t for t in CORE_TESTS if (ROOT / t).exists()]
    if not present:
        pytest.skip("no core service tests in this checkout")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.exchange.pg_core_plugin", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "base"), *present],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    tail = proc.stdout[-3000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, tail
    found = re.search(r"pg_core_plugin: (\d+) PostgreSQL databases, (\d+) dumps", proc.stdout)
    assert found and int(found[1]) > 10 and int(found[2]) > 0, tail
