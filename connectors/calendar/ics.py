"""iCalendar files, read-only, with recurrences expanded by ``recurring-ical-events``.

RRULE, RDATE, EXDATE and RECURRENCE-ID overrides are honoured in each event's own time zone;
floating and all-day times are taken in the owner's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from connectors.calendar.base import CalendarBackend, CalendarError
from connectors.types import Attendee, Event


def _aware(value: date | datetime, tz: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value, time(), tzinfo=tz)


def _email(value: Any) -> str:
    text = str(value)
    return text[7:].lower() if text.lower().startswith("mailto:") else text.lower()


def event_from_component(comp: Any, tz: tzinfo, calendar: str = "") -> Event:
    """A VEVENT occurrence -> Event."""
    start_raw = comp.decoded("DTSTART")
    all_day = not isinstance(start_raw, datetime)
    start = _aware(start_raw, tz)
    if comp.get("DTEND") is not None:
        end = _aware(comp.decoded("DTEND"), tz)
    elif comp.get("DURATION") is not None:
        end = start + comp.decoded("DURATION")
    else:
        end = start
    attendees = []
    raw_att = comp.get("ATTENDEE")
    for a in raw_att if isinstance(raw_att, list) else [raw_att] if raw_att is not None else []:
        params = getattr(a, "params", {})
        attendees.append(Attendee(email=_email(a), name=str(params.get("CN", "")),
                                  status=str(params.get("PARTSTAT", "NEEDS-ACTION")).lower()))
    tag = comp.get("X-FOCUSD-ITEM")
    try:
        item = int(str(tag)) if tag is not None else None
    except ValueError:
        item = None
    return Event(
        uid=str(comp.get("UID", "")),
        title=str(comp.get("SUMMARY", "")),
        start=start,
        end=end,
        attendees=attendees,
        organizer=_email(comp.get("ORGANIZER", "")) if comp.get("ORGANIZER") else "",
        location=str(comp.get("LOCATION", "")),
        description=str(comp.get("DESCRIPTION", "")),
        all_day=all_day,
        focusd_item=item,
        calendar=calendar,
    )


class IcsCalendar(CalendarBackend):
    backend_name = "ics"
    read_only = True

    def __init__(self, paths: list[Path], tz: tzinfo) -> None:
        self.paths = [Path(p) for p in paths]
        self.tz = tz

    def _load(self, path: Path) -> icalendar.Calendar:
        try:
            return icalendar.Calendar.from_ical(path.read_bytes())
        except FileNotFoundError:
            raise CalendarError(f"calendar file {path} does not exist") from None
        except OSError as exc:
            raise CalendarError(f"calendar file {path} cannot be read: {exc.strerror}") from None
        except ValueError as exc:
            raise CalendarError(f"calendar file {path} is not valid iCalendar: {exc}") from None

    def check(self) -> str:
        for p in self.paths:
            self._load(p)
        return f"ics {', '.join(str(p) for p in self.paths)}"

    def events(self, start: datetime, end: datetime) -> list[Event]:
        out = []
        for path in self.paths:
            cal = self._load(path)
            try:
                occurrences = recurring_ical_events.of(cal).between(start, end)
            except Exception as exc:  # noqa: BLE001 - the library raises many kinds on bad rules
                raise CalendarError(f"calendar file {path} has an event focusd cannot expand: {exc}") from exc
            for comp in occurrences:
                if comp.name == "VEVENT" and str(comp.get("STATUS", "")).upper() != "CANCELLED":
                    out.append(event_from_component(comp, self.tz, calendar=path.name))
        return sorted(out, key=lambda e: (e.start, e.uid))
