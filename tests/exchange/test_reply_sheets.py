"""Reply sheets: exported per outlet, filled in with openpyxl the way WPS saves a sheet, imported back
(three-way, with problems by row, conflicts with later desk edits, one undo step); reply bundles."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.domain.enums import Status
from planner.export.replysheet import FIRST_ROW, HEADER_ROW, META_SHEET, column_of
from planner.services import assignments
from planner.services.exchange import BundleError, import_bundle
from planner.services.exchange.replies import plan_replies
from planner.services.exchange.reply_export import export_reply_sheet, export_reply_sheets
from planner.services.exchange.reply_import import ImportReplies, export_reply_bundle, import_replies
from planner.services.exchange.reply_sheet_read import read_reply_sheet
from planner.services.exchange.state import decided_conflicts
from planner.services.notes import create_note, thread
from planner.services.queries import list_people, list_projects, load_plan
from tests.exchange.conftest import dump


def _notes(db, assignment_id):  # type: ignore[no-untyped-def]
    return thread(db, assignment_id=assignment_id)


def _project(db):  # type: ignore[no-untyped-def]
    return next(p.project for p in list_projects(db) if p.project.code == "YKGT-2026")


def _busiest_outlet(db):  # type: ignore[no-untyped-def]
    plan = load_plan(db, _project(db).id)
    counts: dict[uuid.UUID, int] = {}
    for a in plan.assignments:
        counts[a.outlet_id] = counts.get(a.outlet_id, 0) + 1
    outlet_id = max(counts, key=lambda o: (counts[o], str(o)))
    return plan, outlet_id, [a for a in plan.assignments if a.outlet_id == outlet_id]


def _rows(path: Path) -> dict[str, int]:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    out = {}
    for r in range(FIRST_ROW, ws.max_row + 1):
        value = ws.cell(r, column_of("id")).value
        if value:
            out[value] = r
    return out


def _fill(path: Path, edits: dict[tuple[str, str], object], signer: tuple[str, str] = ("张三", "13800000000")) -> None:
    """Fill cells as a person would in WPS: numbers typed as numbers, full-width digits, extra spaces."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = _rows(path)
    ws["C3"], ws["F3"] = signer[0], int(signer[1])
    for (aid, key), value in edits.items():
        ws.cell(rows[aid], column_of(key)).value = value
    wb.save(path)


def test_the_sheet_is_protected_with_hidden_ids_drop_downs_and_print_setup(demo_db, tmp_path):
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    path = tmp_path / "回执.xlsx"
    assert export_reply_sheet(demo_db, plan.project.id, outlet_id, path) == len(mine) >= 2
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert ws.protection.sheet
    id_col = ws.cell(HEADER_ROW, column_of("id")).column_letter
    assert ws.column_dimensions[id_col].hidden
    assert not ws.cell(FIRST_ROW, column_of("answer")).protection.locked
    assert ws.cell(FIRST_ROW, column_of("brief")).protection.locked
    [dv] = ws.data_validations.dataValidation
    assert dv.formula1 == '"确认,婉拒"'
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$5"
    assert {ws.cell(r, column_of("id")).value for r in range(FIRST_ROW, FIRST_ROW + len(mine))} == {str(a.id) for a in mine}


def test_round_trip_with_a_wrong_id_a_deleted_assignment_and_a_decline_without_reason(demo_db, tmp_path):
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    path = tmp_path / "回执.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, path)
    planned = [a for a in mine if a.status is Status.PLANNED or a.status is Status.CONFIRMED]
    first, second = planned[0], planned[1] if len(planned) > 1 else mine[-1]
    gone = next(a for a in mine if a.id not in (first.id, second.id))
    rows = _rows(path)
    _fill(path, {
        (str(first.id), "answer"): "确认",
        (str(first.id), "people"): "王五 １３９００００００００\n赵六 +86 138 0000 0001",
        (str(first.id), "notes"): "  周三到站  ",
        (str(first.id), "link"): "https://example.cn/piece/1",
        (str(second.id), "answer"): "婉拒",  # no reason: refused
    })
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(rows[str(gone.id)], column_of("id")).value = "not-an-id"  # somebody typed into the hidden column
    wb.save(path)
    before = dump(demo_db)
    result = import_replies(demo_db, path, dry_run=True)
    reasons = sorted(p.reason for p in result.plan.problems)
    assert reasons == ["reply_bad_id", "reply_reason_needed"]
    assert all(p.stage for p in result.plan.problems) and "第" in result.plan.problems[0].text("zh")
    assert dump(demo_db) == before
    # --partial: the good rows are taken, in one undo step
    sheet = read_reply_sheet(path)
    reply = plan_replies(demo_db, sheet)
    assert [p.name for p in reply.new_people] == ["王五", "赵六"]
    command = ImportReplies(reply)
    command.do(demo_db)
    row = next(a for a in load_plan(demo_db, plan.project.id).assignments if a.id == first.id)
    assert row.status is Status.CONFIRMED and row.deliverable_url == "https://example.cn/piece/1"
    [note] = [n for n in _notes(demo_db, first.id) if n.body == "周三到站"]  # a signed note, not a field
    assert note.author == f"张三（{reply.outlet_name}）" and "张三" in row.notes and "周三到站" in row.notes
    staff = {p.name: p for p in list_people(demo_db, outlet_id=outlet_id)}
    assert staff["王五"].phone == "13900000000" and staff["赵六"].phone == "+8613800000001"
    assert {staff["王五"].id, staff["赵六"].id} == set(row.person_ids)
    command.undo(demo_db)
    back = next(a for a in load_plan(demo_db, plan.project.id).assignments if a.id == first.id)
    assert (back.status, back.notes, back.person_ids) == (first.status, first.notes, first.person_ids)
    assert "王五" not in {p.name for p in list_people(demo_db, outlet_id=outlet_id)}
    assert "周三到站" not in {n.body for n in _notes(demo_db, first.id)}
    command.do(demo_db)  # redo
    assert [n.author for n in _notes(demo_db, first.id) if n.body == "周三到站"] == [note.author]


