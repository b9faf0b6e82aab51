"""Live updates without Qt: the database announces every write with the editor's name, clients
announce presence and editing markers that expire by themselves, and the listener thread stops
cleanly (issue #16, item 4)."""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid

import pytest
from sqlalchemy import text

from planner.services import assignments
from planner.store.live import Listener, Presence, PresenceNote, Roster, RowChange, parse
from planner.store.policies import CHANGES_CHANNEL, PRESENCE_CHANNEL

pytestmark = pytest.mark.postgres


def _listen(db):  # type: ignore[no-untyped-def]
    events: queue.Queue = queue.Queue()
    listener = Listener(db, events.put)
    listener.start()
    return listener, events


def _next(events: queue.Queue, kind: type, timeout: float = 3.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if isinstance(event, kind):
            return event
    raise AssertionError(f"no {kind.__name__} within {timeout} s")


def test_another_editors_change_arrives_within_a_second_with_their_name(shared_server):
    server = shared_server
    watcher = server.open_as("coord_a")
    editor = server.open_as("desk_yc")
    listener, events = _listen(watcher)
    try:
        assignments.update_assignment(editor, server.ids["a_yc"], notes="已出发")
        written = time.monotonic()  # counted from the committed write, not the write's own time
        change = _next(events, RowChange)
        assert time.monotonic() - written < 1.0
        assert change.table == "assignment" and change.op == "u"
        assert change.ids == (str(server.ids["a_yc"]),)
        assert change.who == "张编辑（永川区融媒体中心）" and change.login == server.login("desk_yc")
        # the watcher's own writes do not come back to it
        assignments.update_assignment(watcher, server.ids["a_rc"], brief="首发")
        assignments.update_assignment(editor, server.ids["a_yc"], notes="已到站")
        change = _next(events, RowChange)
        assert change.login == server.login("desk_yc")
    finally:
        listener.stop()
    assert not listener.running


def test_a_bulk_statement_sends_one_notice_without_ids(shared_server):
    server = shared_server
    watcher = server.open_as("viewer")
    listener, events = _listen(watcher)
    try:
        with server.owner.engine.begin() as conn:
            conn.execute(text("UPDATE outlet SET notes = notes"))  # 3 rows: listed
            conn.execute(text("CREATE TEMP TABLE nums AS SELECT generate_series(1, 150) AS n"))
            conn.execute(text("INSERT INTO setting (key, value) SELECT 'bulk.' || n, '' FROM nums"))
        first = _next(events, RowChange)
        assert first.table == "outlet" and first.ids is not None and len(first.ids) == 3
        bulk = _next(events, RowChange)
        assert bulk.table == "setting" and bulk.ids is None
    finally:
        listener.stop()
        with server.owner.engine.begin() as conn:
            conn.execute(text("DELETE FROM setting WHERE key LIKE 'bulk.%'"))


def test_presence_and_editing_markers_reach_others_and_expire(shared_server):
    server = shared_server
    watcher = server.open_as("coord_b")
    other = server.open_as("desk_rc")
    listener, events = _listen(watcher)
    roster = Roster()
    try:
        me = Presence(other, project=server.ids["p1"], editing=("assignment", server.ids["a_rc"]))
        me.send()
        note = _next(events, PresenceNote)
        assert note.who == "刘编辑（荣昌区融媒体中心）" and note.login == server.login("desk_rc")
        roster.note(note, now=100.0)
        assert [e.who for e in roster.in_project(server.ids["p1"], now=101.0)] == ["刘编辑（荣昌区融媒体中心）"]
        assert roster.editing("assignment", server.ids["a_rc"], now=101.0)
        assert roster.current(now=100.0 + note.ttl + 0.1) == []  # no heartbeat: gone by itself
        roster.note(note, now=200.0)
        me.send("bye")
        roster.note(_next(events, PresenceNote), now=201.0)
        assert roster.current(now=201.0) == []
    finally:
        listener.stop()


def test_a_forged_presence_claim_is_dropped(shared_server):
    server = shared_server
    watcher = server.open_as("admin")
    liar = server.open_as("desk_yc")
    listener, events = _listen(watcher)
    try:
        with liar.engine.begin() as conn:
            claim = json.dumps({"k": "here", "login": server.login("coord_a"), "who": "王协调（四川日报报业集团）"})
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": PRESENCE_CHANNEL, "p": claim})
        Presence(liar, project=server.ids["p1"]).send()
        note = _next(events, PresenceNote)
        assert note.login == server.login("desk_yc")  # the genuine one only
        with pytest.raises(AssertionError):
            _next(events, PresenceNote, timeout=0.5)
    finally:
        listener.stop()


def test_listener_stops_quickly_and_survives_a_lost_connection(shared_server):
    server = shared_server
    db = server.open_as("viewer")
    listener, _events = _listen(db)
    listener2 = None
    try:
        assert listener.running
        with db.engine.begin() as conn:  # the listening session is ended (a login may end its own sessions)
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE application_name = 'planner-listen' AND usename = session_user"))
        deadline = time.monotonic() + 3
        while listener.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not listener.running and listener.error
        listener2, _ = _listen(db)
        started = time.monotonic()
        listener2.stop()
        assert time.monotonic() - started < 1.0 and not listener2.running
        assert not [t for t in threading.enumerate() if t.name == "planner-listen"]
    finally:
        listener.stop()
        if listener2 is not None:
            listener2.stop()


def test_malformed_notifications_are_ignored():
    assert parse(CHANGES_CHANNEL, "not json", 1) is None
    assert parse(CHANGES_CHANNEL, "[1, 2]", 1) is None
    assert parse(CHANGES_CHANNEL, '{"op": "u"}', 1) is None
    assert parse(PRESENCE_CHANNEL, '{"k": "here", "project": "nope"}', 1) is None
    good = parse(PRESENCE_CHANNEL, json.dumps({"k": "here", "login": "x", "editing": ["stage", str(uuid.uuid4())],
                                               "ttl": 9999}), 7)
    assert isinstance(good, PresenceNote) and good.ttl == 120.0 and good.pid == 7


def test_one_app_is_one_entry_whichever_pooled_session_speaks_for_it():
    project = uuid.uuid4()
    here = PresenceNote(kind="here", login="zhangwei", who="张伟", pid=101, project=project, client="app-1")
    again = PresenceNote(kind="here", login="zhangwei", who="张伟", pid=102, project=project, client="app-1")
    other_window = PresenceNote(kind="here", login="zhangwei", who="张伟", pid=103, project=project, client="app-2")
    bye = PresenceNote(kind="bye", login="zhangwei", who="张伟", pid=104, client="app-1")
    roster = Roster()
    for note in (here, again, other_window):
        roster.note(note, now=0.0)
    assert len(roster.current(now=1.0)) == 2
    roster.note(bye, now=2.0)
    assert [n.client for n in roster.current(now=2.0)] == ["app-2"]
