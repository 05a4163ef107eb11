"""A CalDAV calendar (Fastmail, iCloud, Nextcloud, Radicale ...), read and written over WebDAV.

``url`` is a calendar collection, used as it is, or a server root or principal: then the
principal's calendars are discovered and the first one the server lists is used. The calendar
is kept in a :class:`~connectors.calendar.mirror.Mirror`; a sync asks only for what changed:
with the collection's sync token (RFC 6578 sync-collection REPORT) where the server has one,
else by comparing ETags (a PROPFIND of depth 1). Changed objects come with the sync answer when
the server includes them, else in one calendar-multiget. A sync with no change is one request.

focusd's blocks are objects of their own (``<uuid>@focusd``) tagged ``X-FOCUSD-ITEM``. Every
write is conditional: a new block with ``If-None-Match: *``, a move or a delete with the
``If-Match`` ETag read just before; when the object changed in between (412), it is read again,
checked to be still focusd's, and the write retried on what the server now holds: never blindly.

Server errors become one sentence (:class:`CalendarError`) naming the host, never the password
or the calendar's text.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any, Self
from urllib.parse import quote, urljoin, urlsplit
from xml.sax.saxutils import escape

import structlog
from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from caldav.lib.http_sync import requests as http
from lxml import etree

from connectors import BackendEnv
from connectors.calendar.base import CalendarBackend, CalendarError, Gone, NotOurs, short_uid
from connectors.calendar.mirror import Mirror, master_event, retime, to_ical
from connectors.types import Event

log = structlog.get_logger(__name__)

TIMEOUT = 30  # seconds for one request
MAX_SYNC_PAGES = 50  # sync answers a server cut short (507) are continued at most this often
MULTIGET_BATCH = 200  # hrefs asked for in one calendar-multiget
MAX_CONFLICT_RETRIES = 3  # a block changed under a write is re-read and retried this often

_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}
XML = '<?xml version="1.0" encoding="utf-8"?>\n'
DATA_PROPS = "<d:prop><d:getetag/><c:calendar-data/></d:prop>"


@dataclass
class _Object:
    """One calendar object as the server holds it now."""

    href: str
    etag: str
    ical: str


class CaldavCalendar(CalendarBackend):
    backend_name = "caldav"

    def __init__(self, url: str, username: str, password: str, tz: tzinfo, env: BackendEnv | None = None,
                 timeout: int = TIMEOUT) -> None:
        if not url:
            raise CalendarError("calendar.url is not set: give the CalDAV calendar's URL")
        self.url = url if url.endswith("/") else url + "/"
        self.tz = tz
        self.host = urlsplit(self.url).hostname or "the server"
        # Basic auth is sent with the first request: no 401 round trip on each new connection.
        self.client = DAVClient(self.url, username=username or None, password=password or None,
                                auth_type="basic" if username else None, timeout=timeout)
        self.client.session.hooks["response"].append(self._repair_utf8)
        self._username = username
        self.incomplete = ""
        self.skipped = 0  # objects the last read left out as too large to be an invitation
        self._cut = False  # the last sync stopped at MAX_SYNC_PAGES
        cache = env.cache_dir if env is not None else None
        digest = hashlib.sha256(self.url.encode()).hexdigest()[:12]
        self.mirror = Mirror(cache / f"calendar-caldav-{digest}.json" if cache else None, f"caldav {self.url}", tz)
        self._collection: str | None = None  # the calendar's URL, once resolved
        self._has_sync: bool = False
        self._seen: dict[str, _Object] = {}  # uid -> the object as last read by _get, for a write

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> Self:
        password = env.secret("calendar.password") if env.configured("calendar.password") else ""
        return cls(section.get("url", ""), section.get("username", ""), password, env.tz, env)

    # -- requests ----------------------------------------------------------------------------

    def _request(self, method: str, url: str, body: str = "", headers: Mapping[str, str] | None = None) -> Any:
        """One request; what goes wrong becomes one sentence."""
        where = f"the CalDAV server {self.host}"
        try:
            return self.client.request(url, method, body, dict(headers or {}))
        except dav_error.AuthorizationError as exc:
            if getattr(exc, "status", None) == 401:
                who = f" as {self._username}" if self._username else ""
                raise CalendarError(f"{where} refused the login{who}: check calendar.username and "
                                    "calendar.password") from None
            raise _Forbidden(f"{where} refused access to {urlsplit(url).path}",
                             list(getattr(exc, "preconditions", None) or [])) from None
        except http.exceptions.SSLError:
            raise CalendarError(f"{where} failed the TLS handshake (its certificate could not be "
                                "verified)") from None
        except http.exceptions.Timeout:
            raise CalendarError(f"{where} did not answer within {self.client.timeout} seconds") from None
        except http.exceptions.ConnectionError:
            raise CalendarError(f"{where} cannot be reached (is the URL right and the host up?)") from None
        except (http.exceptions.RequestException, dav_error.DAVError) as exc:
            raise CalendarError(f"{where} could not be asked ({type(exc).__name__})") from None
        except etree.XMLSyntaxError:
            # the client parses an answer labelled XML itself, before _xml sees it
            raise CalendarError(f"{where} answered {method} with something that is not WebDAV XML") from None

    def _repair_utf8(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        """A response hook: an answer in UTF-8 holding a few bytes that are not (one broken
        object) is read with replacement characters there, so the XML parses and only that
        object is affected instead of the whole answer being refused on every sync."""
        body = response.content
        if not isinstance(body, bytes) or not body or body.startswith((b"\xff\xfe", b"\xfe\xff")):
            return response  # empty, or UTF-16 with its byte order mark
        declared = _DECLARED_ENCODING.match(body)
        if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return response  # another encoding, declared: the parser reads it as such
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("calendar.caldav_bad_utf8", host=self.host)
            response._content = body.decode("utf-8", errors="replace").encode("utf-8")
        return response

    def _xml(self, response: Any, what: str) -> Any:
        if response.status == 404:
            raise CalendarError(f"the CalDAV server {self.host} has no calendar at {urlsplit(self.url).path}")
        if response.status not in (200, 207):
            raise _Refused(response.status, f"the CalDAV server {self.host} answered {what} with "
                           f"HTTP {response.status}", dav_error.parse_preconditions(response._raw))
        try:
            raw = response._raw if isinstance(response._raw, bytes) else str(response._raw).encode()
            return etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        except etree.XMLSyntaxError:
            raise CalendarError(f"the CalDAV server {self.host} answered {what} with something that is not "
                                "WebDAV XML") from None

    def _propfind(self, url: str, props: str, depth: int) -> Any:
        body = f'{XML}<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>{props}</d:prop></d:propfind>'
        return self._xml(self._request("PROPFIND", url, body, {"Depth": str(depth),
                                                                "Content-Type": "application/xml; charset=utf-8"}),
                         "PROPFIND")

    def _report(self, url: str, body: str, depth: int) -> Any:
        return self._xml(self._request("REPORT", url, XML + body, {"Depth": str(depth),
                                                                    "Content-Type": "application/xml; charset=utf-8"}),
                         "REPORT")

    def _path(self, href: str) -> str:
        """An href as the object id kept in the mirror: its path, as the server spells it."""
        return urlsplit(urljoin(self.collection(), href.strip())).path

    def _url(self, object_id: str) -> str:
        return urljoin(self.collection(), object_id)

    # -- the calendar ------------------------------------------------------------------------

    def collection(self) -> str:
        """The calendar's URL: ``url`` itself when it is a calendar, else the first calendar
        the principal it leads to has."""
        if self._collection is None:
            self._collection = self._resolve()
        return self._collection

    def _resolve(self) -> str:
        try:
            found = self._propfind(self.url, "<d:resourcetype/><d:sync-token/>", 0)
        except _Refused as exc:
            raise CalendarError(f"{urlsplit(self.url).path} on {self.host} is not a CalDAV server (it answered "
                                f"HTTP {exc.status} to a calendar request)") from None
        if found.find(".//d:resourcetype/c:calendar", NS) is not None:
            self._has_sync = bool((found.findtext(".//d:sync-token", "", NS) or "").strip())
            return self.url
        try:
            calendars = self.client.principal().calendars()
        except dav_error.AuthorizationError:
            raise CalendarError(f"the CalDAV server {self.host} refused the login: check calendar.username "
                                "and calendar.password") from None
        except (http.exceptions.RequestException, dav_error.DAVError, ValueError, KeyError) as exc:
            raise CalendarError(f"{urlsplit(self.url).path} on {self.host} is not a CalDAV calendar, and no "
                                f"calendar could be found from it ({type(exc).__name__})") from None
        if not calendars:
            raise CalendarError(f"{urlsplit(self.url).path} on {self.host} is not a CalDAV calendar, and its "
                                "principal has no calendars")
        chosen = str(calendars[0].url)
        chosen = chosen if chosen.endswith("/") else chosen + "/"
        log.info("calendar.caldav_discovered", calendars=len(calendars), chosen=urlsplit(chosen).path)
        found = self._propfind(chosen, "<d:resourcetype/><d:sync-token/>", 0)
        self._has_sync = bool((found.findtext(".//d:sync-token", "", NS) or "").strip())
        return chosen

    def check(self) -> str:
        collection = self.collection()
        self._propfind(collection, "<d:resourcetype/>", 0)
        return f"CalDAV calendar {urlsplit(collection).path} on {self.host}"

    def check_write(self) -> str:
        self._writable()
        collection = self.collection()
        found = self._propfind(collection, "<d:current-user-privilege-set/>", 0)
        granted = {etree.QName(p).localname for p in found.iterfind(".//d:current-user-privilege-set/d:privilege/*", NS)}
        if granted & {"all", "write", "write-content"}:
            return f"focusd may book blocks on {urlsplit(collection).path} ({', '.join(sorted(granted))})"
        raise CalendarError(f"focusd can only read the CalDAV calendar {urlsplit(collection).path} on {self.host}: "
                            "the server grants this user no write access to it")

    # -- reading -----------------------------------------------------------------------------

    def events(self, start: datetime, end: datetime) -> list[Event]:
        self.incomplete = ""
        self.sync()
        found, cut, self.skipped = self.mirror.events(start, end, self.backend_name)
        gaps = []
        if self._cut:
            gaps.append(f"the CalDAV server {self.host} sent more than {MAX_SYNC_PAGES} partial answers, so only "
                        "part of the calendar was read")
        if cut:
            gaps.append(f"{cut} events past the expansion budget were not read")
        self.incomplete = "; ".join(gaps)
        return found

    def sync(self) -> None:
        """Bring the mirror up to date with the server and save it."""
        self.collection()
        self._cut = False
        if self._has_sync:
            try:
                self._sync_by_token()
            except _Unsupported:
                log.info("calendar.caldav_no_sync", reason="sync-collection refused; comparing ETags")
                self._has_sync = False
        if not self._has_sync:
            self._sync_by_etag()
        self.mirror.save()

    def _sync_by_token(self) -> None:
        token = self.mirror.token
        full = token is None  # a full answer: what it does not name is gone
        for _ in range(MAX_SYNC_PAGES):
            try:
                root = self._sync_report(token)
            except (_Refused, _Forbidden) as exc:
                if token is None:
                    raise _Unsupported() from exc
                if not _token_refused(exc):
                    # a server error or a refusal for another reason: keep the copy and its
                    # token, and let the next cycle ask again
                    raise
                # The server no longer knows the token (expired, or the calendar was replaced).
                log.info("calendar.caldav_resync", reason="sync token refused", status=exc.status)
                token, full = None, True
                continue
            if full:
                # once per full answer, not per page: a server that sends no token with its
                # pages would otherwise leave only the last page in the copy
                self.mirror.reset()
                full = False
            more = self._absorb(root)
            token = (root.findtext("d:sync-token", "", NS) or "").strip() or None
            self.mirror.set_token(token)
            if not more:
                return
        log.warning("calendar.caldav_sync_cut", pages=MAX_SYNC_PAGES)
        self._cut = True

    def _sync_report(self, token: str | None) -> Any:
        body = (f'<d:sync-collection xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                f"<d:sync-token>{escape(token or '')}</d:sync-token><d:sync-level>1</d:sync-level>"
                f"{DATA_PROPS}</d:sync-collection>")
        return self._report(self.collection(), body, 1)

    def _absorb(self, root: Any) -> bool:
        """Put and remove what a sync answer names; True when the server cut the answer short."""
        collection = urlsplit(self.collection()).path
        missing: list[str] = []
        more = False
        for response in root.iterfind("d:response", NS):
            object_id = self._path(response.findtext("d:href", "", NS))
            status = response.findtext("d:status", "", NS)
            if object_id == collection or object_id.rstrip("/") == collection.rstrip("/"):
                more = more or " 507 " in f"{status} "
                continue
            if " 404 " in f"{status} ":
                self.mirror.remove(object_id)
                continue
            etag = _ok_prop(response, "getetag")
            data = _ok_prop(response, "calendar-data")
            if data:
                self.mirror.put(object_id, data, {"etag": etag})
            elif self._known_etag(object_id) != etag or etag is None:
                missing.append(object_id)
        self._fetch(missing)
        return more

    def _known_etag(self, object_id: str) -> str | None:
        extra = self.mirror.extra.get(object_id)
        return extra.get("etag") if isinstance(extra, dict) else None

    def _sync_by_etag(self) -> None:
        root = self._propfind(self.collection(), "<d:getetag/><d:resourcetype/>", 1)
        present: set[str] = set()
        changed: list[str] = []
        for response in root.iterfind("d:response", NS):
            if response.find(".//d:resourcetype/d:collection", NS) is not None:
                continue
            object_id = self._path(response.findtext("d:href", "", NS))
            etag = _ok_prop(response, "getetag")
            present.add(object_id)
            if etag is None or object_id not in self.mirror.objects or self._known_etag(object_id) != etag:
                changed.append(object_id)
        for object_id in [o for o in self.mirror.objects if o not in present]:
            self.mirror.remove(object_id)
        self.mirror.set_token(None)
        self._fetch(changed)

    def _fetch(self, object_ids: list[str]) -> None:
        """The objects named, in calendar-multiget batches, into the mirror."""
        for i in range(0, len(object_ids), MULTIGET_BATCH):
            hrefs = "".join(f"<d:href>{escape(o)}</d:href>" for o in object_ids[i:i + MULTIGET_BATCH])
            body = (f'<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                    f"{DATA_PROPS}{hrefs}</c:calendar-multiget>")
            root = self._report(self.collection(), body, 1)
            for response in root.iterfind("d:response", NS):
                object_id = self._path(response.findtext("d:href", "", NS))
                data = _ok_prop(response, "calendar-data")
                if data:
                    self.mirror.put(object_id, data, {"etag": _ok_prop(response, "getetag")})
                else:
                    self.mirror.remove(object_id)  # gone between the sync and the fetch

    # -- writing -----------------------------------------------------------------------------

    def _get(self, uid: str) -> Event | None:
        found = self._read(uid)
        if found is None:
            return None
        event = master_event(found.ical, uid, self.tz)
        return replace(event, calendar=self.backend_name) if event is not None else None

    def _read(self, uid: str) -> _Object | None:
        """The object holding event ``uid``, fresh from the server (a calendar-query by UID)."""
        self._seen.pop(uid, None)
        body = ('<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                f'{DATA_PROPS}<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
                f'<c:prop-filter name="UID"><c:text-match collation="i;octet">{escape(uid)}</c:text-match>'
                "</c:prop-filter></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>")
        root = self._report(self.collection(), body, 1)
        for response in root.iterfind("d:response", NS):
            data = _ok_prop(response, "calendar-data")
            etag = _ok_prop(response, "getetag")
            # text-match finds substrings: keep only the object whose master has exactly this UID
            if data and etag and master_event(data, uid, self.tz) is not None:
                found = _Object(self._path(response.findtext("d:href", "", NS)), etag, data)
                self._seen[uid] = found
                return found
        return None

    def _create(self, event: Event) -> Event:
        uid = f"{uuid.uuid4()}@focusd"
        ical = to_ical(replace(event, busy=True), uid)
        href = urlsplit(self.collection()).path + quote(uid) + ".ics"
        response = self._request("PUT", self._url(href), ical, {
            "If-None-Match": "*", "Content-Type": "text/calendar; charset=utf-8"})
        if response.status not in (200, 201, 204):
            raise CalendarError(f"the CalDAV server {self.host} refused the new block {short_uid(uid)} "
                                f"(HTTP {response.status})")
        log.info("calendar.block_created", uid_hash=short_uid(uid))
        made = master_event(ical, uid, self.tz)
        assert made is not None  # written just above
        return replace(made, calendar=self.backend_name)

    def _update(self, event: Event) -> Event:
        current = self._seen.get(event.uid) or self._read(event.uid)
        for _ in range(MAX_CONFLICT_RETRIES):
            if current is None:
                raise Gone(f"no event {short_uid(event.uid)}")
            if not _ours(current, event.uid, self.tz):
                raise NotOurs(f"refusing to change event {short_uid(event.uid)}: focusd did not create it")
            ical = retime(current.ical, event.uid, event.start, event.end)
            response = self._request("PUT", self._url(current.href), ical, {
                "If-Match": current.etag, "Content-Type": "text/calendar; charset=utf-8"})
            if response.status in (200, 201, 204):
                self._seen.pop(event.uid, None)
                log.info("calendar.block_moved", uid_hash=short_uid(event.uid))
                moved = master_event(ical, event.uid, self.tz)
                assert moved is not None  # retime kept the event
                return replace(moved, calendar=self.backend_name)
            if response.status == 404:
                raise Gone(f"no event {short_uid(event.uid)}")
            if response.status != 412:
                raise CalendarError(f"the CalDAV server {self.host} refused to move block {short_uid(event.uid)} "
                                    f"(HTTP {response.status})")
            log.info("calendar.block_conflict", uid_hash=short_uid(event.uid))
            current = self._read(event.uid)
        raise CalendarError(f"block {short_uid(event.uid)} kept changing on the server while focusd moved it")

    def _delete(self, uid: str) -> None:
        current = self._seen.get(uid) or self._read(uid)
        for _ in range(MAX_CONFLICT_RETRIES):
            if current is None:
                raise Gone(f"no event {short_uid(uid)}")
            if not _ours(current, uid, self.tz):
                raise NotOurs(f"refusing to delete event {short_uid(uid)}: focusd did not create it")
            response = self._request("DELETE", self._url(current.href), "", {"If-Match": current.etag})
            if response.status in (200, 204):
                self._seen.pop(uid, None)
                log.info("calendar.block_deleted", uid_hash=short_uid(uid))
                return
            if response.status == 404:
                raise Gone(f"no event {short_uid(uid)}")
            if response.status != 412:
                raise CalendarError(f"the CalDAV server {self.host} refused to delete block {short_uid(uid)} "
                                    f"(HTTP {response.status})")
            log.info("calendar.block_conflict", uid_hash=short_uid(uid))
            current = self._read(uid)
        raise CalendarError(f"block {short_uid(uid)} kept changing on the server while focusd deleted it")


class _HttpError(CalendarError):
    """The server answered with an HTTP error; ``preconditions`` are the DAV:error elements
    its body names (Clark notation)."""

    def __init__(self, status: int, message: str, preconditions: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.preconditions = preconditions or []


class _Refused(_HttpError):
    """An HTTP error other than a refused login or access."""


class _Forbidden(_HttpError):
    """The server refused access (403): also how servers refuse a sync token (RFC 6578)."""

    def __init__(self, message: str, preconditions: list[str] | None = None) -> None:
        super().__init__(403, message, preconditions)


class _Unsupported(CalendarError):
    """The server has no sync-collection REPORT."""


def _token_refused(exc: _HttpError) -> bool:
    """The server's answer says the sync token is no longer valid: a 403 or 409 naming
    DAV:valid-sync-token (RFC 6578), or the 400 or 412 some servers answer instead. A server
    error (5xx) says nothing about the token."""
    if exc.status in (400, 412):
        return True
    return exc.status in (403, 409) and "{DAV:}valid-sync-token" in exc.preconditions


def _ours(found: _Object, uid: str, tz: tzinfo) -> bool:
    event = master_event(found.ical, uid, tz)
    return event is not None and event.focusd_item is not None


def _ok_prop(response: Any, name: str) -> str | None:
    """The text of property ``name`` in a propstat answered 200, else None."""
    for propstat in response.iterfind("d:propstat", NS):
        if " 200 " not in f"{propstat.findtext('d:status', '', NS)} ":
            continue
        for prop in propstat.iterfind("d:prop/*", NS):
            if etree.QName(prop).localname == name:
                return (prop.text or "").strip() or None
    return None
