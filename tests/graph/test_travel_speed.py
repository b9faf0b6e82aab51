"""The travel speed of the travel-time rule: one setting per database, used by the CLI, the exports
and the app alike; a bad value is refused and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from planner.cli import main
from planner.domain.errors import ValidationError
from planner.domain.findings import FindingKind
from planner.graph.analysis import analyze_plan
from planner.services import queries
from planner.services.assignments import create_assignment
from planner.services.outlets import create_outlet
from planner.services.people import create_person
from planner.services.projects import create_project
from planner.services.settings import DEFAULT_TRAVEL_KMH, set_setting, set_travel_kmh, travel_kmh
from planner.services.stages import create_stage

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def far_apart(db):
    """One reporter at 荣昌 and then, an hour after it ends, at 宜宾 (~170 km away)."""
    rc = create_outlet(db, name="荣昌区融媒体中心", tier="county", adcode="500153").row
    zhang = create_person(db, outlet_id=rc.id, name="张敏", role="reporter").row
    project = create_project(db, title="巴蜀陶韵联合报道", code="TY-1").row
    first = create_stage(db, project_id=project.id, title="荣昌陶博物馆", adcode="500153",
                         starts_at=T0, ends_at=T0 + timedelta(hours=2)).row
    second = create_stage(db, project_id=project.id, title="宜宾东站", adcode="511502",
                          starts_at=T0 + timedelta(hours=3), ends_at=T0 + timedelta(hours=5)).row
    for st in (first, second):
        create_assignment(db, stage_id=st.id, outlet_id=rc.id, role="lead", format="text", person_ids=[zhang.id])
    return db, project


def _travel_findings(db, project) -> list:
    plan = queries.load_plan(db, project.id)
    found = analyze_plan(plan, travel_kmh=travel_kmh(db))
    return [f for f in found if f.kind is FindingKind.TRAVEL_TOO_FAR]


def test_the_setting_decides_the_rule(far_apart):
    db, project = far_apart
    assert travel_kmh(db) == DEFAULT_TRAVEL_KMH
    assert len(_travel_findings(db, project)) == 1
    changes = set_travel_kmh(db, 300)
    assert changes.updated and travel_kmh(db) == 300
    assert _travel_findings(db, project) == []


@pytest.mark.parametrize("bad", [0, -5, 4.9, 401, "fast", None, float("nan")])
def test_bad_speeds_are_refused_and_change_nothing(db, bad):
    set_travel_kmh(db, 120)
    with pytest.raises(ValidationError) as info:
        set_travel_kmh(db, bad)
    assert info.value.field == "travel.kmh"
    assert travel_kmh(db) == 120


def test_a_damaged_stored_value_falls_back_to_the_default(db):
    set_setting(db, "travel.kmh", "abc")
    assert travel_kmh(db) == DEFAULT_TRAVEL_KMH
    set_setting(db, "travel.kmh", "100000")
    assert travel_kmh(db) == DEFAULT_TRAVEL_KMH


def test_cli_gaps_uses_the_database_setting_unless_told(far_apart, capsys):
    db, _project = far_apart
    path = str(db.path)
    set_travel_kmh(db, 300)
    db.close()
    assert main(["gaps", "--db", path, "--project", "TY-1", "--json"]) == 0
    assert "travel_too_far" not in capsys.readouterr().out
    assert main(["gaps", "--db", path, "--project", "TY-1", "--travel-kmh", "60", "--json"]) == 0
    assert "travel_too_far" in capsys.readouterr().out
    assert main(["gaps", "--db", path, "--project", "TY-1", "--travel-kmh", "0"]) == 1
    err = capsys.readouterr().err
    assert "行程速度" in err and "Traceback" not in err
