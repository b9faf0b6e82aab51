"""People for the proposed pieces, where availability allows: one person of the outlet whose role
fits the format, who is not away during the stage and not booked on a stage at the same time.

A piece without a suitable free person is proposed without people (the outlet's desk names them):
the analysis never gains a double booking or an absence from a suggestion.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from planner.domain.enums import Format, PersonRole
from planner.domain.rows import PersonRow
from planner.graph.staffing.model import StaffingInput
from planner.graph.staffing.problem import person_away, stage_window

#: Roles that make each format, best first.
FORMAT_ROLES: dict[Format, tuple[PersonRole, ...]] = {
    Format.TEXT: (PersonRole.REPORTER, PersonRole.EDITOR),
    Format.PHOTO: (PersonRole.PHOTOGRAPHER, PersonRole.REPORTER),
    Format.SHORT_VIDEO: (PersonRole.CAMERA, PersonRole.REPORTER, PersonRole.PHOTOGRAPHER),
    Format.LIVE: (PersonRole.ANCHOR, PersonRole.CAMERA, PersonRole.TECHNICIAN, PersonRole.REPORTER),
    Format.H5: (PersonRole.EDITOR, PersonRole.TECHNICIAN),
    Format.VR_AR: (PersonRole.TECHNICIAN, PersonRole.CAMERA),
    Format.AUDIO: (PersonRole.ANCHOR, PersonRole.REPORTER),
    Format.INFOGRAPHIC: (PersonRole.EDITOR,),
}


def _clash(window: tuple[datetime, datetime], other: tuple[datetime, datetime]) -> bool:
    """Two stage windows the analysis would call overlapping (a point inside or equal counts)."""
    s1, e1 = window
    s2, e2 = other
    if s1 == e1 or s2 == e2:
        return s1 == s2 or (s2 <= s1 < e2) or (s1 <= s2 < e1)
    return s1 < e2 and s2 < e1


class PeoplePicker:
    """Picks people across one run, remembering whom it has already sent where."""

    def __init__(self, inp: StaffingInput, booked: dict[uuid.UUID, list[tuple[datetime, datetime]]]) -> None:
        self._inp = inp
        self._booked = {pid: list(w) for pid, w in booked.items()}
        self._load: Counter[uuid.UUID] = Counter({pid: len(w) for pid, w in booked.items()})

    def pick(self, outlet_id: uuid.UUID, fmt: Format, stage: object) -> PersonRow | None:
        """A free person of the outlet suited to ``fmt`` for ``stage`` (a StageRow), or None."""
        roles = FORMAT_ROLES.get(fmt, ())
        window = stage_window(stage)  # type: ignore[arg-type]
        staff = [p for p in self._inp.people.get(outlet_id, ()) if p.active and p.role in roles]
        free = []
        for p in staff:
            if person_away(self._inp, p.id, window) is not None:
                continue
            if window is not None and any(_clash(window, w) for w in self._booked.get(p.id, ())):
                continue
            free.append(p)
        if not free:
            return None
        best = min(free, key=lambda p: (roles.index(p.role), self._load[p.id], p.name, str(p.id)))
        if window is not None:
            self._booked.setdefault(best.id, []).append(window)
        self._load[best.id] += 1
        return best

    def release(self, person_id: uuid.UUID, stage: object) -> None:
        """Forget a pick that was taken back (its booking no longer blocks others)."""
        window = stage_window(stage)  # type: ignore[arg-type]
        if window is not None and window in self._booked.get(person_id, []):
            self._booked[person_id].remove(window)
        self._load[person_id] -= 1
