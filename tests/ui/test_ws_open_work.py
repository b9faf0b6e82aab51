# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Opening a project does no work for tabs nobody looks at, and they look the same once shown.

The 环节 table sized its columns to their contents even while hidden: its header measured every row
after each reset of the model, ~5,000 ``data()`` calls whenever the large project opened with the
matrix in front (bench_workspace).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import coverage, queries
from planner.ui.workspace.stages_model import StagesModel

pytestmark = pytest.mark.qt


def test_hidden_stages_table_is_not_measured_and_fits_its_contents_when_shown(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.stages).project
    page.select_project(project.id)
    settle(qtbot, page)
    tab = page.stages_tab
    header = tab.view.horizontalHeader()
    assert tab.model.rowCount() > 1  # filled while hidden (others read it), only not measured
    columns = [c for c in range(tab.model.columnCount()) if c != StagesModel.TITLE]
    assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in columns)

    page.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(tab.view)
    assert header.sectionResizeMode(StagesModel.TITLE) == QHeaderView.ResizeMode.Stretch
    for c in columns:
        assert header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents
        assert header.sectionSize(c) == max(tab.view.sizeHintForColumn(c), header.sectionSizeHint(c)), c

    page.tabs.setCurrentWidget(page.matrix_tab)
    assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in columns)


def test_hidden_timeline_lays_out_the_newest_plan_when_shown(qtbot, ws_demo_ctx, make_page) -> None:
    from planner.services import stages

    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.stages).project
    page.select_project(project.id)
    settle(qtbot, page)
    assert page.timeline_tab.plan is None  # not laid out while nobody looks at it
    page.tabs.setCurrentWidget(page.timeline_tab)
    assert page.timeline_tab.plan is page.data.plan

    page.tabs.setCurrentWidget(page.matrix_tab)
    first = page.data.plan.stages[0]
    stages.update_stage(ws_demo_ctx.db, first.id, title=first.title + "·改", expected_version=first.version)
    page.load_project(project.id)
    settle(qtbot, page)
    assert page.timeline_tab.plan.stages[0].title == first.title  # still the one it showed
    page.tabs.setCurrentWidget(page.timeline_tab)
    assert page.timeline_tab.plan is page.data.plan and page.timeline_tab.plan.stages[0].title == first.title + "·改"


def test_outlet_list_is_not_measured_row_by_row_when_the_matrix_shows_again(qtbot, ws_demo_ctx, make_page,
                                                                            monkeypatch) -> None:
    """The matrix's outlet list (every outlet, one elided line each) is sized from its first row: it
    measured all of them each time the tabs came back after the placeholder."""
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    outlets = page.matrix_tab.outlet_model.rowCount()
    assert outlets > 100
    asked: set[int] = set()
    model = page.matrix_tab.outlet_model
    original = model.data

    def counting(index, role=0):  # type: ignore[no-untyped-def]
        asked.add(index.row())
        return original(index, role)

    monkeypatch.setattr(model, "data", counting)
    page.list_view.clearSelection()
    settle(qtbot, page)
    page.select_project(project.id)
    settle(qtbot, page)
    page.matrix_tab.grab()
    assert page.right.currentWidget() is page.tabs
    # the rows on screen at most, not every outlet (its delegate reads the names it paints without data())
    assert len(asked) < outlets / 2


def test_hidden_assignments_table_reads_nothing_on_a_project_switch_and_catches_up(qtbot, ws_demo_ctx, make_page,
                                                                                   monkeypatch) -> None:
    """The 任务 table counted and paged every project opened behind the matrix (~20 ms for the large
    project); hidden, it now reads when shown, or when someone reads its model."""
    from planner.domain.enums import Status
    from planner.services import assignment_queries as aq
    from planner.services.commands import SetStatus

    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    tab = page.assignments_tab
    counted: list[object] = []
    original = aq.count_assignments
    monkeypatch.setattr(aq, "count_assignments", lambda db, flt: (counted.append(flt), original(db, flt))[1])
    small, large = sorted(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments)[-2:]
    page.select_project(large.project.id)
    settle(qtbot, page)
    assert counted == []  # not read while hidden
    page.tabs.setCurrentWidget(tab)  # shown: the project's rows before the first paint
    assert len(counted) == 1 and tab._model.total == large.assignments
    assert {tab._model.row_at(i).project_id for i in range(tab._model.rowCount())} == {large.project.id}

    page.tabs.setCurrentWidget(page.matrix_tab)
    page.select_project(small.project.id)
    settle(qtbot, page)
    assert len(counted) == 1
    assert tab.model.total == small.assignments  # reading the model brings it up to date
    assert len(counted) == 2

    # an edit while hidden is repainted when the tab is shown (in place: no new count)
    row = next(r for r in (tab.model.row_at(i) for i in range(tab.model.rowCount())) if r.status is Status.PLANNED)
    page.tabs.setCurrentWidget(page.matrix_tab)
    assert ws_demo_ctx.push(SetStatus([row.id], Status.CONFIRMED, text="确认")) is not None
    settle(qtbot, page)
    assert tab._model.row_by_id(row.id).status is Status.PLANNED and len(counted) == 2  # behind, read nothing
    page.tabs.setCurrentWidget(tab)
    assert tab._model.row_by_id(row.id).status is Status.CONFIRMED and len(counted) == 2


