# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Matrix filters and project search, on the demo database (the timeline: test_timeline.py)."""

from __future__ import annotations

from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Tier
from planner.services import queries


def _open_biggest(qtbot, page):
    project = max(queries.list_projects(page.ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    return project


def test_matrix_columns_follow_filters(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    _open_biggest(qtbot, page)
    tab = page.matrix_tab
    assigned = {o.id for o in page.data.matrix.outlets}
    assert {o.id for o in tab.model.outlets()} == assigned
    tab.tier.setCurrentIndex(tab.tier.findData(Tier.COUNTY.value))
    shown = tab.model.outlets()
    assert shown and all(o.tier is Tier.COUNTY for o in shown) and len(shown) < len(assigned)
    assert all(o.tier is Tier.COUNTY for o in tab.outlet_model.rows())
    tab.tier.setCurrentIndex(0)
    tab.province.setCurrentIndex(tab.province.findData("51"))
    assert all(o.adcode.startswith("51") for o in tab.model.outlets())
    tab.province.setCurrentIndex(0)
    alliance = max(page.directory.alliances, key=lambda a: len(page.directory.members.get(a.id, ())))
    tab.alliance.setCurrentIndex(tab.alliance.findData(str(alliance.id)))
    members = page.directory.members[alliance.id]
    assert all(o.id in members for o in tab.model.outlets())
    assert {o.id for o in tab.outlet_model.rows()} == members
    tab.alliance.setCurrentIndex(0)
    tab.all_outlets.setChecked(True)
    assert tab.model.columnCount() == len(page.directory.outlets)
    tab.search.setText("永川")
    assert tab.outlet_model.rowCount() >= 1 and all("永川" in o.name or "永川" in o.short_name for o in tab.outlet_model.rows())


def test_project_search_and_state(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    assert page.proxy.rowCount() == 3 and not page.empty_list.isVisible()
    page.search.setText("应急")
    assert page.proxy.rowCount() == 1
    assert "应急" in page.proxy.index(0, 0).data()
    page.search.clear()
    assert page.right.currentWidget() is page.placeholder  # nothing chosen yet
    _open_biggest(qtbot, page)
    assert page.right.currentWidget() is page.tabs
    assert all(a.isEnabled() for a in (page.actions.edit, page.actions.duplicate, page.actions.delete))


def test_project_deleted_under_a_load_is_not_an_error(qtbot, ws_demo_ctx, make_page):
    from planner.services.projects import delete_project

    page = make_page(ws_demo_ctx)
    project = _open_biggest(qtbot, page)
    delete_project(ws_demo_ctx.db, project.id)  # elsewhere: no change signal reaches the page
    page.load_project(project.id)  # a refresh finds it gone
    settle(qtbot, page)
    assert ws_demo_ctx.messages == []
    assert page.proxy.rowCount() == 2 and page.data is None
    assert page.right.currentWidget() is page.placeholder


def test_findings_follow_the_travel_speed_setting(qtbot, ws_demo_ctx, make_page):
    """Changing the travel speed (设置) re-runs the analysis of the open project."""
    from planner.services.assignments import create_assignment
    from planner.services.settings import set_travel_kmh

    db = ws_demo_ctx.db
    project = queries.resolve_project(db, "YKGT-2026")
    plan = queries.load_plan(db, project.id)
    chongqing_west = next(s for s in plan.stages if s.title == "重庆西站")
    yibin = next(s for s in plan.stages if s.title == "宜宾东站")  # ~250 km on, two hours later
    first = next(a for a in plan.assignments if a.stage_id == chongqing_west.id and a.person_ids)
    create_assignment(db, stage_id=yibin.id, outlet_id=first.outlet_id, role="support", format="text",
                      person_ids=[first.person_ids[0]])
    page = make_page(ws_demo_ctx)
    page.select_project(project.id)
    settle(qtbot, page)

    def travel_findings() -> int:
        return sum(f.kind.value == "travel_too_far" for f in page.data.findings)

    assert travel_findings() == 1
    ws_demo_ctx.changed.emit(set_travel_kmh(db, 400))
    qtbot.waitUntil(lambda: travel_findings() == 0, timeout=10000)
    settle(qtbot, page)


def test_the_project_lists_titles_are_not_repainted_for_a_change_of_project(qtbot, ws_demo_ctx, make_page):
    """Nothing of a selection shows in the project list's column titles (none turns bold), so choosing
    another project leaves them unpainted; clicking a title still works as the table's own header."""
    from PySide6.QtCore import QEvent, QObject

    page = make_page(ws_demo_ctx)
    settle(qtbot, page)
    header = page.list_view.horizontalHeader()
    assert not header.highlightSections() and header.sectionsClickable()

    class Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.n = 0

        def eventFilter(self, _obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    page.list_view.selectRow(0)  # the first current cell of the list: its column's title is repainted once
    settle(qtbot, page)
    counter = Paints()
    header.viewport().installEventFilter(counter)
    rows = page.proxy.rowCount()
    assert rows >= 2
    for row in (1, 0, 1):
        page.list_view.selectRow(row)
        settle(qtbot, page)
    page.list_view.clearSelection()
    settle(qtbot, page)
    assert counter.n == 0
    header.viewport().update()  # it still paints when it is asked to
    qtbot.waitUntil(lambda: counter.n > 0, timeout=2000)
    header.viewport().removeEventFilter(counter)
