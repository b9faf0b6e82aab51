"""Dates and times of a plan: parsing what people type, formatting the Chinese way.

Times are stored as aware UTC and shown in the plan's time zone (Asia/Shanghai, the alliance's).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.domain.errors import ValidationError
from planner.domain.text import fold_width

PLAN_TZ = ZoneInfo("Asia/Shanghai")
#: Plan dates and times lie in these years. Anything else is a typing slip or a hostile file, and
#: the edges of Python's range (0001, 9999) overflow when converted between time zones or when a
#: day or a deadline margin is added.
MIN_YEAR, MAX_YEAR = 1900, 2199

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATETIME = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+|\s*)(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*分?(?::(\d{1,2}))?$"
)


def parse_date(value: object, *, field: str = "date") -> date | None:
    """``2025-04-22``, ``2025/4/22``, ``2025年4月22日`` (full-width digits too) → date; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _in_range(value.date(), value, field)
    if isinstance(value, date):
        return _in_range(value, value, field)
    text = fold_width(str(value))
    if not text:
        return None
    m = _DATE.match(text)
    if m:
        try:
            return _in_range(date(int(m[1]), int(m[2]), int(m[3])), value, field)
        except ValueError:
            pass
    raise ValidationError("bad_date", field=field, value=str(value)[:80])


def _in_range(d: date, value: object, field: str) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise ValidationError("date_out_of_range", field=field, value=str(value)[:80], low=MIN_YEAR, high=MAX_YEAR)
    return d


def parse_datetime(value: object, *, field: str = "time") -> datetime | None:
    """A time as people type it (plan time zone unless it says otherwise) → aware UTC; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _to_utc(value, value, field)
    if isinstance(value, date):
        _in_range(value, value, field)
        return datetime.combine(value, time(0, 0), PLAN_TZ).astimezone(UTC)
    text = fold_width(str(value))
    if not text:
        return None
    m = _DATETIME.match(text)
    try:
        if m:
            local = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=PLAN_TZ)
            return _to_utc(local, value, field)
        d = _DATE.match(text)
        if d:
            return _to_utc(datetime(int(d[1]), int(d[2]), int(d[3]), tzinfo=PLAN_TZ), value, field)
        return _to_utc(datetime.fromisoformat(text), value, field)
    except (ValueError, OverflowError):
        raise ValidationError("bad_date", field=field, value=str(value)[:80]) from None


def _to_utc(dt: datetime, value: object, field: str) -> datetime:
    dt = dt if dt.tzinfo else dt.replace(tzinfo=PLAN_TZ)
    _in_range(dt.date(), value, field)  # before converting: 9999-12-31 at -14:00 is year 10000 in UTC
    return dt.astimezone(UTC)


def parse_instant(value: object, *, field: str = "time") -> datetime:
    """An ISO 8601 time *with* its offset (bookkeeping in files from elsewhere) → aware UTC.

    Raises :class:`ValidationError` for a missing offset, a malformed text or a year out of range.
    """
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError("bad_date", field=field, value=str(value)[:80]) from None
    if dt.tzinfo is None:
        raise ValidationError("bad_date", field=field, value=str(value)[:80])
    return _to_utc(dt, value, field)


def local(dt: datetime | None) -> datetime | None:
    return dt.astimezone(PLAN_TZ) if dt else None


def fmt_date(d: date | datetime | None, lang: str = "zh") -> str:
    """``2025年4月22日`` (zh) or ``2025-04-22`` (en)."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = d.astimezone(PLAN_TZ).date()
    return d.isoformat() if lang.startswith("en") else f"{d.year}年{d.month}月{d.day}日"


def fmt_datetime(dt: datetime | None, lang: str = "zh") -> str:
    """``2025年4月22日 09:30`` in the plan's time zone."""
    if dt is None:
        return ""
    loc = dt.astimezone(PLAN_TZ)
    return f"{fmt_date(loc.date(), lang)} {loc:%H:%M}"


def fmt_short(dt: datetime | None) -> str:
    """``04-22 09:30`` for dense tables."""
    if dt is None:
        return ""
    return f"{dt.astimezone(PLAN_TZ):%m-%d %H:%M}"


def day_start(d: date) -> datetime:
    return datetime.combine(d, time(0, 0), PLAN_TZ).astimezone(UTC)


def day_end(d: date) -> datetime:
    return day_start(d + timedelta(days=1))
