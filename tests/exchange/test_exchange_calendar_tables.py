"""Calendars (.ics) and assignment tables (CSV/XLSX), through the CLI and the export functions."""

from __future__ import annotations

import csv

from planner.cli import main
from planner.export.ics import filter_plan, plan_calendar
from planner.export.tables import assignment_table
from planner.services.queries import list_projects, load_plan, resolve_outlet


def _plan(db):  # type: ignore[no-untyped-def]
    project = next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")
    return load_plan(db, project.id)


def test_ics_has_stage_events_and_deadlines_with_stable_uids(demo_db, demo_db_path, tmp_path):
    from icalendar import Calendar

    plan = _plan(demo_db)
    out = tmp_path / "plan.ics"
    demo_db.close()
    assert main(["export", "ics", "--db", str(demo_db_path), "--project", "YKGT-2026", "-o", str(out)]) == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    uids = {str(e["uid"]) for e in events}
    timed = [s for s in plan.stages if s.starts_at]
    due = [a for a in plan.assignments if a.due_at]
    assert len(events) == len(timed) + len(due)
    assert {f"stage-{s.id}@joint-coverage-planner" for s in timed} <= uids
    assert {f"due-{a.id}@joint-coverage-planner" for a in due} <= uids
    first = next(e for e in events if str(e["uid"]) == f"stage-{timed[0].id}@joint-coverage-planner")
    start = first.decoded("dtstart")
    assert str(start.tzinfo) == "Asia/Shanghai" and start == timed[0].starts_at
    assert timed[0].title in str(first["summary"])
    assert any(c.name == "VTIMEZONE" and str(c["tzid"]) == "Asia/Shanghai" for c in cal.walk())
    # same UIDs on a second export (calendar apps update instead of duplicating)
    again = plan_calendar(plan)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == uids


def test_ics_for_one_outlet_with_todos(demo_db):
    plan = _plan(demo_db)
    outlet_id = plan.assignments[0].outlet_id
    mine = filter_plan(plan, outlet_id=outlet_id)
    assert mine.assignments and all(a.outlet_id == outlet_id for a in mine.assignments)
    cal = plan_calendar(mine, deadlines_as="todo")
    todos = list(cal.walk("VTODO"))
    assert len(todos) == sum(1 for a in mine.assignments if a.due_at)
    assert all("DUE" in t for t in todos)
    assert {s.id for s in mine.stages} == {a.stage_id for a in mine.assignments}


def test_ics_for_one_person(demo_db):
    plan = _plan(demo_db)
    person_id = next(p for a in plan.assignments for p in a.person_ids)
    mine = filter_plan(plan, person_id=person_id)
    assert mine.assignments and all(person_id in a.person_ids for a in mine.assignments)


def test_csv_has_bom_and_chinese(demo_db, demo_db_path, tmp_path):
    plan = _plan(demo_db)
    demo_db.close()
    out = tmp_path / "tasks.csv"
    assert main(["export", "assignments", "--db", str(demo_db_path), "--project", "YKGT-2026", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["项目", "序号", "环节"]
    assert len(rows) == len(plan.assignments) + 1
    ids = {r[-1] for r in rows[1:]}
    assert ids == {str(a.id) for a in plan.assignments}
    assert all(r[0] == plan.project.title for r in rows[1:])
    assert {r[7] for r in rows[1:]} <= {"主办", "协办", "转发"}


def test_xlsx_matches_table(demo_db, demo_db_path, tmp_path):
    from openpyxl import load_workbook

    plan = _plan(demo_db)
    demo_db.close()
    out = tmp_path / "tasks.xlsx"
    assert main(["--lang", "en", "export", "assignments", "--db", str(demo_db_path), "--project", "YKGT-2026",
                 "-o", str(out)]) == 0
    ws = load_workbook(out).active
    values = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    assert values[0][:3] == ["Project", "No.", "Stage"]
    assert values[1:] == [[v if v is not None else "" for v in row] for row in assignment_table(plan, "en")]
    assert ws.freeze_panes == "A2"


def test_formula_like_text_is_neutralised(demo_db):
    from dataclasses import replace

    plan = _plan(demo_db)
    a = replace(plan.assignments[0], brief="=HYPERLINK(\"http://x\")", notes="a\x01b")
    table = assignment_table(replace(plan, assignments=(a,)))
    assert table[0][13] == "ab"  # control characters dropped for every writer
    from planner.export.tables import csv_cell

    assert csv_cell(table[0][12]).startswith("'=")  # CSV neutralises; XLSX stores text as text (test_output_sanitizing)


def test_bad_output_suffix_is_refused(demo_db_path, tmp_path, capsys):
    assert main(["export", "assignments", "--db", str(demo_db_path), "--project", "YKGT-2026",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    assert "xlsx" in capsys.readouterr().err


def test_bundle_cli_round_trip_and_conflict_report(demo_db_path, tmp_path, capsys):
    b = tmp_path / "b.db"
    jcp = tmp_path / "p.jcp"
    assert main(["init", "--db", str(b)]) == 0
    assert main(["bundle", "export", "--db", str(demo_db_path), "--project", "YKGT-2026", "-o", str(jcp)]) == 0
    assert main(["bundle", "import", str(jcp), "--db", str(b), "--dry-run"]) == 0
    assert "预览" in capsys.readouterr().out
    assert main(["bundle", "import", str(jcp), "--db", str(b)]) == 0
    assert main(["--lang", "en", "bundle", "import", str(jcp), "--db", str(b)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    # make a conflict: both sides change the same stage's notes
    from planner.services import stages
    from planner.store.database import open_database

    for path, text in ((demo_db_path, "A"), (b, "B")):
        with open_database(path) as db:
            plan = _plan(db)
            stages.update_stage(db, plan.stages[0].id, notes=f"{text} 改")
    assert main(["bundle", "export", "--db", str(demo_db_path), "--project", "YKGT-2026", "-o", str(jcp)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "bundle", "import", str(jcp), "--db", str(b)]) == 1
    out = capsys.readouterr().out
    assert "notes: mine = B 改" in out and "theirs = A 改" in out and "nothing written" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.replace("B 改", "").replace("A 改", "")
                   .replace("值班主任（川报集团）", "").replace("渝昆高铁川渝段开通联合报道", "").replace("重庆西站", ""))
    assert main(["bundle", "import", str(jcp), "--db", str(b), "--prefer", "theirs", "--json"]) == 0
    with open_database(b) as db:
        assert _plan(db).stages[0].notes == "A 改"
    with open_database(b) as db:
        assert resolve_outlet(db, _plan(db).outlets[_plan(db).assignments[0].outlet_id].name)
