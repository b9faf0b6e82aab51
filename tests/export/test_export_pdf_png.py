"""PDF copies (through LibreOffice, or a clear message without it) and the long picture for phones.

The picture is drawn by Qt in the normal run; the orchestration of PDFs (scratch files, names,
all-or-nothing) runs against a stand-in converter; the real LibreOffice conversion, with page
counts and blank pages read from the PDF text, is marked ``slow`` and skips cleanly without it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.domain.errors import error_text
from planner.export.errors import DestinationError
from planner.export.pdf import ConverterMissingError
from planner.services.exports import export_contribution, export_pack, export_sheet_images, export_sheets


def test_pdf_without_libreoffice_is_one_clear_message(small, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANNER_SOFFICE", "")  # nothing installed
    monkeypatch.setattr("shutil.which", lambda name: None)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for call in (lambda: export_pack(small.db, small.project.id, tmp_path / "p.pdf"),
                 lambda: export_sheets(small.db, small.project.id, tmp_path / "s", fmt="pdf"),
                 lambda: export_contribution(small.db, tmp_path / "c.pdf")):
        with pytest.raises(ConverterMissingError) as info:
            call()
        assert "LibreOffice" in error_text(info.value, "zh") and "install" in error_text(info.value, "en")
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder left


FAKE = """#!{python}
import os, sys, pathlib
args = sys.argv[1:]
if os.environ.get("FAKE_SOFFICE_FAILS"):
    sys.exit(77)
out = pathlib.Path(args[args.index("--outdir") + 1])
for src in args[args.index("--outdir") + 2:]:
    data = pathlib.Path(src).read_bytes()
    (out / (pathlib.Path(src).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake " + str(len(data)).encode())
"""


@pytest.fixture
def fake_soffice(tmp_path_factory, monkeypatch):
    """A stand-in for LibreOffice that writes a small 'PDF' per input (the real one is tested slow)."""
    folder = tmp_path_factory.mktemp("bin")
    script = folder / "soffice"
    script.write_text(FAKE.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PLANNER_SOFFICE", str(script))
    return script


def test_pdfs_replace_the_word_files_all_or_nothing(small, tmp_path, fake_soffice):
    tmp_path = tmp_path / "out"
    folder = tmp_path / "pdf"
    files = export_sheets(small.db, small.project.id, folder, fmt="pdf")
    assert sorted(f.name for f in files) == sorted(f"任务单-TY-1-{n}.pdf" for n in ("荣昌区", "隆昌市", "四川台"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.name for f in files)  # no scratch left
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)
    pack = export_pack(small.db, small.project.id, tmp_path / "pack.pdf")
    assert pack.read_bytes().startswith(b"%PDF") and sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf", "pdf"]
    one = export_sheets(small.db, small.project.id, tmp_path / "all.pdf")
    assert one == [tmp_path / "all.pdf"] and one[0].exists()


def test_a_failed_conversion_leaves_nothing(small, tmp_path, fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_FAILS", "1")
    out = tmp_path / "out"
    out.mkdir()
    from planner.export.pdf import ConversionError

    with pytest.raises(ConversionError) as info:
        export_pack(small.db, small.project.id, out / "pack.pdf")
    assert "exit 77" in error_text(info.value, "en")
    with pytest.raises(ConversionError):
        export_sheets(small.db, small.project.id, out / "sheets", fmt="pdf")
    assert list(out.iterdir()) == []


def _blank(png: bytes) -> bool:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
    return len(colours) < 3


@pytest.mark.qt
def test_long_picture_for_phones(small, tmp_path, qapp):
    from PySide6.QtGui import QImage

    from planner.ui.export.longimage import sheet_images

    folder = tmp_path / "png"
    files = export_sheet_images(small.db, small.project.id, folder, draw=sheet_images)
    names = {f.name for f in files}
    assert {"任务单-TY-1-隆昌市.png", "任务单-TY-1-四川台.png"} <= names
    # 荣昌区's 10,000-character brief is too long for one picture: it comes in parts
    assert "任务单-TY-1-荣昌区-1.png" in names and "任务单-TY-1-荣昌区-2.png" in names
    for f in files:
        image = QImage(str(f))
        assert image.width() == 1080 and image.height() > 800 and not _blank(f.read_bytes())
    one = export_sheet_images(small.db, small.project.id, tmp_path / "li.png", draw=sheet_images, per="person",
                              person_id=small.p_sc.id)
    assert one == [tmp_path / "li.png"] and QImage(str(one[0])).width() == 1080
    with pytest.raises(DestinationError):  # several sheets need a folder
        export_sheet_images(small.db, small.project.id, tmp_path / "x.png", draw=sheet_images)
    assert not (tmp_path / "x.png").exists()


@pytest.mark.qt
def test_a_very_long_sheet_is_cut_into_parts(small, qapp, monkeypatch):
    from planner.export.planview import PlanView
    from planner.export.sheetdata import sheet_content
    from planner.services.queries import load_plan
    from planner.ui.export import longimage

    monkeypatch.setattr(longimage, "MAX_HEIGHT", 3000)
    content = sheet_content(PlanView(load_plan(small.db, small.project.id), "zh"), "outlet", small.cq.id)
    parts = longimage.sheet_images(content)  # the 10,000-character brief makes it very long
    assert len(parts) > 1 and not any(_blank(p) for p in parts)


def _pdf_pages(path) -> list[str]:  # type: ignore[no-untyped-def]
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_demo_documents_convert_without_blank_pages(demo_db, tmp_path, monkeypatch):
    import re

    from planner.services.queries import resolve_project

    os.environ.pop("PLANNER_SOFFICE", None)
    monkeypatch.chdir(tmp_path)  # a relative file name, as typed on the command line
    project = resolve_project(demo_db, "YKGT-2026")
    sheets = export_sheets(demo_db, project.id, Path("sheets.pdf"))[0]
    pages = _pdf_pages(sheets)
    starts = [i for i, p in enumerate(pages) if "联合报道任务单" in p]
    assert len(starts) == 23  # one sheet per outlet, each starting a page
    assert len(pages) <= 23 + 3  # up to four pieces fit one page: only the outlets with five spill over
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip() and not re.fullmatch(r"\s*—?\s*\d+\s*—?\s*", ln)]
        assert len(lines) >= 3, page  # no blank page, no one-line fragment
    pack = _pdf_pages(export_pack(demo_db, project.id, tmp_path / "pack.pdf"))
    assert all(len([ln for ln in p.splitlines() if ln.strip()]) >= 3 for p in pack)
    contents = pack[1]
    assert "一、项目概况" in contents and re.search(r"一、项目概况\.+\s*1\b", contents)  # entries with their pages
