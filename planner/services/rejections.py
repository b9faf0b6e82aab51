"""Rejected staffing suggestions: "not this outlet here", with the reason, remembered for a project.

A rejection names the project, the outlet and the stage (or no stage: "not this outlet anywhere in
this project"). The optimiser leaves rejected pairs out and counts them when it explains why a hole
has no candidate. Each call is one transaction with its change-log entry and returns ``Changes``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import StaleError, ValidationError
from planner.domain.text import clean_text
from planner.services.unit import unit, what
from planner.store.database import Database
from planner.store.models import Outlet, Stage, SuggestionRejection

#: the longest reason kept (characters)
REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class RejectionRow:
    id: uuid.UUID
    project_id: uuid.UUID
    stage_id: uuid.UUID | None
    outlet_id: uuid.UUID
    reason: str
    version: int
    created_at: datetime | None = None
    outlet_name: str = ""
    stage_title: str = ""


def _row(obj: SuggestionRejection, outlet_name: str = "", stage_title: str = "") -> RejectionRow:
    return RejectionRow(obj.id, obj.project_id, obj.stage_id, obj.outlet_id, obj.reason, obj.version,
                        obj.created_at, outlet_name, stage_title)


def reject_suggestion(
    db: Database, *, project_id: uuid.UUID, outlet_id: uuid.UUID, stage_id: uuid.UUID | None = None,
    reason: str, id: uuid.UUID | None = None,
) -> Changes:
    """Remember that ``outlet_id`` is not to be proposed for ``stage_id`` (or the whole project).

    The reason is required (the next coordinator reads it); a stage of another project, or the
    same rejection twice, is refused.
    """
    text = clean_text(reason, what="原因", field="reason", max_len=REASON_MAX).strip()
    if not text:
        raise ValidationError("empty", field="reason", what="原因")
    with unit(db) as tx:
        project = tx.get(Entity.PROJECT, project_id)
        outlet = tx.get(Entity.OUTLET, outlet_id)
        stage_title = ""
        if stage_id is not None:
            stage = tx.get(Entity.STAGE, stage_id)
            if stage.project_id != project_id:
                raise ValidationError("stage_not_in_project", field="stage_id", ref=stage.title, project=project.title)
            stage_title = stage.title
        same = select(SuggestionRejection.id).where(
            SuggestionRejection.project_id == project_id, SuggestionRejection.outlet_id == outlet_id,
            SuggestionRejection.stage_id.is_(None) if stage_id is None else SuggestionRejection.stage_id == stage_id,  # type: ignore[union-attr]
        )
        if tx.s.execute(same).first() is not None:
            where_zh = f"环节“{stage_title}”" if stage_id else "整个项目"
            where_en = f"stage “{stage_title}”" if stage_id else "the whole project"
            raise ValidationError("rejection_exists", field="reason", outlet=outlet.name, where=where_zh, where_en=where_en)
        obj = SuggestionRejection(project_id=project_id, stage_id=stage_id, outlet_id=outlet_id, reason=text,
                                  **({"id": id} if id else {}))
        tx.add(Entity.SUGGESTION_REJECTION, obj)
        tx.flush()
        return tx.changes(row=_row(obj, outlet.name, stage_title))


def delete_rejection(db: Database, rejection_id: uuid.UUID, *, expected_version: int | None = None) -> Changes:
    """Forget a rejection (the outlet may be proposed there again); kept in ``Changes`` for undo."""
    with unit(db) as tx:
        obj = tx.get(Entity.SUGGESTION_REJECTION, rejection_id)
        if expected_version is not None and obj.version != expected_version:
            raise StaleError(what=what(Entity.SUGGESTION_REJECTION))
        tx.remove(Entity.SUGGESTION_REJECTION, obj)
        return tx.changes()


def list_rejections(db: Database, project_id: uuid.UUID) -> list[RejectionRow]:
    """A project's rejections, newest first, with outlet names and stage titles."""
    q = (select(SuggestionRejection, Outlet.name, Stage.title)
         .join(Outlet, Outlet.id == SuggestionRejection.outlet_id)
         .outerjoin(Stage, Stage.id == SuggestionRejection.stage_id)
         .where(SuggestionRejection.project_id == project_id)
         .order_by(SuggestionRejection.created_at.desc()))  # type: ignore[attr-defined]
    with db.reader() as s:
        return [_row(obj, name, title or "") for obj, name, title in s.execute(q)]


def rejected_pairs(db: Database, project_id: uuid.UUID) -> frozenset[tuple[uuid.UUID | None, uuid.UUID]]:
    """``(stage_id or None, outlet_id)`` of every rejection of the project, for the optimiser."""
    q = select(SuggestionRejection.stage_id, SuggestionRejection.outlet_id).where(
        SuggestionRejection.project_id == project_id)
    with db.engine.connect() as conn:
        return frozenset((sid, oid) for sid, oid in conn.execute(q))
