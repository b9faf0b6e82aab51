"""Paged assignment reads (keyset) and the model that fetches them as the view scrolls, on a few thousand rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.domain.enums import Status
from planner.services import assignment_queries as aq
from planner.services import queries
from planner.services.synth import synth
from planner.ui.workspace.assignments_model import AssignmentsModel
from planner.ui.workspace.base_model import IdRole


@pytest.fixture
def synth_db(db):
    synth(db, outlets=40, projects=6, stages=20, per_stage=25, seed=3)  # 3,000 assignments
    return db


def _all_pages(db, flt, descending=False, limit=137):
    out, cursor = [], None
    while True:
        page = aq.page_assignments(db, flt, after=cursor, descending=descending, limit=limit)
        if not page:
            return out
        out.extend(page)
        cursor = aq.cursor_after(page[-1])


def _key(row, descending):
    # dated rows in time order then undated (ascending); the mirror image descending
    # (ties are broken by the order key: the rowid on SQLite)
    if descending:
        return (row.due_at is not None, -(row.due_at.timestamp()) if row.due_at else 0, -row.order_key)
    return (row.due_at is None, row.due_at.timestamp() if row.due_at else 0, row.order_key)


@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_cover_every_row_once_in_order(synth_db, descending):
    rows = _all_pages(synth_db, aq.AssignmentFilter(), descending)
    assert len(rows) == aq.count_assignments(synth_db) == 3000
    assert len({r.id for r in rows}) == 3000
    assert rows == sorted(rows, key=lambda r: _key(r, descending))


def test_filters_match_a_full_read(synth_db):
    db = synth_db
    everything = queries.load_assignments(db)
    project = queries.list_projects(db)[2].project
    in_project = {a.id for a in queries.load_assignments(db, project_id=project.id)}
    some = everything[17]
    crew = next(a for a in everything if a.person_ids)
    person = crew.person_ids[0]
    dated = sorted(a.due_at for a in everything if a.due_at)
    lo, hi = dated[len(dated) // 3], dated[len(dated) // 3] + timedelta(days=20)
    cases = [
        (aq.AssignmentFilter(project_id=project.id), lambda a: a.id in in_project),
        (aq.AssignmentFilter(statuses=(Status.PLANNED, Status.FILED)), lambda a: a.status in (Status.PLANNED, Status.FILED)),
        (aq.AssignmentFilter(outlet_id=some.outlet_id), lambda a: a.outlet_id == some.outlet_id),
        (aq.AssignmentFilter(person_id=person), lambda a: person in a.person_ids),
        (aq.AssignmentFilter(due_from=lo, due_to=hi), lambda a: a.due_at is not None and lo <= a.due_at < hi),
        (aq.AssignmentFilter(project_id=project.id, statuses=(Status.CONFIRMED,)),
         lambda a: a.id in in_project and a.status is Status.CONFIRMED),
    ]
    for flt, keep in cases:
        expected = {a.id for a in everything if keep(a)}
        assert expected, flt
        assert aq.count_assignments(db, flt) == len(expected)
        assert {r.id for r in _all_pages(db, flt)} == expected


def test_rows_carry_names_and_people(synth_db):
    db = synth_db
    crew = next(a for a in queries.load_assignments(db) if a.person_ids)
    row = aq.assignment_row(db, crew.id)
    names = {p.id: p.name for p in queries.list_people(db)}
    assert row is not None and set(row.person_ids) == set(crew.person_ids)
    assert set(row.people) == {names[p] for p in crew.person_ids}
    stage = next(s for s in queries.load_stages(db, row.project_id) if s.id == row.stage_id)
    assert row.stage_title == stage.title and row.stage_position == stage.position
    assert aq.project_of(db, assignment_id=crew.id) == (row.project_id, row.stage_id)
    assert aq.project_of(db, stage_id=row.stage_id) == (row.project_id, row.stage_id)


def test_model_fetches_pages_as_needed(qapp, synth_db):
    model = AssignmentsModel(lambda: synth_db, page_size=250)
    model.set_filter()
    assert model.total == 3000 and model.rowCount() == 250
    fetched = 0
    while model.canFetchMore():
        model.fetchMore()
        fetched += 1
    assert fetched == 11 and model.rowCount() == 3000
    ids = [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]
    assert len(set(ids)) == 3000
    model.sort(AssignmentsModel.DUE, __import__("PySide6.QtCore").QtCore.Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 250 and model.descending
    first, last = model.row_at(0), model.row_at(249)
    assert first.due_at is None or last.due_at is None or first.due_at >= last.due_at


def test_view_scrolling_fetches_more(qtbot, synth_db):
    from PySide6.QtWidgets import QTableView

    model = AssignmentsModel(lambda: synth_db, page_size=100)
    model.set_filter()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    before = model.rowCount()
    for _ in range(5):
        view.scrollToBottom()
        qtbot.wait(5)
    assert model.rowCount() > before
    assert model.rowCount() < 3000  # never everything at once
