"""Bundles between two desks: round trip, idempotent re-import, updates and conflicts."""

from __future__ import annotations

import dataclasses
import json
import zipfile

import pytest

from planner.domain.enums import Action
from planner.services import assignments, projects, stages
from planner.services.exchange import BundleError, export_bundle, import_bundle, read_bundle
from planner.services.queries import change_log, list_projects, load_plan
from tests.exchange.conftest import dump

EXCHANGED = ("outlet", "alliance", "membership", "person", "project", "stage", "stage_dependency", "assignment",
             "assignment_person")


def _project(db):  # type: ignore[no-untyped-def]
    return next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")


def _rows(db, tables=EXCHANGED):  # type: ignore[no-untyped-def]
    d = dump(db)
    return {t: d[t] for t in tables}


def test_round_trip_gives_identical_rows(demo_db, desk_b, tmp_path):
    project = _project(demo_db)
    path = tmp_path / "p.jcp"
    manifest = export_bundle(demo_db, project.id, path)
    assert manifest["format_version"] == 2 and manifest["source"]["desk_id"] == demo_db.setting("desk.id")
    assert manifest["counts"]["assignments"] == 45
    result = import_bundle(desk_b, path)
    assert result.written and result.plan.count("add") == sum(manifest["counts"].values())
    # The project's records travel back identical: same UUIDs, revisions, times and real editors
    # (the receiving desk's local version numbers are its own and do not travel).
    back = tmp_path / "back.jcp"
    export_bundle(desk_b, project.id, back)
    with zipfile.ZipFile(path) as za, zipfile.ZipFile(back) as zb:
        for name in za.namelist():
            if name == "manifest.json":
                continue
            a = json.loads(za.read(name))
            b = json.loads(zb.read(name))
            assert sorted(a, key=lambda r: r["id"]) == sorted(b, key=lambda r: r["id"]), name
    plan_a, plan_b = load_plan(demo_db, project.id), load_plan(desk_b, project.id)
    # (rows carry their notes threads, which travel as records of their own: notes.json)
    local = lambda rows: [dataclasses.replace(r, version=0, **({"updated_at": None} if hasattr(r, "updated_at") else {}))  # noqa: E731
                          for r in rows]
    assert local(plan_a.stages) == local(plan_b.stages) and local(plan_a.assignments) == local(plan_b.assignments)
    assert local([plan_a.project]) == local([plan_b.project])
    # the change log records the import
    assert any(e.action == Action.IMPORT.value for e in change_log(desk_b, entity_id=project.id))


def test_importing_twice_changes_nothing(demo_db, desk_b, tmp_path):
    path = tmp_path / "p.jcp"
    export_bundle(demo_db, _project(demo_db).id, path)
    import_bundle(desk_b, path)
    before = dump(desk_b)
    again = import_bundle(desk_b, path)
    assert not again.written and again.plan.count("same") == len(again.plan.items)
    assert dump(desk_b) == before


def test_a_merge_backs_the_file_up_first_and_a_no_op_does_not(demo_db, desk_b, tmp_path):
    from planner.services.files import list_backups, restore_backup

    path = tmp_path / "p.jcp"
    export_bundle(demo_db, _project(demo_db).id, path)
    before = dump(desk_b)
    import_bundle(desk_b, path)
    backups = [b for b in list_backups(desk_b) if b.reason == "before-merge"]
    assert len(backups) == 1
    import_bundle(desk_b, path)  # nothing to write: no second backup
    assert len([b for b in list_backups(desk_b) if b.reason == "before-merge"]) == 1
    # the backup holds the database as it was before the merge
    target = desk_b.path
    desk_b.close()
    restore_backup(backups[0].path, target)
    from planner.store.database import open_database

    with open_database(target) as again:
        assert dump(again) == before


def test_dry_run_writes_nothing(demo_db, desk_b, tmp_path):
    path = tmp_path / "p.jcp"
    export_bundle(demo_db, _project(demo_db).id, path)
    before = dump(desk_b)
    result = import_bundle(desk_b, path, dry_run=True)
    assert result.dry_run and result.plan.count("add") > 0
    assert dump(desk_b) == before


def _exchange(demo_db, desk_b, tmp_path):  # type: ignore[no-untyped-def]
    """A → B, then both sides know the plan."""
    project = _project(demo_db)
    path = tmp_path / "a1.jcp"
    export_bundle(demo_db, project.id, path)
    import_bundle(desk_b, path)
    return project


