# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The 补位建议 panel on the demo: suggestions listed and previewed greyed in the matrix (their outlets
get columns), accepting one and all as one undo step each, rejecting with a reason (remembered,
withdrawn), weights as sliders (all zero refused inline), and the empty states."""

from __future__ import annotations

import time

from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.graph.staffing import Weights
from planner.services import queries
from planner.services.rejections import list_rejections
from planner.ui.suggest.panel import LAYER, SuggestionRole
from planner.ui.suggest.reject_dialog import RejectDialog
from planner.ui.workspace.matrix_model import PiecesRole


def wait_panel(qtbot, page, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    settle(qtbot, page)
    deadline = time.monotonic() + timeout
    while page.suggest_panel.busy or page.suggest_panel._timer.isActive():
        assert time.monotonic() < deadline, "suggestions did not arrive"
        qtbot.wait(20)
    settle(qtbot, page)


def open_project(qtbot, page, code: str, *, panel: bool = True):  # type: ignore[no-untyped-def]
    """Open the project's matrix, and the 补位建议 panel (closed by default) unless ``panel`` is False."""
    project = queries.resolve_project(page.ctx.db, code)
    assert page.select_project(project.id)
    settle(qtbot, page)
    page.tabs.setCurrentWidget(page.matrix_tab)
    if panel:
        page.matrix_tab.show_side_panel()
    return project


def suggestion_items(panel):  # type: ignore[no-untyped-def]
    return [panel.list.item(i) for i in range(panel.list.count()) if panel.list.item(i).data(SuggestionRole)]


