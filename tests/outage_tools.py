"""Servers that a test can stop and start again on the same port, and a reader of a daemon's
JSON log, for tests/test_outages.py: the real daemon runs in a subprocess while its servers go
away and come back."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from wsgiref.simple_server import WSGIServer, make_server

from aiosmtpd.controller import Controller

from tests import radicale_server
from tests.servers import Dovecot, free_port


class StoppableDovecot(Dovecot):
    """A Dovecot that can be killed and started again from the same folder and port, the mail
    on disk kept: a server that crashed and was restarted."""

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def start(self) -> None:
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready()


class Counting:
    """aiosmtpd handler: every Message-ID it accepted, in order."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        for line in envelope.original_content.split(b"\r\n\r\n", 1)[0].splitlines():
            if line.lower().startswith(b"message-id:"):
                self.ids.append(line.split(b":", 1)[1].strip().decode())
        return "250 OK"


class Smtp:
    """An aiosmtpd server on a fixed port that can be stopped and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = Counting()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class StoppableRadicale:
    """Radicale (the real WSGI application) served on a fixed port; :meth:`stop` closes the
    listening socket, :meth:`start` opens it again over the same collections."""

    def __init__(self, folder: Path) -> None:
        self.app = radicale_server._application(folder, False)
        self.port = free_port()
        self.httpd: WSGIServer | None = None
        self.thread: threading.Thread | None = None
        self.url = f"http://127.0.0.1:{self.port}"
        self.calendar_url = f"{self.url}/{radicale_server.USER}/{radicale_server.CALENDAR}/"

    def start(self) -> None:
        self.httpd = make_server("127.0.0.1", self.port, self.app,
                                 server_class=radicale_server._ThreadingServer,
                                 handler_class=radicale_server._QuietHandler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def make_calendar(self) -> None:
        radicale_server.Radicale(url=self.url, auth=False).make_calendar()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            assert self.thread is not None
            self.thread.join(5)
            self.httpd = None


class LogReader:
    """Reads a subprocess's JSON log lines from ``stream`` in a thread; keeps each as a dict
    (a line that is not JSON is kept as ``{"event": "<raw>", "raw": line}``)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.lines: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            text = raw.decode(errors="replace").rstrip("\n")
            try:
                entry = json.loads(text)
            except ValueError:
                entry = {"event": "<raw>", "raw": text}
            if not isinstance(entry, dict):
                entry = {"event": "<raw>", "raw": text}
            with self._lock:
                self.lines.append(entry)

    def since(self, mark: int) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.lines[mark:])

    def mark(self) -> int:
        with self._lock:
            return len(self.lines)

    def wait_for(self, test: Callable[[dict[str, Any]], bool], after: int = 0, timeout: float = 20.0) -> dict[str, Any]:
        """The first line from ``after`` on that passes ``test``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for entry in self.since(after):
                if test(entry):
                    return entry
            if time.monotonic() > deadline:
                tail = "\n".join(json.dumps(e)[:300] for e in self.since(after)[-30:])
                raise AssertionError(f"no such log line within {timeout} s; the last lines:\n{tail}")
            time.sleep(0.05)


def event(name: str, service: str | None = None) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e.get("event") == name and (service is None or e.get("service") == service)
