"""Meetings as input: an event's description (agenda, notes) goes through the same graph as mail.

Each event becomes a :class:`connectors.types.Message` with the event as its source: the
organizer is the sender (the owner's own events, and events with no organizer, are the owner's
notes), the description is the text, and every item it yields carries ``event``, ``start`` and
``title`` in its source. Triage, grounding, resolve and persist treat it as they treat mail: a
hostile description yields nothing, evidence is quoted verbatim, and a restatement merges.

An event is read once per description: the store keeps a digest of the last one read, so an
unchanged agenda costs a lookup, and a changed one is read again in the event's own thread
(:func:`connectors.mime.event_thread_id`), where resolve folds it into the items the old text
gave. A fresh invitation mail for the event is parsed into that same thread, so an agenda read
from the invitation and again from the calendar is one item per ask. focusd's own blocks are never read,
nor meetings the owner declined (the owner is not going). Only digests, counts and short uids
are logged, never calendar text.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import structlog

from agent.extractors.base import Extractor, Owner, examined_text
from agent.extractors.dates import find_due
from agent.state import BatchState, Context
from connectors.calendar.base import short_uid
from connectors.calendar.feeds import PREFIX as FEED_PREFIX
from connectors.mime import event_thread_id, html_to_text
from connectors.types import Address, Event, Message
from planner.models import Item
from planner.store import Store

if TYPE_CHECKING:
    from agent.app import App

log = structlog.get_logger(__name__)

#: Events read in one cycle at most; the rest are read by the next ones (they stay unread).
MAX_EVENTS = 200
#: Characters of one description read: an agenda is short, a pasted document is not an agenda.
MAX_DESCRIPTION = 20_000
FOLDER = "calendar"

_HTML_RE = re.compile(r"<(br|p|div|ul|ol|li|b|i|a|span)\b[^>]*>", re.I)
# Conferencing boilerplate calendars append below the agenda ("-::~:~::~..." and the like).
_JOIN_RE = re.compile(r"^\s*-::~[:~]*", re.M)
_BEFORE_RE = re.compile(r"\b(before|ahead of|prior to) (the|this|our) (meeting|call|session|review)\b|\bbeforehand\b",
                        re.I)


def event_message_id(event: Event, digest: str) -> str:
    """A stable id for one reading of one event's description: the same text is never read twice."""
    key = f"{event.uid}\n{event.start.isoformat()}\n{digest}".encode("utf-8", "replace")
    return f"<event.{hashlib.sha256(key).hexdigest()[:24]}@focusd>"


def description_text(event: Event) -> str:
    """The part of the description a person wrote: HTML flattened, conferencing details cut."""
    text = event.description[:MAX_DESCRIPTION]
    if _HTML_RE.search(text):
        text = html_to_text(text)
    cut = _JOIN_RE.search(text)
    if cut:
        text = text[: cut.start()]
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def owner_status(event: Event, owner_email: str) -> str:
    """The owner's answer to the event (lower-case PARTSTAT), or "" when the owner is not listed."""
    for a in event.attendees:
        if a.email.lower() == owner_email:
            return a.status
    return ""


def is_owners(event: Event, owner_email: str) -> bool:
    """The owner organizes it, or nobody does (an entry in the owner's own calendar). An event
    from a subscribed feed is someone else's calendar, whatever it says: never the owner's words."""
    if event.calendar.startswith(FEED_PREFIX):
        return False
    return not event.organizer or event.organizer.lower() == owner_email


def to_message(event: Event, text: str, owner: Owner, now: datetime, digest_: str) -> Message:
    """The event as a message: from its organizer, to the owner (or, for the owner's own events,
    from the owner to the other attendees)."""
    owner_email = owner.email.lower()
    others = [Address(a.name, a.email.lower()) for a in event.attendees if a.email and a.email.lower() != owner_email]
    if is_owners(event, owner_email):
        sender, to = Address(owner.name, owner_email), others
    elif event.organizer.lower() == owner_email:
        # Not the owner's calendar, yet it claims the owner: nobody is speaking (triage skips it).
        sender, to = Address("", ""), [Address(owner.name, owner_email)]
    else:
        named = next((a.name for a in event.attendees if a.email.lower() == event.organizer.lower()), "")
        sender, to = Address(named, event.organizer.lower()), [Address(owner.name, owner_email)]
    return Message(message_id=event_message_id(event, digest_), subject=event.title, sender=sender, to=to, cc=[],
                   date=now, text=text, reply_text=text, references=[event_thread_id(event.uid)], folder=FOLDER)


@dataclass(frozen=True)
class _Source:
    event: Event
    own: bool


class EventExtractor:
    """The configured extractor, plus the agenda's action lines the owner is named in
    ("Ada to send the revised budget"), with the event stamped on every item's source."""

    def __init__(self, inner: Extractor, events: dict[str, _Source]) -> None:
        self.inner = inner
        self.events = events
        self.name = inner.name

    def extract(self, message: Message, owner: Owner) -> list[Item]:
        items = self.inner.extract(message, owner)
        src = self.events.get(message.message_id)
        if src is None:
            return items
        # An agenda line is read here, with the event's start for "before the meeting": it stands for
        # whatever the extractor made of the same line.
        lines = action_items(message, owner, src.own, src.event)
        own_lines = {item.evidence.rstrip(" .;!") for item in lines}
        items = [i for i in items if re.sub(r"\s+", " ", i.evidence).strip().rstrip(" .;!") not in own_lines] + lines
        for item in items:
            item.source = {**item.source, "event": src.event.uid, "start": src.event.start.isoformat(),
                           "title": src.event.title}
        return items


