"""Plain data types that cross the boundary between connectors, planner and agent.

Nothing here does I/O, so the planner may import it freely.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

BRIEF_ID_RE = re.compile(r"<focusd-brief\.([A-Za-z0-9_-]+)@[^>]+>")
#: Only this much of one message is read and parsed. The text a person wrote comes first; what
#: lies beyond is attachment data, and holding all of a 400 MB message would cost a gigabyte.
MAX_MESSAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Address:
    name: str
    email: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"filename": self.filename, "content_type": self.content_type, "size": self.size}


@dataclass
class Message:
    """One normalised mail message. Bodies of attachments are never kept."""

    message_id: str
    subject: str
    sender: Address
    to: list[Address]
    cc: list[Address]
    date: datetime
    text: str
    reply_text: str
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    authentication_results: list[str] = field(default_factory=list)
    # The From address when the header leaves no doubt (one header, one address), else "":
    # what a reply to a brief is authenticated by.
    strict_from: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    is_bulk: bool = False
    is_brief_reply: bool = False
    folder: str = "INBOX"
    dated: bool = True  # False when no header gave the date and ``date`` is when it arrived
    # True when the text was longer than focusd reads of a mail (connectors.mime.MAX_TEXT_CHARS,
    # or bytes past MAX_MESSAGE_BYTES) and was cut: a reply's last line may then be half a line.
    text_cut: bool = False
    # The list the message came through (List-Id, else List-Post address), "" for none.
    list_id: str = ""
    list_post: str = ""
    # Spam-verdict headers, as (lower-case name, value), that a server on the way wrote: each
    # has a Received line below it. The sender writes beneath every Received line.
    verdicts: list[tuple[str, str]] = field(default_factory=list)
    # Mass-mail traits seen in the headers (e.g. "list-unsubscribe", "hidden recipients").
    traits: list[str] = field(default_factory=list)
    # Authentication-Results a receiving server wrote (a Received line below each): the only ones
    # that may vouch for mail claiming the owner's address. The sender can write any other.
    server_authentication_results: list[str] = field(default_factory=list)
    # The scam traits of the text (agent.spam.scam_traits), once worked out: the sync's worker
    # process reads them beside the parse, so triage does not read the text again. None: not yet.
    scam: frozenset[str] | None = None

    @property
    def fingerprint(self) -> str:
        """Tells two messages apart that claim the same Message-ID. Sender, Date and Subject
        survive delivery to several folders or twice over, while a ticket system that reuses
        one id for every update changes at least one of them. A message without a Date is told
        by its text instead, since the time it arrived changes with every delivery."""
        when = self.date.isoformat() if self.dated else hashlib.sha256(
            self.text[:8000].encode("utf-8", "surrogatepass")).hexdigest()
        key = f"{self.sender.email}\n{when}\n{self.subject}"
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @property
    def thread_id(self) -> str:
        """The root of the thread: the first reference, else the reply target, else itself."""
        if self.references:
            return self.references[0]
        return self.in_reply_to or self.message_id

    def to_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "from": self.sender.to_json(),
            "to": [a.to_json() for a in self.to],
            "cc": [a.to_json() for a in self.cc],
            "date": self.date.isoformat(),
            "subject": self.subject,
            "text": self.text,
            "reply_text": self.reply_text,
            "attachments": [a.to_json() for a in self.attachments],
            "is_bulk": self.is_bulk,
            "is_brief_reply": self.is_brief_reply,
        }


@dataclass(frozen=True)
class RawMessage:
    """Bytes as a mail source returns them, with where they came from."""

    folder: str
    key: str
    data: bytes
    received: datetime | None = None
    error: str = ""  # why the source could not read it (then ``data`` is empty)


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""
    status: str = "needs-action"  # accepted | declined | tentative | needs-action

    def to_json(self) -> dict[str, str]:
        return {"email": self.email, "name": self.name, "status": self.status}


@dataclass
class Event:
    uid: str
    title: str
    start: datetime
    end: datetime
    attendees: list[Attendee] = field(default_factory=list)
    organizer: str = ""
    location: str = ""
    description: str = ""
    all_day: bool = False
    focusd_item: int | None = None  # set on events focusd created (X-FOCUSD-ITEM / focusd=ID)
    calendar: str = ""
    busy: bool = True  # False for an event marked free (TRANSP:TRANSPARENT, Google "transparent")

    @property
    def is_focus_block(self) -> bool:
        """One of focusd's focus blocks: its tag, and no guests. A block the owner turned into a
        meeting (guests added) is a meeting, shown and related to work as any other."""
        return self.focusd_item is not None and not self.attendees

    def key(self) -> str:
        """Unique per occurrence: a recurring event shares its UID across occurrences."""
        return f"{self.uid}@{self.start.isoformat()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "all_day": self.all_day,
            "attendees": [a.to_json() for a in self.attendees],
            "organizer": self.organizer,
            "location": self.location,
            "focus_block": self.is_focus_block,
            "focusd_item": self.focusd_item,
        }


@dataclass
class OutgoingMail:
    sender: str
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    message_id: str = ""
    in_reply_to: str = ""
    date: datetime | None = None
    # The thread's earlier ids, oldest first, before ``in_reply_to`` (a confirmation names the brief
    # and then the reply it answers, so mail programs thread it under the brief).
    references: tuple[str, ...] = ()


def day_span(d: date, tz: Any) -> tuple[datetime, datetime]:
    """The start and end of a local day as aware datetimes."""
    start = datetime(d.year, d.month, d.day, tzinfo=tz)
    end = datetime.fromordinal(d.toordinal() + 1).replace(tzinfo=tz)
    return start, end


# A subject as a forward's: "Fwd:", "FW:", "WG:" (German), "TR:" (French), "RV:" (Spanish), "I:"
# (Italian), "ENC:" (Portuguese), "Doorst:" (Dutch), "VL:" (Finnish), "PD:" (Polish), "転送:", after a
# tag a server adds ("[EXTERNAL] FW:", "*** SPAM *** FW:"); not a reply to one ("RE: Fwd:"), which
# quotes the forward above its own text.
FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:\[[^\]\n]{1,30}\]\s*|\*{1,3}[^*\n]{1,30}\*{1,3}\s*|ext(?:ernal)?\s*:\s*)*"
                                r"(?:fwd?|wg|tr|rv|i|enc|doorst|vl|pd|転送)\s*(?:\[\d+\])?\s*[:：]", re.I)

@dataclass(frozen=True)
class Forwarded:
    """The message a forward carries below its note, as its header block and text say: its
    sender (the address "" when only a name is given), subject, date (None when none could be
    read), visible text, and everything below its header block (a forward it carries in turn)."""

    sender: Address
    subject: str
    date: datetime | None
    text: str
    below: str = ""


def is_forward_subject(subject: str) -> bool:
    """Whether ``subject`` is a forward's ("Fwd:", "WG:", "TR:"...), not a reply to one."""
    return bool(FORWARD_SUBJECT_RE.match(subject))