def test_opening_a_project_resets_the_matrix_once_and_leaves_the_outlet_list_alone(qtbot, ws_demo_ctx, make_page) -> None:
    """set_data set the columns, then the filters set the same columns again: a second reset, and both
    headers measured again (~3,000 headerData calls for the large project); the outlet list (the
    same 300 outlets) was reset on every open too."""
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    first, second = sorted(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments)[-2:]
    page.select_project(first.project.id)
    settle(qtbot, page)
    resets = {"matrix": 0, "outlets": 0}
    page.matrix_tab.model.modelReset.connect(lambda: resets.__setitem__("matrix", resets["matrix"] + 1))
    page.matrix_tab.outlet_model.modelReset.connect(lambda: resets.__setitem__("outlets", resets["outlets"] + 1))
    page.select_project(second.project.id)
    settle(qtbot, page)
    assert resets == {"matrix": 1, "outlets": 0}
    model = page.matrix_tab.model
    assert model.rowCount() == second.stages and model.columnCount() > 0

    page.matrix_tab.all_outlets.setChecked(True)  # other columns: a reset, as before
    assert resets["matrix"] == 2 and model.columnCount() == len(page.directory.outlets)
    page.matrix_tab.search.setText("zzz-no-such-outlet")  # another outlet list: reset
    assert resets["outlets"] == 1 and page.matrix_tab.outlet_model.rowCount() == 0


def test_blank_matrix_cells_are_not_asked_for_anything_when_painted(qtbot, ws_demo_ctx, make_page) -> None:
    """Most of a large matrix is blank; each blank cell cost its delegate ~8 data() calls per paint."""
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    page.matrix_tab.all_outlets.setChecked(True)  # many blank columns
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    model, view = page.matrix_tab.model, page.matrix_tab.view
    selected = model.index(0, 0)
    view.selectionModel().select(selected, view.selectionModel().SelectionFlag.ClearAndSelect)
    asked: set[tuple[int, int]] = set()
    drawn: set[tuple[int, int]] = set()
    original, pieces_at = model.data, model.pieces_at

    def data(index, role=0):  # type: ignore[no-untyped-def]
        asked.add((index.row(), index.column()))
        return original(index, role)

    def drawing(row, column):  # type: ignore[no-untyped-def]
        drawn.add((row, column))
        return pieces_at(row, column)

    model.data = data  # type: ignore[method-assign]
    model.pieces_at = drawing  # type: ignore[method-assign]
    view.viewport().grab()
    shown = {(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
             if view.visualRect(model.index(r, c)).intersects(view.viewport().rect())}
    blank = {(r, c) for r, c in shown if model.is_blank(r, c)}
    assert blank and len(shown) > len(blank)
    assert asked == set()  # a painted cell asks data() nothing (the delegate reads the model directly)
    assert drawn & blank <= {(0, 0)}  # only the selected cell, which draws its highlight
    assert (shown - blank) <= drawn  # the cells with pieces are drawn as before


def test_opening_the_same_project_again_does_not_rewrite_the_settings_file(qtbot, ws_demo_ctx, make_page,
                                                                          monkeypatch) -> None:
    from planner.ui import prefs

    page = make_page(ws_demo_ctx)
    written: list[str | None] = []
    monkeypatch.setattr(prefs, "set_last_project", lambda label, pid: written.append(pid))
    first, second = queries.list_projects(ws_demo_ctx.db)[:2]
    for summary in (first, first, second, first):
        page.list_view.clearSelection()
        page.select_project(summary.project.id)
        settle(qtbot, page)
    assert written == [str(first.project.id), str(second.project.id), str(first.project.id)]


def test_hidden_tabs_are_made_on_first_use_in_their_place(qtbot, ws_demo_ctx, make_page) -> None:
    """任务, 时间线 and 历史 are made when first shown or asked for (~50 ms less before the first paint);
    once made, each sits where its stand-in was, under the same label, and shows the open project."""
    page = make_page(ws_demo_ctx)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments)
    page.select_project(project.project.id)
    settle(qtbot, page)
    assert [page.built_tab(k) for k in ("assignments", "timeline", "history")] == [None, None, None]
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert labels == ["概览", "环节", "覆盖矩阵", "任务", "时间线", "历史"]

    changes: list[int] = []
    page.tabs.currentChanged.connect(changes.append)
    page.tabs.setCurrentIndex(3)  # a click on 任务
    tab = page.built_tab("assignments")
    assert tab is not None and page.tabs.currentWidget() is tab is page.assignments_tab
    assert changes == [3] and page.tabs.currentIndex() == 3
    qtbot.waitExposed(tab.view)
    assert tab._model.total == project.assignments and tab.count_label.text().endswith("项任务")

    page.tabs.setCurrentIndex(4)  # 时间线: the plan already loaded
    assert page.built_tab("timeline") is page.tabs.currentWidget() is page.timeline_tab
    assert page.timeline_tab.plan is page.data.plan

    history = page.history_tab  # asked for while hidden: made, 时间线 stays in front
    assert page.built_tab("history") is history and page.tabs.currentWidget() is page.timeline_tab
    assert page.tabs.indexOf(history) == 5 and history.project_id == project.project.id
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == labels
    page.timeline_tab.stage_clicked.emit(page.data.plan.stages[0].id)  # its signals are wired
    assert page.tabs.currentWidget() is page.stages_tab


