"""Stages (报道环节) of a project: places, phases, events; their order and dependencies."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import update as sa_update

from planner.domain.changes import Changes
from planner.domain.enums import Action, Entity, StageKind
from planner.domain.errors import DuplicateError, StaleError, ValidationError
from planner.domain.rules import check_new_dependency
from planner.domain.text import clean_line, clean_text, fold_width, name_key
from planner.services.notes import add_in as add_note_in
from planner.services.projects import remove_stage_children
from planner.services.unit import Tx, unit, what
from planner.services.validate import (
    adcode_value,
    check_order,
    datetime_value,
    enum_value,
    int_value,
    uuid_value,
)
from planner.store.convert import stage_row
from planner.store.database import Database
from planner.store.models import Stage, StageDependency, utcnow

#: ``notes`` is the record's legacy opening note (see :mod:`planner.services.notes`): plan bundles of
#: format 1 still carry it; the app writes notes into the thread instead.
FIELDS = ("title", "kind", "adcode", "location", "starts_at", "ends_at", "time_tbc", "notes", "position")


def clean_stage(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "title":
            out["title"] = clean_line(value, what="标题", field=key)
            out["title_key"] = name_key(out["title"])
        elif key == "kind":
            out[key] = enum_value(StageKind, value, what="类型", field=key)
        elif key == "adcode":
            out[key] = adcode_value(value, field=key)
        elif key == "location":
            out[key] = clean_line(value, what="地点", field=key, required=False)
        elif key in ("starts_at", "ends_at"):
            out[key] = datetime_value(value, field=key)
        elif key == "time_tbc":
            out[key] = bool(value)
        elif key == "notes":
            out[key] = clean_text(value, what="备注", field=key)
        elif key == "position":
            out[key] = position_value(value)
        else:
            raise ValidationError("invalid", field=key, detail=f"unknown field {key}")
    return out


def position_value(value: Any) -> int:
    """A stage's place in its project: a whole number within ±:data:`MAX_COUNT`."""
    text = fold_width(str(value)).strip() if value is not None else ""
    negative = text.startswith("-")
    number = int_value(text[1:] if negative else text, what="序号", field="position")
    if number is None:
        raise ValidationError("empty", field="position", what="序号")
    return -number if negative else number


def _check(tx: Tx, project_id: uuid.UUID, values: dict[str, Any], current: Stage | None) -> None:
    if "title_key" in values:
        q = select(Stage.id).where(Stage.project_id == project_id, Stage.title_key == values["title_key"])
        if current is not None:
            q = q.where(Stage.id != current.id)
        if tx.s.execute(q).first():
            raise DuplicateError(field="title", what="报道环节", value=values["title"])
    starts = values.get("starts_at", current.starts_at if current else None)
    ends = values.get("ends_at", current.ends_at if current else None)
    check_order(starts, ends, field="ends_at")


def create_stage(
    db: Database, *, project_id: uuid.UUID, title: str, kind: StageKind | str = StageKind.PLACE,
    depends_on: list[uuid.UUID] | tuple[uuid.UUID, ...] = (), id: uuid.UUID | None = None, notes: str = "",
    **fields: Any,
) -> Changes:
    """A new stage; ``notes`` (optional) is the first entry of its notes thread."""
    with unit(db) as tx:
        tx.get(Entity.PROJECT, project_id)
        values = clean_stage({"title": title, "kind": kind, **fields})
        first_note = clean_text(notes, what="备注", field="notes")
        _check(tx, project_id, values, None)
        if "position" not in values:
            last = tx.s.execute(select(func.max(Stage.position)).where(Stage.project_id == project_id)).scalar()
            values["position"] = (last or 0) + 1
        obj = Stage(project_id=project_id, **values, **({"id": id} if id else {}))
        tx.add(Entity.STAGE, obj)
        tx.flush()
        for prereq in depends_on:
            _add_dependency(tx, obj.id, prereq)
        if first_note:
            add_note_in(tx, body=first_note, stage_id=obj.id)
        return tx.changes(row=stage_row(obj.model_dump(), tuple(depends_on)))


def update_stage(db: Database, stage_id: uuid.UUID, *, expected_version: int | None = None, **fields: Any) -> Changes:
    """Edit a stage's fields (its notes are a thread of their own: :mod:`planner.services.notes`)."""
    with unit(db) as tx:
        current = tx.get(Entity.STAGE, stage_id)
        values = clean_stage(fields)
        _check(tx, current.project_id, values, current)
        after = tx.update(Entity.STAGE, stage_id, values, expected_version)
        return tx.changes(row=stage_row(after, _deps(tx, stage_id)))


def delete_stage(db: Database, stage_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    with unit(db) as tx:
        obj = tx.get(Entity.STAGE, stage_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.STAGE))
        remove_stage_children(tx, select(Stage.id).where(Stage.id == stage_id))
        tx.remove(Entity.STAGE, obj)
        return tx.changes()


