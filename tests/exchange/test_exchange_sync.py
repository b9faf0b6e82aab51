"""Exchange v2, defect by defect (issue #12): desks converge and no edit is lost.

Three desks: the demo database (A) and two empty ones (B, C), each with its own desk id.
"""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile
from pathlib import Path

import pytest

from planner.domain.enums import Status
from planner.services import assignments, outlets, people, projects, stages
from planner.services.exchange import BundleError, bundle_documents, export_bundle, import_bundle, read_bundle
from planner.services.exchange.state import decided_conflicts
from planner.services.files import list_backups
from planner.services.queries import list_outlets, list_projects, load_plan
from planner.store.database import open_database
from tests.exchange.conftest import dump

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def desk_c(tmp_path):
    database = open_database(tmp_path / "desk_c.db")
    yield database
    database.close()


def _project(db):  # type: ignore[no-untyped-def]
    return next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")


def _send(src, dst, tmp_path, name, **kwargs):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.jcp"
    export_bundle(src, _project(src).id, path)
    return import_bundle(dst, path, **kwargs), path


def _assignment(db, aid):  # type: ignore[no-untyped-def]
    return next(a for a in load_plan(db, _project(db).id).assignments if a.id == aid)


def test_1_a_late_older_bundle_never_rolls_back(demo_db, desk_b, tmp_path):
    _send(demo_db, desk_b, tmp_path, "a0")
    a = next(x for x in load_plan(demo_db, _project(demo_db).id).assignments if x.status is Status.PLANNED)
    assignments.set_status(demo_db, a.id, status="declined", reason="人手不足")
    export_bundle(demo_db, _project(demo_db).id, tmp_path / "a1.jcp")
    assignments.set_status(demo_db, a.id, status="cancelled", reason="环节取消")
    _send(demo_db, desk_b, tmp_path, "a2")
    assert _assignment(desk_b, a.id).status is Status.CANCELLED
    before = dump(desk_b)
    late = import_bundle(desk_b, tmp_path / "a1.jcp")  # the older bundle arrives after the newer one
    assert late.plan.stale and not late.plan.conflicts
    assert _assignment(desk_b, a.id).status is Status.CANCELLED
    assert dump(desk_b) == before


def test_2_two_assignments_with_the_same_stage_outlet_role_and_format_stay_two(demo_db, desk_b, tmp_path):
    plan = load_plan(demo_db, _project(demo_db).id)
    first = plan.assignments[0]
    twin = assignments.create_assignment(demo_db, stage_id=first.stage_id, outlet_id=first.outlet_id,
                                         role=first.role, format=first.format, brief="第二份稿件").row
    _, path = _send(demo_db, desk_b, tmp_path, "a1")
    assert (_assignment(desk_b, first.id).brief, _assignment(desk_b, twin.id).brief) == (first.brief, "第二份稿件")
    before = dump(desk_b)
    again = import_bundle(desk_b, path)
    assert not again.written and dump(desk_b) == before


def test_3_edits_of_different_fields_merge_without_a_conflict(demo_db, desk_b, tmp_path):
    _send(demo_db, desk_b, tmp_path, "a0")
    a = load_plan(demo_db, _project(demo_db).id).assignments[0]
    assignments.update_assignment(demo_db, a.id, brief="A 改说明")
    assignments.update_assignment(desk_b, a.id, notes="B 加备注")
    result, _ = _send(demo_db, desk_b, tmp_path, "a1")
    assert not result.plan.conflicts
    _send(desk_b, demo_db, tmp_path, "b1")
    for db in (demo_db, desk_b):
        row = _assignment(db, a.id)
        assert (row.brief, row.notes) == ("A 改说明", "B 加备注")


def test_4_the_first_exchange_with_a_new_peer_gives_no_false_conflicts(demo_db, desk_b, desk_c, tmp_path):
    """A → B → C → A: three changes made at B reach A through C, whom A never met."""
    _send(demo_db, desk_b, tmp_path, "a0")
    plan = load_plan(desk_b, _project(desk_b).id)
    stages.update_stage(desk_b, plan.stages[0].id, notes="B 的说明")
    assignments.update_assignment(desk_b, plan.assignments[1].id, brief="B 的任务说明")
    assignments.update_assignment(desk_b, plan.assignments[2].id, deliverable_url="https://b.example/x")
    _send(desk_b, desk_c, tmp_path, "b1")
    result, _ = _send(desk_c, demo_db, tmp_path, "c1")
    assert not result.plan.conflicts and result.plan.count("update") == 3
    assert load_plan(demo_db, plan.project.id).stages[0].notes == "B 的说明"


