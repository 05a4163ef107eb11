"""iCalendar files, read-only, with recurrences expanded by ``recurring-ical-events``.

RRULE, RDATE, EXDATE and RECURRENCE-ID overrides are honoured in each event's own time zone;
floating and all-day times are taken in the owner's time zone.

Calendar files are untrusted. A file that is not iCalendar at all raises :class:`CalendarError`;
one bad event is skipped with a logged reason and the rest are kept. Each event (its UID: the
master and its overrides) is expanded on its own, only over the window read, and to at most
``MAX_OCCURRENCES`` occurrences; walking a rule stops after ``MAX_RULE_STEPS`` occurrences from
its start, so a dense rule costs about as much as a daily one. A rule repeating every second or
minute is no meeting and is skipped, as is one that names only days that never come (February
30). A file over ``MAX_FILE_BYTES`` is refused whole. A file as a whole
is bounded too (``MAX_FILE_STEPS``, ``MAX_FILE_OCCURRENCES``); what a spent file budget leaves
out is told in ``incomplete``. A daily or weekly rule, at most one occurrence a day, is started
just before the window instead of walked from its DTSTART, so years of ordinary meetings cost
no more than the window. A file's result is kept until the file or the window changes. Logs and
errors name the file, the event's position and a short hash of its UID, never the calendar's text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events
import structlog
from dateutil.rrule import DAILY, WEEKLY, rrule

from connectors import BackendEnv
from connectors.calendar.base import CalendarBackend, CalendarError, parse_tag, short_uid
from connectors.calendar.feeds import Feed, FeedError
from connectors.files import FileProblem, read_file
from connectors.types import Attendee, Event

log = structlog.get_logger(__name__)

MAX_FILE_BYTES = 32 * 1024 * 1024  # a decade of a busy calendar is a few MB; parsing costs about 6x the file
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
    cut: int = 0  # events left out, or cut short, because the budget ran out


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
        end = start + timedelta(days=1) if all_day else start  # RFC 5545: a date alone lasts the day
    if end < start:
        raise BadEvent("ends before it starts")
    attendees = []
    raw_att = comp.get("ATTENDEE")
    for a in (raw_att if isinstance(raw_att, list) else [raw_att] if raw_att is not None else [])[:MAX_ATTENDEES]:
        params = getattr(a, "params", {})
        attendees.append(Attendee(email=_email(a), name=str(params.get("CN", ""))[:MAX_TITLE],
                                  status=str(params.get("PARTSTAT", "NEEDS-ACTION")).lower()))
    item = parse_tag(comp.get("X-FOCUSD-ITEM"))
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
        busy=str(comp.get("TRANSP", "OPAQUE")).upper() != "TRANSPARENT",
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


def _too_frequent(comp: Any) -> bool:
    """True for a rule that repeats every second or minute: no meeting does, and a thousand of
    them in one morning would bury the real ones in the brief."""
    rules = comp.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = rule.get("FREQ", [])
        if any(str(f).upper() in ("SECONDLY", "MINUTELY") for f in (freq if isinstance(freq, list) else [freq])):
            return True
    return False


def _groups(cal: icalendar.Calendar) -> list[tuple[int, str, list[Any]]]:
    """VEVENTs by UID in file order: (position of the first, UID, components)."""
    groups: dict[str, tuple[int, str, list[Any]]] = {}
    for position, comp in enumerate(cal.walk("VEVENT"), 1):
        uid = str(comp.get("UID", f"#{position}"))
        groups.setdefault(uid, (position, uid, []))[2].append(comp)
    return list(groups.values())


@dataclass
class _Read:
    """One file's result for one window, kept while the file does not change."""

    key: tuple[int, int, int, datetime, datetime] | None  # None: the file could not be stat'ed
    events: list[Event]
    cut: int  # events left out, or cut short, because the file's budget ran out


def _bounded(rule: Any) -> bool:
    """True for a rule with at most one occurrence a day: DAILY or WEEKLY, no BYHOUR, BYMINUTE
    or BYSECOND, no COUNT (a count runs from DTSTART, so it cannot start later). Such a rule
    needs no density walk and may start near the window instead of at its DTSTART."""
    original = getattr(rule, "_original_rule", None)
    return (isinstance(rule, rrule) and original is not None and rule._freq in (DAILY, WEEKLY)
            and rule._count is None and rule._interval >= 1
            and not any(original.get(part) for part in ("byhour", "byminute", "bysecond")))


