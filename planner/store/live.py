"""Live updates from a shared server: LISTEN/NOTIFY, off the caller's thread, without Qt.

Two channels (see :mod:`planner.store.policies`):

* ``planner_changes`` — the database's statement triggers announce every write: table, operation,
  the editor (login and ``张伟（永川区融媒体中心）``), the writing session's process id and the ids
  (``None`` when a statement changed more than a hundred rows);
* ``planner_presence`` — the clients announce themselves: who is in which project and which stage
  or assignment they are editing. Nothing is stored: an announcement is valid for
  :data:`PRESENCE_TTL` seconds and clients repeat it every :data:`HEARTBEAT` seconds, so a crashed
  client's marker simply expires (no stuck locks), and markers never block anything.

:class:`Listener` runs one dedicated connection in a thread and hands parsed events to a callback
(in that thread); :meth:`Listener.stop` ends it within a quarter of a second. :class:`Presence`
sends this client's announcements through the ordinary connection pool. Claims are checked: an
announcement whose login is not the sending session's is dropped.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from planner.store.database import Database
from planner.store.policies import CHANGES_CHANNEL, PRESENCE_CHANNEL

PRESENCE_TTL = 30.0  # seconds an announcement is valid
HEARTBEAT = 10.0  # seconds between a client's announcements
_POLL = 0.25  # the listener checks for stop this often


@dataclass(frozen=True, slots=True)
class RowChange:
    """One statement's writes to one table, by another session."""

    table: str
    op: str  # "i" | "u" | "d"
    login: str
    who: str
    pid: int
    ids: tuple[str, ...] | None  # None: too many to list


@dataclass(frozen=True, slots=True)
class PresenceNote:
    """Another client's announcement (``kind`` here | bye | who)."""

    kind: str
    login: str
    who: str
    pid: int
    project: uuid.UUID | None = None
    editing: tuple[str, uuid.UUID] | None = None  # ("stage" | "assignment", id)
    ttl: float = PRESENCE_TTL
    client: str = ""  # one running app (its announcements come from whichever pooled session)

    @property
    def key(self) -> str:
        return f"{self.login}/{self.client or self.pid}"


def parse(channel: str, payload: str, pid: int) -> RowChange | PresenceNote | None:
    """A notification as an event, or ``None`` if it is malformed (never raises)."""
    try:
        data = json.loads(payload)
        if not isinstance(data, dict):
            return None
        if channel == CHANGES_CHANNEL:
            ids = data.get("ids")
            return RowChange(table=str(data["t"]), op=str(data["op"]), login=str(data.get("by", "")),
                             who=str(data.get("who") or data.get("by", "")), pid=int(data.get("pid", pid)),
                             ids=tuple(str(i) for i in ids) if isinstance(ids, list) else None)
        if channel == PRESENCE_CHANNEL:
            editing = data.get("editing")
            ed = (str(editing[0]), uuid.UUID(str(editing[1]))) if isinstance(editing, list) and len(editing) == 2 else None
            project = uuid.UUID(str(data["project"])) if data.get("project") else None
            ttl = min(max(float(data.get("ttl", PRESENCE_TTL)), 1.0), 120.0)
            return PresenceNote(kind=str(data.get("k", "here")), login=str(data.get("login", "")),
                                who=str(data.get("who", ""))[:200], pid=pid, project=project, editing=ed, ttl=ttl,
                                client=str(data.get("c", ""))[:64])
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return None


