"""A real Radicale CalDAV server on loopback, run in-process, for the tests and the bench.

Radicale's WSGI application is served by a threading ``wsgiref`` server behind a wrapper that
counts requests (so a test can prove that a sync with no change costs one request) and can run a
hook before a request reaches the server (so a test can change an event between focusd's read
and its write, as another client would). ``foreign_*`` helpers write straight over HTTP, as
another client does; ``etag`` reads an object's ETag so a test can prove focusd left it alone.

No pytest import here: ``bench/calendar.py`` uses this module too.
"""

from __future__ import annotations

import base64
import io
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

USER = "owner"
PASSWORD = "s3cret-pw"
CALENDAR = "work"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
        pass


@dataclass
class Radicale:
    """A running server: ``url`` is its root, ``calendar_url`` the calendar made at start."""

    url: str
    auth: bool
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) as served
    before: Callable[[str, str], None] | None = None  # run before a request is served
    refuse_sync: bool = False  # answer sync-collection REPORTs as a server without sync support
    # Answer each sync-collection REPORT with one object of the full listing (the next one each
    # time) and a 507 for the rest, as a server that cuts its answers short; with or without the
    # sync token. The token asked with is ignored, so each page is taken from the full listing.
    sync_pages: bool = False
    page_tokens: bool = True
    pages_served: int = 0
    # Answers (status, body) given, in turn, to the next sync-collection REPORTs instead of the
    # server's own: a server that fails once, or refuses a sync token in its own way.
    sync_answers: list[tuple[int, bytes]] = field(default_factory=list)
    # Bytes replaced by ``b"\xff\xfe"`` in REPORT answers: an object holding broken UTF-8, as
    # some servers store what a client sent them (Radicale itself refuses such a PUT).
    break_utf8: bytes = b""

    @property
    def calendar_url(self) -> str:
        return f"{self.url}/{USER}/{CALENDAR}/"

    def count(self, method: str | None = None) -> int:
        return sum(1 for m, _ in self.requests if method is None or m == method)

    def reset_count(self) -> None:
        self.requests.clear()

    # -- another client ---------------------------------------------------------------------

    def _call(self, method: str, url: str, body: bytes | None = None,
              headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
        req.add_header("X-Test-Client", "helper")  # the helpers' own requests are not counted
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def object_url(self, name: str) -> str:
        return f"{self.calendar_url}{name}"

    def foreign_put(self, name: str, ical: str) -> str:
        """Store ``ical`` as object ``name`` (e.g. ``"standup.ics"``), as another client would;
        returns its ETag."""
        status, headers, _ = self._call("PUT", self.object_url(name), ical.encode(),
                                        {"Content-Type": "text/calendar; charset=utf-8"})
        if status not in (201, 204):
            raise RuntimeError(f"PUT {name}: {status}")
        return self.etag(name)

    def foreign_delete(self, name: str) -> None:
        status, _, _ = self._call("DELETE", self.object_url(name))
        if status not in (200, 204):
            raise RuntimeError(f"DELETE {name}: {status}")

    def get(self, name: str) -> str:
        status, _, body = self._call("GET", self.object_url(name))
        if status != 200:
            raise RuntimeError(f"GET {name}: {status}")
        return body.decode("utf-8")

    def etag(self, name: str) -> str:
        status, headers, _ = self._call("GET", self.object_url(name))
        if status != 200:
            raise RuntimeError(f"GET {name}: {status}")
        return {k.lower(): v for k, v in headers.items()}["etag"]

    def names(self) -> list[str]:
        """The object names in the calendar (a PROPFIND, as a client lists a collection)."""
        status, _, body = self._call("PROPFIND", self.calendar_url, b"", {"Depth": "1"})
        hrefs = re.findall(r"<(?:\w+:)?href>([^<]+)</(?:\w+:)?href>", body.decode())
        return sorted(urllib.parse.unquote(h.rsplit("/", 1)[1]) for h in hrefs if not h.endswith("/"))

    def make_calendar(self, name: str = CALENDAR) -> str:
        url = f"{self.url}/{USER}/{name}/"
        status, _, _ = self._call("MKCALENDAR", url)
        if status != 201:
            raise RuntimeError(f"MKCALENDAR: {status}")
        return url


def split(ical: str) -> list[tuple[str, str]]:
    """One VCALENDAR of many events as CalDAV objects ``(name, ical)``: one per UID (a master
    with its overrides), each with the calendar's time zones, as a server stores them."""
    import icalendar

    cal = icalendar.Calendar.from_ical(ical)
    zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    by_uid: dict[str, list[Any]] = {}
    for comp in cal.subcomponents:
        if comp.name == "VEVENT":
            by_uid.setdefault(str(comp["UID"]), []).append(comp)
    objects = []
    for uid, comps in by_uid.items():
        one = icalendar.Calendar()
        one.add("prodid", "-//another client//EN")
        one.add("version", "2.0")
        for comp in [*zones, *comps]:
            one.add_component(comp)
        objects.append((uid.replace("@", "-") + ".ics", one.to_ical().decode("utf-8")))
    return objects


def _application(folder: Path, auth: bool) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    from radicale import Application, config

    configuration = config.load()
    settings: dict[str, dict[str, Any]] = {
        "storage": {"filesystem_folder": str(folder / "collections")},
        "logging": {"level": "warning", "mask_passwords": "True"},
        "auth": {"type": "none"},
    }
    if auth:
        htpasswd = folder / "htpasswd"
        htpasswd.write_text(f"{USER}:{PASSWORD}\n")
        settings["auth"] = {"type": "htpasswd", "htpasswd_filename": str(htpasswd),
                            "htpasswd_encryption": "plain", "delay": "0"}
    configuration.update(settings, "test", privileged=True)
    return Application(configuration)


def _page(server: Radicale, app: Any, environ: dict[str, Any], body: bytes, path: str,
          start_response: Callable[..., Any]) -> Iterable[bytes]:
    """One page of the full sync listing, as :attr:`Radicale.sync_pages` describes."""
    from lxml import etree

    full = re.sub(rb"<d:sync-token>[^<]*</d:sync-token>", b"<d:sync-token></d:sync-token>", body)
    environ["wsgi.input"] = io.BytesIO(full)
    environ["CONTENT_LENGTH"] = str(len(full))
    environ.pop("HTTP_ACCEPT_ENCODING", None)  # the answer is rewritten here: plain XML
    answer = etree.fromstring(b"".join(app(environ, lambda *args: None)))
    dav = "{DAV:}"
    responses = answer.findall(f"{dav}response")
    token = answer.find(f"{dav}sync-token")
    number = server.pages_served
    server.pages_served += 1
    for response in responses:
        answer.remove(response)
    if number < len(responses):
        answer.append(responses[number])
    if number + 1 < len(responses):
        cut = etree.SubElement(answer, f"{dav}response")
        etree.SubElement(cut, f"{dav}href").text = path
        etree.SubElement(cut, f"{dav}status").text = "HTTP/1.1 507 Insufficient Storage"
    if token is not None:
        answer.remove(token)
        if server.page_tokens:
            answer.append(token)
    out = etree.tostring(answer, xml_declaration=True, encoding="utf-8")
    start_response("207 Multi-Status", [("Content-Type", "text/xml; charset=utf-8"),
                                        ("Content-Length", str(len(out)))])
    return [out]


def _broken(marker: bytes, app: Any, environ: dict[str, Any],
            start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The server's answer with ``marker`` replaced by bytes that are not UTF-8."""
    environ.pop("HTTP_ACCEPT_ENCODING", None)  # the answer is rewritten here: not compressed
    kept: list[Any] = []
    out = b"".join(app(environ, lambda status, headers, *rest: kept.append((status, headers))))
    out = out.replace(marker, b"\xff\xfe")
    status, headers = kept[0]
    headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
    start_response(status, [*headers, ("Content-Length", str(len(out)))])
    return [out]


@contextmanager
def radicale(folder: Path, auth: bool = False, seed: Iterable[tuple[str, str]] = ()) -> Iterator[Radicale]:
    """A Radicale serving ``folder`` on a free loopback port, with the calendar ``work`` of user
    ``owner`` made and ``seed`` objects ``(name, ical)`` put in it; stopped on exit."""
    app = _application(folder, auth)
    server: Radicale | None = None

    def counting(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        assert server is not None
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if environ.get("HTTP_X_TEST_CLIENT") != "helper":
            server.requests.append((method, path))
            if server.before is not None:
                server.before(method, path)
            if (server.refuse_sync or server.sync_pages or server.sync_answers) and method == "REPORT":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                body = environ["wsgi.input"].read(length)
                if b"sync-collection" in body and server.sync_answers:
                    status, answer = server.sync_answers.pop(0)
                    kind = "application/xml" if answer.startswith(b"<?xml") else "text/plain"
                    start_response(f"{status} {HTTPStatus(status).phrase}", [
                        ("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(answer)))])
                    return [answer]
                if b"sync-collection" in body and server.refuse_sync:
                    start_response("501 Not Implemented", [("Content-Type", "text/plain")])
                    return [b"no sync here"]
                if b"sync-collection" in body:
                    return _page(server, app, environ, body, path, start_response)
                environ["wsgi.input"] = io.BytesIO(body)
            if server.break_utf8 and method == "REPORT":
                return _broken(server.break_utf8, app, environ, start_response)
        return app(environ, start_response)  # type: ignore[no-any-return]

    httpd = make_server("127.0.0.1", 0, counting, server_class=_ThreadingServer, handler_class=_QuietHandler)
    server = Radicale(url=f"http://127.0.0.1:{httpd.server_port}", auth=auth)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        server.make_calendar()
        for name, ical in seed:
            server.foreign_put(name, ical)
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
