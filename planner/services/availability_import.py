"""Importing unavailable periods and duty patterns from a sheet (XLSX, or CSV as Excel saves it).

One row per period: 姓名 (or a person id), optionally 单位 to tell apart two people of the same
name, 类型 (休假 / 其他任务 / 培训 / 其他, default 休假), 开始, 结束, optionally 重复 (an RRULE such
as ``FREQ=WEEKLY;BYDAY=MO,WE``), 重复截止 (a date) and 原因. An end given as a date without a time
means "through that day" (a leave sheet says 12月24日–12月26日 for three days).

All or nothing: every row is checked first — unknown or ambiguous people, bad times, rules without
occurrences, periods overlapping each other in the file or in the database — and one bad row means
nothing is written; the report names each bad row by its line number.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner.domain.availability import check_rule, normalize_rule
from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import ImportFileError, PlannerError, StaleError, ValidationError, error_text
from planner.domain.ids import parse_uuid
from planner.domain.text import fold_width, name_key
from planner.domain.timefmt import fmt_datetime
from planner.services import importing
from planner.services.availability import clean_availability
from planner.services.commands import Command, expected, noted, restore_expecting
from planner.services.unit import unit, what
from planner.store.database import Database
from planner.store.models import Availability, Outlet, Person

HEADERS: dict[str, str] = {
    "姓名": "person", "人员": "person", "person": "person", "name": "person",
    "单位": "outlet", "所在单位": "outlet", "outlet": "outlet",
    "类型": "kind", "事由类型": "kind", "kind": "kind", "type": "kind",
    "开始": "starts_at", "开始时间": "starts_at", "从": "starts_at", "from": "starts_at", "start": "starts_at",
    "结束": "ends_at", "结束时间": "ends_at", "至": "ends_at", "到": "ends_at", "to": "ends_at", "end": "ends_at",
    "重复": "rule", "重复规则": "rule", "rule": "rule", "rrule": "rule",
    "重复截止": "until", "截止日期": "until", "until": "until",
    "原因": "reason", "事由": "reason", "备注": "reason", "reason": "reason",
}
REQUIRED = ("person", "starts_at", "ends_at")
MAX_ROWS = 20_000


@dataclass
class AvailabilityImport:
    rows: int = 0
    created: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False
    changes: Changes | None = None


def read_sheet(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Rows of the sheet as (line number, {field: value}); raises ImportFileError for the file itself."""
    header, body = importing.read_raw_table(path)  # bounded: regular files, sizes, rows and cells
    fields = [HEADERS.get(fold_width(str(h or "")).strip().lower()) or HEADERS.get(fold_width(str(h or "")).strip())
              for h in header]
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
        rows.append((lineno, {f: v for f, v in zip(fields, values, strict=False) if f is not None}))
        if len(rows) > MAX_ROWS:
            raise ImportFileError("import_file", path=str(path), detail=f"超过 {MAX_ROWS} 行 / more than {MAX_ROWS} rows")
    return rows


def end_value(value: Any) -> Any:
    """An end without a time of day means the end of that day (inclusive dates)."""
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time(0, 0):
            return datetime.combine(value.date() + timedelta(days=1), time(0, 0))
        return value
    if isinstance(value, date):
        return datetime.combine(value + timedelta(days=1), time(0, 0))
    text = fold_width(str(value or "")).strip()
    if text and ":" not in text and "时" not in text and "点" not in text and "T" not in text:
        from planner.domain.timefmt import parse_date

        day = parse_date(text, field="ends_at")
        if day is not None:
            return datetime.combine(day + timedelta(days=1), time(0, 0))
    return value


def rule_until(rule: str, until: Any) -> str:
    """Append ``UNTIL`` (through the given day) to a rule that has no end of its own."""
    if not rule or until is None or str(until).strip() == "":
        return rule
    from planner.domain.timefmt import parse_date

    day = parse_date(until, field="until")
    if day is None or "UNTIL=" in rule or "COUNT=" in rule:
        return rule
    return f"{rule};UNTIL={day:%Y%m%d}"


class _People:
    """Who a row names: a person id, or a name (with an outlet when two people share it)."""

    def __init__(self, db: Database) -> None:
        self.by_name: dict[str, list[tuple[uuid.UUID, str, set[str]]]] = defaultdict(list)
        self.ids: dict[uuid.UUID, str] = {}
        with db.reader() as s:
            for pid, pname, oname, oshort in s.execute(
                select(Person.id, Person.name, Outlet.name, Outlet.short_name).join(Outlet, Outlet.id == Person.outlet_id)
            ):
                keys = {name_key(oname)} | ({name_key(oshort)} if oshort else set())
                self.by_name[name_key(pname)].append((pid, pname, keys))
                self.ids[pid] = pname

    def find(self, person: Any, outlet: Any) -> uuid.UUID:
        text = str(person or "").strip()
        as_id = parse_uuid(text)
        if as_id is not None and as_id in self.ids:
            return as_id
        found = self.by_name.get(name_key(text), [])
        if outlet is not None and str(outlet).strip():
            found = [f for f in found if name_key(str(outlet)) in f[2]]
        if not found:
            raise ValidationError("not_found", field="person", what="人员",
                                  ref=text + (f"（{outlet}）" if outlet else ""))
        if len(found) > 1:
            raise ValidationError("ambiguous", field="person", what="人员", ref=text)
        return found[0][0]


