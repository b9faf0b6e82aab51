"""Importing outlets from CSV or XLSX, with a row-by-row problem report.

All or nothing by default: one bad row and nothing is written. ``partial=True`` writes the good
rows and reports the rest. Headers may be Chinese or English; full-width digits and letters in
codes, tiers, numbers and formats are folded; CSV may be UTF-8 (with or without BOM) or GB18030
(what Excel on a Chinese Windows writes).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import ImportFileError, PlannerError, error_text
from planner.domain.text import fold_width, name_key
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
MAX_ROWS = 100_000


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False
    changes: Changes | None = None


def read_table(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line number, {field: value}); raises ImportFileError."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError("import_file", path=str(path), detail="文件不存在 / no such file")
    if suffix in (".xlsx", ".xlsm"):
        header, body = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        header, body = _read_csv(path)
    else:
        raise ImportFileError("import_file", path=str(path), detail="只支持 .csv 和 .xlsx / only .csv and .xlsx")
    fields: list[str | None] = []
    for h in header:
        key = fold_width(str(h or "")).strip().lower()
        fields.append(HEADERS.get(key) or HEADERS.get(fold_width(str(h or "")).strip()))
    missing = [r for r in REQUIRED if r not in fields]
    if missing:
        raise ImportFileError(
            "import_file", path=str(path),
            detail=f"缺少必需的列 / missing columns: {', '.join(missing)}（表头 header: {', '.join(map(str, header))}）",
        )
    rows = []
    for lineno, values in body:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(values) > len(fields) and any(str(v or "").strip() for v in values[len(fields):]):
            rows.append((lineno, {"__error__": f"列数多于表头（{len(values)} > {len(fields)}）/ more cells than headers"}))
            continue
        record = {f: v for f, v in zip(fields, values, strict=False) if f is not None}
        rows.append((lineno, record))
    if len(rows) > MAX_ROWS:
        raise ImportFileError("import_file", path=str(path), detail=f"超过 {MAX_ROWS} 行 / more than {MAX_ROWS} rows")
    return rows


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ImportFileError("import_file", path=str(path), detail="无法识别的文字编码 / unknown encoding")
    if "\x00" in text:
        raise ImportFileError("import_file", path=str(path), detail="文件含有空字符，可能不是文本表格 / not a text table")
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t，") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("import_file", path=str(path), detail="文件是空的 / the file is empty") from None
    except csv.Error as exc:
        raise ImportFileError("import_file", path=str(path), detail=str(exc)) from None
    body = []
    try:
        for row in reader:
            body.append((reader.line_num, list(row)))
    except csv.Error as exc:
        raise ImportFileError("import_file", path=str(path), detail=f"第 {reader.line_num} 行 / line: {exc}") from None
    return header, body


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise ImportFileError("import_file", path=str(path), detail=f"不是有效的 Excel 文件 / not a valid .xlsx ({type(exc).__name__})") from None
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, ())]
        if not any(header):
            raise ImportFileError("import_file", path=str(path), detail="第一行没有表头 / no header row")
        body = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    finally:
        wb.close()
    return header, body


def import_outlets(db: Database, path: str | Path, *, dry_run: bool = False, partial: bool = False, lang: str = "zh") -> ImportReport:
    """Import outlets; raises ImportFileError listing every bad row unless ``partial``."""
    rows = read_table(Path(path))
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
            report.problems.append((lineno, f"已存在 / already exists: {values['name']}"))
            continue
        if key in seen:
            report.problems.append((lineno, f"与第 {seen[key]} 行重复 / duplicate of line {seen[key]}: {values['name']}"))
            continue
        seen[key] = lineno
        good.append((lineno, values, parent))
    # Parents may come later in the file: check them once every row is known.
    for lineno, _values, parent in list(good):
        if parent and name_key(parent) not in existing and name_key(parent) not in seen:
            report.problems.append((lineno, f"找不到上级单位 / unknown parent: {parent}"))
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
                raise ImportFileError(problems=[(0, "上级单位关系成环 / parent outlets form a cycle")], count=1)
            for key, _p in ready:
                tx.add(Entity.OUTLET, made[key])
                added.add(key)
            tx.flush(what_="媒体单位")
            pending = [(k, p) for k, p in pending if k not in added]
        report.changes = tx.changes()
    return report
