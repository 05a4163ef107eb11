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
  count and by bytes (``RFC822.SIZE``). A message over ``MAX_MESSAGE_BYTES`` is fetched only up
  to that size: the text a person wrote comes first.
- The Sent folder is the configured name when the server has it, else the folder marked
  ``\\Sent`` (SPECIAL-USE), else a common name such as ``Sent Items`` or ``[Gmail]/Sent Mail``.
- Any network or protocol failure becomes one :class:`MailError` sentence, and the connection
  is dropped so that the next call reconnects and resumes from the cursor.
"""

from __future__ import annotations

import contextlib
import json
import ssl
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError, LoginError

from connectors import BackendEnv
from connectors.mail.base import DEFAULT_MAX_BYTES, Batch, MailError, MailSource
from connectors.net import is_loopback
from connectors.types import MAX_MESSAGE_BYTES, RawMessage

CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 120.0
COMMON_SENT = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent")


def _cursor(text: str | None) -> tuple[int, int] | None:
    """(UIDVALIDITY, last UID) from a cursor, or None to start the folder over."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return int(data["uidvalidity"]), int(data["uid"])
    except (ValueError, KeyError, TypeError):
        return None


def _dump(uidvalidity: int, uid: int) -> str:
    return json.dumps({"uidvalidity": uidvalidity, "uid": uid}, separators=(",", ":"))


class ImapSource(MailSource):
    backend_name = "imap"

    def __init__(self, host: str, port: int, security: str = "ssl", username: str = "",
                 password: Callable[[], str] | None = None, sent_folder: str = "Sent",
                 max_age: timedelta | None = None, ssl_context: ssl.SSLContext | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        if security not in ("ssl", "starttls", "none"):
            raise ValueError(f"unknown security {security!r}")
        if security == "none" and not is_loopback(host):
            raise MailError(f"imap security none sends your password and mail in clear text; it is allowed "
                            f"only for a server on this machine, not {host}")
        self.host, self.port, self.security = host, port, security
        self.username, self.password = username, password
        self.sent_folder, self.max_age, self.clock = sent_folder, max_age, clock
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        self._client: IMAPClient | None = None
        self._names: dict[str, str] = {}

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> ImapSource:
        return cls(section["host"], section["port"], section["security"], section["username"],
                   password=lambda: env.secret("mail.password"), sent_folder=section["sent_folder"],
                   max_age=section["max_age"])

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
            if self.security == "starttls":
                client.starttls(self.ssl_context)
            client.login(self.username, self.password() if self.password else "")
        except LoginError:
            raise MailError(f"{self.where} refused the login for {self.username}: check the user name and the "
                            "password source ([mail].password_env, _file or _command)") from None
        except ssl.SSLError as exc:
            raise MailError(f"{self.where}: the TLS handshake failed ({exc.reason or type(exc).__name__}); check "
                            "the port and [mail].security (993 is ssl, 143 is starttls)") from None
        except TimeoutError:
            raise MailError(f"{self.where} did not answer in time; check host, port and firewall") from None
        except (OSError, IMAPClientError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            raise MailError(f"cannot reach the IMAP server {self.where}: {why}") from None
        self._client = client
        return client

    def _drop(self) -> None:
        """Forget the connection after a failure: the next call reconnects."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(OSError, IMAPClientError):
                client.shutdown()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except (OSError, IMAPClientError):
                client.shutdown()

    # -- folders ------------------------------------------------------------------------------

    def folder_name(self, folder: str) -> str:
        """The server's name for ``folder``: as configured, else (for the Sent folder) the one
        marked \\Sent, else a common name; MailError naming the folders there are if none."""
        if folder in self._names:
            return self._names[folder]
        client = self._connect()
        listing = client.list_folders()
        names = [name for _, _, name in listing]
        found = next((n for n in names if n == folder or (folder.upper() == "INBOX" and n.upper() == "INBOX")), None)
        if found is None and folder == self.sent_folder:
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
        try:
            return self._fetch(folder, cursor, limit, max_bytes)
        except MailError:
            raise
        except (OSError, IMAPClientError) as exc:
            self._drop()
            raise MailError(f"reading {folder} on {self.where} broke off ({type(exc).__name__}); the next "
                            "sync resumes where this one stopped") from None

    def _fetch(self, folder: str, cursor: str | None, limit: int, max_bytes: int) -> Batch:
        name = self.folder_name(folder)
        client = self._connect()
        status = client.select_folder(name, readonly=True)  # read-only: no flag can change
        validity = int(status[b"UIDVALIDITY"])
        top = int(status.get(b"UIDNEXT", 1)) - 1
        known = _cursor(cursor)
        if known is not None and known[0] == validity:
            last = known[1]
            uids = [u for u in client.search(["UID", f"{last + 1}:*"]) if u > last]
        else:
            last = 0
            since = (self.clock() - self.max_age).date() if self.max_age is not None else None
            uids = client.search(["SENTSINCE", since] if since else ["ALL"])
        uids = sorted(uids)
        if not uids:
            return Batch([], _dump(validity, max(last, top)), more=False, remaining=0)
        sizes = {u: int(d.get(b"RFC822.SIZE", 0)) for u, d in client.fetch(uids[:limit], ["RFC822.SIZE"]).items()}
        chosen: list[int] = []
        total = 0
        for uid in uids[:limit]:
            size = min(sizes.get(uid, 0), MAX_MESSAGE_BYTES)
            if chosen and total + size > max_bytes:
                break
            chosen.append(uid)
            total += size
        messages = self._bodies(client, folder, chosen, sizes)
        more = len(chosen) < len(uids)
        # Past the last message of the folder when nothing is left: mail older than max_age
        # that the first search passed over is never asked for again.
        end = chosen[-1] if more else max(chosen[-1], top)
        return Batch(messages, _dump(validity, end), more=more, remaining=len(uids) - len(chosen))

    def _bodies(self, client: IMAPClient, folder: str, uids: list[int], sizes: dict[int, int]) -> list[RawMessage]:
        whole = [u for u in uids if sizes.get(u, 0) <= MAX_MESSAGE_BYTES]
        big = [u for u in uids if u not in whole]
        got: dict[int, tuple[bytes, datetime | None]] = {}
        if whole:
            for uid, data in client.fetch(whole, ["BODY.PEEK[]", "INTERNALDATE"]).items():
                got[uid] = (data.get(b"BODY[]") or b"", _aware(data.get(b"INTERNALDATE")))
        for uid in big:  # only the head of a huge message, as the parser reads no further
            data = client.fetch([uid], [f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>", "INTERNALDATE"]).get(uid, {})
            body = next((v for k, v in data.items() if k.startswith(b"BODY[]")), b"")
            got[uid] = (body or b"", _aware(data.get(b"INTERNALDATE")))
        return [RawMessage(folder=folder, key=str(uid), data=got[uid][0], received=got[uid][1])
                for uid in uids if uid in got]


def _aware(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
