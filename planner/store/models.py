"""Every table of the planner, in one place.

Enum-valued columns hold the enum's code (``planner.domain.enums``); conversion to rows happens in
:mod:`planner.store.convert`. Every editable row has ``created_at``/``updated_at`` (aware UTC) and a
``version`` used for optimistic locking by the services.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

# Constraint names must be deterministic for SQLite batch migrations; set before any table exists.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    return datetime.now(UTC)


class Record(SQLModel):
    """Every table's base: pydantic builds a model's validator and serializer on first use, not at
    import — the tables are only ever made from stored or checked values, and building the 21
    schemas at import cost ~40 ms of every start-up (``tests/core/test_models_deferred.py``)."""

    model_config = SQLModelConfig(defer_build=True)


class Stamped(Record):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class Outlet(Stamped, table=True):
    __tablename__ = "outlet"
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=100)
    tier: str = Field(max_length=20, index=True)
    adcode: str | None = Field(default=None, max_length=12, index=True)
    platform: str = Field(default="", max_length=100)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="outlet.id", ondelete="SET NULL")
    formats: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    capacity: int | None = None
    contact_name: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=50)
    contact_email: str = Field(default="", max_length=200)
    notes: str = ""


class Alliance(Stamped, table=True):
    __tablename__ = "alliance"
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=20)
    founded_on: date | None = None
    description: str = ""


class Membership(Stamped, table=True):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("alliance_id", "outlet_id", name="uq_membership_alliance_outlet"),)
    alliance_id: uuid.UUID = Field(foreign_key="alliance.id", ondelete="CASCADE", index=True)
    outlet_id: uuid.UUID = Field(foreign_key="outlet.id", ondelete="CASCADE", index=True)
    role: str = Field(default="member", max_length=20)


class Person(Stamped, table=True):
    __tablename__ = "person"
    outlet_id: uuid.UUID = Field(foreign_key="outlet.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    role: str = Field(max_length=20)
    phone: str = Field(default="", max_length=50)
    email: str = Field(default="", max_length=200)
    active: bool = True


class Availability(Stamped, table=True):
    """A person's unavailable period (leave, other duty, training), or a recurring pattern of them:
    with ``rule`` (an RRULE) the period is the first occurrence (see planner.domain.availability)."""

    __tablename__ = "availability"
    __table_args__ = (Index("ix_availability_person_start", "person_id", "starts_at"),)
    person_id: uuid.UUID = Field(foreign_key="person.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    starts_at: datetime
    ends_at: datetime
    rule: str = Field(default="", max_length=500)
    reason: str = Field(default="", max_length=500)


class Project(Stamped, table=True):
    __tablename__ = "project"
    title: str = Field(max_length=200)
    title_key: str = Field(max_length=200, unique=True)
    code: str | None = Field(default=None, max_length=50, unique=True)
    kind: str = Field(max_length=30)
    summary: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    lead_outlet_id: uuid.UUID | None = Field(default=None, foreign_key="outlet.id", ondelete="SET NULL")
    coordinator_id: uuid.UUID | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    status: str = Field(default="draft", max_length=20)
    required_formats: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Stage(Stamped, table=True):
    __tablename__ = "stage"
    __table_args__ = (
        UniqueConstraint("project_id", "title_key", name="uq_stage_project_title"),
        Index("ix_stage_project_position", "project_id", "position"),
    )
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    position: int = 0
    title: str = Field(max_length=200)
    title_key: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    adcode: str | None = Field(default=None, max_length=12)
    location: str = Field(default="", max_length=200)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    time_tbc: bool = False
    notes: str = ""


class StageSeries(Stamped, table=True):
    """A recurring series of stages (每周川渝联播): the rule that made them and their first occurrence.

    ``rule`` is an RFC 5545 RRULE (see :mod:`planner.domain.recurrence`); each stage it created is
    linked by a :class:`SeriesOccurrence`. The stages are ordinary stages: editing one occurrence
    edits that stage, "this and the following" edits the linked stages from it on.
    """

    __tablename__ = "stage_series"
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    rule: str = Field(max_length=300)
    first_start: datetime
    minutes: int = 60


class SeriesOccurrence(Record, table=True):
    """A stage made by a series, and the start the rule gave it (its occurrence, kept when it moves)."""

    __tablename__ = "series_occurrence"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    stage_id: uuid.UUID = Field(foreign_key="stage.id", ondelete="CASCADE", unique=True)
    series_id: uuid.UUID = Field(foreign_key="stage_series.id", ondelete="CASCADE", index=True)
    occurrence_at: datetime


class StageDependency(Record, table=True):
    __tablename__ = "stage_dependency"
    __table_args__ = (UniqueConstraint("stage_id", "depends_on_id", name="uq_stage_dependency_pair"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    stage_id: uuid.UUID = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    depends_on_id: uuid.UUID = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Assignment(Stamped, table=True):
    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_outlet_status", "outlet_id", "status"),
        # The assignments table pages through hundreds of thousands of rows by deadline and status.
        Index("ix_assignment_due_at", "due_at"),
        Index("ix_assignment_status_due", "status", "due_at"),
        # A stage's assignments, and (covering) the project list's counts of assignments and of
        # distinct outlets per project, read at every start-up without touching the table's rows.
        Index("ix_assignment_stage_outlet", "stage_id", "outlet_id"),
    )
    stage_id: uuid.UUID = Field(foreign_key="stage.id", ondelete="CASCADE")
    outlet_id: uuid.UUID = Field(foreign_key="outlet.id", ondelete="RESTRICT", index=True)
    role: str = Field(max_length=20)
    format: str = Field(max_length=20)
    status: str = Field(default="planned", max_length=20)
    due_at: datetime | None = None
    brief: str = ""
    deliverable_url: str = Field(default="", max_length=500)
    notes: str = ""
    reason: str = ""


class AssignmentPerson(Record, table=True):
    __tablename__ = "assignment_person"
    assignment_id: uuid.UUID = Field(foreign_key="assignment.id", ondelete="CASCADE", primary_key=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True, index=True)


class SuggestionRejection(Stamped, table=True):
    """A staffing suggestion the coordinator turned down, with the reason, remembered for the project:
    the optimiser does not propose that outlet for that stage again (``stage_id`` empty: for any
    stage of the project). See :mod:`planner.services.rejections`."""

    __tablename__ = "suggestion_rejection"
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    stage_id: uuid.UUID | None = Field(default=None, foreign_key="stage.id", ondelete="CASCADE")
    outlet_id: uuid.UUID = Field(foreign_key="outlet.id", ondelete="CASCADE", index=True)
    reason: str = ""


class Note(Stamped, table=True):
    """One dated entry of the notes thread of a stage or of an assignment (exactly one of the two).

    ``created_at`` is when it was written, ``author`` the desk identity that wrote it; a note is
    changed or deleted only by its author. The old single ``notes`` columns of stage and assignment
    became the first entry of each thread (migration ``notes``) and are no longer written.
    """

    __tablename__ = "note"
    __table_args__ = (
        Index("ix_note_stage_created", "stage_id", "created_at"),
        Index("ix_note_assignment_created", "assignment_id", "created_at"),
    )
    stage_id: uuid.UUID | None = Field(default=None, foreign_key="stage.id", ondelete="CASCADE")
    assignment_id: uuid.UUID | None = Field(default=None, foreign_key="assignment.id", ondelete="CASCADE")
    author: str = Field(default="", max_length=200)
    body: str = ""


class ChangeLog(Record, table=True):
    __tablename__ = "change_log"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    desk: str = Field(default="", max_length=200)  # who: "editor（outlet）" as a person reads it
    # On a shared server the database fills these from the signed-in account (a trigger), so an
    # editor cannot write an entry in someone else's name; on a file, the desk's own settings.
    login: str = Field(default="", max_length=63, index=True)
    outlet_id: uuid.UUID | None = Field(default=None, index=True)
    entity: str = Field(max_length=30)
    entity_id: uuid.UUID = Field(index=True)
    action: str = Field(max_length=20)
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))


class ServerAccount(Record, table=True):
    """An editor's account on a shared server: their PostgreSQL login, role and outlet.

    Row-level security looks the signed-in login up here (``current_user``); the rows are written
    only through the account functions of :mod:`planner.store.accounts`. Unused in a file.
    """

    __tablename__ = "server_account"
    login: str = Field(primary_key=True, max_length=63)
    role: str = Field(max_length=20)
    display_name: str = Field(default="", max_length=100)
    outlet_id: uuid.UUID | None = Field(default=None, foreign_key="outlet.id", ondelete="SET NULL", index=True)
    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=63)


class SyncRecord(Record, table=True):
    """Exchange metadata of one record (see :mod:`planner.domain.revisions`), also after it is deleted.

    ``rev`` is ``{"vv": {desk: counter}, "base": [desk, counter], "dots": {field: [desk, counter]}}``.
    A row with ``deleted`` set is a tombstone: the record is gone here and its deletion travels.
    ``snapshot`` keeps the values of a deleted plan record (project, stage, dependency, assignment)
    so that a merge decision can bring it back; directory records keep none (personal data).
    """

    __tablename__ = "sync_record"
    id: uuid.UUID = Field(primary_key=True)
    entity: str = Field(max_length=30)
    scope: uuid.UUID | None = Field(default=None, index=True)  # the project of a plan record
    rev: dict = Field(sa_column=Column(JSON, nullable=False))
    deleted: bool = False
    editor: str = Field(default="", max_length=200)  # who made the last write (person and outlet)
    desk: str = Field(default="", max_length=64)  # the desk of the last write
    at: datetime = Field(default_factory=utcnow)  # when the last write was made
    label: str = Field(default="", max_length=300)
    snapshot: dict | None = Field(default=None, sa_column=Column(JSON))


class SyncPeer(Record, table=True):
    """Another desk: its name, and the highest counter of each desk its bundles showed us (``seen``)."""

    __tablename__ = "sync_peer"
    desk_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(default="", max_length=200)
    seen: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    bundle_at: datetime | None = None  # created_at of the newest bundle imported from this desk


class SyncAlias(Record, table=True):
    """A record another desk knows under its own id, matched here by name (or confirmed by a person)."""

    __tablename__ = "sync_alias"
    foreign_id: uuid.UUID = Field(primary_key=True)
    entity: str = Field(max_length=30)
    local_id: uuid.UUID = Field(index=True)
    peer: str = Field(default="", max_length=64)
    how: str = Field(default="name", max_length=20)  # name | confirmed
    at: datetime = Field(default_factory=utcnow)


class SyncConflict(Record, table=True):
    """A decided conflict: both values, who and when, and what was chosen (the record of every lost edit)."""

    __tablename__ = "sync_conflict"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    source: str = Field(default="bundle", max_length=20)  # bundle | reply
    peer: str = Field(default="", max_length=64)
    peer_name: str = Field(default="", max_length=200)
    entity: str = Field(max_length=30)
    record_id: uuid.UUID = Field(index=True)
    label: str = Field(default="", max_length=300)
    field: str = Field(max_length=40)
    mine: dict | None = Field(default=None, sa_column=Column(JSON))  # {"value": …}
    theirs: dict | None = Field(default=None, sa_column=Column(JSON))
    mine_by: str = Field(default="", max_length=200)
    mine_at: datetime | None = None
    theirs_by: str = Field(default="", max_length=200)
    theirs_at: datetime | None = None
    chosen: str = Field(max_length=10)  # mine | theirs
    decided_by: str = Field(default="", max_length=200)


class Setting(Record, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=100)
    value: str = ""


#: Editable tables by entity code, in an order safe for inserting (parents first).
TABLES: dict[str, type[SQLModel]] = {
    "outlet": Outlet,
    "alliance": Alliance,
    "membership": Membership,
    "person": Person,
    "availability": Availability,
    "project": Project,
    "stage_series": StageSeries,
    "stage": Stage,
    "series_occurrence": SeriesOccurrence,
    "stage_dependency": StageDependency,
    "assignment": Assignment,
    "assignment_person": AssignmentPerson,
    "suggestion_rejection": SuggestionRejection,
    "note": Note,
}
