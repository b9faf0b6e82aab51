"""Plan bundles (.jcp): writing one for a project, and reading one defensively.

A bundle is a zip holding ``manifest.json`` and one JSON array per entity (see
:data:`planner.services.exchange.records.KINDS`), described by
``resources/schemas/bundle.schema.json``. Reading checks, before anything is parsed into records:
that it is a zip, that every member name is one of the known plain names (no folders, no ``..``),
that declared and actual uncompressed sizes stay under limits (zip bombs), the format name and
version, the JSON Schema, duplicate ids, manifest counts, dangling references, and the services'
own validation of every record. Any failure raises :class:`BundleError`; nothing is written.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner import __version__
from planner.atomic import atomic_target
from planner.domain.enums import Entity
from planner.services.exchange.errors import BundleError
from planner.services.exchange.records import KIND_OF, KINDS, Kind, Record, parse_record, plain
from planner.services.exchange.state import load_states
from planner.store.convert import as_mapping
from planner.store.database import Database
from planner.store.models import (
    Alliance,
    Assignment,
    AssignmentPerson,
    ChangeLog,
    Membership,
    Outlet,
    Person,
    Project,
    Stage,
    StageDependency,
)

FORMAT = "joint-coverage-plan-bundle"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MANIFEST = "manifest.json"
MEMBERS = (MANIFEST, *(k.member for k in KINDS))
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one JSON file, uncompressed
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # the whole bundle, uncompressed
MAX_FILE_BYTES = 64 * 1024 * 1024  # the .jcp itself
_MODELS = {
    Entity.OUTLET: Outlet, Entity.ALLIANCE: Alliance, Entity.MEMBERSHIP: Membership, Entity.PERSON: Person,
    Entity.PROJECT: Project, Entity.STAGE: Stage, Entity.STAGE_DEPENDENCY: StageDependency,
    Entity.ASSIGNMENT: Assignment,
}


@dataclass
class Bundle:
    """A bundle read and validated in memory."""

    manifest: dict[str, Any]
    records: dict[Entity, list[Record]]

    @property
    def desk_id(self) -> str:
        return str(self.manifest["source"]["desk_id"])

    @property
    def desk_name(self) -> str:
        return str(self.manifest["source"].get("desk_name", "")) or f"desk-{self.desk_id[:8]}"

    @property
    def project(self) -> Record:
        return self.records[Entity.PROJECT][0]


@cache
def bundle_schema() -> dict[str, Any]:
    from planner.paths import resource

    return json.loads(resource("schemas", "bundle.schema.json").read_text(encoding="utf-8"))


# -- writing ------------------------------------------------------------------------------------
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


def _last_editors(db: Database, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    with db.reader() as s:
        for start in range(0, len(ids), 500):
            q = (select(ChangeLog.entity_id, ChangeLog.desk)
                 .where(ChangeLog.entity_id.in_(ids[start:start + 500]))  # type: ignore[attr-defined]
                 .order_by(ChangeLog.at))
            for entity_id, desk in s.execute(q):
                out[entity_id] = desk
    return out


def bundle_documents(db: Database, project_id: uuid.UUID) -> dict[str, Any]:
    """The bundle's JSON documents by member name (manifest first)."""
    data = collect(db, project_id)
    states = load_states(db)
    all_ids = [r["id"] for rows in data.values() for r in rows]
    editors = _last_editors(db, all_ids)
    desk_name = db.desk
    docs: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for kind in KINDS:
        records = []
        for row in data[kind.entity]:
            rec: dict[str, Any] = {"id": str(row["id"])}
            if kind.versioned:
                rec["version"] = int(row["version"])
            rec["created_at"] = plain(row["created_at"])
            if kind.versioned:
                rec["updated_at"] = plain(row["updated_at"])
                rec["updated_by"] = editors.get(row["id"], desk_name)
            rec.update({f: plain(row.get(f)) for f in kind.fields})
            sync = {peer: fps[row["id"]] for peer, fps in states.items() if row["id"] in fps}
            if sync:
                rec["sync"] = sync
            records.append(rec)
        docs[kind.member] = records
        counts[kind.member.removesuffix(".json")] = len(records)
    project = data[Entity.PROJECT][0]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "source": {"desk_id": db.setting("desk.id"), "desk_name": desk_name, "app_version": __version__},
        "created_at": datetime.now(UTC).isoformat(),
        "project": {"id": str(project["id"]), "title": project["title"]},
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


# -- reading ------------------------------------------------------------------------------------
def _safe_name(name: str) -> bool:
    return (
        bool(name) and "/" not in name and "\\" not in name and ".." not in name and ":" not in name
        and not name.startswith(".") and name.isprintable()
    )


