"""Importing outlets from CSV or XLSX, with a row-by-row problem report.

All or nothing by default: one bad row and nothing is written. ``partial=True`` writes the good
rows and reports the rest. Headers may be Chinese or English (a field named by two columns is an
error); full-width digits and letters in codes, tiers, numbers and formats are folded; CSV may be
UTF-8 (with or without BOM), GB18030 (what Excel on a Chinese Windows writes) or UTF-16 with a BOM
(Excel's "Unicode text", tab-separated). The file is read through
:mod:`planner.services.bounded_read`: a regular file only, at most :data:`MAX_FILE_BYTES`, a
workbook's unpacked size bounded, rows and cells counted as they are read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import ImportFileError, InputFileError, PlannerError, error_text, one_line
from planner.domain.text import fold_width, name_key
from planner.services.bounded_read import BoundedZip, ZipLimits, bounded_rows, read_regular_file
from planner.services.outlets import clean_outlet
from planner.services.unit import unit
from planner.store.database import Database
from planner.store.models import Outlet

HEADERS: dict[str, str] = {
    "名称": "name", "单位名称": "name", "媒体名称": "name", "name": "name",
    "简称": "short_name", "short_name": "short_name", "short name": "short_name",
    "层级": "tier", "级别": "tier", "tier": "tier",
    "行政区划代码": "adcode", "区划代码": "adcode", "地区": "adcode", "所在地": "adcode", "adcode": "adcode",
    "place": "adcode",
    "平台": "platform", "platform": "platform",
    "上级单位": "parent", "parent": "parent",
    "报道形式": "formats", "形式": "formats", "formats": "formats",
    "产能": "capacity", "最大任务数": "capacity", "capacity": "capacity",
    "联系人": "contact_name", "contact": "contact_name", "contact_name": "contact_name",
    "电话": "contact_phone", "联系电话": "contact_phone", "phone": "contact_phone", "contact_phone": "contact_phone",
    "邮箱": "contact_email", "email": "contact_email", "contact_email": "contact_email",
    "备注": "notes", "notes": "notes",
}
REQUIRED = ("name", "tier")
#: Bounds on a roster, each checked while the file is read (planner.services.bounded_read).
MAX_FILE_BYTES = 10 * 1024 * 1024  # the .csv or .xlsx file itself
MAX_XLSX_MEMBER_BYTES = 32 * 1024 * 1024  # one part of a workbook, unpacked
MAX_XLSX_TOTAL_BYTES = 64 * 1024 * 1024  # the whole workbook, unpacked
MAX_XLSX_MEMBERS = 500
MAX_ROWS = 20_000  # data rows (far more than all the county centres of both provinces)
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000  # the longest field (notes) holds 20,000 characters


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False
    changes: Changes | None = None


def read_table(path: Path, lang: str = "zh") -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line number, {field: value}); raises ImportFileError or InputFileError."""
    header, numbered = read_raw_table(path)
    fields = _fields(path, header)
    out = []
    for lineno, values in numbered:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(values) > len(fields) and any(str(v or "").strip() for v in values[len(fields):]):
            out.append((lineno, {"__error__": _row_text("more_cells", lang, cells=len(values), headers=len(fields))}))
            continue
        out.append((lineno, {f: v for f, v in zip(fields, values, strict=False) if f is not None}))
    return out


def read_raw_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header and the numbered data rows of a .csv/.txt or .xlsx/.xlsm file, read within this
    module's bounds (the availability import reads its sheets through here too).

    Raises :class:`InputFileError` (not a regular file, too large, damaged, too many rows or cells)
    or :class:`ImportFileError` (wrong kind of file, empty, no header row).
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise ImportFileError("import_bad_suffix", path=str(path))
    data = read_regular_file(path, limit=MAX_FILE_BYTES)
    rows = _read_xlsx(path, data) if suffix in (".xlsx", ".xlsm") else _read_csv(path, data)
    numbered = bounded_rows(rows, path=path, max_rows=MAX_ROWS, max_cells=MAX_COLUMNS,
                            max_chars=MAX_CELL_CHARS, header_rows=1)
    first = next(numbered, None)
    header = [str(h) if h is not None else "" for h in (first[1] if first else [])]
    if not any(h.strip() for h in header):
        raise ImportFileError("import_empty" if first is None else "import_no_header", path=str(path))
    return header, numbered


def _fields(path: Path, header: list[str]) -> list[str | None]:
    """The field each column holds; a field named by two columns is an error, not "the last one wins"."""
    fields: list[str | None] = []
    where: dict[str, int] = {}
    for i, h in enumerate(header, start=1):
        key = fold_width(h).strip()
        name = HEADERS.get(key.lower()) or HEADERS.get(key)
        if name is not None and name in where:
            raise ImportFileError("import_duplicate_column", path=str(path), column=h.strip(),
                                  first=where[name], second=i)
        if name is not None:
            where[name] = i
        fields.append(name)
    missing = [r for r in REQUIRED if r not in where]
    if missing:
        raise ImportFileError("import_missing_columns", path=str(path), columns=", ".join(missing),
                              header=", ".join(h for h in header if h.strip())[:200])
    return fields


def _decode(path: Path, raw: bytes) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 (with or without BOM) or GB18030."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError("import_bad_encoding", path=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("import_bad_encoding", path=str(path))


