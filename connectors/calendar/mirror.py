"""A local copy of a remote calendar, so that a sync asks the server only for what changed.

A remote backend (Google, CalDAV) keeps every object of its calendar here as iCalendar text
(one VCALENDAR per object: a master event with its overrides, or one override), with the
server's sync token. ``events()`` expands recurrences from the copy with the same code as ICS
files (:func:`connectors.calendar.ics.expand`), so every backend reads recurrences, overrides,
exceptions and all-day events alike.

The copy is one JSON file, written whole and atomically with mode 0600 (calendar text is
private). It names the calendar it mirrors: a file written for another calendar, or one that
cannot be read, starts a full sync instead of mixing calendars. A lost file costs one full sync,
never an event.

Reading is cheap when nothing changed: each object is parsed once (or handed in parsed by the
backend that built it), a lone event far outside the window read is not expanded at all, and the
last windows' expansions are kept until the copy changes, so a cycle with no change costs the
sync's request and a copy of the kept list.

Objects are untrusted. One holding more than ``MAX_OBJECT_EVENTS`` events is no invitation and is
skipped (and counted), so that it cannot spend the expansion budget the real meetings need. Two
objects whose masters share a UID are both read: the later ones under a UID made unique with
their object id, so that neither hides the other.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from copy import copy, deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import icalendar
import structlog

from connectors.calendar.ics import expand
from connectors.types import Event

log = structlog.get_logger(__name__)

FORMAT = 1
# How far outside the window a lone event may lie and still be expanded. Its span is taken as
# if in UTC; a time zone moves it less (the parser refuses an offset of a day or more).
MARGIN = timedelta(days=2)
KEPT_WINDOWS = 4  # expansions kept: the cycle reads one window, the CLI another
# Events (VEVENTs, nested ones too) one object may hold: an invitation holds a master and its
# overrides, a few hundred at most; more could only spend the calendar's expansion budget.
MAX_OBJECT_EVENTS = 1000
_BEGIN_VEVENT = re.compile(r"^BEGIN:VEVENT\r?$", re.IGNORECASE | re.MULTILINE)


@dataclass
class _Object:
    """One object as read: its components (None: only its lines were read, see :func:`_scan`),
    the UIDs of every VEVENT in it, and for a lone event that does not recur its span in UTC
    (None: always expanded)."""

    components: list[Any] | None
    uids: list[str]
    span: tuple[datetime, datetime] | None
    masters: list[str] | None = None  # UIDs of its VEVENTs without a RECURRENCE-ID; None: ``uids``
    skipped: bool = False  # too many events to be an invitation: not read


class Read(NamedTuple):
    """What :meth:`Mirror.events` found: the occurrences, how many events a spent expansion
    budget left out, and how many objects were skipped as too large to be an invitation."""

    events: list[Event]
    cut: int
    skipped: int


class Mirror:
    """Objects by id (a CalDAV href, a Google event id) as iCalendar text, and a sync token."""

    # Parsed objects handed in, lone events outside the window left out, kept expansions: off
    # only to measure what they save (bench/calendar.py).
    caching: ClassVar[bool] = True

    def __init__(self, path: Path | None, source: str, tz: tzinfo) -> None:
        self.path = path
        self.source = source  # what is mirrored, e.g. "caldav https://host/cal/": another source starts afresh
        self.tz = tz
        self.token: str | None = None
        self.objects: dict[str, str] = {}
        self.extra: dict[str, Any] = {}  # per-object data a backend keeps beside the text (ETags)
        self._parsed: dict[str, _Object] = {}  # object id -> its components, parsed once
        self._expanded: dict[tuple[datetime, datetime, str], Read] = {}  # while unchanged
        self._dirty = False
        self.load()

    # -- the file ----------------------------------------------------------------------------

    def load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("source") != self.source:
                log.info("calendar.mirror_reset", reason="written for another calendar or version")
                return
            objects = data["objects"]
            extra = data.get("extra", {})
            if not isinstance(objects, dict) or not all(isinstance(v, str) for v in objects.values()):
                raise ValueError("objects")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("calendar.mirror_unreadable", path=str(self.path), error=type(exc).__name__)
            return
        self.token = data.get("token") or None
        self.objects = objects
        self.extra = extra if isinstance(extra, dict) else {}

    def save(self) -> None:
        """Write the copy when it changed since it was read or last written."""
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "source": self.source, "token": self.token, "objects": self.objects,
                "extra": self.extra}
        fd, tmp = tempfile.mkstemp(prefix=".mirror-", dir=self.path.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False

    # -- changes -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything: the next sync is a full one (a token the server no longer knows)."""
        self.token = None
        self.objects = {}
        self.extra = {}
        self._parsed = {}
        self._changed()

    def set_token(self, token: str | None) -> None:
        if token != self.token:
            self.token = token
            self._dirty = True

    def put(self, object_id: str, ical: str, extra: Any = None, parsed: icalendar.Calendar | None = None) -> None:
        """Keep ``ical`` as the object ``object_id``. ``parsed``, when the backend has it, is
        ``ical`` already parsed (the calendar it was written from), so it is not parsed again."""
        if self.objects.get(object_id) != ical:
            self.objects[object_id] = ical
            self._parsed.pop(object_id, None)
            if parsed is not None and self.caching:
                self._parsed[object_id] = _parse(parsed)
            self._changed()
        if extra is not None and self.extra.get(object_id) != extra:
            self.extra[object_id] = extra
            self._dirty = True

    def remove(self, object_id: str) -> None:
        if object_id in self.objects:
            del self.objects[object_id]
            self._parsed.pop(object_id, None)
            self.extra.pop(object_id, None)
            self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self._expanded = {}

    # -- reading -----------------------------------------------------------------------------

    def _object(self, object_id: str, whole: bool) -> _Object:
        """The object as read so far; parsed whole when ``whole``, else its lines may do."""
        parsed = self._parsed.get(object_id)
        if parsed is None and not whole and self.caching:
            parsed = _scan(self.objects[object_id])
        if parsed is None or (whole and parsed.components is None):
            text = self.objects[object_id]
            try:
                # counted in the text first, so that such an object is not even parsed
                if len(_BEGIN_VEVENT.findall(text)) > MAX_OBJECT_EVENTS:
                    raise _TooLarge()
                parsed = _parse(icalendar.Calendar.from_ical(text))
                if len(parsed.uids) > MAX_OBJECT_EVENTS:
                    raise _TooLarge()
            except _TooLarge:
                log.warning("calendar.object_skipped", object=object_id[-40:],
                            reason=f"more than {MAX_OBJECT_EVENTS} events in one object")
                parsed = _Object([], [], None, skipped=True)
            except Exception as exc:  # noqa: BLE001 - one bad object must not hide the others
                log.warning("calendar.object_skipped", object=object_id[-40:], reason=type(exc).__name__)
                parsed = _Object([], [], None)
            self._parsed[object_id] = parsed
        return parsed

    def events(self, start: datetime, end: datetime, name: str) -> Read:
        """Every occurrence overlapping [start, end), sorted; how many events a spent expansion
        budget left out (see :func:`connectors.calendar.ics.expand`); and how many objects were
        skipped as too large. The same window read again while nothing changed is answered from
        the last expansion."""
        key = (start, end, name)
        kept = self._expanded.get(key) if self.caching else None
        if kept is None:
            kept = self._expand(start, end, name)
            if len(self._expanded) >= KEPT_WINDOWS:
                self._expanded = {}
            if self.caching:
                self._expanded[key] = kept
        return Read([copy(e) for e in kept.events], kept.cut, kept.skipped)  # the caller may change them

    def _expand(self, start: datetime, end: datetime, name: str) -> Read:
        ids = sorted(self.objects)
        objects = [self._object(object_id, whole=False) for object_id in ids]
        uses: dict[str, int] = {}
        for obj in objects:
            for uid in obj.uids:
                uses[uid] = uses.get(uid, 0) + 1
        low, high = start.astimezone(UTC) - MARGIN, end.astimezone(UTC) + MARGIN
        cal = icalendar.Calendar()
        zones: set[str] = set()
        owner: dict[str, str] = {}  # a master's UID -> the object that holds it first
        shared = skipped = 0
        for object_id, obj in zip(ids, objects, strict=True):
            # a lone event far outside the window has no occurrence in it: not worth expanding
            if self.caching and obj.span is not None and uses[obj.uids[0]] == 1 and (
                    obj.span[1] < low or obj.span[0] > high):
                continue
            whole = self._object(object_id, whole=True)
            skipped += whole.skipped
            # another object's master already has this UID: read this one under its own, or the
            # expansion would keep only one of them and a real meeting would look free
            masters = whole.uids if whole.masters is None else whole.masters
            clash = {uid for uid in masters if owner.setdefault(uid, object_id) != object_id}
            shared += bool(clash)
            for comp in whole.components or []:
                if comp.name == "VTIMEZONE":
                    tzid = str(comp.get("TZID", ""))
                    if tzid in zones:
                        continue
                    zones.add(tzid)
                cal.add_component(_renamed(comp, clash, object_id) if clash else comp)
        if shared:
            log.warning("calendar.uid_shared", file=name, objects=shared)
        found, cut = expand(cal, start, end, self.tz, name)
        return Read(sorted(found, key=lambda e: (e.start, e.uid)), cut, skipped)


