"""The reminder lead time of calendar exports in the app.

One setting for both kinds of reminder: the 到期 tab's desktop reminders and the alarms written
into exported calendars read the same per-user preference (``reminders/lead_minutes``), so a
deadline announces itself as early in the phone's calendar as on the desk. Unset, it is the
calendars' default (:data:`planner.export.ics.DEFAULT_ALARM_MINUTES`).
"""

from __future__ import annotations

from planner.export.ics import DEFAULT_ALARM_MINUTES, MAX_ALARM_MINUTES
from planner.ui import prefs

LEAD_KEY = "reminders/lead_minutes"


def alarm_minutes() -> int:
    """Minutes before a deadline or stage start that exported calendars remind (0 = none)."""
    try:
        value = int(prefs.store().value(LEAD_KEY, DEFAULT_ALARM_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_ALARM_MINUTES
    return value if 0 <= value <= MAX_ALARM_MINUTES else DEFAULT_ALARM_MINUTES
