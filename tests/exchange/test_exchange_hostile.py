"""Hostile bundles fail with a typed error and leave the database exactly as it was."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest

from planner.services.exchange import BundleError, bundle_documents, import_bundle
from planner.services.exchange import bundle as bundle_mod
from planner.services.queries import list_projects
from tests.exchange.conftest import dump


@pytest.fixture
def docs(demo_db):
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    return bundle_documents(demo_db, project.id)


def _write(path: Path, docs: dict, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _refused(db, path: Path, reason: str) -> BundleError:  # type: ignore[no-untyped-def]
    before = dump(db)
    with pytest.raises(BundleError) as err:
        import_bundle(db, path)
    assert err.value.reason == reason, err.value.text("en")
    assert dump(db) == before
    assert err.value.text("zh") and err.value.text("en")
    return err.value


def test_not_a_zip(desk_b, tmp_path):
    path = tmp_path / "x.jcp"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    _refused(desk_b, path, "not_zip")
    (tmp_path / "empty.jcp").write_bytes(b"")
    _refused(desk_b, tmp_path / "empty.jcp", "not_zip")


@pytest.mark.parametrize("name", ["../evil.json", "/etc/passwd", "sub/outlets.json", "..\\x.json", "C:x.json"])
def test_path_traversal_names(desk_b, docs, tmp_path, name):
    _refused(desk_b, _write(tmp_path / "x.jcp", docs, {name: b"[]"}), "unsafe_name")


def test_unexpected_member_and_missing_manifest(desk_b, docs, tmp_path):
    _refused(desk_b, _write(tmp_path / "a.jcp", docs, {"payload.exe": b"MZ"}), "unexpected_member")
    rest = {k: v for k, v in docs.items() if k != "manifest.json"}
    _refused(desk_b, _write(tmp_path / "b.jcp", rest), "missing_member")


def test_unknown_format_version(desk_b, docs, tmp_path):
    docs["manifest.json"]["format_version"] = 99
    err = _refused(desk_b, _write(tmp_path / "x.jcp", docs), "unknown_version")
    assert "99" in err.text("en")
    docs["manifest.json"]["format"] = "something-else"
    _refused(desk_b, _write(tmp_path / "y.jcp", docs), "bad_format")


@pytest.mark.parametrize("mutate", [
    lambda d: d["stages.json"][0].update(kind="spaceship"),
    lambda d: d["assignments.json"][0].update(due_at="tomorrow"),
    lambda d: d["outlets.json"][0].update(tier="galactic"),
    lambda d: d["projects.json"][0].pop("title"),
    lambda d: d["people.json"][0].update(id="not-a-uuid"),
    lambda d: d["manifest.json"].pop("source"),
])
def test_schema_violations(desk_b, docs, tmp_path, mutate):
    mutate(docs)
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "schema")


def test_service_rules_apply_to_records(desk_b, docs, tmp_path):
    docs["stages.json"][0]["title"] = "   "  # passes the schema, fails clean_stage
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "bad_record")
    docs["stages.json"][0]["title"] = "坏\x01标题"
    _refused(desk_b, _write(tmp_path / "y.jcp", docs), "bad_record")


def test_dangling_references(desk_b, docs, tmp_path):
    docs["assignments.json"][0]["outlet_id"] = str(uuid.uuid4())
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "dangling")


def test_dangling_person(desk_b, docs, tmp_path):
    docs["assignments.json"][0]["person_ids"] = [str(uuid.uuid4())]
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "dangling")


def test_duplicate_ids(desk_b, docs, tmp_path):
    docs["stages.json"].append(dict(docs["stages.json"][0], title="另一个环节"))
    docs["manifest.json"]["counts"]["stages"] += 1
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "duplicate_id")


def test_counts_must_match(desk_b, docs, tmp_path):
    docs["manifest.json"]["counts"]["assignments"] = 1
    _refused(desk_b, _write(tmp_path / "x.jcp", docs), "count_mismatch")


def test_zip_bomb_declared_and_actual_size(desk_b, docs, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_mod, "MAX_MEMBER_BYTES", 1_000_000)
    bomb = b"[" + b" " * 5_000_000 + b"]"  # compresses to a few kilobytes
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = _write(tmp_path / "bomb.jcp", docs, {"stages.json": bomb})
    assert path.stat().st_size < 100_000
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    assert names.count("stages.json") == 2  # the writer kept both; the reader refuses duplicates first
    _refused(desk_b, path, "unsafe_name")
    single = {k: v for k, v in docs.items() if k != "stages.json"}
    _refused(desk_b, _write(tmp_path / "bomb2.jcp", single, {"stages.json": bomb}), "too_large")


def test_zip_bomb_lying_about_its_size(desk_b, docs, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_mod, "MAX_MEMBER_BYTES", 1_000_000)
    single = {k: v for k, v in docs.items() if k != "stages.json"}
    path = _write(tmp_path / "liar.jcp", single, {"stages.json": b"[" + b" " * 3_000_000 + b"]"})
    data = bytearray(path.read_bytes())
    # Patch the declared uncompressed size (local header and central directory) down to 10 bytes.
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("stages.json")
    real = info.file_size.to_bytes(4, "little")
    assert data.count(real) >= 2
    data = data.replace(real, (10).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    before = dump(desk_b)
    with pytest.raises(BundleError) as err:
        import_bundle(desk_b, path)
    assert err.value.reason in ("too_large", "bad_json", "file")  # "file": damaged (bad CRC), from the bounded reader
    assert dump(desk_b) == before


def test_bad_json(desk_b, docs, tmp_path):
    single = {k: v for k, v in docs.items() if k != "stages.json"}
    _refused(desk_b, _write(tmp_path / "x.jcp", single, {"stages.json": b"[{"}), "bad_json")
    _refused(desk_b, _write(tmp_path / "y.jcp", single, {"stages.json": b"[NaN]"}), "bad_json")
    _refused(desk_b, _write(tmp_path / "z.jcp", single, {"stages.json": b'[{"id": "a", "id": "b"}]'}), "bad_json")
    _refused(desk_b, _write(tmp_path / "w.jcp", single, {"stages.json": "[]".encode("utf-16")}), "bad_json")


def test_merge_that_would_make_a_cycle_is_refused(demo_db, desk_b, docs, tmp_path):
    from planner.domain.errors import CycleError

    deps = docs["stage_dependencies.json"]
    first = deps[0]
    docs["stage_dependencies.json"].append({
        "id": str(uuid.uuid4()), "created_at": first["created_at"], "updated_at": first["updated_at"],
        "rev": first["rev"], "stage_id": first["depends_on_id"], "depends_on_id": first["stage_id"],
    })
    docs["manifest.json"]["counts"]["stage_dependencies"] += 1
    path = _write(tmp_path / "x.jcp", docs)
    before = dump(desk_b)
    with pytest.raises(CycleError):
        import_bundle(desk_b, path)
    assert dump(desk_b) == before


def test_parent_cycle_between_outlets_is_refused(desk_b, docs, tmp_path):
    from planner.domain.errors import ValidationError

    o1, o2 = docs["outlets.json"][0], docs["outlets.json"][1]
    o1["parent_id"], o2["parent_id"] = o2["id"], o1["id"]
    path = _write(tmp_path / "x.jcp", docs)
    before = dump(desk_b)
    with pytest.raises(ValidationError):
        import_bundle(desk_b, path)
    assert dump(desk_b) == before


def test_stage_id_of_another_local_project_is_refused(demo_db, docs, tmp_path):
    from planner.services.queries import load_stages

    other = next(p.project for p in list_projects(demo_db) if p.project.code != "YKGT-2026")
    old_id = docs["stages.json"][0]["id"]
    docs["stages.json"][0]["id"] = str(load_stages(demo_db, other.id)[0].id)
    docs["stage_dependencies.json"] = [d for d in docs["stage_dependencies.json"] if old_id not in d.values()]
    docs["assignments.json"] = [a for a in docs["assignments.json"] if a["stage_id"] != old_id]
    for name in ("stage_dependencies", "assignments"):
        docs["manifest.json"]["counts"][name] = len(docs[f"{name}.json"])
    _refused(demo_db, _write(tmp_path / "x.jcp", docs), "bad_record")
