"""Reading a roster (outlets CSV/XLSX) from elsewhere within bounds (issue #10, items 7–9 and 12).

Only regular files; sizes, rows and cells counted while reading, with bounded memory; a workbook
that inflates to gigabytes stops at its declared size; damaged or sheet-less workbooks, huge and
non-ASCII numbers, UTF-16 text and duplicate headers each give one clear line and write nothing.
"""

from __future__ import annotations

import io
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.domain.errors import ImportFileError, InputFileError, PlannerError, error_text
from planner.services import importing, queries
from planner.services.importing import import_outlets


def refused(db, path: Path, dump, kind: type[PlannerError] = PlannerError) -> PlannerError:  # type: ignore[no-untyped-def]
    before = dump()
    with pytest.raises(kind) as info:
        import_outlets(db, path)
    assert dump() == before
    for lang in ("zh", "en"):
        text = error_text(info.value, lang)
        assert text and "\n" not in text and " / " not in text
    return info.value


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_links_to_devices_are_refused(db, tmp_path, dump, device, suffix) -> None:  # type: ignore[no-untyped-def]
    link = tmp_path / f"roster{suffix}"
    link.symlink_to(device)
    err = refused(db, link, dump, InputFileError)
    assert err.code == "file_not_regular"
    assert error_text(err, "en") == f"{link} is not a regular file but a device; it was not read."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_does_not_block(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    out: list[BaseException] = []

    def run() -> None:
        try:
            import_outlets(db, fifo)
        except BaseException as exc:
            out.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(out[0], InputFileError) and "管道" in error_text(out[0], "zh")


def test_a_file_over_the_size_limit_is_refused_before_reading(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(importing.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    err = refused(db, path, dump, InputFileError)
    assert err.code == "file_too_large" and "10 MB" in error_text(err, "zh")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_size_is_counted_while_reading(db, tmp_path, dump, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 100)
    link = tmp_path / "roster.csv"
    link.symlink_to("/proc/self/status")  # stat says 0 bytes; reading yields more
    assert refused(db, link, dump, InputFileError).code == "file_too_large"


def test_rows_are_counted_while_reading_with_bounded_memory(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    """A 9 MB file of 900,000 short rows stops at the row limit; memory stays near the file's size."""
    path = tmp_path / "many.csv"
    path.write_bytes(b"name,tier\n" + b"x,c\n" * 900_000 * 2 + b"")
    assert path.stat().st_size < importing.MAX_FILE_BYTES
    tracemalloc.start()
    try:
        err = refused(db, path, dump, InputFileError)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.code == "too_many_rows" and "20000" in error_text(err, "en")
    assert peak < 80 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_one_huge_cell_is_refused(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cell.csv"
    path.write_text("name,tier,notes\n甲,county," + "长" * 30_000 + "\n", encoding="utf-8")
    err = refused(db, path, dump, InputFileError)
    assert err.code == "cell_too_long" and "第 2 行" in error_text(err, "zh")
    path.write_text("name,tier,notes\n甲,county,\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    assert refused(db, path, dump, InputFileError).code == "cell_too_long"  # past csv's own field limit


def _xlsx_with(tmp_path: Path, name: str, replace: dict[str, bytes]) -> Path:
    """A real workbook from openpyxl with some of its parts replaced."""
    wb = Workbook()
    wb.active.append(["名称", "层级"])
    wb.active.append(["荣昌区融媒体中心", "县级"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return path


def test_an_xlsx_that_inflates_to_gigabytes_stops_at_its_declared_size(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + row * 800_000 + b"</sheetData></worksheet>")
    path = _xlsx_with(tmp_path, "bomb.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    assert path.stat().st_size < 1_000_000 < len(sheet)
    tracemalloc.start()
    try:
        err = refused(db, path, dump, InputFileError)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.code == "zip_member_too_large" and "sheet1.xml" in error_text(err, "en")
    assert peak < 60 * 1024 * 1024


def test_a_damaged_workbook_and_one_without_a_worksheet(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    path = _xlsx_with(tmp_path, "ok.xlsx", {})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + min(info.compress_size - 2, 60)):
        data[i] ^= 0xA5
    (tmp_path / "damaged.xlsx").write_bytes(bytes(data))
    err = refused(db, tmp_path / "damaged.xlsx", dump, InputFileError)
    assert err.code == "zip_damaged" and "sheet1.xml" in error_text(err, "zh")

    workbook = zipfile.ZipFile(path).read("xl/workbook.xml")
    head, rest = workbook.split(b"<sheets>", 1)
    empty = head + b"<sheets/>" + rest.split(b"</sheets>", 1)[1]
    err = refused(db, _xlsx_with(tmp_path, "nosheet.xlsx", {"xl/workbook.xml": empty}), dump)
    assert isinstance(err, ImportFileError) and err.code in ("import_no_sheet", "import_not_xlsx")


@pytest.mark.parametrize("value,message", [
    ("10000000000000000000000000", "产能过大：10000000000000000000000000（最多 1000000）"),  # 10^25
    ("\U00010a40", "产能应为非负整数：\U00010a40"),  # KHAROSHTHI DIGIT ONE: isdigit() but not int()
    ("١٢", "产能应为非负整数：١٢"),  # Arabic-Indic digits are not what people type into a roster
    ("１２", None),  # full-width digits are
])
def test_numbers_in_a_roster(db, tmp_path, dump, value, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "n.csv"
    path.write_text(f"name,tier,capacity\n荣昌区融媒体中心,county,{value}\n", encoding="utf-8")
    if message is None:
        import_outlets(db, path)
        assert queries.list_outlets(db)[0].capacity == 12
        return
    err = refused(db, path, dump, ImportFileError)
    assert err.problems == [(2, message)]


def test_excel_unicode_text_is_utf16_with_tabs(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "unicode.txt"
    path.write_bytes("名称\t层级\t产能\r\n荣昌区融媒体中心\t县级\t8\r\n隆昌市融媒体中心\t县级\t\r\n".encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert import_outlets(db, path).created == 2
    assert {o.name: o.capacity for o in queries.list_outlets(db)}["荣昌区融媒体中心"] == 8


def test_duplicate_column_headers_are_an_error(db, tmp_path, dump) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dup.csv"
    path.write_text("名称,层级,name\n荣昌区融媒体中心,县级,别的名字\n", encoding="utf-8")
    err = refused(db, path, dump, ImportFileError)
    assert err.code == "import_duplicate_column"
    assert error_text(err, "zh").endswith("（“name”，第 1 列和第 3 列）请删去一列。") or "第 1 列和第 3 列" in error_text(err, "zh")
