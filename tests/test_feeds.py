"""Calendar feeds over http(s): fetched when changed (ETag, Last-Modified), kept when the server
is down, named by host and hash (a feed address often holds a private token), and refused when
they are not https."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import structlog

from agent.errors import ConfigError
from agent.settings import load
from connectors.calendar.base import CalendarError
from connectors.calendar.ics import IcsCalendar
from tests.calendar_contract import LONDON, SEED

DAY = datetime(2026, 11, 19, tzinfo=LONDON)
TOKEN = "private-token-7f3a"


class FeedServer:
    """A feed at /<token>/basic.ics that answers 304 to a matching If-None-Match."""

    def __init__(self) -> None:
        self.body = SEED.encode()
        self.etag = '"v1"'
        self.requests: list[dict[str, str]] = []
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the base class names it so
                server.requests.append({k.lower(): v for k, v in self.headers.items()})
                if server.status != 200:
                    self.send_response(server.status)
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("ETag", server.etag)
                self.send_header("Last-Modified", "Wed, 18 Nov 2026 10:00:00 GMT")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{TOKEN}/basic.ics"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.stop()


def test_a_feed_is_read_and_fetched_again_only_when_it_changed(feed: FeedServer, tmp_path: Path) -> None:
    cal = IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path)
    titles = [e.title for e in cal.events(DAY, DAY + timedelta(days=1))]
    assert titles == ["Standup", "1:1 (moved)", "Interview"]
    again = IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path)  # a new process, the same cache
    assert [e.title for e in again.events(DAY, DAY + timedelta(days=1))] == titles
    assert feed.requests[1]["if-none-match"] == '"v1"'
    assert feed.requests[1]["if-modified-since"] == "Wed, 18 Nov 2026 10:00:00 GMT"
    feed.body, feed.etag = SEED.replace("SUMMARY:Interview", "SUMMARY:Panel interview").encode(), '"v2"'
    assert "Panel interview" in [e.title for e in again.events(DAY, DAY + timedelta(days=1))]
    assert len(feed.requests) == 3
    copies = list(tmp_path.glob("feed-*"))
    assert copies and all(p.stat().st_mode & 0o077 == 0 for p in copies)


def test_a_feed_that_is_down_keeps_its_last_copy_and_says_so(feed: FeedServer, tmp_path: Path) -> None:
    cal = IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path)
    cal.events(DAY, DAY + timedelta(days=1))
    feed.status = 503
    with structlog.testing.capture_logs() as logs:
        events = cal.events(DAY, DAY + timedelta(days=1))
    assert [e.title for e in events] == ["Standup", "1:1 (moved)", "Interview"]
    assert "could not be fetched (the server answered 503); its last copy was read" in cal.incomplete
    assert TOKEN not in cal.incomplete and TOKEN not in repr(logs)


def test_a_feed_never_fetched_is_one_clear_error_without_its_address(feed: FeedServer, tmp_path: Path) -> None:
    feed.status = 404
    with pytest.raises(CalendarError, match=r"calendar feed 127\.0\.0\.1 #[0-9a-f]{8} could not be fetched") as err:
        IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path).events(DAY, DAY + timedelta(days=1))
    assert TOKEN not in str(err.value)


def test_a_feed_that_is_not_calendar_text_is_one_clear_error(feed: FeedServer, tmp_path: Path) -> None:
    feed.body = b"<html>Sign in</html>"
    with pytest.raises(CalendarError, match="answered something that is not a calendar"):
        IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path).events(DAY, DAY + timedelta(days=1))


def test_feed_addresses_must_be_https(tmp_path: Path) -> None:
    config = tmp_path / "focusd.toml"
    config.write_text('[owner]\nname = "Ada"\nemail = "ada@loom.example"\n[calendar]\nbackend = "ics"\n'
                      'urls = ["http://calendar.example.com/team.ics", "webcal://calendar.example.com/a.ics",'
                      ' "https://calendar.example.com/b.ics"]\n')
    with pytest.raises(ConfigError) as err:
        load(config)
    assert [p for p in err.value.problems if p.startswith("calendar.urls")] == [
        "calendar.urls: 'http://calendar.example.com/team.ics' is not an https:// (or webcal://) address; plain "
        "http is allowed only for a server on this machine"]
    config.write_text(config.read_text().replace('"http://calendar.example.com/team.ics", ', ""))
    (tmp_path / "mail").mkdir()
    assert load(config)["calendar"]["urls"] == ["https://calendar.example.com/a.ics",
                                                "https://calendar.example.com/b.ics"]


def test_a_sign_in_page_answered_with_200_keeps_the_last_real_copy(feed: FeedServer, tmp_path: Path) -> None:
    cal = IcsCalendar([], LONDON, urls=[feed.url], cache_dir=tmp_path)
    cal.events(DAY, DAY + timedelta(days=1))
    feed.body, feed.etag = b"<html><body>Sign in to see this calendar</body></html>", '"login"'
    events = cal.events(DAY, DAY + timedelta(days=1))
    assert [e.title for e in events] == ["Standup", "1:1 (moved)", "Interview"]
    assert "answered something that is not a calendar" in cal.incomplete


def test_a_feed_that_trickles_is_given_up_on_in_bounded_time(tmp_path: Path) -> None:
    import socket
    import time as time_mod

    from connectors.calendar.feeds import Feed, FeedError

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\n")
        while not stop.is_set():  # a byte now and then, for ever
            try:
                conn.sendall(b"X")
            except OSError:
                break
            time_mod.sleep(0.2)
        conn.close()

    threading.Thread(target=trickle, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/{TOKEN}/slow.ics"
    try:
        with pytest.raises(FeedError, match="took longer than 2 s to send"):
            Feed(url, tmp_path, max_bytes=1024 * 1024, timeout=1.0).fetch()
    finally:
        stop.set()
        listener.close()


@pytest.fixture
def https_redirect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    """An https server on loopback (its own certificate, trusted for this test) that serves the
    calendar under /moved/ and redirects every other path to the same path under the address
    the test puts in the list it yields with its root."""
    import ssl
    import subprocess

    from tests.servers import need

    need("openssl", "apt-get install -y openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    location: list[str] = []

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the base class names it so
            if self.path.startswith("/moved/"):
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("Content-Length", str(len(SEED.encode())))
                self.end_headers()
                self.wfile.write(SEED.encode())
                return
            self.send_response(302)
            self.send_header("Location", location[0] + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", location
    httpd.shutdown()
    httpd.server_close()


def test_an_https_feed_redirected_to_http_is_refused_before_the_request_is_sent(
        feed: FeedServer, https_redirect: tuple[str, list[str]], tmp_path: Path) -> None:
    from connectors.calendar.feeds import Feed, FeedError

    root, location = https_redirect
    location.append(feed.url.split(f"/{TOKEN}/")[0])  # the plain http server, same path
    url = f"{root}/{TOKEN}/basic.ics"
    with structlog.testing.capture_logs() as logs, pytest.raises(FeedError) as err:
        Feed(url, tmp_path, max_bytes=1024 * 1024).fetch()
    assert feed.requests == []  # the token never went out in clear
    assert "redirected to an address that is not https" in str(err.value)
    assert TOKEN not in str(err.value) and TOKEN not in repr(logs)


def test_an_https_feed_redirected_to_https_is_followed(
        https_redirect: tuple[str, list[str]], tmp_path: Path) -> None:
    from connectors.calendar.feeds import Feed

    root, location = https_redirect
    location.append(f"{root}/moved")
    fetched = Feed(f"{root}/{TOKEN}/basic.ics", tmp_path, max_bytes=1024 * 1024).fetch()
    assert fetched.changed and fetched.stale == ""
    assert fetched.path.read_bytes() == SEED.encode()
