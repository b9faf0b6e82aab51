# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""End to end through the workspace: project, stages, matrix assignments, a status change, undo and redo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QByteArray, QMimeData
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Entity, Format, Role, Status, Tier
from planner.domain.timefmt import PLAN_TZ
from planner.services import outlets, people, queries
from planner.ui.workspace.matrix_model import OUTLET_MIME
from planner.ui.workspace.project_dialog import ProjectDialog
from planner.ui.workspace.stage_dialog import StageDialog


def _seed_outlets(db):
    a = outlets.create_outlet(db, name="永川区融媒体中心", tier=Tier.COUNTY, adcode="500118000000",
                              formats=[Format.TEXT, Format.PHOTO]).row
    b = outlets.create_outlet(db, name="荣昌区融媒体中心", tier=Tier.COUNTY, adcode="500153000000",
                              formats=[Format.SHORT_VIDEO, Format.TEXT]).row
    reporter = people.create_person(db, outlet_id=a.id, name="王小川", role="reporter").row
    return a, b, reporter


def test_project_stages_matrix_status_undo_redo(qtbot, ws_ctx, make_page):
    db = ws_ctx.db
    a, b, reporter = _seed_outlets(db)
    page = make_page(ws_ctx)
    assert page.empty_list.isVisible() and "还没有项目" in page.empty_list.text()

    # a project through its dialog
    dialog = ProjectDialog(ws_ctx, page.directory, parent=page)
    dialog.title_edit.setText("成渝双城记联合报道")
    dialog.code.setText("CY-01")
    dialog.starts.set_value(date(2025, 4, 20))
    dialog.ends.set_value(date(2025, 4, 30))
    dialog.formats.set_formats([Format.TEXT])
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    project = queries.resolve_project(db, "CY-01")
    page.select_after_load(project.id)
    settle(qtbot, page)
    assert page.current_project_id() == project.id
    assert page.data is not None and page.data.plan.project.id == project.id

    # two stages; the second depends on the first
    for title, hour in (("永川站", 9), ("荣昌站", 11)):
        start = datetime(2025, 4, 22, hour, 0, tzinfo=PLAN_TZ)
        sd = StageDialog(ws_ctx, project.id, page.stages_tab.model.rows(), parent=page)
        sd.title_edit.setText(title)
        sd.place.setText("永川区" if title == "永川站" else "荣昌区")
        sd.starts.set_value(start)
        sd.ends.set_value(start + timedelta(hours=1, minutes=30))
        if title == "荣昌站":
            sd.set_prerequisites([page.stages_tab.model.row_at(0).id])
        sd.accept()
        assert sd.result() == sd.DialogCode.Accepted, sd.error_texts()
        settle(qtbot, page)
    stages = queries.load_stages(db, project.id)
    assert [s.title for s in stages] == ["永川站", "荣昌站"]
    assert stages[1].depends_on == (stages[0].id,)
    assert stages[0].adcode == "500118000000"

    # assign in the matrix: one by the tab's call, one by dropping an outlet on a row
    matrix = page.matrix_tab
    assert matrix.assign(stages[0].id, a.id)
    settle(qtbot, page)
    mime = QMimeData()
    mime.setData(OUTLET_MIME, QByteArray(str(b.id).encode()))
    assert matrix.model.dropMimeData(mime, matrix.model.supportedDropActions(), 1, 0, matrix.model.index(-1, -1))
    settle(qtbot, page)
    plan = queries.load_plan(db, project.id)
    got = {(x.stage_id, x.outlet_id): x for x in plan.assignments}
    first = got[(stages[0].id, a.id)]
    assert first.role is Role.LEAD and first.format is Format.TEXT  # required format the outlet makes
    assert got[(stages[1].id, b.id)].role is Role.LEAD
    assert matrix.model.columnCount() == 2
    assert matrix.model.is_covered(stages[0].id) and matrix.model.is_covered(stages[1].id)

    # a status change from the assignments tab
    tab = page.assignments_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.model.total == 2
    tab.view.selectRow(tab.model.index_of(first.id).row())
    assert tab.bulk_set_status(Status.CONFIRMED)
    settle(qtbot, page)
    assert queries.load_assignments_by_id(db, [first.id])[0].status is Status.CONFIRMED
    assert tab.model.row_by_id(first.id).status is Status.CONFIRMED  # repainted in place

    # click the cell: its dialog puts the outlet's reporter on the piece
    page.tabs.setCurrentWidget(matrix)
    cell = matrix.edit_cell(stages[0].id, a.id, open_dialog=False)
    assert cell is not None and cell.row is not None and cell.row.id == first.id
    cell.people.set_ids([reporter.id])
    cell.brief.setPlainText("站台首发体验")
    cell.accept()
    assert cell.result() == cell.DialogCode.Accepted, cell.error_texts()
    settle(qtbot, page)
    edited = queries.load_assignments_by_id(db, [first.id])[0]
    assert edited.person_ids == (reporter.id,) and edited.brief == "站台首发体验"
    assert edited.status is Status.CONFIRMED

    # undo everything step by step, then redo it all
    stack = ws_ctx.undo_stack
    assert stack.count() == 7  # project, 2 stages, 2 assignments, status, cell edit
    stack.undo()
    assert queries.load_assignments_by_id(db, [first.id])[0].person_ids == ()
    stack.undo()
    assert queries.load_assignments_by_id(db, [first.id])[0].status is Status.PLANNED
    while stack.canUndo():
        stack.undo()
    settle(qtbot, page)
    assert queries.list_projects(db) == []
    assert page.list_model.rowCount() == 0 and page.data is None
    while stack.canRedo():
        stack.redo()
    settle(qtbot, page)
    plan = queries.load_plan(db, project.id)
    assert [s.title for s in plan.stages] == ["永川站", "荣昌站"]
    assert {x.id for x in plan.assignments} == {x.id for x in got.values()}  # same ids come back
    redone = queries.load_assignments_by_id(db, [first.id])[0]
    assert redone.status is Status.CONFIRMED and redone.person_ids == (reporter.id,)
    assert ws_ctx.messages == []


