"""Hand-built plans and outlets for the staffing optimiser's tests (pure rows, no database)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from planner.domain.availability import AvailabilityKind, Busy
from planner.domain.enums import (
    OPEN_STATUSES,
    Format,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Role,
    StageKind,
    Status,
    Tier,
)
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan, ProjectRow, StageRow
from planner.graph.staffing import StaffingInput, Weights

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PROJECT_ID = uuid.UUID("00000000-0000-4000-8000-0000000000aa")

# county seats: 荣昌 (Chongqing) and its Sichuan neighbours, plus places further away
RONGCHANG, LONGCHANG, NEIJIANG_DZ, LUXIAN, YIBIN, CHENGDU_JJ, WANZHOU = (
    "500153", "511083", "511011", "510521", "511502", "510104", "500101")
ALL_FORMATS = tuple(Format)


def outlet(name: str, adcode: str = RONGCHANG, *, tier: Tier = Tier.COUNTY, formats=ALL_FORMATS,
           capacity: int | None = None, short: str = "") -> OutletRow:
    return OutletRow(uuid.uuid5(PROJECT_ID, name), name, short, tier, adcode, "", None, tuple(formats), capacity,
                     "", "", "", "", 1)


def stage(title: str, pos: int, *, adcode: str | None = RONGCHANG, start: datetime | None = None, hours: float = 3,
          tbc: bool = False) -> StageRow:
    start = start if start is not None else T0 + timedelta(days=pos)
    return StageRow(uuid.uuid5(PROJECT_ID, title), PROJECT_ID, pos, title, StageKind.PLACE, adcode, "", start,
                    start + timedelta(hours=hours), tbc, "", 1)


def piece(st: StageRow, o: OutletRow, role: Role = Role.LEAD, fmt: Format = Format.TEXT,
          status: Status = Status.PLANNED, people: tuple[uuid.UUID, ...] = ()) -> AssignmentRow:
    return AssignmentRow(uuid.uuid4(), st.id, o.id, role, fmt, status, st.ends_at, "", "", "", "", 1, people)


def person(name: str, o: OutletRow, role: PersonRole = PersonRole.REPORTER, active: bool = True) -> PersonRow:
    return PersonRow(uuid.uuid5(PROJECT_ID, name), o.id, name, role, "", "", active, 1)


def absence(p: PersonRow, start: datetime, end: datetime, reason: str = "年假") -> Busy:
    """A period the person cannot be sent, as the availability service reads it."""
    return Busy(p.id, start, end, AvailabilityKind.LEAVE, reason, uuid.uuid5(PROJECT_ID, f"{p.name}{start}"))


def plan(stages, pieces=(), outlets=(), people=(), required=(Format.TEXT,), lead: OutletRow | None = None) -> ProjectPlan:
    project = ProjectRow(PROJECT_ID, "巴蜀陶韵联合报道", "TY-1", ProjectKind.CULTURE_TOURISM, "", None, None,
                         lead.id if lead else None, None, ProjectStatus.PLANNING, tuple(required), 1)
    used = {p.outlet_id for p in pieces}
    return ProjectPlan(project, tuple(stages), tuple(pieces), {o.id: o for o in outlets if o.id in used or o is lead},
                       {p.id: p for p in people})


def open_counts(p: ProjectPlan, extra: dict[uuid.UUID, int] | None = None) -> dict[uuid.UUID, int]:
    """Open pieces per outlet as the service reads them (this plan's, plus work elsewhere)."""
    counts = Counter(a.outlet_id for a in p.assignments if a.status in OPEN_STATUSES)
    for oid, n in (extra or {}).items():
        counts[oid] += n
    return dict(counts)


def staffing(p: ProjectPlan, outlets, *, weights: Weights | None = None, elsewhere: dict | None = None,
             **options) -> StaffingInput:
    return StaffingInput(plan=p, outlets={o.id: o for o in outlets}, open_counts=open_counts(p, elsewhere),
                         weights=weights or Weights(), **options)
