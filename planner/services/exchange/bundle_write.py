"""Writing a project's plan bundle (.jcp): the project and everything it references, with each
record's revision, the tombstones this desk knows, and a manifest (format 2; see
:mod:`planner.services.exchange.bundle` for the format and for reading one back)."""

from __future__ import annotations

import json
import uuid
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner import __version__
from planner.atomic import atomic_target
from planner.domain.enums import Entity
from planner.domain.revisions import join
from planner.services.exchange.bundle import FORMAT, MANIFEST, TOMBSTONES
from planner.services.exchange.records import KIND_OF, KINDS, plain
from planner.services.exchange.schema import FORMAT_VERSION
from planner.services.syncmeta import (
    PLAN_ENTITIES,
    implicit_rev,
    load_meta,
    load_scope,
    load_tombstones,
    local_desk,
)
from planner.store.convert import as_mapping
from planner.store.database import Database
from planner.store.models import (
    Alliance,
    Assignment,
    AssignmentPerson,
    Membership,
    Note,
    Outlet,
    Person,
    Project,
    Stage,
    StageDependency,
)


def collect(db: Database, project_id: uuid.UUID) -> dict[Entity, list[dict[str, Any]]]:
    """Column values of the project and everything it references, by entity."""
    from planner.domain.errors import NotFoundError

    out: dict[Entity, list[dict[str, Any]]] = {}
    with db.reader() as s:
        project = s.get(Project, project_id)
        if project is None:
            raise NotFoundError(what="项目", ref=str(project_id))
        stages = list(s.scalars(select(Stage).where(Stage.project_id == project_id).order_by(Stage.position)))
        stage_ids = [st.id for st in stages]
        deps = list(s.scalars(select(StageDependency).where(StageDependency.stage_id.in_(stage_ids))))  # type: ignore[attr-defined]
        assignments = list(s.scalars(select(Assignment).where(Assignment.stage_id.in_(stage_ids))))  # type: ignore[attr-defined]
        people_of: dict[uuid.UUID, list[str]] = defaultdict(list)
        for link in s.scalars(select(AssignmentPerson).where(
                AssignmentPerson.assignment_id.in_([a.id for a in assignments]))):  # type: ignore[attr-defined]
            people_of[link.assignment_id].append(str(link.person_id))
        person_ids = {uuid.UUID(p) for ps in people_of.values() for p in ps}
        if project.coordinator_id:
            person_ids.add(project.coordinator_id)
        people = list(s.scalars(select(Person).where(Person.id.in_(person_ids)))) if person_ids else []  # type: ignore[attr-defined]
        outlet_ids = {a.outlet_id for a in assignments} | {p.outlet_id for p in people}
        if project.lead_outlet_id:
            outlet_ids.add(project.lead_outlet_id)
        outlets: dict[uuid.UUID, Outlet] = {}
        pending = set(outlet_ids)
        while pending:  # parents too, so every reference resolves inside the bundle
            found = list(s.scalars(select(Outlet).where(Outlet.id.in_(pending))))  # type: ignore[attr-defined]
            outlets.update({o.id: o for o in found})
            pending = {o.parent_id for o in found if o.parent_id and o.parent_id not in outlets}
        memberships = list(s.scalars(select(Membership).where(Membership.outlet_id.in_(list(outlets)))))  # type: ignore[attr-defined]
        alliances = list(s.scalars(select(Alliance).where(
            Alliance.id.in_({m.alliance_id for m in memberships}))))  # type: ignore[attr-defined]
        out[Entity.OUTLET] = _parents_first([as_mapping(o) for o in outlets.values()])
        out[Entity.ALLIANCE] = [as_mapping(a) for a in alliances]
        out[Entity.MEMBERSHIP] = [as_mapping(m) for m in memberships]
        out[Entity.PERSON] = [as_mapping(p) for p in people]
        out[Entity.PROJECT] = [as_mapping(project)]
        out[Entity.STAGE] = [as_mapping(st) for st in stages]
        out[Entity.STAGE_DEPENDENCY] = [as_mapping(d) for d in deps]
        out[Entity.ASSIGNMENT] = [
            {**as_mapping(a), "person_ids": sorted(people_of.get(a.id, []))} for a in assignments
        ]
        assignment_ids = [a.id for a in assignments]
        notes = list(s.scalars(select(Note).where(Note.stage_id.in_(stage_ids))))  # type: ignore[union-attr]
        for start in range(0, len(assignment_ids), 500):
            notes += s.scalars(select(Note).where(Note.assignment_id.in_(assignment_ids[start:start + 500])))  # type: ignore[union-attr]
        out[Entity.NOTE] = [as_mapping(n) for n in sorted(notes, key=lambda n: (n.created_at, str(n.id)))]
    return out


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in rows}
    done: dict[Any, dict[str, Any]] = {}

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        parent = by_id.get(row["parent_id"])
        if parent is not None and parent["id"] not in done and depth < len(rows):
            visit(parent, depth + 1)
        done.setdefault(row["id"], row)

    for row in sorted(rows, key=lambda r: r["name"]):
        visit(row)
    return list(done.values())


