"""Screenshots of the main screens for the README: the demo database, offscreen, at 1366×768.

Run: ``python build_spec/make_screenshots.py [--lang zh_CN|en] [--out resources/screenshots]``.
Writes ``<page>.png`` for every page of the main window (projects, outlets, alliances, people,
graph, schedule), the schedule's day, month, person and due views (``schedule-day.png`` …), the project
workspace tabs (``project-stages.png`` … ``project-history.png``, the timeline on its hour scale), a
stage's notes, a repeating new stage (``stage-series.png``), the outlet dialog and the global search,
each named with the language suffix for English (``outlets-en.png``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settle(app, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and the event loop paint (graph layouts and indexes run in workers)."""
    from planner.ui.workers import wait_for_all

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        wait_for_all(5000)
        app.processEvents()
        time.sleep(0.02)


#: The demo rail line opens on 26 December 2026; the schedule shots show that week as seen at noon.
OPENING_NOON = (2026, 12, 26, 4, 0)  # UTC


def rail_people(db, project_id):  # type: ignore[no-untyped-def]
    """The person the demo double-books on the opening day, and a colleague at the same station."""
    from planner.domain.findings import FindingKind
    from planner.graph.analysis import analyze_plan
    from planner.services import queries

    plan = queries.load_plan(db, project_id)
    overlap = next((f for f in analyze_plan(plan) if f.kind is FindingKind.PERSON_OVERLAP and f.person_ids), None)
    if overlap is None:
        return None, None
    doubled = overlap.person_ids[0]
    stages = set(overlap.stage_ids)
    colleague = next((p for a in plan.assignments if a.stage_id in stages for p in a.person_ids if p != doubled), None)
    return doubled, colleague


def show_opening_week(window, db, projects) -> None:  # type: ignore[no-untyped-def]
    """The rail project's opening week on the 日程 page, with the demo's absences of the week."""
    from datetime import UTC, date, datetime

    from planner.domain.agenda import Scope, ScopeKind
    from planner.services import availability

    noon = datetime(*OPENING_NOON, tzinfo=UTC)
    page = window.page("schedule")
    page.clock = page.due_tab.clock = page.due_tab.model.clock = lambda: noon
    rail = next((p for p in projects if "渝昆" in p.project.title), projects[0])
    doubled, colleague = rail_people(db, rail.project.id)
    if not availability.list_availability(db) and doubled is not None:
        availability.create_availability(db, person_id=doubled, starts_at="2026-12-21 08:00",
                                         ends_at="2026-12-21 12:00", kind="duty", rule="FREQ=WEEKLY;BYDAY=MO,TH",
                                         reason="夜班编辑")
        if colleague is not None:
            availability.create_availability(db, person_id=colleague, starts_at="2026-12-23", ends_at="2026-12-25",
                                             kind="leave", reason="年假")
    page.set_scope(Scope(ScopeKind.PROJECT, rail.project.id))
    page.show_date(date(2026, 12, 26), "week")