def _read_csv(path: Path, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path, data)
    if "\x00" in text:
        raise ImportFileError("import_not_text", path=str(path))
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t，") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _csv_rows(path, reader)


def _csv_rows(path: Path, reader: Any) -> Iterator[tuple[int, list[Any]]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise InputFileError("cell_too_long", path=str(path), row=reader.line_num,
                                     limit=MAX_CELL_CHARS) from None
            raise ImportFileError("import_bad_csv", path=str(path), row=reader.line_num) from None
        yield reader.line_num, row


def _read_xlsx(path: Path, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    archive = BoundedZip(data, path=path, limits=ZipLimits(
        members=MAX_XLSX_MEMBERS, member_bytes=MAX_XLSX_MEMBER_BYTES, total_bytes=MAX_XLSX_TOTAL_BYTES))
    for info in archive.infos():  # inflate every part once, counted: a damaged stream stops here
        archive.read(info)
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a bad file
        raise ImportFileError("import_not_xlsx", path=str(path)) from None
    return _xlsx_rows(path, wb)


def _xlsx_rows(path: Path, wb: Any) -> Iterator[tuple[int, list[Any]]]:
    try:
        if not wb.worksheets:
            raise ImportFileError("import_no_sheet", path=str(path))
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # a declared A1:XFD1048576 would pad every row to 16,384 cells
        rows = ws.iter_rows(values_only=True)
        lineno = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:  # malformed sheet XML surfaces while iterating
                raise ImportFileError("import_not_xlsx", path=str(path)) from None
            lineno += 1
            yield lineno, list(row)
    finally:
        wb.close()


_ROW_TEXT: dict[str, tuple[str, str]] = {
    "more_cells": ("列数多于表头（{cells} > {headers}）", "more cells than headers ({cells} > {headers})"),
    "exists": ("已存在：{name}", "already exists: {name}"),
    "duplicate": ("与第 {line} 行重复：{name}", "duplicate of line {line}: {name}"),
    "no_parent": ("找不到上级单位：{name}", "unknown parent outlet: {name}"),
    "parent_cycle": ("上级单位关系成环", "parent outlets form a cycle"),
}


def _row_text(key: str, lang: str, **params: Any) -> str:
    zh, en = _ROW_TEXT[key]
    return one_line((en if lang.startswith("en") else zh).format(**params))


def import_outlets(db: Database, path: str | Path, *, dry_run: bool = False, partial: bool = False, lang: str = "zh") -> ImportReport:
    """Import outlets; raises ImportFileError listing every bad row unless ``partial``."""
    rows = read_table(Path(path), lang)
    report = ImportReport(rows=len(rows), dry_run=dry_run)
    with db.reader() as s:
        existing = {k: i for k, i in s.execute(select(Outlet.name_key, Outlet.id))}
    seen: dict[str, int] = {}
    good: list[tuple[int, dict[str, Any], str]] = []
    for lineno, record in rows:
        if "__error__" in record:
            report.problems.append((lineno, record["__error__"]))
            continue
        parent = str(record.pop("parent", "") or "").strip()
        try:
            values = clean_outlet({k: v for k, v in record.items() if v is not None})
            for required in REQUIRED:
                if required not in values:
                    values.update(clean_outlet({required: ""}))
        except PlannerError as err:
            report.problems.append((lineno, error_text(err, lang)))
            continue
        key = values["name_key"]
        if key in existing:
            report.problems.append((lineno, _row_text("exists", lang, name=values["name"])))
            continue
        if key in seen:
            report.problems.append((lineno, _row_text("duplicate", lang, line=seen[key], name=values["name"])))
            continue
        seen[key] = lineno
        good.append((lineno, values, parent))
    # Parents may come later in the file: check them once every row is known.
    for lineno, _values, parent in list(good):
        if parent and name_key(parent) not in existing and name_key(parent) not in seen:
            report.problems.append((lineno, _row_text("no_parent", lang, name=parent)))
            good = [g for g in good if g[0] != lineno]
    report.problems.sort()
    if report.problems and not partial:
        raise ImportFileError(problems=report.problems, count=len(report.problems))
    report.created = len(good)
    if dry_run or not good:
        return report
    with unit(db) as tx:
        made: dict[str, Outlet] = {}
        for _lineno, values, _parent in good:
            obj = Outlet(**values)
            made[values["name_key"]] = obj
        for _lineno, values, parent in good:
            obj = made[values["name_key"]]
            if parent:
                pkey = name_key(parent)
                obj.parent_id = existing.get(pkey) or made[pkey].id
        # Parents before children: the foreign key is checked row by row.
        pending = [(values["name_key"], name_key(parent) if parent else "") for _l, values, parent in good]
        added: set[str] = set()
        while pending:
            ready = [(k, p) for k, p in pending if not p or p in existing or p in added]
            if not ready:
                raise ImportFileError(problems=[(0, _row_text("parent_cycle", lang))], count=1)
            for key, _p in ready:
                tx.add(Entity.OUTLET, made[key])
                added.add(key)
            tx.flush(what_="媒体单位")
            pending = [(k, p) for k, p in pending if k not in added]
        report.changes = tx.changes()
    return report
