"""A desk editor's first hour, driven through the real main window, with a screenshot per step.

    python build_spec/walkthrough.py [--out DIR] [--lang zh_CN|en] [--keep]

New database → the first-start dialog loads the alliance directory and asks who works here →
a project from the infrastructure template with (station, place) pairs → five outlets dragged onto
the coverage matrix (on a row header, on cells, on the empty part of a row) → a cell edited with the
keyboard (Enter opens it; people and a brief) → statuses changed in the assignments table (one
cancellation with its reason) → undo and redo with Ctrl+Z / Ctrl+Y. Each step checks what it did
in the database and fails loudly if it did not happen.

It runs offscreen by default (``QT_QPA_PLATFORM=offscreen``); with ``DISPLAY`` set and
``QT_QPA_PLATFORM=xcb`` it runs in a real window (keys go through the window's shortcut map either
way). Modal dialogs are driven as an editor would: the step waits for the dialog to open, fills it
and presses its buttons. A drag is the drag's own events (enter, move, drop) on the target widget,
which is what Qt delivers at the end of a real drag; xdotool checks of the same are in the README.
Screenshots go to ``DIR`` (default: a new temporary folder), named ``NN-step.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Walk:
    def __init__(self, out: Path, lang: str) -> None:
        from PySide6.QtCore import QCoreApplication

        self.out = out
        self.lang = lang
        self.step = 0
        self.shots: list[Path] = []
        self.app = QCoreApplication.instance()

    # -- helpers -------------------------------------------------------------------------------
    def pump(self, seconds: float = 0.2) -> None:
        from PySide6.QtCore import QCoreApplication

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def until(self, what: str, ready: Callable[[], bool], timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > end:
                raise SystemExit(f"walkthrough: timed out waiting for {what}")
            self.pump(0.05)

    def shot(self, name: str, widget: Any) -> Path:
        self.step += 1
        path = self.out / f"{self.step:02d}-{name}.png"
        self.pump(0.3)
        if not widget.grab().save(str(path)):
            raise SystemExit(f"walkthrough: could not save {path}")
        self.shots.append(path)
        print(f"  {path.name}", flush=True)
        return path

    def fits_the_screen(self, window: Any) -> None:
        """On a real display: the framed window lies inside the screen's available area (the status
        bar is not cut off), and a picture of the whole screen shows it with its decorations."""
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "xcb":
            return
        self.pump(1.5)  # the window manager frames the window and may move it
        area = window.screen().availableGeometry()
        frame = window.frameGeometry()
        if not area.contains(frame):
            raise SystemExit(f"walkthrough: the window {frame} does not fit the screen's {area}")
        self.step += 1
        path = self.out / f"{self.step:02d}-whole-screen.png"
        if not window.screen().grabWindow(0).save(str(path)):
            raise SystemExit(f"walkthrough: could not save {path}")
        self.shots.append(path)
        print(f"  {path.name} (window frame {frame.width()}×{frame.height()} at {frame.x()},{frame.y()} "
              f"on {area.width()}×{area.height()})", flush=True)

    def modal(self, open_it: Callable[[], Any], fill: Callable[[Any], None], timeout: float = 60.0) -> None:
        """Open a modal dialog with ``open_it`` and drive it with ``fill`` once it is up."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        done: dict[str, Any] = {}
        started = time.monotonic()

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                if time.monotonic() - started > timeout:
                    done["error"] = "no dialog opened"
                    return
                QTimer.singleShot(50, poll)
                return
            done["seen"] = True
            try:
                fill(dialog)
            except BaseException as exc:  # report after the dialog is gone
                done["error"] = exc
                dialog.reject()

        QTimer.singleShot(50, poll)
        open_it()
        self.until("the dialog to be handled", lambda: "seen" in done or "error" in done, timeout)
        if "error" in done:
            raise SystemExit(f"walkthrough: {done['error']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the screenshots (default: a new temporary one)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    parser.add_argument("--keep", action="store_true", help="leave the window open at the end (real display)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="planner-walkthrough-"))
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PLANNER_HOME", tempfile.mkdtemp(prefix="planner-walkthrough-home-"))

    from planner.ui import i18n
    from planner.ui.app import setup_application

    app = setup_application()
    i18n.install(args.lang, app)
    walk = Walk(out, args.lang)
    db_path = out / "first-hour.db"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    print(f"walkthrough → {out}")
    try:
        _walk(walk, db_path, keep=args.keep)
    finally:
        from planner.ui.workers import wait_for_all

        wait_for_all()
    print(f"{len(walk.shots)} screenshots in {out}")
    return 0


