# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The template dialog takes (station, place) pairs: a guess from each station's name, shown to
confirm; a station without a place, or with an ambiguous one, is said under the field."""

from __future__ import annotations

import pytest
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries

pytestmark = pytest.mark.qt


@pytest.fixture
def tab(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    page.assignments_tab.page = page  # type: ignore[attr-defined]
    return page.assignments_tab


def test_template_dialog_takes_station_place_pairs_and_guesses(qtbot, ws_demo_ctx, tab):
    from planner.domain import place_search
    from planner.ui.workspace.template_dialog import TemplateDialog

    page = tab.page
    dialog = TemplateDialog(ws_demo_ctx, page.directory, parent=page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(place_search.ready, timeout=30000)  # its place pickers started the index
    dialog.template.setCurrentIndex(dialog.template.findData("infrastructure"))
    dialog.title_edit.setText("成渝中线开通联合报道")
    first_name, first_place = dialog.stations.rows()[0]
    first_name.setText("永川东")
    first_name.editingFinished.emit()
    assert first_place.text() == "永川区 · 重庆市"  # guessed from the name, shown to confirm
    name, place = dialog.stations.add_row("成都东站")
    name.editingFinished.emit()
    assert place.text() == "成都市 · 四川省"
    place.set_adcode("510108")  # the editor corrects it: 成华区
    dialog.stations.add_row("天府站", "朝阳")  # ambiguous: said so under the field, nothing written
    before = len(queries.list_projects(ws_demo_ctx.db))
    dialog.accept()
    assert "朝阳" in dialog.error_texts()["stations"] and len(queries.list_projects(ws_demo_ctx.db)) == before
    dialog.stations.rows()[-1][1].setText("")
    dialog.stations.rows()[-1][0].setText("")  # an empty row is skipped
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    stages = queries.load_stages(ws_demo_ctx.db, dialog.result_changes.row.id)
    assert [(s.title, s.adcode[:6]) for s in stages[:2]] == [("永川东站", "500118"), ("成都东站", "510108")]


def test_a_new_project_is_led_by_this_desk_unless_changed(qtbot, ws_demo_ctx, tab):
    """The desk that plans a project usually leads it; a plan without a lead is a gap to fill later."""
    from planner.ui.workspace.project_dialog import ProjectDialog
    from planner.ui.workspace.template_dialog import TemplateDialog

    desk = ws_demo_ctx.db.desk_outlet_id
    assert desk is not None  # the demo's desk: 四川日报报业集团
    page = tab.page
    for dialog in (TemplateDialog(ws_demo_ctx, page.directory, parent=page),
                   ProjectDialog(ws_demo_ctx, page.directory, parent=page)):
        qtbot.addWidget(dialog)
        assert dialog.lead.current_id(field="lead_outlet_id", what="媒体单位") == desk
    other = next(s.project for s in queries.list_projects(ws_demo_ctx.db) if s.project.lead_outlet_id not in (None, desk))
    edit = ProjectDialog(ws_demo_ctx, page.directory, other, parent=page)
    qtbot.addWidget(edit)
    assert edit.lead.current_id(field="lead_outlet_id", what="媒体单位") == other.lead_outlet_id  # kept
