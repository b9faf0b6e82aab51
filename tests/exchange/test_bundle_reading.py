"""Reading a .jcp from elsewhere: only regular files, bounds while reading, damaged deflate
streams, edge dates, huge integers, and documented defaults for optional fields (issue #10, 7–9).

Every refusal is a :class:`BundleError` with a sentence in each language and the database
unchanged — never ``zlib.error``, ``OverflowError`` or a hang.
"""

from __future__ import annotations

import json
import os
import threading
import zipfile
from pathlib import Path

import pytest

from planner.services.exchange import BundleError, bundle_documents, import_bundle, read_bundle
from planner.services.queries import list_people, list_projects, load_plan, load_stages
from tests.exchange.conftest import dump


@pytest.fixture
def docs(demo_db):
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    return bundle_documents(demo_db, project.id)


def write(path: Path, docs: dict) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False))
    return path


def refused(db, path: Path, reason: str | None = None) -> BundleError:  # type: ignore[no-untyped-def]
    before = dump(db)
    with pytest.raises(BundleError) as info:
        import_bundle(db, path)
    if reason is not None:
        assert info.value.reason == reason, info.value.text("en")
    zh, en = info.value.text("zh"), info.value.text("en")
    assert zh and en and "\n" not in zh + en
    assert "/" not in zh.replace(str(path), "") or " / " not in zh  # one language per sentence
    assert dump(db) == before
    return info.value


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_before_reading(desk_b, tmp_path, device):
    link = tmp_path / "plan.jcp"
    link.symlink_to(device)
    err = refused(desk_b, link, "file")
    assert "不是普通文件" in err.text("zh") and "not a regular file" in err.text("en")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(desk_b, tmp_path):
    fifo = tmp_path / "plan.jcp"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    worker = threading.Thread(target=lambda: _catch(result, lambda: read_bundle(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], BundleError) and "pipe" in result[0].text("en")


def _catch(out: list[BaseException], fn) -> None:  # type: ignore[no-untyped-def]
    try:
        fn()
    except BaseException as exc:
        out.append(exc)


def test_a_folder_and_a_missing_file(desk_b, tmp_path):
    (tmp_path / "dir.jcp").mkdir()
    assert "folder" in refused(desk_b, tmp_path / "dir.jcp", "file").text("en")
    assert "找不到文件" in refused(desk_b, tmp_path / "nope.jcp", "file").text("zh")


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_the_size_is_counted_while_reading(tmp_path, monkeypatch):
    """/proc files say they are empty and are not: the limit holds for what is actually read."""
    from planner.services.exchange import bundle as bundle_mod

    monkeypatch.setattr(bundle_mod, "MAX_FILE_BYTES", 64)
    link = tmp_path / "grows.jcp"
    link.symlink_to("/proc/self/maps")
    assert os.stat(link).st_size == 0
    with pytest.raises(BundleError) as info:
        read_bundle(link)
    assert info.value.reason == "too_large"


def test_flipped_bytes_never_escape_as_a_traceback(desk_b, docs, tmp_path):
    """The hostile-file trial behind the issue: 37 of 110 byte-flipped bundles raised zlib.error."""
    good = write(tmp_path / "good.jcp", docs).read_bytes()
    reasons: dict[str, int] = {}
    step = max(1, len(good) // 110)
    for n, offset in enumerate(range(30, len(good), step)):
        data = bytearray(good)
        data[offset] ^= 0x5A
        path = tmp_path / f"flip{n}.jcp"
        path.write_bytes(bytes(data))
        try:
            read_bundle(path)
        except BundleError as err:
            reasons[err.reason] = reasons.get(err.reason, 0) + 1
            assert err.text("zh") and err.text("en")
        else:
            reasons["read"] = reasons.get("read", 0) + 1
    assert reasons.get("file", 0) > 0  # damaged deflate streams and bad CRCs, in words


def test_a_damaged_deflate_stream_is_named(desk_b, docs, tmp_path):
    path = write(tmp_path / "x.jcp", docs)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("assignments.json")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):  # scramble the middle of the compressed stream
        data[i] = 0xFF
    path.write_bytes(bytes(data))
    err = refused(desk_b, path, "file")
    assert "assignments.json" in err.text("en") and "damaged" in err.text("en")


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+08:00"])
def test_dates_at_the_edge_of_the_range(desk_b, docs, tmp_path, when):
    docs["stages.json"][0]["starts_at"] = when
    err = refused(desk_b, write(tmp_path / "a.jcp", docs), "bad_record")
    assert "1900" in err.text("zh") and "2199" in err.text("en")
    docs["stages.json"][0]["starts_at"] = None
    docs["assignments.json"][0]["created_at"] = when
    refused(desk_b, write(tmp_path / "b.jcp", docs), "bad_record")


def test_integers_past_64_bits_and_beyond_any_count(desk_b, docs, tmp_path):
    docs["outlets.json"][0]["capacity"] = 10 ** 25
    err = refused(desk_b, write(tmp_path / "a.jcp", docs), "bad_json")
    assert "integer too large" in err.text("en")
    docs["outlets.json"][0]["capacity"] = 10 ** 9  # fits a column, but no outlet has a billion slots
    err = refused(desk_b, write(tmp_path / "b.jcp", docs), "bad_record")
    assert "1000000" in err.text("zh")
    docs["outlets.json"][0]["capacity"] = None
    docs["stages.json"][0]["version"] = 2 ** 60
    refused(desk_b, write(tmp_path / "c.jcp", docs), "bad_json")


def test_non_ascii_digits_in_a_number(desk_b, docs, tmp_path):
    docs["outlets.json"][0]["capacity"] = "\U00010a40"  # KHAROSHTHI DIGIT ONE: isdigit(), but int() fails
    err = refused(desk_b, write(tmp_path / "a.jcp", docs))
    assert err.reason in ("schema", "bad_record") and "\U00010a40" in err.text("en")
    docs["outlets.json"][0]["capacity"] = None
    docs["outlets.json"][0]["adcode"] = "\U00010a40" * 6
    assert refused(desk_b, write(tmp_path / "b.jcp", docs)).reason in ("schema", "bad_record")


def test_optional_fields_left_out_take_their_documented_defaults(desk_b, docs, tmp_path):
    for stage in docs["stages.json"]:
        stage.pop("position")
    for a in docs["assignments.json"]:
        a.pop("person_ids")
    for p in docs["people.json"]:
        p.pop("active")
    bundle = read_bundle(write(tmp_path / "x.jcp", docs))
    import_bundle(desk_b, bundle, prefer="theirs")
    project = bundle.project.id
    stages = load_stages(desk_b, project)
    assert {s.title for s in stages} == {s["title"] for s in docs["stages.json"]}  # position: see the README
    assert all(p.active for p in list_people(desk_b))  # absent "active" is not "inactive"
    assert all(a.person_ids == () for a in load_plan(desk_b, project).assignments)