def bundle_documents(db: Database, project_id: uuid.UUID) -> dict[str, Any]:
    """The bundle's JSON documents by member name (manifest first), format 2."""
    from planner.services.exchange.state import aliases_of, desk_names

    data = collect(db, project_id)
    me = local_desk(db)
    desk_name = db.desk
    with db.reader() as s:
        metas = load_meta(s, [r["id"] for rows in data.values() for r in rows])
        tombs = list(load_scope(s, project_id, deleted_only=True).values())
        tombs += list(load_tombstones(s, (e for e in KIND_OF if e not in PLAN_ENTITIES)).values())
        also_as = aliases_of(s, [t.id for t in tombs])
    docs: dict[str, Any] = {}
    counts: dict[str, int] = {}
    seen: dict[str, int] = {}
    for kind in KINDS:
        records = []
        for row in data[kind.entity]:
            meta = metas.get(row["id"])
            rev = meta.rev if meta is not None else implicit_rev(me)
            seen = join(seen, rev.vv)
            rec: dict[str, Any] = {
                "id": str(row["id"]),
                "rev": rev.compacted(kind.fields).to_json(),
                "created_at": plain(row["created_at"]),
                "updated_at": plain(meta.at if meta is not None and meta.at else row.get("updated_at") or row["created_at"]),
                "updated_by": (meta.editor if meta is not None and meta.editor else desk_name),
            }
            rec.update({f: plain(row.get(f)) for f in kind.fields})
            records.append(rec)
        docs[kind.member] = records
        counts[kind.name] = len(records)
    tombstones = []
    # A record deleted here also goes under the ids other desks gave their own copies of it (matched
    # here by name or pair: an alias): the desk that made such a copy never saw our id, and would
    # keep its copy forever. An id the bundle already names (a record, another tombstone) is left.
    named = {str(r["id"]) for rows in data.values() for r in rows} | {str(t.id) for t in tombs}
    for t in sorted(tombs, key=lambda m: (KINDS.index(KIND_OF[m.entity]), str(m.id))):
        seen = join(seen, t.rev.vv)
        for tomb_id in [t.id, *sorted(also_as.get(t.id, ()), key=str)]:
            if tomb_id != t.id and str(tomb_id) in named:
                continue
            named.add(str(tomb_id))
            entry: dict[str, Any] = {"entity": t.entity.value, "id": str(tomb_id), "rev": t.rev.to_json(),
                                     "deleted_at": plain(t.at), "deleted_by": t.editor, "label": t.label}
            if t.scope is not None:
                entry["project_id"] = str(t.scope)
            tombstones.append(entry)
    docs[TOMBSTONES] = tombstones
    counts["tombstones"] = len(tombstones)
    names = desk_names(db)
    names[me] = desk_name
    project = data[Entity.PROJECT][0]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": "plan",
        "source": {"desk_id": me, "desk_name": desk_name, "app_version": __version__},
        "created_at": datetime.now(UTC).isoformat(),
        "project": {"id": str(project["id"]), "title": project["title"], "code": project["code"]},
        "seen": dict(sorted(seen.items())),
        "desks": {d: {"name": names[d]} for d in sorted(seen) if names.get(d)},
        "counts": counts,
    }
    return {MANIFEST: manifest, **docs}


def export_bundle(db: Database, project_id: uuid.UUID, path: str | Path) -> dict[str, Any]:
    """Write the project's bundle to ``path`` atomically; return its manifest."""
    docs = bundle_documents(db, project_id)
    path = Path(path)
    with atomic_target(path, make_parent=False) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, doc in docs.items():
            zf.writestr(name, json.dumps(doc, ensure_ascii=False, indent=1))
    return docs[MANIFEST]