def test_change_there_only_is_taken(demo_db, desk_b, tmp_path):
    project = _exchange(demo_db, desk_b, tmp_path)
    stage = load_plan(demo_db, project.id).stages[0]
    # B edits, sends back to A: A has not changed the stage, so it takes B's edit.
    stages.update_stage(desk_b, stage.id, notes="B 的补充说明")
    export_bundle(desk_b, project.id, tmp_path / "b1.jcp")
    result = import_bundle(demo_db, tmp_path / "b1.jcp")
    assert [i.entity.value for i in result.plan.items if i.action == "update"] == ["stage"]
    assert load_plan(demo_db, project.id).stages[0].notes == "B 的补充说明"
    assert any(e.action == Action.MERGE.value for e in change_log(demo_db, entity_id=stage.id))
    # A edits again and sends: B has not changed it since, so B takes A's edit (no conflict).
    stages.update_stage(demo_db, stage.id, location="新的集合地点")
    export_bundle(demo_db, project.id, tmp_path / "a2.jcp")
    result = import_bundle(desk_b, tmp_path / "a2.jcp")
    assert not result.plan.conflicts
    assert load_plan(desk_b, project.id).stages[0].location == "新的集合地点"


def test_change_here_only_is_kept(demo_db, desk_b, tmp_path):
    project = _exchange(demo_db, desk_b, tmp_path)
    stage = load_plan(demo_db, project.id).stages[0]
    stages.update_stage(desk_b, stage.id, notes="只在 B 修改")
    result = import_bundle(desk_b, tmp_path / "a1.jcp")  # A's old bundle again
    assert result.plan.count("keep") == 1 and not result.written
    assert load_plan(desk_b, project.id).stages[0].notes == "只在 B 修改"


def _conflict(demo_db, desk_b, tmp_path):  # type: ignore[no-untyped-def]
    project = _exchange(demo_db, desk_b, tmp_path)
    a = load_plan(demo_db, project.id).assignments[0]
    assignments.update_assignment(demo_db, a.id, brief="A 的说明", notes="A 备注")
    assignments.update_assignment(desk_b, a.id, brief="B 的说明")
    export_bundle(demo_db, project.id, tmp_path / "a2.jcp")
    return project, a


def test_both_changed_is_a_conflict_listed_field_by_field(demo_db, desk_b, tmp_path):
    _project, _a = _conflict(demo_db, desk_b, tmp_path)
    before = dump(desk_b)
    with pytest.raises(BundleError) as err:
        import_bundle(desk_b, tmp_path / "a2.jcp")
    assert err.value.reason == "unresolved"
    assert dump(desk_b) == before  # never a silent overwrite
    plan = import_bundle(desk_b, tmp_path / "a2.jcp", dry_run=True).plan
    [item] = plan.conflicts
    fields = {c.field: (c.mine, c.theirs) for c in item.conflicts}
    # Only the field both desks changed is a conflict; A's notes (changed there only) merge in.
    assert fields == {"brief": ("B 的说明", "A 的说明")}
    assert item.take == {"notes": "A 备注"}
    assert item.theirs_who == demo_db.desk and item.mine_who == desk_b.desk
    assert item.mine_when is not None and item.theirs_when is not None


def test_conflict_resolved_with_prefer_theirs(demo_db, desk_b, tmp_path):
    project, a = _conflict(demo_db, desk_b, tmp_path)
    result = import_bundle(desk_b, tmp_path / "a2.jcp", prefer="theirs")
    assert result.written
    row = next(x for x in load_plan(desk_b, project.id).assignments if x.id == a.id)
    assert (row.brief, row.notes) == ("A 的说明", "A 备注")
    summary = [e for e in change_log(desk_b, entity_id=project.id) if e.action == Action.MERGE.value]
    assert summary and summary[0].after["conflict"] == 1
    before = dump(desk_b)
    assert not import_bundle(desk_b, tmp_path / "a2.jcp").written  # idempotent after resolution
    assert dump(desk_b) == before


