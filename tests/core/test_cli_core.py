"""planner-cli core commands, run in-process through main() as a user would type them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_list_show_json(capsys, tmp_path: Path, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "init", "--db", str(tmp_path / "new.db"))
    assert code == 0 and "已创建" in out
    code, out, _ = run(capsys, "list", "projects", "--db", str(demo_db_path), "--json")
    projects = json.loads(out)
    assert code == 0 and {p["code"] for p in projects} == {"YKGT-2026", "TFDJT-2025", "YJ-2026-07"}
    rail = next(p for p in projects if p["code"] == "YKGT-2026")
    assert rail["assignments"] >= 40 and rail["kind"] == "infrastructure"
    for what in ("outlets", "alliances", "people"):
        code, out, _ = run(capsys, "list", what, "--db", str(demo_db_path), "--json")
        assert code == 0 and len(json.loads(out)) >= 5
    code, out, _ = run(capsys, "show", "project", "渝昆高铁川渝段开通联合报道", "--db", str(demo_db_path))
    assert code == 0 and "重庆西站" in out and "无人报道" in out
    code, out, _ = run(capsys, "show", "project", "YKGT-2026", "--db", str(demo_db_path), "--json")
    data = json.loads(out)
    assert data["project"]["code"] == "YKGT-2026" and len(data["stages"]) == 10
    code, out, _ = run(capsys, "--lang", "en", "list", "projects", "--db", str(demo_db_path))
    assert "Infrastructure" in out


def test_errors_are_one_line_exit_1(capsys, tmp_path: Path, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "show", "project", "没有这个项目", "--db", str(demo_db_path))
    assert code == 1 and err.strip() == "planner-cli: 找不到项目：没有这个项目" and not out
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello")
    code, _, err = run(capsys, "list", "projects", "--db", str(bogus))
    assert code == 1 and "不是报道策划数据库" in err and "Traceback" not in err
    code, _, err = run(capsys, "--lang", "en", "list", "projects", "--db", str(tmp_path / "missing.db"))
    assert code == 1 and "No database found" in err


def test_usage_errors_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        main(["list", "things"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_demo_refuses_to_overwrite(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "d.db"
    path.write_text("keep me")
    code, _, err = run(capsys, "demo", "--db", str(path))
    assert code == 1 and "--force" in err and path.read_text() == "keep me"


def test_synth_small_and_import(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.db")
    code, out, _ = run(capsys, "synth", "--db", db, "--outlets", "20", "--projects", "3", "--stages", "4",
                       "--per-stage", "5")
    assert code == 0 and "assignments=60" in out
    code, out, _ = run(capsys, "list", "projects", "--db", db, "--json")
    assert sum(p["assignments"] for p in json.loads(out)) == 60
    code, _, err = run(capsys, "synth", "--db", db, "--outlets", "2", "--per-stage", "5")
    assert code == 1 and "per-stage" in err
    csv_path = tmp_path / "o.csv"
    csv_path.write_text("名称,层级\n甲融媒,县级\n乙融媒,宇宙级\n", encoding="utf-8-sig")
    code, out, err = run(capsys, "import", "outlets", str(csv_path), "--db", db)
    assert code == 1 and "3:" in err
    code, out, err = run(capsys, "import", "outlets", str(csv_path), "--db", db, "--partial")
    assert code == 0 and "imported 1 of 2" in out
