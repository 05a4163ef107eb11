"""Google Calendar through the Calendar v3 API (google-api-python-client).

Reading keeps a :class:`~connectors.calendar.mirror.Mirror` of the whole calendar: a first full
listing (series whole, deleted events included, page by page), then ``syncToken`` listings that
bring only what changed, so a sync with no change is one request. A token Google no longer
accepts (410 Gone) starts a full listing again from an empty copy. Each Google event becomes
one VCALENDAR in the copy: a series under its own id, an exception (moved or cancelled
occurrence) under its id with the series' UID and a RECURRENCE-ID, so that recurrences expand
with the same code as ICS files.

focusd's blocks carry the private extended property ``focusd=<item id>``. Writes go to the API
and their answers are applied to the copy at once; the next sync brings the same change again,
which changes nothing. A refused token is one sentence: run ``focusd auth google`` again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import structlog

from connectors import BackendEnv
from connectors.calendar.base import CalendarBackend, CalendarError, Gone, parse_tag, short_uid
from connectors.calendar.ics import BadEvent, event_from_component
from connectors.calendar.mirror import Mirror
from connectors.google_auth import RUN_AGAIN, GoogleAuthError, load_credentials, save_credentials
from connectors.types import Event

log = structlog.get_logger(__name__)

NAME = "google"
PAGE = 2500  # the most Google lists in one page
MAX_PAGES = 100  # pages of one listing: 250,000 events; a token that never ends is cut here
REFUSED = f"Google refused focusd's token (revoked or expired): {RUN_AGAIN}"
PARTSTAT = {"needsAction": "NEEDS-ACTION", "declined": "DECLINED", "tentative": "TENTATIVE",
            "accepted": "ACCEPTED"}
RECURRENCE = ("RRULE", "EXRULE", "RDATE", "EXDATE")
WRITERS = ("owner", "writer")


class _HttpStatus(CalendarError):
    """Google answered with an HTTP error; ``status`` lets a caller tell 404 and 410 apart."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def mirror_file(cache_dir: Path, calendar_id: str) -> Path:
    """The copy's file: one per calendar, named by a hash so the address is not in the name."""
    return cache_dir / f"calendar-google-{hashlib.sha256(calendar_id.encode()).hexdigest()[:12]}.json"