def _moved(rule: Any, before: datetime) -> Any:
    """``rule`` starting at its last period start before ``before``: the same occurrences from
    there on, without walking the years between DTSTART and the window."""
    first: datetime = rule._dtstart
    period = rule._interval * (7 if rule._freq == WEEKLY else 1)  # days, a whole number of periods keeps the phase
    if first.tzinfo is None:
        before = before.replace(tzinfo=None)
    periods = (before - first).days // period - 1  # one period spare for summer time
    if periods <= 0:
        return rule
    # wall-clock days, as the rule counts them, whatever the time zone
    moved = rule.replace(dtstart=first + timedelta(days=periods * period))
    for attribute in ("until", "string"):  # the expansion reads these from each rule
        if hasattr(rule, attribute):
            setattr(moved, attribute, getattr(rule, attribute))
    return moved


class IcsCalendar(CalendarBackend):
    backend_name = "ics"
    read_only = True

    def __init__(self, paths: list[Path], tz: tzinfo, urls: list[str] | None = None,
                 cache_dir: Path | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.tz = tz
        self.incomplete = ""
        self._reads: dict[Path, _Read] = {}  # the daemon rereads every poll; most polls change nothing
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if urls and cache_dir is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="focusd-feeds-")
            cache_dir = Path(self._scratch.name)
        self.feeds = [Feed(u, cache_dir, MAX_FILE_BYTES) for u in urls or []] if cache_dir else []

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> IcsCalendar:
        return cls(section["paths"], env.tz, section.get("urls") or [], env.cache_dir)

    def _load(self, path: Path) -> icalendar.Calendar:
        """The file's calendars as one; its text never reaches the error."""
        try:
            data = read_file(path, MAX_FILE_BYTES)
        except FileProblem as exc:
            raise CalendarError(f"calendar file {exc}") from None
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

    def _sources(self) -> tuple[list[tuple[Path, str]], list[str]]:
        """(file, name) to read: the files, then each feed's fresh or kept copy; and why a
        feed's copy may be out of date."""
        sources = [(p, p.name) for p in self.paths]
        stale = []
        for feed in self.feeds:
            try:
                got = feed.fetch()
            except FeedError as exc:
                raise CalendarError(str(exc)) from None
            sources.append((got.path, feed.name))
            if got.stale:
                stale.append(got.stale)
        return sources, stale

    def check(self) -> str:
        sources, stale = self._sources()
        if stale:
            raise CalendarError("; ".join(stale))
        for path, _ in sources:
            self._load(path)
        return f"ics {', '.join(name for _, name in sources)}"

    def events(self, start: datetime, end: datetime) -> list[Event]:
        self.incomplete = ""
        out: list[Event] = []
        sources, gaps = self._sources()
        for path, name in sources:
            read = self._read(path, start, end)
            out += [copy(e) for e in read.events]  # the caller may change what it is given
            if read.cut:
                gaps.append(f"{name}: {read.cut} recurring events past the expansion budget were not read")
        self.incomplete = "; ".join(gaps)
        return sorted(out, key=lambda e: (e.start, e.uid))

    def _read(self, path: Path, start: datetime, end: datetime) -> _Read:
        """One file's events in the window, from the last read when the file has not changed."""
        try:
            st = path.stat()
            key: tuple[int, int, int, datetime, datetime] | None = (
                st.st_size, st.st_mtime_ns, st.st_ctime_ns, start, end)
        except OSError:
            key = None  # _load names the problem
        kept = self._reads.get(path)
        if kept is not None and kept.key == key:
            return kept
        cal = self._load(path)
        try:
            out, cut = expand(cal, start, end, self.tz, path.name)
        except RecursionError:
            raise CalendarError(f"calendar file {path} is nested too deeply to read") from None
        read = _Read(key, out, cut)
        if key is not None:
            self._reads[path] = read
        return read


