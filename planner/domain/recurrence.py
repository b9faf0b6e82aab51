"""Recurring work: a weekly or monthly pattern (每周川渝联播, 月度走基层) as an RFC 5545 rule, expanded.

A :class:`Recurrence` is what a person chooses — every week on some weekdays, or every month on a
day (the 15th, the last day) or an nth weekday (the last Friday), every ``interval`` weeks or
months, a number of times or until a day — and :meth:`Recurrence.rule` writes it as an ``RRULE``
(stored with the series, readable by any calendar). :func:`expand` turns it into occurrences: the
first occurrence's wall-clock time of day and length are kept, on the plan's clock (Asia/Shanghai,
which has no daylight saving, so 09:00 stays 09:00 all year). As in RFC 5545, a month without the
chosen day (the 31st in April, the 30th in February) has no occurrence; "the last day" is the way
to say month ends.

Pure Python (python-dateutil); bounded: a series has at most :data:`MAX_OCCURRENCES` occurrences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import FR, MO, SA, SU, TH, TU, WE, rrule, rrulestr

from planner.domain.errors import ValidationError
from planner.domain.timefmt import PLAN_TZ

#: the most occurrences one series may create (two years of a weekly programme)
MAX_OCCURRENCES = 104
#: the furthest a series may reach after its first occurrence
MAX_SPAN = timedelta(days=3 * 366)
MAX_INTERVAL = 12
_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAYS = (MO, TU, WE, TH, FR, SA, SU)
_ZH_DAYS = "一二三四五六日"
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Recurrence:
    """A weekly or monthly pattern, ended by ``count`` occurrences or on ``until`` (inclusive).

    Weekly: ``weekdays`` (0 = Monday). Monthly: ``monthday`` (1–31, or -1 for the last day) or
    ``nth`` = (n, weekday) with n in 1–4 or -1 for the last (the last Friday is (-1, 4)).
    """

    freq: str  # "weekly" | "monthly"
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    monthday: int | None = None
    nth: tuple[int, int] | None = None
    count: int | None = None
    until: date | None = None

    def check(self) -> Recurrence:
        """The pattern itself is well formed (not yet whether it ever happens: see :func:`expand`)."""
        if self.freq not in ("weekly", "monthly"):
            raise ValidationError("bad_recurrence", field="rule", detail=self.freq)
        if not 1 <= self.interval <= MAX_INTERVAL:
            raise ValidationError("bad_recurrence", field="interval", detail=f"interval {self.interval}")
        if (self.count is None) == (self.until is None):
            raise ValidationError("recurrence_end", field="count")
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise ValidationError("too_many_occurrences", field="count", limit=MAX_OCCURRENCES)
        if self.freq == "weekly":
            if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
                raise ValidationError("recurrence_weekdays", field="weekdays")
            if self.monthday is not None or self.nth is not None:
                raise ValidationError("bad_recurrence", field="rule", detail="weekly with a day of the month")
        else:
            if (self.monthday is None) == (self.nth is None):
                raise ValidationError("bad_recurrence", field="monthday", detail="monthly: a day or an nth weekday")
            if self.monthday is not None and not (1 <= self.monthday <= 31 or self.monthday == -1):
                raise ValidationError("bad_recurrence", field="monthday", detail=f"day {self.monthday}")
            if self.nth is not None and (self.nth[0] not in (1, 2, 3, 4, -1) or not 0 <= self.nth[1] <= 6):
                raise ValidationError("bad_recurrence", field="monthday", detail=f"nth {self.nth}")
        return self

    def rule(self) -> str:
        """The pattern as an RFC 5545 ``RRULE`` value (``FREQ=WEEKLY;BYDAY=FR;COUNT=8``)."""
        self.check()
        parts = [f"FREQ={self.freq.upper()}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.freq == "weekly":
            parts.append("BYDAY=" + ",".join(_CODES[d] for d in sorted(set(self.weekdays))))
        elif self.monthday is not None:
            parts.append(f"BYMONTHDAY={self.monthday}")
        else:
            n, day = self.nth  # type: ignore[misc]
            parts.append(f"BYDAY={n}{_CODES[day]}")
        parts.append(f"COUNT={self.count}" if self.count is not None else f"UNTIL={self.until:%Y%m%d}")
        return ";".join(parts)

    @classmethod
    def from_rule(cls, text: str) -> Recurrence:
        """Read back a rule :meth:`rule` wrote; anything else is a :class:`ValidationError`."""
        try:
            parts = dict(p.split("=", 1) for p in str(text).strip().upper().split(";") if p)
            freq = parts.pop("FREQ").lower()
            interval = int(parts.pop("INTERVAL", "1"))
            count = int(parts.pop("COUNT")) if "COUNT" in parts else None
            until = datetime.strptime(parts.pop("UNTIL")[:8], "%Y%m%d").date() if "UNTIL" in parts else None
            weekdays: tuple[int, ...] = ()
            monthday = nth = None
            byday = parts.pop("BYDAY", "")
            if "BYMONTHDAY" in parts:
                monthday = int(parts.pop("BYMONTHDAY"))
            if freq == "weekly":
                weekdays = tuple(_CODES.index(d) for d in byday.split(",") if d)
            elif byday:
                nth = (int(byday[:-2]), _CODES.index(byday[-2:]))
            if parts:
                raise ValueError(parts)
        except (KeyError, ValueError, IndexError):
            raise ValidationError("bad_recurrence", field="rule", detail=str(text)[:100]) from None
        return cls(freq, interval, weekdays, monthday, nth, count, until).check()


def _local(moment: datetime) -> datetime:
    return moment.astimezone(PLAN_TZ).replace(tzinfo=None)


def expand(recurrence: Recurrence | str, first_start: datetime, length: timedelta) -> list[tuple[datetime, datetime]]:
    """The occurrences (aware UTC start, end) of a pattern whose first candidate is ``first_start``.

    Each keeps ``first_start``'s wall-clock time and lasts ``length``. Raises ``ValidationError``
    when the pattern is malformed, never happens (``rule_no_occurrences``: the 31st with only months
    of 30 days, an end before the start), has more than :data:`MAX_OCCURRENCES` occurrences or
    reaches further than :data:`MAX_SPAN`.
    """
    rec = Recurrence.from_rule(recurrence) if isinstance(recurrence, str) else recurrence.check()
    if length < timedelta(0):
        raise ValidationError("end_before_start", field="ends_at")
    start = _local(first_start)
    horizon = start + MAX_SPAN
    if rec.until is not None:
        if rec.until < start.date():
            raise ValidationError("series_no_occurrences", field="until", value=rec.rule())
        if datetime.combine(rec.until, time(23, 59, 59)) > horizon:
            raise ValidationError("recurrence_too_long", field="until", years=MAX_SPAN.days // 366)
    # dateutil reads the rule with a naive wall-clock DTSTART; UNTIL must then be naive too.
    text = rec.rule().replace(f"UNTIL={rec.until:%Y%m%d}", f"UNTIL={rec.until:%Y%m%d}T235959") if rec.until else rec.rule()
    parsed: rrule = rrulestr(text, dtstart=start)  # type: ignore[assignment]
    out: list[tuple[datetime, datetime]] = []
    for occurrence in parsed.xafter(start, inc=True):
        if occurrence > horizon:
            if rec.count is not None:
                raise ValidationError("recurrence_too_long", field="count", years=MAX_SPAN.days // 366)
            break
        if len(out) >= MAX_OCCURRENCES:
            raise ValidationError("too_many_occurrences", field="until", limit=MAX_OCCURRENCES)
        begin = occurrence.replace(tzinfo=PLAN_TZ).astimezone(UTC)
        out.append((begin, begin + length))
    if not out:
        raise ValidationError("series_no_occurrences", field="rule", value=rec.rule())
    return out


def describe(recurrence: Recurrence | str, lang: str = "zh") -> str:
    """``每周五，共 8 次`` / ``Every Friday, 8 times``; ``每月最后一天，至 2027年6月30日``."""
    rec = Recurrence.from_rule(recurrence) if isinstance(recurrence, str) else recurrence
    en = lang.startswith("en")
    if rec.freq == "weekly":
        days = sorted(set(rec.weekdays))
        if en:
            every = "Every week" if rec.interval == 1 else f"Every {rec.interval} weeks"
            what = f"{every} on {', '.join(_EN_DAYS[d] for d in days)}"
        else:
            every = "每周" if rec.interval == 1 else f"每 {rec.interval} 周的周"
            what = every + "、".join(_ZH_DAYS[d] for d in days)
    else:
        if en:
            every = "Every month" if rec.interval == 1 else f"Every {rec.interval} months"
            if rec.monthday == -1:
                day = "on the last day"
            elif rec.monthday is not None:
                day = f"on day {rec.monthday}"
            else:
                n, wd = rec.nth  # type: ignore[misc]
                day = f"on the {'last' if n == -1 else ('1st', '2nd', '3rd', '4th')[n - 1]} {_EN_DAYS[wd]}"
            what = f"{every} {day}"
        else:
            every = "每月" if rec.interval == 1 else f"每 {rec.interval} 个月的"
            if rec.monthday == -1:
                day = "最后一天"
            elif rec.monthday is not None:
                day = f"{rec.monthday} 日"
            else:
                n, wd = rec.nth  # type: ignore[misc]
                day = ("最后一个" if n == -1 else f"第{'一二三四'[n - 1]}个") + "周" + _ZH_DAYS[wd]
            what = every + day
    if rec.count is not None:
        return f"{what}, {rec.count} times" if en else f"{what}，共 {rec.count} 次"
    assert rec.until is not None
    return f"{what}, until {rec.until.isoformat()}" if en else \
        f"{what}，至 {rec.until.year}年{rec.until.month}月{rec.until.day}日"


def occurrence_title(title: str, start: datetime, *, with_year: bool) -> str:
    """The stage title of one occurrence: the series title and its date (``每周川渝联播（12-05）``)."""
    loc = start.astimezone(PLAN_TZ)
    return f"{title}（{loc:%Y-%m-%d}）" if with_year else f"{title}（{loc:%m-%d}）"


__all__ = ["MAX_OCCURRENCES", "Recurrence", "describe", "expand", "occurrence_title"]
