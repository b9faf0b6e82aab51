"""Plan bundles (.jcp): the format, and reading one defensively (writing one:
:mod:`planner.services.exchange.bundle_write`).

A bundle is a zip holding ``manifest.json``, one JSON array per entity (see
:data:`planner.services.exchange.records.KINDS`) and ``tombstones.json``, described by
``resources/schemas/bundle-v2.schema.json`` (format 2, written) and ``bundle.schema.json`` (format 1,
still read). Reading checks, before anything is parsed into records:
that it is a zip, that every member name is one of the known plain names (no folders, no ``..``),
that declared and actual uncompressed sizes stay under limits (zip bombs), the format name and
version, the JSON Schema, duplicate ids, manifest counts, dangling references, and the services'
own validation of every record. Any failure raises :class:`BundleError`; nothing is written.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.domain.enums import Entity
from planner.domain.errors import InputFileError, error_text
from planner.domain.revisions import desk_key
from planner.services.bounded_read import BoundedZip, ZipLimits, read_regular_file
from planner.services.exchange.errors import BundleError
from planner.services.exchange.records import (
    KIND_OF,
    KINDS,
    Kind,
    Record,
    parse_record,
    parse_tombstone,
    parse_when,
)
from planner.services.exchange.schema import reading_schema
from planner.store.models import (
    Alliance,
    Assignment,
    Membership,
    Note,
    Outlet,
    Person,
    Project,
    Stage,
    StageDependency,
)

FORMAT = "joint-coverage-plan-bundle"
SUPPORTED_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
TOMBSTONES = "tombstones.json"
MEMBERS = (MANIFEST, *(k.member for k in KINDS), TOMBSTONES)
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one JSON file, uncompressed
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # the whole bundle, uncompressed
MAX_FILE_BYTES = 64 * 1024 * 1024  # the .jcp itself
_MODELS = {
    Entity.OUTLET: Outlet, Entity.ALLIANCE: Alliance, Entity.MEMBERSHIP: Membership, Entity.PERSON: Person,
    Entity.PROJECT: Project, Entity.STAGE: Stage, Entity.STAGE_DEPENDENCY: StageDependency,
    Entity.ASSIGNMENT: Assignment, Entity.NOTE: Note,
}


@dataclass
class Bundle:
    """A bundle read and validated in memory."""

    manifest: dict[str, Any]
    records: dict[Entity, list[Record]]
    tombstones: list[Record] = field(default_factory=list)
    #: references to records not in the bundle (the receiver must have them): (record, field, target, id)
    external: list[tuple[Record, str, Entity, uuid.UUID]] = field(default_factory=list)

    @property
    def format_version(self) -> int:
        return int(self.manifest["format_version"])

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind") or "plan")

    @property
    def desk_id(self) -> str:
        return desk_key(str(self.manifest["source"]["desk_id"]))

    @property
    def desk_name(self) -> str:
        return str(self.manifest["source"].get("desk_name", "")) or f"desk-{self.desk_id[:8]}"

    @property
    def project(self) -> Record:
        return self.records[Entity.PROJECT][0]

    @property
    def project_id(self) -> uuid.UUID:
        return uuid.UUID(str(self.manifest["project"]["id"]))

    @property
    def project_title(self) -> str:
        if self.records[Entity.PROJECT]:
            return str(self.project.values["title"])
        return str(self.manifest["project"].get("title", ""))

    @property
    def seen(self) -> dict[str, int]:
        return {desk_key(d): int(n) for d, n in (self.manifest.get("seen") or {}).items()}

    @property
    def desk_names(self) -> dict[str, str]:
        names = {desk_key(d): str((v or {}).get("name", "")) for d, v in (self.manifest.get("desks") or {}).items()}
        return {d: n for d, n in names.items() if n}

    @property
    def created_at(self) -> datetime | None:
        try:
            return parse_when(self.manifest["created_at"], field="created_at", kind=KIND_OF[Entity.PROJECT], ref="manifest")
        except BundleError:
            return None


# -- reading ------------------------------------------------------------------------------------
def _safe_name(name: str) -> bool:
    return (
        bool(name) and "/" not in name and "\\" not in name and ".." not in name and ":" not in name
        and not name.startswith(".") and name.isprintable()
    )


def read_documents(path: str | Path) -> dict[str, Any]:
    """The JSON documents of the zip at ``path``, after the container checks.

    The file is read through :mod:`planner.services.bounded_read`: only a regular file, its size
    counted while reading, member sizes checked declared and inflated, a damaged deflate stream a
    typed error. JSON numbers are checked as they are parsed (integers within ±2^53, no NaN or
    infinity), so no value can overflow a database column later.
    """
    path = Path(path)
    label = path.name
    try:
        data = read_regular_file(path, limit=MAX_FILE_BYTES)
        archive = BoundedZip(data, path=label, check=False, limits=ZipLimits(
            members=MAX_ENTRIES, member_bytes=MAX_MEMBER_BYTES, total_bytes=MAX_TOTAL_BYTES))
    except InputFileError as err:
        raise _bundle_error(err, label) from None
    with archive:
        infos, names = _members(archive.infos())
        seen = set(names.values())
        if MANIFEST not in seen:
            raise BundleError("missing_member", member=MANIFEST)
        try:
            archive.check_declared()
        except InputFileError as err:
            raise _bundle_error(err, label) from None
        docs: dict[str, Any] = {}
        for info in infos:
            try:
                raw = archive.read(info)
            except InputFileError as err:
                raise _bundle_error(err, label) from None
            try:  # utf-8-sig: a BOM in front (as Windows editors write) is read past
                docs[names[info.filename]] = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant,
                                                        parse_int=_bounded_int, parse_float=_finite_float,
                                                        object_pairs_hook=_unique_keys)
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise BundleError("bad_json", member=info.filename, detail=str(exc)[:200]) from None
    return docs


def _bundle_error(err: InputFileError, label: str) -> BundleError:
    """The bounded reader's refusal in the bundle's own words."""
    params = err.params
    if err.code == "zip_invalid":
        return BundleError("not_zip", name=label)
    if err.code == "zip_too_many_members":
        return BundleError("too_large", member=("条目", "entries"), size=params["count"], limit=params["limit"])
    if err.code in ("file_too_large", "zip_member_too_large", "zip_total_too_large"):
        return BundleError("too_large", member=params.get("member", label), size=params["size"],
                           limit=params["limit"])
    return BundleError("file", zh=error_text(err, "zh"), en=error_text(err, "en"))


#: Integers in a bundle stay within ±2**53: what JavaScript (and so many other platforms' JSON)
#: holds exactly, and far from overflowing a 64-bit column when a version is counted up.
_INT_LIMIT = 2 ** 53


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 16:  # checked before int(): a 10,000-digit number costs time to parse
        raise ValueError(f"integer too large: {text[:24]}…")
    value = int(text)
    if not -_INT_LIMIT <= value <= _INT_LIMIT:
        raise ValueError(f"integer too large: {text}")
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number out of range: {text[:24]}")
    return value


#: what archivers add beside the files: ignored
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")
MAX_ENTRIES = 200


def _members(infos: list[zipfile.ZipInfo]) -> tuple[list[zipfile.ZipInfo], dict[str, str]]:
    """The bundle's members and their plain names: folder entries, ``__MACOSX/`` and ``._*`` files
    are skipped, and one folder holding every member (a zipped folder) is looked into. Any other
    name with a folder, ``..`` or a drive is refused."""
    if len(infos) > MAX_ENTRIES:
        raise BundleError("too_large", member="(entries / 条目)", size=len(infos), limit=MAX_ENTRIES)
    kept = []
    for info in infos:
        name = info.filename
        base = name.rstrip("/").rsplit("/", 1)[-1]
        if info.is_dir() or name.startswith(_JUNK_PREFIXES) or base.startswith("._") or base in _JUNK_NAMES:
            if ".." in name.split("/") or name.startswith("/") or "\\" in name or ":" in name:
                raise BundleError("unsafe_name", member=name)
            continue
        kept.append(info)
    folders = {i.filename.split("/", 1)[0] for i in kept if "/" in i.filename}
    strip = ""
    if len(folders) == 1 and all(i.filename.count("/") == 1 for i in kept):
        folder = next(iter(folders))
        if _safe_name(folder):
            strip = folder + "/"
    names: dict[str, str] = {}
    seen: set[str] = set()
    for info in kept:
        name = info.filename.removeprefix(strip)
        if not _safe_name(name):
            raise BundleError("unsafe_name", member=info.filename)
        if name in seen:
            raise BundleError("unsafe_name", member=f"{info.filename} (twice / 重复)")
        seen.add(name)
        if name not in MEMBERS:
            raise BundleError("unexpected_member", member=info.filename)
        names[info.filename] = name
    return kept, names


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
    members = [*(k.name for k in KINDS), *(["tombstones"] if version >= 2 else [])]
    whole = {"manifest": manifest, **{m: docs.get(f"{m}.json", []) for m in members}}
    _check_schema(whole, version)
    records: dict[Entity, list[Record]] = {}
    ids: dict[Entity, set[uuid.UUID]] = {}
    namer = _namer(whole)
    for kind in KINDS:
        raw = whole[kind.name]
        _check_count(manifest, kind.name, raw)
        seen: set[uuid.UUID] = set()
        recs = []
        for item in raw:
            rec = parse_record(kind, item, format_version=version, label=namer(kind.entity, item))
            if rec.id in seen:
                raise BundleError("duplicate_id", entity=kind.entity, ref=rec.label)
            seen.add(rec.id)
            recs.append(rec)
        records[kind.entity] = recs
        ids[kind.entity] = seen
    tombstones: list[Record] = []
    if version >= 2:
        _check_count(manifest, "tombstones", whole["tombstones"])
        seen_tombs: set[uuid.UUID] = set()
        for item in whole["tombstones"]:
            tomb = parse_tombstone(item)
            if tomb.id in seen_tombs or tomb.id in ids[tomb.entity]:
                raise BundleError("duplicate_id", entity=tomb.entity, ref=tomb.label or str(tomb.id))
            seen_tombs.add(tomb.id)
            tombstones.append(tomb)
    kind_of_bundle = str(manifest.get("kind") or "plan")
    if kind_of_bundle == "plan" and len(records[Entity.PROJECT]) != 1:
        raise BundleError("schema", where="projects", detail=("须恰好含一个项目", "exactly one project"))
    if records[Entity.PROJECT] and str(records[Entity.PROJECT][0].id) != str(uuid.UUID(str(manifest["project"]["id"]))):
        raise BundleError("schema", where="manifest/project/id", detail=("与 projects.json 不符", "differs from projects.json"))
    external = _check_references(records, ids, version)
    return Bundle(manifest=manifest, records=records, tombstones=tombstones, external=external)


def _namer(whole: dict[str, Any]) -> Any:
    """Names for records that have no title of their own (an assignment: stage · outlet · format)."""
    from planner.services.syncmeta import record_label

    titles = {str(r.get("id")): r.get("title") for r in whole.get("stages", []) if isinstance(r, dict)}
    names = {str(r.get("id")): r.get("short_name") or r.get("name") for r in whole.get("outlets", [])
             if isinstance(r, dict)}

    def name(entity: Entity, raw: Any) -> str:
        if not isinstance(raw, dict) or entity not in (Entity.ASSIGNMENT, Entity.STAGE_DEPENDENCY):
            return ""
        values = {k: str(raw.get(k)) for k in ("stage_id", "outlet_id", "depends_on_id")}
        values["format"] = str(raw.get("format", ""))
        return record_label(entity, values, titles, names)  # type: ignore[arg-type]

    return name


def _check_count(manifest: dict[str, Any], name: str, raw: list[Any]) -> None:
    declared = manifest["counts"].get(name, 0)
    if declared != len(raw):
        raise BundleError("count_mismatch", entity=name, declared=declared, actual=len(raw))


def _check_schema(whole: dict[str, Any], version: int) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(reading_schema(version), format_checker=Draft202012Validator.FORMAT_CHECKER)
    error = next(iter(sorted(validator.iter_errors(whole), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        path = list(error.absolute_path)
        if len(path) >= 2 and isinstance(path[1], int) and path[0] in whole and path[0] != "manifest":
            from planner.services.exchange.records import record_name

            record = whole[path[0]][path[1]]
            if isinstance(record, dict):  # name the record by its title, not by its position
                where = f"{path[0]}「{record_name(record)}」" + ("/" + "/".join(map(str, path[2:])) if path[2:] else "")
        raise BundleError("schema", where=where, detail=error.message[:300])


def _check_references(records: dict[Entity, list[Record]], ids: dict[Entity, set[uuid.UUID]], version: int
                      ) -> list[tuple[Record, str, Entity, uuid.UUID]]:
    """References inside the bundle; format 2 may also point to records the receiver already has
    (returned, checked against the database by the merge)."""
    external: list[tuple[Record, str, Entity, uuid.UUID]] = []

    def missing(rec: Record, fld: str, target: Entity, value: uuid.UUID) -> None:
        if version == 1:
            raise BundleError("dangling", entity=rec.entity, ref=rec.label, field=fld, target=target,
                              target_id=str(value))
        external.append((rec, fld, target, value))

    project_id = records[Entity.PROJECT][0].id if records[Entity.PROJECT] else None
    for kind in KINDS:
        for rec in records[kind.entity]:
            for fld, target in kind.refs:
                value = rec.values.get(fld)
                if value is not None and value not in ids[target]:
                    missing(rec, fld, target, value)
            if kind.entity is Entity.ASSIGNMENT:
                for pid in rec.values["person_ids"]:
                    if pid not in ids[Entity.PERSON]:
                        missing(rec, "person_ids", Entity.PERSON, pid)
            if kind.entity is Entity.STAGE and project_id is not None and rec.values["project_id"] != project_id:
                raise BundleError("dangling", entity=kind.entity, ref=rec.label, field="project_id",
                                  target=Entity.PROJECT, target_id=str(rec.values["project_id"]))
    outlet_of = {p.id: p.values["outlet_id"] for p in records[Entity.PERSON]}
    for rec in records[Entity.ASSIGNMENT]:
        if rec.values["outlet_id"] not in ids[Entity.OUTLET]:
            continue  # an outlet the receiver has: the merge checks its people after writing
        for pid in rec.values["person_ids"]:
            if pid in outlet_of and outlet_of[pid] != rec.values["outlet_id"]:
                raise BundleError("bad_record", entity=Entity.ASSIGNMENT, ref=rec.label, field="person_ids",
                                  detail=(f"人员 {pid} 不属于承担单位", f"person {pid} is not of the assigned outlet"))
    return external


def read_bundle(path: str | Path) -> Bundle:
    """Read and fully validate the bundle at ``path`` (nothing is written anywhere)."""
    return check_documents(read_documents(path))


def kind_model(kind: Kind) -> Any:
    return _MODELS[kind.entity]


__all__ = ["KIND_OF", "Bundle", "check_documents", "read_bundle"]