class GoogleCalendar(CalendarBackend):
    backend_name = NAME

    def __init__(self, tz: tzinfo, calendar_id: str = "primary", *, service: Any = None,
                 credentials: Any = None, token_file: Path | None = None, api_endpoint: str | None = None,
                 cache_dir: Path | None = None) -> None:
        """``service`` is an already-built client; else one is built from ``credentials`` (or the
        ``token_file`` that ``focusd auth google`` wrote), at ``api_endpoint`` when given."""
        self.tz = tz
        self.calendar_id = calendar_id
        self._service = service
        self._credentials = credentials
        self._token_file = token_file
        self._api_endpoint = api_endpoint
        self._saved_token: str | None = getattr(credentials, "token", None)
        path = mirror_file(cache_dir, calendar_id) if cache_dir is not None else None
        self.mirror = Mirror(path, f"google {calendar_id}", tz)
        self.skipped = 0  # objects the last read left out as too large to be an invitation
        self._cut = False  # the last sync stopped at MAX_PAGES

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> GoogleCalendar:
        token = str(section.get("token_file") or "")
        return cls(env.tz, str(section.get("calendar_id") or "primary"), token_file=Path(token) if token else None,
                   cache_dir=env.cache_dir)

    # -- the client ---------------------------------------------------------------------------

    def _api(self) -> Any:
        if self._service is None:
            from googleapiclient.discovery import build

            if self._credentials is None:
                if self._token_file is None:
                    raise CalendarError(f"no Google token file is configured ([calendar].token_file): {RUN_AGAIN}")
                try:
                    self._credentials = load_credentials(self._token_file)
                except GoogleAuthError as exc:
                    raise CalendarError(str(exc)) from None
                self._saved_token = self._credentials.token
            options = {"api_endpoint": self._api_endpoint} if self._api_endpoint else None
            self._service = build("calendar", "v3", static_discovery=True, credentials=self._credentials,
                                  cache_discovery=False, client_options=options)
        return self._service

    def _run(self, request: Any, what: str) -> Any:
        """Execute one API request; every failure becomes one :class:`CalendarError` sentence."""
        from google.auth.exceptions import RefreshError, TransportError
        from googleapiclient.errors import HttpError
        from httplib2 import HttpLib2Error

        try:
            return request.execute(num_retries=2)
        except RefreshError:
            raise CalendarError(REFUSED) from None
        except HttpError as exc:
            status = int(exc.resp.status)
            if status == 401:
                raise CalendarError(REFUSED) from None
            if status == 403:
                raise _HttpStatus(status, f"Google Calendar refused to {what} (HTTP 403: no access to calendar "
                                  "or quota spent)") from None
            raise _HttpStatus(status, f"Google Calendar could not {what} (HTTP {status})") from None
        except (TransportError, HttpLib2Error, OSError) as exc:
            raise CalendarError(f"cannot reach Google Calendar to {what} ({type(exc).__name__})") from None
        finally:
            self._keep_token()

    def _keep_token(self) -> None:
        """Write a refreshed access token back to the token file (mode 0600)."""
        creds = self._credentials
        if creds is None or self._token_file is None or creds.token == self._saved_token:
            return
        try:
            save_credentials(creds, self._token_file)
            self._saved_token = creds.token
        except OSError as exc:
            log.warning("calendar.google_token_not_saved", error=type(exc).__name__)

    # -- reading ----------------------------------------------------------------------------

    def check(self) -> str:
        self._run(self._api().events().list(calendarId=self.calendar_id, maxResults=1), "read the calendar")
        return f"google calendar {self.calendar_id}: readable"

    def check_write(self) -> str:
        self._writable()
        entry = self._run(self._api().calendarList().get(calendarId=self.calendar_id), "read the calendar's rights")
        role = str(entry.get("accessRole", "none"))
        if role not in WRITERS:
            raise CalendarError(f"focusd can only read the Google calendar {self.calendar_id} (access: {role}): "
                                "give it a calendar you own or can edit ([calendar].calendar_id)")
        return f"writable ({role})"

    def events(self, start: datetime, end: datetime) -> list[Event]:
        self.incomplete = ""
        self.sync()
        found, cut, self.skipped = self.mirror.events(start, end, NAME)
        gaps = []
        if self._cut:
            gaps.append(f"Google Calendar listed more than {MAX_PAGES} pages, so only part of the calendar was read")
        if cut:
            gaps.append(f"{cut} events of the Google calendar were too large to expand")
        self.incomplete = "; ".join(gaps)
        return found

    def sync(self) -> None:
        """Bring the copy up to date: only the changes when it has a token, else everything."""
        self._cut = False
        if self.mirror.token:
            try:
                self._pull(self.mirror.token)
            except _HttpStatus as exc:
                if exc.status != 410:
                    raise
                log.info("calendar.google_resync", reason="sync token expired")
                self._pull(None)
        else:
            self._pull(None)
        self.mirror.save()

    def _pull(self, token: str | None) -> None:
        if token is None:
            self.mirror.reset()  # a full listing replaces whatever a broken one left
        page: str | None = None
        events = self._api().events()
        for _ in range(MAX_PAGES):
            args: dict[str, Any] = {"calendarId": self.calendar_id, "singleEvents": False, "showDeleted": True,
                                    "maxResults": PAGE}
            if token:
                args["syncToken"] = token
            if page:
                args["pageToken"] = page
            answer = self._run(events.list(**args), "list events")
            if not isinstance(answer, Mapping):
                raise CalendarError("Google Calendar answered the event listing with something that is not a listing")
            items = answer.get("items")
            for item in items if isinstance(items, list) else []:
                self._apply(item)
            page = answer.get("nextPageToken")
            if not isinstance(page, str) or not page:
                token = answer.get("nextSyncToken")
                self.mirror.set_token(token if isinstance(token, str) and token else None)
                return
        # what was read is kept; without a sync token the next cycle lists everything again
        log.warning("calendar.google_sync_cut", pages=MAX_PAGES)
        self.mirror.set_token(None)
        self._cut = True

    def _apply(self, item: Any) -> None:
        """One listed event into the copy: stored, replaced, or removed."""
        if not isinstance(item, Mapping):
            log.warning("calendar.event_skipped", file=NAME, reason="listed entry is not an event")
            return
        event_id = item.get("id")
        if not isinstance(event_id, str) or not event_id:
            return
        series = item.get("recurringEventId")
        if item.get("status") == "cancelled" and not (series and item.get("originalStartTime")):
            known = self.mirror.extra.get(event_id)
            if isinstance(known, dict) and known.get("series", event_id) != event_id:  # a known exception, listed bare
                self._cancel_exception(event_id)
                return
            # a deleted event or series: its exceptions go with it
            for other, extra in list(self.mirror.extra.items()):
                if isinstance(extra, dict) and extra.get("series") == event_id:
                    self.mirror.remove(other)
            self.mirror.remove(event_id)
            return
        try:
            text, parsed = vcalendar(item, self.tz)
        except Exception as exc:  # noqa: BLE001 - any odd field skips this event, never the calendar
            reason = str(exc) if isinstance(exc, BadEvent) else type(exc).__name__
            log.warning("calendar.event_skipped", file=NAME, uid_hash=short_uid(event_id), reason=reason)
            self.mirror.remove(event_id)
            return
        self.mirror.put(event_id, text, {"series": series or event_id, "etag": str(item.get("etag", ""))}, parsed)

    def _cancel_exception(self, event_id: str) -> None:
        cal = icalendar.Calendar.from_ical(self.mirror.objects[event_id])
        for comp in cal.walk("VEVENT"):
            comp.pop("STATUS", None)
            comp.add("status", "CANCELLED")
        self.mirror.put(event_id, cal.to_ical().decode("utf-8"))

    # -- writing ------------------------------------------------------------------------------

    def _event(self, item: Mapping[str, Any]) -> Event:
        return event_from_component(component(item, self.tz), self.tz, calendar=NAME)

    def _get(self, uid: str) -> Event | None:
        try:
            item = self._run(self._api().events().get(calendarId=self.calendar_id, eventId=uid), "read an event")
        except _HttpStatus as exc:
            if exc.status in (404, 410):
                return None
            raise
        if not isinstance(item, Mapping):
            return Event(uid=uid, title="", start=datetime.now(UTC), end=datetime.now(UTC))  # not focusd's
        if item.get("status") == "cancelled":
            return None
        try:
            return self._event(item)
        except Exception:  # noqa: BLE001 - any odd field
            # unreadable as an event: certainly not one focusd wrote, so leave it alone
            return Event(uid=uid, title="", start=datetime.now(UTC), end=datetime.now(UTC))

    def _create(self, event: Event) -> Event:
        body: dict[str, Any] = {
            "summary": event.title,
            "start": when(event.start, event.all_day),
            "end": when(event.end, event.all_day),
            "transparency": "opaque",
            "extendedProperties": {"private": {"focusd": str(event.focusd_item)}},
        }
        if event.description:
            body["description"] = event.description
        if event.location:
            body["location"] = event.location
        item = self._run(self._api().events().insert(calendarId=self.calendar_id, body=body), "book a block")
        return self._written(item)

    def _update(self, event: Event) -> Event:
        body = {"start": when(event.start, event.all_day), "end": when(event.end, event.all_day)}
        try:
            item = self._run(self._api().events().patch(calendarId=self.calendar_id, eventId=event.uid, body=body),
                             "move a block")
        except _HttpStatus as exc:
            if exc.status in (404, 410):
                raise Gone(f"no event {short_uid(event.uid)}") from None
            raise
        return self._written(item)

    def _delete(self, uid: str) -> None:
        try:
            self._run(self._api().events().delete(calendarId=self.calendar_id, eventId=uid), "delete a block")
        except _HttpStatus as exc:
            if exc.status in (404, 410):
                raise Gone(f"no event {short_uid(uid)}") from None
            raise
        self.mirror.remove(uid)
        self.mirror.save()

    def _written(self, item: Mapping[str, Any]) -> Event:
        self._apply(item)
        self.mirror.save()
        return self._event(item)


