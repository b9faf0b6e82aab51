# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The matrix's edits live in their own class (``matrix_edits.MatrixEdits``, split out of the tab):
the tab's calls are the edits' own, and the edits' strings are translated under their new context
(an English menu, not Chinese words left behind by the move)."""

from __future__ import annotations

import pytest
from ws_fixtures import make_page, settle, ws_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Format, Tier
from planner.services import outlets, templates
from planner.ui import i18n
from planner.ui.workspace.matrix_edits import MatrixEdits

pytestmark = pytest.mark.qt


@pytest.fixture
def english():
    i18n.install("en")
    yield
    i18n.install("zh_CN")


def test_the_cell_menu_is_english_from_the_edits_context(qtbot, ws_ctx, make_page, english):
    db = ws_ctx.db
    outlet = outlets.create_outlet(db, name="永川区融媒体中心", tier=Tier.COUNTY, adcode="500118",
                                   formats=[Format.TEXT, Format.PHOTO]).row
    row = templates.create_from_template(db, template="event", title="川渝车展联合报道", starts_on="2026-06-01").row
    page = make_page(ws_ctx)
    page.select_after_load(row.id)
    settle(qtbot, page)
    tab = page.matrix_tab
    assert isinstance(tab.edits, MatrixEdits) and tab.edits.parent() is tab
    assert tab.assign == tab.edits.assign and tab.delete_pieces == tab.edits.delete_pieces
    stage = page.data.plan.stages[0]
    assert [a.text() for a in tab.context_menu(stage.id, outlet.id).actions()] == ["New Assignment…"]
    assert tab.assign(stage.id, outlet.id)
    settle(qtbot, page)
    texts = [a.text() for a in tab.context_menu(stage.id, outlet.id).actions() if not a.isSeparator()]
    assert "Add Another Format…" in texts
    assert any(t.startswith("Edit ") for t in texts) and any(t.startswith("Delete ") for t in texts)
    assert tab.edits.select_after is None  # the new piece was selected after the reload
    assert tab.view.currentIndex().isValid()