class _TooLarge(Exception):
    """An object with more events than an invitation holds."""


def _renamed(comp: Any, uids: set[str], object_id: str) -> Any:
    """A copy of ``comp`` in which every VEVENT whose UID is in ``uids`` has that UID made unique
    with ``object_id``; the kept component itself is left as it is."""
    comp = deepcopy(comp)
    for ev in comp.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        if uid in uids:
            ev.pop("UID", None)
            ev.add("uid", f"{uid}/{object_id}")
    return comp


def _parse(cal: icalendar.Calendar) -> _Object:
    components = [c for c in cal.subcomponents if c.name in ("VEVENT", "VTIMEZONE")]
    events = [ev for c in components if c.name == "VEVENT" for ev in c.walk("VEVENT")]
    uids = [str(ev.get("UID", "")) for ev in events]
    masters = [str(ev.get("UID", "")) for ev in events if ev.get("RECURRENCE-ID") is None]
    return _Object(components, uids, _span(components), masters)


_RECURS = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")


def _span(components: list[Any]) -> tuple[datetime, datetime] | None:
    """The UTC span of an object's one VEVENT when it neither recurs nor holds another event;
    None when it does, or when its times are not plain (the expansion judges those)."""
    events = [c for c in components if c.name == "VEVENT"]
    if len(events) != 1 or len(events[0].walk("VEVENT")) != 1 or not events[0].get("UID"):
        return None
    ev = events[0]
    if any(ev.get(name) is not None for name in _RECURS):
        return None
    try:
        first = ev.decoded("DTSTART")
        if ev.get("DTEND") is not None:
            last = ev.decoded("DTEND")
        elif ev.get("DURATION") is not None:
            last = first + ev.decoded("DURATION")
        else:
            last = first
        if not isinstance(first, date) or not isinstance(last, date) or isinstance(first, datetime) != isinstance(
                last, datetime):
            return None
        low, high = _utc(first), _utc(last)
    except Exception:  # noqa: BLE001 - any odd value: leave it to the expansion, which logs why
        return None
    return (low, high) if low <= high else None