def _action_re(owner: Owner) -> re.Pattern[str]:
    names = [re.escape(n) for n in dict.fromkeys([owner.name.strip(), owner.name.split()[0] if owner.name.split()
                                                  else ""]) if n]
    if not names:
        return re.compile(r"(?!)")
    return re.compile(
        r"^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])?[ \t]*(?:\[[ xX]?\][ \t]*)?(?:(?:action(?: item)?|todo|ai)[ \t]*:?[ \t]*)?"
        rf"(?P<line>(?:{'|'.join(names)})[ \t]+(?:to|will)[ \t]+"
        r"(?P<vp>[A-Za-z][^\n]{3,300}?))[ \t.;]*$", re.I | re.M)


def action_items(message: Message, owner: Owner, own: bool, event: Event) -> list[Item]:
    """Agenda lines that give the owner something to do ("Ada to send ...", "Ada will ..."): the
    owner's promise in the owner's own event, a request from the organizer in anyone else's. "Before the meeting" is due by its start."""
    items: list[Item] = []
    for m in _action_re(owner).finditer(examined_text(message)):
        line, vp = m.group("line").strip(), m.group("vp").strip()
        words = vp.split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        due, _ = find_due(line, message.date, owner.tz, owner.last_workday)
        if due is None and _BEFORE_RE.search(line):
            due = event.start.astimezone(owner.tz).date().isoformat()
        # In the owner's own event the promise is to the first other attendee, else to the organizer.
        other = (message.to[0].email if message.to else "") if own else message.sender.email
        items.append(Item(
            kind="commitment" if own else "request", title=title[:1].upper() + title[1:], evidence=line,
            due=due, owner="me", counterparty=other, thread_id=message.thread_id,
            source={"message_id": message.message_id, "subject": message.subject, "from": message.sender.email,
                    "date": message.date.isoformat()}))
    return items


@dataclass
class IntakeReport:
    read: int = 0  # descriptions that went through the graph
    items: int = 0  # items created
    unchanged: int = 0
    declined: int = 0
    failed: int = 0


def _choose(events: Iterable[Event], now: datetime) -> list[Event]:
    """One occurrence per event: the next one not yet over, else the latest; never a focus block."""
    chosen: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: e.start):
        if e.focusd_item is not None or not e.description.strip():  # focusd's own text, guests or not
            continue
        held = chosen.get(e.uid)
        if held is None or held.end <= now:
            chosen[e.uid] = e
    return list(chosen.values())


def read_events(store: Store, extractor: Extractor, owner: Owner, clock: Callable[[], datetime],
                events: Iterable[Event]) -> IntakeReport:
    """Run the descriptions of ``events`` not read yet through the agent graph; returns counts."""
    from agent.graph import run_batch  # langgraph costs a second at start-up

    report = IntakeReport()
    now = clock()
    owner_email = owner.email.lower()
    candidates = _choose(events, now)
    known = store.event_digests(e.uid for e in candidates)
    todo: list[tuple[Event, str, Message]] = []
    for event in candidates:
        if owner_status(event, owner_email) == "declined":
            report.declined += 1  # not marked read: accepted later, it is read then
            continue
        text = description_text(event)
        mark = digest(text)
        if known.get(event.uid) == mark or not text:
            report.unchanged += 1
            continue
        todo.append((event, mark, to_message(event, text, owner, now, mark)))
        if len(todo) >= MAX_EVENTS:
            break
    done = store.processed(m.message_id for _, _, m in todo)  # read before a crash that kept the mark back
    sources = {m.message_id: _Source(e, is_owners(e, owner_email)) for e, _, m in todo}
    ctx = Context(extractor=EventExtractor(extractor, sources), owner=owner, clock=clock, store=store)
    _run(run_batch, [(e, m) for e, _, m in todo if m.message_id not in done], ctx, report)
    store.mark_events_read((e.uid, mark, m.message_id) for e, mark, m in todo)
    log.info("intake.events", read=report.read, items=report.items, unchanged=report.unchanged,
             declined=report.declined, failed=report.failed)
    return report


def _run(run_batch: Callable[[list[Message], Context], BatchState], todo: list[tuple[Event, Message]], ctx: Context,
         report: IntakeReport) -> None:
    """One graph invoke for all; when it fails, each event alone, so one event's text that breaks
    a node costs only that event (marked read with the rest: it is tried again when it changes)."""
    if not todo:
        return
    try:
        state = run_batch([m for _, m in todo], ctx)
    except sqlite3.Error:
        raise
    except Exception as exc:  # noqa: BLE001 - one event's text must not stall every cycle
        if len(todo) > 1:
            for one in todo:
                _run(run_batch, [one], ctx, report)
            return
        log.error("intake.event_failed", uid_hash=short_uid(todo[0][0].uid), error=type(exc).__name__)
        report.failed += 1
        return
    report.read += len(todo)
    report.items += sum(len(v) for v in state.get("stored", {}).values())


def read_calendar(app: App, events: Iterable[Event]) -> int:
    """The cycle's step: read the synced events' new descriptions; returns the items created."""
    return read_events(app.store, app.extractor, app.owner, app.clock, events).items
