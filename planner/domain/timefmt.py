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

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATETIME = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+|\s*)(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*分?(?::(\d{1,2}))?$"
)


def parse_date(value: object, *, field: str = "date") -> date | None:
    """``2025-04-22``, ``2025/4/22``, ``2025年4月22日`` (full-width digits too) → date; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = fold_width(str(value))
    if not text:
        return None
    m = _DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ValidationError("bad_date", field=field, value=str(value))


def parse_datetime(value: object, *, field: str = "time") -> datetime | None:
    """A time as people type it (plan time zone unless it says otherwise) → aware UTC; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=PLAN_TZ)
        return dt.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), PLAN_TZ).astimezone(UTC)
    text = fold_width(str(value))
    if not text:
        return None
    m = _DATETIME.match(text)
    try:
        if m:
            local = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=PLAN_TZ)
            return local.astimezone(UTC)
        d = _DATE.match(text)
        if d:
            return datetime(int(d[1]), int(d[2]), int(d[3]), tzinfo=PLAN_TZ).astimezone(UTC)
        parsed = datetime.fromisoformat(text)
        return parse_datetime(parsed)
    except ValueError:
        raise ValidationError("bad_date", field=field, value=str(value)) from None


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
