"""Calendars, by the name ``[calendar].backend`` gives them."""

from __future__ import annotations

BACKENDS = {
    "caldav": "connectors.calendar.caldav:CaldavCalendar",
    "google": "connectors.calendar.google:GoogleCalendar",
    "ics": "connectors.calendar.ics:IcsCalendar",
    "memory": "connectors.calendar.memory:MemoryCalendar",
}
