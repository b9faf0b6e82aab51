"""Generated and mutated rosters (CSV and XLSX) through ``planner-cli import outlets``.

Every case: exit 0 or 1, a refusal in one line (plus the rows at fault), never a traceback, and
on a refusal the database exactly as it was. A few hundred cases with a fixed seed in the normal
run; thousands with ``-m fuzz`` (issue #10, "Tests that keep it fixed").
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.services.importing import HEADERS
from planner.store.database import open_database
from tests.core.conftest import dump_file
from tests.fuzz.fuzzutil import MANY, QUICK, assert_one_clear_line, run_cli

HOSTILE = [
    "荣昌区\u200b融媒体中心", "荣昌区融媒体中心", "=HYPERLINK(\"x\")", "+86 138 0000 0000", "\x7f", "\x00", "a\x01b",
    "10000000000000000000000000", "\U00010a40", "١٢", "１２", "-1", "1e309", "NaN", "3.5", "县级", "county", "省级",
    "宇宙级", "500153", "５１０１", "温江区", "不存在的县", "文字、图片", "TEXT|photo|VR/AR", "", " ", "\"", "a,b",
    "\r\n", "\t", "长" * 300, "\ufeff名称", "\u202e", "9" * 40, "0", "成都传媒集团",
]
cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
header_word = st.sampled_from([*HEADERS, "unknown", "", "名称", "层级", "Name", "ＴＩＥＲ"])
any_table = st.tuples(
    st.lists(header_word, min_size=0, max_size=8),
    st.lists(st.lists(cell, max_size=9), max_size=25),
)
# Mostly well-formed rosters with a hostile cell here and there, so imports also succeed.
good_row = st.tuples(
    st.one_of(st.text(alphabet="东西南北中川渝融媒体报社台", min_size=2, max_size=8), cell),
    st.one_of(st.sampled_from(["县级", "市级", "county", "provincial"]), cell),
    st.one_of(st.sampled_from(["", "500153", "温江区", "510100"]), cell),
    st.one_of(st.sampled_from(["", "5", "１２"]), cell),
).map(list)
nearly_good_table = st.tuples(
    st.just(["名称", "层级", "所在地", "产能"]) | st.just(["name", "tier", "place", "capacity"]),
    st.lists(good_row, max_size=15),
)
table = st.one_of(any_table, nearly_good_table, nearly_good_table)


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding, errors="replace")


def _mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for pos, value in flips:
        if out:
            out[pos % len(out)] = value
    if cut is not None and out:
        out = out[: cut % (len(out) + 1)]
    return bytes(out)


csv_file = st.builds(
    lambda t, delim, enc, flips, cut: _mutate(_csv_bytes(t[0], t[1], delim, enc), flips, cut),
    table, st.sampled_from([",", ";", "\t", "，"]), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    st.one_of(st.just([]), st.just([]), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=3)),
    st.one_of(st.none(), st.none(), st.integers(0, 10_000)),
)


def _xlsx_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    ws = wb.active
    for row in [header, *rows]:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


xlsx_cell = st.one_of(cell, st.integers(-(2 ** 70), 2 ** 70), st.floats(allow_nan=True), st.none(), st.booleans())
xlsx_file = st.builds(
    lambda header, rows, flips, cut: _mutate(_xlsx_bytes(header, rows), flips, cut),
    st.one_of(st.lists(header_word, max_size=6), st.just(["名称", "层级", "产能"])),
    st.lists(st.lists(xlsx_cell, max_size=7), max_size=12),
    st.one_of(st.just([]), st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=2)),
    st.one_of(st.none(), st.none(), st.integers(0, 100_000)),
)


class Desk:
    """One database for a whole run; a refusal must leave it exactly as it was."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="planner-fuzz-"))
        self.db = self.folder / "desk.db"
        open_database(self.db).close()
        self.dump = dump_file(self.db)
        self.outcomes = {0: 0, 1: 0}

    def check(self, data: bytes, suffix: str, partial: bool = False) -> None:
        path = self.folder / f"roster{suffix}"
        path.write_bytes(data)
        code, _out, err = run_cli("import", "outlets", str(path), "--db", str(self.db), *(["--partial"] * partial))
        assert_one_clear_line(code, err)
        after = dump_file(self.db)
        if code == 1:
            assert after == self.dump, "a refused import changed the database"
        self.dump = after
        self.outcomes[code] += 1


@pytest.fixture(scope="module")
def desk() -> Desk:
    return Desk()


@QUICK
@given(data=csv_file, partial=st.booleans())
def test_generated_csv_rosters(desk: Desk, data: bytes, partial: bool) -> None:
    desk.check(data, ".csv", partial)


@settings(QUICK, max_examples=QUICK.max_examples // 2)
@given(data=xlsx_file, partial=st.booleans())
def test_generated_xlsx_rosters(desk: Desk, data: bytes, partial: bool) -> None:
    desk.check(data, ".xlsx", partial)


def test_the_quick_run_saw_both_outcomes(desk: Desk) -> None:
    """The generators reach both sides: imports that succeed and imports refused."""
    assert desk.outcomes[0] > 0 and desk.outcomes[1] > 0, desk.outcomes


@pytest.mark.fuzz
@MANY
@given(data=csv_file, partial=st.booleans())
def test_many_csv_rosters(desk: Desk, data: bytes, partial: bool) -> None:
    desk.check(data, ".csv", partial)


@pytest.mark.fuzz
@settings(MANY, max_examples=MANY.max_examples // 2)
@given(data=xlsx_file, partial=st.booleans())
def test_many_xlsx_rosters(desk: Desk, data: bytes, partial: bool) -> None:
    desk.check(data, ".xlsx", partial)
