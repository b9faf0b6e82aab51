"""Recurring series of stages: create a series (its stages from a rule), read it, delete it.

A weekly or monthly programme (每周川渝联播, 月度走基层) becomes one stage per occurrence, titled
with its date, at the end of the project's stage order, all in one transaction and one undo step
(the generic ``Create``/``Delete`` commands: :data:`planner.services.commands.CREATE`). Each stage
stays an ordinary stage; the link (:class:`~planner.store.models.SeriesOccurrence`) remembers which
series made it and its occurrence, so "this and the following occurrences" can be edited together
(:func:`following`). Deleting a series deletes its stages with their assignments and notes, kept
for undo like any delete.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from planner.domain.changes import Changes
from planner.domain.enums import Entity, StageKind
from planner.domain.errors import DuplicateError, StaleError, ValidationError
from planner.domain.recurrence import Recurrence, expand, occurrence_title
from planner.domain.rows import StageRow
from planner.domain.text import clean_line, name_key
from planner.services.projects import remove_stage_children
from planner.services.stages import clean_stage
from planner.services.unit import unit, what
from planner.services.validate import datetime_value
from planner.store.convert import stage_row
from planner.store.database import Database
from planner.store.models import SeriesOccurrence, Stage, StageSeries


@dataclass(frozen=True)
class SeriesRow:
    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    kind: StageKind
    rule: str
    first_start: datetime
    minutes: int
    version: int


@dataclass(frozen=True)
class Membership:
    """Where a stage stands in its series: the series, its occurrence, and its place (1-based) of how many."""

    series: SeriesRow
    occurrence_at: datetime
    index: int
    total: int


def _series_row(obj: Any) -> SeriesRow:
    return SeriesRow(obj.id, obj.project_id, obj.title, StageKind(obj.kind), obj.rule, obj.first_start, obj.minutes,
                     obj.version)


def plan_series(*, title: str, rule: Recurrence | str, starts_at: Any, ends_at: Any) -> list[tuple[str, datetime, datetime]]:
    """The stages a series would create: (title, start, end) per occurrence; raises as :func:`create_series`."""
    title = clean_line(title, what="标题", field="title", max_len=180)
    start = datetime_value(starts_at, field="starts_at")
    end = datetime_value(ends_at, field="ends_at")
    if start is None:
        raise ValidationError("empty", field="starts_at", what="开始时间")
    if end is None:
        raise ValidationError("empty", field="ends_at", what="结束时间")
    if end <= start:
        raise ValidationError("end_before_start", field="ends_at")
    times = expand(rule, start, end - start)
    with_year = times[0][0].year != times[-1][0].year
    return [(occurrence_title(title, s, with_year=with_year), s, e) for s, e in times]


def create_series(
    db: Database, *, project_id: uuid.UUID, title: str, rule: Recurrence | str, starts_at: Any, ends_at: Any,
    kind: StageKind | str = StageKind.EVENT, id: uuid.UUID | None = None, **fields: Any,
) -> Changes:
    """A series and one stage per occurrence of ``rule`` (``starts_at``–``ends_at`` is the first candidate).

    ``fields`` are stage fields every occurrence gets (``adcode``, ``location``, ``time_tbc``). Raises
    ``ValidationError`` for a rule that never happens, a bad time, a stage title already in the
    project (the message names it) — nothing is written.
    """
    rec = Recurrence.from_rule(rule) if isinstance(rule, str) else rule.check()
    planned = plan_series(title=title, rule=rec, starts_at=starts_at, ends_at=ends_at)
    shared = clean_stage({"kind": kind, **fields})
    for key in ("title", "starts_at", "ends_at", "position", "notes"):
        if key in fields:
            raise ValidationError("invalid", field=key, detail=f"a series sets {key} itself")
    with unit(db) as tx:
        tx.get(Entity.PROJECT, project_id)
        keys = {name_key(t) for t, _s, _e in planned}
        taken = tx.s.execute(select(Stage.title).where(Stage.project_id == project_id, Stage.title_key.in_(keys))).first()  # type: ignore[attr-defined]
        if taken:
            raise DuplicateError(field="title", what="报道环节", value=taken[0])
        base = clean_line(title, what="标题", field="title", max_len=180)
        first, last = planned[0], planned[-1]
        series = StageSeries(project_id=project_id, title=base, kind=shared["kind"], rule=rec.rule(),
                             first_start=first[1], minutes=int((first[2] - first[1]).total_seconds() // 60),
                             **({"id": id} if id else {}))
        tx.add(Entity.SERIES, series)
        position = tx.s.execute(select(func.max(Stage.position)).where(Stage.project_id == project_id)).scalar() or 0
        tx.flush()
        made = []
        for n, (stage_title, start, end) in enumerate(planned, start=1):
            stage = Stage(project_id=project_id, position=position + n, title=stage_title, title_key=name_key(stage_title),
                          starts_at=start, ends_at=end, **shared)
            tx.add(Entity.STAGE, stage)
            made.append(stage)
        tx.flush(what_="报道环节", value=last[0])  # the stages first: the links refer to them
        for stage in made:
            tx.add(Entity.SERIES_OCCURRENCE, SeriesOccurrence(stage_id=stage.id, series_id=series.id,
                                                              occurrence_at=stage.starts_at), log=False)
        tx.flush()
        return tx.changes(row=_series_row(series))


def delete_series(db: Database, series_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    """Delete a series with all its stages (and their assignments, notes, dependencies), kept for undo."""
    with unit(db) as tx:
        obj = tx.get(Entity.SERIES, series_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.SERIES))
        stage_ids = select(SeriesOccurrence.stage_id).where(SeriesOccurrence.series_id == series_id)
        ids = list(tx.s.execute(stage_ids).scalars())
        remove_stage_children(tx, ids)
        for stage in tx.s.execute(select(Stage).where(Stage.id.in_(ids))).scalars().all():  # type: ignore[attr-defined]
            tx.remove(Entity.STAGE, stage)
        tx.remove(Entity.SERIES, obj)
        return tx.changes()


# -- reading ---------------------------------------------------------------------------------------
def membership(db: Database, stage_id: uuid.UUID) -> Membership | None:
    """The series a stage belongs to and its place in it, or ``None`` for a stage of its own."""
    with db.reader() as s:
        link = s.execute(select(SeriesOccurrence).where(SeriesOccurrence.stage_id == stage_id)).scalar_one_or_none()
        if link is None:
            return None
        series = s.get(StageSeries, link.series_id)
        if series is None:  # pragma: no cover - the link cascades with its series
            return None
        times = list(s.execute(select(SeriesOccurrence.occurrence_at).where(SeriesOccurrence.series_id == series.id)
                               .order_by(SeriesOccurrence.occurrence_at)).scalars())
        return Membership(_series_row(series), link.occurrence_at, times.index(link.occurrence_at) + 1, len(times))


def following(db: Database, stage_id: uuid.UUID) -> list[StageRow]:
    """This occurrence and the later ones of its series (by occurrence), as they are now."""
    with db.reader() as s:
        link = s.execute(select(SeriesOccurrence).where(SeriesOccurrence.stage_id == stage_id)).scalar_one_or_none()
        if link is None:
            raise ValidationError("not_in_series", field="series")
        rows = s.execute(
            select(Stage).join(SeriesOccurrence, SeriesOccurrence.stage_id == Stage.id)
            .where(SeriesOccurrence.series_id == link.series_id, SeriesOccurrence.occurrence_at >= link.occurrence_at)
            .order_by(SeriesOccurrence.occurrence_at)
        ).scalars().all()
        return [stage_row(r.model_dump()) for r in rows]


def list_series(db: Database, project_id: uuid.UUID) -> list[SeriesRow]:
    with db.reader() as s:
        rows = s.execute(select(StageSeries).where(StageSeries.project_id == project_id).order_by(StageSeries.first_start))
        return [_series_row(r) for r in rows.scalars()]
