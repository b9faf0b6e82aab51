"""Absences on a shared server: administrators and coordinators keep anyone's, an outlet's desk keeps
its own people's (what a desk records daily), a viewer none — held by the database for a raw SQL
connection as for the app (issue #16 item 2; the desk's day, issue #14)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from planner.domain.errors import PermissionDeniedError, error_text
from planner.services import availability

pytestmark = pytest.mark.postgres

START = datetime(2031, 5, 1, 1, 0, tzinfo=UTC)
INSERT = ("INSERT INTO availability (id, created_at, updated_at, version, person_id, kind, starts_at, ends_at, rule, "
          "reason) VALUES (:id, now(), now(), 1, :p, 'leave', :s, :e, '', '')")


def _exec(engine, sql: str, **params):  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        return conn.execute(text(sql), params)


def _refused(engine, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DBAPIError) as info:
        _exec(engine, sql, **params)
    assert info.value.orig.sqlstate == "42501", info.value


def _owner_has(server, absence_id: uuid.UUID) -> bool:  # type: ignore[no-untyped-def]
    with server.owner.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM availability WHERE id = :id"), {"id": absence_id}).scalar() == 1


def _owner_absence(server, person: str, days: int) -> uuid.UUID:  # type: ignore[no-untyped-def]
    changes = availability.create_availability(server.owner, person_id=server.ids[person],
                                               starts_at=START + timedelta(days=days),
                                               ends_at=START + timedelta(days=days, hours=8))
    return changes.row.id


def test_desk_records_changes_and_deletes_its_own_peoples_absences_with_raw_sql(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    new_id = uuid.uuid4()
    _exec(desk, INSERT, id=new_id, p=server.ids["yc_reporter"], s=START, e=START + timedelta(hours=4))
    assert _owner_has(server, new_id)
    assert _exec(desk, "UPDATE availability SET reason = '调休' WHERE id = :id", id=new_id).rowcount == 1
    theirs = _owner_absence(server, "yc_reporter", 3)  # recorded by someone else: the desk may still keep it
    assert _exec(desk, "UPDATE availability SET reason = '改期' WHERE id = :id", id=theirs).rowcount == 1
    assert _exec(desk, "DELETE FROM availability WHERE id = :id", id=new_id).rowcount == 1
    assert not _owner_has(server, new_id)


def test_desk_cannot_touch_another_outlets_peoples_absences_with_raw_sql(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    other = _owner_absence(server, "rc_reporter", 5)  # 荣昌's reporter: visible, not writable
    assert _exec(desk, "SELECT count(*) FROM availability WHERE id = :id", id=other).scalar() == 1
    _refused(desk, "UPDATE availability SET reason = 'x' WHERE id = :id", id=other)
    _refused(desk, "DELETE FROM availability WHERE id = :id", id=other)
    _refused(desk, INSERT, id=uuid.uuid4(), p=server.ids["rc_reporter"], s=START, e=START + timedelta(hours=1))
    mine = _owner_absence(server, "yc_reporter", 7)  # nor move its own to another outlet's person
    with pytest.raises(DBAPIError):
        _exec(desk, "UPDATE availability SET person_id = :p WHERE id = :id", p=server.ids["rc_reporter"], id=mine)
    assert _owner_has(server, other)


def test_coordinator_keeps_anyones_absences_and_viewer_none(shared_server):
    server = shared_server
    coord, viewer = server.raw("coord_b"), server.raw("viewer")
    new_id = uuid.uuid4()
    _exec(coord, INSERT, id=new_id, p=server.ids["rc_reporter"], s=START + timedelta(days=9),
          e=START + timedelta(days=9, hours=2))
    assert _exec(coord, "UPDATE availability SET reason = '培训' WHERE id = :id", id=new_id).rowcount == 1
    _refused(viewer, "UPDATE availability SET reason = 'x' WHERE id = :id", id=new_id)
    _refused(viewer, "DELETE FROM availability WHERE id = :id", id=new_id)
    _refused(viewer, INSERT, id=uuid.uuid4(), p=server.ids["rc_reporter"], s=START, e=START + timedelta(hours=1))
    assert _exec(coord, "DELETE FROM availability WHERE id = :id", id=new_id).rowcount == 1


def test_desk_records_its_own_peoples_absences_through_the_services(shared_server):
    server = shared_server
    db = server.open_as("desk_rc")
    changes = availability.create_availability(db, person_id=server.ids["rc_reporter"],
                                               starts_at=START + timedelta(days=11),
                                               ends_at=START + timedelta(days=11, hours=6), reason="年假")
    row = changes.row
    availability.update_availability(db, row.id, reason="年假（半天）", expected_version=row.version)
    assert availability.get_availability(db, row.id).reason == "年假（半天）"
    with pytest.raises(PermissionDeniedError) as info:
        availability.create_availability(db, person_id=server.ids["yc_reporter"], starts_at=START + timedelta(days=12),
                                         ends_at=START + timedelta(days=12, hours=1))
    assert error_text(info.value, "zh").startswith("单位编辑只能修改本单位任务")
    availability.delete_availability(db, row.id)
    assert not _owner_has(server, row.id)