def test_suggestions_are_previewed_greyed_and_accepted_as_one_undo_step(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    project = open_project(qtbot, page, "YJ-2026-07", panel=False)
    panel = page.suggest_panel
    assert not page.matrix_tab.side_panel_open()  # closed until asked for: the matrix keeps its width
    page.matrix_tab.side_toggle.click()
    assert page.matrix_tab.side_panel_open() and panel.width() >= 260
    assert panel.isVisible() and "缺口" in panel.status.text() and not panel.list.isVisible()
    before = {a.id for a in queries.load_plan(ws_demo_ctx.db, project.id).assignments}

    panel.compute_button.click()
    wait_panel(qtbot, page)
    result = panel.result
    assert result is not None and result.suggestions and result.status == "optimal"
    items = suggestion_items(panel)
    assert len(items) == len(result.suggestions)
    assert "逐项挑选基线" in panel.status.text()
    # every suggestion is a greyed piece in its cell, and its outlet has a column
    model = page.matrix_tab.model
    for s in result.suggestions:
        index = model.index_for(s.stage_id, s.outlet_id)
        assert index.isValid() and model.outlet_at(index.column()).id == s.outlet_id
        pieces = index.data(PiecesRole)
        assert any(p.layer == LAYER and p.greyed and s.format.label("zh") in p.text for p in pieces)
    # selecting one shows its cell in the matrix
    panel.list.setCurrentItem(items[0])
    s0 = items[0].data(SuggestionRole)
    current = page.matrix_tab.view.currentIndex()
    assert (model.stage_at(current.row()).id, model.outlet_at(current.column()).id) == (s0.stage_id, s0.outlet_id)

    # accept one: one undo step; the panel recomputes without it
    depth = ws_demo_ctx.undo_stack.count()
    assert panel.accept_selected()
    wait_panel(qtbot, page)
    assert ws_demo_ctx.undo_stack.count() == depth + 1
    after_one = {a.id for a in queries.load_plan(ws_demo_ctx.db, project.id).assignments}
    assert len(after_one - before) == 1
    assert panel.result is not None and all(s.key != s0.key for s in panel.result.suggestions)

    # accept all the rest: one more step; undo takes all of them back, then the first
    assert panel.accept_all()
    wait_panel(qtbot, page)
    assert ws_demo_ctx.undo_stack.count() == depth + 2
    assert len({a.id for a in queries.load_plan(ws_demo_ctx.db, project.id).assignments} - before) == len(result.suggestions)
    assert panel.result is not None and not panel.result.suggestions
    assert not any(p.layer == LAYER for s in result.suggestions
                   for p in (model.index_for(s.stage_id, s.outlet_id).data(PiecesRole) or []))
    ws_demo_ctx.undo_stack.undo()
    wait_panel(qtbot, page)
    assert {a.id for a in queries.load_plan(ws_demo_ctx.db, project.id).assignments} == after_one
    ws_demo_ctx.undo_stack.undo()
    wait_panel(qtbot, page)
    assert {a.id for a in queries.load_plan(ws_demo_ctx.db, project.id).assignments} == before
    assert not ws_demo_ctx.messages


def test_reject_with_a_reason_is_remembered_and_can_be_withdrawn(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    project = open_project(qtbot, page, "YKGT-2026")
    panel = page.suggest_panel
    panel.ask()
    wait_panel(qtbot, page)
    first = suggestion_items(panel)[0]
    s = first.data(SuggestionRole)
    panel.list.setCurrentItem(first)

    dialog = RejectDialog(s.outlet_name, s.stage_title, panel)
    dialog.accept()  # an empty reason is refused inline
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.error.isVisibleTo(dialog)
    dialog.reason.setEditText("人手已派往其他现场")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert panel.reject_current(dialog=dialog)
    wait_panel(qtbot, page)
    (row,) = list_rejections(ws_demo_ctx.db, project.id)
    assert (row.outlet_id, row.stage_id, row.reason) == (s.outlet_id, s.stage_id, "人手已派往其他现场")
    assert all((x.stage_id, x.outlet_id) != (s.stage_id, s.outlet_id) for x in panel.result.suggestions)
    assert panel.rejections_toggle.isVisible() and "1" in panel.rejections_toggle.text()
    panel.rejections_toggle.setChecked(True)
    assert "人手已派往其他现场" in panel.rejection_list.item(0).text()

    panel.rejection_list.setCurrentRow(0)
    assert panel.forget_current()
    wait_panel(qtbot, page)
    assert list_rejections(ws_demo_ctx.db, project.id) == []
    ws_demo_ctx.undo_stack.undo()  # the withdrawal is undone: rejected again
    wait_panel(qtbot, page)
    assert len(list_rejections(ws_demo_ctx.db, project.id)) == 1


def test_weights_move_the_result_and_all_zero_is_refused_inline(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    open_project(qtbot, page, "YJ-2026-07")
    panel = page.suggest_panel
    sliders = panel.weights
    assert sliders.weights() == Weights()
    for slider in sliders.sliders.values():
        slider.setValue(0)
    assert sliders.weights() is None and sliders.error.isVisibleTo(panel)
    assert not panel.compute_button.isEnabled()
    sliders.reset_button.click()
    assert sliders.weights() == Weights() and not sliders.error.isVisibleTo(panel)
    panel.ask()
    wait_panel(qtbot, page)
    default = panel.result
    sliders.sliders["travel"].setValue(20)  # travel = 10: the recomputation follows by itself
    wait_panel(qtbot, page)
    assert panel.result is not None and panel.result is not default
    assert panel.result.weights.travel == 10.0


def test_empty_states(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    panel = page.suggest_panel
    assert not panel.compute_button.isEnabled() and "选择一个项目" in panel.status.text()
    from planner.services import projects

    made = projects.create_project(ws_demo_ctx.db, title="空项目", kind="other").row
    page.reload_all()
    settle(qtbot, page)
    page.select_after_load(made.id)
    settle(qtbot, page)
    assert "还没有环节" in panel.status.text()
    panel.ask()
    wait_panel(qtbot, page)
    assert "还没有任何环节" in panel.status.text() and panel.result is None


def test_emergency_fast_path_end_to_end(qtbot, ws_demo_ctx, make_page, tmp_path) -> None:
    """新建突发联动: place and time → proposal → project and pieces as one undo step → sheets written."""
    from planner.services.exchange.reply_sheet_read import read_reply_sheet
    from planner.ui.suggest.emergency import EmergencyDialog

    page = make_page(ws_demo_ctx)
    dialog = EmergencyDialog(ws_demo_ctx, page.directory, page)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled() and "生成方案" in dialog.status.text()
    dialog.make_draft()  # no place yet: said inline, nothing started
    assert "事发地点" in dialog.status.text() and not dialog.busy
    dialog.place.setText("不存在的地方")
    dialog.make_draft()
    assert "不存在的地方" in dialog.status.text()
    dialog.place.setText("宜宾市")
    dialog.make_draft()
    deadline = time.monotonic() + 60
    while dialog.busy:
        assert time.monotonic() < deadline
        qtbot.wait(20)
    draft = dialog.draft
    assert draft is not None and draft.result.suggestions and dialog.create_button.isEnabled()
    assert dialog.list.count() >= len(draft.stages) + len(draft.result.suggestions)
    dialog.title_edit.setText("宜宾突发演练")  # a changed field: the proposal must be made again
    assert dialog.draft is None and not dialog.create_button.isEnabled()
    dialog.make_draft()
    while dialog.busy:
        qtbot.wait(20)
    depth = ws_demo_ctx.undo_stack.count()
    assert dialog.create(sheets=True, folder=str(tmp_path))
    assert ws_demo_ctx.undo_stack.count() == depth + 1
    plan = queries.load_plan(ws_demo_ctx.db, dialog.created_id)
    assert plan.project.title == "宜宾突发演练" and len(plan.assignments) == len(dialog.draft.result.suggestions)
    assert len(dialog.sheets) == len({a.outlet_id for a in plan.assignments})
    assert all(read_reply_sheet(p).rows for p in dialog.sheets)
    ws_demo_ctx.undo_stack.undo()
    assert all(p.project.id != dialog.created_id for p in queries.list_projects(ws_demo_ctx.db))
    assert not ws_demo_ctx.messages


def test_suggestions_for_one_chosen_stage(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    open_project(qtbot, page, "YJ-2026-07")
    panel = page.suggest_panel
    panel.ask()
    wait_panel(qtbot, page)
    everywhere = panel.result
    stages = {s.stage_id for s in everywhere.suggestions}
    assert len(stages) > 1
    chosen = next(iter(sorted(stages, key=str)))
    panel.scope.set_chosen([chosen])
    wait_panel(qtbot, page)
    assert panel.result is not everywhere and panel.result.suggestions
    assert {s.stage_id for s in panel.result.suggestions} == {chosen}
    assert panel.scope.summary().endswith(next(st.title for st in panel.data.plan.stages if st.id == chosen))


def test_suggestions_for_several_stages(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    open_project(qtbot, page, "YJ-2026-07")
    panel = page.suggest_panel
    panel.ask()
    wait_panel(qtbot, page)
    stages = sorted({s.stage_id for s in panel.result.suggestions}, key=str)
    assert len(stages) > 2
    two = stages[:2]
    scope = panel.scope  # ticking in the open list: tests/ui/test_suggest_scope.py
    scope.set_chosen(two)
    assert set(scope.chosen()) == set(two) and scope.summary() == "2 个环节"
    wait_panel(qtbot, page)
    assert {s.stage_id for s in panel.result.suggestions} == set(two)
    scope.set_chosen(())
    assert scope.summary() == "全部环节"
    wait_panel(qtbot, page)
    assert {s.stage_id for s in panel.result.suggestions} >= set(stages)


def test_closing_the_panel_takes_its_preview_out_of_the_matrix(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    open_project(qtbot, page, "YJ-2026-07", panel=False)
    tab, panel = page.matrix_tab, page.suggest_panel
    page.actions.show_suggestions()  # 项目 ▸ 补位建议: opens the panel and asks
    assert tab.side_panel_open() and tab.side_toggle.isChecked()
    wait_panel(qtbot, page)
    assert panel.result is not None and panel.result.suggestions
    s0 = panel.result.suggestions[0]
    assert any(p.layer == LAYER for p in tab.model.index_for(s0.stage_id, s0.outlet_id).data(PiecesRole))

    tab.side_toggle.click()  # closed: no greyed pieces left behind, no recomputing
    assert not tab.side_panel_open()
    assert not tab.model.index_for(s0.stage_id, s0.outlet_id).isValid() or not any(
        p.layer == LAYER for p in tab.model.index_for(s0.stage_id, s0.outlet_id).data(PiecesRole) or [])
    assert panel.result is None and not panel.asked

    tab.show_side_panel()  # open again: nothing until 生成建议
    assert tab.side_toggle.isChecked() and panel.result is None
