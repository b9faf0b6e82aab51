"""Staffing suggestions over a real database: the demo's plans filled without a new finding, apply as
one transaction and one change-log entry, undo and redo, rejections remembered, refusals that
leave the database as it was, and ``planner-cli suggest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.enums import Entity, Format, Role
from planner.domain.errors import PlannerError, StaleError, ValidationError, error_text
from planner.graph.analysis import analyze_plan
from planner.graph.staffing import Weights
from planner.graph.staffing.check import finding_key
from planner.services import assignments, projects, queries
from planner.services.rejections import list_rejections, reject_suggestion
from planner.services.staffing_commands import ApplySuggestions, ForgetRejection, RejectSuggestion
from planner.services.suggestions import apply_suggestions, suggest_staffing
from tests.core.conftest import dump_file

DEMO = ("YKGT-2026", "YJ-2026-07", "TFDJT-2025")


def keys(db, project_id) -> set:  # type: ignore[no-untyped-def]
    plan = queries.load_plan(db, project_id)
    return {finding_key(f) for f in analyze_plan(plan, open_counts=queries.open_assignment_counts(db))}


def log_count(db) -> int:  # type: ignore[no-untyped-def]
    return len(queries.change_log(db, limit=100_000))


@pytest.mark.parametrize("code", DEMO)
def test_demo_plans_filled_without_a_new_finding(demo_db, code: str) -> None:
    project = queries.resolve_project(demo_db, code)
    before = keys(demo_db, project.id)
    result = suggest_staffing(demo_db, project.id)
    assert result.suggestions and result.status == "optimal"
    assert result.objective <= result.greedy_objective + 1e-9
    entries = log_count(demo_db)
    changes = apply_suggestions(demo_db, project_id=project.id, suggestions=result.suggestions)
    assert len(changes.rows) == len(result.suggestions)
    assert log_count(demo_db) == entries + 1
    (entry,) = queries.change_log(demo_db, limit=1)
    assert entry.entity == Entity.SUGGESTION.value and entry.entity_id == project.id
    assert entry.after["count"] == len(result.suggestions) and all(p["why"] for p in entry.after["assignments"].values())
    after = keys(demo_db, project.id)
    assert after - before == set()
    gone = {k[0].value for k in before - after}
    assert gone <= {"uncovered_stage", "missing_format", "no_lead"} and gone
    again = suggest_staffing(demo_db, project.id)
    assert len(again.suggestions) == 0 and again.holes == len(again.unfilled)


def test_apply_is_one_undo_step_and_redo_puts_back_the_same_pieces(demo_db) -> None:
    project = queries.resolve_project(demo_db, "YJ-2026-07")
    original = {a.id for a in queries.load_plan(demo_db, project.id).assignments}
    result = suggest_staffing(demo_db, project.id)
    command = ApplySuggestions(project.id, list(result.suggestions), text="采纳补位建议")
    command.do(demo_db)
    made = set(command.made)
    assert {a.id for a in queries.load_plan(demo_db, project.id).assignments} == original | made
    entries = log_count(demo_db)
    command.undo(demo_db)
    assert {a.id for a in queries.load_plan(demo_db, project.id).assignments} == original
    assert log_count(demo_db) == entries + 1
    command.do(demo_db)
    assert {a.id for a in queries.load_plan(demo_db, project.id).assignments} == original | made
    assert log_count(demo_db) == entries + 2
    people = [a for a in queries.load_plan(demo_db, project.id).assignments if a.id in made and a.person_ids]
    assert len(people) == sum(1 for s in result.suggestions if s.person_ids)


def test_apply_undo_and_redo_keep_the_exchange_metadata(demo_db) -> None:
    """The sync hook sees the applied pieces: a revision each, a tombstone after undo, alive after redo."""
    from planner.services import syncmeta

    def meta(aid):  # type: ignore[no-untyped-def]
        with demo_db.reader() as s:
            return syncmeta.load_meta(s, [aid]).get(aid)

    project = queries.resolve_project(demo_db, "YJ-2026-07")
    result = suggest_staffing(demo_db, project.id)
    command = ApplySuggestions(project.id, list(result.suggestions), text="采纳补位建议")
    command.do(demo_db)
    made = list(command.made)
    first = {aid: meta(aid) for aid in made}
    assert all(m is not None and m.entity is Entity.ASSIGNMENT and not m.deleted and m.scope == project.id
               for m in first.values())
    command.undo(demo_db)
    assert all(meta(aid).deleted for aid in made)
    command.do(demo_db)
    for aid in made:
        again = meta(aid)
        assert not again.deleted and again.rev.last != first[aid].rev.last


def test_undo_is_refused_when_someone_changed_a_piece(demo_db) -> None:
    project = queries.resolve_project(demo_db, "YJ-2026-07")
    result = suggest_staffing(demo_db, project.id)
    command = ApplySuggestions(project.id, list(result.suggestions[:2]))
    command.do(demo_db)
    piece = assignments.get_assignments(demo_db, [command.made[0]])[0]
    assignments.update_assignment(demo_db, piece.id, brief="改由前方记者直播", expected_version=piece.version)
    snapshot = dump_file(demo_db.path)
    with pytest.raises(StaleError):
        command.undo(demo_db)
    assert dump_file(demo_db.path) == snapshot


def test_stale_suggestions_are_refused_and_nothing_is_written(demo_db) -> None:
    project = queries.resolve_project(demo_db, "TFDJT-2025")
    result = suggest_staffing(demo_db, project.id)
    s = result.suggestions[0]
    # meanwhile someone else gives the same outlet the same piece: applying would duplicate it
    assignments.create_assignment(demo_db, stage_id=s.stage_id, outlet_id=s.outlet_id, role=Role.SUPPORT, format=s.format)
    snapshot = dump_file(demo_db.path)
    with pytest.raises(ValidationError) as info:
        apply_suggestions(demo_db, project_id=project.id, suggestions=result.suggestions)
    assert info.value.code == "suggestions_stale"
    assert "重复承担" in error_text(info.value, "zh") and "2 times" in error_text(info.value, "en")
    assert error_text(info.value, "zh").endswith("（2 项）。请重新生成建议。")
    assert dump_file(demo_db.path) == snapshot


def test_a_project_without_stages_and_a_stage_of_another_project(demo_db) -> None:
    empty = projects.create_project(demo_db, title="空项目", kind="event").row
    with pytest.raises(ValidationError) as info:
        suggest_staffing(demo_db, empty.id)
    assert error_text(info.value, "zh") == "项目“空项目”还没有任何环节，无从补位：请先新建环节，或从模板新建项目。"
    rail = queries.resolve_project(demo_db, "YKGT-2026")
    with pytest.raises(ValidationError) as info:
        suggest_staffing(demo_db, rail.id, stage_refs=["首发预警"])
    assert error_text(info.value, "en") == "“首发预警” is not a stage of project “渝昆高铁川渝段开通联合报道”."
    only = suggest_staffing(demo_db, rail.id, stage_refs=["宜宾东站", "1"])
    assert {s.stage_title for s in only.suggestions} <= {"宜宾东站", "重庆西站"}
    assert {s.stage_title for s in only.suggestions} == {"宜宾东站", "重庆西站"}


def test_alliance_and_must_produce_narrow_the_candidates(demo_db) -> None:
    project = queries.resolve_project(demo_db, "YKGT-2026")
    fu = queries.resolve_alliance(demo_db, "涪江流域川渝九地媒体联盟")
    members = {m.outlet_id for m in queries.list_memberships(demo_db, alliance_id=fu.id)}
    result = suggest_staffing(demo_db, project.id, alliance_ids=[fu.id], weights=Weights(travel=1))
    assert result.suggestions and {s.outlet_id for s in result.suggestions} <= members
    assert any("alliance" in u.excluded for u in result.unfilled) or not result.unfilled
    outlets = {o.id: o for o in queries.list_outlets(demo_db)}
    live = suggest_staffing(demo_db, project.id, must_produce=[Format.LIVE, Format.SHORT_VIDEO])
    assert all({Format.LIVE, Format.SHORT_VIDEO} <= set(outlets[s.outlet_id].formats) for s in live.suggestions)


def test_absences_keep_people_and_outlets_out(demo_db) -> None:
    """Availability (the 日程 page's absences): an away person is not proposed; an outlet whose people
    are all away is not proposed; and applying never brings the 人员不在岗 finding."""
    from datetime import timedelta

    from planner.services.availability import create_availability

    project = queries.resolve_project(demo_db, "YJ-2026-07")
    stages = {st.id: st for st in queries.load_stages(demo_db, project.id)}
    first = next(s for s in suggest_staffing(demo_db, project.id).suggestions if s.person_ids)
    st = stages[first.stage_id]
    create_availability(demo_db, person_id=first.person_ids[0], starts_at=st.starts_at - timedelta(hours=1),
                        ends_at=st.ends_at + timedelta(hours=1), reason="年假")
    again = suggest_staffing(demo_db, project.id)
    same = next(s for s in again.suggestions if s.stage_id == first.stage_id and s.format is first.format)
    assert first.person_ids[0] not in same.person_ids
    for person in queries.list_people(demo_db, outlet_id=same.outlet_id):
        if person.active and person.id != first.person_ids[0]:
            create_availability(demo_db, person_id=person.id, starts_at=st.starts_at - timedelta(hours=1),
                                ends_at=st.ends_at + timedelta(hours=1), kind="duty", reason="另有任务")
    third = suggest_staffing(demo_db, project.id)
    assert (first.stage_id, same.outlet_id) not in {(s.stage_id, s.outlet_id) for s in third.suggestions}
    before = keys(demo_db, project.id)
    apply_suggestions(demo_db, project_id=project.id, suggestions=third.suggestions)
    assert keys(demo_db, project.id) - before == set()


def test_rejections_are_remembered_for_the_project(demo_db) -> None:
    project = queries.resolve_project(demo_db, "YKGT-2026")
    first = suggest_staffing(demo_db, project.id).suggestions[0]
    command = RejectSuggestion(project.id, first.outlet_id, "该单位当天另有直播任务", stage_id=first.stage_id)
    command.do(demo_db)
    (row,) = list_rejections(demo_db, project.id)
    assert row.reason == "该单位当天另有直播任务" and row.stage_title == first.stage_title
    again = suggest_staffing(demo_db, project.id)
    assert (first.stage_id, first.outlet_id) not in {(s.stage_id, s.outlet_id) for s in again.suggestions}
    with pytest.raises(ValidationError) as info:
        reject_suggestion(demo_db, project_id=project.id, outlet_id=first.outlet_id, stage_id=first.stage_id,
                          reason="再说一次")
    assert info.value.code == "rejection_exists" and first.outlet_name in error_text(info.value, "zh")
    with pytest.raises(ValidationError) as info:
        reject_suggestion(demo_db, project_id=project.id, outlet_id=first.outlet_id, reason="  ")
    assert info.value.code == "empty"
    other = queries.resolve_project(demo_db, "YJ-2026-07")
    other_stage = queries.load_stages(demo_db, other.id)[0]
    with pytest.raises(ValidationError) as info:
        reject_suggestion(demo_db, project_id=project.id, outlet_id=first.outlet_id, stage_id=other_stage.id, reason="x")
    assert info.value.code == "stage_not_in_project"
    command.undo(demo_db)
    assert list_rejections(demo_db, project.id) == []
    command.do(demo_db)
    (row,) = list_rejections(demo_db, project.id)
    forget = ForgetRejection(row.id, row.version)
    forget.do(demo_db)
    assert list_rejections(demo_db, project.id) == []
    forget.undo(demo_db)
    assert [r.id for r in list_rejections(demo_db, project.id)] == [row.id]


# -- the command line ---------------------------------------------------------------------------------
def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_suggest_json_and_apply(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db_path)
    before = dump_file(demo_db_path)
    code, out, _ = run(capsys, "suggest", "--db", db, "--project", "YJ-2026-07", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "optimal" and data["suggestions"] and data["applied"] == []
    assert data["objective"] <= data["greedy_objective"]
    first = data["suggestions"][0]
    assert first["text_zh"].startswith(first["outlet"] + "：") and first["text_en"].startswith(first["outlet"] + ": ")
    assert dump_file(demo_db_path) == before  # read-only without --apply
    code, out, _ = run(capsys, "suggest", "--db", db, "--project", "YJ-2026-07", "--apply")
    assert code == 0 and f"已新增 {len(data['suggestions'])} 项任务（记为一条修改记录）" in out
    assert "求解" in out and "逐项挑选基线" in out
    from planner.store.database import open_database

    with open_database(demo_db_path) as opened:
        (entry,) = queries.change_log(opened, limit=1)
        assert entry.entity == "suggestion" and entry.after["count"] == len(data["suggestions"])
        assert len([e for e in queries.change_log(opened, limit=100_000) if e.entity == "suggestion"]) == 1
    code, out, _ = run(capsys, "--lang", "en", "suggest", "--db", db, "--project", "YJ-2026-07", "--apply")
    assert code == 0 and "No gaps to fill" in out


@pytest.mark.parametrize(("argv", "message"), [
    (("--weights", "travel=2,travel=1"), "权重 travel 给了两个不同的值（2 和 1），请只留一个。"),
    (("--weights", "speed=1"), "未知的权重“speed”，可用：travel, load, cross_province, vertical, isolated。"),
    (("--weights", "travel=0,load=0,cross_province=0,vertical=0,isolated=0"), "所有权重都为 0"),
    (("--stages", "首发预警"), "“首发预警”不是项目“渝昆高铁川渝段开通联合报道”的环节。"),
    (("--alliance", "没有这个联合体"), "找不到联合体：没有这个联合体"),
    (("--time-limit", "0"), "--time-limit"),
])
def test_cli_bad_input_is_one_line_and_writes_nothing(capsys, demo_db_path: Path, argv, message) -> None:  # type: ignore[no-untyped-def]
    before = dump_file(demo_db_path)
    code, out, err = run(capsys, "suggest", "--db", str(demo_db_path), "--project", "YKGT-2026", "--apply", *argv)
    assert code == 1 and message in err and err.count("\n") == 1 and "Traceback" not in err and not out
    assert dump_file(demo_db_path) == before


def test_cli_project_without_stages(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planner.store.database import open_database

    with open_database(demo_db_path) as opened:
        projects.create_project(opened, title="空项目", code="EMPTY-1", kind="event")
    code, _, err = run(capsys, "--lang", "en", "suggest", "--db", str(demo_db_path), "--project", "EMPTY-1")
    assert code == 1 and err.strip() == ("planner-cli: Project “空项目” has no stages, so there is nothing to fill: "
                                         "add stages or start from a template.")


def test_messages_of_every_new_code_exist_in_both_languages() -> None:
    for code, params in [("weight_unknown", {"name": "x", "known": "travel"}), ("no_suggestions", {}),
                         ("suggestions_stale", {"finding": "甲。", "finding_en": "A."}),
                         ("rejection_exists", {"outlet": "甲", "where": "整个项目", "where_en": "the whole project"})]:
        err = PlannerError(code, **params)
        zh, en = error_text(err, "zh"), error_text(err, "en")
        assert zh != "操作失败。" and en != "The operation failed." and "{" not in zh + en
