"""Who is busy or away while assigning: one line per person for the people picker.

The workspace's people checkboxes show, under each name, why that person may not be free for the
stage being staffed — booked on another stage at the same time, or away (leave, other duty,
training, a duty pattern) — read once when the dialog opens.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from planner.domain.agenda import status_text
from planner.domain.errors import PlannerError
from planner.services.agenda import people_status_for


def busy_lines(ctx, person_ids: Iterable[uuid.UUID], *, stage_id: uuid.UUID | None = None,  # type: ignore[no-untyped-def]
               assignment_id: uuid.UUID | None = None) -> dict[uuid.UUID, str]:
    """``{person id: "忙：在“泸州东站”（10:30–12:00）"}`` for the people not free at the stage's time."""
    ids = list(person_ids)
    if not ids:
        return {}
    try:
        found = people_status_for(ctx.db, person_ids=ids, stage_id=stage_id, assignment_id=assignment_id)
    except PlannerError:
        return {}  # the picker still works; the analysis will report what it finds
    busy = QCoreApplication.translate("BusyPeople", "忙：")
    away = QCoreApplication.translate("BusyPeople", "不在岗：")
    sep = QCoreApplication.translate("BusyPeople", "；")
    return {pid: sep.join((busy if c.kind == "overlap" else away) + status_text(c, ctx.lang_code) for c in clashes)
            for pid, clashes in found.items()}


__all__ = ["busy_lines"]
