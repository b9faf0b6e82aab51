"""planner-cli history: a project's, a record's or every change, filtered, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from planner.cli import main
from planner.services import queries, stages
from planner.store.database import open_database


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_history_of_a_project_and_of_a_record(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(demo_db_path)
    plan = queries.load_plan(db, queries.resolve_project(db, "YKGT-2026").id)
    stage = plan.stages[0]
    stages.update_stage(db, stage.id, title="重庆西站北广场", location="北广场")
    db.close()
    db_arg = ("--db", str(demo_db_path))
    code, out, err = run(capsys, "history", "--project", "YKGT-2026", "--limit", "3", *db_arg)
    assert code == 0 and not err
    assert "标题：重庆西站 → 重庆西站北广场" in out and "具体位置：" in out and "→ 北广场" in out
    code, out, _ = run(capsys, "--lang", "en", "history", "--entity", str(stage.id)[:8], "--json", *db_arg)
    entries = json.loads(out)
    assert code == 0 and [e["action"] for e in entries] == ["update", "create"]
    title = next(c for c in entries[0]["changes"] if c["field"] == "title")
    assert (title["label"], title["before"], title["after_text"]) == ("Title", "重庆西站", "重庆西站北广场")
    assert entries[1]["label"] == "重庆西站北广场"
    code, out, _ = run(capsys, "history", "--kind", "assignment", "--action", "update", "--json", *db_arg)
    assert code == 0 and {e["entity"] for e in json.loads(out)} == {"assignment"}
    code, out, _ = run(capsys, "history", "--from", "2099-01-01", *db_arg)
    assert code == 0 and "没有符合条件的修改记录" in out


def test_history_input_errors_are_one_line(capsys, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db_arg = ("--db", str(demo_db_path))
    for argv, text in (
        (("history", "--kind", "飞机"), "--kind 的取值“飞机”无效"),
        (("history", "--from", "明天"), "无法识别的日期"),
        (("history", "--from", "2026-12-02", "--to", "2026-12-01"), "--to 早于 --from"),
        (("history", "--entity", "zz"), "记录编号"),
        (("history", "--entity", "00000000"), "找不到记录"),
        (("history", "--project", "没有这个项目"), "找不到项目"),
        (("history", "--limit", "0"), "--limit"),
    ):
        code, _out, err = run(capsys, *argv, *db_arg)
        assert code == 1 and text in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, argv
