"""The planner's own services on a server, signed in as each role: what works, and the one-sentence
refusal (a typed ``PermissionDeniedError``) for what the database does not allow (issue #16, items 1–2)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from planner.domain.accounts import AccountRole
from planner.domain.errors import PermissionDeniedError, ServerError, error_text
from planner.services import assignments, outlets, projects, queries, settings, stages

pytestmark = pytest.mark.postgres


def test_signed_in_editor_is_named_in_the_change_log(shared_server):
    server = shared_server
    db = server.open_as("desk_yc")
    assert db.account is not None and db.account.role is AccountRole.DESK
    assert db.desk == "张编辑（永川区融媒体中心）"
    a = server.ids["a_yc"]
    assignments.update_assignment(db, a, notes="到站采访")
    entry = queries.change_log(db, entity_id=a, limit=1)[0]
    assert entry.desk == "张编辑（永川区融媒体中心）"
    with server.owner.engine.connect() as conn:
        login, outlet_id = conn.execute(text(
            "SELECT login, outlet_id FROM change_log WHERE entity_id = :a ORDER BY at DESC LIMIT 1"), {"a": a}).one()
    assert (login, outlet_id) == (server.login("desk_yc"), server.ids["yongchuan"])


def test_desk_works_its_own_assignment_through_the_services(shared_server):
    server = shared_server
    db = server.open_as("desk_rc")
    a = server.ids["a_rc"]
    assignments.set_status(db, a, status="confirmed")
    assignments.set_people(db, a, person_ids=[server.ids["rc_reporter"]])
    assignments.update_assignment(db, a, deliverable_url="https://example.cn/rc")
    row = assignments.get_assignments(db, [a])[0]
    assert row.status == "confirmed" and row.deliverable_url == "https://example.cn/rc"


@pytest.mark.parametrize("attempt", ["brief", "other_outlet", "project", "stage", "outlet", "setting"])
def test_desk_refusals_are_one_sentence(shared_server, attempt):
    server = shared_server
    db = server.open_as("desk_yc")
    ids = server.ids
    calls = {
        "brief": lambda: assignments.update_assignment(db, ids["a_yc"], brief="改任务说明"),
        "other_outlet": lambda: assignments.update_assignment(db, ids["a_rc"], notes="不是我的"),
        "project": lambda: projects.update_project(db, ids["p1"], summary="x"),
        "stage": lambda: stages.update_stage(db, ids["s1"], notes="x"),
        "outlet": lambda: outlets.update_outlet(db, ids["yongchuan"], notes="x"),
        "setting": lambda: settings.set_travel_kmh(db, 60),
    }
    with pytest.raises(PermissionDeniedError) as info:
        calls[attempt]()
    assert error_text(info.value, "zh") == "单位编辑只能修改本单位任务的状态、人员、备注和成品链接，以及本单位人员的不在岗时段。"
    assert error_text(info.value, "en").startswith("An outlet desk may change only")


def test_coordinator_plans_own_projects_and_is_refused_elsewhere(shared_server):
    server = shared_server
    db = server.open_as("coord_a")
    ids = server.ids
    created = projects.create_project(db, title="川渝美食季", coordinator_id=ids["coord_a"]).row.id
    stage = stages.create_stage(db, project_id=created, title="荣昌卤鹅").row.id
    assignments.create_assignment(db, stage_id=stage, outlet_id=ids["rongchang"], role="lead", format="photo")
    projects.update_project(db, ids["p1"], summary="开通当天全线直播")
    with pytest.raises(PermissionDeniedError) as info:
        projects.update_project(db, ids["p2"], summary="x")
    assert "协调人只能修改自己协调的项目" in error_text(info.value, "zh")
    with pytest.raises(PermissionDeniedError):
        projects.create_project(db, title="替别人建的项目", coordinator_id=ids["coord_b"])
    with pytest.raises(PermissionDeniedError):
        outlets.create_outlet(db, name="新单位", tier="county")
    projects.delete_project(db, created)  # own project: stages and assignments go with it
    assert queries.resolve_project(db, "渝昆高铁开通").summary == "开通当天全线直播"


def test_viewer_is_refused_every_write(shared_server):
    server = shared_server
    db = server.open_as("viewer")
    assert len(queries.list_projects(db)) >= 2
    with pytest.raises(PermissionDeniedError) as info:
        assignments.set_status(db, server.ids["a_yc"], status="in_progress")
    assert error_text(info.value, "en") == "A read-only account cannot change anything."


def test_wrong_password_and_unknown_login_are_clear(shared_server):
    from planner.store.database import open_database

    server = shared_server
    for url in (server.url("desk_yc", password="wrong-password"), server.url("nobody")):
        with pytest.raises(ServerError) as info:
            open_database(url)
        assert info.value.code == "server_login_failed"
        message = error_text(info.value, "zh")
        assert "用户名或密码不对" in message and "wrong-password" not in message


def test_an_editor_cannot_upgrade_an_old_schema(shared_server):
    from planner.store.database import open_database

    server = shared_server
    with server.owner.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002_indexes'"))
    try:
        with pytest.raises(ServerError) as info:
            open_database(server.url("admin"))
        assert info.value.code == "server_needs_upgrade"
        assert "planner-cli server init" in error_text(info.value, "zh")
    finally:
        with server.owner.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = (SELECT max(version_num) FROM alembic_version)"))
            from planner.store.schema import HEAD

            conn.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": HEAD})


def test_an_unreachable_server_is_one_clear_sentence_quickly():
    import time

    from planner.store.database import open_database

    started = time.monotonic()
    with pytest.raises(ServerError) as info:
        open_database("postgresql+psycopg://someone:pw@127.0.0.1:1/coverage")
    assert time.monotonic() - started < 15
    assert info.value.code == "server_unreachable"
    message = error_text(info.value, "zh")
    assert message.startswith("连接不上服务器 127.0.0.1:1/coverage：") and "pw" not in message
