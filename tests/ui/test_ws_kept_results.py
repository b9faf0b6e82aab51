"""Opening a project nobody changed gives its kept findings and matrix (``loader.KEPT``) without
working them out again; any change to what they are made of works them out afresh."""

from __future__ import annotations

import pytest

from planner.graph import analysis
from planner.services import coverage, queries
from planner.services.assignments import create_assignment, update_assignment
from planner.services.settings import set_travel_kmh, travel_kmh
from planner.ui.workspace import loader


class _Progress:
    def check(self) -> None:
        pass


@pytest.fixture()
def counted(monkeypatch):  # type: ignore[no-untyped-def]
    """Calls of the analysis and of the matrix build, by name."""
    calls: list[str] = []
    real_analysis, real_matrix = analysis.analyze_plan, coverage.plan_matrix
    monkeypatch.setattr(analysis, "analyze_plan", lambda *a, **k: calls.append("analysis") or real_analysis(*a, **k))
    monkeypatch.setattr(coverage, "plan_matrix", lambda plan: calls.append("matrix") or real_matrix(plan))
    loader.KEPT.clear()  # the demo's ids repeat from test to test
    yield calls
    loader.KEPT.clear()


def _fresh(db, project_id):  # type: ignore[no-untyped-def]
    """What the load must give: the findings and matrix worked out from a plan read now."""
    plan = queries.load_plan(db, project_id)
    counts = queries.open_assignment_counts(db, outlet_ids=plan.outlets)
    return (tuple(analysis.analyze_plan(plan, travel_kmh=travel_kmh(db), open_counts=counts)),
            coverage.plan_matrix(plan))


def _load(db, project_id):  # type: ignore[no-untyped-def]
    data = loader.load_project(_Progress(), db, project_id)
    return data.findings, data.matrix


def test_an_unchanged_project_gets_its_findings_and_matrix_again(demo_db, counted) -> None:
    project = max(queries.list_projects(demo_db), key=lambda s: s.assignments).project
    first = _load(demo_db, project.id)
    assert counted == ["analysis", "matrix"]
    again = loader.load_project(_Progress(), demo_db, project.id)
    assert counted == ["analysis", "matrix"]  # nothing worked out again
    assert (again.findings, again.matrix) == first
    assert again.plan == queries.load_plan(demo_db, project.id, staff=False)  # as the workspace reads it
    counted.clear()
    assert (again.findings, again.matrix) == _fresh(demo_db, project.id)


def test_any_change_to_what_they_are_made_of_works_them_out_again(demo_db, counted) -> None:
    projects = sorted(queries.list_projects(demo_db), key=lambda s: -s.assignments)
    project, other = projects[0].project, projects[1].project
    _load(demo_db, project.id)
    plan = queries.load_plan(demo_db, project.id)

    def reloaded() -> None:
        counted.clear()
        got = _load(demo_db, project.id)
        assert counted == ["analysis", "matrix"]
        counted.clear()
        assert got == _fresh(demo_db, project.id)

    # a row of the plan
    piece = plan.assignments[0]
    update_assignment(demo_db, piece.id, brief=piece.brief + " (changed)")
    reloaded()
    # the travel speed (a setting, not a row of the plan)
    set_travel_kmh(demo_db, travel_kmh(demo_db) / 2)
    reloaded()
    # another project's open work on one of this plan's outlets (the capacity rule's counts)
    other_stage = queries.load_plan(demo_db, other.id).stages[0]
    create_assignment(demo_db, stage_id=other_stage.id, outlet_id=piece.outlet_id, role="support", format="text")
    reloaded()
    # and unchanged again: kept
    counted.clear()
    _load(demo_db, project.id)
    assert counted == []


def test_only_a_few_projects_are_kept(demo_db, counted) -> None:
    projects = [s.project for s in queries.list_projects(demo_db)]
    assert len(projects) >= 2
    kept = loader.KeptResults(limit=1)
    plan = queries.load_plan(demo_db, projects[0].id)
    kept.put(projects[0].id, (plan,), (), coverage.plan_matrix(plan))
    assert kept.get(projects[0].id, (plan,)) is not None
    other = queries.load_plan(demo_db, projects[1].id)
    kept.put(projects[1].id, (other,), (), coverage.plan_matrix(other))
    assert kept.get(projects[0].id, (plan,)) is None and kept.get(projects[1].id, (other,)) is not None


def test_loads_in_several_threads_keep_it_bounded_and_whole() -> None:
    """Two loads run at once when the editor switches projects quickly; nothing kept is torn or grows."""
    import threading
    import uuid

    kept = loader.KeptResults(limit=3)
    errors: list[BaseException] = []
    ids = [uuid.uuid4() for _ in range(8)]

    def churn(offset: int) -> None:
        try:
            for i in range(3000):
                pid = ids[(i + offset) % len(ids)]
                kept.put(pid, (i,), (), None)  # type: ignore[arg-type]
                got = kept.get(pid, (i,))
                assert got is None or got == ((), None)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=churn, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(kept._kept) <= 3
    none = loader.KeptResults(limit=0)
    none.put(ids[0], (1,), (), None)  # type: ignore[arg-type]
    assert none.get(ids[0], (1,)) is None
