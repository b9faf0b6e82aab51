"""Saved views: named filters and columns per page and database, the last state after a restart,
and a damaged INI or bad names that give a message, not a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QTableView

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
    assert page.bar.choice.currentText() == "我的待办" and page.bar.delete_button.isEnabled()
    page.status.setCurrentIndex(0)  # by hand: no named view is chosen any more
    assert page.bar.current_name() == ""
    page.table.horizontalHeader().setSectionHidden(4, False)
    assert page.bar.use("我的待办")
    assert page.status.currentText() == "拟定" and page.table.horizontalHeader().isSectionHidden(4)
    assert page.table.horizontalHeader().sectionSize(1) == 222
    menu = page.columns.menu()
    assert [a.text() for a in menu.actions()] == ["项目", "环节", "单位", "状态", "截稿"]
    assert not menu.actions()[0].isEnabled() and not menu.actions()[4].isChecked()
    menu.actions()[4].setChecked(True)
    assert not page.table.horizontalHeader().isSectionHidden(4)
    assert page.bar.delete_current() and page.bar.choice.count() == 1


def test_views_are_per_database_and_the_last_filters_come_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = Page(qtbot, "/data/a.db")
    page.next_name = "周报"
    page.bar.save_current()
    page.status.setCurrentIndex(2)
    restarted = Page(qtbot, "/data/a.db")  # a new window on the same file: the last filters
    assert restarted.bar.restore_last() and restarted.status.currentText() == "已确认"
    assert restarted.bar.store.names() == ["周报"]
    other = Page(qtbot, "postgresql+psycopg://desk@server/coverage")
    assert other.bar.store.names() == [] and not other.bar.restore_last()
    assert database_key("/data/a.db") != database_key("/data/b.db")


def test_bad_names_and_too_many_views_are_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = Page(qtbot)
    for bad in ("", "   ", "a\x07b", "名" * 41):
        page.next_name = bad
        assert not page.bar.save_current()
        assert not page.bar.error.isHidden() and page.bar.error.text()
    page.next_name = "甲"
    assert page.bar.save_current()
    page.confirm_answer = False
    page.bar.reload()  # "（当前筛选）" chosen: saving as 甲 asks first
    assert not page.bar.save_current()
    for i in range(MAX_VIEWS - 1):
        page.bar.store.save(f"视图{i}", {"status": "全部"})
    page.next_name = "再多一个"
    assert not page.bar.save_current() and "最多" in page.bar.error.text()


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", json.dumps({"named": "x", "last": 3}),
                                 json.dumps({"named": {"好": 1, "可": {"status": "拟定"}}})])
def test_a_damaged_ini_gives_no_views_not_a_crash(qtbot, raw: str) -> None:  # type: ignore[no-untyped-def]
    store = ViewStore("assignments", "/data/plan.db")
    s = prefs.store()
    s.setValue(store.key, raw)
    s.sync()
    page = Page(qtbot)
    assert set(page.bar.store.names()) <= {"可"}
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
