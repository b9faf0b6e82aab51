"""When people cannot be sent: unavailable periods (休假, 其他任务, 培训) and weekly duty patterns.

An unavailable period is one stretch of time, or — with a recurrence rule (RFC 5545 ``RRULE``,
expanded by python-dateutil) — a pattern whose first occurrence is ``starts_at``–``ends_at`` and
whose later occurrences keep that wall-clock time and length (``FREQ=WEEKLY;BYDAY=MO,WE`` from
08:00 to 12:00 is every Monday and Wednesday morning). Rules are expanded in the plan's time zone
(Asia/Shanghai, which has no daylight saving) so a duty at 08:00 stays at 08:00 all year.

This module is pure: parsing and checking rules, expanding them over a window with a bound on
how many occurrences one call may produce, and the rows that cross layers.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dateutil.rrule import rrule, rrulestr

from planner.domain.enums import LabeledEnum
from planner.domain.errors import ValidationError
from planner.domain.text import fold_width
from planner.domain.timefmt import PLAN_TZ


class AvailabilityKind(LabeledEnum):
    LEAVE = ("leave", "休假", "Leave")
    DUTY = ("duty", "其他任务", "Other duty")
    TRAINING = ("training", "培训", "Training")
    OTHER = ("other", "其他", "Other")


#: Frequencies a duty pattern may have; finer ones (hourly, by the minute) are not duty patterns
#: and would expand into millions of occurrences.
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
#: A recurring period may last at most this long per occurrence (a weekly pattern of 30-day
#: occurrences is a mistake, not a pattern).
MAX_OCCURRENCE = timedelta(days=31)
#: One expansion never yields more occurrences than this (bounded memory for any window).
MAX_OCCURRENCES = 5000
#: How far ahead a new rule must have its first occurrence.
RULE_HORIZON = timedelta(days=366 * 10)
MAX_RULE_LEN = 500

_UNTIL = re.compile(r"UNTIL=([0-9TZ]+)")


@dataclass(frozen=True, slots=True)
class AvailabilityRow:
    """One stored unavailable period or pattern of a person."""

    id: uuid.UUID
    person_id: uuid.UUID
    kind: AvailabilityKind
    starts_at: datetime
    ends_at: datetime
    rule: str
    reason: str
    version: int

    @property
    def recurring(self) -> bool:
        return bool(self.rule)


@dataclass(frozen=True, slots=True)
class Busy:
    """One occurrence of an unavailable period: the person cannot be sent from ``start`` to ``end``."""

    person_id: uuid.UUID
    start: datetime
    end: datetime
    kind: AvailabilityKind
    reason: str
    availability_id: uuid.UUID
    recurring: bool = False

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end

    def covers(self, start: datetime, end: datetime) -> bool:
        return self.start <= start and end <= self.end


def _local_naive(dt: datetime) -> datetime:
    return dt.astimezone(PLAN_TZ).replace(tzinfo=None)


def _aware(local: datetime) -> datetime:
    return local.replace(tzinfo=PLAN_TZ).astimezone(UTC)


def normalize_rule(text: str | None) -> str:
    """The rule as stored: upper case, no ``RRULE:`` prefix, no spaces; blank → ``""``."""
    if text is None:
        return ""
    rule = re.sub(r"\s+", "", fold_width(str(text))).upper()
    if rule.startswith("RRULE:"):
        rule = rule[6:]
    return rule.strip(";")


def _until_local(rule: str) -> str:
    """Rewrite ``UNTIL`` into local wall-clock time (dateutil needs it to match a naive DTSTART).

    ``UNTIL=20270630`` means "through that day"; ``…T…Z`` is UTC and is converted.
    """

    def fix(m: re.Match[str]) -> str:
        value = m.group(1)
        try:
            if re.fullmatch(r"\d{8}", value):
                local = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
            elif re.fullmatch(r"\d{8}T\d{6}Z", value):
                local = _local_naive(datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC))
            elif re.fullmatch(r"\d{8}T\d{6}", value):
                local = datetime.strptime(value, "%Y%m%dT%H%M%S")
            else:
                raise ValueError(value)
        except ValueError:
            raise ValidationError("bad_rule", field="rule", value=value) from None
        return f"UNTIL={local:%Y%m%dT%H%M%S}"

    return _UNTIL.sub(fix, rule)


def parse_rule(rule: str, starts_at: datetime) -> rrule:
    """A dateutil ``rrule`` for ``rule`` starting at ``starts_at`` (local wall-clock time).

    Raises:
        ValidationError: ``bad_rule`` for anything that is not an RRULE of a daily, weekly, monthly
            or yearly pattern; ``rule_no_occurrences`` when it never happens (within ten years).
    """
    text = normalize_rule(rule)
    if len(text) > MAX_RULE_LEN:
        raise ValidationError("too_long", field="rule", what="重复规则", limit=MAX_RULE_LEN)
    parts = dict(p.partition("=")[::2] for p in text.split(";") if p)
    if parts.get("FREQ") not in FREQUENCIES or "DTSTART" in text or "\n" in text:
        raise ValidationError("bad_rule", field="rule", value=text or str(rule))
    if "UNTIL" in parts and "COUNT" in parts:
        raise ValidationError("bad_rule", field="rule", value=text)
    try:
        parsed = rrulestr(_until_local(text), dtstart=_local_naive(starts_at))
    except ValidationError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise ValidationError("bad_rule", field="rule", value=text) from None
    if not isinstance(parsed, rrule):  # pragma: no cover - one RRULE never gives a set
        raise ValidationError("bad_rule", field="rule", value=text)
    return parsed


def check_rule(rule: str, starts_at: datetime, ends_at: datetime) -> str:
    """Validate a recurring period and return the rule as stored.

    The first occurrence is ``starts_at``–``ends_at``; it must be no longer than
    :data:`MAX_OCCURRENCE`, and the rule must produce at least one occurrence.
    """
    text = normalize_rule(rule)
    if not text:
        return ""
    if ends_at - starts_at > MAX_OCCURRENCE:
        raise ValidationError("occurrence_too_long", field="ends_at", days=MAX_OCCURRENCE.days)
    parsed = parse_rule(text, starts_at)
    first = None if _impossible_day(text) else _first(parsed, _local_naive(starts_at))
    if first is None:
        raise ValidationError("rule_no_occurrences", field="rule", value=text)
    return text


_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _impossible_day(rule: str) -> bool:
    """A day of the month that none of the rule's months has (30 February): answered at once, where
    the calendar search of :func:`_first` would take a second for a daily rule."""
    parts = dict(p.partition("=")[::2] for p in rule.split(";") if p)
    try:
        months = [int(m) for m in parts.get("BYMONTH", "").split(",") if m] or list(_MONTH_DAYS)
        days = [int(d) for d in parts.get("BYMONTHDAY", "").split(",") if d]
    except ValueError:
        return False
    return bool(days) and not any(abs(d) <= _MONTH_DAYS.get(m, 31) for d in days for m in months)


def _first(parsed: rrule, start: datetime) -> datetime | None:
    """The first occurrence within :data:`RULE_HORIZON`, or ``None``.

    A rule can be impossible (31 February) or empty (``COUNT=0``, ``UNTIL`` before the start).
    dateutil stops searching only at a candidate past ``UNTIL`` or at the year 9999, so an impossible
    rule would be searched for seconds. The Gregorian calendar repeats every 400 years (weekdays
    included), so the search runs on a copy moved to the last 400-year cycle before 9999: it ends
    within 400 years of candidates, and the answer moved back is the true first occurrence.
    """
    # dateutil keeps COUNT and UNTIL only as private attributes (there is no public getter).
    if parsed._count == 0:
        return None
    shift = max(0, (datetime.max.year - 401 - start.year) // 400) * 400
    moved = parsed.replace(dtstart=start.replace(year=start.year + shift), count=None, until=None)
    found = next(iter(moved), None)
    if found is None:
        return None
    first = found.replace(year=found.year - shift)
    until = parsed._until
    if first > start + RULE_HORIZON or (until is not None and first > until):
        return None
    return first


def occurrences(row: AvailabilityRow, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The occurrences of ``row`` that overlap ``[start, end)``, as aware UTC pairs, in order.

    At most :data:`MAX_OCCURRENCES` are returned, whatever the window.
    """
    if not row.rule:
        return [(row.starts_at, row.ends_at)] if row.starts_at < end and start < row.ends_at else []
    length = row.ends_at - row.starts_at
    parsed = parse_rule(row.rule, row.starts_at)
    lo = _local_naive(start - length)
    hi = _local_naive(end)
    out: list[tuple[datetime, datetime]] = []
    until = parsed._until  # private in dateutil, see _first
    # Cut the rule at the window's end so the iteration stops there (a COUNT rule stops by itself).
    window = parsed.replace(until=min(hi, until) if until else hi) if parsed._count is None else parsed
    for occurrence in window.xafter(lo, inc=False):
        if occurrence >= hi or len(out) >= MAX_OCCURRENCES:
            break
        s = _aware(occurrence)
        e = s + length
        if s < end and start < e:
            out.append((s, e))
    return out