def test_opening_a_project_reads_the_matrix_filters_once_not_per_outlet(qtbot, ws_demo_ctx, make_page) -> None:
    """The tier, province and alliance boxes were read for every outlet, for the columns and again
    for the outlet list, and the columns were worked out twice (~1,800 currentData() calls for 300
    outlets); the filters still apply."""
    page = make_page(ws_demo_ctx)
    tab = page.matrix_tab
    page.tabs.setCurrentWidget(tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    reads = {"filters": 0, "columns": 0}
    for box in (tab.tier, tab.province, tab.alliance):
        original = box.currentData

        def counted(*args, _original=original):  # type: ignore[no-untyped-def]
            reads["filters"] += 1
            return _original(*args)

        box.currentData = counted  # type: ignore[method-assign]
    columns = tab._columns
    tab._columns = lambda: (reads.__setitem__("columns", reads["columns"] + 1), columns())[1]  # type: ignore[method-assign]
    page.select_project(project.id)
    settle(qtbot, page)
    assert len(tab.directory.outlets) > 20 and tab.model.columnCount() > 1
    assert reads == {"filters": 6, "columns": 1}

    county = next(i for i in range(tab.tier.count()) if tab.tier.itemData(i) == "county")
    tab.tier.setCurrentIndex(county)  # the filter still narrows both
    assert {tab.model.outlet_at(c).tier.value for c in range(tab.model.columnCount())} <= {"county"}
    assert {tab.outlet_model.row_at(r).tier.value for r in range(tab.outlet_model.rowCount())} == {"county"}


def test_matrix_headers_measure_each_label_once_and_size_it_as_qt_does(qtbot, ws_demo_ctx, make_page) -> None:
    """A reset made Qt measure every outlet's and stage's label again, four model calls each (~3,000
    calls into Python per open of the large project); the headers now keep what Qt measured per
    label. The sizes are Qt's own: a plain header on the same model gives the same."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    page = make_page(ws_demo_ctx)
    tab = page.matrix_tab
    page.tabs.setCurrentWidget(tab)
    tab.all_outlets.setChecked(True)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    model = tab.model
    for header in (tab.view.horizontalHeader(), tab.view.verticalHeader()):
        plain = QHeaderView(header.orientation())
        plain.setModel(model)
        plain.setFont(header.font())
        count = model.columnCount() if header.orientation() == Qt.Orientation.Horizontal else model.rowCount()
        assert count > 1
        assert [header.sectionSizeHint(i) for i in range(count)] == [plain.sectionSizeHint(i) for i in range(count)]
        assert header.sizeHint() == plain.sizeHint()
        assert header.sectionsClickable() and header.highlightSections()  # as QTableView's own headers

    asked: list[int] = []
    original = model.headerData

    def header_data(section, orientation, role=0):  # type: ignore[no-untyped-def]
        asked.append(int(role))
        return original(section, orientation, role)

    model.headerData = header_data  # type: ignore[method-assign]
    page.list_view.clearSelection()
    settle(qtbot, page)
    page.select_project(project.id)
    settle(qtbot, page)
    tab.view.viewport().grab()
    assert asked.count(int(Qt.ItemDataRole.SizeHintRole)) == 0  # every label measured already
    assert asked.count(int(Qt.ItemDataRole.FontRole)) < 100  # only where a section is painted


def test_making_a_tab_on_first_use_leaves_the_keyboard_focus_where_it_is(qtbot, ws_demo_ctx, make_page) -> None:
    """The 历史 tab's kind filter was shown before it had a parent: made while the window is in use, it
    opened as a window of its own for a moment and took the focus from the project search box."""
    from PySide6.QtWidgets import QApplication

    page = make_page(ws_demo_ctx)
    page.activateWindow()
    page.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search, timeout=3000)
    windows = set(QApplication.topLevelWidgets())
    for key in ("assignments", "timeline", "history"):
        assert page.built_tab(key) is None
        getattr(page, f"{key}_tab")
        QApplication.processEvents()
        assert QApplication.focusWidget() is page.search, key
        assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} <= windows | {page}, key


def test_hidden_overview_fills_its_findings_when_shown_or_asked(qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """Behind the matrix the 概览 tab turned every finding into a row on each open (~1,400 for the large
    project); now it does so when shown, or when someone reads its model."""
    from planner.ui.workspace import overview_tab

    filled: list[int] = []
    original = overview_tab.finding_rows
    monkeypatch.setattr(overview_tab, "finding_rows", lambda fs: filled.append(len(fs)) or original(fs))
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    first, second = sorted(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments)[-2:]
    page.select_project(first.project.id)
    settle(qtbot, page)
    page.select_project(second.project.id)
    settle(qtbot, page)
    assert filled == []  # hidden: nothing done
    tab = page.overview_tab
    page.tabs.setCurrentWidget(tab)
    assert filled == [len(page.data.findings)]  # once, for the project open now
    assert tab._model.rowCount() == len(page.data.findings) > 0
    assert second.project.title in tab.heading.text()

    page.tabs.setCurrentWidget(page.matrix_tab)
    page.select_project(first.project.id)
    settle(qtbot, page)
    assert tab.model.rowCount() == len(page.data.findings)  # reading the model catches up
    assert first.project.title in tab.heading.text() and len(filled) == 2
    page.tabs.setCurrentWidget(tab)
    assert len(filled) == 2  # nothing left to do


def test_loading_a_project_pauses_the_garbage_collector_and_resumes_it(demo_db, monkeypatch) -> None:
    """The load builds thousands of rows, findings and cells, none in a cycle: the collector ran ~17
    times per open of the large project (~1.3 ms). It is paused for the whole load and resumed after,
    also when the load is cancelled."""
    import gc

    from planner.ui.workers import Cancelled
    from planner.ui.workspace import loader

    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    seen: list[bool] = []
    real = coverage.plan_matrix
    monkeypatch.setattr(coverage, "plan_matrix", lambda plan: seen.append(gc.isenabled()) or real(plan))
    loader.KEPT.clear()  # the demo's ids repeat from test to test: a kept matrix would not be built

    class Progress:
        def __init__(self, cancel: bool) -> None:
            self.cancel = cancel

        def check(self) -> None:
            if self.cancel:
                raise Cancelled()

    # automatic collection on, as outside the app (the app collects on its GUI thread only:
    # planner.ui.collector turns it off, and no_gc leaves it off)
    was = gc.isenabled()
    gc.enable()
    try:
        data = loader.load_project(Progress(False), demo_db, project.id)
        assert seen == [False] and gc.isenabled()
        assert data.matrix == real(queries.load_plan(demo_db, project.id))
        with pytest.raises(Cancelled):
            loader.load_project(Progress(True), demo_db, project.id)
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


def test_without_filters_an_open_tests_no_outlet_one_by_one(qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """With no tier, province or alliance chosen and no search words, every outlet passes: an open
    lists them all without calling the filter test for each of 300 outlets; a filter still narrows."""
    page = make_page(ws_demo_ctx)
    tab = page.matrix_tab
    page.tabs.setCurrentWidget(tab)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    calls = 0
    found = tab._found

    def counted(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return found(*args)

    monkeypatch.setattr(tab, "_found", counted)
    page.select_project(project.id)
    settle(qtbot, page)
    assert calls == 0
    assert tab.outlet_model.rows() == list(tab.directory.outlets)
    assert tab.model.columnCount() == len(tab.data.matrix.outlets)
    name = tab.directory.outlets[0].name
    tab.search.setText(name)
    settle(qtbot, page)
    assert calls > 0 and 0 < tab.outlet_model.rowCount() < len(tab.directory.outlets)
    assert tab.outlet_model.row_at(0).name == name