def _walk(walk: Walk, db_path: Path, *, keep: bool) -> None:
    from datetime import datetime

    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from planner.domain import place_search
    from planner.domain.enums import Status
    from planner.domain.timefmt import PLAN_TZ
    from planner.services import queries
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow
    from planner.ui.onboarding import FirstStartDialog

    lang = "en" if walk.lang == "en" else "zh"

    # 1. a new database: the first-start dialog
    db = open_database(db_path)
    assert db.created
    first = FirstStartDialog(db, lang=lang)
    first.show()
    walk.shot("first-start", first)
    first.directory_button.setChecked(True)
    first.next_button.click()  # loads the directory (a worker, a progress dialog)
    walk.until("the identity step", lambda: first.pages.currentWidget() is first.identity)
    counts = queries.counts(db)
    assert counts["outlets"] > 200 and counts["projects"] == 0, counts
    first.editor.setText("张编辑" if lang == "zh" else "Editor Zhang")
    cb = next(o for o in queries.list_outlets(db) if o.name == "四川日报报业集团")
    first.outlet.set_id(cb.id)
    walk.shot("identity", first)
    first.next_button.click()
    assert db.setting("desk.outlet_id") == str(cb.id)

    # 2. the main window on the loaded directory
    ctx = AppContext(db, walk.lang)
    window = MainWindow(ctx)  # its default size: what fits the screen, the window manager's frame included
    window.show()
    window.activateWindow()
    walk.until("the window to be active", window.isActiveWindow)  # keys go through its shortcut map
    walk.fits_the_screen(window)
    page = window.page("projects")
    walk.until("the workspace", lambda: not page.busy)
    window.show_page("outlets")
    walk.pump(0.5)
    walk.shot("directory-loaded", window)

    # 3. a project from the infrastructure template, stations with their places (Ctrl+Shift+M)
    stations = [("重庆西站", None), ("永川东", None), ("荣昌北", None), ("成都东站", "510108"), ("宜宾西", "511504")]

    def fill_template(dialog: Any) -> None:
        walk.until("the place index", place_search.ready)
        dialog.template.setCurrentIndex(dialog.template.findData("infrastructure"))
        dialog.title_edit.setText("渝昆高铁川渝段开通联合报道" if lang == "zh" else "Chongqing–Kunming HSR opening")
        dialog.code.setText("YK-2026")
        dialog.starts.set_value(datetime(2026, 12, 26).date())
        rows = dialog.stations.rows()
        for i, (name, place) in enumerate(stations):
            edit, where = rows[0] if i == 0 else dialog.stations.add_row()
            edit.setText(name)
            edit.editingFinished.emit()  # the place is guessed from the name …
            if place:
                where.set_adcode(place)  # … and corrected where the guess is only the city
        walk.shot("template", dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            raise AssertionError(f"template dialog refused: {dialog.error_texts()}")

    window.show_page("projects")
    walk.modal(lambda: QTest.keySequence(QApplication.focusWidget() or window, QKeySequence("Ctrl+Shift+M")),
               fill_template)
    project = queries.resolve_project(db, "YK-2026")
    walk.until("the new project", lambda: page.data is not None and page.data.plan.project.id == project.id)
    plan = queries.load_plan(db, project.id)
    assert all(s.adcode for s in plan.stages[: len(stations)]), [s.adcode for s in plan.stages]
    page.tabs.setCurrentWidget(page.overview_tab)
    walk.shot("project-overview", window)

    # 4. five outlets dragged onto the matrix
    page.tabs.setCurrentWidget(page.matrix_tab)
    tab = page.matrix_tab
    walk.pump(0.3)
    walk.shot("matrix-empty", window)
    names = ["重庆日报报业集团", "永川区融媒体中心", "荣昌区融媒体中心", "成都市融媒体中心", "叙州区融媒体中心"]
    by_name = {o.name: o for o in page.directory.outlets}
    stages = tab.model.stages()
    targets = [(0, "header"), (1, "cell"), (2, "empty"), (3, "header"), (4, "empty")]
    for name, (row, where) in zip(names, targets, strict=True):
        outlet = by_name[name]
        index = tab.outlet_model.index_of(outlet.id)
        if not index.isValid():
            tab.search.setText(name)
            walk.pump(0.1)
            index = tab.outlet_model.index_of(outlet.id)
        mime = tab.outlet_model.mimeData([index])
        if where == "header":
            target = tab.view.verticalHeader().viewport()
            y = tab.view.verticalHeader().sectionViewportPosition(row) + 8
            point = QPoint(20, y)
        else:
            target = tab.view.viewport()
            y = tab.view.rowViewportPosition(row) + 8
            x = 20 if where == "cell" and tab.model.columnCount() else target.width() - 30
            point = QPoint(x, y)
        drag = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, QDragEnterEvent(point, *drag))
        QApplication.sendEvent(target, QDragMoveEvent(point, *drag))
        if tab.view.drop_row != row:
            raise SystemExit(f"walkthrough: the drag over row {row} ({where}) is not taken")
        if where == "header" and row == 0:
            walk.shot("dragging-onto-a-row-header", window)
        QApplication.sendEvent(target, QDropEvent(QPointF(point), *drag))
        walk.until("the piece", lambda oid=outlet.id, sid=stages[row].id: any(
            a.outlet_id == oid and a.stage_id == sid for a in queries.load_plan(db, project.id).assignments))
        walk.until("the matrix", lambda: not page.busy)
        tab.search.clear()
    plan = queries.load_plan(db, project.id)
    assert len(plan.assignments) == 5, len(plan.assignments)
    walk.shot("matrix-five-outlets", window)

    # 5. a cell edited: Enter on the selected piece opens it
    piece = next(a for a in plan.assignments if a.stage_id == stages[1].id)
    tab.select_cell(piece.stage_id, piece.outlet_id)
    window.activateWindow()
    walk.until("the window to be active", window.isActiveWindow, 10)
    tab.view.setFocus()
    walk.until("the matrix to have the focus", tab.view.hasFocus, 10)
    staff = [p for p in page.directory.people_of(piece.outlet_id)]

    def fill_cell(dialog: Any) -> None:
        dialog.brief.setPlainText("站台首发体验：第一趟车的乘客、站务、沿线变化。")
        if staff:
            dialog.people.set_ids([staff[0].id])
        dialog.due.set_value(datetime(2026, 12, 26, 18, 0, tzinfo=PLAN_TZ))
        walk.shot("cell-dialog", dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            raise AssertionError(f"assignment dialog refused: {dialog.error_texts()}")

    walk.modal(lambda: QTest.keyClick(tab.view, Qt.Key.Key_Return), fill_cell)
    edited = queries.load_assignments_by_id(db, [piece.id])[0]
    assert edited.brief.startswith("站台首发体验"), edited.brief
    walk.until("the matrix", lambda: not page.busy)

    # 6. statuses changed in the assignments table; one cancelled with its reason
    page.tabs.setCurrentWidget(page.assignments_tab)
    table = page.assignments_tab
    table.reload()
    walk.pump(0.3)
    ids = [table.model.row_at(i).id for i in range(table.model.rowCount())]
    table._reselect(ids[:3])
    table.new_status.setCurrentIndex(table.new_status.findData(Status.CONFIRMED.value))
    walk.shot("tasks-selected", window)
    table.status_button.click()
    walk.until("three confirmed", lambda: sum(
        a.status is Status.CONFIRMED for a in queries.load_plan(db, project.id).assignments) == 3)
    table._reselect(ids[4:5])

    def give_reason(dialog: Any) -> None:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # empty: refused under the field
        if "reason" not in dialog.error_texts():
            raise AssertionError("an empty reason was taken")
        walk.shot("reason-required", dialog)
        dialog.reason.setText("该台另有重大任务" if lang == "zh" else "the station has another big job")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    table.new_status.setCurrentIndex(table.new_status.findData(Status.CANCELLED.value))
    walk.modal(lambda: table.status_button.click(), give_reason)
    walk.until("the cancellation", lambda: queries.load_assignments_by_id(db, [ids[4]])[0].status is Status.CANCELLED)
    walk.until("the table", lambda: not page.busy)
    walk.shot("statuses-changed", window)
    page.tabs.setCurrentWidget(tab)
    walk.pump(0.5)
    walk.shot("matrix-with-a-cancelled-piece", window)

    # 7. undo and redo from the keyboard
    def statuses() -> list[str]:
        return sorted(a.status.value for a in queries.load_plan(db, project.id).assignments)

    def press(keys: str) -> None:
        window.activateWindow()
        walk.until("the window to be active", window.isActiveWindow, 10)
        QTest.keySequence(QApplication.focusWidget() or window, QKeySequence(keys))

    before = statuses()
    press("Ctrl+Z")
    walk.until("undo", lambda: statuses() != before)
    walk.until("the matrix", lambda: not page.busy)
    walk.shot("undone", window)
    press("Ctrl+Y")
    walk.until("redo", lambda: statuses() == before)
    walk.until("the matrix", lambda: not page.busy)
    walk.shot("redone", window)
    page.tabs.setCurrentWidget(page.overview_tab)
    walk.pump(0.5)
    walk.shot("overview-at-the-end", window)

    if keep:
        QApplication.instance().exec()
    window.close()
    ctx.wait_for_workers()
    db.close()


if __name__ == "__main__":
    sys.exit(main())
