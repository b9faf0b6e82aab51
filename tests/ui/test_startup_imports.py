"""Start-up imports only what the first page and the window's menus need.

The other pages (日程, 媒体单位, 联合体, 人员 …) are built on their first visit, and their modules are
imported then: importing them at start-up cost the first paint tens of milliseconds of CPU. Their
menu keys still work from the start (``test_input_shortcuts`` presses each key on each page); this
test checks that the modules stay out of start-up, and that visiting the pages still builds them.
What the window builds right after its first paint (``AppContext.later``) is imported then, not before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.store.database import open_database
from tests.ui.startup_probe import PAINT_HOOK, run_app

pytestmark = pytest.mark.qt

LAZY = (
    "planner.ui.schedule.page",
    "planner.ui.directory.outlets_page",
    "planner.ui.directory.alliances_page",
    "planner.ui.directory.people_page",
    "planner.ui.graph",
    "planner.ui.onboarding",
    "planner.ui.suggest.panel",  # the 补位建议 panel is made when first opened (closed at start-up)
    "planner.graph.staffing",
    "planner.ui.server.live",  # a shared server's live updates: made when a server is opened
    "planner.store.live",
    "planner.ui.workspace.stage_dialog",  # the dialogs the 项目 page opens: imported on first use
    "planner.ui.workspace.project_dialog",
    "planner.ui.workspace.template_dialog",
    "planner.ui.workspace.station_list",
    "planner.ui.workspace.commands",
    "planner.ui.series.recurrence_box",
    "planner.ui.series.scope",
    "planner.ui.notes.thread",
    "planner.ui.directory.place_edit",
    "planner.services.lookup",  # the global search's index: built when the search box is first used
)

#: not imported before the window's first paint (a timer may read them before the smoke run ends)
NOT_BEFORE_PAINT = (
    "planner.services.agenda",  # the due counts and reminders read it after the first paint
    "planner.domain.agenda",
)

#: imported right after the window's first paint (the smoke run waits for that work), not before it
AFTER_PAINT = (
    "planner.ui.workspace.matrix_tab",  # 覆盖矩阵: made right after the paint, behind the placeholder
    "planner.ui.workspace.matrix_view",
    "planner.store.models",  # the tables (~0.12 s to define): the first loads need them, the paint does not
    "planner.services.unit",
    "planner.services.commands",
    "planner.services.queries",
    "planner.ui.workspace.loader",
)

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject
from planner.ui import app, main_window
def planner_modules():
    return sorted(m for m in sys.modules if m.startswith("planner."))
at_paint = []
def on_paint():
    if not at_paint:
        at_paint.extend(planner_modules())
""" + PAINT_HOOK + r"""
code = app.run(["--smoke", "--db", sys.argv[1]])
print(json.dumps({"code": code, "at_paint": at_paint, "modules": planner_modules()}))
"""


def test_start_up_leaves_the_other_pages_modules_unimported(tmp_path: Path) -> None:
    out = run_app(tmp_path, SCRIPT)
    assert out["code"] == 0
    modules, at_paint = set(out["modules"]), set(out["at_paint"])
    assert "planner.ui.main_window" in at_paint and "planner.ui.schedule" in at_paint  # the due counts
    assert not modules & set(LAZY), sorted(modules & set(LAZY))
    assert not at_paint & {*AFTER_PAINT, *NOT_BEFORE_PAINT}, sorted(at_paint & {*AFTER_PAINT, *NOT_BEFORE_PAINT})
    assert set(AFTER_PAINT) <= modules, sorted(set(AFTER_PAINT) - modules)


def test_the_lazy_pages_are_built_on_their_first_visit(qtbot, tmp_path: Path) -> None:
    from planner.ui.context import AppContext
    from planner.ui.directory import AlliancesPage, OutletsPage, PeoplePage
    from planner.ui.main_window import MainWindow
    from planner.ui.schedule import SchedulePage

    db = open_database(tmp_path / "visit.db")
    ctx = AppContext(db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        for key, cls in (("outlets", OutletsPage), ("alliances", AlliancesPage), ("people", PeoplePage),
                         ("schedule", SchedulePage)):
            page = window.show_page(key)
            assert isinstance(page, cls)
            assert window.stack.currentWidget().layout().itemAt(0).widget() is page
    finally:
        window.close()
        ctx.wait_for_workers()
        db.close()


ORDER_SCRIPT = r"""
import builtins, json, sys
from importlib.abc import MetaPathFinder
order = []
class Note(MetaPathFinder):
    def find_spec(self, name, path, target=None):
        order.append(name)
        return None
sys.meta_path.insert(0, Note())
printed = builtins.print
painted_at = []
def noting(*args, **kwargs):
    if args and str(args[0]).startswith("first paint") and not painted_at:
        painted_at.append(len(order))
    printed(*args, **kwargs)
builtins.print = noting
from planner.ui import app
code = app.run(["--smoke", "--db", sys.argv[1]])
printed(json.dumps({"code": code, "order": order, "painted_at": painted_at}))
"""


def test_the_core_modules_of_the_first_paint_are_imported_before_qt(tmp_path: Path) -> None:
    """Once PySide6 is loaded its import hook reads the source of every module imported after it:
    ``app.import_core`` imports the core modules the first paint uses before Qt, and none is left."""
    out = run_app(tmp_path, ORDER_SCRIPT)
    assert out["code"] == 0 and out["painted_at"]
    order = out["order"][:out["painted_at"][0]]
    qt = order.index("PySide6")
    core = ("planner.domain", "planner.store", "planner.services", "planner.graph")
    late = [m for m in order[qt:] if m.startswith(core)]
    assert not late, late
