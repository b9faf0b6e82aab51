"""Every Qt model of the workspace passes qtmodeltester, filled from the demo database."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt

from planner.domain.enums import ACTIVE_STATUSES
from planner.graph.analysis import analyze_plan
from planner.services import coverage, queries
from planner.ui.workspace.assignments_model import AssignmentsModel
from planner.ui.workspace.base_model import IdRole
from planner.ui.workspace.findings_model import FindingsModel, finding_rows
from planner.ui.workspace.matrix_model import CellsRole, MatrixModel, OutletIdRole, cell_text
from planner.ui.workspace.outlet_list_model import OutletListModel
from planner.ui.workspace.project_list_model import ProjectListModel
from planner.ui.workspace.stages_model import StagesModel


def _big_project(db):
    return max(queries.list_projects(db), key=lambda s: s.assignments).project


def test_project_list_model(qtmodeltester, demo_db):
    model = ProjectListModel()
    summaries = queries.list_projects(demo_db)
    model.set_rows(summaries)
    qtmodeltester.check(model)
    assert model.rowCount() == len(summaries) == 3
    first = summaries[0]
    assert model.index(0, 0).data(IdRole) == first.project.id
    assert model.index(0, ProjectListModel.STAGES).data() == str(first.stages)
    assert model.index(0, ProjectListModel.STATUS).data() == first.project.status.zh


def test_project_list_model_answers_the_roles_it_has_no_data_for_without_a_cell_call(demo_db, monkeypatch):
    """Filling the list measures every row for its resize-to-contents columns (~9 roles a cell, twice):
    the roles it never answers come back at once."""
    model = ProjectListModel()
    model.set_rows(queries.list_projects(demo_db))
    cells: list[int] = []
    cell = model.cell
    monkeypatch.setattr(model, "cell", lambda row, column, role: cells.append(role) or cell(row, column, role))
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.SizeHintRole,
                 Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.EditRole):
        assert model.index(0, ProjectListModel.STATUS).data(role) is None
    assert cells == []
    status = model.index(0, ProjectListModel.STATUS)
    assert status.data() and status.data(Qt.ItemDataRole.ForegroundRole) is not None  # still answered
    assert model.index(0, ProjectListModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, ProjectListModel.STAGES).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert len(cells) == 4


def test_findings_model(qtmodeltester, demo_db):
    plan = queries.load_plan(demo_db, _big_project(demo_db).id)
    findings = analyze_plan(plan)
    model = FindingsModel()
    model.set_rows(finding_rows(findings))
    qtmodeltester.check(model)
    assert model.rowCount() == len(findings) > 0
    assert model.index(0, FindingsModel.TEXT).data()  # a sentence, not empty


def test_stages_model(qtmodeltester, demo_db):
    plan = queries.load_plan(demo_db, _big_project(demo_db).id)
    counts = Counter(a.stage_id for a in plan.assignments if a.status in ACTIVE_STATUSES)
    model = StagesModel()
    model.set_stages(plan.stages, counts)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data(IdRole) for r in range(model.rowCount())] == [s.id for s in plan.stages]
    assert model.index(0, StagesModel.TITLE).data() == plan.stages[0].title
    # a stage with prerequisites names them
    dependent = next(i for i, s in enumerate(plan.stages) if s.depends_on)
    assert model.index(dependent, StagesModel.DEPENDS).data()


def test_matrix_model(qtmodeltester, demo_db):
    project = _big_project(demo_db)
    matrix = coverage.coverage_matrix(demo_db, project.id)
    model = MatrixModel()
    model.set_matrix(matrix, matrix.outlets)
    qtmodeltester.check(model)
    assert model.rowCount() == len(matrix.stages)
    assert model.columnCount() == len(matrix.outlets)
    (sid, oid), cells = next(iter(matrix.cells.items()))
    row = [s.id for s in matrix.stages].index(sid)
    col = [o.id for o in matrix.outlets].index(oid)
    index = model.index(row, col)
    assert index.data(IdRole) == sid and index.data(OutletIdRole) == oid
    assert index.data(CellsRole) == cells
    assert index.data() == cell_text(cells, "zh")
    uncovered = [i for i, s in enumerate(matrix.stages) if not matrix.covered(s.id)]
    for i in range(len(matrix.stages)):
        tinted = model.headerData(i, Qt.Orientation.Vertical, Qt.ItemDataRole.BackgroundRole) is not None
        assert tinted == (i in uncovered)


def test_cell_text_reads_role_and_formats():
    import uuid

    from planner.domain.enums import Format, Role, Status
    from planner.services.coverage import Cell

    cells = [Cell(uuid.uuid4(), Role.LEAD, Format.TEXT, Status.PLANNED),
             Cell(uuid.uuid4(), Role.LEAD, Format.PHOTO, Status.CONFIRMED),
             Cell(uuid.uuid4(), Role.SUPPORT, Format.LIVE, Status.CANCELLED)]
    assert cell_text(cells, "zh") == "主办·文字/图片"
    assert cell_text(cells, "en") == "Lead·Text/Photo"


def test_outlet_list_model(qtmodeltester, demo_db):
    model = OutletListModel()
    outlets = queries.list_outlets(demo_db)
    model.set_rows(outlets)
    qtmodeltester.check(model)
    mime = model.mimeData([model.index(0, 0)])
    assert bytes(mime.data("application/x-planner-outlet-id").data()).decode() == str(outlets[0].id)


def test_assignments_model(qtmodeltester, demo_db):
    model = AssignmentsModel(lambda: demo_db, page_size=20)
    model.set_filter()
    assert model.total == queries.counts(demo_db)["assignments"]
    assert model.rowCount() == 20 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 40
    qtmodeltester.check(model)  # the tester fetches more pages itself
    ids = [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids))