def read_documents(path: str | Path) -> dict[str, Any]:
    """The JSON documents of the zip at ``path``, after the container checks."""
    path = Path(path)
    label = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BundleError("too_large", member=label, size=path.stat().st_size, limit=MAX_FILE_BYTES)
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise BundleError("not_zip", name=label) from None
    with zf:
        infos = zf.infolist()
        seen: set[str] = set()
        for info in infos:
            if not _safe_name(info.filename) or info.is_dir():
                raise BundleError("unsafe_name", member=info.filename)
            if info.filename in seen:
                raise BundleError("unsafe_name", member=f"{info.filename} (twice / 重复)")
            seen.add(info.filename)
            if info.filename not in MEMBERS:
                raise BundleError("unexpected_member", member=info.filename)
        if MANIFEST not in seen:
            raise BundleError("missing_member", member=MANIFEST)
        total = sum(i.file_size for i in infos)
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise BundleError("too_large", member=info.filename, size=info.file_size, limit=MAX_MEMBER_BYTES)
        if total > MAX_TOTAL_BYTES:
            raise BundleError("too_large", member=label, size=total, limit=MAX_TOTAL_BYTES)
        docs: dict[str, Any] = {}
        actual_total = 0
        for info in infos:
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)  # never trust the declared size alone
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
                raise BundleError("bad_json", member=info.filename, detail=str(exc)[:200]) from None
            actual_total += len(data)
            if len(data) > MAX_MEMBER_BYTES or actual_total > MAX_TOTAL_BYTES:
                raise BundleError("too_large", member=info.filename, size=len(data), limit=MAX_MEMBER_BYTES)
            try:
                docs[info.filename] = json.loads(data.decode("utf-8"), parse_constant=_no_constant,
                                                 object_pairs_hook=_unique_keys)
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise BundleError("bad_json", member=info.filename, detail=str(exc)[:200]) from None
    return docs


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def check_documents(docs: dict[str, Any]) -> Bundle:
    """Format/version, schema, duplicates, counts, references and field rules → a :class:`Bundle`."""
    manifest = docs[MANIFEST]
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        value = manifest.get("format") if isinstance(manifest, dict) else type(manifest).__name__
        raise BundleError("bad_format", value=str(value)[:80])
    version = manifest.get("format_version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise BundleError("unknown_version", value=str(version)[:40],
                          supported=", ".join(map(str, SUPPORTED_VERSIONS)))
    whole = {"manifest": manifest, **{k.member.removesuffix(".json"): docs.get(k.member, []) for k in KINDS}}
    _check_schema(whole)
    records: dict[Entity, list[Record]] = {}
    ids: dict[Entity, set[uuid.UUID]] = {}
    for kind in KINDS:
        raw = whole[kind.member.removesuffix(".json")]
        declared = manifest["counts"].get(kind.member.removesuffix(".json"), 0)
        if declared != len(raw):
            raise BundleError("count_mismatch", entity=kind.member.removesuffix(".json"), declared=declared,
                              actual=len(raw))
        seen: set[uuid.UUID] = set()
        recs = []
        for item in raw:
            rec = parse_record(kind, item)
            if rec.id in seen:
                raise BundleError("duplicate_id", entity=kind.entity.zh, ref=str(rec.id))
            seen.add(rec.id)
            recs.append(rec)
        records[kind.entity] = recs
        ids[kind.entity] = seen
    if len(records[Entity.PROJECT]) != 1:
        raise BundleError("schema", where="projects", detail="exactly one project / 须恰好含一个项目")
    _check_references(records, ids)
    return Bundle(manifest=manifest, records=records)


def _check_schema(whole: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(bundle_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    error = next(iter(sorted(validator.iter_errors(whole), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise BundleError("schema", where=where, detail=error.message[:300])


def _check_references(records: dict[Entity, list[Record]], ids: dict[Entity, set[uuid.UUID]]) -> None:
    project_id = records[Entity.PROJECT][0].id
    for kind in KINDS:
        for rec in records[kind.entity]:
            for field, target in kind.refs:
                value = rec.values.get(field)
                if value is not None and value not in ids[target]:
                    raise BundleError("dangling", entity=kind.entity.zh, ref=str(rec.id), target=target.zh,
                                      target_id=str(value))
            if kind.entity is Entity.ASSIGNMENT:
                for pid in rec.values["person_ids"]:
                    if pid not in ids[Entity.PERSON]:
                        raise BundleError("dangling", entity=kind.entity.zh, ref=str(rec.id),
                                          target=Entity.PERSON.zh, target_id=str(pid))
            if kind.entity is Entity.STAGE and rec.values["project_id"] != project_id:
                raise BundleError("dangling", entity=kind.entity.zh, ref=str(rec.id), target=Entity.PROJECT.zh,
                                  target_id=str(rec.values["project_id"]))
    outlet_of = {p.id: p.values["outlet_id"] for p in records[Entity.PERSON]}
    for rec in records[Entity.ASSIGNMENT]:
        for pid in rec.values["person_ids"]:
            if outlet_of[pid] != rec.values["outlet_id"]:
                raise BundleError("bad_record", entity=Entity.ASSIGNMENT.zh, ref=str(rec.id),
                                  detail=f"人员 {pid} 不属于承担单位 / person not of the assigned outlet")


def read_bundle(path: str | Path) -> Bundle:
    """Read and fully validate the bundle at ``path`` (nothing is written anywhere)."""
    return check_documents(read_documents(path))


def kind_model(kind: Kind) -> Any:
    return _MODELS[kind.entity]


__all__ = ["KIND_OF", "Bundle", "bundle_documents", "check_documents", "export_bundle", "read_bundle"]
