"""planner-cli agenda, due and availability, run in-process as a user would type them."""

from __future__ import annotations

import json
from pathlib import Path

from day_people import rail_people

from planner.cli import main

XIAO, LV = rail_people()  # the demo's double-booked photographer, and a colleague at 荣昌北站


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_agenda_text_and_json(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db_path)
    code, out, _ = run(capsys, "agenda", "--db", db, "--project", "YKGT-2026", "--from", "2026-12-26", "--to", "2026-12-26")
    assert code == 0 and "12月26日 周六" in out and "重庆西站" in out and f"！{XIAO}同时安排在“泸州东站”" in out
    code, out, _ = run(capsys, "--lang", "en", "agenda", "--db", db, "--person", f"{XIAO}", "--from", "2026-12-21")
    assert code == 0 and "2026-12-26 Sat" in out and "is also booked on" in out
    code, out, _ = run(capsys, "agenda", "--db", db, "--outlet", "荣昌区融媒体中心", "--from", "2026-12-21", "--to",
                       "2026-12-27", "--json")
    data = json.loads(out)
    assert code == 0 and data["scope"]["kind"] == "outlet"
    kinds = {i["kind"] for i in data["items"]}
    assert kinds == {"stage", "deadline"}
    assert all(i["start"].endswith("+08:00") for i in data["items"])
    code, out, _ = run(capsys, "agenda", "--db", db, "--outlet", "荣昌区融媒体中心", "--from", "2026-12-01", "--to", "2026-12-02")
    assert code == 0 and "没有环节" in out


def test_agenda_errors(capsys, demo_db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db_path)
    code, out, _ = run(capsys, "agenda", "--db", db, "--from", "2026-12-26", "--to", "2026-12-26")
    assert code == 0 and out.startswith("四川日报报业集团 · ")  # no scope given: this desk's outlet
    run(capsys, "init", "--db", str(tmp_path / "empty.db"))
    code, _, err = run(capsys, "agenda", "--db", str(tmp_path / "empty.db"))
    assert code == 1 and "--person" in err
    code, _, err = run(capsys, "agenda", "--db", db, "--project", "YKGT-2026", "--from", "2026-12-26", "--to", "2026-12-20")
    assert code == 1 and err.count("\n") == 1 and "结束时间早于开始时间" in err
    code, _, err = run(capsys, "agenda", "--db", db, "--project", "没有", "--from", "2026-13-45")
    assert code == 1 and "无法识别的日期" in err


def test_due(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db_path)
    code, out, _ = run(capsys, "due", "--db", db, "--now", "2026-12-26 12:00", "--limit", "3")
    assert code == 0 and "已逾期: 6" in out and "48 小时内到期" in out and "另有" in out
    code, out, _ = run(capsys, "due", "--db", db, "--now", "2026-12-26 12:00", "--within", "90m", "--json",
                       "--outlet", "荣昌区融媒体中心")
    data = json.loads(out)
    assert set(data) == {"now", "within"} and all(i["outlet"] == "荣昌区" for i in data["within"]["items"])
    code, out, _ = run(capsys, "due", "--db", db, "--now", "2026-12-26 12:00", "--overdue", "--json")
    assert json.loads(out)["overdue"]["count"] == 6
    code, _, err = run(capsys, "due", "--db", db, "--within", "soon")
    assert code == 1 and "无法识别的时长" in err


def test_availability_add_list_remove_import(capsys, demo_db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db_path)
    code, out, _ = run(capsys, "availability", "add", "--db", db, "--person", f"{XIAO}", "--from", "2026-12-25", "--to",
                       "2026-12-26", "--reason", "年假", "--json")
    leave = json.loads(out)
    assert code == 0 and leave["to"] == "2026-12-27T00:00:00+08:00" and leave["kind"] == "leave"
    code, _, err = run(capsys, "availability", "add", "--db", db, "--person", f"{XIAO}", "--from", "2026-12-26", "--to",
                       "2026-12-28")
    assert code == 1 and "重叠" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "availability", "add", "--db", db, "--person", f"{XIAO}", "--from", "2026-12-01 08:00",
                       "--to", "2026-12-01 12:00", "--kind", "其他任务", "--rule", "FREQ=WEEKLY;BYDAY=TU", "--until",
                       "2027-03-31")
    assert code == 0 and "每周二，至2027年3月31日" in out
    code, _, err = run(capsys, "--lang", "en", "availability", "add", "--db", db, "--person", f"{XIAO}", "--from",
                       "2026-12-01 08:00", "--to", "2026-12-01 12:00", "--rule", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2")
    assert code == 1 and "never occurs" in err
    code, out, _ = run(capsys, "availability", "list", "--db", db, "--person", f"{XIAO}", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run(capsys, "gaps", "--db", db, "--project", "YKGT-2026")
    assert f"{XIAO}在环节“荣昌北站”全程不在岗：休假（年假）" in out
    code, out, _ = run(capsys, "availability", "remove", "--db", db, leave["id"][:8])
    assert code == 0 and "已删除 1 项" in out
    code, out, _ = run(capsys, "availability", "remove", "--db", db, "--person", f"{XIAO}", "--from", "2026-11-30",
                       "--to", "2026-12-01")
    assert code == 0 and "已删除 1 项" in out
    code, out, _ = run(capsys, "availability", "list", "--db", db)
    assert code == 0 and "没有登记" in out
    code, _, err = run(capsys, "availability", "remove", "--db", db, "deadbeef")
    assert code == 1 and "找不到" in err

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "开始", "结束", "原因"])
    wb.active.append([f"{XIAO}", "2026-12-24", "2026-12-26", "调休"])
    wb.active.append(["查无此人", "2026-12-24", "2026-12-26", ""])
    sheet = tmp_path / "leave.xlsx"
    wb.save(sheet)
    code, _, err = run(capsys, "availability", "import", "--db", db, str(sheet))
    assert code == 1 and "3: " in err and "查无此人" in err
    wb.active.delete_rows(3)
    wb.save(sheet)
    code, out, _ = run(capsys, "availability", "import", "--db", db, str(sheet), "--dry-run")
    assert code == 0 and "可导入 1 行" in out
    code, out, _ = run(capsys, "availability", "import", "--db", db, str(sheet))
    assert code == 0 and "已导入 1 行" in out