def busy_periods(rows: list[AvailabilityRow], start: datetime, end: datetime) -> list[Busy]:
    """Every occurrence of ``rows`` in ``[start, end)`` as :class:`Busy`, ordered by start."""
    out: list[Busy] = []
    for row in rows:
        room = MAX_OCCURRENCES - len(out)
        if room <= 0:
            break
        out.extend(Busy(row.person_id, s, e, row.kind, row.reason, row.id, row.recurring)
                   for s, e in occurrences(row, start, end)[:room])
    out.sort(key=lambda b: (b.start, b.end))
    return out


def describe_rule(rule: str, lang: str = "zh") -> str:
    """A short reading of the common weekly and daily rules (``每周一、三``), else the rule itself."""
    text = normalize_rule(rule)
    if not text:
        return ""
    parts = dict(p.partition("=")[::2] for p in text.split(";") if p)
    en = lang.startswith("en")
    days_zh = {"MO": "一", "TU": "二", "WE": "三", "TH": "四", "FR": "五", "SA": "六", "SU": "日"}
    days_en = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}
    freq, interval = parts.get("FREQ"), parts.get("INTERVAL", "1")
    extra = set(parts) - {"FREQ", "BYDAY", "INTERVAL", "UNTIL", "WKST"}
    if extra or interval != "1":
        return text
    until = ""
    if "UNTIL" in parts:
        digits = parts["UNTIL"][:8]
        if len(digits) == 8 and digits.isdigit():
            until = (f" until {digits[:4]}-{digits[4:6]}-{digits[6:]}" if en
                     else f"，至{int(digits[:4])}年{int(digits[4:6])}月{int(digits[6:])}日")
    if freq == "DAILY" and "BYDAY" not in parts:
        return ("Daily" if en else "每天") + until
    if freq == "WEEKLY" and "BYDAY" in parts:
        days = parts["BYDAY"].split(",")
        if all(d in days_zh for d in days):
            if en:
                return "Weekly on " + ", ".join(days_en[d] for d in days) + until
            return "每周" + "、".join(days_zh[d] for d in days) + until
    return text


__all__ = [
    "FREQUENCIES", "MAX_OCCURRENCE", "MAX_OCCURRENCES", "AvailabilityKind", "AvailabilityRow", "Busy",
    "busy_periods", "check_rule", "describe_rule", "normalize_rule", "occurrences", "parse_rule",
]
