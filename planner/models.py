"""The state of work: items, goals, blocks and briefs. Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

KINDS = ("commitment", "request", "waiting", "blocker")
# Words of meeting titles that say what kind of meeting it is, not what it is about: no item is
# related to a meeting by them.
GENERIC_MEETING_WORDS = frozenset("call with meeting sync team standup stand weekly daily review check "
                                   "update prep planning round moved final first second third next quick "
                                   "catch intro chat session monthly quarterly kickoff follow".split())


@dataclass
class Item:
    """Something to do or to chase, always backed by a verbatim quote from its source."""

    kind: str
    title: str
    evidence: str
    source: dict[str, str]
    thread_id: str = ""
    owner: str = "me"
    counterparty: str = ""
    due: str | None = None  # ISO date or date-time in the owner's time zone
    # When the message that set ``due`` was dated (ISO): a later sync's older mail must not move it.
    due_said_at: str | None = None
    id: int | None = None
    status: str = "open"
    score: float | None = None
    reasons: list[str] = field(default_factory=list)
    goal: str | None = None
    blocks: list[int] = field(default_factory=list)
    blocked_by: list[int] = field(default_factory=list)
    snoozed_until: str | None = None
    pinned: bool = False
    notes: list[str] = field(default_factory=list)
    # Each reason with the points it gave, in the order of ``reasons`` (which the brief reads).
    contributions: list[tuple[str, float]] = field(default_factory=list)
    # The goal an LLM extractor said the item serves (one of the owner's, by title): it counts
    # when the item's own words name no goal's keywords.
    goal_link: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown item kind {self.kind!r}")

    @property
    def added_by_reply(self) -> bool:
        """Whether the owner added this item with ``add:`` in a reply to a brief (its evidence is
        that line; the owner's replies never yield items otherwise)."""
        return (self.owner == "me" and self.kind == "commitment" and not self.thread_id
                and self.evidence.lstrip()[:3].lower() == "add" and self.evidence.lstrip()[3:].lstrip()[:1] == ":")

    @property
    def message_id(self) -> str:
        return self.source.get("message_id", "")

    def due_date(self) -> date | None:
        if not self.due:
            return None
        return date.fromisoformat(self.due[:10])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "owner": self.owner,
            "counterparty": self.counterparty,
            "due": self.due,
            "status": self.status,
            "score": self.score,
            "reasons": list(self.reasons),
            "contributions": [{"reason": r, "points": p} for r, p in self.contributions],
            "evidence": self.evidence,
            "source": dict(self.source),
            "goal": self.goal,
            "blocks": list(self.blocks),
            "blocked_by": list(self.blocked_by),
            "snoozed_until": self.snoozed_until,
            "pinned": self.pinned,
            "notes": list(self.notes),
        }


# requested: asked for by reply, to be booked by the next cycle; cancelled: booked, then undone,
# to be taken off the calendar by the next cycle.
BLOCK_STATES = ("suggested", "requested", "booked", "dismissed", "cancelled")


@dataclass(frozen=True)
class Block:
    """Time set aside for one item: booked on the calendar, or only suggested in the brief.

    ``dismissed`` is a booked block the owner deleted from the calendar: it stays in the store so
    that the item is not booked again that day. ``owner_set`` marks a block whose time the owner
    chose (moved on the calendar, or asked for by reply): focusd never moves it.
    """

    item_id: int
    start: datetime
    end: datetime
    state: str = "suggested"
    uid: str = ""  # the calendar event, once booked
    owner_set: bool = False
    id: int | None = None  # the store's row

    def __post_init__(self) -> None:
        if self.state not in BLOCK_STATES:
            raise ValueError(f"unknown block state {self.state!r}")

    @property
    def booked(self) -> bool:
        return self.state == "booked"


@dataclass
class Meeting:
    """A meeting as the brief shows it: who, when, what it is about, and the owner's answer."""

    title: str
    start: datetime
    end: datetime
    uid: str = ""
    all_day: bool = False
    attendees: list[str] = field(default_factory=list)  # addresses, the owner's left out
    names: dict[str, str] = field(default_factory=dict)  # address -> display name, where known
    organizer: str = ""
    location: str = ""
    description: str = ""
    response: str = ""  # the owner's: accepted, declined, tentative, needs-action; "" when not invited
    related: list[int] = field(default_factory=list)  # the brief's items with the same people or topic


@dataclass
class BriefLine:
    line: int
    section: str  # focus | meetings | due_soon | waiting | blockers
    item: Item | None = None
    why: str = ""
    meeting: Meeting | None = None


@dataclass
class Brief:
    date: date
    subject: str
    lines: list[BriefLine]
    text: str = ""
    html: str = ""
    handled: list[Item] = field(default_factory=list)
    calendar_problem: str = ""  # why the calendar could not be read, when it could not
    mail_problem: str = ""  # why some mail could not be read at the last sync
    sent_json: dict[str, Any] | None = None  # the brief's data as it was sent, when kept
    more: dict[str, int] = field(default_factory=dict)  # section -> items left out of it
    first: bool = False  # no brief was sent before this one
    tz: tzinfo = UTC  # the owner's: the zone its times are shown in

    def line_map(self) -> dict[int, int]:
        """Brief line number -> item id, for replies and undo."""
        return {bl.line: bl.item.id for bl in self.lines if bl.item is not None and bl.item.id is not None}


# What the brief brings along for a focus item, and what it says about days gone by. Built by
# the planner (``planner/context.py``, ``planner/priority.py``, ``planner/progress.py``) from the
# store; the brief only renders them.


@dataclass(frozen=True)
class MessageRef:
    """A message as context: enough to recognise it and find it again."""

    message_id: str
    subject: str
    sender: str  # address
    when: datetime | None = None
    snippet: str = ""  # a verbatim piece of the visible text, one line


@dataclass(frozen=True)
class AttachmentRef:
    """A file someone sent: "deck-v3.pdf from Maria, Tue"."""

    filename: str
    size: int
    sender: str  # address
    when: datetime | None = None
    message_id: str = ""


@dataclass(frozen=True)
class Link:
    """A way back to the source: a mail client's search link, or the plain Message-ID."""

    label: str  # "Gmail", "Apple Mail", "Message-ID"
    target: str


@dataclass
class ItemContext:
    """Everything the brief shows beside a focus item so that the owner need not go looking."""

    latest: MessageRef | None = None  # the newest related message
    people: list[str] = field(default_factory=list)  # the thread's people (addresses, the owner's left out)
    attachment: AttachmentRef | None = None  # the newest related attachment: "the latest version"
    meeting: Meeting | None = None  # the next related meeting, its notes in ``description``
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Replan:
    """One line on a plan that changed since the last brief, and why."""

    item_id: int
    text: str  # "Send Maria the deck: its focus time Tue 14:00 passed; moved to today"


@dataclass(frozen=True)
class FollowUp:
    """A suggested nudge for an overdue waiting item, as a draft the owner can copy."""

    item_id: int
    draft: str  # one line, written to the counterparty, never sent by focusd


@dataclass
class GoalProgress:
    """A goal's week in one line: what moved and what is next."""

    goal: str
    moved: list[str] = field(default_factory=list)  # "2 items done", "Rachel answered", "1 blocker cleared"
    next: str = ""  # the title of the goal's next open item
    passed: date | None = None  # the goal's date, when it is already past
