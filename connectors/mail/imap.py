"""Any IMAP mailbox, read-only: INBOX and the Sent folder, incrementally, never marking mail read.

- Security is implicit TLS (``ssl``), ``starttls``, or ``none``, which is accepted only for a
  server on this machine. Connect and read timeouts are separate.
- The cursor of a folder is its (UIDVALIDITY, last UID). ``UID SEARCH UID n:*`` answers the last
  message even when its UID is below n, so results are filtered against the cursor. A new
  UIDVALIDITY starts the folder over, and the cycle's Message-ID de-duplication keeps anything
  from being doubled.
- The first sync of a folder asks the server only for mail sent within ``max_age``
  (``SENTSINCE``), so a mailbox of years costs one search, not a download.
- Messages are fetched with ``BODY.PEEK[]`` (flags stay as they are), in batches bounded by
  count and by bytes (``RFC822.SIZE``). Each message's size comes with its first ``HEAD_BYTES``,
  in which nearly all mail without attachments is whole: one round trip a batch. A message over
  ``MAX_MESSAGE_BYTES`` is fetched only up to that size: the text a person wrote comes first.
- The Sent folder is the configured name when the server has it, else the folder marked
  ``\\Sent`` (SPECIAL-USE), else a common name such as ``Sent Items`` or ``[Gmail]/Sent Mail``.
- With CONDSTORE the cursor also keeps HIGHESTMODSEQ once a folder is read to its end; a poll
  that finds the same UIDVALIDITY and HIGHESTMODSEQ (or a UIDNEXT not past the cursor) answers
  from the SELECT alone, without a SEARCH.
- A message over ``BIG_MESSAGE_BYTES`` is read through its BODYSTRUCTURE: the header, the MIME
  header of every part, and the bodies of its text parts only. The message is rebuilt with the
  other parts empty, so attachments are still listed by name and type, not downloaded.
- ``wait_for_new`` uses IDLE on INBOX where the server has it (re-issued before 29 minutes),
  else a NOOP poll.
- A network or protocol failure (a reset, a timeout, garbage from the server) drops the
  connection and retries with exponential backoff and jitter, resuming from the cursor; only
  when the tries are spent does it become one :class:`MailError` sentence.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar

import structlog
from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError, LoginError

from connectors import BackendEnv
from connectors.mail import fetchparse
from connectors.mail.base import (
    COMMON_SENT,
    DEFAULT_MAX_BYTES,
    DEFAULT_SENT,
    STOP_POLL,
    Batch,
    MailError,
    MailSource,
    SourceUnreachable,
)
from connectors.mime import OMITTED_HEADER
from connectors.net import is_loopback, no_starttls, unreachable
from connectors.oauth import Auth, OAuthError, imap_login
from connectors.types import MAX_MESSAGE_BYTES, RawMessage

CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 120.0
#: Tries of one call before its failure is reported, and the first wait between them (doubled
#: each time, jittered): 0.5 + 1 + 2 s at most about 10 s in all.
TRIES = 4
BACKOFF = 0.5
#: Servers may end an IDLE after 30 minutes (RFC 2177): it is re-issued before.
IDLE_MAX = 29 * 60.0
#: Without IDLE, how often wait_for_new asks the server with a NOOP.
NOOP_INTERVAL = 10.0
#: Over this size (RFC822.SIZE) a message is read part by part, attachments left on the server.
#: Below it one BODY.PEEK[] in a batch costs fewer round trips than BODYSTRUCTURE and parts.
#: Measured on loopback Dovecot, per message: 16 KB whole 0.7 ms, by parts 1.1 ms; 256 KB whole
#: 8.7 ms, by parts 1.7 ms; 1 MB 16.8 ms and 0.7 ms. Loopback breaks even near 64 KB; over a
#: network the extra round trip (tens of ms) moves it up to about this size.
BIG_MESSAGE_BYTES = 256 * 1024
#: Bytes of each message fetched with its size: a message shorter than this (nearly all mail
#: without attachments) needs no second round trip.
HEAD_BYTES = 16 * 1024
#: A structure with more parts than this is not worth rebuilding: the head-only fetch is used.
MAX_PARTS = 200
#: What a server says when it refuses a login for now, not for the password.
_BUSY_RE = re.compile(r"\[(?:UNAVAILABLE|INUSE|LIMIT)\]|too many (?:connections|logins|simultaneous)|maximum number of "
                      r"connections|try again later", re.I)
#: Characters of section numbers asked for in one command: well under what servers take in a line.
MAX_SECTIONS_CHARS = 4000

log = structlog.get_logger(__name__)
T = TypeVar("T")


class _Unreachable(MailError):
    """The server could not be reached or broke off while connecting: worth another try."""


@dataclass(frozen=True)
class _Cursor:
    uidvalidity: int
    uid: int
    modseq: int | None = None  # HIGHESTMODSEQ when the folder was read to its end


def _cursor(text: str | None) -> _Cursor | None:
    """The cursor of a folder, or None to start it over; a cursor without modseq still loads."""
    if not text:
        return None
    try:
        data = json.loads(text)
        modseq = data.get("modseq")
        return _Cursor(int(data["uidvalidity"]), int(data["uid"]), None if modseq is None else int(modseq))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _dump(uidvalidity: int, uid: int, modseq: int | None = None) -> str:
    data: dict[str, int] = {"uidvalidity": uidvalidity, "uid": uid}
    if modseq is not None:
        data["modseq"] = modseq
    return json.dumps(data, separators=(",", ":"))


class ImapSource(MailSource):
    backend_name = "imap"

    def __init__(self, host: str, port: int, security: str = "ssl", username: str = "",
                 password: Callable[[], str] | None = None, sent_folder: str = DEFAULT_SENT,
                 max_age: timedelta | None = None, ssl_context: ssl.SSLContext | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), idle: bool = True,
                 tries: int = TRIES, sleep: Callable[[float], None] = time.sleep,
                 big_bytes: int = BIG_MESSAGE_BYTES, auth: Auth | None = None) -> None:
        if security not in ("ssl", "starttls", "none"):
            raise ValueError(f"unknown security {security!r}")
        if security == "none" and not is_loopback(host):
            raise MailError(f"imap security none sends your password and mail in clear text; it is allowed "
                            f"only for a server on this machine, not {host}")
        self.host, self.port, self.security = host, port, security
        self.username = username
        self.auth = auth or Auth(password=password)
        self.sent_folder, self.max_age, self.clock = sent_folder, max_age, clock
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        self.idle, self.tries, self.sleep, self.big_bytes = idle, max(1, tries), sleep, big_bytes
        self.noop_interval = NOOP_INTERVAL
        self._client: IMAPClient | None = None
        self._names: dict[str, str] = {}
        self._uidnext: dict[str, int] = {}  # UIDNEXT of each folder when last read to its end
        self._told: dict[str, int] = {}  # the UIDNEXT wait_for_new last woke its caller for
        self._selected: str | None = None  # the folder open on this connection
        self._plans: dict[str, _Plan] = {}  # the rest of a folder's search, while a sync reads it
        self._condstore = False
        # The cycle fetches ahead in a thread while it processes a batch, and a confirmation may
        # look for a Message-ID meanwhile: one command at a time on the one connection.
        self._lock = threading.RLock()

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> ImapSource:
        return cls(section["host"], section["port"], section["security"], section["username"],
                   auth=Auth.from_config("mail", section, env), sent_folder=section["sent_folder"],
                   max_age=section["max_age"], idle=bool(section.get("idle", True)))

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    # -- connection ---------------------------------------------------------------------------

    def _connect(self) -> IMAPClient:
        if self._client is not None:
            return self._client
        try:
            client = IMAPClient(self.host, self.port, ssl=self.security == "ssl", ssl_context=self.ssl_context,
                                timeout=SocketTimeout(self.connect_timeout, self.read_timeout))
            # INTERNALDATE with the server's offset, not turned into this host's naive local time
            # (which _aware would then have read as UTC).
            client.normalise_times = False
            if self.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    # Not a network fault: trying again cannot help, so no _Unreachable.
                    client.shutdown()
                    raise MailError(no_starttls("IMAP", "mail", self.host, self.port, 993))
                client.starttls(self.ssl_context)
            self._login(client)
            self._selected, self._plans = None, {}
            self._condstore = client.has_capability("CONDSTORE") and client.has_capability("ENABLE")
            if self._condstore:
                client.enable("CONDSTORE")  # SELECT and STATUS then report HIGHESTMODSEQ
        except MailError:
            raise
        except OAuthError as exc:
            raise MailError(str(exc)) from None
        except LoginError as exc:
            said = " ".join(str(exc).split())[:200]
            if _BUSY_RE.search(said):
                # "NO [UNAVAILABLE] Maximum number of connections...": the server is busy, not the
                # password wrong; trying later will do.
                raise _Unreachable(f"{self.where} is not taking a login now ({said})") from None
            raise MailError(f"{self.where} refused the login for {self.username}: check the user name and the "
                            "password source ([mail].password_env, _file or _command)") from None
        except ssl.SSLError as exc:
            raise MailError(f"{self.where}: the TLS handshake failed ({exc.reason or type(exc).__name__}); check "
                            "the port and [mail].security (993 is ssl, 143 is starttls)") from None
        except TimeoutError:
            raise _Unreachable(f"{self.where} did not answer in time; check host, port and firewall") from None
        except OSError as exc:
            raise _Unreachable(unreachable("IMAP", "mail", self.host, self.port, exc,
                                           "993 for ssl, 143 for starttls")) from None
        except IMAPClientError as exc:
            raise _Unreachable(f"the IMAP server {self.where} broke off the login ({type(exc).__name__}); check "
                               "[mail].port and security (993 is ssl, 143 is starttls)") from None
        self._client = client
        return client

    def _login(self, client: IMAPClient) -> None:
        """The one place that authenticates: a password, or XOAUTH2 with a token renewed once
        when the server refuses it."""
        imap_login(client, self.username, self.auth)

    def _retrying(self, what: str, action: Callable[[], T]) -> T:
        """``action``, tried again on a fresh connection after a network or protocol failure,
        with exponential backoff and jitter; one MailError sentence when the tries are spent.
        Each try starts from the caller's cursor, so nothing is lost or read twice."""
        failure = ""
        unreachable = False
        for attempt in range(self.tries):
            with self._lock:  # held while the broken connection is dropped, too
                try:
                    return action()
                except _Unreachable as exc:
                    failure, unreachable = str(exc), True
                except MailError:
                    raise  # a refused login or a missing folder: trying again will not help
                except (OSError, IMAPClientError) as exc:  # resets, timeouts, and garbage (ProtocolError)
                    self._drop()
                    failure, unreachable = f"{what} on {self.where} broke off ({type(exc).__name__})", False
            if self.interrupt is not None and self.interrupt():
                # A stop was asked: no more tries, and the cursor keeps the place for the next run.
                raise MailError(f"{failure}; stopped before trying again, the next sync resumes where this one stopped")
            if attempt + 1 < self.tries:
                delay = BACKOFF * 2 ** attempt * random.uniform(0.5, 1.5)
                log.info("imap.retry", where=self.where, attempt=attempt + 1, error=failure,
                            delay=round(delay, 2))
                self.sleep(delay)
        error = SourceUnreachable if unreachable else MailError
        raise error(f"{failure}; tried {self.tries} times, the next sync resumes where this one stopped")

    def _select(self, client: IMAPClient, name: str) -> dict[bytes, Any]:
        """Open ``name`` read-only: no flag can change."""
        self._selected = None
        status: dict[bytes, Any] = client.select_folder(name, readonly=True)
        self._selected = name
        return status

    def _status(self, client: IMAPClient, name: str) -> dict[bytes, Any]:
        """UIDVALIDITY, UIDNEXT (and HIGHESTMODSEQ) of ``name`` without opening it. The folder
        already open is first brought up to date (NOOP), as its STATUS is as of the last command;
        it then needs no SELECT either."""
        if self._selected == name:
            client.noop()
        items = [b"UIDVALIDITY", b"UIDNEXT", *([b"HIGHESTMODSEQ"] if self._condstore else [])]
        status: dict[bytes, Any] = client.folder_status(name, items)
        return status

    def _drop(self) -> None:
        """Forget the connection after a failure: the next call reconnects."""
        self._selected, self._plans = None, {}
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(OSError, IMAPClientError):
                client.shutdown()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        self._selected, self._plans = None, {}
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except (OSError, IMAPClientError):
                client.shutdown()

    # -- folders ------------------------------------------------------------------------------

    def folder_name(self, folder: str) -> str:
        """The server's name for ``folder``: as configured, else (for the Sent folder left at its
        default name) the one marked \\Sent, else a common name; MailError naming the folders
        there are if none. A Sent folder the config names is never swapped for another: a
        misspelt name would otherwise pass unnoticed."""
        if folder in self._names:
            return self._names[folder]
        client = self._connect()
        listing = client.list_folders()
        names = [name for _, _, name in listing]
        found = next((n for n in names if n == folder or (folder.upper() == "INBOX" and n.upper() == "INBOX")), None)
        if found is None and folder == self.sent_folder == DEFAULT_SENT:
            found = next((name for flags, _, name in listing if b"\\Sent" in flags), None)
            found = found or next((n for c in COMMON_SENT for n in names if n.lower() == c.lower()), None)
        if found is None:
            shown = ", ".join(sorted(names)[:12])
            raise MailError(f"folder {folder!r} does not exist on {self.where} (folders: {shown}); create it, "
                            "or name another in the config")
        self._names[folder] = found
        return found

    def check(self, folders: Sequence[str] = ()) -> str:
        """Log in and find each of ``folders``; nothing is read or changed."""
        try:
            with self._lock:
                self._connect()
                resolved = [f"{f} = {self.folder_name(f)}" if self.folder_name(f) != f else f for f in folders]
        except (OSError, IMAPClientError) as exc:
            self._drop()
            raise MailError(f"{self.where} broke off ({type(exc).__name__})") from None
        shown = f": {', '.join(resolved)}" if resolved else ""
        return f"imap {self.username}@{self.where} ({self.security}){shown}"

    # -- reading ------------------------------------------------------------------------------

    def fetch_new(self, folder: str, cursor: str | None, limit: int = 500,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Batch:
        return self._retrying(f"reading {folder}", lambda: self._fetch(folder, cursor, limit, max_bytes))

    def _fetch(self, folder: str, cursor: str | None, limit: int, max_bytes: int) -> Batch:
        name = self.folder_name(folder)
        client = self._connect()
        known = _cursor(cursor)
        plan = self._plans.pop(name, None)
        if plan is not None and known is not None and self._selected == name \
                and (plan.validity, plan.after) == (known.uidvalidity, known.uid):
            # The next batch of the search this sync began: no SELECT, no SEARCH.
            validity, top, modseq, last, uids = plan.validity, plan.top, plan.modseq, known.uid, plan.uids
            sizes, heads = plan.sizes, plan.heads
        else:
            sizes, heads = {}, {}
            status = None
            if known is not None:
                # A poll: STATUS answers "nothing new" without opening the folder, which on a
                # large folder costs the server far more.
                status = self._status(client, name)
                if int(status[b"UIDVALIDITY"]) == known.uidvalidity and _unchanged(status, known):
                    self._uidnext[name] = int(status[b"UIDNEXT"])
                    return Batch([], cursor or "", more=False, remaining=0)
            if status is None or self._selected != name:
                status = self._select(client, name)
            validity = int(status[b"UIDVALIDITY"])
            top = int(status.get(b"UIDNEXT", 1)) - 1
            modseq = int(status[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in status else None
            if known is not None and known.uidvalidity == validity:
                last = known.uid
                # Nothing changed since the folder was read to its end: no SEARCH, no FETCH.
                if (modseq is not None and known.modseq == modseq) or (b"UIDNEXT" in status and top <= last):
                    self._uidnext[name] = top + 1
                    return Batch([], _dump(validity, last, modseq), more=False, remaining=0)
                uids = [u for u in client.search(["UID", f"{last + 1}:*"]) if u > last]
            else:
                last = 0
                since = (self.clock() - self.max_age).date() if self.max_age is not None else None
                uids = client.search(["SENTSINCE", since] if since else ["ALL"])
            uids = sorted(uids)
        if not uids:
            self._uidnext[name] = top + 1
            return Batch([], _dump(validity, max(last, top), modseq), more=False, remaining=0)
        # The sizes come with each message's first HEAD_BYTES: most mail is whole within them, so
        # one round trip fetches it; the rest is fetched by its size below.
        unknown = [u for u in uids[:limit] if u not in sizes]
        if unknown:
            first = fetchparse.fetch(client, unknown, ["RFC822.SIZE", f"BODY.PEEK[]<0.{HEAD_BYTES}>", "INTERNALDATE"])
            sizes |= {u: int(d.get(b"RFC822.SIZE", 0)) for u, d in first.items()}
            heads |= {u: (_body(d), _aware(d.get(b"INTERNALDATE"))) for u, d in first.items()}
        chosen: list[int] = []
        total = 0
        for uid in uids[:limit]:
            size = min(sizes.get(uid, 0), MAX_MESSAGE_BYTES)
            if chosen and total + size > max_bytes:
                break
            chosen.append(uid)
            total += size
        messages = self._bodies(client, folder, chosen, sizes, heads)
        more = len(chosen) < len(uids)
        # Past the last message of the folder when nothing is left: mail older than max_age
        # that the first search passed over is never asked for again.
        end = chosen[-1] if more else max(chosen[-1], top)
        if more:
            rest = uids[len(chosen):]
            kept = set(rest[:limit])
            self._plans[name] = _Plan(validity, top, modseq, end, rest, {u: n for u, n in sizes.items() if u in kept},
                                      {u: h for u, h in heads.items() if u in kept})
        else:
            self._uidnext[name] = end + 1
        # The modseq only with a folder read to its end, as it stands for "nothing left".
        return Batch(messages, _dump(validity, end, None if more else modseq), more=more,
                     remaining=len(uids) - len(chosen))

    def _bodies(self, client: IMAPClient, folder: str, uids: list[int], sizes: dict[int, int],
                heads: dict[int, tuple[bytes | None, datetime | None]]) -> list[RawMessage]:
        # A head shorter than was asked for is the whole message, whatever size the server gave.
        got: dict[int, tuple[bytes, datetime | None]] = {
            u: (head, when) for u in uids for head, when in [heads.get(u, (None, None))]
            if head is not None and len(head) < HEAD_BYTES}
        whole = [u for u in uids if u not in got and sizes.get(u, 0) <= self.big_bytes]
        big = [u for u in uids if u not in got and u not in whole]
        if whole:
            for uid, data in fetchparse.fetch(client, whole, ["BODY.PEEK[]", "INTERNALDATE"]).items():
                got[uid] = (data.get(b"BODY[]") or b"", _aware(data.get(b"INTERNALDATE")))
        structures = fetchparse.fetch(client, big, ["BODYSTRUCTURE"]) if big else {}
        for uid in list(big):
            skimmed = self._skim(client, uid, structures.get(uid, {}).get(b"BODYSTRUCTURE"))
            if skimmed is not None:
                got[uid] = skimmed
                big.remove(uid)
        for uid in big:  # only the head of a huge message, as the parser reads no further
            data = fetchparse.fetch(client, [uid], [f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>", "INTERNALDATE"]).get(uid, {})
            got[uid] = (_body(data) or b"", _aware(data.get(b"INTERNALDATE")))
        return [RawMessage(folder=folder, key=str(uid), data=got[uid][0], received=got[uid][1])
                for uid in uids if uid in got]

    def _skim(self, client: IMAPClient, uid: int, structure: Any) -> tuple[bytes, datetime | None] | None:
        """A big message without its attachment bodies, or None (logged) when its structure
        cannot be followed and the head-only fetch should be used instead."""
        try:
            root = _part(structure, "")
            leaves = list(root.leaves())
            nodes = [p for p in root.walk() if p.section]
            # Each node's header is asked for by its section number: a tree nested thousands deep
            # with few leaves made a command line the server refused (BAD), and the folder stuck.
            if len(leaves) > MAX_PARTS or len(nodes) > MAX_PARTS or sum(len(p.section) for p in nodes) > MAX_SECTIONS_CHARS:
                raise ValueError("too many parts")
        except (ValueError, TypeError, IndexError, AttributeError, RecursionError) as exc:
            log.warning("imap.bodystructure_unusable", uid=uid, reason=str(exc) or type(exc).__name__)
            return None
        items = ["BODY.PEEK[HEADER]", "INTERNALDATE"]
        items += [f"BODY.PEEK[{p.section}.MIME]" for p in nodes]
        budget = MAX_MESSAGE_BYTES
        for leaf in leaves:
            if leaf.text and budget > 0:  # the text a person wrote, up to what the parser reads
                items.append(f"BODY.PEEK[{leaf.section or '1'}]<0.{budget}>")
                leaf.fetched = True
                budget -= min(leaf.size, budget)
        data = fetchparse.fetch(client, [uid], items).get(uid, {})
        try:
            raw = root.build(data)
        except (ValueError, KeyError) as exc:
            log.warning("imap.bodystructure_unusable", uid=uid, reason=str(exc) or type(exc).__name__)
            return None
        return raw, _aware(data.get(b"INTERNALDATE"))

    # -- waiting and writing ------------------------------------------------------------------

    def wait_for_new(self, timeout: float, stop: Callable[[], bool] | None = None) -> bool:
        """Block up to ``timeout`` seconds until INBOX may have new mail: IDLE where the server
        has it and ``idle`` is on, else a NOOP every few seconds. A failure reconnects with
        backoff within the same deadline. ``stop()`` is asked every :data:`STOP_POLL` seconds
        while the IDLE stays open (no traffic), and ends the wait with False."""
        deadline = time.monotonic() + max(0.0, timeout)
        return self._retrying("waiting for mail", lambda: self._wait(deadline, stop or (lambda: False)))

    def _wait(self, deadline: float, stop: Callable[[], bool]) -> bool:
        name = self.folder_name("INBOX")
        client = self._connect()
        status = self._status(client, name) if self._selected == name else self._select(client, name)
        seen = self._uidnext.get(name)
        uidnext = int(status.get(b"UIDNEXT", seen or 0))
        # Delivered since the last read, before this wait began: said once per arrival, so a
        # cycle that could not read it is not woken again and again for the same mail.
        if seen is not None and uidnext > seen and self._told.get(name) != uidnext:
            self._told[name] = uidnext
            return True
        use_idle = self.idle and client.has_capability("IDLE")
        while (left := deadline - time.monotonic()) > 0 and not stop():
            if use_idle:
                client.idle()
                end = time.monotonic() + min(left, IDLE_MAX)
                responses: list[Any] = []
                while not responses and (rest := end - time.monotonic()) > 0 and not stop():
                    responses = client.idle_check(timeout=min(rest, STOP_POLL))
                # A delivery the server reports just as the IDLE ends comes with its DONE.
                responses += client.idle_done()[1]
            else:
                end = time.monotonic() + min(left, self.noop_interval)
                while (rest := end - time.monotonic()) > 0 and not stop():
                    time.sleep(min(rest, STOP_POLL))
                responses = client.noop()[1]
            if any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                return True
        return False

    def has_message_id(self, message_id: str, folders: Sequence[str]) -> bool:
        """Whether a message with this Message-ID is in any of ``folders`` (read-only)."""
        if not message_id or any(ord(c) < 0x21 or ord(c) > 0x7E or c == '"' for c in message_id):
            raise ValueError(f"not a Message-ID: {message_id!r}")

        def look() -> bool:
            client = self._connect()
            for folder in folders:
                self._select(client, self.folder_name(folder))
                if client.search(["HEADER", "Message-ID", message_id]):
                    return True
            return False

        return self._retrying("searching for a Message-ID", look)

    def append(self, folder: str, raw: bytes, seen: bool = True) -> None:
        """Store ``raw`` in the server's ``folder`` (e.g. Sent), marked read unless ``seen`` is
        false. Tried once: after a broken connection the copy may already be there, and the
        caller can ask :meth:`has_message_id` before trying again."""
        with self._lock:
            try:
                client = self._connect()
                client.append(self.folder_name(folder), raw, flags=(b"\\Seen",) if seen else ())
            except MailError:
                raise
            except (OSError, IMAPClientError) as exc:
                self._drop()
                raise MailError(f"saving a copy to {folder} on {self.where} failed ({type(exc).__name__})") from None


_BOUNDARY_OK = re.compile(rb"^[0-9A-Za-z'()+_,./:=? -]{1,70}$")


@dataclass
class _Part:
    """One node of a BODYSTRUCTURE: a multipart with its children, or a leaf."""

    section: str  # "" for the message itself, else "1", "2.1", ...
    boundary: bytes = b""  # multipart only
    children: list[_Part] = field(default_factory=list)
    text: bool = False  # text/plain or text/html: its body is fetched
    size: int = 0  # octets on the server, as transferred
    base64: bool = False
    fetched: bool = False

    def walk(self) -> Any:
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Any:
        return (p for p in self.walk() if not p.children and not p.boundary)

    def build(self, data: Mapping[bytes, Any]) -> bytes:
        """The message with each leaf body fetched, or left empty with its size noted."""
        head = data[b"BODY[HEADER]" if not self.section else f"BODY[{self.section}.MIME]".encode()]
        if not isinstance(head, bytes):
            raise ValueError("a header is missing")
        if self.boundary:
            middle = b"".join(b"--" + self.boundary + b"\r\n" + c.build(data) + b"\r\n" for c in self.children)
            return head + middle + b"--" + self.boundary + b"--\r\n"
        if self.fetched:
            key = f"BODY[{self.section or '1'}]<0>".encode()
            return head + (data.get(key) or b"")
        # base64 is 76 characters and CRLF for every 57 bytes
        size = self.size * 57 // 78 if self.base64 else self.size
        return f"{OMITTED_HEADER}: {size}\r\n".encode() + head


def _part(node: Any, section: str) -> _Part:
    """The tree of a BODYSTRUCTURE response; ValueError on anything it cannot follow."""
    if isinstance(node[0], list):  # multipart: children, subtype, then (params, ...)
        params = node[2] if len(node) > 2 and isinstance(node[2], tuple) else ()
        pairs = dict(zip(params[::2], params[1::2], strict=False))
        boundary = next((v for k, v in pairs.items() if isinstance(k, bytes) and k.lower() == b"boundary"), None)
        if not isinstance(boundary, bytes) or not _BOUNDARY_OK.match(boundary):
            raise ValueError("a multipart without a usable boundary")
        if not node[0]:
            raise ValueError("a multipart without parts")
        children = [_part(child, f"{section}.{n}" if section else str(n)) for n, child in enumerate(node[0], 1)]
        return _Part(section, boundary=boundary, children=children)
    kind, sub, encoding, size = node[0], node[1], node[5], node[6]
    if not all(isinstance(v, bytes) for v in (kind, sub)) or not isinstance(size, int):
        raise ValueError("a part without type or size")
    text = kind.lower() == b"text" and sub.lower() in (b"plain", b"html")
    base64 = isinstance(encoding, bytes) and encoding.lower() == b"base64"
    return _Part(section, text=text, size=size, base64=base64)


@dataclass
class _Plan:
    """What is left of a folder's search after a batch: the UIDs still to read, and the folder's
    state when it was searched."""

    validity: int
    top: int
    modseq: int | None
    after: int  # the cursor's UID once the batch before is stored
    uids: list[int]
    # Sizes and heads fetched with the batch before for UIDs it had no room for: fetched once.
    sizes: dict[int, int] = field(default_factory=dict)
    heads: dict[int, tuple[bytes | None, datetime | None]] = field(default_factory=dict)


def _unchanged(status: dict[bytes, Any], known: Any) -> bool:
    """Whether a folder's STATUS says nothing arrived since ``known`` (same UIDVALIDITY)."""
    if b"HIGHESTMODSEQ" in status and known.modseq is not None:
        return int(status[b"HIGHESTMODSEQ"]) == known.modseq
    return int(status[b"UIDNEXT"]) - 1 <= known.uid


def _body(data: dict[bytes, Any]) -> bytes | None:
    """The BODY[] (or partial BODY[]<0>) item of one message's FETCH answer, None without one."""
    return next((v for k, v in data.items() if k.startswith(b"BODY[]")), None)


def _aware(value: Any) -> datetime | None:
    """INTERNALDATE as an aware time with a plain ``timezone``: imapclient's own offset class
    cannot be pickled, and the sync hands these times to its worker process."""
    if not isinstance(value, datetime):
        return None
    offset = value.utcoffset()
    return value.replace(tzinfo=UTC if offset is None else timezone(offset))