def test_conflict_resolved_with_prefer_mine(demo_db, desk_b, tmp_path):
    project, a = _conflict(demo_db, desk_b, tmp_path)
    result = import_bundle(desk_b, tmp_path / "a2.jcp", prefer="mine")
    assert result.written and result.backup is not None  # the decision and A's notes are written
    row = next(x for x in load_plan(desk_b, project.id).assignments if x.id == a.id)
    assert (row.brief, row.notes) == ("B 的说明", "A 备注")
    from planner.services.exchange.state import decided_conflicts

    [decided] = decided_conflicts(desk_b, a.id)
    assert (decided.field, decided.chosen, decided.theirs["value"]) == ("brief", "mine", "A 的说明")
    before = dump(desk_b)
    again = import_bundle(desk_b, tmp_path / "a2.jcp")  # the same bundle: decided already, no conflict
    assert not again.plan.conflicts and not again.written
    assert dump(desk_b) == before


def test_conflict_resolved_per_field(demo_db, desk_b, tmp_path):
    project, a = _conflict(demo_db, desk_b, tmp_path)
    assignments.update_assignment(desk_b, a.id, deliverable_url="https://b.example/1")
    assignments.update_assignment(demo_db, a.id, deliverable_url="https://a.example/1")
    export_bundle(demo_db, project.id, tmp_path / "a3.jcp")
    choices = {(a.id, "brief"): "mine", (a.id, "deliverable_url"): "theirs"}
    import_bundle(desk_b, tmp_path / "a3.jcp", choices=choices)
    row = next(x for x in load_plan(desk_b, project.id).assignments if x.id == a.id)
    assert (row.brief, row.notes, row.deliverable_url) == ("B 的说明", "A 备注", "https://a.example/1")


def test_a_project_is_matched_by_code_and_title_only_with_confirmation(demo_db, desk_b, tmp_path):
    project = projects.create_project(desk_b, title="渝昆高铁川渝段开通联合报道", code="YKGT-2026",
                                      kind="infrastructure").row
    before = dump(desk_b)
    with pytest.raises(BundleError) as err:
        import_bundle(desk_b, _bundle_path(demo_db, tmp_path))
    assert err.value.reason == "confirm_project" and "--same-project" in err.value.text("en")
    assert dump(desk_b) == before
    result = import_bundle(desk_b, _bundle_path(demo_db, tmp_path), dry_run=True, same_project=True)
    item = next(i for i in result.plan.items if i.entity.value == "project")
    assert item.matched_by_name and item.local_id == project.id and item.action == "conflict"
    import_bundle(desk_b, _bundle_path(demo_db, tmp_path), prefer="theirs", same_project=True)
    assert len(list_projects(desk_b)) == 1
    assert len(load_plan(desk_b, project.id).stages) == 10
    # remembered: the next bundle matches without asking again
    assert not import_bundle(desk_b, _bundle_path(demo_db, tmp_path)).plan.conflicts


def test_records_made_on_both_desks_match_by_name(demo_db, desk_b, tmp_path):
    """Outlets and people made on both desks are one record (remembered as an alias)."""
    from planner.services import outlets, people

    plan = load_plan(demo_db, _project(demo_db).id)
    theirs = next(iter(plan.outlets.values()))
    mine = outlets.create_outlet(desk_b, name=theirs.name, tier=theirs.tier, notes="B 自己建的").row
    result = import_bundle(desk_b, _bundle_path(demo_db, tmp_path), prefer="mine")
    item = next(i for i in result.plan.items if i.incoming_id == theirs.id)
    assert item.matched_by == "name" and item.local_id == mine.id
    assert [o.name for o in load_plan(desk_b, plan.project.id).outlets.values()].count(theirs.name) == 1
    # B renames its outlet: the alias still joins A's record to it, no duplicate appears
    outlets.update_outlet(desk_b, mine.id, name=theirs.name + "（新名）")
    again = import_bundle(desk_b, _bundle_path(demo_db, tmp_path), prefer="mine")
    assert next(i for i in again.plan.items if i.incoming_id == theirs.id).local_id == mine.id
    from planner.services.queries import list_outlets

    assert not [o for o in list_outlets(desk_b) if o.name == theirs.name]
    assert people  # (module used by other tests)


