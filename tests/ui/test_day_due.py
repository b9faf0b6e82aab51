# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""What is due: the four lists, their counts, marking filed, the status bar, and deadline reminders
scheduled with a fake clock; the page in English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from ws_fixtures import settle, ws_ctx, ws_demo_ctx  # noqa: F401

from planner.domain.agenda import DueView
from planner.domain.enums import Status
from planner.services import queries

pytestmark = pytest.mark.qt

NOON = datetime(2026, 12, 26, 4, 0, tzinfo=UTC)  # 12:00 on the opening day, Beijing time


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def wait_idle(qtbot, obj) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not obj.busy, timeout=20_000)
    qtbot.wait(20)


@pytest.fixture
def due_tab(qtbot, ws_demo_ctx):  # type: ignore[no-untyped-def]
    from planner.ui.schedule.due_tab import DueTab

    tab = DueTab(ws_demo_ctx, clock=FakeClock(NOON))
    qtbot.addWidget(tab)
    tab.resize(1234, 640)
    tab.show()
    wait_idle(qtbot, tab)
    return tab


def test_due_lists_with_counts(due_tab, qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    tab = due_tab
    assert tab.counts[DueView.OVERDUE] == 6
    assert tab.buttons[DueView.OVERDUE].text() == "已逾期  6"
    assert tab.buttons[DueView.TODAY].text() == f"今天到期  {tab.counts[DueView.TODAY]}"
    assert tab.model.rowCount() == tab.counts[DueView.TODAY] > 0
    tab.show_view(DueView.OVERDUE)
    wait_idle(qtbot, tab)
    rows = tab.model.rows
    assert len(rows) == 6 and all(r.due_at < NOON for r in rows)
    assert tab.model.data(tab.model.index(0, tab.model.LEFT)).startswith("逾期 ")
    tab.show_view(DueView.DESK)  # the demo desk is 川报集团
    wait_idle(qtbot, tab)
    assert tab.model.rowCount() == tab.counts[DueView.DESK] > 0
    assert {r.outlet_name for r in tab.model.rows} == {"川报集团"}


def test_mark_filed_is_one_undo_step(due_tab, qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    tab = due_tab
    tab.show_view(DueView.OVERDUE)
    wait_idle(qtbot, tab)
    tab.table.selectAll()
    assert tab.filed_button.isEnabled() and not tab.open_button.isEnabled()
    ids = [r.id for r in tab.model.rows]
    tab.mark_filed()
    assert {a.status for a in queries.load_assignments_by_id(ws_demo_ctx.db, ids)} == {Status.FILED}
    qtbot.waitUntil(lambda: tab.counts.get(DueView.OVERDUE) == 0, timeout=20_000)
    assert tab.empty.text() == "没有逾期的任务。"
    ws_demo_ctx.undo_stack.undo()
    assert Status.FILED not in {a.status for a in queries.load_assignments_by_id(ws_demo_ctx.db, ids)}
    qtbot.waitUntil(lambda: tab.counts.get(DueView.OVERDUE) == 6, timeout=20_000)


def test_paging_through_a_long_list(qtbot, ws_demo_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planner.services import agenda as agenda_service
    from planner.ui.schedule.due_tab import DueTab

    real = agenda_service.due_page
    monkeypatch.setattr(agenda_service, "due_page", lambda *a, **k: real(*a, **{**k, "limit": 5}))
    tab = DueTab(ws_demo_ctx, clock=FakeClock(NOON))
    qtbot.addWidget(tab)
    batches: list[int] = []  # the first page resets the model, later pages are appended
    tab.model.modelReset.connect(lambda: batches.append(tab.model.rowCount()))
    tab.model.rowsInserted.connect(lambda _parent, first, last: batches.append(last - first + 1))
    tab.show_view(DueView.WEEK)
    wait_idle(qtbot, tab)
    # the view itself may ask for the next page while it has room, so count pages, not rows
    assert [size for size in batches if size][:1] == [5] and tab.counts[DueView.WEEK] > 5
    while tab.model.canFetchMore():
        tab.model.fetchMore()
        wait_idle(qtbot, tab)
    assert tab.model.rowCount() == tab.counts[DueView.WEEK]
    pages = [size for size in batches if size]
    assert len(pages) >= 2 and all(size <= 5 for size in pages)
    assert [r.due_at for r in tab.model.rows] == sorted(r.due_at for r in tab.model.rows)


def test_reminders_with_a_fake_clock(qtbot, ws_demo_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.schedule import reminders as reminders_module
    from planner.ui.schedule.reminders import DeadlineReminder, reminder_prefs

    # preferences of their own: a main window left by an earlier test has a reminder on the real clock
    # that answers a change of the shared preferences and wrote its own "next" text over this one's
    monkeypatch.setattr(reminders_module, "_prefs", None)
    prefs = reminder_prefs()
    prefs.set_lead_minutes(30)
    prefs.set_scope("all")
    clock = FakeClock(NOON)
    reminder = DeadlineReminder(ws_demo_ctx, clock=clock)
    heard: list[tuple] = []
    reminder.reminded.connect(heard.append)
    reminder.check()
    wait_idle(qtbot, reminder)
    # 12:30 (重庆西站, three pieces) is within thirty minutes of noon
    assert len(heard) == 1 and {u.stage_title for u in heard[0]} == {"重庆西站"} and len(heard[0]) == 3
    title, body = reminder.message(heard[0], "zh")
    assert title == "3 项任务即将截稿" and "12:30 重庆西站" in body
    assert reminder.next_at == datetime(2026, 12, 26, 4, 40, tzinfo=UTC)  # 13:10 minus 30 minutes
    assert prefs.next_text == "下一次提醒：12月26日 12:40"
    assert reminder._timer.isActive() and reminder._timer.interval() == 5 * 60_000  # looks again within 5 min
    reminder.check()  # nothing new yet, and nothing twice
    wait_idle(qtbot, reminder)
    assert len(heard) == 1
    clock.now = reminder.next_at
    reminder.check()
    wait_idle(qtbot, reminder)
    assert len(heard) == 2 and {u.stage_title for u in heard[1]} == {"江津北站"}
    prefs.set_lead_minutes(0)  # off
    wait_idle(qtbot, reminder)
    assert reminder.next_at is None and prefs.next_text == "桌面提醒已关闭。"
    reminder.stop()
    prefs.set_lead_minutes(30)


def test_reminders_follow_this_desks_outlet(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.schedule.reminders import DeadlineReminder, reminder_prefs

    prefs = reminder_prefs()
    prefs.set_scope("desk")  # 川报集团: its next deadline is 17:00
    clock = FakeClock(NOON)
    reminder = DeadlineReminder(ws_demo_ctx, clock=clock)
    heard: list[tuple] = []
    reminder.reminded.connect(heard.append)
    reminder.check()
    wait_idle(qtbot, reminder)
    assert heard == [] and reminder.next_at == datetime(2026, 12, 26, 8, 30, tzinfo=UTC)
    clock.now += timedelta(hours=4, minutes=45)  # the app was asleep past the moment: still told once
    reminder.check()
    wait_idle(qtbot, reminder)
    assert len(heard) == 1 and all(u.outlet == "川报集团" for u in heard[0])
    title, body = reminder.message(heard[0], "en")  # "en": the format labels; the rest follows the translator
    assert title == "2 项任务即将截稿" and "17:00 前方体验采访 · 川报集团 · " in body
    reminder.stop()


def test_status_bar_counts_and_click(qtbot, ws_demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.schedule import DueStatus
    from planner.ui.schedule.reminders import reminder_prefs

    reminder_prefs().set_scope("all")
    status = DueStatus(ws_demo_ctx, clock=FakeClock(NOON))
    qtbot.addWidget(status)
    status.refresh()
    qtbot.waitUntil(lambda: bool(status.text()), timeout=20_000)
    assert status.text().startswith("今天到期 ") and status.text().endswith("已逾期 6")
    assert "b3261e" in status.styleSheet()
    clicked: list = []
    status.activated.connect(clicked.append)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(status, Qt.MouseButton.LeftButton)
    assert clicked == [DueView.OVERDUE]
    status.stop()
    reminder_prefs().set_scope("desk")


def test_schedule_page_in_english(qtbot, ws_demo_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from PySide6.QtCore import QCoreApplication, QLocale

    from planner.domain.agenda import Scope, ScopeKind
    from planner.ui import i18n
    from planner.ui.schedule import SchedulePage

    before = (i18n.installed(), QLocale())
    i18n.install("en")
    try:
        ws_demo_ctx.lang = "en"
        page = SchedulePage(ws_demo_ctx, clock=FakeClock(NOON))
        qtbot.addWidget(page)
        page.resize(1234, 700)
        page.show()
        settle(qtbot, page)
        rail = queries.resolve_project(ws_demo_ctx.db, "YKGT-2026")
        page.set_scope(Scope(ScopeKind.PROJECT, rail.id))
        page.show_date(date(2026, 12, 26), "week")
        settle(qtbot, page)
        assert page.tabs.tabText(0) == "Schedule" and page.tabs.tabText(1).startswith("Due")
        assert page.period_label.text() == "2026-12-21 – 12-27"
        assert page.kind_box.itemText(0) == "Person" and page.mode_buttons["month"].text() == "Month"
        assert "Blue: station" in page.legend.text() and "2 clashes shown" in page.legend.text()
        assert page.view.painter_.weekday(date(2026, 12, 26)) == "Sat"
        item = next(b.item for b in page.view._boxes if b.item.title == "荣昌北站")
        assert "is also booked on" in page.view.painter_.tooltip(item)
        page.grab().save(str(tmp_path / "week-en.png"))
    finally:
        # back to exactly the translators there were (none, usually): Qt's own Chinese catalogue
        # would rename keys ("Up" → "上") for the tests that run after this one
        for translator in i18n.installed():
            QCoreApplication.removeTranslator(translator)
        i18n._installed[:] = before[0]
        for translator in before[0]:
            QCoreApplication.installTranslator(translator)
        QLocale.setDefault(before[1])
        ws_demo_ctx.lang = "zh_CN"