def import_availability(db: Database, path: str | Path, *, dry_run: bool = False, lang: str = "zh") -> AvailabilityImport:
    """Check every row, then write them all in one transaction (or nothing: ImportFileError)."""
    rows = read_sheet(Path(path))
    report = AvailabilityImport(rows=len(rows), dry_run=dry_run)
    people = _People(db)
    good: list[tuple[int, dict[str, Any]]] = []
    for lineno, record in rows:
        try:
            pid = people.find(record.get("person"), record.get("outlet"))
            rule = rule_until(normalize_rule(record.get("rule") and str(record.get("rule"))), record.get("until"))
            values = clean_availability({
                "person_id": pid, "kind": record.get("kind") or "leave", "starts_at": record.get("starts_at"),
                "ends_at": end_value(record.get("ends_at")), "rule": rule, "reason": record.get("reason") or "",
            })
            if values["ends_at"] <= values["starts_at"]:
                raise ValidationError("end_before_start", field="ends_at")
            values["rule"] = check_rule(values["rule"], values["starts_at"], values["ends_at"])
        except PlannerError as err:
            report.problems.append((lineno, error_text(err, lang)))
            continue
        good.append((lineno, values))
    _overlaps(db, good, people, report, lang)
    report.problems.sort()
    if report.problems:
        raise ImportFileError(problems=report.problems, count=len(report.problems))
    report.created = len(good)
    if dry_run or not good:
        return report
    with unit(db) as tx:
        for _lineno, values in good:
            tx.add(Entity.AVAILABILITY, Availability(**values))
        report.changes = tx.changes()
    return report


def _overlaps(db: Database, good: list[tuple[int, dict[str, Any]]], people: _People, report: AvailabilityImport,
              lang: str) -> None:
    """One-off periods of one person may not overlap each other, in the file or in the database."""
    en = lang.startswith("en")
    mine: dict[uuid.UUID, list[tuple[int, datetime, datetime]]] = defaultdict(list)
    for lineno, v in good:
        if not v["rule"]:
            mine[v["person_id"]].append((lineno, v["starts_at"], v["ends_at"]))
    if not mine:
        return
    stored: dict[uuid.UUID, list[tuple[datetime, datetime]]] = defaultdict(list)
    with db.reader() as s:
        ids = list(mine)
        for i in range(0, len(ids), 500):
            for pid, s_at, e_at in s.execute(
                select(Availability.person_id, Availability.starts_at, Availability.ends_at)
                .where(Availability.person_id.in_(ids[i:i + 500]), Availability.rule == "")  # type: ignore[attr-defined]
            ):
                stored[pid].append((s_at, e_at))
    bad: set[int] = set()
    for pid, periods in mine.items():
        name = people.ids.get(pid, "")
        periods.sort(key=lambda p: (p[1], p[0]))
        for (l1, _s1, e1), (l2, s2, _e2) in pairwise(periods):
            if s2 < e1 and l2 not in bad:
                bad.add(l2)
                report.problems.append((l2, f"{name}: overlaps line {l1}" if en else f"{name}：与第 {l1} 行的时段重叠"))
        for lineno, s1, e1 in periods:
            for s2, e2 in stored.get(pid, ()):
                if s1 < e2 and s2 < e1 and lineno not in bad:
                    bad.add(lineno)
                    when = f"{fmt_datetime(s2, lang)} – {fmt_datetime(e2, lang)}"
                    report.problems.append(
                        (lineno, f"{name}: overlaps a period already recorded ({when})" if en
                         else f"{name}：与已登记的时段重叠（{when}）")
                    )


@dataclass
class ImportAbsences(Command):
    """An import as one undo step: undo removes the imported periods, redo puts the same ones back."""

    path: str | Path
    lang: str = "zh"
    text: str = ""
    _removed: Changes | None = None
    _created: list[uuid.UUID] = field(default_factory=list)

    def do(self, db: Database) -> Changes:
        if self._removed is not None:
            changes = restore_expecting(db, Entity.AVAILABILITY, self._removed)
            self._removed = None
            return noted(db, changes)
        report = import_availability(db, self.path, lang=self.lang)
        changes = report.changes or Changes()
        self._created = [i for e, i in changes.created if e is Entity.AVAILABILITY]
        return noted(db, changes)

    def undo(self, db: Database) -> Changes:
        """Remove the imported periods — all of them as the history left them, or none (changed elsewhere)."""
        with unit(db) as tx:
            rows = {obj.id: obj for obj in tx.s.execute(
                select(Availability).where(Availability.id.in_(self._created))).scalars()}  # type: ignore[attr-defined]
            for pid in self._created:
                obj = rows.get(pid)
                if obj is None or obj.version != expected(db, pid, obj.version):
                    raise StaleError(what=what(Entity.AVAILABILITY))
                tx.remove(Entity.AVAILABILITY, obj)
            self._removed = tx.changes()
        return self._removed


__all__ = ["HEADERS", "AvailabilityImport", "ImportAbsences", "end_value", "import_availability", "read_sheet", "rule_until"]