def move_stage(
    db: Database, stage_id: uuid.UUID, *, to_position: int, expected_versions: dict[uuid.UUID, int] | None = None,
) -> Changes:
    """Put a stage at 1-based ``to_position`` in its project and renumber the others 1…n.

    ``expected_versions`` (a redo) lists the versions the stages must still have.
    """
    with unit(db) as tx:
        stage = tx.get(Entity.STAGE, stage_id)
        ids = list(
            tx.s.execute(
                select(Stage.id).where(Stage.project_id == stage.project_id).order_by(Stage.position, Stage.created_at)
            ).scalars()
        )
        if expected_versions is not None and set(ids) != set(expected_versions):
            raise StaleError(what=what(Entity.STAGE))
        ids.remove(stage_id)
        index = max(0, min(len(ids), to_position - 1))
        ids.insert(index, stage_id)
        _renumber(tx, ids, expected_versions)
        return tx.changes()


def reorder_stages(
    db: Database, *, project_id: uuid.UUID, stage_ids: list[uuid.UUID],
    expected_versions: dict[uuid.UUID, int] | None = None,
) -> Changes:
    """Set the full order of a project's stages (for undoing a move).

    A stage added or removed meanwhile, or (with ``expected_versions``) one changed since, is a
    :class:`StaleError` and nothing moves.
    """
    with unit(db) as tx:
        existing = set(tx.s.execute(select(Stage.id).where(Stage.project_id == project_id)).scalars())
        if existing != set(stage_ids):
            raise StaleError(what=what(Entity.STAGE))
        _renumber(tx, stage_ids, expected_versions)
        return tx.changes()


def _renumber(tx: Tx, ordered: list[uuid.UUID], expected: dict[uuid.UUID, int] | None = None) -> None:
    rows = tx.s.execute(select(Stage.id, Stage.position, Stage.version).where(Stage.id.in_(ordered))).all()  # type: ignore[attr-defined]
    current = {sid: (position, version) for sid, position, version in rows}
    for pos, sid in enumerate(ordered, start=1):
        position, version = current[sid]
        if expected is not None and expected.get(sid, version) != version:
            raise StaleError(what=what(Entity.STAGE))
        tx.versions[sid] = version
        if position != pos:
            result = tx.s.execute(
                sa_update(Stage).where(Stage.id == sid, Stage.version == version)
                .values(position=pos, version=version + 1, updated_at=utcnow())
            )
            if result.rowcount != 1:
                raise StaleError(what=what(Entity.STAGE))
            tx.versions[sid] = version + 1
            tx.updated.append((Entity.STAGE, sid))
            tx.log(Entity.STAGE, sid, Action.UPDATE, {"position": position}, {"position": pos})


def _deps(tx: Tx, stage_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
    return tuple(tx.s.execute(select(StageDependency.depends_on_id).where(StageDependency.stage_id == stage_id)).scalars())


def _add_dependency(tx: Tx, stage_id: uuid.UUID, prerequisite_id: uuid.UUID) -> StageDependency:
    prerequisite_id = uuid_value(prerequisite_id, what="报道环节", field="depends_on")  # type: ignore[assignment]
    stage = tx.get(Entity.STAGE, stage_id)
    prereq = tx.get(Entity.STAGE, prerequisite_id)
    if prereq.project_id != stage.project_id:
        raise ValidationError("cross_project_dependency", field="depends_on")
    graph: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rows = tx.s.execute(
        select(StageDependency.stage_id, StageDependency.depends_on_id)
        .join(Stage, Stage.id == StageDependency.stage_id)
        .where(Stage.project_id == stage.project_id)
    ).all()
    for s, d in rows:
        graph[s].append(d)
    if prerequisite_id in graph.get(stage_id, ()):
        raise DuplicateError(field="depends_on", what="环节依赖", value=prereq.title)
    try:
        check_new_dependency(graph, stage_id, prerequisite_id)
    except ValidationError as err:
        if "nodes" in err.params:
            titles = dict(tx.s.execute(select(Stage.id, Stage.title).where(Stage.project_id == stage.project_id)).all())
            err.params["path"] = " → ".join(titles.get(n, str(n)) for n in err.params["nodes"])
        raise
    dep = StageDependency(stage_id=stage_id, depends_on_id=prerequisite_id)
    tx.add(Entity.STAGE_DEPENDENCY, dep)
    return dep


def add_dependency(db: Database, *, stage_id: uuid.UUID, depends_on: uuid.UUID, id: uuid.UUID | None = None) -> Changes:
    """``stage_id`` cannot start before ``depends_on`` ends; refused if it would close a cycle."""
    with unit(db) as tx:
        dep = _add_dependency(tx, stage_id, depends_on)
        if id is not None:
            dep.id = id
        return tx.changes(row=dep.id)


def remove_dependency(db: Database, *, stage_id: uuid.UUID, depends_on: uuid.UUID) -> Changes:
    with unit(db) as tx:
        dep = tx.s.execute(
            select(StageDependency).where(StageDependency.stage_id == stage_id, StageDependency.depends_on_id == depends_on)
        ).scalar_one_or_none()
        if dep is None:
            raise ValidationError("not_found", field="depends_on", what="环节依赖", ref=str(depends_on))
        tx.remove(Entity.STAGE_DEPENDENCY, dep)
        return tx.changes()
