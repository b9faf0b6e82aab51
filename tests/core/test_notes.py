"""Notes threads of stages and assignments: authorship, edits by the author only, undo, migration, exports."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.enums import Entity
from planner.domain.errors import NotFoundError, ValidationError, error_text
from planner.domain.notes import MAX_NOTE_LEN, thread_text
from planner.services import assignments, commands, notes, projects, queries, stages
from planner.services import settings as desk_settings


def _assignment(db, plan):  # type: ignore[no-untyped-def]
    return assignments.create_assignment(db, stage_id=plan.s1.id, outlet_id=plan.cq.id, role="lead", format="text").row


def test_a_note_carries_its_author_and_date_and_the_thread_reads_oldest_first(db, plan) -> None:  # type: ignore[no-untyped-def]
    desk_settings.set_desk(db, editor="王芳", outlet_id=plan.cq.id)
    a = _assignment(db, plan)
    first = notes.create_note(db, assignment_id=a.id, body="  北广场 8:30 集合\r\n带无人机  ").row
    second = notes.create_note(db, assignment_id=a.id, body="改为 8:00").row
    thread = notes.thread(db, assignment_id=a.id)
    assert [n.id for n in thread] == [first.id, second.id]
    assert thread[0].body == "北广场 8:30 集合\n带无人机"
    assert thread[0].author == "王芳（荣昌区融媒体中心）" and thread[0].created_at.tzinfo is not None
    assert notes.note_counts(db, [a.id]) == {a.id: 2}
    assert notes.thread(db, stage_id=plan.s1.id) == []


def test_only_the_author_changes_or_deletes_a_note(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    desk_settings.set_desk(db, editor="王芳", outlet_id=None)
    note = notes.create_note(db, stage_id=plan.s1.id, body="请带三脚架").row
    edited = notes.update_note(db, note.id, expected_version=1, body="请带两个三脚架").row
    assert edited.body == "请带两个三脚架" and edited.edited
    desk_settings.set_desk(db, editor="李强", outlet_id=None)
    before = dump()
    with pytest.raises(ValidationError) as info:
        notes.update_note(db, note.id, body="我改了你的话")
    assert info.value.code == "not_author"
    assert "王芳" in error_text(info.value, "zh") and "only its author" in error_text(info.value, "en")
    with pytest.raises(ValidationError):
        notes.delete_note(db, note.id)
    assert dump() == before
    reply = notes.create_note(db, stage_id=plan.s1.id, body="收到").row
    assert reply.author == "李强"


@pytest.mark.parametrize("kwargs", [
    {"body": ""}, {"body": "   \n "}, {"body": "a\x00b"}, {"body": "长" * (MAX_NOTE_LEN + 1)},
])
def test_bad_notes_are_refused_and_nothing_is_written(db, plan, dump, kwargs) -> None:  # type: ignore[no-untyped-def]
    before = dump()
    with pytest.raises(ValidationError) as info:
        notes.create_note(db, stage_id=plan.s1.id, **kwargs)
    assert error_text(info.value, "zh") and error_text(info.value, "en")
    assert dump() == before


def test_a_note_belongs_to_exactly_one_existing_record(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    a = _assignment(db, plan)
    before = dump()
    with pytest.raises(ValidationError):
        notes.create_note(db, body="两处", stage_id=plan.s1.id, assignment_id=a.id)
    with pytest.raises(ValidationError):
        notes.create_note(db, body="无处")
    with pytest.raises(NotFoundError):
        notes.create_note(db, body="不存在", stage_id=plan.project.id)
    assert dump() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=300))
def test_any_text_is_stored_as_cleaned_or_refused_with_a_message(db, plan, body) -> None:  # type: ignore[no-untyped-def]
    count = len(notes.thread(db, stage_id=plan.s1.id))
    try:
        row = notes.create_note(db, stage_id=plan.s1.id, body=body).row
    except ValidationError as err:
        assert error_text(err, "zh") and error_text(err, "en")
        assert len(notes.thread(db, stage_id=plan.s1.id)) == count
    else:
        assert notes.thread(db, stage_id=plan.s1.id)[-1].body == row.body == body.replace("\r\n", "\n").replace("\r", "\n").strip()


def test_note_commands_undo_and_redo(db, plan) -> None:  # type: ignore[no-untyped-def]
    add = commands.Create(Entity.NOTE, {"stage_id": plan.s2.id, "body": "第一条"})
    add.do(db)
    edit = commands.Update(Entity.NOTE, add.created_id, {"body": "第一条（改）"}, expected_version=1)
    edit.do(db)
    assert notes.thread(db, stage_id=plan.s2.id)[0].body == "第一条（改）"
    edit.undo(db)
    add.undo(db)
    assert notes.thread(db, stage_id=plan.s2.id) == []
    add.do(db)
    edit.do(db)
    thread = notes.thread(db, stage_id=plan.s2.id)
    assert [(n.id, n.body) for n in thread] == [(add.created_id, "第一条（改）")]
    delete = commands.Delete(Entity.NOTE, add.created_id, expected_version=thread[0].version)
    delete.do(db)
    assert notes.thread(db, stage_id=plan.s2.id) == []
    delete.undo(db)
    assert notes.thread(db, stage_id=plan.s2.id) == thread


def test_deleting_a_stage_takes_its_notes_and_undo_brings_them_back(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    a = _assignment(db, plan)
    notes.create_note(db, assignment_id=a.id, body="任务备注")
    notes.create_note(db, stage_id=plan.s1.id, body="环节备注")
    # (the change log and the exchange metadata are history that undo extends, not rows it restores)
    rows = lambda: {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}  # noqa: E731
    before = rows()
    for entity, rid in ((Entity.ASSIGNMENT, a.id), (Entity.STAGE, plan.s1.id), (Entity.PROJECT, plan.project.id)):
        cmd = commands.Delete(entity, rid)
        cmd.do(db)
        assert not dump()["note"] or entity is Entity.ASSIGNMENT
        cmd.undo(db)
        assert rows() == before


def test_new_records_take_their_first_note_and_the_plan_prints_the_thread(db, plan) -> None:  # type: ignore[no-untyped-def]
    desk_settings.set_desk(db, editor="王芳", outlet_id=None)
    stage = stages.create_stage(db, project_id=plan.project.id, title="荣昌夏布小镇", notes="夏布工坊 10 点开门").row
    a = assignments.create_assignment(db, stage_id=stage.id, outlet_id=plan.cq.id, role="lead", format="photo",
                                      notes="拍织布机特写").row
    assert stage.notes == "" and a.notes == ""  # the fields themselves stay empty
    assert [n.body for n in notes.thread(db, stage_id=stage.id)] == ["夏布工坊 10 点开门"]
    notes.create_note(db, assignment_id=a.id, body="已联系工坊")
    loaded = queries.load_plan(db, plan.project.id)
    st_row = next(s for s in loaded.stages if s.id == stage.id)
    a_row = next(x for x in loaded.assignments if x.id == a.id)
    assert st_row.notes.endswith("王芳：夏布工坊 10 点开门")
    assert a_row.notes.splitlines()[1].endswith("王芳：已联系工坊")
    assert a_row.notes == thread_text(notes.thread(db, assignment_id=a.id))


def test_a_legacy_notes_field_opens_the_thread_read_only(db, plan) -> None:  # type: ignore[no-untyped-def]
    stages.update_stage(db, plan.s2.id, notes="随计划包带来的旧备注")  # a format-1 bundle still writes the field
    notes.create_note(db, stage_id=plan.s2.id, body="新备注")
    thread = notes.thread(db, stage_id=plan.s2.id)
    assert thread[0].legacy and thread[0].body == "随计划包带来的旧备注" and not thread[0].may_change("")
    assert [n.body for n in thread[1:]] == ["新备注"]
    text = next(s for s in queries.load_plan(db, plan.project.id).stages if s.id == plan.s2.id).notes
    assert text.startswith("随计划包带来的旧备注\n") and text.endswith("新备注")


def test_a_duplicated_project_keeps_the_notes_with_who_wrote_them(db, plan) -> None:  # type: ignore[no-untyped-def]
    desk_settings.set_desk(db, editor="王芳", outlet_id=None)
    a = _assignment(db, plan)
    notes.create_note(db, stage_id=plan.s1.id, body="环节备注")
    notes.create_note(db, assignment_id=a.id, body="任务备注")
    desk_settings.set_desk(db, editor="李强", outlet_id=None)
    copy = projects.duplicate_project(db, plan.project.id, title="巴蜀陶韵（第二季）", shift_days=365).row
    loaded = queries.load_plan(db, copy.id)
    st_thread = notes.thread(db, stage_id=loaded.stages[0].id)
    a_thread = notes.thread(db, assignment_id=loaded.assignments[0].id)
    assert [(n.author, n.body) for n in st_thread + a_thread] == [("王芳", "环节备注"), ("王芳", "任务备注")]


OLD = Path(__file__).resolve().parents[1] / "data" / "schema-0002-demo.db"


def test_migration_turns_the_old_fields_into_first_entries(tmp_path: Path) -> None:
    from planner.store.database import open_database

    path = tmp_path / "old.db"
    shutil.copy(OLD, path)
    con = sqlite3.connect(path)
    old = dict(con.execute("SELECT id, notes FROM stage WHERE notes != ''").fetchall())
    logged = dict(con.execute("SELECT entity_id, desk FROM change_log").fetchall())
    con.close()
    assert old, "the committed demo database has stage notes"
    db = open_database(path)
    try:
        from sqlalchemy import text

        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM stage WHERE notes != ''")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM assignment WHERE notes != ''")).scalar() == 0
        import uuid

        for hex_id, body in old.items():
            thread = notes.thread(db, stage_id=uuid.UUID(hex_id))
            assert [n.body for n in thread] == [body]
            assert thread[0].author == logged[hex_id]  # the desk that wrote the field, from the change log
            assert not thread[0].legacy and thread[0].version == 1
    finally:
        db.close()


def test_migration_downgrade_puts_the_first_entries_back(tmp_path: Path) -> None:
    import sqlalchemy as sa

    from planner.store.migrate import run_upgrade

    path = tmp_path / "old.db"
    shutil.copy(OLD, path)
    con = sqlite3.connect(path)
    old = sorted(con.execute("SELECT id, notes FROM stage").fetchall())
    con.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        run_upgrade(conn, "0007_notes")
        conn.commit()
    from alembic import command

    from planner.store.migrate import alembic_config

    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0006_suggestion_rejection")
        conn.commit()
    engine.dispose()
    con = sqlite3.connect(path)
    assert sorted(con.execute("SELECT id, notes FROM stage").fetchall()) == old
    con.close()


def test_the_assignments_sheet_carries_each_notes_thread(db, plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from planner.export.tables import headers, write_xlsx

    desk_settings.set_desk(db, editor="王芳", outlet_id=None)
    a = _assignment(db, plan)
    notes.create_note(db, assignment_id=a.id, body="带无人机")
    notes.create_note(db, assignment_id=a.id, body="已报备")
    write_xlsx(queries.load_plan(db, plan.project.id), tmp_path / "任务表.xlsx")
    sheet = load_workbook(tmp_path / "任务表.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[0]).index(headers("zh")[list(headers("en")).index("Notes")])
    text = next(r[column] for r in rows[1:] if r[column])
    assert text.splitlines()[0].endswith("王芳：带无人机") and text.splitlines()[1].endswith("王芳：已报备")
