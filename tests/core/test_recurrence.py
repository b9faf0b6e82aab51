"""Recurring series: rules, expansion (month ends, Asia/Shanghai wall-clock time), and the series service."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.enums import Entity
from planner.domain.errors import DuplicateError, ValidationError, error_text
from planner.domain.recurrence import MAX_OCCURRENCES, Recurrence, describe, expand
from planner.domain.timefmt import PLAN_TZ
from planner.services import commands, queries, series, stages

HOUR = timedelta(hours=1)


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=PLAN_TZ)


def days(times) -> list[date]:  # type: ignore[no-untyped-def]
    return [s.astimezone(PLAN_TZ).date() for s, _e in times]


def test_weekly_keeps_the_wall_clock_time_in_shanghai() -> None:
    rec = Recurrence("weekly", weekdays=(4,), count=8)
    assert rec.rule() == "FREQ=WEEKLY;BYDAY=FR;COUNT=8"
    times = expand(rec, local(2026, 12, 4, 19, 30), HOUR)
    assert len(times) == 8
    assert all(s.astimezone(PLAN_TZ).strftime("%a %H:%M") == "Fri 19:30" for s, _ in times)
    assert all(s.utcoffset() == timedelta(0) and s.astimezone(PLAN_TZ).utcoffset() == timedelta(hours=8) for s, _ in times)
    assert all(s.astimezone(UTC).hour == 11 for s, _ in times)  # no daylight saving: always UTC+8
    assert all(e - s == HOUR for s, e in times)
    assert days(times)[-1] == date(2027, 1, 22)  # across the new year, every 7 days
    assert describe(rec) == "每周五，共 8 次" and describe(rec, "en") == "Every week on Fri, 8 times"


def test_a_first_day_off_the_pattern_is_not_an_occurrence() -> None:
    times = expand(Recurrence("weekly", weekdays=(0, 2), count=3), local(2026, 12, 4), HOUR)  # a Friday
    assert days(times) == [date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 14)]


def test_month_ends_the_31st_skips_short_months_and_the_last_day_does_not() -> None:
    the_31st = expand(Recurrence("monthly", monthday=31, count=6), local(2027, 1, 31), HOUR)
    assert [d.month for d in days(the_31st)] == [1, 3, 5, 7, 8, 10]
    last = expand(Recurrence("monthly", monthday=-1, count=5), local(2027, 1, 31), HOUR)
    assert days(last) == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]
    leap = expand(Recurrence("monthly", monthday=-1, until=date(2028, 3, 1)), local(2028, 1, 15), HOUR)
    assert days(leap) == [date(2028, 1, 31), date(2028, 2, 29)]
    assert describe(Recurrence("monthly", monthday=-1, until=date(2028, 3, 1))) == "每月最后一天，至 2028年3月1日"


def test_monthly_nth_weekday_and_interval() -> None:
    last_friday = expand(Recurrence("monthly", nth=(-1, 4), count=3), local(2026, 12, 1, 14), 2 * HOUR)
    assert days(last_friday) == [date(2026, 12, 25), date(2027, 1, 29), date(2027, 2, 26)]
    every_other = expand(Recurrence("monthly", interval=2, monthday=15, count=3), local(2027, 1, 15), HOUR)
    assert days(every_other) == [date(2027, 1, 15), date(2027, 3, 15), date(2027, 5, 15)]
    assert describe(Recurrence("monthly", nth=(-1, 4), count=3), "en") == "Every month on the last Fri, 3 times"


@pytest.mark.parametrize(("rec", "start", "code"), [
    (Recurrence("monthly", monthday=30, until=date(2027, 2, 27)), local(2027, 2, 1), "series_no_occurrences"),
    (Recurrence("weekly", weekdays=(0,), until=date(2026, 12, 1)), local(2026, 12, 4), "series_no_occurrences"),
    (Recurrence("weekly", weekdays=(), count=3), local(2026, 12, 4), "recurrence_weekdays"),
    (Recurrence("weekly", weekdays=(4,)), local(2026, 12, 4), "recurrence_end"),
    (Recurrence("weekly", weekdays=(4,), count=MAX_OCCURRENCES + 1), local(2026, 12, 4), "too_many_occurrences"),
    (Recurrence("weekly", weekdays=(4,), until=date(2028, 12, 31)), local(2026, 12, 4), "too_many_occurrences"),
    (Recurrence("weekly", weekdays=(4,), until=date(2031, 1, 1)), local(2026, 12, 4), "recurrence_too_long"),
    (Recurrence("monthly", interval=12, monthday=1, count=5), local(2027, 1, 1), "recurrence_too_long"),
    (Recurrence("monthly", monthday=32, count=3), local(2027, 1, 1), "bad_recurrence"),
    (Recurrence("daily", count=3), local(2027, 1, 1), "bad_recurrence"),
])
def test_bad_rules_say_why(rec, start, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        expand(rec, start, HOUR)
    assert info.value.code == code
    assert error_text(info.value, "zh") and error_text(info.value, "en")


@pytest.mark.parametrize("text", ["", "FREQ=YEARLY;COUNT=2", "FREQ=WEEKLY;BYDAY=XX;COUNT=2", "garbage",
                                  "FREQ=WEEKLY;BYDAY=MO;COUNT=2;BYHOUR=9"])
def test_only_rules_of_the_app_are_read_back(text: str) -> None:
    with pytest.raises(ValidationError):
        Recurrence.from_rule(text)


recurrences = st.one_of(
    st.builds(Recurrence, freq=st.just("weekly"), interval=st.integers(1, 3),
              weekdays=st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(lambda x: tuple(sorted(x))),
              count=st.integers(1, 20)),
    st.builds(Recurrence, freq=st.just("monthly"), interval=st.integers(1, 3),
              monthday=st.sampled_from([1, 15, 28, 29, 30, 31, -1]), count=st.integers(1, 12)),
    st.builds(Recurrence, freq=st.just("monthly"), interval=st.integers(1, 2),
              nth=st.tuples(st.sampled_from([1, 2, 3, 4, -1]), st.integers(0, 6)),
              until=st.dates(date(2027, 3, 1), date(2028, 6, 30)).map(lambda d: d)),
)


@settings(max_examples=150, deadline=None)
@given(rec=recurrences, start=st.datetimes(datetime(2026, 1, 1), datetime(2027, 2, 28)))
def test_expansion_properties(rec: Recurrence, start: datetime) -> None:
    first = start.replace(second=0, microsecond=0, tzinfo=PLAN_TZ)
    assert Recurrence.from_rule(rec.rule()) == rec
    try:
        times = expand(rec, first, 90 * timedelta(minutes=1))
    except ValidationError as err:
        assert err.code in ("series_no_occurrences", "recurrence_too_long", "too_many_occurrences")
        return
    starts = [s for s, _ in times]
    assert starts == sorted(set(starts)) and starts[0] >= first
    assert all(s.astimezone(PLAN_TZ).time() == first.time() for s in starts)  # wall-clock time kept
    if rec.count is not None:
        assert len(times) == rec.count
    else:
        assert all(s.astimezone(PLAN_TZ).date() <= rec.until for s in starts)  # type: ignore[operator]
    for s in starts:
        loc = s.astimezone(PLAN_TZ)
        if rec.freq == "weekly":
            assert loc.weekday() in rec.weekdays
        elif rec.monthday == -1:
            assert (loc + timedelta(days=1)).day == 1
        elif rec.monthday is not None:
            assert loc.day == rec.monthday


# -- the series service ----------------------------------------------------------------------------
def _series(db, plan, **kw):  # type: ignore[no-untyped-def]
    args = dict(project_id=plan.project.id, title="每周川渝联播", rule="FREQ=WEEKLY;BYDAY=FR;COUNT=4",
                starts_at="2026-03-06 19:30", ends_at="2026-03-06 20:30", adcode="500153")
    return series.create_series(db, **{**args, **kw})


def test_a_series_creates_its_stages_in_one_step(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    without = {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}
    cmd = commands.Create(Entity.SERIES, dict(project_id=plan.project.id, title="每周川渝联播",
                                               rule="FREQ=WEEKLY;BYDAY=FR;COUNT=4", starts_at="2026-03-06 19:30",
                                               ends_at="2026-03-06 20:30", adcode="500153"))
    cmd.do(db)
    rows = queries.load_stages(db, plan.project.id)
    made = rows[3:]
    assert [s.title for s in made] == [f"每周川渝联播（03-{d:02d}）" for d in (6, 13, 20, 27)]
    assert [s.position for s in made] == [4, 5, 6, 7] and all(s.adcode.startswith("500153") for s in made)
    assert all(s.starts_at.astimezone(PLAN_TZ).strftime("%H:%M") == "19:30" for s in made)
    with_series = {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}
    cmd.undo(db)
    assert {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")} == without
    cmd.do(db)
    assert {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")} == with_series
    third = made[2]
    info = series.membership(db, third.id)
    assert info is not None and (info.index, info.total) == (3, 4) and info.series.title == "每周川渝联播"
    assert [s.id for s in series.following(db, third.id)] == [made[2].id, made[3].id]
    assert series.membership(db, plan.s1.id) is None
    with pytest.raises(ValidationError):
        series.following(db, plan.s1.id)


def test_a_series_over_years_dates_its_titles_with_the_year(db, plan) -> None:  # type: ignore[no-untyped-def]
    _series(db, plan, rule="FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", title="月度走基层",
            starts_at="2026-11-30 09:00", ends_at="2026-11-30 17:00")
    titles = [s.title for s in queries.load_stages(db, plan.project.id)[3:]]
    assert titles == ["月度走基层（2026-11-30）", "月度走基层（2026-12-31）", "月度走基层（2027-01-31）"]


def test_bad_series_write_nothing(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    stages.create_stage(db, project_id=plan.project.id, title="每周川渝联播（03-13）")
    before = dump()
    with pytest.raises(DuplicateError) as info:
        _series(db, plan)
    assert "每周川渝联播（03-13）" in error_text(info.value, "zh")
    for kw, code in ((dict(rule="FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20260430", starts_at="2026-04-01 09:00",
                           ends_at="2026-04-01 10:00"), "series_no_occurrences"),
                     (dict(ends_at="2026-03-06 18:00"), "end_before_start"),
                     (dict(title=""), "empty"), (dict(rule="FREQ=WEEKLY;COUNT=2"), "recurrence_weekdays")):
        with pytest.raises(ValidationError) as err:
            _series(db, plan, **kw)
        assert err.value.code == code
    assert dump() == before


def test_deleting_a_series_an_occurrence_or_the_project_undoes_whole(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    made = _series(db, plan).row
    stages_ = queries.load_stages(db, plan.project.id)[3:]
    before = {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")}
    for entity, rid in ((Entity.SERIES, made.id), (Entity.STAGE, stages_[1].id), (Entity.PROJECT, plan.project.id)):
        cmd = commands.Delete(entity, rid)
        cmd.do(db)
        after = dump()
        assert all(r[3] != stages_[1].id.hex for r in after["series_occurrence"]) or entity is Entity.SERIES
        cmd.undo(db)
        assert {k: v for k, v in dump().items() if k != "change_log" and not k.startswith("sync_")} == before
    assert series.membership(db, stages_[1].id).index == 2
