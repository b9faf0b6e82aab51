# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The workspace reads a project's plan with the people it names only (``load_plan(staff=False)``):
everyone of its outlets is in the page's directory, read once before any project is opened. What
the editor picks from stays the outlet's whole staff."""

from __future__ import annotations

from planner.services import queries
from planner.ui.workspace import loader
from tests.ui.ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401


class _Progress:
    def check(self) -> None:
        pass


def test_the_workspace_loads_the_people_the_plan_names(demo_db) -> None:
    s = max(queries.list_projects(demo_db), key=lambda s: s.assignments)
    data = loader.load_project(_Progress(), demo_db, s.project.id)
    full = queries.load_plan(demo_db, s.project.id)
    named = {p for a in full.assignments for p in a.person_ids} | {full.project.coordinator_id} - {None}
    assert set(data.plan.people) == named and len(named) < len(full.people)
    assert data.plan == queries.load_plan(demo_db, s.project.id, staff=False)


def test_a_new_piece_offers_the_outlets_whole_staff(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    s = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments)
    page.select_project(s.project.id)
    settle(qtbot, page)
    tab = page.matrix_tab
    plan = page.data.plan
    full = queries.load_plan(ws_demo_ctx.db, s.project.id)
    # an outlet of the plan with people the plan does not name
    outlet = next(o for o in plan.outlets.values()
                  if any(p.outlet_id == o.id and p.id not in plan.people for p in full.people.values()))
    staff = sorted(p.id for p in full.people.values() if p.outlet_id == outlet.id)
    dialog = tab.edits._dialog(plan.stages[0], outlet, None)
    try:
        assert sorted(p.id for p in dialog.people.model.people()) == staff
    finally:
        dialog.deleteLater()
