"""Calendars as a calendar app reads them: cancelled items, reminders, stable updates, English."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from planner.cli import main
from planner.services import assignments, stages
from planner.services.exports import export_calendar


def _cal(path):  # type: ignore[no-untyped-def]
    return Calendar.from_ical(path.read_bytes())


def _by_uid(cal):  # type: ignore[no-untyped-def]
    return {str(c["uid"]): c for c in cal.walk() if c.name in ("VEVENT", "VTODO")}


def _with_declined_deadline(small):  # type: ignore[no-untyped-def]
    """A piece with a deadline, then declined: it must show as cancelled, not as live work."""
    a = assignments.create_assignment(small.db, stage_id=small.s2.id, outlet_id=small.cq.id, role="support",
                                      format="short_video", due_at="2026-03-03 20:00").row
    assignments.set_status(small.db, a.id, status="declined", reason="设备不足")
    return a


def test_declined_and_cancelled_items_are_cancelled_without_reminders(small, tmp_path):
    declined = _with_declined_deadline(small)
    out = tmp_path / "plan.ics"
    export_calendar(small.db, small.project.id, out)
    items = _by_uid(_cal(out))
    gone = items[f"due-{declined.id}@joint-coverage-planner"]
    assert str(gone["status"]) == "CANCELLED" and "（已取消）" in str(gone["summary"])
    assert "设备不足" in str(gone["description"])
    assert not gone.walk("VALARM")
    live = items[f"due-{small.a[0].id}@joint-coverage-planner"]
    assert str(live["status"]) == "CONFIRMED"
    alarms = live.walk("VALARM")
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == -timedelta(minutes=30)
    assert str(alarms[0]["action"]) == "DISPLAY" and "即将截稿" in str(alarms[0]["description"])
    stage = items[f"stage-{small.s1.id}@joint-coverage-planner"]
    assert str(stage["status"]) == "CONFIRMED" and stage.walk("VALARM")


def test_a_stage_whose_pieces_are_all_cancelled_is_cancelled_in_that_calendar(small, tmp_path):
    assignments.set_status(small.db, small.a[3].id, status="cancelled", reason="改期")  # 四川台 on stage 2
    out = tmp_path / "prov.ics"
    export_calendar(small.db, small.project.id, out, outlet_id=small.prov.id)
    items = _by_uid(_cal(out))
    # 四川台's only pieces (stage 1 and stage 2) are cancelled now: its calendar says so
    assert {str(items[f"stage-{s.id}@joint-coverage-planner"]["status"]) for s in (small.s1, small.s2)} == {
        "CANCELLED"}


def test_reminder_lead_time_is_settable_and_todos_remind_before_they_are_due(small, tmp_path):
    out = tmp_path / "todo.ics"
    export_calendar(small.db, small.project.id, out, deadlines_as="todo", alarm_minutes=120)
    todo = next(c for c in _cal(out).walk("VTODO") if c.walk("VALARM"))
    trigger = todo.walk("VALARM")[0]["trigger"]
    assert trigger.params.get("RELATED") == "END" and trigger.dt == -timedelta(hours=2)
    export_calendar(small.db, small.project.id, out, alarm_minutes=0)
    assert not _cal(out).walk("VALARM")


def test_exports_are_stable_and_an_edit_raises_the_sequence(small, tmp_path):
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    export_calendar(small.db, small.project.id, first)
    export_calendar(small.db, small.project.id, second)
    assert first.read_bytes() == second.read_bytes()  # nothing changed: the same file
    before = _by_uid(_cal(first))[f"stage-{small.s1.id}@joint-coverage-planner"]
    stages.update_stage(small.db, small.s1.id, starts_at="2026-03-02 10:00", ends_at="2026-03-02 12:00")
    export_calendar(small.db, small.project.id, second)
    after = _by_uid(_cal(second))[f"stage-{small.s1.id}@joint-coverage-planner"]
    assert int(after["sequence"]) > int(before["sequence"])  # what calendar apps compare
    # LAST-MODIFIED has whole seconds: an edit within the fixture's second may show the same one
    assert after.decoded("last-modified") >= before.decoded("last-modified")
    assert after.decoded("dtstamp") == after.decoded("last-modified")


def test_english_calendar_is_in_english(small, tmp_path):
    out = tmp_path / "en.ics"
    export_calendar(small.db, small.project.id, out, lang="en")
    cal = _cal(out)
    deadline = _by_uid(cal)[f"due-{small.a[0].id}@joint-coverage-planner"]
    assert str(deadline["summary"]).startswith("Deadline: ")
    assert "Lead · Text · Planned" in str(deadline["description"])
    stage = _by_uid(cal)[f"stage-{small.s2.id}@joint-coverage-planner"]
    assert "Place · stage 2" in str(stage["description"])
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in str(stage.walk("VALARM")[0]["description"])
                   .replace(small.s2.title, ""))


def test_cli_alarm_option(demo_db_path, tmp_path, capsys):
    out = tmp_path / "a.ics"
    assert main(["export", "ics", "--db", str(demo_db_path), "--project", "YKGT-2026", "--alarm", "90",
                 "-o", str(out)]) == 0
    triggers = {a.decoded("trigger") for a in _cal(out).walk("VALARM")}
    assert triggers == {-timedelta(minutes=90)}
    assert main(["--lang", "en", "export", "ics", "--db", str(demo_db_path), "--project", "YKGT-2026",
                 "--alarm", "soon", "-o", str(tmp_path / "b.ics")]) == 1
    assert "soon" in capsys.readouterr().err
    assert not (tmp_path / "b.ics").exists()