def test_a_deleted_assignment_is_reported_and_a_later_desk_edit_is_a_conflict(demo_db, tmp_path):
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    path = tmp_path / "回执.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, path)
    first, gone = mine[0], mine[1]
    _fill(path, {(str(first.id), "link"): "https://reply.example/1", (str(first.id), "notes"): "回执的备注",
                 (str(gone.id), "link"): "https://reply.example/2"})
    assignments.update_assignment(demo_db, first.id, deliverable_url="https://desk.example/later")
    create_note(demo_db, assignment_id=first.id, body="编辑后来写的备注")
    assignments.delete_assignment(demo_db, gone.id)
    reply = plan_replies(demo_db, read_reply_sheet(path))
    assert [p.reason for p in reply.problems] == ["reply_deleted"]
    [item] = reply.conflicts
    [c] = item.conflicts  # the link was changed on both sides; the notes are two notes, not a conflict
    assert (c.field, c.mine, c.theirs) == ("deliverable_url", "https://desk.example/later", "https://reply.example/1")
    assert item.theirs_who.startswith("张三") and item.mine_who
    with pytest.raises(BundleError):
        import_replies(demo_db, path)  # undecided
    result = import_replies(demo_db, path, prefer="theirs")
    row = next(a for a in load_plan(demo_db, plan.project.id).assignments if a.id == first.id)
    assert row.deliverable_url == "https://reply.example/1"
    assert {"编辑后来写的备注", "回执的备注"} <= {n.body for n in _notes(demo_db, first.id)}
    assert [d.chosen for d in decided_conflicts(demo_db, first.id)] == ["theirs"]
    assert result.written if hasattr(result, "written") else result.changes is not None


def test_a_decline_with_reason_and_re_import_changes_nothing(demo_db, tmp_path):
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    target = next(a for a in mine if a.status in (Status.PLANNED, Status.CONFIRMED))
    path = tmp_path / "回执.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, path)
    _fill(path, {(str(target.id), "answer"): "婉拒", (str(target.id), "reason"): "当天有全国两会直播任务"})
    import_replies(demo_db, path)
    row = next(a for a in load_plan(demo_db, plan.project.id).assignments if a.id == target.id)
    assert (row.status, row.reason) == (Status.DECLINED, "当天有全国两会直播任务")
    before = dump(demo_db)
    again = import_replies(demo_db, path)
    assert again.changes is None and dump(demo_db) == before


