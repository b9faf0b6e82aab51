# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Saved views: named filters and columns per page and database, the last state after a restart,
and a damaged INI or bad names that give a message, not a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QTableView
from ws_fixtures import make_page, ws_demo_ctx  # noqa: F401 - fixtures

from planner.ui import prefs
from planner.ui.saved_views import MAX_VIEWS, ColumnChooser, SavedViewsBar, ViewStore, database_key

pytestmark = pytest.mark.qt


class Page:
    """A stand-in page: one filter combo and a table with five columns."""

    def __init__(self, qtbot, label: str = "/data/plan.db") -> None:  # type: ignore[no-untyped-def]
        self.status = QComboBox()
        self.status.addItems(["全部", "拟定", "已确认"])
        model = QStandardItemModel(3, 5)
        model.setHorizontalHeaderLabels(["项目", "环节", "单位", "状态", "截稿"])
        self.table = QTableView()
        self.table.setModel(model)
        qtbot.addWidget(self.table)
        self.table.resize(800, 300)
        self.columns = ColumnChooser(self.table.horizontalHeader(),
                                     lambda: [model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) for c in range(5)])
        self.bar = SavedViewsBar(ViewStore("assignments", label), self.capture, self.apply)
        qtbot.addWidget(self.bar)
        self.bar.ask_name = lambda *a: (self.next_name, True)
        self.bar.confirm = lambda text: self.confirm_answer
        self.bar.explain = lambda text: None
        self.next_name, self.confirm_answer = "", True
        self.status.currentIndexChanged.connect(lambda *_: self.bar.filters_changed())

    def capture(self) -> dict:
        return {"status": self.status.currentText(), "columns": self.columns.state()}

    def apply(self, state: dict) -> None:
        self.status.setCurrentIndex(max(0, self.status.findText(state.get("status", ""))))
        self.columns.apply(state.get("columns"))


def test_save_choose_delete_views_with_columns(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = Page(qtbot)
    page.status.setCurrentIndex(1)
    page.table.horizontalHeader().setSectionHidden(4, True)
    page.table.horizontalHeader().resizeSection(1, 222)
    page.next_name = "  我的待办 "
    assert page.bar.save_current()
    assert page.bar.current == "我的待办" and page.bar.text() == "视图：我的待办"
    page.status.setCurrentIndex(0)  # by hand: no named view is current any more
    assert page.bar.current == "" and page.bar.text() == "视图"
    page.table.horizontalHeader().setSectionHidden(4, False)
    page.bar.menu().aboutToShow.emit()  # the menu lists the views, checks the current one
    texts = [a.text() for a in page.bar.menu().actions()]
    assert texts[0] == "我的待办" and "保存当前筛选为视图…" in texts
    page.bar.menu().actions()[0].trigger()
    assert page.bar.current == "我的待办"
    assert page.status.currentText() == "拟定" and page.table.horizontalHeader().isSectionHidden(4)
    assert page.table.horizontalHeader().sectionSize(1) == 222
    menu = page.columns.menu()
    assert [a.text() for a in menu.actions()] == ["项目", "环节", "单位", "状态", "截稿"]
    assert not menu.actions()[0].isEnabled() and not menu.actions()[4].isChecked()
    menu.actions()[4].setChecked(True)
    assert not page.table.horizontalHeader().isSectionHidden(4)
    assert page.bar.delete("我的待办") and page.bar.names() == [] and page.bar.text() == "视图"
    page.bar.menu().aboutToShow.emit()
    assert not page.bar.menu().actions()[0].isEnabled()  # （还没有保存的视图）


def test_views_are_per_database_and_the_last_filters_come_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = Page(qtbot, "/data/a.db")
    page.next_name = "周报"
    page.bar.save_current()
    page.status.setCurrentIndex(2)
    restarted = Page(qtbot, "/data/a.db")  # a new window on the same file: the last filters
    assert restarted.bar.restore_last() and restarted.status.currentText() == "已确认"
    assert restarted.bar.names() == ["周报"]
    other = Page(qtbot, "postgresql+psycopg://desk@server/coverage")
    assert other.bar.names() == [] and not other.bar.restore_last()
    assert database_key("/data/a.db") != database_key("/data/b.db")


def test_bad_names_and_too_many_views_are_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = Page(qtbot)
    for bad in ("", "   ", "a\x07b", "名" * 41):
        page.next_name = bad
        assert not page.bar.save_current()
        assert page.bar.last_error
    page.next_name = "甲"
    assert page.bar.save_current()
    page.confirm_answer = False
    page.status.setCurrentIndex(2)  # another state: saving it as 甲 asks first
    assert not page.bar.save_current()
    assert page.bar.store.get("甲")["status"] == "全部"  # kept as it was
    for i in range(MAX_VIEWS - 1):
        page.bar.store.save(f"视图{i}", {"status": "全部"})
    page.next_name = "再多一个"
    assert not page.bar.save_current() and "最多" in page.bar.last_error


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", json.dumps({"named": "x", "last": 3}),
                                 json.dumps({"named": {"好": 1, "可": {"status": "拟定"}}})])
