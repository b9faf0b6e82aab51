"""Frozen rows: what crosses layers and threads instead of ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.domain.enums import (
    AllianceKind,
    Format,
    MembershipRole,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Role,
    StageKind,
    Status,
    Tier,
)


@dataclass(frozen=True, slots=True)
class OutletRow:
    id: uuid.UUID
    name: str
    short_name: str
    tier: Tier
    adcode: str | None
    platform: str
    parent_id: uuid.UUID | None
    formats: tuple[Format, ...]
    capacity: int | None
    contact_name: str
    contact_phone: str
    contact_email: str
    notes: str
    version: int
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def province_code(self) -> str | None:
        return self.adcode[:2] if self.adcode else None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class AllianceRow:
    id: uuid.UUID
    name: str
    kind: AllianceKind
    founded_on: date | None
    description: str
    version: int


@dataclass(frozen=True, slots=True)
class MembershipRow:
    id: uuid.UUID
    alliance_id: uuid.UUID
    outlet_id: uuid.UUID
    role: MembershipRole
    version: int


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: uuid.UUID
    outlet_id: uuid.UUID
    name: str
    role: PersonRole
    phone: str
    email: str
    active: bool
    version: int


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: uuid.UUID
    title: str
    code: str
    kind: ProjectKind
    summary: str
    starts_on: date | None
    ends_on: date | None
    lead_outlet_id: uuid.UUID | None
    coordinator_id: uuid.UUID | None
    status: ProjectStatus
    required_formats: tuple[Format, ...]
    version: int
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StageRow:
    id: uuid.UUID
    project_id: uuid.UUID
    position: int
    title: str
    kind: StageKind
    adcode: str | None
    location: str
    starts_at: datetime | None
    ends_at: datetime | None
    time_tbc: bool
    notes: str
    version: int
    depends_on: tuple[uuid.UUID, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    id: uuid.UUID
    stage_id: uuid.UUID
    outlet_id: uuid.UUID
    role: Role
    format: Format
    status: Status
    due_at: datetime | None
    brief: str
    deliverable_url: str
    notes: str
    reason: str
    version: int
    person_ids: tuple[uuid.UUID, ...] = field(default=())
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChangeLogRow:
    id: uuid.UUID
    at: datetime
    desk: str
    entity: str
    entity_id: uuid.UUID
    action: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    """A project with everything a screen, an analysis or an export needs of it."""

    project: ProjectRow
    stages: tuple[StageRow, ...]
    assignments: tuple[AssignmentRow, ...]
    outlets: dict[uuid.UUID, OutletRow]
    people: dict[uuid.UUID, PersonRow]
    #: When the plan's people are away during its stages (planner.domain.availability.Busy, per person).
    unavailable: dict[uuid.UUID, tuple] = field(default_factory=dict)

    def assignments_for_stage(self, stage_id: uuid.UUID) -> list[AssignmentRow]:
        return [a for a in self.assignments if a.stage_id == stage_id]