class Listener:
    """LISTENs on a server database in a thread of its own and calls ``on_event`` for each event.

    Events caused by this client's own sessions (``db.server_pids``) are skipped: the screens that
    made a change already show it.
    """

    def __init__(self, db: Database, on_event: Callable[[RowChange | PresenceNote], None]) -> None:
        self._db = db
        self._on_event = on_event
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._own: set[int] = getattr(db, "server_pids", set())
        self._checked: dict[int, str] = {}  # pid → the login of that session (presence claims)
        self.error: str | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="planner-listen", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread and its connection (returns once they are gone, or after ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _connect(self) -> Any:
        import psycopg

        url = self._db.engine.url.set(drivername="postgresql")
        conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True,
                               application_name="planner-listen")
        conn.execute(f"LISTEN {CHANGES_CHANNEL}")
        conn.execute(f"LISTEN {PRESENCE_CHANNEL}")
        self._own.add(conn.info.backend_pid)
        return conn

    def _run(self) -> None:
        conn = None
        try:
            conn = self._connect()
            self._ready.set()
            while not self._stop.is_set():
                for note in conn.notifies(timeout=_POLL, stop_after=200):
                    if note.pid in self._own:
                        continue
                    event = parse(note.channel, note.payload, note.pid)
                    if event is None or (isinstance(event, PresenceNote) and not self._genuine(event)):
                        continue
                    self._on_event(event)
        except Exception as exc:  # the connection dropped: the app keeps working without live updates
            self.error = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        finally:
            self._ready.set()
            if conn is not None:
                with contextlib.suppress(Exception):  # closing a broken connection
                    conn.close()

    def _genuine(self, note: PresenceNote) -> bool:
        """Is the announced login the sending session's? (Anyone may NOTIFY; nobody may pose as another.)"""
        login = self._checked.get(note.pid)
        if login is None:
            try:
                with self._db.engine.connect() as conn:
                    login = conn.execute(text("SELECT usename FROM pg_stat_activity WHERE pid = :p"),
                                         {"p": note.pid}).scalar() or ""
            except Exception:
                return False
            if len(self._checked) > 1000:
                self._checked.clear()
            self._checked[note.pid] = login
        return login == note.login


@dataclass
class Presence:
    """This client's announcements: which project it is in, what it is editing."""

    db: Database
    project: uuid.UUID | None = None
    editing: tuple[str, uuid.UUID] | None = None
    last_sent: float = field(default=0.0)
    client: str = field(default_factory=lambda: uuid.uuid4().hex[:16])

    def payload(self, kind: str = "here") -> str:
        data: dict[str, Any] = {"k": kind, "login": self.db.login or _session_user(self.db), "who": self.db.desk,
                                "ttl": PRESENCE_TTL, "c": self.client}
        if self.project is not None:
            data["project"] = str(self.project)
        if self.editing is not None:
            data["editing"] = [self.editing[0], str(self.editing[1])]
        return json.dumps(data, ensure_ascii=False)

    def send(self, kind: str = "here") -> None:
        with self.db.engine.begin() as conn:
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": PRESENCE_CHANNEL, "p": self.payload(kind)})
        self.last_sent = time.monotonic()

    def due(self) -> bool:
        return time.monotonic() - self.last_sent >= HEARTBEAT


def _session_user(db: Database) -> str:
    cached = getattr(db, "_session_user", None)
    if cached is None:
        with db.engine.connect() as conn:
            cached = str(conn.execute(text("SELECT session_user")).scalar())
        db._session_user = cached  # type: ignore[attr-defined]
    return cached


@dataclass
class Roster:
    """Who else is here, from the announcements received (expires entries by itself)."""

    entries: dict[str, tuple[PresenceNote, float]] = field(default_factory=dict)

    def note(self, event: PresenceNote, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if event.kind == "bye":
            self.entries.pop(event.key, None)
        elif event.kind == "here":
            self.entries[event.key] = (event, now + event.ttl)
            if len(self.entries) > 2000:  # bounded, whatever arrives
                del self.entries[min(self.entries, key=lambda k: self.entries[k][1])]

    def current(self, now: float | None = None) -> list[PresenceNote]:
        now = time.monotonic() if now is None else now
        for key in [k for k, (_e, until) in self.entries.items() if until <= now]:
            del self.entries[key]
        return [e for e, _until in self.entries.values()]

    def in_project(self, project: uuid.UUID, now: float | None = None) -> list[PresenceNote]:
        return [e for e in self.current(now) if e.project == project]

    def editing(self, kind: str, record: uuid.UUID, now: float | None = None) -> list[PresenceNote]:
        return [e for e in self.current(now) if e.editing == (kind, record)]