def test_5_a_name_match_is_remembered_across_renames(demo_db, desk_b, tmp_path):
    plan = load_plan(demo_db, _project(demo_db).id)
    person = next(p for p in plan.people.values())
    outlet = plan.outlets[person.outlet_id]
    mine_outlet = outlets.create_outlet(desk_b, name=outlet.name, tier=outlet.tier).row
    mine_person = people.create_person(desk_b, outlet_id=mine_outlet.id, name=person.name, role=person.role).row
    _send(demo_db, desk_b, tmp_path, "a1", prefer="mine")
    outlets.update_outlet(desk_b, mine_outlet.id, name=outlet.name + "（改名）")
    people.update_person(desk_b, mine_person.id, name=person.name + "（改名）")
    again, _ = _send(demo_db, desk_b, tmp_path, "a2", prefer="mine")
    assert again.plan.count("add") == 0
    from planner.services.queries import list_outlets, list_people

    assert len([o for o in list_outlets(desk_b) if o.name.startswith(outlet.name)]) == 1
    assert len([p for p in list_people(desk_b, outlet_id=mine_outlet.id) if p.name.startswith(person.name)]) == 1
    project = load_plan(desk_b, plan.project.id)
    assert all(a.outlet_id != outlet.id for a in project.assignments)  # they point to our outlet


def test_6_a_different_project_with_the_same_code_is_not_merged_into_it(demo_db, desk_b, tmp_path):
    emergency = projects.create_project(desk_b, title="川渝交界强降雨应急联动报道", code="YKGT-2026",
                                        kind="emergency").row
    before = dump(desk_b)
    with pytest.raises(BundleError) as err:
        _send(demo_db, desk_b, tmp_path, "a1")
    assert err.value.reason == "project_clash"
    assert "川渝交界强降雨应急联动报道" in err.value.text("zh") and "YKGT-2026" in err.value.text("en")
    assert dump(desk_b) == before
    assert load_plan(desk_b, emergency.id).stages == ()


def test_7_deletions_travel_and_an_edit_of_a_deleted_record_is_a_conflict(demo_db, desk_b, desk_c, tmp_path):
    _send(demo_db, desk_b, tmp_path, "a0")
    _send(demo_db, desk_c, tmp_path, "a0c")
    plan = load_plan(demo_db, _project(demo_db).id)
    gone, edited = plan.assignments[0], plan.assignments[1]
    assignments.delete_assignment(demo_db, gone.id)
    assignments.delete_assignment(demo_db, edited.id)
    assignments.update_assignment(desk_b, edited.id, brief="B 还在派人")
    result, path = _send(demo_db, desk_c, tmp_path, "a1")
    assert result.plan.count("delete") == 2  # C had changed neither: both deletions apply
    assert {gone.id, edited.id}.isdisjoint(a.id for a in load_plan(desk_c, plan.project.id).assignments)
    with pytest.raises(BundleError):
        import_bundle(desk_b, path)  # B edited one of them: never dropped silently
    preview = import_bundle(desk_b, path, dry_run=True).plan
    [item] = preview.conflicts
    assert item.local_id == edited.id and item.conflicts[0].field == "_deleted"
    assert next(i for i in preview.items if i.local_id == gone.id).action == "delete"
    import_bundle(desk_b, path, prefer="mine")  # B keeps its edit: the assignment comes back everywhere
    assert _assignment(desk_b, edited.id).brief == "B 还在派人"
    _send(desk_b, demo_db, tmp_path, "b1")
    assert _assignment(demo_db, edited.id).brief == "B 还在派人"
    assert [c.chosen for c in decided_conflicts(desk_b, edited.id)] == ["mine"]


def test_8_the_real_editor_and_the_revision_travel_unchanged(demo_db, desk_b, desk_c, tmp_path):
    from planner.services.settings import set_desk

    set_desk(demo_db, editor="王编辑", outlet_id=None)
    set_desk(desk_b, editor="李值班", outlet_id=None)
    stage = load_plan(demo_db, _project(demo_db).id).stages[0]
    stages.update_stage(demo_db, stage.id, notes="王编辑写的")
    _send(demo_db, desk_b, tmp_path, "a1")
    docs_b = bundle_documents(desk_b, _project(desk_b).id)
    record = next(r for r in docs_b["stages.json"] if r["id"] == str(stage.id))
    docs_a = bundle_documents(demo_db, _project(demo_db).id)
    assert record == next(r for r in docs_a["stages.json"] if r["id"] == str(stage.id))
    assert record["updated_by"] == "王编辑" and "version" not in record
    assert all("rev" in d for d in docs_b["stage_dependencies.json"]) and docs_b["stage_dependencies.json"]


