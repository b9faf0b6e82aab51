"""A filled reply sheet comes from elsewhere: it is read like a roster (issue #10, items 7–9).

Before, 53 of 150 byte-flipped sheets crashed with ``zlib.error``, and the size was checked by
``stat`` alone. Now every refusal is a :class:`BundleError` with one line in each language.
"""

from __future__ import annotations

import os
import random
import sys

import pytest

from planner.services.exchange import BundleError, reply_sheet_read
from planner.services.exchange.reply_export import export_reply_sheet
from planner.services.exchange.reply_sheet_read import read_reply_sheet
from planner.services.queries import list_projects, load_plan


@pytest.fixture
def sheet(demo_db, tmp_path):  # type: ignore[no-untyped-def]
    project = list_projects(demo_db)[0].project
    outlet_id = load_plan(demo_db, project.id).assignments[0].outlet_id
    path = tmp_path / "reply.xlsx"
    export_reply_sheet(demo_db, project.id, outlet_id, path)
    return path


def _one_line(err: BundleError) -> None:
    for lang in ("zh", "en"):
        text = err.text(lang)
        assert text and "\n" not in text and "Traceback" not in text


def test_damaged_sheets_give_one_clear_error(sheet, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = sheet.read_bytes()
    rng = random.Random(10)
    refused = 0
    for i in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(data))
            data[j] ^= 1 << rng.randrange(8)
        path = tmp_path / f"flipped-{i}.xlsx"
        path.write_bytes(bytes(data))
        try:
            read_reply_sheet(path)
        except BundleError as err:  # anything else (zlib.error, ParseError, …) fails the test
            _one_line(err)
            refused += 1
    assert refused > 30


@pytest.mark.skipif(sys.platform == "win32", reason="links to devices and FIFOs")
def test_only_regular_files_are_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    link = tmp_path / "zero.xlsx"
    link.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    for path, kind in ((link, "a device"), (fifo, "a pipe (FIFO)"), (tmp_path, "a folder")):
        with pytest.raises(BundleError) as err:
            read_reply_sheet(path)  # would read forever or block
        _one_line(err.value)
        assert kind in err.value.text("en")


def test_size_is_bounded_while_reading(sheet, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reply_sheet_read, "MAX_SHEET_BYTES", 1000)
    with pytest.raises(BundleError) as err:
        read_reply_sheet(sheet)
    _one_line(err.value)
    assert "too large" in err.value.text("en") and "太大" in err.value.text("zh")
    monkeypatch.setattr(reply_sheet_read, "MAX_SHEET_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(reply_sheet_read, "MAX_UNPACKED_BYTES", 2000)  # a part bigger than that unpacked
    with pytest.raises(BundleError) as err:
        read_reply_sheet(sheet)
    assert "unpacked" in err.value.text("en")
