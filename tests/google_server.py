"""A local Google Calendar v3 server: the subset focusd uses, checked against Google's own schema.

It runs ``http.server`` in a thread on 127.0.0.1 and answers the real client library
(google-api-python-client) at ``http://127.0.0.1:<port>/calendar/v3/``: events list (timeMin,
timeMax, singleEvents=false, syncToken, pageToken, showDeleted, maxResults, 410 for a token it
does not know, nextSyncToken on the last page), get, insert, patch, delete, freeBusy and
calendarList.get, plus an OAuth token endpoint at ``/token``.

Every request and response body is validated against the schemas of the discovery document the
package ships: an unknown property or a wrong type answers 400 and is recorded in
:attr:`GoogleServer.problems`, which a test asserts is empty. The server counts requests, can
expire every sync token, lets a test add, change and delete events as the owner would in another
client, and keeps an etag per event so a test can prove an event was never modified.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import threading
import urllib.parse
from collections.abc import Callable
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import googleapiclient

DISCOVERY = json.loads((Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"
                        / "calendar.v3.json").read_text())
SCHEMAS: dict[str, Any] = DISCOVERY["schemas"]
LIST_PARAMS = set(DISCOVERY["resources"]["events"]["methods"]["list"]["parameters"]) - {"calendarId"}
COMMON_PARAMS = {"alt", "fields", "prettyPrint", "quotaUser", "userIp", "key", "oauth_token"}
SYNC_EXCLUSIVE = {"iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin",
                  "timeMax", "updatedMin"}  # Google refuses these beside a syncToken


def validate(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Problems of ``value`` against a discovery schema: unknown properties, wrong types, bad
    date and date-time strings. Empty when it conforms."""
    if "$ref" in schema:
        return validate(value, SCHEMAS[schema["$ref"]], where)
    kind = schema.get("type")
    checks = {"string": str, "boolean": bool, "array": list, "object": dict}
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{where}: expected integer, got {type(value).__name__}"]
        return []
    if kind in checks and not isinstance(value, checks[kind]):
        return [f"{where}: expected {kind}, got {type(value).__name__}"]
    problems: list[str] = []
    if kind == "string":
        fmt = schema.get("format")
        try:
            if fmt == "date-time":
                datetime.fromisoformat(value.replace("Z", "+00:00"))
                if not re.search(r"(Z|[+-]\d\d:\d\d)$", value):
                    problems.append(f"{where}: date-time without an offset")
            elif fmt == "date":
                date.fromisoformat(value)
        except ValueError:
            problems.append(f"{where}: not a {fmt}")
    elif kind == "array":
        for i, item in enumerate(value):
            problems += validate(item, schema.get("items", {}), f"{where}[{i}]")
    elif kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                problems += validate(item, props[key], f"{where}.{key}")
            elif extra is not None:
                problems += validate(item, extra, f"{where}.{key}")
            else:
                problems.append(f"{where}: unknown property {key!r}")
    return problems


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _bounds(event: dict[str, Any]) -> tuple[datetime, datetime] | None:
    """A single event's span in UTC, for timeMin/timeMax and freeBusy; None for a series."""
    def at(part: dict[str, Any]) -> datetime:
        if "dateTime" in part:
            return datetime.fromisoformat(part["dateTime"].replace("Z", "+00:00")).astimezone(UTC)
        return datetime.combine(date.fromisoformat(part["date"]), datetime.min.time(), tzinfo=UTC)
    if "start" not in event or "end" not in event:
        return None
    return at(event["start"]), at(event["end"])


class ApiError(Exception):
    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status, self.reason, self.message = status, reason, message