_LINE = re.compile(r"([A-Za-z0-9-]+)[;:]")
_DATE = re.compile(r"\d{8}(T\d{6}Z?)?")
_DURATION = re.compile(r"\+?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)")
_SPAN_KEYS = ("UID", "DTSTART", "DTEND", "DURATION")


def _scan(text: str) -> _Object | None:
    """The UID and UTC span of an object that is one lone VEVENT, read from its lines without
    parsing it (parsing is most of a first read, and most of a calendar is far from the window
    read); None for anything else, or anything this reading is not sure of: the parser decides."""
    unfolded = text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")
    open_: list[str] = []
    found: dict[str, str] = {}
    vevents = 0
    for line in unfolded.split("\n"):
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            return None
        key = match.group(1).upper()
        value = line.rpartition(":")[2]
        if key == "BEGIN":
            open_.append(value.upper())
            vevents += value.upper() == "VEVENT"
        elif key == "END":
            if not open_ or open_.pop() != value.upper():
                return None
        elif open_ == ["VCALENDAR", "VEVENT"]:
            if key in _RECURS or (key in _SPAN_KEYS and key in found):
                return None
            if key in _SPAN_KEYS:
                found[key] = line[len(key):]  # parameters and value
    if open_ or vevents != 1 or "UID" not in found or "DTSTART" not in found:
        return None
    uid = found["UID"].partition(":")[2]
    if not uid or "\\" in uid or found["UID"][0] != ":":
        return None
    first, dated = _moment(found["DTSTART"])
    if first is None:
        return None
    last: datetime | None = first
    if "DTEND" in found:
        last, end_dated = _moment(found["DTEND"])
        if end_dated != dated:
            return None
    elif "DURATION" in found:
        value = found["DURATION"].rpartition(":")[2]
        last = first + icalendar.vDuration.from_ical(value) if _DURATION.fullmatch(value) else None
    if last is None or last < first:
        return None
    return _Object(None, [uid], (first, last))


