# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The 日程 page: day, week and month views (empty and full, 1366×768), drag to reschedule as one
undo step, absences, printing, and the main window's new page."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from day_people import rail_people
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from ws_fixtures import settle, ws_ctx, ws_demo_ctx  # noqa: F401

from planner.domain.agenda import ItemKind, Scope, ScopeKind
from planner.domain.timefmt import PLAN_TZ, parse_datetime
from planner.services import availability, queries

XIAO, LV = rail_people()  # the demo's double-booked photographer, and a colleague at 荣昌北站

pytestmark = pytest.mark.qt

OPENING = datetime(2026, 12, 26, 4, 0, tzinfo=UTC)  # noon on the opening day, Beijing time


def clock_at(moment: datetime):  # type: ignore[no-untyped-def]
    state = {"now": moment}
    fake = lambda: state["now"]  # noqa: E731
    fake.state = state  # type: ignore[attr-defined]
    return fake


@pytest.fixture
def dump_demo(ws_demo_ctx):  # type: ignore[no-untyped-def]
    """Every row of the demo file: equal dumps mean an unchanged database."""
    import sqlite3

    def dump() -> dict[str, list[tuple]]:
        con = sqlite3.connect(f"file:{ws_demo_ctx.db.path}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        finally:
            con.close()

    return dump


@pytest.fixture
def make_schedule(qtbot):  # type: ignore[no-untyped-def]
    def make(ctx, clock=None):  # type: ignore[no-untyped-def]
        from planner.ui.schedule import SchedulePage

        page = SchedulePage(ctx, clock=clock or clock_at(OPENING))
        qtbot.addWidget(page)
        page.resize(1234, 700)  # the page inside a 1366×768 window (left bar, menus, status bar)
        page.show()
        settle(qtbot, page)
        return page

    return make


def rail_week(page, ctx, mode: str = "week"):  # type: ignore[no-untyped-def]
    rail = queries.resolve_project(ctx.db, "YKGT-2026")
    page.set_scope(Scope(ScopeKind.PROJECT, rail.id))
    page.show_date(date(2026, 12, 26), mode)
    return rail


def box_of(view, title: str, kind: ItemKind = ItemKind.STAGE):  # type: ignore[no-untyped-def]
    g = view.geometry_()
    y0 = g.grid_top - view.verticalScrollBar().value()
    box = next(b for b in view._boxes if b.item.title == title and b.item.kind is kind)
    return box, view.geometry_().box_rect(box, y0)


def drag(qtbot, view, start: QPointF, end: QPointF) -> None:  # type: ignore[no-untyped-def]
    vp = view.viewport()
    a, b = start.toPoint(), end.toPoint()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 6):
        QTest.mouseMove(vp, a + (b - a) * i / 5)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


# -- views -----------------------------------------------------------------------------------------
def test_empty_database_says_what_to_do(make_schedule, ws_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_ctx)
    assert page.scope is None
    assert "还没有人员、单位或项目" in page.view.empty_text
    assert not page.print_button.isEnabled()
    page.show_due()
    settle(qtbot, page)
    assert page.due_tab.empty.text() == "今天没有到期的未完成任务。"
    page.due_tab.show_view(page.due_tab.view_kind.__class__("desk"))
    settle(qtbot, page)
    assert "还没有设置本席位的单位" in page.due_tab.empty.text()


def test_default_is_this_desks_outlet_and_an_empty_week_offers_the_next_item(make_schedule, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx, clock_at(datetime(2026, 11, 30, 1, 0, tzinfo=UTC)))
    assert page.scope is not None and page.scope.kind is ScopeKind.OUTLET
    assert page.target_box.currentText() == "四川日报报业集团"
    assert page.view.empty_text == "这段时间没有环节、截稿或不在岗安排。"
    assert page.jump_button.isVisible() and page.jump_button.text() == "跳到下一项：12月26日"
    page.jump_button.click()
    settle_page(page)
    assert page.anchor == date(2026, 12, 26) and page.view.empty_text == ""


