"""Notes threads: dated, attributed notes on a stage or an assignment (the rows and their text form).

A thread replaces the single free-text ``notes`` field the first version had: each entry says
when it was written and by whom (the desk identity of the writer), so a desk reads a conversation
instead of a field someone overwrote.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from planner.domain.timefmt import PLAN_TZ

#: The longest note one may write (characters); a note is a message, not a document.
MAX_NOTE_LEN = 5000


@dataclass(frozen=True, slots=True)
class NoteRow:
    """One note of a thread: on a stage or on an assignment (exactly one of the two ids is set)."""

    id: uuid.UUID
    stage_id: uuid.UUID | None
    assignment_id: uuid.UUID | None
    author: str
    body: str
    created_at: datetime
    updated_at: datetime
    version: int
    #: the record's old single notes field (written by an older program or a format-1 plan bundle),
    #: shown read-only at the top of the thread; it has the record's id and cannot be edited here
    legacy: bool = False

    @property
    def target_id(self) -> uuid.UUID:
        return self.stage_id or self.assignment_id  # type: ignore[return-value]

    @property
    def edited(self) -> bool:
        """Changed after it was written (shown as such beside the date)."""
        return self.version > 1

    def may_change(self, desk: str) -> bool:
        """Only its author may change or delete a note; a note without an author is anyone's."""
        return not self.legacy and (not self.author or self.author == desk)


def stamp(moment: datetime) -> str:
    """``11-23 09:30`` in the plan's time zone, or with the year when it is not this year's."""
    loc = moment.astimezone(PLAN_TZ)
    now = datetime.now(PLAN_TZ)
    return f"{loc:%m-%d %H:%M}" if loc.year == now.year else f"{loc:%Y-%m-%d %H:%M}"


def thread_text(notes: Iterable[NoteRow], lang: str = "zh") -> str:
    """A thread as plain text, oldest first, one line per note: ``11-23 09:30 王芳（川报）：北广场集合``.

    What exports and tooltips show where the old single notes field used to be.
    """
    colon = ": " if lang.startswith("en") else "："
    lines = []
    for note in notes:
        if note.legacy:
            lines.append(note.body)
            continue
        who = f" {note.author}" if note.author else ""
        lines.append(f"{stamp(note.created_at)}{who}{colon}{note.body}")
    return "\n".join(lines)
