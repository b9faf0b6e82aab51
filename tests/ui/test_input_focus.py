# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Every add/edit dialog opens with the cursor in its first field, so typed text lands in the form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries
from planner.ui.directory.alliance_dialog import AllianceDialog
from planner.ui.directory.outlet_dialog import OutletDialog
from planner.ui.directory.person_dialog import PersonDialog
from planner.ui.workspace.assignment_dialog import AssignmentDialog
from planner.ui.workspace.people_dialog import PeopleDialog
from planner.ui.workspace.project_dialog import ProjectDialog
from planner.ui.workspace.stage_dialog import StageDialog
from planner.ui.workspace.template_dialog import TemplateDialog

pytestmark = pytest.mark.qt


def _dialogs(ctx, page):
    db = ctx.db
    outlets = queries.list_outlets(db)
    project = max(queries.list_projects(db), key=lambda s: s.assignments).project
    plan = queries.load_plan(db, project.id)
    stage = plan.stages[0]
    assignment = next(a for a in plan.assignments if a.stage_id == stage.id)
    outlet = plan.outlets[assignment.outlet_id]
    people = [p for p in plan.people.values() if p.outlet_id == outlet.id]
    person = queries.list_people(db)[0]
    alliance = queries.list_alliances(db)[0]
    return [
        ("outlet new", OutletDialog(ctx, outlets, None, page), "name"),
        ("outlet edit", OutletDialog(ctx, outlets, outlets[0], page), "name"),
        ("person new", PersonDialog(ctx, outlets, None, page), "name"),
        ("person edit", PersonDialog(ctx, outlets, person, page), "name"),
        ("alliance new", AllianceDialog(ctx, None, page), "name"),
        ("alliance edit", AllianceDialog(ctx, alliance, page), "name"),
        ("project new", ProjectDialog(ctx, page.directory, None, page), "title_edit"),
        ("project edit", ProjectDialog(ctx, page.directory, project, page), "title_edit"),
        ("stage new", StageDialog(ctx, project.id, plan.stages, None, page), "title_edit"),
        ("stage edit", StageDialog(ctx, project.id, plan.stages, stage, page), "title_edit"),
        ("template", TemplateDialog(ctx, page.directory, page), "title_edit"),
        ("assignment new", AssignmentDialog(ctx, stage, outlet, people, None, page), "role"),
        ("assignment edit", AssignmentDialog(ctx, stage, outlet, people, assignment, page), "role"),
        ("people", PeopleDialog(ctx, assignment.id, "x", people, (), page), "people"),
    ]


def _owner(widget, field):
    """Whether the focus widget is ``field`` or inside it (a composite picker)."""
    w = QApplication.focusWidget()
    while w is not None:
        if w is field:
            return True
        w = w.parentWidget()
    return False


def test_every_dialog_opens_with_focus_in_its_first_field(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    for name, dialog, attr in _dialogs(ws_demo_ctx, page):
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.isActiveWindow() and QApplication.focusWidget() is not None, timeout=3000)
        field = getattr(dialog, attr)
        assert _owner(QApplication.focusWidget(), field), (name, QApplication.focusWidget())
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert QApplication.focusWidget() is not ok, name
        assert QApplication.focusWidget().focusPolicy() != Qt.FocusPolicy.NoFocus, name  # keys reach it
        dialog.reject()


def test_typing_lands_in_the_form_and_enter_validates_it(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    before = len(queries.list_outlets(ws_demo_ctx.db))
    dialog = OutletDialog(ws_demo_ctx, queries.list_outlets(ws_demo_ctx.db), None, page)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name, timeout=3000)
    QTest.keyClicks(QApplication.focusWidget(), "Bishan Media Centre")  # QTest types ASCII only
    assert dialog.name.text() == "Bishan Media Centre"
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    assert len(queries.list_outlets(ws_demo_ctx.db)) == before + 1