def test_after_the_last_item_it_offers_the_latest(make_schedule, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    page.show_date(date(2028, 1, 5), "week")
    settle_page(page)
    assert page.view.empty_text and page.jump_button.text().startswith("跳到最近一项：2027年")
    page.jump_button.click()
    settle_page(page)
    assert page.view.empty_text == "" and page.anchor.year == 2027


def settle_page(page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from planner.ui.workers import wait_for_all

    for _ in range(50):
        wait_for_all(5000)
        QApplication.processEvents()
        if not page.busy:
            break
    QApplication.processEvents()


def test_opening_day_six_stations_are_readable_in_the_day_view(make_schedule, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    rail_week(page, ws_demo_ctx, "day")
    settle_page(page)
    view = page.view
    stations = ["重庆西站", "江津北站", "永川南站", "荣昌北站", "泸州东站", "宜宾东站"]
    rects = {t: box_of(view, t)[1] for t in stations}
    for title, r in rects.items():
        assert r.width() >= 150 and r.height() >= 60, (title, r)  # room for time, title and who
    # side by side where they overlap, never on top of each other
    for a in stations:
        for b in stations:
            if a < b:
                assert not rects[a].intersects(rects[b]), (a, b)
    assert view.verticalScrollBar().value() <= 7 * view.hour_px  # the morning is in view
    clashed = {b.item.title for b in view._boxes if b.item.clashes}
    assert clashed == {"荣昌北站", "泸州东站"}
    assert "2 处冲突" in page.legend.text()
    assert "蓝：站点" in page.legend.text()


def test_week_and_month(make_schedule, ws_demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    rail_week(page, ws_demo_ctx, "week")
    settle_page(page)
    assert page.period_label.text() == "2026年12月21日 – 12月27日"
    assert {b.day for b in page.view._boxes} == {2, 5}  # a deadline on Wednesday, the opening on Saturday
    page.set_mode("month")
    settle_page(page)
    assert page.period_label.text() == "2026年12月"
    page.view.grab().save(str(tmp_path / "month.png"))  # paints and places the chips
    assert any(k.startswith("more:") for k in page.view._month_rects)  # the opening day has more than fits
    more = next(k for k in page.view._month_rects if k.startswith("more:"))
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     page.view._month_rects[more][0].center().toPoint())
    settle_page(page)
    assert page.mode == "day" and page.anchor == date(2026, 12, 26)
    page.go(1)
    settle_page(page)
    assert page.anchor == date(2026, 12, 27)
    page.view.setFocus()
    QTest.keyClick(page.view, Qt.Key.Key_PageUp)
    settle_page(page)
    assert page.anchor == date(2026, 12, 26)


def test_tooltip_names_the_clash(make_schedule, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    rail_week(page, ws_demo_ctx, "day")
    settle_page(page)
    box, _rect = box_of(page.view, "荣昌北站")
    text = page.view.painter_.tooltip(box.item)
    assert f"{XIAO}同时安排在“泸州东站”" in text and "内江融媒" in text


# -- drag to reschedule ------------------------------------------------------------------------------
def test_drag_a_stage_one_hour_later_is_one_undo_step(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    rail = rail_week(page, ctx, "day")
    settle_page(page)
    view = page.view
    _box, r = box_of(view, "荣昌北站")
    before = {s.title: s for s in queries.load_stages(ctx.db, rail.id)}["荣昌北站"]
    dues = {a.id: a.due_at for a in queries.load_assignments(ctx.db, stage_ids=[before.id])}
    drag(qtbot, view, r.center(), r.center() + QPointF(0, view.hour_px))
    settle_page(page)
    after = {s.title: s for s in queries.load_stages(ctx.db, rail.id)}["荣昌北站"]
    assert after.starts_at == before.starts_at + timedelta(hours=1)
    assert after.ends_at == before.ends_at + timedelta(hours=1)
    moved = {a.id: a.due_at for a in queries.load_assignments(ctx.db, stage_ids=[before.id])}
    assert any(moved[k] == v + timedelta(hours=1) for k, v in dues.items() if v)
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "移动环节：荣昌北站"
    ctx.undo_stack.undo()
    settle_page(page)
    again = {s.title: s for s in queries.load_stages(ctx.db, rail.id)}["荣昌北站"]
    assert (again.starts_at, again.ends_at) == (before.starts_at, before.ends_at)
    assert {a.id: a.due_at for a in queries.load_assignments(ctx.db, stage_ids=[before.id])} == dues
    qtbot.waitUntil(lambda: box_of(view, "荣昌北站")[0].item.start == before.starts_at, timeout=10_000)  # reloaded


def test_drag_the_bottom_edge_changes_only_the_end(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    rail = rail_week(page, ctx, "day")
    settle_page(page)
    _box, r = box_of(page.view, "宜宾东站")
    before = {s.title: s for s in queries.load_stages(ctx.db, rail.id)}["宜宾东站"]
    drag(qtbot, page.view, QPointF(r.center().x(), r.bottom() - 2), QPointF(r.center().x(), r.bottom() - 2 + page.view.hour_px / 2))
    settle_page(page)
    after = {s.title: s for s in queries.load_stages(ctx.db, rail.id)}["宜宾东站"]
    assert after.starts_at == before.starts_at and after.ends_at == before.ends_at + timedelta(minutes=30)
    assert ctx.undo_stack.undoText() == "调整环节时间：宜宾东站"


def test_deadline_dragged_before_its_stage_is_refused(make_schedule, ws_demo_ctx, qtbot, dump_demo) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    rail_week(page, ctx, "day")
    settle_page(page)
    _box, r = box_of(page.view, "荣昌北站", ItemKind.DEADLINE)  # 14:20, the stage starts 09:50
    before = dump_demo()
    drag(qtbot, page.view, r.center(), r.center() - QPointF(0, 6 * page.view.hour_px))
    settle_page(page)
    assert any("不能早于环节“荣昌北站”开始" in m for m in ctx.messages)
    assert ctx.undo_stack.count() == 0 and dump_demo() == before
    assert box_of(page.view, "荣昌北站", ItemKind.DEADLINE)[0].item.start.astimezone(PLAN_TZ).hour == 14


def test_deadline_moves_to_another_time(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    rail_week(page, ctx, "day")
    settle_page(page)
    box, r = box_of(page.view, "荣昌北站", ItemKind.DEADLINE)
    drag(qtbot, page.view, r.center(), r.center() + QPointF(0, page.view.hour_px))
    settle_page(page)
    ids = [d.assignment_id for d in box.item.deadlines]
    assert {a.due_at for a in queries.load_assignments_by_id(ctx.db, ids)} == {box.item.start + timedelta(hours=1)}
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert {a.due_at for a in queries.load_assignments_by_id(ctx.db, ids)} == {box.item.start}


def test_month_drag_moves_by_days(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    rail = rail_week(page, ctx, "month")
    settle_page(page)
    page.view.grab()
    key = next(i.key for i in page.view.items if i.title == "江津北站" and i.kind is ItemKind.DEADLINE
               and i.start.astimezone(PLAN_TZ).day == 23)
    chip = page.view._month_rects[key][0]
    # the demo's deliberate "deadline before its stage": two days later is still before it, refused
    drag(qtbot, page.view, chip.center(), chip.center() + QPointF(page.view._month_cell(0).width() * 2, 0))
    settle_page(page)
    assert ctx.undo_stack.count() == 0 and "不能早于环节“江津北站”开始" in ctx.messages[-1]
    qtbot.waitUntil(lambda: key in page.view._month_rects, timeout=10_000)
    page.view.grab()
    chip = page.view._month_rects[key][0]
    drag(qtbot, page.view, chip.center(), chip.center() + QPointF(page.view._month_cell(0).width() * 3, 0))
    settle_page(page)
    moved = [a for a in queries.load_assignments(ctx.db, project_id=rail.id)
             if a.due_at and a.due_at.astimezone(PLAN_TZ) == datetime(2026, 12, 26, 18, 0, tzinfo=PLAN_TZ)]
    assert moved and ctx.undo_stack.count() == 1


def test_escape_cancels_a_drag(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    rail_week(page, ws_demo_ctx, "day")
    settle_page(page)
    _box, r = box_of(page.view, "重庆西站")
    vp = page.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, r.center().toPoint())
    QTest.mouseMove(vp, r.center().toPoint() + QPoint(0, 80))
    page.view.setFocus()
    QTest.keyClick(page.view, Qt.Key.Key_Escape)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, r.center().toPoint() + QPoint(0, 80))
    assert ws_demo_ctx.undo_stack.count() == 0


# -- absences ----------------------------------------------------------------------------------------
def test_absence_dialog_add_overlap_edit_delete(make_schedule, ws_demo_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.schedule.availability_dialog import AvailabilityDialog

    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    xiao = queries.resolve_person(ctx.db, f"{XIAO}")
    people = page.choices[ScopeKind.PERSON]
    dialog = AvailabilityDialog(ctx, people, person_id=xiao.id, day=date(2026, 12, 24), parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("leave"))
    dialog.end.setText("2026-12-26")
    dialog.reason.setText("年假")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    rows = availability.list_availability(ctx.db, person_id=xiao.id)
    assert len(rows) == 1 and rows[0].ends_at == parse_datetime("2026-12-27") and rows[0].reason == "年假"
    again = AvailabilityDialog(ctx, people, person_id=xiao.id, day=date(2026, 12, 25), parent=page)
    qtbot.addWidget(again)
    again.show()
    again.accept()
    assert again.isVisible() and "已登记“休假”" in again.error_texts()["starts_at"]
    assert len(availability.list_availability(ctx.db, person_id=xiao.id)) == 1
    again.repeat.setCurrentIndex(again.repeat.findData("weekly"))
    again.start.setText("2026-12-01 08:00")
    again.end.setText("2026-12-01 12:00")
    again.accept()
    assert "星期" in again.error_texts()["weekdays"]
    again.weekdays.set_codes(["TU"])
    again.until.setText("2027-03-31")
    again.kind.setCurrentIndex(again.kind.findData("duty"))
    again.accept()
    assert not again.isVisible()
    pattern = next(r for r in availability.list_availability(ctx.db, person_id=xiao.id) if r.rule)
    assert pattern.rule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270331"
    assert ctx.undo_stack.count() == 2
    edit = AvailabilityDialog(ctx, people, row=pattern, parent=page)
    qtbot.addWidget(edit)
    assert edit.repeat.currentData() == "weekly" and edit.weekdays.codes() == ["TU"] and edit.until.text() == "2027-03-31"
    edit.delete()
    assert len(availability.list_availability(ctx.db, person_id=xiao.id)) == 1
    ctx.undo_stack.undo()
    assert len(availability.list_availability(ctx.db, person_id=xiao.id)) == 2


def test_absence_dialog_names_a_person_it_cannot_find(make_schedule, ws_demo_ctx, qtbot, dump_demo) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.schedule.availability_dialog import AvailabilityDialog

    page = make_schedule(ws_demo_ctx)
    dialog = AvailabilityDialog(ws_demo_ctx, page.choices[ScopeKind.PERSON], day=date(2026, 12, 24), parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focus_widget() is dialog.person
    before = dump_demo()
    dialog.accept()
    assert dialog.error_texts()["person_id"] == "人员不能为空。"
    dialog.person.setEditText("查无此人")
    dialog.accept()
    assert dialog.error_texts()["person_id"] == "找不到人员：查无此人"
    dialog.person.setEditText(next(t for t, _i in page.choices[ScopeKind.PERSON]))
    dialog.start.setText("2026-12-24 18:00")
    dialog.end.setText("2026-12-24 09:00")
    dialog.accept()
    assert dialog.error_texts()["ends_at"] == "结束时间早于开始时间。"
    assert dump_demo() == before and dialog.isVisible()


def test_absences_show_and_a_double_click_edits(make_schedule, ws_demo_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = ws_demo_ctx
    xiao = queries.resolve_person(ctx.db, f"{XIAO}")
    availability.create_availability(ctx.db, person_id=xiao.id, starts_at="2026-12-26 09:00", ends_at="2026-12-26 10:00",
                                     kind="training", reason="安全培训")
    page = make_schedule(ctx)
    page.set_scope(Scope(ScopeKind.PERSON, xiao.id))
    page.show_date(date(2026, 12, 26), "day")
    settle_page(page)
    box, r = box_of(page.view, f"{XIAO}", ItemKind.AWAY)
    assert box.item.reason == "安全培训"
    opened = []
    monkeypatch.setattr("planner.ui.schedule.availability_dialog.AvailabilityDialog.exec", lambda self: opened.append(self.row))
    QTest.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, r.center().toPoint())
    assert opened and opened[0].reason == "安全培训"
    rong = box_of(page.view, "荣昌北站")[0]
    assert any(c.kind == "away" for c in rong.item.clashes)


def test_import_sheet_is_one_undo_step(make_schedule, ws_demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from planner.ui.schedule.availability_dialog import import_absences

    wb = Workbook()
    wb.active.append(["姓名", "单位", "类型", "开始", "结束", "原因"])
    wb.active.append([f"{XIAO}", "荣昌区融媒体中心", "休假", "2026-12-24", "2026-12-25", "调休"])
    wb.active.append([f"{LV}", "", "培训", "2026-12-24 09:00", "2026-12-24 17:00", ""])
    path = tmp_path / "leave.xlsx"
    wb.save(path)
    ctx = ws_demo_ctx
    page = make_schedule(ctx)
    assert import_absences(ctx, page, str(path))
    assert len(availability.list_availability(ctx.db)) == 2 and ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert availability.list_availability(ctx.db) == []
    ctx.undo_stack.redo()
    assert len(availability.list_availability(ctx.db)) == 2


# -- printing ----------------------------------------------------------------------------------------
def test_week_pdf(make_schedule, ws_demo_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_schedule(ws_demo_ctx)
    rail_week(page, ws_demo_ctx, "day")  # the day view prints its week
    settle_page(page)
    target = tmp_path / "week"
    page.export_pdf(str(target))
    settle_page(page)
    pdf = tmp_path / "week.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert not list(tmp_path.glob("*.tmp*"))


def test_print_range_is_the_busy_hours() -> None:
    from planner.domain.agenda import Agenda, AgendaItem
    from planner.ui.schedule.printing import hour_range

    scope = Scope(ScopeKind.PROJECT, uuid.uuid4())
    t = parse_datetime("2026-12-26 06:30")
    items = (AgendaItem(ItemKind.STAGE, "a", "早班", t, t + timedelta(hours=2)),
             AgendaItem(ItemKind.DEADLINE, "b", "夜稿", t + timedelta(hours=15), t + timedelta(hours=15)))
    assert hour_range(Agenda(scope, "", t, t, items)) == (6, 22)
    assert hour_range(Agenda(scope, "", t, t, ())) == (8, 18)


# -- the main window -----------------------------------------------------------------------------------
def test_main_window_has_the_page_and_its_shortcut(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.main_window import MainWindow

    window = MainWindow(ws_demo_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.nav.item(window.PAGES.index("schedule")).text() == "日程"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("视图"))
    action = next(a for a in view_menu.actions() if a.text() == "日程")
    assert action.shortcut().toString() == "Ctrl+6"
    action.trigger()
    assert window.current_page_key() == "schedule"
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(action)) if not a.shortcut().isEmpty()]
    assert shortcuts.count("Ctrl+6") == 1  # the page's key is its own
    # the page's own keys work only where the focus is (the calendar, the due list), and clash with nothing
    from PySide6.QtCore import Qt as _Qt

    from planner.ui import shortcuts as keys

    own = [a for a in window.page("schedule").findChildren(type(action)) if not a.shortcut().isEmpty()]
    assert {a.shortcut().toString() for a in own} >= {"PgUp", "PgDown", "Home", "Esc", "Return"}
    assert all(a.shortcutContext() == _Qt.ShortcutContext.WidgetWithChildrenShortcut for a in own)
    assert keys.clashes(window) == [] and keys.dead(window) == []
    qtbot.waitUntil(lambda: bool(window.due_status.text()), timeout=10_000)
    assert window.due_status.text().startswith("本席位：今天到期")
    window.close()
