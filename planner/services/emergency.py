"""The emergency fast path (新建突发联动): a place and a time become a staffed plan, ready to send.

:func:`draft_emergency` reads only: it lays the emergency template's stages (首发预警 → 现场直播 →
权威发布与辟谣 → 救援进展 → 善后与恢复) from the moment of the event at the event's place, and asks the
optimiser for the nearest outlets that produce both live and short video for every stage (travel
weighs most; capacity, absences, the alliance and the analysis's "no new finding" hold as always).
The coordinator sees that draft; :func:`create_emergency` then writes the project, its stages and
the accepted pieces in **one transaction** — the project's change-log entry plus one entry for the
suggestions — and :class:`StartEmergency` makes it one undo step. The reply sheets for every outlet
are :func:`planner.services.exchange.reply_export.export_reply_sheets`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity, Format, ProjectKind, ProjectStatus, Status
from planner.domain.errors import DuplicateError, ValidationError
from planner.domain.places import places
from planner.domain.rows import ProjectPlan, ProjectRow, StageRow
from planner.domain.timefmt import PLAN_TZ, parse_datetime
from planner.graph.staffing import StaffingResult, Suggestion, Weights, suggest
from planner.services.commands import MakesRecord
from planner.services.projects import _check, clean_project
from planner.services.stages import clean_stage
from planner.services.suggestions import _by_id, _logged, staffing_input
from planner.services.templates import TEMPLATES
from planner.services.unit import unit
from planner.services.validate import adcode_value
from planner.store.convert import project_row
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Project, Stage, StageDependency

#: What every proposed outlet must produce: the first hours of an emergency are live and short video.
MUST_PRODUCE = (Format.LIVE, Format.SHORT_VIDEO)
#: Nearest first: travel dominates; load still spreads the work; the links matter less in a crisis.
WEIGHTS = Weights(travel=4.0, load=2.0, cross_province=0.0, vertical=0.0, isolated=0.0)
#: The solver's limit here: the whole flow is meant to take the user under a minute.
TIME_LIMIT = 5.0


@dataclass(frozen=True)
class EmergencyDraft:
    """A plan not yet written: the project and its stages (with ids), and what the optimiser proposes."""

    project: ProjectRow
    stages: tuple[StageRow, ...]
    dependencies: tuple[tuple[uuid.UUID, uuid.UUID], ...]  # (stage, depends on)
    place_name: str
    at: datetime
    result: StaffingResult
    chosen: tuple[Suggestion, ...] = field(default=())

    @property
    def plan(self) -> ProjectPlan:
        return ProjectPlan(self.project, self.stages, (), {}, {})


def default_title(place_name: str, at: datetime, lang: str = "zh") -> str:
    local = at.astimezone(PLAN_TZ)
    if lang.startswith("en"):
        return f"Emergency at {place_name} ({local:%Y-%m-%d %H:%M})"
    return f"{place_name}突发事件联动报道（{local:%Y-%m-%d %H:%M}）"


def _stages(project_id: uuid.UUID, adcode: str, location: str, at: datetime
            ) -> tuple[tuple[StageRow, ...], tuple[tuple[uuid.UUID, uuid.UUID], ...]]:
    """The template's stages laid from ``at``: the first starts at the event, the others keep their offsets."""
    spec = TEMPLATES["emergency"]
    first = spec.stages[0]
    zero = first.day * 24 + first.start_hour
    rows: list[StageRow] = []
    deps: list[tuple[uuid.UUID, uuid.UUID]] = []
    for position, st in enumerate(spec.stages, start=1):
        begin = at + timedelta(hours=st.day * 24 + st.start_hour - zero)
        if st.after_previous and rows and rows[-1].ends_at is not None:
            begin = max(begin, rows[-1].ends_at)  # a stage that follows another never starts before it ends
        title = clean_stage({"title": st.title})["title"]
        row = StageRow(id=uuid.uuid4(), project_id=project_id, position=position, title=title, kind=st.kind,
                       adcode=adcode, location=location, starts_at=begin, ends_at=begin + timedelta(hours=st.hours),
                       time_tbc=False, notes=st.notes, version=1)
        if st.after_previous and rows:
            deps.append((row.id, rows[-1].id))
            row = replace(row, depends_on=(rows[-1].id,))
        rows.append(row)
    return tuple(rows), tuple(deps)


def _free(db: Database, values: dict) -> None:
    """Refuse a project title or code already in use (the same test as creating a project)."""
    with db.reader() as s:
        if s.execute(select(Project.id).where(Project.title_key == values["title_key"])).first():
            raise DuplicateError(field="title", what="项目", value=values["title"])
        if values.get("code") and s.execute(select(Project.id).where(Project.code == values["code"])).first():
            raise DuplicateError(field="code", what="项目编号", value=values["code"])


