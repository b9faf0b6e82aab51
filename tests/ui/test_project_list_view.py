"""The project list's table measures its rows once per change: its resize-to-contents columns asked
for each width three times when the list was filled, each measuring up to 1,000 rows (~0.25 s a time
on 1,000 projects). The widths stay exactly those of a plain ``QTableView`` through fills, filters
and wider numbers."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from planner.services import queries
from planner.ui.workspace.project_list_model import ProjectListModel, ProjectListView

pytestmark = pytest.mark.qt


def _summaries(db, n):  # type: ignore[no-untyped-def]
    base = queries.list_projects(db)
    out = []
    for i in range(n):
        s = base[i % len(base)]
        project = dataclasses.replace(s.project, id=uuid.uuid4(), title=f"{s.project.title} {i}")
        out.append(dataclasses.replace(s, project=project, assignments=i))
    return out


def _table(cls, qtbot, lang="zh"):  # type: ignore[no-untyped-def]
    model = ProjectListModel(lang)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(ProjectListModel.TITLE)
    view = cls()
    view.setModel(proxy)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ProjectListModel.TITLE, QHeaderView.ResizeMode.Stretch)
    view.resize(400, 500)
    qtbot.addWidget(view)
    view._keep = (model, proxy)  # type: ignore[attr-defined]
    return view, model, proxy


def _widths(view) -> list[int]:  # type: ignore[no-untyped-def]
    return [view.horizontalHeader().sectionSize(c) for c in range(4)]


def test_filling_the_list_measures_each_row_once(qtbot, demo_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view, model, _proxy = _table(ProjectListView, qtbot)
    rows = _summaries(demo_db, 300)
    asked: list[int] = []
    cell = model.cell
    monkeypatch.setattr(model, "cell", lambda row, column, role: (
        asked.append(column) if column == ProjectListModel.ASSIGNMENTS and role == Qt.ItemDataRole.DisplayRole
        else None) or cell(row, column, role))
    view.hide()
    model.set_rows(rows)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    # one measure of all the rows, and the paints' reads of the ~20 rows in view (three measures before)
    assert len(rows) <= len(asked) < 1.5 * len(rows), len(asked)


def test_the_widths_are_those_of_a_plain_table(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    kept, kept_model, kept_proxy = _table(ProjectListView, qtbot)
    plain, plain_model, plain_proxy = _table(QTableView, qtbot)
    rows = _summaries(demo_db, 60)
    for view in (kept, plain):
        view.show()
        qtbot.waitExposed(view)

    def same() -> None:
        qtbot.wait(30)
        assert _widths(kept) == _widths(plain)

    for model in (kept_model, plain_model):
        model.set_rows(rows)
    same()
    wider = [*rows[:-1], dataclasses.replace(rows[-1], assignments=123456789)]  # off screen, at the end
    for model in (kept_model, plain_model):
        model.set_rows(wider)
    same()
    assert _widths(kept)[ProjectListModel.ASSIGNMENTS] > _widths(plain)[ProjectListModel.STAGES]
    for proxy in (kept_proxy, plain_proxy):
        proxy.setFilterFixedString(" 1")  # fewer rows, without the wide one
    same()
    for proxy in (kept_proxy, plain_proxy):
        proxy.setFilterFixedString("")
    same()
    for view in (kept, plain):
        view.scrollToBottom()
        view.resize(420, 300)
    same()
