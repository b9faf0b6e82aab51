"""A bundle written by another platform from the README and the JSON Schema alone: the reader is
lenient (BOM, folder entries, __MACOSX/, 9 fractional digits, +0800, x- and unknown optional
fields, hyphenated desk ids, left-out optional fields, references to records the receiver has)."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest

from planner.services.exchange import BundleError, export_bundle, import_bundle, read_bundle
from planner.services.queries import list_projects, load_plan

DESK = "9A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"  # upper case, with hyphens, as another writer may send it


def _their_bundle(path: Path, outlet_id: str, *, folder: bool = True) -> dict:
    project, s1, s2 = (str(uuid.uuid4()) for _ in range(3))
    a1, a2, dep = (str(uuid.uuid4()) for _ in range(3))
    rev = {"vv": {DESK: 1796000000000001}, "base": [DESK.lower(), 1796000000000001]}
    when = "2026-11-23T10:30:00.123456789+0800"
    stamp = {"rev": rev, "created_at": when, "updated_at": when, "updated_by": "李编辑（新重庆）", "x-source": "cq-cms 3.2"}
    docs = {
        "manifest.json": {
            "format": "joint-coverage-plan-bundle", "format_version": 2, "kind": "plan",
            "source": {"desk_id": DESK, "desk_name": "新重庆总编室", "app_version": "cq-cms 3.2", "x-build": 77},
            "created_at": when, "project": {"id": project, "title": "成渝中线高铁开工报道", "code": "CYZX-2027"},
            "seen": {DESK: 1796000000000001}, "desks": {DESK: {"name": "新重庆总编室"}},
            "counts": {"projects": 1, "stages": 2, "stage_dependencies": 1, "assignments": 2, "outlets": 0,
                       "alliances": 0, "memberships": 0, "people": 0, "tombstones": 0},
            "x-comment": "written by another platform",
        },
        "projects.json": [{"id": project, **stamp, "title": "成渝中线高铁开工报道", "code": "CYZX-2027",
                           "kind": "infrastructure", "status": "planning", "future_field": "ignored"}],
        "stages.json": [  # no position: they follow their order in the file
            {"id": s1, **stamp, "project_id": project, "title": "重庆站开工仪式", "kind": "event",
             "starts_at": "2027-01-10T09:00:00+0800", "ends_at": "2027-01-10T11:00:00.5+08:00"},
            {"id": s2, **stamp, "project_id": project, "title": "成都站", "kind": "place"},
        ],
        "stage_dependencies.json": [{"id": dep, **stamp, "stage_id": s2, "depends_on_id": s1}],
        "assignments.json": [  # no person_ids; the outlet is the receiver's own (not in this bundle)
            {"id": a1, **stamp, "stage_id": s1, "outlet_id": outlet_id, "role": "lead", "format": "live",
             "status": "planned", "brief": "直播开工仪式"},
            {"id": a2, **stamp, "stage_id": s2, "outlet_id": outlet_id, "role": "support", "format": "text",
             "status": "planned"},
        ],
    }
    prefix = "CYZX-2027/" if folder else ""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if folder:  # as Finder's "Compress" makes it
            zf.writestr("CYZX-2027/", b"")
            zf.writestr("__MACOSX/CYZX-2027/._manifest.json", b"\x00\x05\x16\x07junk")
        for name, doc in docs.items():
            zf.writestr(prefix + name, b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return docs


def _outlet(db):  # type: ignore[no-untyped-def]
    project = next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")
    return load_plan(db, project.id).assignments[0].outlet_id


def test_a_bundle_from_another_writer_imports(demo_db, tmp_path):
    outlet = _outlet(demo_db)
    path = tmp_path / "cq.jcp"
    _their_bundle(path, str(outlet))
    bundle = read_bundle(path)
    assert bundle.desk_id == DESK.replace("-", "").lower()
    result = import_bundle(demo_db, bundle)
    assert result.written and result.plan.count("add") == 6 and not result.plan.conflicts
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "CYZX-2027")
    plan = load_plan(demo_db, project.id)
    assert [s.title for s in plan.stages] == ["重庆站开工仪式", "成都站"]
    assert plan.stages[0].starts_at.isoformat() == "2027-01-10T01:00:00+00:00"
    assert {a.outlet_id for a in plan.assignments} == {outlet} and all(a.person_ids == () for a in plan.assignments)
    # and our own bundle of it goes back in format 2, naming their desk and their editor
    export_bundle(demo_db, project.id, tmp_path / "back.jcp")
    with zipfile.ZipFile(tmp_path / "back.jcp") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        stages = json.loads(zf.read("stages.json"))
    assert manifest["desks"][DESK.replace("-", "").lower()]["name"] == "新重庆总编室"
    assert stages[0]["updated_by"] == "李编辑（新重庆）"


def test_a_reference_to_a_record_nobody_has_names_the_record_and_field(desk_b, tmp_path):
    path = tmp_path / "cq.jcp"
    _their_bundle(path, str(uuid.uuid4()), folder=False)
    with pytest.raises(BundleError) as err:
        import_bundle(desk_b, path)
    assert err.value.reason == "dangling"
    assert "重庆站开工仪式" in err.value.text("zh") and "单位" in err.value.text("zh")
    assert "outlet" in err.value.text("en")


def test_an_error_names_the_record_by_title_and_the_field_in_one_language(desk_b, tmp_path):
    path = tmp_path / "cq.jcp"
    docs = _their_bundle(path, str(uuid.uuid4()), folder=False)
    docs["stages.json"][0]["location"] = "站前\x01广场"  # a control character: the services' rule
    with zipfile.ZipFile(path, "w") as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False))
    with pytest.raises(BundleError) as err:
        read_bundle(path)
    en = err.value.text("en")
    assert "重庆站开工仪式" in en and "location" in en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.replace("重庆站开工仪式", ""))