def draft_emergency(
    db: Database, *, place: str, at: datetime | str | None = None, title: str | None = None, code: str | None = None,
    alliance_ids: Sequence[uuid.UUID] = (), weights: Weights | None = None, lang: str = "zh",
    time_limit: float = TIME_LIMIT,
) -> EmergencyDraft:
    """Lay out an emergency at ``place`` (a place name or code) from ``at`` (default now) and staff it.

    Reads only. A place that is not known, an unreadable time, or a title already in use is refused
    with a message naming it.
    """
    if place is None or not str(place).strip():
        raise ValidationError("empty", field="place", what="地点")
    adcode = adcode_value(place, field="place")
    assert adcode is not None
    found = places().get(adcode)
    place_name = found.name if found is not None else str(place).strip()
    when = parse_datetime(at, field="at") if isinstance(at, str) else at
    when = (when or datetime.now(PLAN_TZ)).astimezone(PLAN_TZ).replace(second=0, microsecond=0)
    values = clean_project({"title": title.strip() if title and title.strip() else default_title(place_name, when, lang),
                            "code": code})
    _free(db, values)  # a title or code in use is refused now, not after the coordinator has chosen
    spec = TEMPLATES["emergency"]
    project_id = uuid.uuid4()
    stages, deps = _stages(project_id, adcode, place_name, when)
    end = max(s.ends_at for s in stages if s.ends_at is not None)
    project = ProjectRow(
        id=project_id, title=values["title"], code=values.get("code") or "", kind=ProjectKind.EMERGENCY,
        summary=spec.description_zh, starts_on=when.date(), ends_on=end.astimezone(PLAN_TZ).date(),
        lead_outlet_id=None, coordinator_id=None, status=ProjectStatus.ACTIVE,
        required_formats=spec.required_formats, version=1,
    )
    plan = ProjectPlan(project, stages, (), {}, {})
    inp = staffing_input(db, project_id, plan=plan, alliance_ids=alliance_ids, weights=weights or WEIGHTS,
                         must_produce=MUST_PRODUCE, time_limit=time_limit)
    result = suggest(inp)
    return EmergencyDraft(project, stages, deps, place_name, when, result, result.suggestions)


def create_emergency(db: Database, draft: EmergencyDraft, suggestions: Sequence[Suggestion] | None = None) -> Changes:
    """Write the draft's project and stages and the chosen ``suggestions`` (default: all) in one transaction.

    Two change-log entries: the project's creation, and the suggestions as one entry listing every
    piece and why it was proposed (as :func:`planner.services.suggestions.apply_suggestions` writes).
    """
    from planner.services.assignments import _check_people

    chosen = tuple(draft.result.suggestions if suggestions is None else suggestions)
    stage_ids = {s.id for s in draft.stages}
    if any(s.stage_id not in stage_ids for s in chosen):
        raise ValidationError("invalid", field="suggestions", detail="a suggestion for another plan / 建议不属于这个方案")
    p = draft.project
    with unit(db) as tx:
        values = clean_project({"title": p.title, "code": p.code or None})
        _check(tx, values, None)
        project = Project(id=p.id, **values, kind=p.kind.value, status=p.status.value, starts_on=p.starts_on,
                          ends_on=p.ends_on, summary=p.summary, required_formats=[f.value for f in p.required_formats])
        tx.add(Entity.PROJECT, project)
        tx.flush(what_="项目", value=p.title)
        for st in draft.stages:
            tx.add(Entity.STAGE, Stage(id=st.id, project_id=p.id, position=st.position, kind=st.kind.value,
                                       adcode=st.adcode, location=st.location, starts_at=st.starts_at,
                                       ends_at=st.ends_at, time_tbc=False, notes=st.notes,
                                       **clean_stage({"title": st.title})), log=False)
        tx.flush()
        for stage_id, depends_on in draft.dependencies:
            tx.add(Entity.STAGE_DEPENDENCY, StageDependency(stage_id=stage_id, depends_on_id=depends_on), log=False)
        tx.flush()
        logged = []
        for s in chosen:
            people = _check_people(tx, s.outlet_id, s.person_ids)
            obj = Assignment(stage_id=s.stage_id, outlet_id=s.outlet_id, role=s.role.value, format=s.format.value,
                             status=Status.PLANNED.value, due_at=s.due_at)
            tx.add(Entity.ASSIGNMENT, obj, log=False)
            tx.flush()
            for pid in people:
                tx.s.add(AssignmentPerson(assignment_id=obj.id, person_id=pid))
            logged.append(_logged(s, obj.id))
        if logged:
            tx.log(Entity.SUGGESTION, p.id, Action.CREATE, None,
                   {"project_id": p.id, "count": len(logged), "assignments": _by_id(logged)})
        tx.flush()
        return tx.changes(row=project_row(project.model_dump()))


@dataclass
class StartEmergency(MakesRecord):
    """新建突发联动 as one undo step: undo removes the project with exactly what it made; redo puts it back."""

    draft: EmergencyDraft
    suggestions: list[Suggestion] | None = None

    def kind(self) -> Entity:
        return Entity.PROJECT

    def make(self, db: Database) -> Changes:
        return create_emergency(db, self.draft, self.suggestions)

