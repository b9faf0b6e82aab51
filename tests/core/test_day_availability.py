"""Availability: periods and duty patterns, recurrence expansion, bad input, the sheet import."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.availability import (
    MAX_OCCURRENCES,
    AvailabilityKind,
    AvailabilityRow,
    busy_periods,
    check_rule,
    describe_rule,
    occurrences,
)
from planner.domain.errors import ImportFileError, PlannerError, StaleError, ValidationError, error_text
from planner.domain.timefmt import PLAN_TZ, parse_datetime
from planner.services import availability as av
from planner.services import commands, people
from planner.services.availability_import import import_availability


def T(text: str) -> datetime:
    value = parse_datetime(text)
    assert value is not None
    return value


def _row(start: str, end: str, rule: str = "") -> AvailabilityRow:
    return AvailabilityRow(uuid.uuid4(), uuid.uuid4(), AvailabilityKind.DUTY, T(start), T(end), rule, "", 1)


# -- recurrence ----------------------------------------------------------------------------------
def test_weekly_pattern_keeps_its_wall_clock_time_all_year() -> None:
    """Asia/Shanghai has no daylight saving: 08:00 local is 00:00 UTC in March and November alike."""
    row = _row("2026-01-05 08:00", "2026-01-05 12:00", "FREQ=WEEKLY;BYDAY=MO,WE")
    got = occurrences(row, T("2026-03-01"), T("2026-11-30"))
    assert got and all(s.astimezone(UTC).hour == 0 and (e - s) == timedelta(hours=4) for s, e in got)
    assert all(s.astimezone(PLAN_TZ).weekday() in (0, 2) for s, _ in got)
    # the weeks around the European and American clock changes are not special
    assert {s.astimezone(PLAN_TZ).date().isoformat() for s, _ in got} >= {"2026-03-09", "2026-03-30", "2026-11-02"}


def test_month_end_rules() -> None:
    last = _row("2027-01-31 09:00", "2027-01-31 10:00", "FREQ=MONTHLY;BYMONTHDAY=-1")
    days = [s.astimezone(PLAN_TZ).date().isoformat() for s, _ in occurrences(last, T("2027-01-01"), T("2027-05-01"))]
    assert days == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]
    # BYMONTHDAY=31 skips the months that have no 31st (RFC 5545), it does not roll over
    on31 = _row("2027-01-31 09:00", "2027-01-31 10:00", "FREQ=MONTHLY;BYMONTHDAY=31")
    days = [s.astimezone(PLAN_TZ).date().isoformat() for s, _ in occurrences(on31, T("2027-01-01"), T("2027-06-01"))]
    assert days == ["2027-01-31", "2027-03-31", "2027-05-31"]
    leap = _row("2028-02-29 09:00", "2028-02-29 10:00", "FREQ=YEARLY")
    years = [s.year for s, _ in occurrences(leap, T("2028-01-01"), T("2037-01-01"))]
    assert years == [2028, 2032, 2036]


def test_until_and_count_bound_a_pattern() -> None:
    until = _row("2026-12-01 08:00", "2026-12-01 12:00", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215")
    assert len(occurrences(until, T("2026-11-01"), T("2027-02-01"))) == 3
    utc_until = _row("2026-12-01 08:00", "2026-12-01 12:00", "FREQ=WEEKLY;UNTIL=20261215T000000Z")
    assert len(occurrences(utc_until, T("2026-11-01"), T("2027-02-01"))) == 3
    count = _row("2026-12-01 08:00", "2026-12-01 12:00", "FREQ=DAILY;COUNT=4")
    assert len(occurrences(count, T("2026-11-01"), T("2027-02-01"))) == 4


def test_occurrence_overlapping_the_window_start_is_kept_and_expansion_is_bounded() -> None:
    night = _row("2026-12-01 22:00", "2026-12-02 06:00", "FREQ=DAILY")
    got = occurrences(night, T("2026-12-05 00:00"), T("2026-12-05 12:00"))
    assert got == [(T("2026-12-04 22:00"), T("2026-12-05 06:00"))]
    daily = _row("2026-01-01 08:00", "2026-01-01 09:00", "FREQ=DAILY")
    assert len(occurrences(daily, T("2026-01-01"), T("2046-01-01"))) == MAX_OCCURRENCES
    assert len(busy_periods([daily, daily], T("2026-01-01"), T("2046-01-01"))) == MAX_OCCURRENCES


@pytest.mark.parametrize("rule, code", [
    ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "rule_no_occurrences"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "rule_no_occurrences"),
    ("FREQ=WEEKLY;COUNT=0", "rule_no_occurrences"),
    ("FREQ=WEEKLY;UNTIL=20200101", "rule_no_occurrences"),
    ("FREQ=HOURLY", "bad_rule"),
    ("FREQ=MINUTELY;INTERVAL=1", "bad_rule"),
    ("every monday", "bad_rule"),
    ("FREQ=WEEKLY;BYDAY=XX", "bad_rule"),
    ("FREQ=WEEKLY;UNTIL=2027-01-01", "bad_rule"),
    ("FREQ=WEEKLY;UNTIL=20270101;COUNT=3", "bad_rule"),
    ("DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "bad_rule"),
])
def test_bad_rules_are_refused_with_their_reason(rule: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_rule(rule, T("2026-12-07 08:00"), T("2026-12-07 12:00"))
    assert info.value.code == code
    assert "{" not in error_text(info.value, "zh") and "{" not in error_text(info.value, "en")


def test_rule_reading() -> None:
    assert describe_rule("FREQ=WEEKLY;BYDAY=MO,WE") == "每周一、三"
    assert describe_rule("freq=weekly;byday=mo,we", "en") == "Weekly on Mon, Wed"
    assert describe_rule("FREQ=DAILY;UNTIL=20270630") == "每天，至2027年6月30日"
    assert describe_rule("FREQ=MONTHLY;BYMONTHDAY=-1") == "FREQ=MONTHLY;BYMONTHDAY=-1"


# -- the service ---------------------------------------------------------------------------------
def test_create_list_busy_update_delete(db, plan) -> None:  # type: ignore[no-untyped-def]
    leave = av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-02", ends_at="2026-03-04",
                                   kind="休假", reason="年假").row
    assert leave.kind is AvailabilityKind.LEAVE and leave.reason == "年假"
    duty = av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-02 18:00", ends_at="2026-03-02 23:00",
                                  kind="duty", rule="rrule:freq=weekly;byday=mo").row
    assert duty.rule == "FREQ=WEEKLY;BYDAY=MO" and duty.recurring
    assert [r.id for r in av.list_availability(db, person_id=plan.p_cq.id)] == [leave.id, duty.id]
    got = av.busy(db, [plan.p_cq.id, plan.p_sc.id], T("2026-03-01"), T("2026-03-20"))
    assert list(got) == [plan.p_cq.id]
    assert [b.kind for b in got[plan.p_cq.id]] == [AvailabilityKind.LEAVE, AvailabilityKind.DUTY,
                                                  AvailabilityKind.DUTY, AvailabilityKind.DUTY]
    changed = av.update_availability(db, leave.id, expected_version=leave.version, reason="病假")
    assert changed.row.reason == "病假" and changed.row.version == 2
    with pytest.raises(StaleError):
        av.update_availability(db, leave.id, expected_version=1, reason="x")
    av.delete_availability(db, duty.id)
    assert [r.id for r in av.list_availability(db)] == [leave.id]


def test_overlapping_leave_is_refused_and_nothing_changes(db, plan, dump) -> None:  # type: ignore[no-untyped-def]
    av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-02", ends_at="2026-03-04", kind="leave")
    before = dump()
    with pytest.raises(ValidationError) as info:
        av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-03 12:00", ends_at="2026-03-06",
                               kind="training")
    assert info.value.code == "availability_overlap"
    assert error_text(info.value, "zh") == "张敏在 2026年3月2日 00:00 至 2026年3月4日 00:00 已登记“休假”，与新时段重叠，未作任何改动。"
    assert "Leave" in error_text(info.value, "en")
    assert dump() == before
    # touching ends do not overlap; another person may be away at the same time; a pattern may overlap
    av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-04", ends_at="2026-03-05")
    av.create_availability(db, person_id=plan.p_sc.id, starts_at="2026-03-02", ends_at="2026-03-04")
    av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-02 08:00", ends_at="2026-03-02 09:00",
                           kind="duty", rule="FREQ=DAILY")


@pytest.mark.parametrize("fields, code", [
    ({"starts_at": "2026-03-04", "ends_at": "2026-03-02"}, "end_before_start"),
    ({"starts_at": "2026-03-04", "ends_at": "2026-03-04"}, "end_before_start"),
    ({"starts_at": "", "ends_at": "2026-03-04"}, "empty"),
    ({"starts_at": "昨天", "ends_at": "2026-03-04"}, "bad_date"),
    ({"kind": "vacation"}, "bad_choice"),
    ({"reason": "年假\x00"}, "control_chars"),
    ({"rule": "FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2"}, "rule_no_occurrences"),
    ({"rule": "FREQ=WEEKLY", "ends_at": "2026-05-01"}, "occurrence_too_long"),
])
def test_bad_input_changes_nothing(db, plan, dump, fields, code) -> None:  # type: ignore[no-untyped-def]
    values = {"person_id": plan.p_cq.id, "starts_at": "2026-03-02", "ends_at": "2026-03-04", **fields}
    before = dump()
    with pytest.raises(ValidationError) as info:
        av.create_availability(db, **values)
    assert info.value.code == code
    assert dump() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.text(max_size=20), end=st.text(max_size=20), rule=st.text(max_size=40), reason=st.text(max_size=30))
def test_generated_input_gives_a_message_or_a_row(db, plan, start, end, rule, reason) -> None:  # type: ignore[no-untyped-def]
    try:
        changes = av.create_availability(db, person_id=plan.p_sc.id, starts_at=start, ends_at=end, rule=rule,
                                         reason=reason)
    except PlannerError as err:
        assert error_text(err, "zh") and error_text(err, "en")
    else:
        av.delete_availability(db, changes.row.id)


def test_deleting_a_person_takes_their_periods_and_undo_brings_them_back(db, plan) -> None:  # type: ignore[no-untyped-def]
    av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-03-02", ends_at="2026-03-04")
    cmd = commands.Delete(commands.Entity.PERSON, plan.p_cq.id)
    cmd.do(db)
    assert av.list_availability(db) == []
    cmd.undo(db)
    assert len(av.list_availability(db, person_id=plan.p_cq.id)) == 1
    people.delete_person(db, plan.p_sc.id)


def test_availability_commands_undo(db, plan) -> None:  # type: ignore[no-untyped-def]
    create = commands.Create(commands.Entity.AVAILABILITY, {"person_id": plan.p_cq.id, "starts_at": "2026-03-02",
                                                            "ends_at": "2026-03-04", "reason": "年假"})
    create.do(db)
    assert len(av.list_availability(db)) == 1
    create.undo(db)
    assert av.list_availability(db) == []
    create.do(db)
    row = av.list_availability(db)[0]
    assert row.id == create.created_id and row.reason == "年假"


# -- the sheet import ----------------------------------------------------------------------------
def _sheet(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


HEADER = ["姓名", "单位", "类型", "开始", "结束", "重复", "重复截止", "原因"]


def test_import_sheet_all_rows(db, plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _sheet(tmp_path / "leave.xlsx", [
        HEADER,
        ["张敏", "荣昌区融媒体中心", "休假", datetime(2026, 3, 2), datetime(2026, 3, 4), None, None, "年假"],
        ["李强", None, "其他任务", datetime(2026, 3, 2, 18, 0), datetime(2026, 3, 2, 22, 0), "FREQ=WEEKLY;BYDAY=MO",
         datetime(2026, 6, 30), "夜班"],
        ["张敏", "", "培训", "2026-03-10 09:00", "2026-03-10 17:00", "", "", ""],
    ])
    report = import_availability(db, path, dry_run=True)
    assert (report.rows, report.created) == (3, 3) and av.list_availability(db) == []
    report = import_availability(db, path)
    rows = av.list_availability(db)
    assert report.created == 3 and len(rows) == 3
    leave = next(r for r in rows if r.reason == "年假")
    assert leave.ends_at == T("2026-03-05")  # a date alone: through that day
    night = next(r for r in rows if r.rule)
    assert night.rule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260630"


def test_import_reports_every_bad_row_and_writes_nothing(db, plan, tmp_path: Path, dump) -> None:  # type: ignore[no-untyped-def]
    av.create_availability(db, person_id=plan.p_cq.id, starts_at="2026-04-01", ends_at="2026-04-03")
    path = _sheet(tmp_path / "bad.xlsx", [
        HEADER,
        ["张敏", None, "休假", datetime(2026, 3, 2), datetime(2026, 3, 4), None, None, None],  # good
        ["王五", None, "休假", datetime(2026, 3, 2), datetime(2026, 3, 4), None, None, None],  # unknown
        ["张敏", None, "休假", datetime(2026, 3, 3), datetime(2026, 3, 5), None, None, None],  # overlaps line 2
        ["张敏", None, "休假", datetime(2026, 4, 2), datetime(2026, 4, 2), None, None, None],  # overlaps the database
        ["李强", None, "度假", datetime(2026, 3, 2), datetime(2026, 3, 4), None, None, None],  # bad kind
        ["李强", None, "休假", datetime(2026, 3, 9), datetime(2026, 3, 8), None, None, None],  # end before start
        ["李强", None, "其他任务", "2026-03-02 08:00", "2026-03-02 09:00", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4",
         None, None],  # never happens
    ])
    before = dump()
    with pytest.raises(ImportFileError) as info:
        import_availability(db, path)
    assert [line for line, _ in info.value.problems] == [3, 4, 5, 6, 7, 8]
    texts = dict(info.value.problems)
    assert "王五" in texts[3] and "第 2 行" in texts[4] and "已登记" in texts[5]
    assert dump() == before


def test_import_bad_files(db, plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "x.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (garbage, tmp_path / "missing.xlsx", _sheet(tmp_path / "nohead.xlsx", [["a", "b"], [1, 2]])):
        with pytest.raises(ImportFileError) as info:
            import_availability(db, path)
        assert error_text(info.value, "zh")
    wrong = tmp_path / "x.docx"
    wrong.write_text("x")
    with pytest.raises(ImportFileError):
        import_availability(db, wrong)
