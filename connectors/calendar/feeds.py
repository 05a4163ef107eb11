"""Calendar feeds: ICS files published at an https address (a shared team calendar, holidays).

A feed is fetched into a file in the cache folder and read like any other calendar file. Each
fetch sends the ETag and Last-Modified of the copy it has, so an unchanged feed costs one short
request and no parsing. A feed that cannot be fetched keeps its last copy, and the calendar says
so in ``incomplete``; a feed never fetched is an error. A feed's address often holds a private
token, so logs and errors name it by host and a short hash, never by its full address.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import structlog

log = structlog.get_logger(__name__)

TIMEOUT = 30.0  # seconds, for connecting and for each read
PREFIX = "feed-"  # a feed's copy is read as a file of this name: its events carry it as their calendar


class FeedError(Exception):
    """The feed could not be fetched, and no copy of it was kept."""


def feed_name(url: str) -> str:
    """A feed as logs and errors name it: its host and a short hash of the address."""
    return f"{urlsplit(url).hostname or '?'} #{hashlib.sha256(url.encode()).hexdigest()[:8]}"


class _NoDowngrade(urllib.request.HTTPRedirectHandler):
    """Follows redirects, except from https to anything else: that request would carry the
    address (and any token in it) in clear, so it is refused before it is sent."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urlsplit(req.full_url).scheme == "https" and urlsplit(newurl).scheme != "https":
            raise urllib.error.URLError("it redirected to an address that is not https, which was not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# https only (settings), and kept so across redirects
_OPENER = urllib.request.build_opener(_NoDowngrade)


@dataclass
class Fetch:
    path: Path  # the copy to read
    changed: bool  # the copy was replaced by this fetch
    stale: str = ""  # why the copy is older than the feed (it could not be fetched), else ""


class Feed:
    def __init__(self, url: str, cache_dir: Path, max_bytes: int, timeout: float = TIMEOUT) -> None:
        self.url = url
        self.name = feed_name(url)
        key = hashlib.sha256(url.encode()).hexdigest()[:16]
        self.path = cache_dir / f"{PREFIX}{key}.ics"
        self.meta = cache_dir / f"{PREFIX}{key}.json"
        self.max_bytes = max_bytes
        self.timeout = timeout

    def _validators(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        try:
            meta = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        headers = {}
        if isinstance(meta, dict):
            if meta.get("etag"):
                headers["If-None-Match"] = str(meta["etag"])
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = str(meta["last_modified"])
        return headers

    def fetch(self) -> Fetch:
        """The feed's current copy: fetched when it changed, else the one kept."""
        request = urllib.request.Request(self.url, headers={"User-Agent": "focusd", **self._validators()})
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                body = self._read(response)
                etag = response.headers.get("ETag", "")
                modified = response.headers.get("Last-Modified", "")
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and self.path.exists():
                return Fetch(self.path, changed=False)
            return self._stale(f"the server answered {exc.code}")
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return self._stale(str(reason)[:200])
        if b"BEGIN:VCALENDAR" not in body[:4096].upper():
            # A login page or an error page answered with 200: keep the last real copy.
            return self._stale("it answered something that is not a calendar (a sign-in page?)")
        self._keep(body, {"etag": etag, "last_modified": modified})
        log.info("calendar.feed_fetched", feed=self.name, bytes=len(body))
        return Fetch(self.path, changed=True)

    def _read(self, response: Any) -> bytes:
        """The body, within the size limit and the time limit as a whole: a server that sends a
        byte now and then must not hold the cycle for ever."""
        deadline = time.monotonic() + self.timeout * 2
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read1(64 * 1024) if hasattr(response, "read1") else response.read(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise OSError(f"larger than {self.max_bytes // (1024 * 1024)} MB")
            if time.monotonic() > deadline:
                raise OSError(f"it took longer than {self.timeout * 2:.0f} s to send")
            chunks.append(chunk)

    def _stale(self, reason: str) -> Fetch:
        log.warning("calendar.feed_unreachable", feed=self.name, reason=reason, kept=self.path.exists())
        if not self.path.exists():
            raise FeedError(f"calendar feed {self.name} could not be fetched: {reason}")
        return Fetch(self.path, changed=False, stale=f"feed {self.name} could not be fetched ({reason}); "
                     "its last copy was read")

    def _keep(self, body: bytes, meta: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for target, data in ((self.path, body), (self.meta, json.dumps(meta).encode())):
            fd, tmp = tempfile.mkstemp(prefix=".feed-", dir=target.parent)
            try:
                os.fchmod(fd, 0o600)  # a private feed is as private as the calendar
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
