"""Writing reply sheets: one outlet's assignments in a project as the XLSX an outlet fills in
(:mod:`planner.export.replysheet` draws it; this module gathers the rows), or one per outlet.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from planner.domain.timefmt import fmt_datetime, local
from planner.services.exchange.replies import _answer_of, _people_text
from planner.services.syncmeta import local_desk
from planner.store.database import Database

# -- writing the sheet --------------------------------------------------------------------------




def sheet_rows(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID, lang: str = "zh") -> list[dict[str, str]]:
    """The rows of one outlet's reply sheet (every key of :data:`planner.export.replysheet.COLUMNS`)."""
    from planner.services.queries import list_people, load_plan

    plan = load_plan(db, project_id)
    staff = {p.id: p for p in list_people(db, outlet_id=outlet_id)}
    stages = {s.id: s for s in plan.stages}
    rows = []
    mine = [a for a in plan.assignments if a.outlet_id == outlet_id]
    mine.sort(key=lambda a: (stages[a.stage_id].position, a.due_at or datetime.max.replace(tzinfo=UTC), str(a.id)))
    for a in mine:
        st = stages[a.stage_id]
        when = fmt_datetime(st.starts_at, lang)
        if st.ends_at:
            same_day = st.starts_at is not None and local(st.starts_at).date() == local(st.ends_at).date()
            end = fmt_datetime(st.ends_at, lang)
            when = f"{when}–{end[-5:] if same_day else end}"
        people_text = _people_text([staff[p] for p in a.person_ids if p in staff])
        answer = _answer_of(a.status, lang)
        row = {
            "no": str(st.position), "stage": st.title, "time": when, "place": st.location or _place(st.adcode),
            "role": a.role.label(lang), "format": a.format.label(lang), "due": fmt_datetime(a.due_at, lang),
            "brief": a.brief, "answer": answer, "reason": a.reason, "people": people_text, "notes": a.notes,
            "link": a.deliverable_url, "id": str(a.id), "base_answer": answer, "base_reason": a.reason,
            "base_people": people_text, "base_notes": a.notes, "base_link": a.deliverable_url,
            "base_status": a.status.value,
        }
        rows.append(row)
    return rows


def _place(adcode: str | None) -> str:
    if not adcode:
        return ""
    from planner.domain.places import places

    place = places().get(adcode)
    return place.name if place is not None else adcode


def export_reply_sheet(db: Database, project_id: uuid.UUID, outlet_id: uuid.UUID, path: str | Path,
                       lang: str = "zh", *, atomic: bool = True) -> int:
    """Write one outlet's reply sheet; returns how many assignments it lists."""
    from planner.export.replysheet import SheetHead, write_reply_sheet
    from planner.services.queries import get_project, list_outlets

    project = get_project(db, project_id)
    found = list_outlets(db, ids=[outlet_id])
    if not found:
        from planner.domain.errors import NotFoundError

        raise NotFoundError(what="媒体单位", ref=str(outlet_id))
    outlet = found[0]
    head = SheetHead(project_id=str(project.id), project_title=project.title, outlet_id=str(outlet.id),
                     outlet_name=outlet.name, desk_id=local_desk(db), desk_name=db.desk,
                     created_at=datetime.now(UTC).astimezone(), lang=lang)
    return write_reply_sheet(path, head, sheet_rows(db, project_id, outlet_id, lang), atomic=atomic)


def export_reply_sheets(db: Database, project_id: uuid.UUID, folder: str | Path, lang: str = "zh") -> list[Path]:
    """One reply sheet per outlet with assignments in the project, into ``folder`` (all or none)."""
    from planner.atomic import safe_filename, write_all_or_nothing
    from planner.services.queries import get_project, list_outlets, load_plan

    plan = load_plan(db, project_id)
    project = get_project(db, project_id)
    outlet_ids = {a.outlet_id for a in plan.assignments}
    names = {o.id: o.name for o in list_outlets(db, ids=list(outlet_ids))}
    order = sorted(outlet_ids, key=lambda i: names[i])
    stem = "回执" if not lang.startswith("en") else "replies"
    targets = [Path(folder) / f"{safe_filename(f'{stem}-{project.code or project.title}-{names[oid]}')}.xlsx"
               for oid in order]
    return write_all_or_nothing(targets, lambda i, tmp: export_reply_sheet(db, project_id, order[i], tmp, lang,
                                                                           atomic=False))


