"""Start-up tests' probe: run the real app (``--smoke``) in a fresh interpreter on a new database
file, under a script that instruments it and prints one JSON line as its last output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from planner.store.database import open_database


def run_app(tmp_path: Path, script: str) -> dict[str, Any]:
    """The JSON the script printed; the script gets the database's path as ``sys.argv[1]``."""
    db_path = tmp_path / "start.db"
    open_database(db_path).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-c", script, str(db_path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.splitlines()[-1])


#: Script lines that call the script's own ``on_paint()`` at every paint of the main window (define
#: ``on_paint`` and import ``QEvent``, ``QObject`` and ``planner.ui.main_window`` before them).
PAINT_HOOK = r"""
class _Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            on_paint()
        return False
_show = main_window.MainWindow.show
def _shown(self):
    self._paint_probe = _Paint(self)
    self.installEventFilter(self._paint_probe)
    _show(self)
main_window.MainWindow.show = _shown
"""
