"""Importing outlets from CSV and XLSX: BOM, GB18030, full-width text, duplicates, malformed rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.domain.errors import ImportFileError, InputFileError, error_text
from planner.services import outlets, queries
from planner.services.importing import import_outlets

GOOD = (
    "名称,简称,层级,所在地,平台,上级单位,报道形式,产能,联系人,电话\n"
    "成都传媒集团,成都传媒,市级,５１０１,天府融媒,,文字、图片、直播,２０,王敏,028-86000000\n"
    "温江区融媒体中心,温江融媒,县级,温江区,天府融媒,成都传媒集团,文字;短视频,6,,\n"
    "ＣＱ巴南融媒,巴南,county,500113,新重庆,,TEXT|photo,,,\n"
)


def write(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_import_with_bom_encodings_and_full_width(db, tmp_path: Path, encoding: str) -> None:  # type: ignore[no-untyped-def]
    report = import_outlets(db, write(tmp_path / "o.csv", GOOD, encoding))
    assert report.created == 3 and not report.problems
    rows = {o.name: o for o in queries.list_outlets(db)}
    assert rows["成都传媒集团"].adcode == "510100000000" and rows["成都传媒集团"].capacity == 20
    assert [f.value for f in rows["成都传媒集团"].formats] == ["text", "photo", "live"]
    assert rows["温江区融媒体中心"].parent_id == rows["成都传媒集团"].id
    assert "ＣＱ巴南融媒" in rows  # names keep their width; codes and numbers are folded


def test_child_before_parent_in_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "name,tier,parent\n子单位,county,母单位\n母单位,municipal,\n"
    assert import_outlets(db, write(tmp_path / "o.csv", text)).created == 2


def test_bad_rows_are_all_reported_and_nothing_written(db, tmp_path: Path, dump) -> None:  # type: ignore[no-untyped-def]
    outlets.create_outlet(db, name="已有单位", tier="county")
    before = dump()
    text = (
        "名称,层级,所在地,产能\n"
        "好单位,县级,荣昌区,5\n"
        ",县级,,\n"                      # 3: empty name
        "坏层级,宇宙级,,\n"              # 4: unknown tier
        "坏地点,县级,不存在的县,\n"      # 5: unknown place
        "好单位,县级,,\n"                # 6: duplicate inside the file
        " 已有单位 ,县级,,\n"            # 7: duplicate of an existing outlet
        "控制\x01字符,县级,,\n"          # 8: control character
        "多列,县级,,1,多余\n"            # 9: more cells than headers
        "负产能,县级,,-1\n"              # 10: bad number
    )
    with pytest.raises(ImportFileError) as info:
        import_outlets(db, write(tmp_path / "bad.csv", text))
    assert [line for line, _ in info.value.problems] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert dump() == before
    partial = import_outlets(db, write(tmp_path / "bad.csv", text), partial=True)
    assert partial.created == 1 and len(partial.problems) == 8
    assert "好单位" in {o.name for o in queries.list_outlets(db)}


def test_dry_run_writes_nothing(db, tmp_path: Path, dump) -> None:  # type: ignore[no-untyped-def]
    before = dump()
    report = import_outlets(db, write(tmp_path / "o.csv", GOOD), dry_run=True)
    assert report.created == 3 and report.dry_run
    assert dump() == before


@pytest.mark.parametrize("content,code,needle", [
    ("", "import_empty", "空"),
    ("foo,bar\n1,2\n", "import_missing_columns", "缺少必需的列"),
    ("\x00\x01binary", "import_not_text", "不是文本表格"),
])
def test_malformed_csv_files(db, tmp_path: Path, content: str, code: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_bytes(content.encode())
    with pytest.raises(ImportFileError) as info:
        import_outlets(db, path)
    assert info.value.code == code
    assert needle in error_text(info.value, "zh")


def test_xlsx_import_and_malformed_rows(db, tmp_path: Path, dump) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(["名称", "层级", "行政区划代码", "产能"])
    ws.append(["荣昌区融媒体中心", "县级", 500153, 8])
    ws.append(["隆昌市融媒体中心", "县级", "511083", None])
    ws.append([None, None, None, None])  # blank rows are skipped
    wb.save(tmp_path / "good.xlsx")
    assert import_outlets(db, tmp_path / "good.xlsx").created == 2
    ws.append(["荣昌区融媒体中心", "县级", None, None])
    ws.append(["新单位", "县级", None, "很多"])
    wb.save(tmp_path / "bad.xlsx")
    before = dump()
    with pytest.raises(ImportFileError) as info:
        import_outlets(db, tmp_path / "bad.xlsx")
    assert [line for line, _ in info.value.problems] == [2, 3, 5, 6]  # 2, 3, 5 exist already; 6 bad number
    assert dump() == before


def test_not_an_xlsx(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip")
    with pytest.raises(InputFileError) as info:
        import_outlets(db, path)
    assert info.value.code == "zip_invalid"
    assert error_text(info.value, "en") == f"{path} is not a valid zip file (.xlsx and .jcp files are zip archives); it was not read."
