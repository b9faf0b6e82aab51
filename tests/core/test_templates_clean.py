"""A project from a template has no findings of its own making: only "nobody covers this stage
yet", which the editor is about to fix (the infrastructure template used to warn that 前方体验采访
starts before 开通仪式 ends). Every station gets a place, or the call says which one has none."""

from __future__ import annotations

import pytest

from planner.domain.errors import ValidationError, error_text
from planner.domain.findings import FindingKind, finding_text
from planner.graph.analysis import analyze_plan
from planner.services import queries, templates


@pytest.mark.parametrize("key", sorted(templates.TEMPLATES))
@pytest.mark.parametrize("starts_on", ["2026-12-01", "2027-02-28"])
def test_a_template_plan_only_lacks_coverage(db, key, starts_on) -> None:  # type: ignore[no-untyped-def]
    stations = [("重庆西站", "沙坪坝区"), ("永川东", "500118"), "荣昌区", ("成都东站", "成都市"), ("宜宾西", "叙州区")] \
        if templates.TEMPLATES[key].places_before else []
    row = templates.create_from_template(db, template=key, title=f"模板-{key}", starts_on=starts_on,
                                         stations=stations).row
    plan = queries.load_plan(db, row.id)
    findings = analyze_plan(plan)
    own = [finding_text(f) for f in findings if f.kind is not FindingKind.UNCOVERED_STAGE]
    assert own == []
    assert len(findings) == len(plan.stages)
    assert all(s.adcode for s in plan.stages if s.kind.value == "place")  # every station has its place


def test_a_station_that_is_no_place_is_refused_not_left_blank(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        templates.create_from_template(db, template="infrastructure", title="渝昆", stations=["重庆西", "成都东站"])
    assert err.value.code == "station_place" and err.value.field == "stations"
    assert "重庆西" in error_text(err.value) and "choose the place" in error_text(err.value, "en")
    assert queries.list_projects(db) == []  # nothing written


def test_a_desk_working_in_english_gets_an_english_plan(db) -> None:  # type: ignore[no-untyped-def]
    row = templates.create_from_template(db, template="infrastructure", title="Chongqing–Kunming HSR",
                                         starts_on="2026-12-26", lang="en",
                                         stations=[("Chongqing West", "沙坪坝区"), ("永川东", "500118")]).row
    plan = queries.load_plan(db, row.id)
    assert plan.project.summary == templates.TEMPLATES["infrastructure"].description_en
    titles = [s.title for s in plan.stages]
    assert titles[:2] == ["Chongqing West", "永川东站"]  # 站 only after a Chinese name
    assert titles[2:] == [s.title_en for s in templates.TEMPLATES["infrastructure"].stages]
    assert [f for f in analyze_plan(plan) if f.kind is not FindingKind.UNCOVERED_STAGE] == []