def test_a_damaged_ini_gives_no_views_not_a_crash(qtbot, raw: str) -> None:  # type: ignore[no-untyped-def]
    store = ViewStore("assignments", "/data/plan.db")
    s = prefs.store()
    s.setValue(store.key, raw)
    s.sync()
    page = Page(qtbot)
    assert set(page.bar.names()) <= {"可"}
    page.bar.restore_last()  # nothing or a dict: never raises
    page.columns.apply({"hidden": [99, "x", 0], "widths": {"1": "wide", "77": 5}, "order": [4, 4]})
    assert not page.table.horizontalHeader().isSectionHidden(0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=60), status=st.text(max_size=30))
def test_any_name_is_saved_as_cleaned_or_refused(qtbot, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    store = ViewStore("fuzz", "/data/fuzz.db")
    try:
        saved = store.save(name, {"status": status})
    except Exception as err:  # must be the one expected kind
        from planner.domain.errors import ValidationError, error_text

        assert isinstance(err, ValidationError) and error_text(err, "zh") and error_text(err, "en")
    else:
        assert store.get(saved) == {"status": status} and saved == saved.strip()


def test_the_schedule_keeps_named_views_and_its_last_scope(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from ws_fixtures import settle

    from planner.domain.agenda import Scope, ScopeKind
    from planner.services import queries
    from planner.ui.context import AppContext
    from planner.ui.schedule import SchedulePage
    from planner.ui.workers import wait_for_all

    ctx = AppContext(demo_db)

    def page():  # type: ignore[no-untyped-def]
        made = SchedulePage(ctx, clock=lambda: datetime(2026, 12, 26, 4, 0, tzinfo=UTC))
        qtbot.addWidget(made)
        made.resize(1234, 700)
        made.show()
        settle(qtbot, made)
        made.views.ask_name = lambda *a: ("铁路月历", True)
        return made

    first = page()
    default = first.scope
    assert first.minimumSizeHint().width() <= 1234  # the 视图 button still fits the tool row
    rail = queries.resolve_project(demo_db, "YKGT-2026")
    first.set_scope(Scope(ScopeKind.PROJECT, rail.id))
    first.set_mode("month")
    assert first.views.save_current() and first.views.text() == "视图：铁路月历"
    first.set_scope(default)
    first.set_mode("day")
    assert first.views.current == ""
    assert first.views.use("铁路月历")
    settle(qtbot, first)
    assert (first.scope, first.mode) == (Scope(ScopeKind.PROJECT, rail.id), "month")
    again = page()  # a restart: the last scope and span come back
    assert (again.scope, again.mode) == (Scope(ScopeKind.PROJECT, rail.id), "month")
    # a view whose project is gone falls back to this desk's default
    again.views.store.save("旧的", {"scope": ["project", "00000000-0000-0000-0000-000000000000"], "mode": "week"})
    assert again.views.use("旧的")
    settle(qtbot, again)
    assert again.scope == default and again.mode == "week"
    ctx.wait_for_workers()
    wait_for_all()


def test_the_assignments_table_keeps_named_views_columns_and_its_last_filters(qtbot, ws_demo_ctx, make_page) -> None:  # type: ignore[no-untyped-def]
    from ws_fixtures import settle

    from planner.domain.enums import Status
    from planner.services import queries

    ctx = ws_demo_ctx
    rail = queries.resolve_project(ctx.db, "YKGT-2026")
    plan = queries.load_plan(ctx.db, rail.id)
    outlet = plan.outlets[plan.assignments[0].outlet_id]

    def opened():  # type: ignore[no-untyped-def]
        page = make_page(ctx)
        assert page.select_project(rail.id)
        settle(qtbot, page)
        tab = page.assignments_tab
        tab.views.bar.ask_name = lambda *a: ("本单位已确认", True)
        return page, tab

    def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
        index = combo.findData(data)
        assert index >= 0, data
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # as a click does

    page, tab = opened()
    assert tab.views.bar.text() == "视图"
    everything = tab.model.rowCount()
    choose(tab.status, Status.CONFIRMED.value)
    choose(tab.outlet, str(outlet.id))
    header = tab.view.horizontalHeader()
    header.setSectionHidden(7, True)
    assert tab.views.bar.save_current() and tab.views.bar.text() == "视图：本单位已确认"
    settle(qtbot, page)
    confirmed = tab.model.rowCount()
    assert 0 < confirmed < everything
    choose(tab.status, "")
    choose(tab.outlet, "")
    header.setSectionHidden(7, False)
    assert tab.views.bar.current == "" and tab.model.rowCount() == everything
    assert tab.views.bar.use("本单位已确认")
    settle(qtbot, page)
    assert tab.status.currentData() == Status.CONFIRMED.value and tab.outlet.currentData() == str(outlet.id)
    assert header.isSectionHidden(7) and tab.model.rowCount() == confirmed
    # a restart: the last filters and columns come back once the outlet list is there
    _page2, again = opened()
    assert again.status.currentData() == Status.CONFIRMED.value and again.outlet.currentData() == str(outlet.id)
    assert again.view.horizontalHeader().isSectionHidden(7)
    # a view naming an outlet gone since shows every outlet
    again.views.bar.store.save("旧的", {"status": "", "outlet": "00000000-0000-0000-0000-000000000000"})
    assert again.views.bar.use("旧的")
    assert again.outlet.currentIndex() == 0 and again.status.currentData() == ""