def test_9_references_to_records_the_receiver_has_and_a_clear_error_when_not(demo_db, desk_b, tmp_path):
    _send(demo_db, desk_b, tmp_path, "a0")
    docs = bundle_documents(demo_db, _project(demo_db).id)
    a = docs["assignments.json"][0]
    outlet = next(o for o in docs["outlets.json"] if o["id"] == a["outlet_id"])
    # a bundle that leaves out an outlet (and its people) the receiver already has
    docs["outlets.json"] = [o for o in docs["outlets.json"] if o["id"] != outlet["id"]]
    docs["people.json"] = [p for p in docs["people.json"] if p["outlet_id"] != outlet["id"]]
    docs["memberships.json"] = [m for m in docs["memberships.json"] if m["outlet_id"] != outlet["id"]]
    for o in docs["outlets.json"]:
        if o.get("parent_id") == outlet["id"]:
            o["parent_id"] = None
    for name in ("outlets", "people", "memberships"):
        docs["manifest.json"]["counts"][name] = len(docs[f"{name}.json"])
    path = _zip(tmp_path / "partial.jcp", docs)
    assert import_bundle(desk_b, path).plan is not None
    with open_database(tmp_path / "empty.db") as empty, pytest.raises(BundleError) as err:
        import_bundle(empty, path)
    assert err.value.reason == "dangling"
    assert outlet["id"] in err.value.text("en") and "outlet" in err.value.text("en")


def _zip(path: Path, docs: dict) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False))
    return path


def test_version_1_bundles_still_import(desk_b, tmp_path):
    path = tmp_path / "v1.jcp"
    shutil.copy(DATA / "bundle-v1-ykgt.jcp", path)
    bundle = read_bundle(path)
    assert bundle.format_version == 1
    result = import_bundle(desk_b, bundle)
    assert result.written and result.plan.count("add") == sum(len(r) for r in bundle.records.values())
    before = dump(desk_b)
    assert not import_bundle(desk_b, path).written and dump(desk_b) == before
    # what came from a format-1 bundle travels on in format 2
    out = tmp_path / "v2.jcp"
    export_bundle(desk_b, _project(desk_b).id, out)
    assert read_bundle(out).format_version == 2


def test_a_merge_that_only_decides_conflicts_backs_up_first_and_a_step_back_gets_a_reason(demo_db, desk_b, tmp_path):
    """Issue #10, item 3."""
    _send(demo_db, desk_b, tmp_path, "a0")
    a = next(x for x in load_plan(demo_db, _project(demo_db).id).assignments if x.status is Status.PLANNED)
    assignments.set_status(desk_b, a.id, status="published")
    assignments.set_status(demo_db, a.id, status="confirmed")
    assignments.update_assignment(demo_db, a.id, brief="A 的说明")
    assignments.update_assignment(desk_b, a.id, brief="B 的说明")
    export_bundle(demo_db, _project(demo_db).id, tmp_path / "a1.jcp")
    backups = len(list_backups(desk_b))
    result = import_bundle(desk_b, tmp_path / "a1.jcp", prefer="theirs")
    assert result.backup is not None and len(list_backups(desk_b)) == backups + 1
    row = _assignment(desk_b, a.id)
    assert row.status is Status.CONFIRMED and row.brief == "A 的说明"
    assert row.reason == f"合并自 {demo_db.desk} / merged from {demo_db.desk}"