def schedule_shots(app, window, db, projects, out: Path, suffix: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """The opening day (six stations in five hours), a person's week, the month, and the due list."""
    from datetime import date

    from planner.domain.agenda import DueView, Scope, ScopeKind

    written = []
    page = window.show_page("schedule")
    show_opening_week(window, db, projects)
    rail = next((p for p in projects if "渝昆" in p.project.title), projects[0])
    doubled, _colleague = rail_people(db, rail.project.id)
    page.set_mode("day")
    settle(app, 1.0)
    for name, prepare in (
        ("schedule-day", lambda: None),
        ("schedule-month", lambda: page.set_mode("month")),
        ("schedule-person", lambda: (page.set_scope(Scope(ScopeKind.PERSON, doubled)),
                                     page.show_date(date(2026, 12, 26), "week"))),
        ("schedule-due", lambda: (page.show_due(), page.due_tab.show_view(DueView.WEEK))),
    ):
        prepare()
        settle(app, 1.0)
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    page.tabs.setCurrentIndex(0)
    return written


def desk_day(db, project_id) -> None:  # type: ignore[no-untyped-def]
    """Two desks at work on the rail project: an edit, a status move and a short notes thread."""
    from planner.services import assignments, notes, queries, settings, stages

    if project_id is None:
        return
    plan = queries.load_plan(db, project_id)
    first, other = plan.stages[0], plan.assignments[0]
    settings.set_desk(db, editor="王芳", outlet_id=other.outlet_id)
    stages.update_stage(db, first.id, location="重庆西站北广场", expected_version=first.version)
    notes.create_note(db, stage_id=first.id, body="首发列车 7:00 发车，请提前一小时到北广场集合，记者证随身带。")
    settings.set_desk(db, editor="李强", outlet_id=plan.assignments[3].outlet_id)
    notes.create_note(db, stage_id=first.id, body="收到。无人机航拍需提前向车站报备，已联系。")
    if other.status.value == "planned":
        assignments.set_status(db, other.id, status="confirmed")


def notes_and_series_shots(app, ctx, window, workspace, out: Path, suffix: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """A stage's notes, and a new stage repeating weekly (the series preview)."""
    from planner.ui.notes.dialog import NotesDialog
    from planner.ui.workspace.stage_dialog import StageDialog

    written: list[Path] = []
    plan = workspace.data.plan if workspace.data else None
    if plan is None or not plan.stages:
        return written
    stage = plan.stages[0]
    notes_dialog = NotesDialog(ctx, stage.title, stage_id=stage.id, parent=window)
    notes_dialog.show()
    settle(app, 0.3)
    path = out / f"notes{suffix}.png"
    notes_dialog.grab().save(str(path))
    written.append(path)
    notes_dialog.close()
    dialog = StageDialog(ctx, plan.project.id, plan.stages, parent=window)
    dialog.title_edit.setText("每周川渝联播")
    dialog.kind.setCurrentIndex(dialog.kind.findData("event"))
    dialog.starts.setText("2026-12-04 19:30")
    dialog.ends.setText("2026-12-04 20:30")
    dialog.show()
    dialog.repeat.enabled.setChecked(True)
    settle(app, 0.3)
    dialog.resize(dialog.sizeHint())
    settle(app, 0.3)
    path = out / f"stage-series{suffix}.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.reject()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="planner-shots-"))
    os.environ["PLANNER_HOME"] = str(tmp / "home")

    from planner.services.demo import load_demo
    from planner.store.database import open_database
    from planner.ui import i18n
    from planner.ui.app import setup_application

    app = setup_application()
    i18n.install(args.lang, app)
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow

    db = open_database(tmp / "demo.db")
    load_demo(db)
    ctx = AppContext(db, args.lang)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    settle(app)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else "-en"
    written = []
    from planner.services import queries

    projects = queries.list_projects(db)
    for key in MainWindow.PAGES:
        window.show_page(key)
        if key == "projects" and projects:
            rail = next((p for p in projects if "渝昆" in p.project.title), projects[0])
            ctx.navigate_requested.emit("project", rail.project.id)  # show a project, not an empty pane
        if key == "schedule" and projects:
            show_opening_week(window, db, projects)
        settle(app, 1.5 if key in ("graph", "projects") else 0.6)
        path = args.out / f"{key}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)

    window.show_page("graph")
    graph_page = window.page("graph")
    rail_id = next((str(p.project.id) for p in projects if "渝昆" in p.project.title), None)
    if rail_id is not None:
        graph_page.project_box.setCurrentIndex(graph_page.project_box.findData(rail_id))
        settle(app, 2.0)
        path = args.out / f"graph-project{suffix}.png"
        window.grab().save(str(path))
        written.append(path)

    window.show_page("projects")
    workspace = window.page("projects")
    rail_project = next((p for p in projects if "渝昆" in p.project.title), None)
    desk_day(db, rail_project.project.id if rail_project else None)  # a day of edits and notes for the history
    settle(app, 1.0)
    for index, key in enumerate(("stages", "matrix", "assignments", "timeline", "history"), start=1):
        workspace.tabs.setCurrentIndex(index)
        settle(app, 0.8)
        if key == "timeline" and workspace.timeline_tab.plan is not None:
            tab = workspace.timeline_tab
            tab.set_scale("hour")
            tab.view.scroll_to(min(s.starts_at for s in tab.plan.stages if s.starts_at), at=0.05)
            settle(app, 0.3)
        if key == "history":
            workspace.history_tab.view.selectRow(0)
            settle(app, 0.3)
        path = args.out / f"project-{key}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    workspace.tabs.setCurrentIndex(0)
    written += notes_and_series_shots(app, ctx, window, workspace, args.out, suffix)

    from planner.ui.directory.outlet_dialog import OutletDialog

    outlets = queries.list_outlets(db)
    row = next((o for o in outlets if o.name == "温江区融媒体中心"), outlets[0])
    dialog = OutletDialog(ctx, outlets, row, window)
    dialog.show()
    settle(app)
    path = args.out / f"outlet-dialog{suffix}.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.close()

    if projects:
        written.extend(schedule_shots(app, window, db, projects, args.out, suffix))

    window.show_page("outlets")
    window.search.rebuild()
    settle(app)
    window.search.setFocus()
    window.search.setText("cqx")
    window.search.update_results("cqx")
    window.search.completer_.complete()
    settle(app, 0.3)
    shot = window.grab()
    popup = window.search.completer_.popup()
    if popup.isVisible():
        from PySide6.QtGui import QPainter

        painter = QPainter(shot)
        box = window.search  # offscreen popups are not placed like on screen: draw it under the box
        painter.drawPixmap(box.mapTo(window, box.rect().bottomLeft()), popup.grab())
        painter.end()
    path = args.out / f"search{suffix}.png"
    shot.save(str(path))
    written.append(path)

    window.close()
    ctx.wait_for_workers()
    db.close()
    for p in written:
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
