"""The emergency fast path end to end on the demo: a place and a time → the template's stages at that
place from that moment, the nearest live-and-short-video outlets proposed for each stage, the plan
written as one undo step, reply sheets written and read back; bad input refused with one message and
nothing written."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from planner.domain.enums import AllianceKind, Format, ProjectKind
from planner.domain.errors import PlannerError, error_text
from planner.domain.places import places
from planner.domain.timefmt import PLAN_TZ
from planner.graph.analysis import analyze_plan
from planner.services import queries
from planner.services.emergency import MUST_PRODUCE, StartEmergency, draft_emergency
from planner.services.exchange.reply_export import export_reply_sheets
from planner.services.exchange.reply_sheet_read import read_reply_sheet
from planner.services.templates import TEMPLATES
from tests.core.conftest import dump_file

AT = datetime(2026, 12, 1, 14, 30, tzinfo=PLAN_TZ)


def test_place_and_time_become_a_staffed_plan_and_sheets(demo_db, tmp_path) -> None:
    draft = draft_emergency(demo_db, place="宜宾市", at="2026-12-01 14:30")
    yibin = places().resolve("宜宾市")
    assert draft.project.kind is ProjectKind.EMERGENCY and "宜宾市" in draft.project.title
    assert [s.title for s in draft.stages] == [s.title for s in TEMPLATES["emergency"].stages]
    assert all(s.adcode == yibin.adcode for s in draft.stages)
    assert draft.stages[0].starts_at == AT
    for before, after in zip(draft.stages, draft.stages[1:], strict=False):  # a follower never starts before
        if after.depends_on:
            assert after.starts_at >= before.ends_at
    result = draft.result
    assert result.status == "optimal" and result.suggestions and not result.unfilled
    outlets = {o.id: o for o in queries.list_outlets(demo_db)}
    for s in result.suggestions:
        assert set(MUST_PRODUCE) <= set(outlets[s.outlet_id].formats)
    # every stage gets a lead and every required format
    for st in draft.stages:
        mine = [s for s in result.suggestions if s.stage_id == st.id]
        assert any(s.role.value == "lead" for s in mine)
        assert set(draft.project.required_formats) <= {s.format for s in mine}

    projects_before = len(queries.list_projects(demo_db))
    command = StartEmergency(draft, text="新建突发联动")
    changes = command.do(demo_db)
    pid = changes.row.id
    plan = queries.load_plan(demo_db, pid)
    assert len(plan.assignments) == len(result.suggestions) and len(plan.stages) == len(draft.stages)
    assert [d for s in plan.stages for d in s.depends_on] == [d for s in draft.stages for d in s.depends_on]
    kinds = {f.kind.value for f in analyze_plan(plan, open_counts=queries.open_assignment_counts(demo_db))}
    assert not kinds & {"uncovered_stage", "missing_format", "no_lead", "starts_before_prerequisite", "over_capacity"}

    sheets = export_reply_sheets(demo_db, pid, tmp_path)
    assert len(sheets) == len({s.outlet_id for s in result.suggestions})
    for path in sheets:
        sheet = read_reply_sheet(path)
        assert str(pid) in sheet.meta.values() and sheet.rows

    command.undo(demo_db)
    assert len(queries.list_projects(demo_db)) == projects_before
    command.do(demo_db)
    assert {a.id for a in queries.load_plan(demo_db, pid).assignments} == {a.id for a in plan.assignments}


def test_nearest_outlets_come_first(demo_db) -> None:
    far = draft_emergency(demo_db, place="宜宾市", at=AT, title="宜宾")
    near = draft_emergency(demo_db, place="万州区", at=AT, title="万州")
    province = {o.id: o.province_code for o in queries.list_outlets(demo_db)}
    leads_far = {province[s.outlet_id] for s in far.result.suggestions if s.role.value == "lead"}
    leads_near = {province[s.outlet_id] for s in near.result.suggestions if s.role.value == "lead"}
    assert leads_far == {"51"} and leads_near == {"50"}  # Sichuan for 宜宾, Chongqing for 万州


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"place": ""}, "地点"),
    ({"place": "不存在的地方"}, "不存在的地方"),
    ({"place": "宜宾市", "at": "明天下午"}, "明天下午"),
    ({"place": "宜宾市", "title": "渝昆高铁川渝段开通联合报道"}, "渝昆高铁川渝段开通联合报道"),
])
def test_bad_input_is_one_message_and_writes_nothing(demo_db, kwargs, needle) -> None:
    snapshot = dump_file(demo_db.path)
    with pytest.raises(PlannerError) as caught:
        draft_emergency(demo_db, **kwargs)
    assert needle in error_text(caught.value, "zh") and error_text(caught.value, "en")
    assert dump_file(demo_db.path) == snapshot


def test_no_capable_outlet_says_which_constraint(demo_db) -> None:
    from planner.services import alliances

    empty = alliances.create_alliance(demo_db, name="空联合体", kind=AllianceKind.REGIONAL).row
    draft = draft_emergency(demo_db, place="宜宾市", at=AT + timedelta(days=1), alliance_ids=[empty.id])
    assert not draft.result.suggestions and draft.result.unfilled
    assert all(u.cause == "no_candidate" and u.excluded.get("alliance") for u in draft.result.unfilled)
    assert Format.LIVE in MUST_PRODUCE


def test_cli_emergency_dry_run_then_written_with_sheets(capsys, demo_db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from planner.cli import main
    from planner.store.database import open_database

    snapshot = dump_file(demo_db_path)
    assert main(["emergency", "--db", str(demo_db_path), "--place", "万州区", "--at", "2026-12-02 08:00",
                 "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert not shown["written"] and shown["suggestions"] and len(shown["stages"]) == 5
    assert dump_file(demo_db_path) == snapshot
    folder = tmp_path / "sheets"
    folder.mkdir()
    assert main(["emergency", "--db", str(demo_db_path), "--place", "万州区", "--at", "2026-12-02 08:00",
                 "--sheets", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "已建立项目" in out and len(list(folder.glob("*.xlsx"))) >= 1
    with open_database(demo_db_path) as db:
        made = next(p for p in queries.list_projects(db) if "万州区" in p.project.title)
        assert made.project.kind is ProjectKind.EMERGENCY
    assert main(["emergency", "--db", str(demo_db_path), "--place", "火星"]) == 1
    assert "火星" in capsys.readouterr().err