# -- Google's event JSON as iCalendar -------------------------------------------------------------


def when(moment: datetime, all_day: bool) -> dict[str, str]:
    """An EventDateTime: a date, or a time with its IANA zone when it has one (else in UTC)."""
    if all_day:
        return {"date": moment.date().isoformat()}
    moment = moment.replace(microsecond=0)
    key = getattr(moment.tzinfo, "key", None)
    if isinstance(key, str):
        return {"dateTime": moment.isoformat(), "timeZone": key}
    return {"dateTime": moment.astimezone(UTC).isoformat().replace("+00:00", "Z")}


def _zone(name: Any) -> ZoneInfo | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _moment(part: Any, fallback: tzinfo | None) -> date | datetime:
    """An EventDateTime as a date (all day) or an aware time in its own zone: a series keeps
    its wall-clock time across daylight-saving changes only in a named zone."""
    if not isinstance(part, Mapping):
        raise BadEvent("no start")
    if isinstance(part.get("dateTime"), str):
        moment = datetime.fromisoformat(part["dateTime"].replace("Z", "+00:00"))
        if moment.tzinfo is None:
            raise BadEvent("time without an offset")
        zone = _zone(part.get("timeZone")) or fallback
        return moment.astimezone(zone) if zone is not None else moment.astimezone(UTC)
    if isinstance(part.get("date"), str):
        return date.fromisoformat(part["date"])
    raise BadEvent("no date or time")