def test_not_a_reply_sheet_gives_one_clear_error(demo_db, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "plain.xlsx"
    Workbook().save(path)
    with pytest.raises(BundleError) as err:
        read_reply_sheet(path)
    assert err.value.reason == "not_a_reply_sheet" and "_jcp" in err.value.text("en")
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04junk")
    with pytest.raises(BundleError) as err:
        read_reply_sheet(tmp_path / "junk.xlsx")
    assert err.value.reason == "sheet_unreadable"


def test_all_outlets_get_a_sheet_and_the_cli_imports_one(demo_db, demo_db_path, tmp_path, capsys):
    from planner.cli import main

    plan, _outlet_id, mine = _busiest_outlet(demo_db)
    folder = tmp_path / "sheets"
    folder.mkdir()
    paths = export_reply_sheets(demo_db, plan.project.id, folder)
    assert len(paths) == len({a.outlet_id for a in plan.assignments})
    demo_db.close()
    path = next(p for p in paths if str(mine[0].id) in _rows(p))
    _fill(path, {(str(mine[0].id), "notes"): "CLI 导入"})
    assert main(["--lang", "en", "replies", "import", str(path), "--db", str(demo_db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: nothing written" in out and "new notes 1" in out and "new note: " in out
    assert main(["replies", "import", str(path), "--db", str(demo_db_path)]) == 0
    assert "已导入" in capsys.readouterr().out


def test_a_reply_bundle_holds_only_the_outlets_answers(demo_db, desk_b, tmp_path):
    from planner.services.exchange import export_bundle

    plan, outlet_id, mine = _busiest_outlet(demo_db)
    export_bundle(demo_db, plan.project.id, tmp_path / "plan.jcp")
    import_bundle(desk_b, tmp_path / "plan.jcp")
    assignments.update_assignment(desk_b, mine[0].id, deliverable_url="https://b.example/done")
    create_note(desk_b, assignment_id=mine[0].id, body="B 台的回复备注")
    manifest = export_reply_bundle(desk_b, plan.project.id, outlet_id, tmp_path / "reply.jcp")
    assert manifest["kind"] == "reply" and manifest["counts"]["projects"] == 0
    assert manifest["counts"]["assignments"] == len(mine) and manifest["counts"]["stages"] == 0
    result = import_bundle(demo_db, tmp_path / "reply.jcp")
    assert result.plan.count("update") == 1
    assert next(a for a in load_plan(demo_db, plan.project.id).assignments if a.id == mine[0].id).deliverable_url \
        == "https://b.example/done"
    assert "B 台的回复备注" in {n.body for n in _notes(demo_db, mine[0].id)}  # its notes travel with its answers


def test_a_reply_that_takes_back_a_decline_records_where_it_came_from(demo_db, tmp_path):
    """#10 item 3 for reply sheets: an outlet that declined answers 确认 after all. That moves the status
    back (declined → confirmed); the old decline reason must not stay as if it explained the new state,
    so the reason becomes "merged from <outlet>" — or the outlet's own reason when it wrote one."""
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    target, other = [a for a in mine if a.status is Status.PLANNED][:2]
    for a in (target, other):
        assignments.set_status(demo_db, a.id, status=Status.DECLINED, reason="人手不足")
    path = tmp_path / "回执.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, path)
    _fill(path, {(str(target.id), "answer"): "确认",
                 (str(other.id), "answer"): "确认", (str(other.id), "reason"): "调来了人手"})
    from planner.services.files import list_backups

    import_replies(demo_db, path)
    assert [b.reason for b in list_backups(demo_db)].count("before-replies") == 1  # a backup first
    rows = {a.id: a for a in load_plan(demo_db, plan.project.id).assignments}
    assert rows[target.id].status is Status.CONFIRMED
    assert rows[target.id].reason.startswith("合并自 张三") and "merged from 张三" in rows[target.id].reason
    assert (rows[other.id].status, rows[other.id].reason) == (Status.CONFIRMED, "调来了人手")


def test_a_phone_number_in_the_sheet_is_checked_like_one_typed_in_the_app(demo_db, tmp_path):
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    path = tmp_path / "回执.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, path)
    _fill(path, {(str(mine[0].id), "people"): "孙七 1234567", (str(mine[1].id), "people"): "周八 028-8696 1234"})
    reply = plan_replies(demo_db, read_reply_sheet(path))
    [problem] = reply.problems
    assert problem.reason == "reply_bad_phone" and "1234567" in problem.text("en")
    assert problem.text("en").startswith("Row ") and "电话" in problem.text("zh")
    assert [(p.name, p.phone) for p in reply.new_people] == [("周八", "02886961234")]


def test_notes_from_two_replies_are_two_signed_notes_and_a_sheet_deletes_none(demo_db, tmp_path):
    """备注 is added to the thread: a second reply does not overwrite the first, importing a sheet again adds
    nothing, and lines taken out of the cell delete nobody's note."""
    plan, outlet_id, mine = _busiest_outlet(demo_db)
    target = mine[0]
    create_note(demo_db, assignment_id=target.id, body="编辑部：请带无人机")
    first, second = tmp_path / "一.xlsx", tmp_path / "二.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, first)
    export_reply_sheet(demo_db, plan.project.id, outlet_id, second)
    shown = load_workbook(first).worksheets[0].cell(_rows(first)[str(target.id)], column_of("notes")).value
    assert "请带无人机" in shown  # the thread is shown for reading
    _fill(first, {(str(target.id), "notes"): f"{shown}\n无人机已报备"}, signer=("张三", "13800000000"))
    _fill(second, {(str(target.id), "notes"): "明早八点到站"}, signer=("李四", "13900000000"))  # replaced the text
    import_replies(demo_db, first)
    import_replies(demo_db, second)
    notes = _notes(demo_db, target.id)
    assert [n.body for n in notes][-3:] == ["编辑部：请带无人机", "无人机已报备", "明早八点到站"]
    assert notes[-2].author.startswith("张三（") and notes[-1].author.startswith("李四（")
    before = dump(demo_db)
    assert import_replies(demo_db, first).changes is None and dump(demo_db) == before  # once only
    blank = tmp_path / "三.xlsx"
    export_reply_sheet(demo_db, plan.project.id, outlet_id, blank)
    _fill(blank, {(str(target.id), "notes"): ""})
    assert import_replies(demo_db, blank).changes is None and dump(demo_db) == before
