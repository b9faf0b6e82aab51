"""The server's rules hold for a raw SQL connection: each role logs in with its own password and
tries, with plain SQL and no planner code, what it may and may not do (issue #16, items 2 and 6)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

pytestmark = pytest.mark.postgres


def _one(engine, sql: str, **params):  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        return conn.execute(text(sql), params)


def _refused(engine, sql: str, **params) -> str:  # type: ignore[no-untyped-def]
    """Run ``sql``, expecting the server to refuse it with SQLSTATE 42501; return its message."""
    with pytest.raises(DBAPIError) as info:
        _one(engine, sql, **params)
    assert info.value.orig.sqlstate == "42501", info.value
    return str(info.value.orig)


def _value(server, sql: str, **params):  # type: ignore[no-untyped-def]
    """What the owner reads (row security does not apply to the owner)."""
    with server.owner.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_desk_updates_its_own_assignments_status_notes_and_link(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    a = server.ids["a_yc"]
    result = _one(desk, "UPDATE assignment SET status = 'confirmed', notes = '已确认派出', "
                        "deliverable_url = 'https://example.cn/x', version = version + 1 WHERE id = :id", id=a)
    assert result.rowcount == 1
    assert _value(server, "SELECT status || '|' || notes FROM assignment WHERE id = :id", id=a) == "confirmed|已确认派出"


def test_desk_cannot_update_or_delete_another_outlets_assignment(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    other = server.ids["a_rc"]  # 荣昌's assignment in a project 永川 is in: visible, not writable
    assert _one(desk, "SELECT count(*) FROM assignment WHERE id = :id", id=other).scalar() == 1
    message = _refused(desk, "UPDATE assignment SET notes = 'hijacked' WHERE id = :id", id=other)
    assert "may not update" in message
    _refused(desk, "DELETE FROM assignment WHERE id = :id", id=other)
    assert _value(server, "SELECT notes FROM assignment WHERE id = :id", id=other) == ""


def test_desk_cannot_change_other_columns_or_move_an_assignment(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    a = server.ids["a_yc"]
    for sql in ("UPDATE assignment SET role = 'support' WHERE id = :id",
                "UPDATE assignment SET outlet_id = stage_id WHERE id = :id",
                "UPDATE assignment SET brief = 'x' WHERE id = :id",
                "DELETE FROM assignment WHERE id = :id"):
        _refused(desk, sql, id=a)
    _refused(desk, "INSERT INTO assignment (id, created_at, updated_at, version, stage_id, outlet_id, role, format, "
                   "status, brief, deliverable_url, notes, reason) VALUES (gen_random_uuid(), now(), now(), 1, :s, :o, "
                   "'lead', 'photo', 'planned', '', '', '', '')", s=server.ids["s1"], o=server.ids["yongchuan"])


def test_desk_cannot_change_any_project_stage_or_directory_row(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    for sql, params in (
        ("UPDATE project SET title = 'x' WHERE id = :id", {"id": server.ids["p1"]}),
        ("DELETE FROM project WHERE id = :id", {"id": server.ids["p1"]}),
        ("UPDATE stage SET title = 'x' WHERE id = :id", {"id": server.ids["s1"]}),
        ("DELETE FROM stage WHERE id = :id", {"id": server.ids["s1"]}),
        ("UPDATE outlet SET name = 'x' WHERE id = :id", {"id": server.ids["yongchuan"]}),
        ("DELETE FROM person WHERE id = :id", {"id": server.ids["yc_reporter"]}),
        ("UPDATE setting SET value = 'x' WHERE key = 'app.id'", {}),
    ):
        _refused(desk, sql, **params)
    assert _value(server, "SELECT title FROM project WHERE id = :id", id=server.ids["p1"]) == "渝昆高铁开通"


def test_desk_sees_only_the_projects_its_outlet_is_in(shared_server):
    server = shared_server
    yc = server.raw("desk_yc")
    rc = server.raw("desk_rc")
    assert {r[0] for r in _one(yc, "SELECT title FROM project")} == {"渝昆高铁开通"}
    assert {r[0] for r in _one(rc, "SELECT title FROM project")} == {"渝昆高铁开通", "涪江流域联动"}
    assert _one(yc, "SELECT count(*) FROM stage WHERE project_id = :p", p=server.ids["p2"]).scalar() == 0
    assert _one(yc, "SELECT count(*) FROM assignment WHERE id = :a", a=server.ids["a_p2_rc"]).scalar() == 0
    # an invisible row cannot be changed either (it is simply not there for this login)
    result = _one(yc, "UPDATE assignment SET notes = 'x' WHERE id = :a", a=server.ids["a_p2_rc"])
    assert result.rowcount == 0
    assert _one(yc, "SELECT count(*) FROM outlet").scalar() == 3  # the directory is shared


def test_desk_changes_the_people_of_its_own_assignments_only(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    ids = server.ids
    assert _one(desk, "DELETE FROM assignment_person WHERE assignment_id = :a", a=ids["a_yc"]).rowcount == 1
    _one(desk, "INSERT INTO assignment_person (assignment_id, person_id) VALUES (:a, :p)", a=ids["a_yc"],
         p=ids["yc_reporter"])
    # someone else's person on our assignment, or our person on their assignment: refused
    _refused(desk, "INSERT INTO assignment_person (assignment_id, person_id) VALUES (:a, :p)", a=ids["a_yc"],
             p=ids["rc_reporter"])
    _refused(desk, "INSERT INTO assignment_person (assignment_id, person_id) VALUES (:a, :p)", a=ids["a_rc"],
             p=ids["yc_reporter"])


def test_coordinator_plans_own_project_only(shared_server):
    server = shared_server
    coord = server.raw("coord_a")
    ids = server.ids
    assert _one(coord, "UPDATE project SET summary = '开通首日' WHERE id = :id", id=ids["p1"]).rowcount == 1
    assert _one(coord, "UPDATE assignment SET brief = '首发' WHERE id = :id", id=ids["a_rc"]).rowcount == 1
    _refused(coord, "UPDATE project SET summary = 'x' WHERE id = :id", id=ids["p2"])
    _refused(coord, "UPDATE project SET coordinator_id = :me WHERE id = :id", me=ids["coord_a"], id=ids["p2"])
    _refused(coord, "DELETE FROM stage WHERE id = :id", id=ids["s2"])
    _refused(coord, "UPDATE assignment SET brief = 'x' WHERE id = :id", id=ids["a_p2_rc"])
    # a stage or assignment may be added to an own project only
    _refused(coord, "INSERT INTO stage (id, created_at, updated_at, version, project_id, position, title, title_key, "
                    "kind, location, time_tbc, notes) VALUES (gen_random_uuid(), now(), now(), 1, :p, 9, 'x', 'x', "
                    "'place', '', false, '')", p=ids["p2"])
    # a new project must name the coordinator themself
    _refused(coord, "INSERT INTO project (id, created_at, updated_at, version, title, title_key, kind, summary, status, "
                    "required_formats) VALUES (gen_random_uuid(), now(), now(), 1, 'n', 'n', 'other', '', 'draft', "
                    "'[]')")
    _refused(coord, "UPDATE outlet SET notes = 'x' WHERE id = :id", id=ids["yongchuan"])


def test_coordinator_deletes_own_project_with_everything_in_it(shared_server):
    from planner.services import assignments, projects, stages

    server = shared_server
    owner, ids = server.owner, server.ids
    p3 = projects.create_project(owner, title="巴蜀陶韵", coordinator_id=ids["coord_b"]).row.id
    s3 = stages.create_stage(owner, project_id=p3, title="隆昌").row.id
    a3 = assignments.create_assignment(owner, stage_id=s3, outlet_id=ids["rongchang"], role="lead", format="text",
                                       person_ids=[ids["rc_reporter"]]).row.id
    _refused(server.raw("coord_a"), "DELETE FROM project WHERE id = :id", id=p3)
    coord = server.raw("coord_b")
    assert _one(coord, "DELETE FROM project WHERE id = :id", id=p3).rowcount == 1
    assert _value(server, "SELECT count(*) FROM assignment WHERE id = :id", id=a3) == 0
    assert _value(server, "SELECT count(*) FROM assignment_person WHERE assignment_id = :id", id=a3) == 0


def test_viewer_reads_everything_and_writes_nothing(shared_server):
    server = shared_server
    viewer = server.raw("viewer")
    assert _one(viewer, "SELECT count(*) FROM project").scalar() == 2
    assert _one(viewer, "SELECT count(*) FROM assignment").scalar() == 3
    _refused(viewer, "UPDATE assignment SET notes = 'x' WHERE id = :id", id=server.ids["a_yc"])
    _refused(viewer, "INSERT INTO change_log (id, at, desk, login, entity, entity_id, action) VALUES "
                     "(gen_random_uuid(), now(), 'x', 'x', 'project', gen_random_uuid(), 'update')")


def test_admin_keeps_the_directory_but_nobody_alters_the_schema(shared_server):
    server = shared_server
    admin = server.raw("admin")
    assert _one(admin, "UPDATE outlet SET notes = '名录' WHERE id = :id", id=server.ids["yongchuan"]).rowcount == 1
    for short in ("admin", "coord_a", "desk_yc", "viewer"):
        engine = server.raw(short)
        for sql in ("CREATE TABLE evil (x int)", "ALTER TABLE assignment ADD COLUMN evil int",
                    "DROP TABLE change_log", "TRUNCATE assignment"):
            with pytest.raises(ProgrammingError) as info:
                _one(engine, sql)
            assert info.value.orig.sqlstate == "42501", (short, sql)


def test_change_log_names_the_editor_and_cannot_be_forged_or_erased(shared_server):
    server = shared_server
    desk = server.raw("desk_yc")
    forged = _one(desk, "INSERT INTO change_log (id, at, desk, login, outlet_id, entity, entity_id, action) VALUES "
                        "(gen_random_uuid(), '2000-01-01', '王协调（四川日报报业集团）', :who, :o, 'assignment', :a, 'update') "
                        "RETURNING login, desk, outlet_id, at > now() - interval '1 minute'",
                  who=server.login("coord_a"), o=server.ids["chuanbao"], a=server.ids["a_yc"]).one()
    # the database wrote who really did it, not what was claimed
    assert forged[0] == server.login("desk_yc")
    assert forged[1] == "张编辑（永川区融媒体中心）"
    assert forged[2] == server.ids["yongchuan"]
    assert forged[3] is True
    for short in ("desk_yc", "coord_a", "admin"):
        engine = server.raw(short)
        _refused(engine, "UPDATE change_log SET desk = 'x'")
        _refused(engine, "DELETE FROM change_log")


def test_a_login_cannot_connect_to_another_alliances_database(shared_server):
    server = shared_server
    import sqlalchemy as sa
    from sqlalchemy.exc import OperationalError

    from tests.server.conftest import PG_URL, url_for

    other = f"{server.name}_other"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{other}"'))
        conn.execute(text(f'REVOKE CONNECT ON DATABASE "{other}" FROM PUBLIC'))
    admin.dispose()
    try:
        engine = sa.create_engine(url_for(other, server.login("admin"), "秘密-Passw0rd"))
        with pytest.raises(OperationalError), engine.connect():
            pass
        engine.dispose()
    finally:
        from tests.pgutil import drop_database

        drop_database(PG_URL, other)