def expand(cal: icalendar.Calendar, start: datetime, end: datetime, tz: tzinfo,
           name: str) -> tuple[list[Event], int]:
    """Every occurrence in ``cal`` overlapping [start, end), unsorted, and how many events a
    spent budget left out or cut short. ``name`` names the calendar in events and logs. One bad
    event is skipped with a logged reason. Shared by files and by the mirrors of remote
    calendars, so every backend expands recurrences the same way."""
    zones = list(cal.walk("VTIMEZONE"))
    groups = _groups(cal)
    budget = _Budget(MAX_FILE_STEPS, MAX_FILE_OCCURRENCES)
    out: list[Event] = []
    for index, (position, uid, comps) in enumerate(groups):
        where = {"file": name, "position": position, "uid_hash": short_uid(uid)}
        if budget.steps <= 0 or budget.occurrences <= 0:
            budget.cut += len(groups) - index
            log.warning("calendar.file_capped", file=name, events_left=len(groups) - index)
            break
        try:
            found = _expand(zones, comps, start, end, tz, name, where, budget)
            if len(found) > budget.occurrences:
                log.warning("calendar.file_capped", file=name, kept=MAX_FILE_OCCURRENCES)
                budget.cut += 1
                found = found[:budget.occurrences]
            budget.occurrences -= len(found)
            out += found
        except Exception as exc:  # noqa: BLE001 - one bad event must not hide the others
            # parser messages quote the offending line, so only our own reasons are logged
            reason = str(exc) if isinstance(exc, BadEvent) else type(exc).__name__
            log.warning("calendar.event_skipped", **where, reason=reason)
    return out, budget.cut


def _expand(zones: list[Any], comps: list[Any], start: datetime, end: datetime, tz: tzinfo,
            calendar: str, where: dict[str, Any], budget: _Budget) -> list[Event]:
    """One event's occurrences overlapping [start, end), at most ``MAX_OCCURRENCES``."""
    for comp in comps:
        if _impossible(comp):
            raise BadEvent("recurrence never happens")
        if _too_frequent(comp):
            raise BadEvent("recurs every second or minute, as no meeting does")
    mini = icalendar.Calendar()
    for zone in zones:
        mini.add_component(zone)
    for comp in comps:
        mini.add_component(comp.copy())  # without subcomponents: a nested VEVENT is its own
    query = recurring_ical_events.of(mini)
    stop = _stop(query, start, end, tz, where, budget)
    if stop is None:
        return []
    found = []
    for comp in query.between(start, stop):
        if comp.name == "VEVENT" and str(comp.get("STATUS", "")).upper() != "CANCELLED":
            found.append(event_from_component(comp, tz, calendar=calendar))
    found.sort(key=lambda e: e.start)
    if len(found) > MAX_OCCURRENCES:
        log.warning("calendar.occurrences_capped", **where, kept=MAX_OCCURRENCES)
    return found[:MAX_OCCURRENCES]

def _stop(query: Any, start: datetime, end: datetime, tz: tzinfo, where: dict[str, Any],
          budget: _Budget) -> datetime | None:
    """Where to stop expanding: ``end``, or earlier when a rule has more occurrences than the
    cap before it; None when a rule is too dense to reach the window at all.

    A rule of at most one occurrence a day is moved to start just before the window and not
    walked. Any other rule is walked lazily from its start, and its cache is the one the
    expansion reuses, so the expansion afterwards walks no further than this did.
    """
    stop = end
    for series in query.series:
        rules: list[Any] = getattr(series.recurrence, "rrules", [])
        # the expansion starts this much before the window, for events that last into it
        lead: timedelta | None = getattr(series, "_subtract_from_start", None)
        for number, rule in enumerate(rules):
            if _bounded(rule) and lead is not None:
                rules[number] = moved = _moved(rule, start - lead - timedelta(days=1))
                span = (_aware(end, tz) - _aware(moved._dtstart, tz)).days + 1
                if span <= MAX_RULE_STEPS:
                    budget.steps -= max(span, 0)  # at most one occurrence a day
                    continue
            inside = 0
            previous: datetime | None = None
            for steps, occurrence in enumerate(rules[number], 1):
                when = _aware(occurrence, tz)
                if previous is not None and when <= previous:
                    # INTERVAL=0 repeats one time forever; expanding it would never end
                    log.warning("calendar.event_skipped", **where, reason="recurrence does not advance")
                    return None
                if when >= stop:
                    break
                previous = when
                inside += when >= start
                budget.steps -= 1
                if budget.steps <= 0:
                    # the file's budget, not this rule, ran out: what is left unread is a gap
                    budget.cut += 1
                    log.warning("calendar.file_capped", **where, reason="expansion budget spent")
                    if not inside:
                        return None
                    stop = when
                    break
                if inside > MAX_OCCURRENCES or steps >= MAX_RULE_STEPS:
                    if not inside:
                        log.warning("calendar.event_skipped", **where, reason="recurrence too dense")
                        return None
                    log.warning("calendar.occurrences_capped", **where, kept=MAX_OCCURRENCES)
                    stop = when
                    break
    return stop
