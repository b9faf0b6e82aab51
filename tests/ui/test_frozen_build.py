"""The PyInstaller onedir build (build_spec/planner.spec) starts and paints: `planner --smoke --db <tmp>`.

Slow (a few minutes): run with ``pytest -m slow tests/ui/test_frozen_build.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_frozen_build_smoke(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[build]')")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist), "--workpath", str(work),
         str(ROOT / "build_spec" / "planner.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    exe = dist / "planner" / ("planner.exe" if sys.platform == "win32" else "planner")
    assert exe.is_file()
    bundle = exe.parent / "_internal"
    assert (bundle / "resources" / "fonts" / "PlannerSansSC-Regular.otf").is_file()
    assert (bundle / "resources" / "translations" / "planner_en.qm").is_file()
    assert (bundle / "planner" / "store" / "migrations" / "env.py").is_file()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(tmp_path / "home")}
    db_path = tmp_path / "frozen.db"
    run = subprocess.run([str(exe), "--smoke", "--db", str(db_path)], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-4000:]
    assert "first paint:" in run.stdout
    assert db_path.is_file() and db_path.stat().st_size > 0  # created and migrated by the frozen app
    english = subprocess.run([str(exe), "--smoke", "--demo", "--lang", "en"], capture_output=True, text=True,
                             timeout=300, env=env)
    assert english.returncode == 0, english.stderr[-4000:]
