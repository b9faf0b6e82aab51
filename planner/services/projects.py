"""Projects (联合报道项目): create, edit, delete, duplicate."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Entity, ProjectKind, ProjectStatus
from planner.domain.errors import DuplicateError, StaleError, ValidationError
from planner.domain.text import clean_line, clean_text, fold_width, name_key
from planner.services.unit import Tx, unit, what
from planner.services.validate import check_order, date_value, enum_value, formats_value, uuid_value
from planner.store.convert import project_row
from planner.store.database import Database
from planner.store.models import (
    Assignment,
    AssignmentPerson,
    Note,
    Project,
    SeriesOccurrence,
    Stage,
    StageDependency,
    StageSeries,
)

FIELDS = (
    "title", "code", "kind", "summary", "starts_on", "ends_on", "lead_outlet_id", "coordinator_id", "status",
    "required_formats",
)


def clean_project(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "title":
            out["title"] = clean_line(value, what="标题", field=key)
            out["title_key"] = name_key(out["title"])
        elif key == "code":
            code = clean_line(fold_width(str(value or "")), what="项目编号", field=key, required=False, max_len=50)
            out[key] = code or None
        elif key == "kind":
            out[key] = enum_value(ProjectKind, value, what="类型", field=key)
        elif key == "status":
            out[key] = enum_value(ProjectStatus, value, what="状态", field=key)
        elif key == "summary":
            out[key] = clean_text(value, what="简介", field=key)
        elif key in ("starts_on", "ends_on"):
            out[key] = date_value(value, field=key)
        elif key == "lead_outlet_id":
            out[key] = uuid_value(value, what="媒体单位", field=key)
        elif key == "coordinator_id":
            out[key] = uuid_value(value, what="人员", field=key)
        elif key == "required_formats":
            out[key] = formats_value(value, field=key)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def _check(tx: Tx, values: dict[str, Any], exclude: uuid.UUID | None, current: Project | None = None) -> None:
    if "title_key" in values:
        q = select(Project.id).where(Project.title_key == values["title_key"])
        if exclude:
            q = q.where(Project.id != exclude)
        if tx.s.execute(q).first():
            raise DuplicateError(field="title", what="项目", value=values["title"])
    if values.get("code"):
        q = select(Project.id).where(Project.code == values["code"])
        if exclude:
            q = q.where(Project.id != exclude)
        if tx.s.execute(q).first():
            raise DuplicateError(field="code", what="项目编号", value=values["code"])
    starts = values.get("starts_on", current.starts_on if current else None)
    ends = values.get("ends_on", current.ends_on if current else None)
    check_order(starts, ends, field="ends_on")
    if values.get("lead_outlet_id"):
        tx.get(Entity.OUTLET, values["lead_outlet_id"])
    if values.get("coordinator_id"):
        tx.get(Entity.PERSON, values["coordinator_id"])


def create_project(
    db: Database, *, title: str, kind: ProjectKind | str = ProjectKind.OTHER, id: uuid.UUID | None = None, **fields: Any
) -> Changes:
    with unit(db) as tx:
        values = clean_project({"title": title, "kind": kind, **fields})
        _check(tx, values, None)
        obj = Project(**values, **({"id": id} if id else {}))
        tx.add(Entity.PROJECT, obj)
        return tx.changes(row=project_row(obj.model_dump()))


def update_project(db: Database, project_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any) -> Changes:
    with unit(db) as tx:
        values = clean_project(fields)
        _check(tx, values, project_id, tx.get(Entity.PROJECT, project_id))
        return tx.changes(row=project_row(tx.update(Entity.PROJECT, project_id, values, expected_version)))


def delete_project(db: Database, project_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    """Delete a project with its stages, dependencies and assignments (all kept for undo)."""
    with unit(db) as tx:
        obj = tx.get(Entity.PROJECT, project_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.PROJECT))
        stage_ids = select(Stage.id).where(Stage.project_id == project_id)
        remove_stage_children(tx, stage_ids)
        tx.remove_where(Entity.STAGE, Stage.project_id == project_id)
        tx.remove_where(Entity.SERIES, StageSeries.project_id == project_id)
        tx.remove(Entity.PROJECT, obj)
        return tx.changes()


def remove_stage_children(tx: Tx, stage_ids: Any) -> None:
    """Remove the dependencies, assignments, assignment people, notes and series links of the given
    stages (a subquery or a list of ids)."""
    from planner.services.notes import remove_notes_where

    tx.remove_where(
        Entity.STAGE_DEPENDENCY,
        StageDependency.stage_id.in_(stage_ids) | StageDependency.depends_on_id.in_(stage_ids),  # type: ignore[attr-defined]
    )
    assignment_ids = select(Assignment.id).where(Assignment.stage_id.in_(stage_ids))  # type: ignore[attr-defined]
    tx.remove_where(Entity.ASSIGNMENT_PERSON, AssignmentPerson.assignment_id.in_(assignment_ids))  # type: ignore[attr-defined]
    remove_notes_where(tx, Note.assignment_id.in_(assignment_ids) | Note.stage_id.in_(stage_ids))  # type: ignore[union-attr]
    tx.remove_where(Entity.SERIES_OCCURRENCE, SeriesOccurrence.stage_id.in_(stage_ids))  # type: ignore[attr-defined]
    tx.remove_where(Entity.ASSIGNMENT, Assignment.stage_id.in_(stage_ids))  # type: ignore[attr-defined]


def duplicate_project(
    db: Database, project_id: uuid.UUID, *, title: str, code: str | None = None, shift_days: int = 0,
    with_assignments: bool = True,
) -> Changes:
    """Copy a project with its stages, dependencies and (optionally) assignments under a new title.

    Copied assignments start again as planned; ``shift_days`` moves every date by that many days.
    """
    shift = timedelta(days=shift_days)
    with unit(db) as tx:
        src = tx.get(Entity.PROJECT, project_id)
        values = clean_project({"title": title, "code": code})
        _check(tx, values, None)
        new = Project(
            **values, kind=src.kind, summary=src.summary, status=ProjectStatus.DRAFT.value,
            starts_on=src.starts_on + shift if src.starts_on else None,
            ends_on=src.ends_on + shift if src.ends_on else None,
            lead_outlet_id=src.lead_outlet_id, coordinator_id=src.coordinator_id,
            required_formats=list(src.required_formats),
        )
        tx.add(Entity.PROJECT, new)
        stage_map: dict[uuid.UUID, uuid.UUID] = {}
        stages = tx.s.execute(select(Stage).where(Stage.project_id == project_id).order_by(Stage.position)).scalars().all()
        for st in stages:
            copy = Stage(
                project_id=new.id, position=st.position, title=st.title, title_key=st.title_key, kind=st.kind,
                adcode=st.adcode, location=st.location, starts_at=st.starts_at + shift if st.starts_at else None,
                ends_at=st.ends_at + shift if st.ends_at else None, time_tbc=st.time_tbc, notes=st.notes,
            )
            stage_map[st.id] = copy.id
            tx.add(Entity.STAGE, copy, log=False)
        tx.flush()
        for dep in tx.s.execute(select(StageDependency).where(StageDependency.stage_id.in_(list(stage_map)))).scalars():  # type: ignore[attr-defined]
            tx.add(
                Entity.STAGE_DEPENDENCY,
                StageDependency(stage_id=stage_map[dep.stage_id], depends_on_id=stage_map[dep.depends_on_id]),
                log=False,
            )
        assignment_map: dict[uuid.UUID, uuid.UUID] = {}
        if with_assignments:
            olds = tx.s.execute(select(Assignment).where(Assignment.stage_id.in_(list(stage_map)))).scalars().all()  # type: ignore[attr-defined]
            links = tx.s.execute(
                select(AssignmentPerson).where(AssignmentPerson.assignment_id.in_([a.id for a in olds]))  # type: ignore[attr-defined]
            ).scalars().all()
            people: dict[uuid.UUID, list[uuid.UUID]] = {}
            for link in links:
                people.setdefault(link.assignment_id, []).append(link.person_id)
            tx.flush()
            for a in olds:
                copy_a = Assignment(
                    stage_id=stage_map[a.stage_id], outlet_id=a.outlet_id, role=a.role, format=a.format,
                    due_at=a.due_at + shift if a.due_at else None, brief=a.brief, notes=a.notes,
                )
                tx.add(Entity.ASSIGNMENT, copy_a, log=False)
                assignment_map[a.id] = copy_a.id
                for pid in people.get(a.id, ()):
                    tx.s.add(AssignmentPerson(assignment_id=copy_a.id, person_id=pid))
        tx.flush()
        _copy_notes(tx, stage_map, assignment_map)
        tx.flush()
        return tx.changes(row=project_row(new.model_dump()))


def _copy_notes(tx: Tx, stage_map: dict[uuid.UUID, uuid.UUID], assignment_map: dict[uuid.UUID, uuid.UUID]) -> None:
    """Copy the notes threads along with their stages and assignments, keeping who wrote them and when."""
    q = select(Note).where(Note.stage_id.in_(list(stage_map)) | Note.assignment_id.in_(list(assignment_map)))  # type: ignore[union-attr]
    for note in tx.s.execute(q).scalars().all():
        tx.add(Entity.NOTE, Note(
            stage_id=stage_map.get(note.stage_id) if note.stage_id else None,  # type: ignore[arg-type]
            assignment_id=assignment_map.get(note.assignment_id) if note.assignment_id else None,  # type: ignore[arg-type]
            author=note.author, body=note.body, created_at=note.created_at, updated_at=note.updated_at,
        ), log=False)
