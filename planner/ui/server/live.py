"""Live updates in the app: other editors' changes refresh the screens, presence and editing markers.

:class:`LiveUpdates` owns a :class:`planner.store.live.Listener` (its own thread and connection).
Events cross to the UI thread through a queued signal; changes are gathered for
:data:`COALESCE_MS` and then announced as one ``ctx.changed(Changes)`` — the same signal a local edit
sends, so every page reloads exactly what it would after its own edit — plus a line in the message
bar ("刚由 张伟（永川区融媒体中心）修改：报道任务") and a mark on the changed rows
(:mod:`planner.ui.server.marks`). A statement that changed more than a hundred rows reloads
everything.

Presence: this client announces which project is open and which stage or assignment dialog is
open (:meth:`set_project`, :meth:`set_editing`), repeats that every few seconds, and says goodbye
when it stops; others' announcements expire by themselves (:class:`planner.store.live.Roster`).
:meth:`stop` ends the thread; the main window calls it when it closes or the database changes.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.store.live import Listener, Presence, PresenceNote, Roster, RowChange
from planner.ui.server.marks import MARKS

COALESCE_MS = 150  # gather a burst of notifications into one refresh (well inside the 1 s promise)
TICK_MS = 2000  # heartbeat check and expiry of others' announcements

_ENTITIES = {e.value: e for e in Entity}
_NIL = uuid.UUID(int=0)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except (ValueError, TypeError):
        return None


def changes_of(events: Iterable[RowChange]) -> tuple[Changes, bool]:
    """The ``Changes`` a batch of notifications stands for, and whether a table must reload whole."""
    created: list[tuple[Entity, uuid.UUID]] = []
    updated: list[tuple[Entity, uuid.UUID]] = []
    deleted: list[tuple[Entity, uuid.UUID]] = []
    whole = False
    for event in events:
        entity = _ENTITIES.get(event.table)
        if entity is None:
            continue
        if event.ids is None:
            whole = True
            updated.append((entity, _NIL))
            continue
        for raw in event.ids:
            if entity is Entity.SETTING:
                from planner.services.settings import setting_id

                rid: uuid.UUID | None = setting_id(raw)
            else:
                rid = _uuid(raw)
            if rid is None:
                continue
            {"i": created, "u": updated, "d": deleted}.get(event.op, updated).append((entity, rid))
    return Changes(created=tuple(created), updated=tuple(dict.fromkeys(updated)), deleted=tuple(deleted)), whole


class LiveUpdates(QObject):
    event_received = Signal(object)  # RowChange | PresenceNote, emitted in the listener's thread
    announced = Signal(str)  # a line for the message bar
    presence_changed = Signal()

    def __init__(self, ctx, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.roster = Roster()
        self.presence = Presence(ctx.db)
        self.listener: Listener | None = None
        self._pending: list[RowChange] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(COALESCE_MS)
        self._flush.timeout.connect(self._apply_pending)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._last_roster: list[tuple[str, str, str, str]] = []
        self._answered_at = 0.0
        self.event_received.connect(self._on_event)

    # -- life ----------------------------------------------------------------------------------
    def start(self) -> None:
        MARKS.clear()
        self.presence = Presence(self.ctx.db, project=self.presence.project, client=self.presence.client)
        self.listener = Listener(self.ctx.db, self.event_received.emit)
        self.listener.start()
        self._send("who")
        self._send("here")
        self._tick.start()

    def stop(self) -> None:
        self._tick.stop()
        self._flush.stop()
        if self.listener is not None:
            self._send("bye")
            if self.presence.db is not self.ctx.db:
                # another database was opened and this one closed already: the goodbye reopened a
                # pooled connection, which must not stay behind as an idle session on the server
                self.presence.db.engine.dispose()
            self.listener.stop()
            self.listener = None
        self._pending.clear()
        self.roster = Roster()
        MARKS.clear()

    @property
    def running(self) -> bool:
        return self.listener is not None and self.listener.running

    # -- what this client announces ---------------------------------------------------------------
    def set_project(self, project_id: uuid.UUID | None) -> None:
        if project_id != self.presence.project:
            self.presence.project = project_id
            self._send("here")
            self.presence_changed.emit()

    def set_editing(self, kind: str | None, record_id: uuid.UUID | None) -> None:
        editing = (kind, record_id) if kind and record_id else None
        if editing != self.presence.editing:
            self.presence.editing = editing
            self._send("here")

    def _send(self, kind: str) -> None:
        if self.listener is None:
            return
        # The server may have gone away; the app keeps working (the listener says so).
        with contextlib.suppress(Exception):
            self.presence.send(kind)

    # -- what others announce ---------------------------------------------------------------------
    def others_here(self) -> list[PresenceNote]:
        """Other editors in this client's current project (each once)."""
        if self.presence.project is None:
            return []
        seen: dict[str, PresenceNote] = {}
        for note in self.roster.in_project(self.presence.project):
            seen.setdefault(note.login, note)
        return list(seen.values())

    def editors_of(self, kind: str, record_id: uuid.UUID) -> list[str]:
        return sorted({n.who for n in self.roster.editing(kind, record_id)})

    def _on_event(self, event: object) -> None:
        if isinstance(event, RowChange):
            self._pending.append(event)
            if not self._flush.isActive():
                self._flush.start()
        elif isinstance(event, PresenceNote):
            if event.kind == "who":
                if time.monotonic() - self._answered_at > 1.0:  # a newcomer asks once; answer once
                    self._answered_at = time.monotonic()
                    self._send("here")
                return
            self.roster.note(event)
            self._roster_maybe_changed()

    def _on_tick(self) -> None:
        if self.listener is not None and not self.listener.running:
            self._tick.stop()
            self.announced.emit(QCoreApplication.translate(
                "LiveUpdates", "与服务器的实时连接已断开，其他人的修改不再自动刷新（重新打开数据库即可恢复）。"))
            return
        if self.presence.due():
            self._send("here")
        self._roster_maybe_changed()

    def _roster_maybe_changed(self) -> None:
        current = sorted((n.key, n.who, str(n.project), str(n.editing)) for n in self.roster.current())
        if current != self._last_roster:
            self._last_roster = current
            editing: dict[uuid.UUID, list[str]] = {}
            for note in self.roster.current():
                if note.editing is not None:
                    editing.setdefault(note.editing[1], []).append(note.who)
            MARKS.set_editing({k: sorted(set(v)) for k, v in editing.items()})
            self.presence_changed.emit()

    # -- applying others' changes -----------------------------------------------------------------
    def _apply_pending(self) -> None:
        events, self._pending = self._pending, []
        if not events:
            return
        changes, whole = changes_of(events)
        for event in events:
            if event.ids is not None and event.op != "d":
                # (for assignment_person the ids are the assignments whose people changed)
                MARKS.note_changed([u for u in (_uuid(i) for i in event.ids) if u is not None], event.who)
        if whole:
            self.ctx.database_replaced.emit()
        elif not changes.empty:
            self.ctx.changed.emit(changes)
        self.announced.emit(self.summary(events))

    def summary(self, events: list[RowChange]) -> str:
        """刚由 张伟（永川区融媒体中心）修改：报道任务、任务人员."""
        who = "、".join(dict.fromkeys(e.who for e in events))
        lang = self.ctx.lang_code
        what = "、".join(dict.fromkeys(_ENTITIES[e.table].label(lang) for e in events if e.table in _ENTITIES))
        return QCoreApplication.translate("LiveUpdates", "刚由 {who} 修改：{what}").format(who=who, what=what)
