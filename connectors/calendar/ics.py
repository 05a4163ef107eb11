"""iCalendar files, read-only, with recurrences expanded by ``recurring-ical-events``.

RRULE, RDATE, EXDATE and RECURRENCE-ID overrides are honoured in each event's own time zone;
floating and all-day times are taken in the owner's time zone.

Calendar files are untrusted. A file that is not iCalendar at all raises :class:`CalendarError`;
one bad event is skipped with a logged reason and the rest are kept. Each event (its UID: the
master and its overrides) is expanded on its own, only over the window read, and to at most
``MAX_OCCURRENCES`` occurrences; walking a rule stops after ``MAX_RULE_STEPS`` occurrences from
its start, so a ``FREQ=SECONDLY`` rule costs about as much as a daily one. A file as a whole
is bounded too (``MAX_FILE_STEPS``, ``MAX_FILE_OCCURRENCES``). Logs and errors name
the file, the event's position and a short hash of its UID, never the calendar's text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events
import structlog

from connectors.calendar.base import CalendarBackend, CalendarError, short_uid
from connectors.types import Attendee, Event

log = structlog.get_logger(__name__)

MAX_OCCURRENCES = 1000  # per event in the window read
MAX_RULE_STEPS = 50_000  # occurrences walked from a rule's start: a daily rule since 1890
MAX_FILE_STEPS = 1_000_000  # all rules of one file together, about two seconds
MAX_FILE_OCCURRENCES = 20_000  # per file in the window read
MAX_TITLE = 500  # characters kept of a summary or location
MAX_DESCRIPTION = 2000
MAX_ATTENDEES = 200


@dataclass
class _Budget:
    """What one file may still cost."""

    steps: int = MAX_FILE_STEPS
    occurrences: int = MAX_FILE_OCCURRENCES


class BadEvent(ValueError):
    """A VEVENT that cannot be turned into an :class:`Event`."""


def _aware(value: date | datetime, tz: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value, time(), tzinfo=tz)


def _email(value: Any) -> str:
    text = str(value)
    return text[7:].lower() if text.lower().startswith("mailto:") else text.lower()


def _text(comp: Any, name: str, limit: int) -> str:
    return str(comp.get(name, ""))[:limit]


def event_from_component(comp: Any, tz: tzinfo, calendar: str = "") -> Event:
    """A VEVENT occurrence -> Event; :class:`BadEvent` when it has no usable time span."""
    if comp.get("DTSTART") is None:
        raise BadEvent("no DTSTART")
    start_raw = comp.decoded("DTSTART")
    if not isinstance(start_raw, date):
        raise BadEvent("DTSTART is not a date or time")
    all_day = not isinstance(start_raw, datetime)
    start = _aware(start_raw, tz)
    if comp.get("DTEND") is not None:
        end_raw = comp.decoded("DTEND")
        if not isinstance(end_raw, date) or isinstance(end_raw, datetime) == all_day:
            raise BadEvent("DTEND is not of DTSTART's type")
        end = _aware(end_raw, tz)
    elif comp.get("DURATION") is not None:
        end = start + comp.decoded("DURATION")
    else:
        end = start
    if end < start:
        raise BadEvent("ends before it starts")
    attendees = []
    raw_att = comp.get("ATTENDEE")
    for a in (raw_att if isinstance(raw_att, list) else [raw_att] if raw_att is not None else [])[:MAX_ATTENDEES]:
        params = getattr(a, "params", {})
        attendees.append(Attendee(email=_email(a), name=str(params.get("CN", ""))[:MAX_TITLE],
                                  status=str(params.get("PARTSTAT", "NEEDS-ACTION")).lower()))
    tag = comp.get("X-FOCUSD-ITEM")
    try:
        item = int(str(tag)) if tag is not None else None
    except ValueError:
        item = None
    return Event(
        uid=str(comp.get("UID", "")),
        title=_text(comp, "SUMMARY", MAX_TITLE),
        start=start,
        end=end,
        attendees=attendees,
        organizer=_email(comp.get("ORGANIZER", "")) if comp.get("ORGANIZER") else "",
        location=_text(comp, "LOCATION", MAX_TITLE),
        description=_text(comp, "DESCRIPTION", MAX_DESCRIPTION),
        all_day=all_day,
        focusd_item=item,
        calendar=calendar,
    )


# The longest each month can be; a day past it never comes, whatever the year.
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _ints(values: Any) -> list[int]:
    out = []
    for v in values if isinstance(values, list) else [values]:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


def _impossible(comp: Any) -> bool:
    """True when a rule names only days that never exist, such as February 30. The date
    library searches such a rule up to the year 9999 before it gives up: about ten seconds a
    rule at FREQ=SECONDLY, which one hostile invitation could repeat a thousand times."""
    rules = comp.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        months, days = _ints(rule.get("BYMONTH", [])), _ints(rule.get("BYMONTHDAY", []))
        if not months or not days:
            continue
        if not any(1 <= m <= 12 and 0 < abs(d) <= _MONTH_DAYS[m - 1] for m in months for d in days):
            return True
    return False


def _groups(cal: icalendar.Calendar) -> list[tuple[int, str, list[Any]]]:
    """VEVENTs by UID in file order: (position of the first, UID, components)."""
    groups: dict[str, tuple[int, str, list[Any]]] = {}
    for position, comp in enumerate(cal.walk("VEVENT"), 1):
        uid = str(comp.get("UID", f"#{position}"))
        groups.setdefault(uid, (position, uid, []))[2].append(comp)
    return list(groups.values())


class IcsCalendar(CalendarBackend):
    backend_name = "ics"
    read_only = True

    def __init__(self, paths: list[Path], tz: tzinfo) -> None:
        self.paths = [Path(p) for p in paths]
        self.tz = tz

    def _load(self, path: Path) -> icalendar.Calendar:
        """The file's calendars as one; its text never reaches the error."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CalendarError(f"calendar file {path} does not exist") from None
        except OSError as exc:
            raise CalendarError(f"calendar file {path} cannot be read: {exc.strerror}") from None
        try:
            found = icalendar.Calendar.from_ical(data, multiple=True)
            calendars = [c for c in found if c.name == "VCALENDAR"]
        except Exception as exc:  # noqa: BLE001 - any parser failure means the file is unreadable
            raise CalendarError(f"calendar file {path} is not valid iCalendar ({type(exc).__name__})") from None
        if not calendars:
            raise CalendarError(f"calendar file {path} is not valid iCalendar (no VCALENDAR)")
        if len(calendars) == 1:
            return calendars[0]
        merged = icalendar.Calendar()
        for c in calendars:
            merged.add_component(c)
        return merged

    def check(self) -> str:
        for p in self.paths:
            self._load(p)
        return f"ics {', '.join(str(p) for p in self.paths)}"

    def events(self, start: datetime, end: datetime) -> list[Event]:
        out = []
        for path in self.paths:
            cal = self._load(path)
            try:
                zones = list(cal.walk("VTIMEZONE"))
                groups = _groups(cal)
            except RecursionError:
                raise CalendarError(f"calendar file {path} is nested too deeply to read") from None
            budget = _Budget()
            for position, uid, comps in groups:
                where = {"file": path.name, "position": position, "uid_hash": short_uid(uid)}
                if budget.steps <= 0 or budget.occurrences <= 0:
                    log.warning("calendar.file_capped", file=path.name, events_left=len(groups) - position + 1)
                    break
                try:
                    found = self._expand(zones, comps, start, end, path.name, where, budget)
                    if len(found) > budget.occurrences:
                        log.warning("calendar.file_capped", file=path.name, kept=MAX_FILE_OCCURRENCES)
                        found = found[:budget.occurrences]
                    budget.occurrences -= len(found)
                    out += found
                except Exception as exc:  # noqa: BLE001 - one bad event must not hide the others
                    # parser messages quote the offending line, so only our own reasons are logged
                    reason = str(exc) if isinstance(exc, BadEvent) else type(exc).__name__
                    log.warning("calendar.event_skipped", **where, reason=reason)
        return sorted(out, key=lambda e: (e.start, e.uid))

    def _expand(self, zones: list[Any], comps: list[Any], start: datetime, end: datetime,
                calendar: str, where: dict[str, Any], budget: _Budget) -> list[Event]:
        """One event's occurrences overlapping [start, end), at most ``MAX_OCCURRENCES``."""
        for comp in comps:
            if _impossible(comp):
                raise BadEvent("recurrence never happens")
        mini = icalendar.Calendar()
        for zone in zones:
            mini.add_component(zone)
        for comp in comps:
            mini.add_component(comp.copy())  # without subcomponents: a nested VEVENT is its own
        query = recurring_ical_events.of(mini)
        stop = self._stop(query, start, end, where, budget)
        if stop is None:
            return []
        found = []
        for comp in query.between(start, stop):
            if comp.name == "VEVENT" and str(comp.get("STATUS", "")).upper() != "CANCELLED":
                found.append(event_from_component(comp, self.tz, calendar=calendar))
        found.sort(key=lambda e: e.start)
        if len(found) > MAX_OCCURRENCES:
            log.warning("calendar.occurrences_capped", **where, kept=MAX_OCCURRENCES)
        return found[:MAX_OCCURRENCES]

    def _stop(self, query: Any, start: datetime, end: datetime, where: dict[str, Any],
              budget: _Budget) -> datetime | None:
        """Where to stop expanding: ``end``, or earlier when a rule has more occurrences than the
        cap before it; None when a rule is too dense to reach the window at all.

        The rules are walked lazily and their cache is the one the expansion reuses, so the
        expansion afterwards walks no further than this did.
        """
        stop = end
        for series in query.series:
            rules: Iterable[Any] = getattr(series.recurrence, "rrules", ())
            for rule in rules:
                inside = 0
                previous: datetime | None = None
                for steps, occurrence in enumerate(rule, 1):
                    when = _aware(occurrence, self.tz)
                    if previous is not None and when <= previous:
                        # INTERVAL=0 repeats one time forever; expanding it would never end
                        log.warning("calendar.event_skipped", **where, reason="recurrence does not advance")
                        return None
                    if when >= stop:
                        break
                    previous = when
                    inside += when >= start
                    budget.steps -= 1
                    if inside > MAX_OCCURRENCES or steps >= MAX_RULE_STEPS or budget.steps <= 0:
                        if not inside:
                            log.warning("calendar.event_skipped", **where, reason="recurrence too dense")
                            return None
                        log.warning("calendar.occurrences_capped", **where, kept=MAX_OCCURRENCES)
                        stop = when
                        break
        return stop
