"""Notes threads and recurring series on a shared server (issue #14 with #16's rules): a desk writes
notes on the stages and assignments of its own projects and sees only those projects' notes and
series; a viewer writes none; a desk cannot put a note on a project it is not in."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from planner.services import notes, series

pytestmark = pytest.mark.postgres


def _scalar(engine, sql: str, **params):  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        return conn.execute(text(sql), params).scalar()


def _refused(engine, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(sql), params)
    assert info.value.orig.sqlstate == "42501", info.value


def test_a_desk_writes_and_reads_notes_of_its_own_projects_only(shared_server):
    server, ids = shared_server, shared_server.ids
    rc = server.open_as("desk_rc")  # 荣昌: in both projects
    mine = notes.create_note(rc, assignment_id=ids["a_p2_rc"], body="无人机已报备").row
    on_stage = notes.create_note(rc, stage_id=ids["s2"], body="遂宁段下午有雨").row
    assert mine.author.startswith("刘编辑")
    assert notes.update_note(rc, mine.id, body="无人机已报备，编号 07").row.body == "无人机已报备，编号 07"
    count = "SELECT count(*) FROM note WHERE id IN (:a, :b)"
    desk_yc, viewer = server.raw("desk_yc"), server.raw("viewer")
    assert _scalar(desk_yc, count, a=mine.id, b=on_stage.id) == 0  # 永川 is not in 涪江流域联动
    assert _scalar(server.raw("desk_rc"), count, a=mine.id, b=on_stage.id) == 2
    assert _scalar(viewer, count, a=mine.id, b=on_stage.id) == 2
    # 永川's desk may not put a note on p2, nor may a viewer write one anywhere
    _refused(desk_yc, "INSERT INTO note (id, created_at, updated_at, version, stage_id, author, body) "
                      "VALUES (gen_random_uuid(), now(), now(), 1, :s, 'x', 'x')", s=ids["s2"])
    _refused(viewer, "INSERT INTO note (id, created_at, updated_at, version, stage_id, author, body) "
                     "VALUES (gen_random_uuid(), now(), now(), 1, :s, 'x', 'x')", s=ids["s1"])
    # but on its own project's stage it may, through the service
    yc_note = notes.create_note(server.open_as("desk_yc"), stage_id=ids["s1"], body="永川南站北广场集合").row
    assert notes.thread(server.open_as("coord_a"), stage_id=ids["s1"])[-1].id == yc_note.id
    notes.delete_note(rc, on_stage.id)
    assert _scalar(server.owner.engine, "SELECT count(*) FROM note WHERE id = :a", a=on_stage.id) == 0
    # other editors' open threads follow new notes live (the table announces its writes)
    assert _scalar(server.owner.engine, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'note'::regclass "
                                        "AND tgname LIKE 'planner_notify_%'") == 3


def test_series_are_seen_where_their_project_is(shared_server):
    server, ids = shared_server, shared_server.ids
    coord = server.open_as("coord_b")
    series.create_series(coord, project_id=ids["p2"], title="每周川渝联播", rule="FREQ=WEEKLY;BYDAY=MO;COUNT=3",
                         starts_at="2026-12-07 19:30", ends_at="2026-12-07 20:30")
    by_title = "SELECT count(*) FROM stage_series WHERE title = '每周川渝联播'"
    assert _scalar(server.raw("desk_yc"), by_title) == 0
    assert _scalar(server.raw("desk_rc"), by_title) == 1
    assert _scalar(server.raw("desk_rc"), "SELECT count(*) FROM series_occurrence") >= 3
    assert _scalar(server.raw("desk_yc"), "SELECT count(*) FROM series_occurrence o JOIN stage s ON s.id = o.stage_id "
                                          "WHERE s.project_id = :p", p=ids["p2"]) == 0
