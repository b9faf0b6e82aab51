"""Generated and mutated plan bundles through ``planner-cli bundle import … --prefer theirs``.

Mutations at every level: a field of a record set to any JSON value (control characters, edge
dates, integers past 64 bits, nested junk), keys removed, records dropped or duplicated, the
manifest altered, and the zip's bytes flipped or cut. Every case: exit 0 or 1, one clear line,
no traceback, and on a refusal the receiving database exactly as it was.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.services import assignments, outlets, people, projects, stages
from planner.services.exchange import bundle_documents
from planner.store.database import open_database
from tests.core.conftest import dump_file
from tests.fuzz.fuzzutil import MANY, QUICK, assert_one_clear_line, run_cli


def _small_plan_documents() -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="planner-fuzz-src-"))
    with open_database(folder / "a.db") as db:
        o1 = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county", adcode="500153", capacity=5).row
        o2 = outlets.create_outlet(db, name="隆昌市融媒体中心", tier="county", adcode="511083", parent_id=None).row
        p1 = people.create_person(db, outlet_id=o1.id, name="张敏", role="reporter", phone="13800000000").row
        pr = projects.create_project(db, title="巴蜀陶韵", code="TY-1", kind="culture_tourism", coordinator_id=p1.id,
                                     starts_on="2026-03-01", ends_on="2026-03-31").row
        s1 = stages.create_stage(db, project_id=pr.id, title="荣昌陶博物馆", adcode="500153",
                                 starts_at="2026-03-02 09:00", ends_at="2026-03-02 12:00").row
        s2 = stages.create_stage(db, project_id=pr.id, title="隆昌石牌坊", depends_on=[s1.id]).row
        assignments.create_assignment(db, stage_id=s1.id, outlet_id=o1.id, role="lead", format="text",
                                      person_ids=[p1.id], due_at="2026-03-02 18:00")
        assignments.create_assignment(db, stage_id=s2.id, outlet_id=o2.id, role="support", format="photo")
        return bundle_documents(db, pr.id)


BASE = _small_plan_documents()
MEMBERS = [m for m in BASE if m != "manifest.json"]

SPECIAL = [
    "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+08:00", "2026-03-02T09:00:00+00:00", "2026-02-30",
    "\x7f", "a\x00b", "荣昌区\u200b融媒体中心", "=1+1", "\U00010a40", "lead", "county", "planned", "published",
    "text", "00000000-0000-0000-0000-000000000000", "", " ", "长" * 500,
]
leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2 ** 70), 2 ** 70), st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(SPECIAL), st.text(max_size=20),
    st.uuids().map(str),
)
json_value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                             max_size=3), max_leaves=6)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    docs = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["set", "set", "set", "drop_key", "drop_record", "dup_record", "manifest"]))
        member = draw(st.sampled_from(MEMBERS))
        records = docs[member]
        if op == "manifest":
            key = draw(st.sampled_from(["format", "format_version", "counts", "source", "project", "created_at"]))
            docs["manifest.json"][key] = draw(json_value)
        elif not records:
            continue
        elif op == "drop_record":
            records.pop(draw(st.integers(0, len(records) - 1)))
        elif op == "dup_record":
            records.append(copy.deepcopy(records[draw(st.integers(0, len(records) - 1))]))
        else:
            record = records[draw(st.integers(0, len(records) - 1))]
            key = draw(st.one_of(st.sampled_from(sorted(record)), st.text(max_size=8)))
            if op == "drop_key":
                record.pop(key, None)
            else:
                record[key] = draw(json_value)
    return docs


def _zip(docs: dict[str, Any]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False))
    return buf.getvalue()


@st.composite
def bundle_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(_zip(draw(documents())))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 3]))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


class Desk:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="planner-fuzz-"))
        self.db = self.folder / "desk.db"
        open_database(self.db).close()
        self.dump = dump_file(self.db)
        self.outcomes = {0: 0, 1: 0}

    def check(self, data: bytes) -> None:
        path = self.folder / "plan.jcp"
        path.write_bytes(data)
        code, _out, err = run_cli("bundle", "import", str(path), "--db", str(self.db), "--prefer", "theirs")
        assert_one_clear_line(code, err)
        after = dump_file(self.db)
        if code == 1:
            assert after == self.dump, "a refused bundle changed the database"
        self.dump = after
        self.outcomes[code] += 1


@pytest.fixture(scope="module")
def desk() -> Desk:
    return Desk()


@QUICK
@given(data=bundle_bytes())
def test_generated_and_mutated_bundles(desk: Desk, data: bytes) -> None:
    desk.check(data)


def test_the_quick_run_saw_both_outcomes(desk: Desk) -> None:
    assert desk.outcomes[0] > 0 and desk.outcomes[1] > 0, desk.outcomes


@pytest.mark.fuzz
@MANY
@given(data=bundle_bytes())
def test_many_bundles(desk: Desk, data: bytes) -> None:
    desk.check(data)