def test_move_stage_and_refused_cycle(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.stages).project
    page.select_project(project.id)
    settle(qtbot, page)
    stages = page.stages_tab.model.rows()
    last = stages[-1]
    page.stages_tab.model.move_requested.emit(last.id, 1)  # what a drop to the top does
    settle(qtbot, page)
    after = queries.load_stages(ws_demo_ctx.db, project.id)
    assert after[0].id == last.id
    assert page.stages_tab.model.row_at(0).id == last.id
    ws_demo_ctx.undo_stack.undo()
    assert [s.id for s in queries.load_stages(ws_demo_ctx.db, project.id)] == [s.id for s in stages]

    # a prerequisite that closes a cycle is refused under the field, nothing changes
    settle(qtbot, page)
    dependent = next(s for s in page.stages_tab.model.rows() if s.depends_on)
    prereq = page.stages_tab.model.row_by_id(dependent.depends_on[0])
    dialog = StageDialog(ws_demo_ctx, project.id, page.stages_tab.model.rows(), prereq, parent=page)
    dialog.set_prerequisites([dependent.id, *prereq.depends_on])
    before = ws_demo_ctx.undo_stack.count()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "depends_on" in dialog.error_texts()
    assert ws_demo_ctx.undo_stack.count() == before
    assert dependent.id not in {s.id: s for s in queries.load_stages(ws_demo_ctx.db, project.id)}[prereq.id].depends_on


def test_findings_jump_to_the_item(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    project = max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project
    page.show_item("project", project.id)
    settle(qtbot, page)
    findings = page.data.findings
    assert page.overview_tab.model.rowCount() == len(findings) > 0
    with_assignment = next(f for f in findings if f.assignment_ids)
    page.show_finding(with_assignment)
    assert page.tabs.currentWidget() is page.assignments_tab
    assert page.assignments_tab.selected_ids() == [with_assignment.assignment_ids[0]]
    stage_only = next((f for f in findings if f.stage_ids and not f.assignment_ids and not f.outlet_ids), None)
    if stage_only is not None:
        page.show_finding(stage_only)
        assert page.tabs.currentWidget() is page.stages_tab
        assert page.stages_tab.selected_id() == stage_only.stage_ids[0]
    # navigation from elsewhere (search): a stage of another project
    other = next(s for s in queries.list_projects(ws_demo_ctx.db) if s.project.id != project.id).project
    stage = queries.load_stages(ws_demo_ctx.db, other.id)[-1]
    page.show_item("stage", stage.id)
    settle(qtbot, page)
    assert page.current_project_id() == other.id
    assert page.tabs.currentWidget() is page.stages_tab and page.stages_tab.selected_id() == stage.id


def test_refresh_only_on_touching_changes(qtbot, ws_demo_ctx, make_page):
    from planner.domain.changes import Changes

    page = make_page(ws_demo_ctx)
    page.list_view.selectRow(0)
    settle(qtbot, page)
    calls = []
    page.load_project = lambda pid: calls.append(pid)  # type: ignore[method-assign]
    ws_demo_ctx.changed.emit(Changes(updated=((Entity.SETTING, page.current_project_id()),)))
    assert calls == []
    from planner.services.settings import setting_id

    ws_demo_ctx.changed.emit(Changes(updated=((Entity.SETTING, setting_id("desk.editor")),)))
    assert calls == []
    ws_demo_ctx.changed.emit(Changes(updated=((Entity.SETTING, setting_id("travel.kmh")),)))  # the analysis needs it
    assert calls == [page.current_project_id()]
    calls.clear()
    ws_demo_ctx.changed.emit(Changes(updated=((Entity.STAGE, page.current_project_id()),)))
    assert calls == [page.current_project_id()]
