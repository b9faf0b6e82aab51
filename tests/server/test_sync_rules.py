"""The exchange metadata (``sync_*``) on a shared server: a desk stamps the records it edits but never
deletes a stamp (a lost tombstone would let an old bundle resurrect a record), sees the labels and
kept values of its own projects only, and leaves merges' tables (conflicts, aliases, peers) to
coordinators (issue #12 with #16's rules)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from planner.services import assignments

pytestmark = pytest.mark.postgres


def _scalar(engine, sql: str, **params):  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        return conn.execute(text(sql), params).scalar()


def _refused(engine, sql: str, **params) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(sql), params)
    assert info.value.orig.sqlstate == "42501", info.value


def test_a_desk_stamps_its_edit_even_of_a_record_without_a_stamp(shared_server):
    server, ids = shared_server, shared_server.ids
    with server.owner.engine.begin() as conn:  # as after an upgrade: the record has no stamp yet
        conn.execute(text("DELETE FROM sync_record WHERE id = :id"), {"id": ids["a_yc"]})
    assignments.update_assignment(server.open_as("desk_yc"), ids["a_yc"], notes="已到站")
    editor = _scalar(server.owner.engine, "SELECT editor FROM sync_record WHERE id = :id", id=ids["a_yc"])
    assert editor.startswith("张编辑")
    assignments.update_assignment(server.open_as("desk_yc"), ids["a_yc"], notes="已发稿")  # the update path
    assert _scalar(server.owner.engine, "SELECT count(*) FROM sync_record WHERE id = :id", id=ids["a_yc"]) == 1


def test_a_desk_sees_only_its_projects_stamps_and_cannot_delete_or_write_merges_tables(shared_server):
    server, ids = shared_server, shared_server.ids
    desk_yc, desk_rc, viewer = server.raw("desk_yc"), server.raw("desk_rc"), server.raw("viewer")
    p2 = "SELECT count(*) FROM sync_record WHERE scope = :p"
    assert _scalar(server.owner.engine, p2, p=ids["p2"]) > 0
    assert _scalar(desk_yc, p2, p=ids["p2"]) == 0  # 永川 is not in 涪江流域联动: not even its titles
    assert _scalar(desk_rc, p2, p=ids["p2"]) > 0
    assert _scalar(viewer, p2, p=ids["p2"]) > 0
    assert _scalar(desk_yc, "SELECT count(*) FROM sync_record WHERE entity = 'outlet'") == 3  # the directory is public
    _refused(desk_yc, "DELETE FROM sync_record WHERE id = :id", id=ids["a_yc"])
    _refused(viewer, "UPDATE sync_record SET editor = 'x' WHERE id = :id", id=ids["a_yc"])
    _refused(desk_yc, "INSERT INTO sync_peer (desk_id, name, seen) VALUES ('x', 'x', '{}')")
    _refused(desk_yc, "INSERT INTO sync_alias (foreign_id, entity, local_id, peer, how, at) "
                      "VALUES (gen_random_uuid(), 'outlet', :o, '', 'name', now())", o=ids["yongchuan"])
    with server.owner.engine.begin() as conn:  # a decided conflict about 荣昌's assignment in p2
        conn.execute(text(
            "INSERT INTO sync_conflict (id, at, source, peer, peer_name, entity, record_id, label, field, mine, "
            "theirs, mine_by, theirs_by, chosen, decided_by) VALUES (gen_random_uuid(), now(), 'bundle', '', '', "
            "'assignment', :a, '遂宁段', 'notes', '{\"value\": \"a\"}', '{\"value\": \"b\"}', '', '', 'mine', '')"),
            {"a": ids["a_p2_rc"]})
    conflicts = "SELECT count(*) FROM sync_conflict WHERE record_id = :a"
    assert _scalar(desk_yc, conflicts, a=ids["a_p2_rc"]) == 0
    assert _scalar(desk_rc, conflicts, a=ids["a_p2_rc"]) == 1
    _refused(desk_rc, "DELETE FROM sync_conflict WHERE record_id = :a", a=ids["a_p2_rc"])
    coord = server.raw("coord_b")
    with coord.begin() as conn:  # a coordinator's merge writes them
        conn.execute(text("INSERT INTO sync_peer (desk_id, name, seen) VALUES ('abc', '新重庆', '{}')"))
    assert _scalar(server.owner.engine, "SELECT name FROM sync_peer WHERE desk_id = 'abc'") == "新重庆"