def _person(who: Mapping[str, Any], params: dict[str, str]) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{who.get('email', '')}")
    name = who.get("displayName")
    if isinstance(name, str) and name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def component(item: Mapping[str, Any], tz: tzinfo) -> icalendar.Event:
    """One Google event as a VEVENT (without its recurrence lines): the series' UID, and for an
    exception a RECURRENCE-ID from its original start."""
    ev = icalendar.Event()
    series = item.get("recurringEventId")
    ev.add("uid", series if isinstance(series, str) and series else item["id"])
    # a series must expand in a named zone; Google always names one, the owner's is the fallback
    fallback = tz if item.get("recurrence") or series else None
    original = item.get("originalStartTime")
    cancelled = item.get("status") == "cancelled"
    start = _moment(original if cancelled and "start" not in item else item.get("start"), fallback)
    ev.add("dtstart", start)
    if isinstance(item.get("end"), Mapping) and not item.get("endTimeUnspecified"):
        end = _moment(item["end"], fallback)
        if isinstance(end, datetime) != isinstance(start, datetime):
            raise BadEvent("start and end of different kinds")
        ev.add("dtend", end)
    if series:
        if not isinstance(original, Mapping):
            raise BadEvent("exception without its original start")
        ev.add("recurrence-id", _moment(original, fallback))
    updated = item.get("updated")
    if isinstance(updated, str):
        ev.add("dtstamp", datetime.fromisoformat(updated.replace("Z", "+00:00")))
    status = item.get("status")
    if isinstance(status, str) and status:
        ev.add("status", status.upper())
    for key in ("summary", "description", "location"):
        if isinstance(item.get(key), str) and item[key]:
            ev.add(key, item[key])
    organizer = item.get("organizer")
    if isinstance(organizer, Mapping) and organizer.get("email"):
        ev.add("organizer", _person(organizer, {}))
    for attendee in item.get("attendees") or []:
        if isinstance(attendee, Mapping) and attendee.get("email"):
            partstat = PARTSTAT.get(str(attendee.get("responseStatus")), "NEEDS-ACTION")
            ev.add("attendee", _person(attendee, {"PARTSTAT": partstat}))
    ev.add("transp", "TRANSPARENT" if item.get("transparency") == "transparent" else "OPAQUE")
    # any field of the wrong type is taken as absent: the event is read without a tag
    extended = item.get("extendedProperties")
    private = extended.get("private") if isinstance(extended, Mapping) else None
    tag = parse_tag(private.get("focusd")) if isinstance(private, Mapping) else None
    if tag is not None:
        ev.add("x-focusd-item", str(tag))
    return ev


def vcalendar(item: Mapping[str, Any], tz: tzinfo) -> tuple[str, icalendar.Calendar | None]:
    """One Google event as the VCALENDAR text the mirror keeps, with its RRULE, EXDATE and RDATE
    lines as Google gives them (checked to be recurrence lines, then parsed once to be sure); and
    that parse, which the mirror keeps instead of parsing the text again. None for an event
    without recurrence lines: the calendar it was written from is not what its text reads back
    as (a line break in a title), so the mirror parses the text itself."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//focusd//google//EN")
    cal.add("version", "2.0")
    cal.add_component(component(item, tz))
    text = cal.to_ical().decode("utf-8")
    lines = []
    parsed = None
    for line in item.get("recurrence") or []:
        if not isinstance(line, str) or "\r" in line or "\n" in line:
            raise BadEvent("recurrence line is not one line")
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name not in RECURRENCE:
            raise BadEvent("recurrence line of an unknown kind")
        lines.append(line)
    if lines:
        head, _, tail = text.rpartition("END:VEVENT\r\n")
        text = head + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n" + tail
        parsed = icalendar.Calendar.from_ical(text)  # a line icalendar cannot read fails here, not later
    return text, parsed
