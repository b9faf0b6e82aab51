"""Typed ids: every row id is a UUID so plans from different desks merge cleanly."""

from __future__ import annotations

import uuid
from typing import NewType

OutletId = NewType("OutletId", uuid.UUID)
AllianceId = NewType("AllianceId", uuid.UUID)
PersonId = NewType("PersonId", uuid.UUID)
ProjectId = NewType("ProjectId", uuid.UUID)
StageId = NewType("StageId", uuid.UUID)
AssignmentId = NewType("AssignmentId", uuid.UUID)


def parse_uuid(text: str) -> uuid.UUID | None:
    """Return the UUID written in ``text`` or ``None`` when it is not one."""
    try:
        return uuid.UUID(str(text).strip())
    except (ValueError, AttributeError):
        return None
