# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The people picker while assigning shows who is busy or away for the stage's time, and why."""

from __future__ import annotations

import pytest
from day_people import rail_people
from ws_fixtures import ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import availability, queries

pytestmark = pytest.mark.qt

XIAO, LV = rail_people()  # the demo's double-booked photographer, and a colleague at 荣昌北站


def _rail(db):  # type: ignore[no-untyped-def]
    plan = queries.load_plan(db, queries.resolve_project(db, "YKGT-2026").id)
    stage = next(s for s in plan.stages if s.title == "荣昌北站")
    xiao = next(p for p in plan.people.values() if p.name == XIAO)
    row = next(a for a in plan.assignments if a.stage_id == stage.id and xiao.id in a.person_ids)
    outlet = plan.outlets[row.outlet_id]
    staff = [p for p in plan.people.values() if p.outlet_id == outlet.id]
    return plan, stage, xiao, row, outlet, staff


def test_assignment_dialog_says_who_is_busy_or_away(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.workspace.assignment_dialog import AssignmentDialog

    ctx = ws_demo_ctx
    _plan, stage, xiao, row, outlet, staff = _rail(ctx.db)
    colleague = next(p for p in staff if p.id != xiao.id)
    availability.create_availability(ctx.db, person_id=colleague.id, starts_at="2026-12-26 09:00",
                                     ends_at="2026-12-26 18:00", kind="training", reason="安全培训")
    dialog = AssignmentDialog(ctx, stage, outlet, staff, row)
    qtbot.addWidget(dialog)
    dialog.show()
    busy = dialog.people.busy
    assert busy[xiao.id] == "忙：在“泸州东站”（10:30–12:00）"
    assert busy[colleague.id].endswith("不在岗：培训（安全培训，09:00–18:00）")
    assert len(busy) < len(staff)  # the others are free then, and say nothing
    assert dialog.people.note(xiao.id) == busy[xiao.id]  # shown in the picker's 当时 column, and as its tip
    dialog.resize(dialog.sizeHint())
    assert dialog.height() <= 700  # fits a 1366×768 screen


def test_people_dialog_finds_the_stage_of_its_assignment(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.workspace.people_dialog import PeopleDialog

    ctx = ws_demo_ctx
    _plan, _stage, xiao, row, _outlet, staff = _rail(ctx.db)
    dialog = PeopleDialog(ctx, row.id, "荣昌区 · 荣昌北站", staff, row.person_ids)
    qtbot.addWidget(dialog)
    assert dialog.people.busy[xiao.id] == "忙：在“泸州东站”（10:30–12:00）"
    # a stage without a time tells nothing
    undated = queries.load_plan(ctx.db, queries.resolve_project(ctx.db, "YKGT-2026").id)
    tbc = next((a for a in undated.assignments
                if next(s for s in undated.stages if s.id == a.stage_id).starts_at is None), None)
    if tbc is not None:
        other = PeopleDialog(ctx, tbc.id, "x", staff)
        qtbot.addWidget(other)
        assert other.people.busy == {}


def test_overview_findings_follow_an_absence(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    """Recording an absence re-runs the open project's analysis: the finding appears at once."""
    from ws_fixtures import settle

    from planner.domain.enums import Entity
    from planner.domain.findings import FindingKind
    from planner.services.commands import Create
    from planner.ui.workspace import ProjectsPage

    ctx = ws_demo_ctx
    page = ProjectsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    settle(qtbot, page)
    _plan, _stage, xiao, _row, _outlet, _staff = _rail(ctx.db)
    page.show_item("project", queries.resolve_project(ctx.db, "YKGT-2026").id)
    settle(qtbot, page)
    kinds = lambda: {f.kind for f in page.data.findings}  # noqa: E731
    assert FindingKind.PERSON_UNAVAILABLE not in kinds()
    ctx.push(Create(Entity.AVAILABILITY, {"person_id": xiao.id, "starts_at": "2026-12-25", "ends_at": "2026-12-27",
                                          "reason": "年假"}))
    qtbot.waitUntil(lambda: FindingKind.PERSON_UNAVAILABLE in kinds(), timeout=20_000)
