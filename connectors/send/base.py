"""The sending seam. The base class builds the MIME message and honours dry-run once."""

from __future__ import annotations

import email.policy
from abc import ABC, abstractmethod
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any, ClassVar, Self

from connectors import BackendEnv
from connectors.errors import ConnectorError
from connectors.types import OutgoingMail


class SendError(ConnectorError):
    """The message could not be handed over. ``maybe_sent``: the connection broke once the
    message was on its way, so it may have arrived (look before sending it again); ``permanent``:
    the server refused it for good (a 5xx), so trying again the same way cannot help."""

    def __init__(self, message: str, maybe_sent: bool = False, permanent: bool = False) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent
        self.permanent = permanent


# Lines up to the RFC's 998 characters: at the default 78 a long Subject is folded right after
# its colon, and some readers then show it with a leading space.
POLICY = email.policy.default.clone(max_line_length=998)


def to_mime(mail: OutgoingMail) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = mail.sender
    msg["To"] = ", ".join(mail.to)
    msg["Subject"] = mail.subject
    msg["Message-ID"] = mail.message_id or make_msgid(domain="focusd.invalid")
    if mail.date is not None:
        msg["Date"] = format_datetime(mail.date)
    if mail.in_reply_to:
        msg["In-Reply-To"] = mail.in_reply_to
        msg["References"] = " ".join(dict.fromkeys([*mail.references, mail.in_reply_to]))
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(mail.text)
    if mail.html:
        msg.add_alternative(mail.html, subtype="html")
    return msg


class Sender(ABC):
    backend_name: ClassVar[str]

    @classmethod
    @abstractmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> Self:
        """The backend the config section describes; every backend is built this way."""

    def __init__(self, dry_run: bool = False) -> None:
        self.dry_run = dry_run

    def send(self, mail: OutgoingMail) -> bool:
        """Hand the mail over; returns False when dry-run kept it back."""
        if self.dry_run:
            return False
        self._send(to_mime(mail))
        return True

    def send_raw(self, raw: bytes) -> bool:
        """Hand over a message already built (an outbox row); False under dry-run."""
        if self.dry_run:
            return False
        self._send(email.message_from_bytes(raw, policy=POLICY))
        return True

    def delivered(self, message_id: str) -> bool | None:
        """Whether a message with ``message_id`` was handed over before, when this sender can
        tell (a folder of files can); None when only the recipient's mailbox knows."""
        return None

    @abstractmethod
    def _send(self, msg: EmailMessage) -> None: ...

    def check(self) -> str:
        return self.backend_name

    @property
    def destination(self) -> str:
        """Where sent mail goes, in words a person recognises (a folder, a server)."""
        return self.backend_name
