"""``planner-cli export sheets|pack`` and ``planner-cli report contribution``."""

from __future__ import annotations

import csv

import pytest
from exportcheck import all_text, open_doc

from planner.cli import main


@pytest.fixture
def dbfile(small):  # type: ignore[no-untyped-def]
    small.db.close()
    return str(small.db.path)


def test_sheets_folder_and_single_file(dbfile, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "sheets", "--db", dbfile, "--project", "TY-1", "-o", str(out)]) == 0
    assert len(list(out.glob("*.docx"))) == 3
    assert "已导出 3 个文件" in capsys.readouterr().out
    one = tmp_path / "one.docx"
    assert main(["--lang", "en", "export", "sheets", "--db", dbfile, "--project", "TY-1", "--outlet", "隆昌市",
                 "-o", str(one)]) == 0
    text = all_text(open_doc(one))
    assert "Joint-coverage assignment sheet" in text and "隆昌市融媒体中心" in text
    people = tmp_path / "people.docx"
    assert main(["export", "sheets", "--db", dbfile, "--project", "TY-1", "--per", "person", "--person", "李强",
                 "-o", str(people)]) == 0
    assert "个人任务单" in all_text(open_doc(people))


def test_pack(dbfile, tmp_path):
    out = tmp_path / "pack.docx"
    assert main(["export", "pack", "--db", dbfile, "--project", "TY-1", "--no-picture", "-o", str(out)]) == 0
    doc = open_doc(out)
    assert "一、项目概况" in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) == 0


@pytest.mark.qt
def test_pack_with_the_qt_picture(dbfile, tmp_path):
    pytest.importorskip("PySide6")
    pytest.importorskip("planner.ui.graph.render")
    out = tmp_path / "pack.docx"
    assert main(["export", "pack", "--db", dbfile, "--project", "TY-1", "-o", str(out)]) == 0
    doc = open_doc(out)
    assert len(doc.inline_shapes) == 1
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[blob].blob.startswith(b"\x89PNG")


def test_report_contribution(dbfile, tmp_path):
    out = tmp_path / "c.csv"
    assert main(["report", "contribution", "--db", dbfile, "--from", "2026-03-01", "--to", "2026年3月31日",
                 "--alliance", "川渝陶艺联盟", "--weights", "lead=5", "-o", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][1] == "荣昌区融媒体中心" and rows[1][-1] == "12"
    assert {r[1] for r in rows[1:]} == {"荣昌区融媒体中心", "隆昌市融媒体中心", "大足区融媒体中心"}
    assert main(["report", "contribution", "--db", dbfile, "-o", str(tmp_path / "c.xlsx")]) == 0
    assert main(["report", "contribution", "--db", dbfile, "-o", str(tmp_path / "c.docx")]) == 0


def test_errors_are_one_line(dbfile, tmp_path, capsys):
    tmp_path = tmp_path / "o"
    tmp_path.mkdir()
    assert main(["report", "contribution", "--db", dbfile, "--weights", "lead=x", "-o", str(tmp_path / "c.csv")]) == 1
    assert "权重" in capsys.readouterr().err
    assert main(["--lang", "en", "export", "pack", "--db", dbfile, "--project", "TY-1",
                 "--template", str(tmp_path / "none.docx"), "-o", str(tmp_path / "p.docx")]) == 1
    err = capsys.readouterr().err
    assert "template file not found" in err and err.count("\n") == 1
    assert main(["export", "sheets", "--db", dbfile, "--project", "NOPE", "-o", str(tmp_path / "x")]) == 1
    assert main(["report", "contribution", "--db", dbfile, "--from", "soon", "-o", str(tmp_path / "c.csv")]) == 1
    assert not any(tmp_path.iterdir())
