"""The calendar of follow-ups, reference reminders and check-ins, as iCalendar."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from builder.plan.kit import Event


def calendar(events: list[Event], name: str, today: dt.date) -> bytes:
    """Stable UIDs, so that a re-import updates events instead of duplicating them; stamped
    with the day of the build, so that builds of the same day give the same file."""
    cal = Calendar()
    cal.add("prodid", "-//secondround//follow-up calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.combine(today, dt.time.min, tzinfo=dt.UTC)
    for event in sorted(events, key=lambda e: e.uid):
        entry = CalendarEvent()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        if isinstance(event.start, dt.datetime):
            entry.add("dtstart", event.start)
            entry.add("dtend", event.start + dt.timedelta(minutes=event.minutes))
        else:
            entry.add("dtstart", event.start)
            entry.add("dtend", event.start + dt.timedelta(days=1))
        cal.add_component(entry)
    return cal.to_ical()