def _bundle_path(db, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.jcp"
    if not path.exists():
        export_bundle(db, _project(db).id, path)
    return path


def test_exported_bundle_passes_its_schema(demo_db, tmp_path):
    bundle = read_bundle(_bundle_path(demo_db, tmp_path))
    assert bundle.project.values["code"] == "YKGT-2026"
    assert len(bundle.records[next(iter(bundle.records))]) > 0


def _new_work_on_a_stage_deleted_at_b(demo_db, desk_b, tmp_path):  # type: ignore[no-untyped-def]
    project = _exchange(demo_db, desk_b, tmp_path)
    plan = load_plan(desk_b, project.id)
    stage = plan.stages[0]
    stages.delete_stage(desk_b, stage.id)
    # A adds a new assignment on that stage and sends the plan again.
    other = next(o for o in plan.outlets.values() if o.id not in {a.outlet_id for a in plan.assignments_for_stage(stage.id)})
    new = assignments.create_assignment(demo_db, stage_id=stage.id, outlet_id=other.id, role="support", format="audio").row
    export_bundle(demo_db, project.id, tmp_path / "a2.jcp")
    return project, stage, new


def test_new_work_on_a_record_deleted_here_is_a_conflict_not_dropped(demo_db, desk_b, tmp_path):
    project, stage, new = _new_work_on_a_stage_deleted_at_b(demo_db, desk_b, tmp_path)
    plan = import_bundle(desk_b, tmp_path / "a2.jcp", dry_run=True).plan
    assert next(i for i in plan.items if i.local_id == stage.id).action == "deleted_here"
    [item] = plan.conflicts
    assert item.local_id == new.id and item.conflicts[0].field == "_parent"
    # keeping the deletion drops A's new assignment too, recorded, and it is deleted for everyone
    import_bundle(desk_b, tmp_path / "a2.jcp", prefer="mine")
    assert stage.id not in {s.id for s in load_plan(desk_b, project.id).stages}
    from planner.services.exchange.state import decided_conflicts

    assert [c.chosen for c in decided_conflicts(desk_b, new.id)] == ["mine"]
    before = dump(desk_b)
    assert not import_bundle(desk_b, tmp_path / "a2.jcp").written
    assert dump(desk_b) == before
    export_bundle(desk_b, project.id, tmp_path / "b2.jcp")
    import_bundle(demo_db, tmp_path / "b2.jcp")
    back = load_plan(demo_db, project.id)
    assert stage.id not in {s.id for s in back.stages} and new.id not in {a.id for a in back.assignments}


def test_new_work_on_a_record_deleted_here_can_bring_it_back(demo_db, desk_b, tmp_path):
    project, stage, new = _new_work_on_a_stage_deleted_at_b(demo_db, desk_b, tmp_path)
    import_bundle(desk_b, tmp_path / "a2.jcp", prefer="theirs")
    plan = load_plan(desk_b, project.id)
    assert stage.id in {s.id for s in plan.stages} and new.id in {a.id for a in plan.assignments}
    export_bundle(desk_b, project.id, tmp_path / "b2.jcp")
    assert not import_bundle(demo_db, tmp_path / "b2.jcp").plan.conflicts


def test_conflicting_references_are_shown_by_name(demo_db, desk_b, tmp_path):
    project = _exchange(demo_db, desk_b, tmp_path)
    plan = load_plan(demo_db, project.id)
    a = next(x for x in plan.assignments if sum(p.outlet_id == x.outlet_id for p in plan.people.values()) >= 2)
    people_a = [p for p in plan.people.values() if p.outlet_id == a.outlet_id]
    assignments.set_people(demo_db, a.id, person_ids=[])  # a known common state first
    export_bundle(demo_db, project.id, tmp_path / "a1b.jcp")
    import_bundle(desk_b, tmp_path / "a1b.jcp")
    assignments.set_people(demo_db, a.id, person_ids=[people_a[0].id])
    assignments.set_people(desk_b, a.id, person_ids=[people_a[1].id])
    export_bundle(demo_db, project.id, tmp_path / "a2.jcp")
    merge = import_bundle(desk_b, tmp_path / "a2.jcp", dry_run=True).plan
    [item] = merge.conflicts
    c = next(c for c in item.conflicts if c.field == "person_ids")
    assert merge.show(c.theirs) == people_a[0].name
    assert merge.show(c.mine) == people_a[1].name
    import_bundle(desk_b, tmp_path / "a2.jcp", prefer="theirs")
    row = next(x for x in load_plan(desk_b, project.id).assignments if x.id == a.id)
    assert row.person_ids == (people_a[0].id,)