def _moment(raw: str) -> tuple[datetime | None, bool]:
    """A DATE or DATE-TIME value as UTC, its zone ignored (the margin covers any), and whether it
    is a date; None when it is not one plain value."""
    value = raw.rpartition(":")[2]
    if not _DATE.fullmatch(value):
        return None, False
    try:
        if len(value) == 8:
            return datetime.strptime(value, "%Y%m%d").replace(tzinfo=UTC), True
        return datetime.strptime(value[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC), False
    except ValueError:
        return None, False


def _utc(value: date) -> datetime:
    """A time as UTC; a floating time or a date as if in UTC (the margin covers any zone)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(), tzinfo=UTC)


def to_ical(event: Event, uid: str) -> str:
    """One event as a VCALENDAR of one VEVENT: how focusd writes its blocks to a calendar that
    stores iCalendar. Times are written in UTC (no VTIMEZONE to get wrong); an all-day event as
    dates. focusd's tag is ``X-FOCUSD-ITEM``."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//focusd//focusd//EN")
    cal.add("version", "2.0")
    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", datetime.now(UTC))
    ev.add("summary", event.title)
    if event.all_day:
        ev.add("dtstart", event.start.date())
        ev.add("dtend", event.end.date())
    else:
        ev.add("dtstart", event.start.astimezone(UTC))
        ev.add("dtend", event.end.astimezone(UTC))
    if event.description:
        ev.add("description", event.description)
    if event.location:
        ev.add("location", event.location)
    if event.organizer:
        ev.add("organizer", f"mailto:{event.organizer}")
    for a in event.attendees:
        params = {"PARTSTAT": a.status.upper()} | ({"CN": a.name} if a.name else {})
        ev.add("attendee", f"mailto:{a.email}", parameters=params)
    ev.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    if event.focusd_item is not None:
        ev.add("x-focusd-item", str(event.focusd_item))
    cal.add_component(ev)
    return cal.to_ical().decode("utf-8")


def retime(ical: str, uid: str, start: datetime, end: datetime) -> str:
    """``ical`` with the VEVENT ``uid`` (its master, not an override) at a new time, everything
    else as it was: how a block is moved without rewriting what the calendar holds."""
    cal = icalendar.Calendar.from_ical(ical)
    for comp in cal.walk("VEVENT"):
        if str(comp.get("UID", "")) == uid and comp.get("RECURRENCE-ID") is None:
            for name, value in (("DTSTART", start), ("DTEND", end)):
                comp.pop(name, None)
                comp.add(name.lower(), value.astimezone(UTC))
            comp.pop("DURATION", None)
            comp.pop("DTSTAMP", None)
            comp.add("dtstamp", datetime.now(UTC))
            seq = int(str(comp.get("SEQUENCE", 0)) or 0)
            comp.pop("SEQUENCE", None)
            comp.add("sequence", seq + 1)
            return cal.to_ical().decode("utf-8")
    raise KeyError(uid)


def master_event(ical: str, uid: str, tz: tzinfo) -> Event | None:
    """The VEVENT ``uid`` of ``ical`` (its master) as an Event, unexpanded; None when absent."""
    from connectors.calendar.ics import BadEvent, event_from_component

    cal = icalendar.Calendar.from_ical(ical)
    for comp in cal.walk("VEVENT"):
        if str(comp.get("UID", "")) == uid and comp.get("RECURRENCE-ID") is None:
            try:
                return event_from_component(comp, tz)
            except BadEvent:
                return None
    return None