def test_dry_run_with_open_conflicts_exits_1_in_english(demo_db, desk_b, tmp_path, capsys):
    from planner.cli import main

    _send(demo_db, desk_b, tmp_path, "a0")
    a = load_plan(demo_db, _project(demo_db).id).assignments[0]
    assignments.update_assignment(demo_db, a.id, brief="A")
    assignments.update_assignment(desk_b, a.id, brief="B")
    export_bundle(demo_db, _project(demo_db).id, tmp_path / "a1.jcp")
    db_path = str(desk_b.path)
    desk_b.close()
    capsys.readouterr()
    assert main(["--lang", "en", "bundle", "import", str(tmp_path / "a1.jcp"), "--db", db_path, "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "1 conflicts would need a decision" in out and "dry run: nothing written" in out
    assert main(["--lang", "en", "bundle", "import", str(tmp_path / "missing.jcp"), "--db", db_path]) == 1
    err = capsys.readouterr().err
    assert err.isascii() or all(not ("\u4e00" <= ch <= "\u9fff") for ch in err.replace("missing.jcp", ""))


def test_same_desk_with_or_without_hyphens_is_one_desk(demo_db, desk_b, tmp_path):
    _send(demo_db, desk_b, tmp_path, "a0")
    docs = bundle_documents(demo_db, _project(demo_db).id)
    hyphen = str(uuid.UUID(docs["manifest.json"]["source"]["desk_id"]))
    docs["manifest.json"]["source"]["desk_id"] = hyphen.upper()
    path = _zip(tmp_path / "h.jcp", docs)
    before = {k: v for k, v in dump(desk_b).items() if k != "sync_peer"}
    result = import_bundle(desk_b, path)
    assert not result.written and {k: v for k, v in dump(desk_b).items() if k != "sync_peer"} == before
    assert [row[0] for row in dump(desk_b)["sync_peer"]] == [docs["manifest.json"]["source"]["desk_id"].replace("-", "").lower()]


@pytest.mark.parametrize("fixture", sorted(DATA.glob("schema-*-demo.db")), ids=lambda p: p.name)
def test_old_databases_open_and_then_exchange(fixture, desk_b, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with open_database(path) as old:
        project = _project(old)
        a = load_plan(old, project.id).assignments[0]
        export_bundle(old, project.id, tmp_path / "old.jcp")
        assert import_bundle(desk_b, tmp_path / "old.jcp").written
        assignments.update_assignment(desk_b, a.id, notes="来自新桌")
        export_bundle(desk_b, project.id, tmp_path / "new.jcp")
        result = import_bundle(old, tmp_path / "new.jcp")
        assert not result.plan.conflicts and result.plan.count("update") == 1
        assert _assignment(old, a.id).notes == "来自新桌"


def test_a_new_dependency_between_two_stages_deleted_here_brings_both_back(demo_db, desk_b, tmp_path):
    # found by the long convergence run (-m fuzz): the conflict remembered one deleted parent, so
    # taking theirs restored one stage and the dependency failed on the other ("FOREIGN KEY")
    _send(demo_db, desk_b, tmp_path, "a0")
    plan = load_plan(demo_db, _project(demo_db).id)
    ordered = sorted(plan.stages, key=lambda s: s.position)
    first, second = next((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]
                         if a.id not in b.depends_on and b.id not in a.depends_on)
    stages.add_dependency(demo_db, stage_id=second.id, depends_on=first.id)
    for stage in (first, second):
        stages.delete_stage(desk_b, stage.id)
    path = tmp_path / "a1.jcp"
    export_bundle(demo_db, plan.project.id, path)
    preview = import_bundle(desk_b, path, dry_run=True).plan
    [item] = preview.conflicts
    assert item.conflicts[0].field == "_parent" and set(item.orphan_of) == {first.id, second.id}
    assert first.title in item.conflicts[0].mine["deleted"][0] and second.title in item.conflicts[0].mine["deleted"][0]
    import_bundle(desk_b, path, prefer="theirs")  # both stages come back, and the dependency between them
    back = {s.id: s for s in load_plan(desk_b, plan.project.id).stages}
    assert {first.id, second.id} <= set(back) and first.id in back[second.id].depends_on


def test_two_new_records_on_a_stage_deleted_here_bring_it_back_once(demo_db, desk_b, tmp_path):
    # found by the long convergence run: the second child found its parent already marked "restore"
    # and stopped the merge with "its content is not in the bundle"
    _send(demo_db, desk_b, tmp_path, "a0")
    plan = load_plan(demo_db, _project(demo_db).id)
    stage, other = next((a, b) for a in plan.stages for b in plan.stages
                        if a.id != b.id and b.id not in a.depends_on and a.id not in b.depends_on)
    outlet = plan.assignments[0].outlet_id
    made = assignments.create_assignment(demo_db, stage_id=stage.id, outlet_id=outlet, role="support",
                                         format="photo", brief="新加的图片").row
    stages.add_dependency(demo_db, stage_id=stage.id, depends_on=other.id)
    stages.delete_stage(desk_b, stage.id)
    stages.update_stage(demo_db, stage.id, location="改到北广场")  # and the stage itself changed there
    result, _path = _send(demo_db, desk_b, tmp_path, "a1", dry_run=True)
    assert {i.entity.value for i in result.plan.conflicts} >= {"assignment", "stage_dependency"}
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    back = load_plan(desk_b, plan.project.id)
    assert stage.id in {s.id for s in back.stages} and other.id in next(s for s in back.stages if s.id == stage.id).depends_on
    assert made.id in {a.id for a in back.assignments}
    # brought back once, with the bundle's values (not the older copy kept with the deletion here)
    assert next(s for s in back.stages if s.id == stage.id).location == "改到北广场"


def test_a_deletion_made_on_two_desks_keeps_what_was_deleted(demo_db, desk_b, desk_c, tmp_path):
    # the merged tombstone lost this desk's copy of the record, so a later record on it could not
    # bring it back ("its content is not in the bundle")
    from planner.services.exchange.reply_import import export_reply_bundle
    from planner.services.syncmeta import load_meta

    _send(demo_db, desk_b, tmp_path, "a0")
    _send(demo_db, desk_c, tmp_path, "a0c")
    plan = load_plan(demo_db, _project(demo_db).id)
    target = plan.assignments[0]
    stage = next(s for s in plan.stages if s.id == target.stage_id)
    stages.delete_stage(desk_b, stage.id)
    stages.delete_stage(desk_c, stage.id)
    _send(desk_c, desk_b, tmp_path, "c1", prefer="theirs")  # the two deletions meet
    with desk_b.reader() as s:
        meta = load_meta(s, [stage.id])[stage.id]
    assert meta.deleted and meta.snapshot and meta.snapshot["title"] == stage.title
    assignments.update_assignment(demo_db, target.id, brief="仍要报道")  # an answer on the deleted stage
    path = tmp_path / "reply.jcp"
    export_reply_bundle(demo_db, plan.project.id, target.outlet_id, path)
    import_bundle(desk_b, path, prefer="theirs")
    back = load_plan(desk_b, plan.project.id)
    assert stage.title in {s.title for s in back.stages} and _assignment(desk_b, target.id).brief == "仍要报道"


def test_an_edit_that_meets_a_deletion_is_kept_with_the_decided_conflict(demo_db, desk_b, desk_c, tmp_path):
    # found by the long convergence run: deciding for the deletion threw the edit away, and when the
    # record came back later (a new assignment on it elsewhere) the edit was gone, recorded nowhere
    from planner.services.exchange.merge import describe

    _send(demo_db, desk_b, tmp_path, "a0")
    _send(demo_db, desk_c, tmp_path, "a0c")
    plan = load_plan(demo_db, _project(demo_db).id)
    stage = plan.stages[-1]
    stages.update_stage(desk_b, stage.id, location="改到北广场")
    stages.delete_stage(desk_c, stage.id)
    preview = _send(desk_c, desk_b, tmp_path, "c1", dry_run=True)[0].plan
    conflict = next(c for i in preview.conflicts for c in i.conflicts if i.local_id == stage.id)
    assert conflict.mine["edits"] == {"location": "改到北广场"}
    assert describe(conflict.mine) == "已修改（地点：改到北广场）"
    assert describe(conflict.mine, "en") == "edited (location: 改到北广场)"
    _send(desk_c, desk_b, tmp_path, "c1", prefer="theirs")  # the deletion is taken here
    assert stage.id not in {s.id for s in load_plan(desk_b, plan.project.id).stages}
    [decided] = [d for d in decided_conflicts(desk_b, stage.id) if d.field == "_deleted"]
    assert decided.mine["value"]["edits"] == {"location": "改到北广场"} and decided.chosen == "theirs"
    # the other way round: deleted here, edited there — the edit is shown and kept the same way
    stages.update_stage(demo_db, plan.stages[0].id, notes="前方指挥部电话 023-12345678")
    stages.delete_stage(desk_c, plan.stages[0].id)
    preview = _send(demo_db, desk_c, tmp_path, "a1", dry_run=True)[0].plan
    theirs = next(c for i in preview.conflicts for c in i.conflicts if i.local_id == plan.stages[0].id).theirs
    assert theirs["edits"] == {"notes": "前方指挥部电话 023-12345678"}


def test_records_a_deletion_takes_unseen_are_kept_with_the_decided_conflict(demo_db, desk_b, tmp_path):
    # found by the long convergence run: a stage deleted elsewhere took an assignment made (and then
    # edited) here; deciding for the deletion lost the assignment's values without a record of them
    _send(demo_db, desk_b, tmp_path, "a0")
    plan = load_plan(demo_db, _project(demo_db).id)
    stage = plan.stages[-1]
    made = assignments.create_assignment(desk_b, stage_id=stage.id, outlet_id=plan.assignments[0].outlet_id,
                                         role="support", format="photo", brief="B 台加派的图片").row
    assignments.update_assignment(desk_b, made.id, notes="带长焦")
    stages.delete_stage(demo_db, stage.id)
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    assert made.id not in {a.id for a in load_plan(desk_b, plan.project.id).assignments}
    [decided] = [d for d in decided_conflicts(desk_b, stage.id) if d.field == "_deleted"]
    [kept] = decided.mine["value"]["dependents"]
    assert kept["id"] == str(made.id) and kept["entity"] == "assignment"
    assert (kept["values"]["brief"], kept["values"]["notes"]) == ("B 台加派的图片", "带长焦")


def test_a_reason_replaced_by_merged_from_is_kept_with_the_decided_conflict(demo_db, desk_b, tmp_path):
    # found by the long convergence run: desk B stepped a piece back with a reason, desk A moved it on
    # concurrently; taking A's status wrote "合并自 …" over B's reason, recorded nowhere
    _send(demo_db, desk_b, tmp_path, "a0")
    a = next(x for x in load_plan(demo_db, _project(demo_db).id).assignments if x.status is Status.PLANNED)
    assignments.set_status(desk_b, a.id, status=Status.PUBLISHED)
    assignments.set_status(desk_b, a.id, status=Status.FILED, reason="标题有误，撤回重发")
    assignments.set_status(demo_db, a.id, status=Status.IN_PROGRESS)
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    row = _assignment(desk_b, a.id)
    assert row.status is Status.IN_PROGRESS and row.reason.startswith("合并自")
    decided = {d.field: d for d in decided_conflicts(desk_b, a.id)}
    assert decided["status"].chosen == "theirs"
    assert decided["reason"].mine["value"] == "标题有误，撤回重发" and decided["reason"].chosen == "theirs"


def test_a_stage_edited_here_and_deleted_there_keeps_what_it_would_take(demo_db, desk_b, tmp_path):
    # found by the long convergence run: the stage was a conflict (edited here), so the records it would
    # take that the deleter never saw were not looked at; deciding for the deletion lost them unrecorded
    from planner.services.exchange.merge import describe

    _send(demo_db, desk_b, tmp_path, "a0")
    plan = load_plan(demo_db, _project(demo_db).id)
    stage = plan.stages[-1]
    stages.update_stage(desk_b, stage.id, location="改到北广场")
    made = assignments.create_assignment(desk_b, stage_id=stage.id, outlet_id=plan.assignments[0].outlet_id,
                                         role="support", format="photo", brief="B 台加派的图片").row
    assignments.update_assignment(desk_b, made.id, notes="带长焦")
    stages.delete_stage(demo_db, stage.id)
    preview = _send(demo_db, desk_b, tmp_path, "a1", dry_run=True)[0].plan
    conflict = next(c for i in preview.conflicts for c in i.conflicts if i.local_id == stage.id)
    assert conflict.kind == "edited_here" and "本地仍有 1 条相关记录" in describe(conflict.mine)
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    [decided] = [d for d in decided_conflicts(desk_b, stage.id) if d.field == "_deleted"]
    assert decided.mine["value"]["edits"] == {"location": "改到北广场"}
    [kept] = decided.mine["value"]["dependents"]
    assert kept["id"] == str(made.id) and kept["values"]["notes"] == "带长焦"


def _unlinked_pair(db):  # type: ignore[no-untyped-def]
    ordered = sorted(load_plan(db, _project(db).id).stages, key=lambda s: s.position)
    return next((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]
                if a.id not in b.depends_on and b.id not in a.depends_on)


def _links(db):  # type: ignore[no-untyped-def]
    return sorted((s.id, d) for s in load_plan(db, _project(db).id).stages for d in s.depends_on)


def test_a_link_deleted_with_its_stage_stays_deleted_under_every_desks_id(demo_db, desk_b, desk_c, tmp_path):
    # found by the long convergence run: A and B linked the same two stages independently (one link,
    # each desk its own id, the other's remembered as an alias). B deleted the stage, which took the
    # link; A edited the stage meanwhile, which brings the stage back. The link goes as any link of a
    # deleted stage does: B's deletion travels under A's id too (B knows it as the same link), so C
    # does not take A's unedited link back and every desk ends with the stage and without the link.
    # (Before, C's bundle carried A's link live and B's deleted copy, and the tombstone deleted the
    # link A had just been sent as live; the desks did not agree.)
    _send(demo_db, desk_b, tmp_path, "a0")
    _send(demo_db, desk_c, tmp_path, "a0c")
    first, second = _unlinked_pair(demo_db)
    stages.add_dependency(demo_db, stage_id=second.id, depends_on=first.id)
    stages.add_dependency(desk_b, stage_id=second.id, depends_on=first.id)
    _send(desk_b, demo_db, tmp_path, "b1", prefer="theirs")  # matched by the pair: an alias here
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    stages.delete_stage(desk_b, second.id)  # takes B's copy of the link
    _send(desk_b, desk_c, tmp_path, "b2", prefer="theirs")  # C keeps B's deleted link as a tombstone
    stages.update_stage(demo_db, second.id, notes="A 台补充：北广场集合")
    _send(demo_db, desk_c, tmp_path, "a2", prefer="theirs")  # the edit brings the stage back, not the link
    assert (second.id, first.id) not in _links(desk_c)
    bundle = read_bundle(_send(desk_c, demo_db, tmp_path, "c1", prefer="theirs")[1])
    gone = {t.id for t in bundle.tombstones if t.entity.value == "stage_dependency"}
    assert len(gone) == 2  # B's copy and A's, under both ids
    for src, dst in [(demo_db, desk_b), (desk_b, demo_db), (desk_c, desk_b), (desk_b, desk_c), (demo_db, desk_c)]:
        _send(src, dst, tmp_path, "round", prefer="theirs")
    assert _links(demo_db) == _links(desk_b) == _links(desk_c) and (second.id, first.id) not in _links(desk_b)
    assert all(any(st.id == second.id for st in load_plan(db, _project(db).id).stages) for db in (demo_db, desk_b, desk_c))


def test_a_reopen_reason_that_merged_before_its_status_is_not_overwritten(demo_db, desk_b, desk_c, tmp_path):
    # found by the long convergence run: A reopened a piece with a reason; its reason reached a desk
    # (field by field) before its status did, so when the status came the reason looked as if it had
    # not come with it, and "合并自 …" replaced it on every desk — recorded nowhere
    _send(demo_db, desk_b, tmp_path, "a0")
    _send(demo_db, desk_c, tmp_path, "a0c")
    a = next(x for x in load_plan(demo_db, _project(demo_db).id).assignments if x.status is Status.PLANNED)
    assignments.set_status(demo_db, a.id, status=Status.CANCELLED, reason="A0 场地取消")
    old = _send(demo_db, desk_c, tmp_path, "a1")[1]
    assignments.set_status(desk_b, a.id, status=Status.PUBLISHED)
    _send(desk_b, demo_db, tmp_path, "b1", prefer="theirs")
    assignments.set_status(demo_db, a.id, status=Status.CANCELLED, reason="A1 再次取消")
    assignments.set_status(demo_db, a.id, status=Status.PLANNED, reason="A2 场地恢复，照常报道")
    import_bundle(desk_b, old, prefer="theirs")  # a stale bundle arrives late
    _send(demo_db, desk_c, tmp_path, "a2", prefer="theirs")
    _send(desk_b, demo_db, tmp_path, "b2", prefer="theirs")
    _send(desk_c, desk_b, tmp_path, "c1", prefer="theirs")
    desks = {"a": demo_db, "b": desk_b, "c": desk_c}
    for _round in range(3):
        for src in desks:
            for dst in desks:
                if src != dst:
                    _send(desks[src], desks[dst], tmp_path, f"{src}{dst}", prefer="theirs")
    rows = {name: _assignment(db, a.id) for name, db in desks.items()}
    assert {(r.status, r.reason) for r in rows.values()} == {(Status.PLANNED, "A2 场地恢复，照常报道")}


def test_a_record_renamed_there_and_a_new_one_under_its_old_name_stay_two(demo_db, desk_b, tmp_path):
    # two desks made 北站 independently (one stage, matched by title); B renamed its copy to 北站二 and
    # made a new 北站: the new one found ours by that title too, and the import stopped ("changed
    # elsewhere") — the desks could not exchange any more
    _send(demo_db, desk_b, tmp_path, "a0")
    pid = _project(demo_db).id
    ours = stages.create_stage(demo_db, project_id=pid, title="北站").row
    theirs = stages.create_stage(desk_b, project_id=pid, title="北站").row
    _send(desk_b, demo_db, tmp_path, "b1", prefer="theirs")  # matched by title: one stage
    stages.update_stage(desk_b, theirs.id, title="北站二")
    new = stages.create_stage(desk_b, project_id=pid, title="北站").row
    assignments.create_assignment(desk_b, stage_id=new.id, outlet_id=load_plan(desk_b, pid).assignments[0].outlet_id,
                                  role="lead", format="live", brief="新北站直播")
    _send(desk_b, demo_db, tmp_path, "b2", prefer="theirs")
    here = {s.title: s.id for s in load_plan(demo_db, pid).stages}
    assert here["北站二"] == ours.id and here["北站"] == new.id  # the rename reached ours; the new one is new
    assert next(a for a in load_plan(demo_db, pid).assignments if a.brief == "新北站直播").stage_id == new.id
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")
    titles = [sorted(s.title for s in load_plan(db, pid).stages) for db in (demo_db, desk_b)]
    assert titles[0] == titles[1] and titles[0].count("北站") == 1 and "北站二" in titles[0]


def test_the_child_of_a_new_outlet_under_a_renamed_ones_old_name_points_to_the_new_one(demo_db, desk_b, tmp_path):
    # both desks made 某县融媒 (one outlet, matched by name); B renamed its copy, made a new 某县融媒
    # and a 新闻部 under the new one: the child's parent was mapped through the name match before the
    # new outlet was found to be new, so here the 新闻部 hung under the renamed outlet
    _send(demo_db, desk_b, tmp_path, "a0")
    pid = _project(demo_db).id
    ours = outlets.create_outlet(demo_db, name="某县融媒", tier="county").row
    theirs = outlets.create_outlet(desk_b, name="某县融媒", tier="county").row
    stage = load_plan(desk_b, pid).stages[0].id
    assignments.create_assignment(desk_b, stage_id=stage, outlet_id=theirs.id, role="support", format="text")
    _send(desk_b, demo_db, tmp_path, "b1", prefer="theirs")  # matched by name: one outlet
    outlets.update_outlet(desk_b, theirs.id, name="某县融媒旧")
    new = outlets.create_outlet(desk_b, name="某县融媒", tier="county").row
    child = outlets.create_outlet(desk_b, name="某县融媒新闻部", tier="county", parent_id=new.id).row
    assignments.create_assignment(desk_b, stage_id=stage, outlet_id=child.id, role="support", format="photo")
    _send(desk_b, demo_db, tmp_path, "b2", prefer="theirs")
    here = {o.name: o for o in list_outlets(demo_db)}
    assert here["某县融媒旧"].id == ours.id and here["某县融媒"].id == new.id
    assert here["某县融媒新闻部"].parent_id == new.id


def test_unlinking_a_link_matched_to_another_desks_copy_unlinks_it_there(demo_db, desk_b, tmp_path):
    # found by the long convergence run: A and B linked the same two stages independently; B matched
    # A's link to its own by the pair (an alias) and then removed the link. Its bundle carried only
    # the tombstone of its own id, which A had never seen, so A kept its link for ever: after any
    # number of exchanges A had the link and B had not
    _send(demo_db, desk_b, tmp_path, "a0")
    first, second = _unlinked_pair(demo_db)
    stages.add_dependency(demo_db, stage_id=second.id, depends_on=first.id)
    stages.add_dependency(desk_b, stage_id=second.id, depends_on=first.id)
    _send(demo_db, desk_b, tmp_path, "a1", prefer="theirs")  # matched by the pair: an alias at B
    stages.remove_dependency(desk_b, stage_id=second.id, depends_on=first.id)
    _send(desk_b, demo_db, tmp_path, "b1", prefer="theirs")
    assert (second.id, first.id) not in _links(demo_db)
    for src, dst in [(demo_db, desk_b), (desk_b, demo_db)]:
        _send(src, dst, tmp_path, "round", prefer="theirs")
    assert _links(demo_db) == _links(desk_b) and (second.id, first.id) not in _links(desk_b)
