"""The seam every mail source sits behind: folders in, raw messages out, with an opaque cursor."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from connectors import BackendEnv
from connectors.errors import ConnectorError
from connectors.types import RawMessage

#: Raw bytes one batch may hold: a few huge mails must not be held in memory at once.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
# [mail].sent_folder's default: only then is the Sent folder looked for under the names mail
# programs give it (an IMAP server's \Sent mark first).
STOP_POLL = 0.25  # seconds: how often a wait for mail asks whether to stop
DEFAULT_SENT = "Sent"
COMMON_SENT = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent")


class MailError(ConnectorError):
    """The source could not be read (missing folder, refused login, unreachable server)."""


class SourceUnreachable(MailError):
    """The whole source could not be reached, not one folder of it: the other folders need not
    be tried in this cycle."""


@dataclass(frozen=True)
class Batch:
    """Messages after ``cursor`` in delivery order, and the cursor just past the last of them.

    The caller persists the messages first and the cursor second, so a crash in between only
    means the same messages are offered again, and de-duplication by Message-ID absorbs them.
    """

    messages: list[RawMessage]
    cursor: str
    more: bool
    #: Messages still pending in the folder after this batch, when the source can tell.
    remaining: int | None = None


class MailSource(ABC):
    """A read-only mail source. ``cursor`` values are opaque strings the store keeps per folder.
    ``interrupt``, when set (a sync run by the daemon), says that a stop was asked: a source that
    retries stops retrying."""

    backend_name: ClassVar[str]
    interrupt: Callable[[], bool] | None = None

    @classmethod
    @abstractmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> Self:
        """The backend the config section describes; every backend is built this way."""

    @abstractmethod
    def fetch_new(self, folder: str, cursor: str | None, limit: int = 500,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Batch:
        """Up to ``limit`` messages of ``folder`` that arrived after ``cursor``.

        The batch stops before the message that would take it past ``max_bytes`` of raw data,
        but always holds at least one message, so a single huge one still moves the cursor.
        """

    def has_message_id(self, message_id: str, folders: Sequence[str]) -> bool | None:
        """Whether one of ``folders`` holds a message with ``message_id``; None when this source
        cannot search (focusd then has no way to tell before sending again)."""
        return None

    def append(self, folder: str, raw: bytes) -> None:
        """Store ``raw`` in ``folder`` (a copy of sent mail); this source cannot."""
        raise MailError(f"the {self.backend_name} mail source cannot store mail in {folder}")

    def wait_for_new(self, timeout: float, stop: Callable[[], bool] | None = None) -> bool:
        """Block up to ``timeout`` seconds until new mail may be in INBOX, or until ``stop()``
        says so (checked every :data:`STOP_POLL` seconds: a daemon asked to stop while it waits
        stops at once, not at the end of the wait).

        True means "poll now"; it may be a false alarm. False means the time passed without a
        sign of mail, or the wait was stopped; the caller still polls at its interval. This
        default cannot tell, so it sleeps the whole time and says no.
        """
        deadline = time.monotonic() + max(0.0, timeout)
        while (left := deadline - time.monotonic()) > 0 and not (stop and stop()):
            time.sleep(min(left, STOP_POLL))
        return False

    def check(self, folders: Sequence[str] = ()) -> str:
        """Raise :class:`MailError` when the source, or one of ``folders``, cannot be read;
        return a short description."""
        return self.backend_name

    def close(self) -> None:  # noqa: B027 - optional hook, most sources hold nothing open
        """Release connections."""
