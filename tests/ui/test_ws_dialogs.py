# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Workspace dialogs refuse bad input inline and leave the database unchanged; the project menu works."""

from __future__ import annotations

from datetime import date, datetime

from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Status
from planner.domain.timefmt import PLAN_TZ
from planner.services import queries
from planner.ui.workspace.assignment_dialog import AssignmentDialog
from planner.ui.workspace.project_dialog import ProjectDialog
from planner.ui.workspace.stage_dialog import StageDialog
from planner.ui.workspace.template_dialog import TemplateDialog


def _project(db):
    return max(queries.list_projects(db), key=lambda s: s.assignments).project


def test_project_dialog_refuses_bad_input(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    before = queries.counts(ws_demo_ctx.db)
    existing = _project(ws_demo_ctx.db)
    cases = [
        ({"title": ""}, "title"),
        ({"title": existing.title}, "title"),  # duplicate
        ({"title": "新项目", "starts": date(2025, 5, 1), "ends": date(2025, 4, 1)}, "ends_on"),
        ({"title": "新项目", "lead": "不存在的单位"}, "lead_outlet_id"),
    ]
    for values, field in cases:
        dialog = ProjectDialog(ws_demo_ctx, page.directory, parent=page)
        dialog.title_edit.setText(values["title"])
        dialog.starts.set_value(values.get("starts"))
        dialog.ends.set_value(values.get("ends"))
        if "lead" in values:
            dialog.lead.setEditText(values["lead"])
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted, values
        assert field in dialog.error_texts(), (values, dialog.error_texts())
        assert dialog.error_texts()[field]
    assert queries.counts(ws_demo_ctx.db) == before
    assert ws_demo_ctx.undo_stack.count() == 0


def test_stage_dialog_refuses_bad_input(qtbot, ws_demo_ctx, make_page):
    page = make_page(ws_demo_ctx)
    project = _project(ws_demo_ctx.db)
    stages = queries.load_stages(ws_demo_ctx.db, project.id)
    for setup, field in (
        (lambda d: d.title_edit.setText(""), "title"),
        (lambda d: (d.title_edit.setText(stages[0].title)), "title"),
        (lambda d: (d.title_edit.setText("新环节"), d.place.setText("不存在的地方xyz")), "adcode"),
        (lambda d: (d.title_edit.setText("新环节"), d.starts.set_value(datetime(2025, 4, 22, 10, 0, tzinfo=PLAN_TZ)),
                    d.ends.set_value(datetime(2025, 4, 22, 9, 0, tzinfo=PLAN_TZ))), "ends_at"),
    ):
        dialog = StageDialog(ws_demo_ctx, project.id, stages, parent=page)
        setup(dialog)
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted
        assert field in dialog.error_texts(), dialog.error_texts()
    assert queries.load_stages(ws_demo_ctx.db, project.id) == stages


def test_assignment_dialog_status_needs_reason_and_people_of_outlet(qtbot, ws_demo_ctx, make_page):
    db = ws_demo_ctx.db
    page = make_page(ws_demo_ctx)
    project = _project(db)
    plan = queries.load_plan(db, project.id)
    row = next(a for a in plan.assignments if a.status is Status.CONFIRMED)
    stage = next(s for s in plan.stages if s.id == row.stage_id)
    outlet = plan.outlets[row.outlet_id]
    staff = [p for p in plan.people.values() if p.outlet_id == outlet.id]
    dialog = AssignmentDialog(ws_demo_ctx, stage, outlet, staff, row, parent=page)
    dialog.status.setCurrentIndex(dialog.status.findData(Status.DECLINED.value))
    dialog.reason.setText("")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "reason" in dialog.error_texts()
    assert queries.load_assignments_by_id(db, [row.id])[0].status is Status.CONFIRMED
    dialog.reason.setText("人手不足")
    assert "reason" not in dialog.error_texts()  # the error went once the reason was given
    dialog.due.set_value(datetime(2030, 1, 1, 18, 0, tzinfo=PLAN_TZ))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    after = queries.load_assignments_by_id(db, [row.id])[0]
    assert after.status is Status.DECLINED and after.reason == "人手不足"
    ws_demo_ctx.undo_stack.undo()  # one step undoes the whole edit
    again = queries.load_assignments_by_id(db, [row.id])[0]
    assert again.status is Status.CONFIRMED and again.due_at == row.due_at


def test_template_duplicate_delete_from_menu(qtbot, ws_ctx, make_page):
    db = ws_ctx.db
    page = make_page(ws_ctx)
    texts = [a.text() for a in page.menu_actions() if not a.isSeparator()]
    assert texts[:5] == ["新建项目…", "从模板新建…", "编辑项目…", "复制项目…", "删除项目…"]
    assert page.actions.from_template.shortcut().toString() == "Ctrl+Shift+M"  # Ctrl+N: the window's 新建
    assert not page.actions.delete.isEnabled()  # nothing selected yet

    bad = TemplateDialog(ws_ctx, page.directory, parent=page)
    bad.template.setCurrentIndex(bad.template.findData("emergency"))
    bad.title_edit.setText("")
    bad.accept()
    assert "title" in bad.error_texts() and queries.list_projects(db) == []

    dialog = TemplateDialog(ws_ctx, page.directory, parent=page)
    dialog.template.setCurrentIndex(dialog.template.findData("infrastructure"))
    dialog.title_edit.setText("渝昆高铁开通")
    dialog.starts.set_value(date(2025, 6, 1))
    dialog.stations.add_row("重庆西", "500106")  # the station list's first row is empty: skipped
    dialog.stations.add_row("永川东", "永川区")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
    page.select_after_load(dialog.result_changes.row.id)
    settle(qtbot, page)
    made = page.current_project()
    assert made is not None and made.title == "渝昆高铁开通"
    titles = [s.title for s in queries.load_stages(db, made.id)]
    assert titles[:2] == ["重庆西站", "永川东站"] and len(titles) == 6

    page.actions.duplicate_project(title="渝昆高铁开通（副本）")
    settle(qtbot, page)
    assert page.current_project().title == "渝昆高铁开通（副本）"
    assert len(queries.list_projects(db)) == 2
    page.actions.delete_project(confirm=False)
    settle(qtbot, page)
    assert [s.project.title for s in queries.list_projects(db)] == ["渝昆高铁开通"]
    assert page.current_project_id() != made.id or page.current_project().title == "渝昆高铁开通"
    ws_ctx.undo_stack.undo()  # the copy is back, same id, with its stages
    ws_ctx.undo_stack.undo()  # the copy is gone again
    ws_ctx.undo_stack.undo()  # the template project is gone
    assert queries.list_projects(db) == []
    ws_ctx.undo_stack.redo()
    assert len(queries.load_stages(db, made.id)) == 6
    assert ws_ctx.messages == []


def test_bulk_status_explains_illegal_moves_and_asks_reason(qtbot, ws_demo_ctx, make_page):
    db = ws_demo_ctx.db
    page = make_page(ws_demo_ctx)
    project = _project(db)
    page.select_project(project.id)
    settle(qtbot, page)
    tab = page.assignments_tab
    cancelled = [r for r in (tab.model.row_at(i) for i in range(tab.model.rowCount())) if r.status is Status.CANCELLED]
    planned = [r for r in (tab.model.row_at(i) for i in range(tab.model.rowCount())) if r.status is Status.PLANNED]
    assert planned and cancelled
    explained, asked = [], []
    tab.explain = explained.append
    tab.run_dialog = lambda dialog: (asked.append(dialog), False)[1]  # the user cancels the reason form
    tab._reselect([planned[0].id, cancelled[0].id])
    # cancelled → declined is illegal; planned → declined needs a reason, which the user refuses to give
    assert not tab.bulk_set_status(Status.DECLINED)
    assert asked and queries.load_assignments_by_id(db, [planned[0].id])[0].status is Status.PLANNED

    def give_reason(dialog):
        dialog.reason.setText("单位婉拒")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    tab.run_dialog = give_reason
    assert tab.bulk_set_status(Status.DECLINED)
    assert explained and "已取消" in explained[-1]
    assert queries.load_assignments_by_id(db, [planned[0].id])[0].status is Status.DECLINED
    assert queries.load_assignments_by_id(db, [cancelled[0].id])[0].status is Status.CANCELLED


def test_people_and_delete_from_assignments_tab(qtbot, ws_demo_ctx, make_page):
    from planner.ui.workspace.people_dialog import PeopleDialog

    db = ws_demo_ctx.db
    page = make_page(ws_demo_ctx)
    page.select_project(_project(db).id)
    settle(qtbot, page)
    tab = page.assignments_tab
    row = tab.model.row_at(0)
    staff = page.directory.people_of(row.outlet_id)
    assert staff
    dialog = PeopleDialog(ws_demo_ctx, row.id, "x", staff, row.person_ids, parent=page)
    dialog.people.set_ids([staff[0].id])
    dialog.accept()
    assert queries.load_assignments_by_id(db, [row.id])[0].person_ids == (staff[0].id,)
    settle(qtbot, page)
    assert tab.model.row_by_id(row.id).people == (staff[0].name,)
    total = tab.model.total
    tab._reselect([row.id])
    tab.delete_selected(confirm=False)
    settle(qtbot, page)
    assert tab.model.total == total - 1 and queries.load_assignments_by_id(db, [row.id]) == []
    ws_demo_ctx.undo_stack.undo()
    assert queries.load_assignments_by_id(db, [row.id])[0].person_ids == (staff[0].id,)
