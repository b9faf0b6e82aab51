"""Robustness of the exports: hostile text, user templates, progress and cancel, atomic writes."""

from __future__ import annotations

import shutil

import docx
import pytest
from exportcheck import CJK4, EMOJI, LONG_BRIEF, all_text, open_doc, table_rows

from planner.export.docxkit import check_template, default_template_path
from planner.export.errors import TemplateError
from planner.export.pack import write_pack
from planner.export.sheets import write_sheets
from planner.export.typography import STYLE_NAMES
from planner.services.exports import export_contribution, export_pack, export_sheets

BAD = "\x00\x01\x0b\x0c\x1f\ufffe\ud800"


def test_hostile_text_exports_cleanly(hostile_plan, tmp_path):
    sheets = write_sheets(hostile_plan, tmp_path / "sheets")
    pack = write_pack(hostile_plan, tmp_path / "pack.docx")
    for path in [*sheets, pack]:
        doc = open_doc(path)  # parses: no XML-incompatible character got in
        text = all_text(doc)
        assert not any(ch in text for ch in BAD)
        assert EMOJI in text and CJK4 in text and "<&>\"'" in text
    assert len(sheets) == 2
    assert all("/" not in p.name and ":" not in p.name and "\x00" not in p.name for p in sheets)
    doc = open_doc(pack)
    assert "坏字符" + EMOJI + CJK4 in all_text(doc)
    details = [t for t in doc.tables if table_rows(t)[0][0] == "单位"]
    brief = table_rows(details[0])[1][6]
    assert brief.endswith(LONG_BRIEF) and len(brief) > 10000


def test_hostile_text_in_english(hostile_plan, tmp_path):
    pack = write_pack(hostile_plan, tmp_path / "pack.docx", lang="en")
    assert "Overview" in all_text(open_doc(pack))


def test_default_template_has_every_style():
    check_template(default_template_path())
    names = {s.name for s in docx.Document(str(default_template_path())).styles}
    assert set(STYLE_NAMES) <= names


def _template_without(tmp_path, style_name):  # type: ignore[no-untyped-def]
    doc = docx.Document(str(default_template_path()))
    el = doc.styles[style_name].element
    el.getparent().remove(el)
    path = tmp_path / "letterhead.docx"
    doc.save(str(path))
    return path


def test_template_missing_a_style_is_a_clear_error(small, tmp_path):
    bad = _template_without(tmp_path, "Table Heading")
    with pytest.raises(TemplateError) as info:
        export_pack(small.db, small.project.id, tmp_path / "pack.docx", template=bad)
    assert info.value.missing == ["Table Heading"]
    from planner.domain.errors import error_text

    assert "Table Heading" in error_text(info.value, "zh") and "缺少" in error_text(info.value, "zh")
    assert "lacks styles" in error_text(info.value, "en")
    assert not (tmp_path / "pack.docx").exists()
    with pytest.raises(TemplateError):
        export_sheets(small.db, small.project.id, tmp_path / "s", template=tmp_path / "nope.docx")
    (tmp_path / "fake.docx").write_text("not a zip")
    with pytest.raises(TemplateError) as info:
        export_contribution(small.db, tmp_path / "c.docx", template=tmp_path / "fake.docx")
    assert info.value.problem == "not_docx"
    assert not (tmp_path / "s").exists() and not (tmp_path / "c.docx").exists()


def test_user_template_keeps_its_letterhead_and_styles(small, tmp_path):
    doc = docx.Document(str(default_template_path()))
    doc.add_paragraph("川渝融媒联合体 文件", style="Title")  # the letterhead in the body
    doc.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    path = tmp_path / "mine.docx"
    doc.save(str(path))
    out = tmp_path / "pack.docx"
    export_pack(small.db, small.project.id, out, template=path)
    made = open_doc(out)
    assert made.paragraphs[0].text == "川渝融媒联合体 文件"
    assert made.sections[0].header.paragraphs[0].text == "内部资料 注意保存"
    assert "一、项目概况" in [p.text for p in made.paragraphs]


def test_progress_is_reported_and_cancel_leaves_nothing(small, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    calls = []
    export_pack(small.db, small.project.id, tmp_path / "ok.docx", progress=lambda d, t, s: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] and len(calls) > 5

    class Stop(Exception):
        pass

    def cancel_at(n):  # type: ignore[no-untyped-def]
        seen = []

        def progress(done, total, text):  # type: ignore[no-untyped-def]
            seen.append(done)
            if len(seen) >= n:
                raise Stop
        return progress

    folder = tmp_path / "sheets"
    with pytest.raises(Stop):
        export_sheets(small.db, small.project.id, folder, progress=cancel_at(3))
    assert not folder.exists()  # the folder it created is removed again
    with pytest.raises(Stop):
        export_pack(small.db, small.project.id, tmp_path / "cancelled.docx", progress=cancel_at(6))
    with pytest.raises(Stop):
        export_contribution(small.db, tmp_path / "c.xlsx", progress=cancel_at(3))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.docx"]


def test_failed_export_keeps_the_old_file(small, tmp_path, monkeypatch):
    out = tmp_path / "out" / "pack.docx"
    out.parent.mkdir()
    out.write_bytes(b"the old pack")

    def boom(self, target):  # type: ignore[no-untyped-def]
        target.write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr("planner.export.docxkit.DocWriter.save", boom)
    with pytest.raises(OSError):
        export_pack(small.db, small.project.id, out)
    assert out.read_bytes() == b"the old pack"
    assert [p.name for p in out.parent.iterdir()] == ["pack.docx"]


def test_existing_folder_of_sheets_is_filled(small, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    files = export_sheets(small.db, small.project.id, folder)
    assert (folder / "keep.txt").read_text() == "mine"
    assert len(files) == 3
    shutil.rmtree(folder)


def test_template_font_table_names_fallbacks():
    import zipfile

    from planner.export.typography import FALLBACKS

    with zipfile.ZipFile(default_template_path()) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
    for font, alt in FALLBACKS.items():
        assert f'w:name="{font}"' in table and f'w:val="{alt}"' in table
