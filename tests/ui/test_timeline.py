# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The timeline tab: every deadline on its own line, hour/day/week scales, tooltips, jump to today,
drag to move or resize a stage or a deadline as one undo step, and a bad drag refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import ACTIVE_STATUSES
from planner.domain.timefmt import PLAN_TZ
from planner.services import projects, queries, stages
from planner.ui.timeline.layout import SCALES, deadline_assignments
from planner.ui.timeline.view import LABEL_W

pytestmark = pytest.mark.qt


def _open(qtbot, page, code: str = "YKGT-2026"):  # type: ignore[no-untyped-def]
    project = queries.resolve_project(page.ctx.db, code)
    page.select_project(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.timeline_tab)
    qtbot.wait(20)
    return page.timeline_tab


def _row(tab, stage_id, kind="stage"):  # type: ignore[no-untyped-def]
    return next(r for r in tab.view.rows if r.stage.id == stage_id and r.kind == kind)


def _drag(qtbot, view, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 6):
        QTest.mouseMove(vp, start + (end - start) * i / 5)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    qtbot.wait(10)


def _timed_stage(plan):  # type: ignore[no-untyped-def]
    return next(s for s in plan.stages if s.starts_at and s.ends_at and deadline_assignments(plan, s.id))


def test_every_deadline_has_its_line_and_folded_they_stack_with_a_count(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    tab = _open(qtbot, make_page(ws_demo_ctx))
    plan = tab.plan
    due = [a for a in plan.assignments if a.due_at and a.status in ACTIVE_STATUSES]
    assert len(tab.view.rows) == len(plan.stages) + len(due)
    assert {r.assignment.id for r in tab.view.rows if r.kind == "deadline"} == {a.id for a in due}
    line = next(r for r in tab.view.rows if r.kind == "deadline")
    assert " · " in line.label  # outlet · format
    tab.deadlines.setChecked(False)
    assert len(tab.view.rows) == len(plan.stages)
    stage = _timed_stage(plan)
    assert len(tab.view.diamonds(_row(tab, stage.id))) == len(deadline_assignments(plan, stage.id))


def test_scales_tooltips_and_jump_to_today(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    tab = _open(qtbot, make_page(ws_demo_ctx))
    view = tab.view
    stage = _timed_stage(tab.plan)
    tab.set_scale("hour")
    assert view.axis.day_w == SCALES["hour"].day_w
    assert view.vx(stage.starts_at + timedelta(hours=1)) - view.vx(stage.starts_at) == pytest.approx(44.0)
    tab.set_scale("week")
    assert view.axis.day_w == SCALES["week"].day_w
    tab.set_scale("day")
    text = tab.tooltip(_row(tab, stage.id), "bar")
    assert stage.title in text and "至" in text and "拖动" in text
    line = next(r for r in view.rows if r.kind == "deadline" and r.stage.id == stage.id)
    tip = tab.tooltip(line, "due")
    assert "截稿" in tip and tab.plan.outlets[line.assignment.outlet_id].display_name in tip
    # today inside the plan: the button puts it at the first third of the view
    today = stage.starts_at.astimezone(PLAN_TZ) + timedelta(hours=3)
    tab.set_plan(tab.plan, now=today)
    view.horizontalScrollBar().setValue(0)
    tab.jump_to_today()
    x = view.vx(today)
    assert LABEL_W <= x <= view.viewport().width() * 0.5
    # a day far from the plan widens the axis instead of doing nothing
    tab.set_plan(tab.plan, now=today + timedelta(days=200))
    tab.jump_to_today()
    assert LABEL_W <= view.vx(today + timedelta(days=200)) <= view.viewport().width()


def test_drag_moves_a_stage_with_its_deadlines_in_one_undo_step(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    page = make_page(ws_demo_ctx)
    tab = _open(qtbot, page)
    stage = _timed_stage(tab.plan)
    dues = {a.id: a.due_at for a in deadline_assignments(tab.plan, stage.id) if a.status.value in ("planned", "confirmed", "in_progress")}
    view = tab.view
    view.scroll_to(stage.starts_at, at=0.2)
    rect = view.bar_rect(_row(tab, stage.id))
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    _drag(qtbot, view, start, start + QPoint(int(SCALES["day"].day_w), 0))  # one day later
    settle(qtbot, page)
    moved = next(s for s in queries.load_stages(ws_demo_ctx.db, tab.plan.project.id) if s.id == stage.id)
    assert moved.starts_at - stage.starts_at == timedelta(days=1) and moved.ends_at - stage.ends_at == timedelta(days=1)
    after = {a.id: a.due_at for a in queries.load_assignments_by_id(ws_demo_ctx.db, list(dues))}
    assert all(after[i] - d == timedelta(days=1) for i, d in dues.items())
    assert ws_demo_ctx.undo_stack.count() == 1 and "移动环节" in ws_demo_ctx.undo_stack.undoText()
    ws_demo_ctx.undo_stack.undo()
    back = next(s for s in queries.load_stages(ws_demo_ctx.db, tab.plan.project.id) if s.id == stage.id)
    assert (back.starts_at, back.ends_at) == (stage.starts_at, stage.ends_at)


def test_drag_an_end_resizes_on_the_hour_scale(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    page = make_page(ws_demo_ctx)
    tab = _open(qtbot, page)
    tab.set_scale("hour")
    stage = _timed_stage(tab.plan)
    view = tab.view
    view.scroll_to(stage.ends_at, at=0.5)
    rect = view.bar_rect(_row(tab, stage.id))
    edge = QPoint(int(rect.right()), int(rect.center().y()))
    assert view.hit(edge.toPointF())[1] == "end"
    _drag(qtbot, view, edge, edge + QPoint(int(2 * SCALES["hour"].hour_w), 0))
    settle(qtbot, page)
    now = next(s for s in queries.load_stages(ws_demo_ctx.db, tab.plan.project.id) if s.id == stage.id)
    assert now.starts_at == stage.starts_at and now.ends_at - stage.ends_at == timedelta(hours=2)
    assert ws_demo_ctx.undo_stack.count() == 1


def test_a_deadline_dragged_before_its_stage_is_refused_and_esc_cancels(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    page = make_page(ws_demo_ctx)
    tab = _open(qtbot, page)
    stage = _timed_stage(tab.plan)
    line = next(r for r in tab.view.rows if r.kind == "deadline" and r.stage.id == stage.id)
    view = tab.view
    view.scroll_to(line.assignment.due_at, at=0.6)
    (_a, point), = view.diamonds(line)
    start = QPoint(int(point.x()), int(point.y()))
    before = queries.load_plan(ws_demo_ctx.db, tab.plan.project.id)
    days_back = (line.assignment.due_at - stage.starts_at).days + 2
    _drag(qtbot, view, start, start - QPoint(int(days_back * SCALES["day"].day_w), 0))
    settle(qtbot, page)
    assert ws_demo_ctx.messages and ws_demo_ctx.undo_stack.count() == 0
    assert queries.load_plan(ws_demo_ctx.db, tab.plan.project.id).assignments == before.assignments
    # Esc in the middle of a drag: nothing moves
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(80, 0))
    assert view.drag_preview() is not None and view.drag_preview().active
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(80, 0))
    assert ws_demo_ctx.undo_stack.count() == 0


def test_empty_and_untimed(qtbot, ws_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    project = projects.create_project(ws_ctx.db, title="空项目").row
    page = make_page(ws_ctx)
    tab = _open(qtbot, page, project.title)
    assert tab.empty.isVisible() and not tab.view.isVisible() and not tab.today_button.isEnabled()
    stages.create_stage(ws_ctx.db, project_id=project.id, title="待定环节")
    page.load_project(project.id)
    settle(qtbot, page)
    assert not tab.empty.isVisible() and tab.view.rows[0].label == "1. 待定环节"
    assert tab.view.bar_rect(tab.view.rows[0]) is None
    assert "时间未定" in tab.tooltip(tab.view.rows[0], "label")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_timeline_fits_and_reads_in_both_languages(qtbot, demo_db, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    from planner.ui import i18n
    from planner.ui.context import AppContext
    from planner.ui.workers import wait_for_all
    from planner.ui.workspace import ProjectsPage

    i18n.install(lang)
    try:
        ctx = AppContext(demo_db, lang)
        ctx.messages = []  # type: ignore[attr-defined]
        page = ProjectsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        settle(qtbot, page)
        tab = _open(qtbot, page)
        english = lang == "en"
        assert tab.today_button.text() == ("Today" if english else "今天")
        assert tab.scales["hour"].text() == ("By hour" if english else "按小时")
        assert page.tabs.tabText(page.tabs.indexOf(tab)) == ("Timeline" if english else "时间线")
        tab.set_scale("hour")
        tab.view.scroll_to(_timed_stage(tab.plan).starts_at, at=0.2)
        page.grab().save(str(tmp_path / f"timeline-{lang}.png"))
        assert tab.minimumSizeHint().width() <= 1366 and page.minimumSizeHint().height() <= 768
        ctx.wait_for_workers()
        wait_for_all()
    finally:
        i18n.install("zh_CN")