class GoogleServer:
    """One calendar ("primary", also reachable by :attr:`calendar_id`) served over HTTP."""

    def __init__(self, calendar_id: str = "owner@example.com", access_role: str = "owner",
                 page_limit: int | None = None) -> None:
        self.calendar_id = calendar_id
        self.access_role = access_role
        self.page_limit = page_limit  # serve at most this many per page whatever maxResults says
        self.events: dict[str, dict[str, Any]] = {}
        self.changed: dict[str, int] = {}  # event id -> the change sequence that last touched it
        self.seq = 0
        self.tokens: dict[str, int] = {}  # sync token -> the sequence it was issued at
        self.pages: dict[str, tuple[list[dict[str, Any]], str]] = {}  # page token -> the rest of a listing, its sync token
        self.requests: list[tuple[str, str, str]] = []  # (method, path, query) of every API request
        self.problems: list[str] = []
        # Changes each events listing after it was checked, as a broken or hostile server would
        # answer (a test's own breakage is not a problem of focusd's requests).
        self.tamper: Callable[[dict[str, Any]], dict[str, Any]] | None = None
        self.access_tokens = {"test"}
        self.revoked = False
        self.codes: dict[str, str] = {}  # authorization code -> scope, for the token endpoint
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/calendar/v3/"

    @property
    def token_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}/token"

    def start(self) -> GoogleServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- the owner's side: changes made in another client -----------------------------------

    def add(self, body: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """Add an event as the owner would; returns it as stored."""
        with self._lock:
            return self._insert(copy.deepcopy(body), event_id)

    def modify(self, event_id: str, **fields: Any) -> dict[str, Any]:
        with self._lock:
            return self._patch(event_id, fields)

    def remove(self, event_id: str) -> None:
        with self._lock:
            self._cancel(event_id)

    def etag(self, event_id: str) -> str:
        return str(self.events[event_id]["etag"])

    def expire_tokens(self) -> None:
        """Forget every sync token, as Google does after a while: the next sync gets 410."""
        self.tokens.clear()

    def api_requests(self) -> int:
        return len(self.requests)

    # -- the store ------------------------------------------------------------------------

    def _touch(self, event: dict[str, Any]) -> None:
        self.seq += 1
        self.changed[event["id"]] = self.seq
        event["etag"] = f'"{self.seq:016d}"'
        event["updated"] = _now()

    def _insert(self, body: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        self._check(body, "Event", "insert body")
        new_id = event_id or body.pop("id", None) or f"ev{next(self._ids):06d}focusdtest"
        if new_id in self.events and self.events[new_id].get("status") != "cancelled":
            raise ApiError(409, "duplicate", "The requested identifier already exists.")
        if not re.fullmatch(r"[a-z0-9]{5,1024}", new_id.split("_")[0]):
            raise ApiError(400, "invalid", "Invalid resource id value.")
        event = {"kind": "calendar#event", "id": new_id, "status": "confirmed", "created": _now(),
                 "iCalUID": f"{new_id}@google.com", "sequence": 0, **body}
        event.setdefault("organizer", {"email": self.calendar_id, "self": True})
        self.events[new_id] = event
        self._touch(event)
        return event

    def _patch(self, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self._check(body, "Event", "patch body")
        event = self._live(event_id)
        for key, value in body.items():
            if value is None:
                event.pop(key, None)
            else:
                event[key] = value
        event["sequence"] = int(event.get("sequence", 0)) + 1
        self._touch(event)
        return event

    def _cancel(self, event_id: str) -> None:
        event = self.events.get(event_id)
        if event is None:
            raise ApiError(404, "notFound", "Not Found")
        if event.get("status") == "cancelled":
            raise ApiError(410, "deleted", "Resource has been deleted")
        event["status"] = "cancelled"
        self._touch(event)
        if "recurringEventId" not in event:  # a series goes with its exceptions
            for other in self.events.values():
                if other.get("recurringEventId") == event_id and other.get("status") != "cancelled":
                    other["status"] = "cancelled"
                    self._touch(other)

    def _live(self, event_id: str) -> dict[str, Any]:
        event = self.events.get(event_id)
        if event is None:
            raise ApiError(404, "notFound", "Not Found")
        return event

    def _check(self, body: Any, schema: str, where: str) -> None:
        problems = validate(body, {"$ref": schema}, where) if isinstance(body, dict) else [f"{where}: not an object"]
        if problems:
            self.problems += problems
            raise ApiError(400, "invalid", "; ".join(problems))

    def _visible(self, event: dict[str, Any]) -> dict[str, Any]:
        """What a listing shows of an event: a deleted one carries little more than its id."""
        if event.get("status") == "cancelled" and "recurringEventId" not in event:
            return {k: event[k] for k in ("kind", "etag", "id", "status") if k in event}
        return copy.deepcopy(event)

    # -- the API ----------------------------------------------------------------------------

    def list_events(self, query: dict[str, str]) -> dict[str, Any]:
        unknown = set(query) - LIST_PARAMS - COMMON_PARAMS
        if unknown:
            raise ApiError(400, "invalidParameter", f"unknown parameters {sorted(unknown)}")
        if "syncToken" in query and SYNC_EXCLUSIVE & set(query):
            raise ApiError(400, "invalid", "syncToken cannot be combined with those parameters")
        if query.get("singleEvents", "false") != "false":
            raise ApiError(400, "invalid", "this server does not expand series (focusd asks for them whole)")
        size = min(int(query.get("maxResults", "250")), 2500, self.page_limit or 2500)
        if size < 1:
            raise ApiError(400, "invalid", "maxResults")
        if "pageToken" in query:
            listing = self.pages.pop(query["pageToken"], None)
            if listing is None:
                raise ApiError(400, "invalid", "Invalid page token")
            rest, token = listing
        else:
            if "syncToken" in query:
                since = self.tokens.get(query["syncToken"])
                if since is None:
                    raise ApiError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.")
                chosen = [e for i, e in self.events.items() if self.changed[i] > since]
            else:
                show_deleted = query.get("showDeleted", "false") == "true"
                chosen = [e for e in self.events.values() if show_deleted or e.get("status") != "cancelled"]
                lo = query.get("timeMin")
                hi = query.get("timeMax")
                if lo or hi:
                    chosen = [e for e in chosen if self._overlaps(e, lo, hi)]
            rest = [self._visible(e) for e in sorted(chosen, key=lambda e: self.changed[e["id"]])]
            token = f"sync{self.seq:08d}"  # as of the listing's start: later changes come next time
        page, rest = rest[:size], rest[size:]
        body: dict[str, Any] = {"kind": "calendar#events", "etag": f'"p{self.seq}"', "summary": self.calendar_id,
                                "updated": _now(), "timeZone": "Europe/London", "accessRole": self.access_role}
        if rest:
            page_token = f"page{next(self._ids):06d}"
            self.pages[page_token] = (rest, token)
            body["nextPageToken"] = page_token
        else:
            self.tokens[token] = int(token[4:])
            body["nextSyncToken"] = token
        body["items"] = page
        return body

    @staticmethod
    def _overlaps(event: dict[str, Any], lo: str | None, hi: str | None) -> bool:
        span = _bounds(event)
        if span is None or "recurrence" in event:
            return True  # a series may have occurrences anywhere: Google lists it too
        start, end = span
        if lo and end <= datetime.fromisoformat(lo.replace("Z", "+00:00")):
            return False
        return not (hi and start >= datetime.fromisoformat(hi.replace("Z", "+00:00")))

    def free_busy(self, body: dict[str, Any]) -> dict[str, Any]:
        self._check(body, "FreeBusyRequest", "freeBusy body")
        calendars: dict[str, Any] = {}
        for item in body.get("items", []):
            busy = []
            for event in self.events.values():
                if (event.get("status") != "cancelled" and event.get("transparency") != "transparent"
                        and self._overlaps(event, body["timeMin"], body["timeMax"])):
                    span = _bounds(event)
                    if span is not None and "recurrence" not in event:  # series are not expanded here
                        busy.append({"start": span[0].isoformat().replace("+00:00", "Z"),
                                     "end": span[1].isoformat().replace("+00:00", "Z")})
            calendars[item["id"]] = {"busy": busy}
        return {"kind": "calendar#freeBusy", "timeMin": body["timeMin"], "timeMax": body["timeMax"],
                "calendars": calendars}

    def route(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any, str | None]:
        """(status, response body, schema of the body) for one API request."""
        cal = f"(?:primary|{re.escape(urllib.parse.quote(self.calendar_id, safe=''))}|{re.escape(self.calendar_id)})"
        base = "/calendar/v3"
        if m := re.fullmatch(f"{base}/calendars/{cal}/events", path):
            if method == "GET":
                return 200, self.list_events(query), "Events"
            if method == "POST":
                return 200, self._insert(body), "Event"
        elif m := re.fullmatch(f"{base}/calendars/{cal}/events/([^/]+)", path):
            event_id = urllib.parse.unquote(m.group(1))
            if method == "GET":
                return 200, self._live(event_id), "Event"
            if method == "PATCH":
                return 200, self._patch(event_id, body), "Event"
            if method == "DELETE":
                self._cancel(event_id)
                return 204, None, None
        elif re.fullmatch(f"{base}/users/me/calendarList/{cal}", path) and method == "GET":
            return 200, {"kind": "calendar#calendarListEntry", "etag": '"1"', "id": self.calendar_id,
                         "summary": self.calendar_id, "timeZone": "Europe/London",
                         "accessRole": self.access_role, "primary": True}, "CalendarListEntry"
        elif path == f"{base}/freeBusy" and method == "POST":
            return 200, self.free_busy(body), "FreeBusyResponse"
        elif path.startswith(f"{base}/calendars/"):
            raise ApiError(404, "notFound", "Not Found")
        raise ApiError(404, "notFound", f"no route {method} {path}")

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The OAuth token endpoint: a refresh, or an authorization code exchanged."""
        grant = form.get("grant_type")
        if grant == "refresh_token":
            if self.revoked:
                return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            access = f"access{next(self._ids):06d}"
            self.access_tokens.add(access)
            return 200, {"access_token": access, "expires_in": 3599, "token_type": "Bearer"}
        if grant == "authorization_code" and form.get("code") in self.codes:
            scope = self.codes.pop(form["code"])
            access = f"access{next(self._ids):06d}"
            self.access_tokens.add(access)
            return 200, {"access_token": access, "refresh_token": "refresh-from-code", "expires_in": 3599,
                         "token_type": "Bearer", "scope": scope}
        return 400, {"error": "invalid_grant", "error_description": "Bad Request"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if url.path == "/token":
                    form = dict(urllib.parse.parse_qsl(raw.decode()))
                    with server._lock:
                        status, answer = server.token(form)
                    self._send(status, answer)
                    return
                with server._lock:
                    server.requests.append((self.command, url.path, url.query))
                    auth = self.headers.get("Authorization", "")
                    if server.revoked or auth.removeprefix("Bearer ") not in server.access_tokens:
                        self._send(401, {"error": {"code": 401, "message": "Invalid Credentials",
                                                   "errors": [{"reason": "authError"}]}})
                        return
                    try:
                        body = json.loads(raw) if raw else None
                        query = dict(urllib.parse.parse_qsl(url.query))
                        status, answer, schema = server.route(self.command, url.path, query, body)
                        if schema is not None:
                            answer = copy.deepcopy(answer)
                            problems = validate(answer, {"$ref": schema}, f"{schema} response")
                            if problems:
                                server.problems += problems
                                raise ApiError(500, "backendError", "; ".join(problems))
                            if schema == "Events" and server.tamper is not None:
                                answer = server.tamper(answer)
                    except ApiError as exc:
                        status, answer = exc.status, {"error": {"code": exc.status, "message": exc.message,
                                                                "errors": [{"reason": exc.reason}]}}
                    except (ValueError, KeyError, TypeError) as exc:
                        server.problems.append(f"{self.command} {url.path}: {type(exc).__name__}: {exc}")
                        status, answer = 400, {"error": {"code": 400, "message": "Bad Request"}}
                self._send(status, answer)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

        return Handler
