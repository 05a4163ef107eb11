"""Context for an item: the mail, people, files and meeting around it, found in the store
(its thread first, then SQLite full-text search on the item's words), and links back to the
source in the owner's mail client.

Links per account kind (:func:`mail_kind`): ``gmail`` when mail is read from imap.gmail.com
(or googlemail.com), or through a Google token; ``apple`` when it is read from iCloud
(imap.mail.me.com, or any host under me.com, mac.com or icloud.com), whose mail is read in
Apple Mail; otherwise none. The plain Message-ID is always given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from connectors.types import Event
from planner.models import (
    GENERIC_MEETING_WORDS,
    AttachmentRef,
    Item,
    ItemContext,
    Link,
    Meeting,
    MessageRef,
)
from planner.store import Store

_STOP = frozenset("the a an to of for and or on in by with from me you your my our us it this that "
                  "send share review get follow up reply about re fwd".split())
MEETING_HORIZON = timedelta(days=14)  # a meeting further out is not "the next" one to prepare
SNIPPET_CHARS = 140
FTS_LIMIT = 5
_GOOGLE_HOSTS = ("gmail.com", "googlemail.com")
_APPLE_HOSTS = ("me.com", "mac.com", "icloud.com")


def query_for(item: Item, every: bool = False) -> str:
    """A full-text query for the item's words: any of them, or with ``every`` all of them."""
    words = _words(item)
    return (" " if every else " OR ").join(f'"{w}"' for w in words[:6])


def _words(item: Item) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]{3,}", item.title.lower()) if w not in _STOP]


def related_messages(store: Store, item: Item, limit: int = 2) -> list[dict[str, Any]]:
    """Other messages about the item's subject, best match first (its own source excluded)."""
    query = query_for(item)
    if not query:
        return []
    found = store.search_messages(query, limit=limit + 1)
    return [m for m in found if m["message_id"] != item.message_id][:limit]


def _under(host: str, domains: tuple[str, ...]) -> bool:
    host = host.strip().lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def mail_kind(imap_host: str = "", google_token: bool = False) -> str:
    """The owner's mail client family for links: ``gmail``, ``apple`` or ``""`` (see the module)."""
    if google_token or _under(imap_host, _GOOGLE_HOSTS):
        return "gmail"
    if _under(imap_host, _APPLE_HOSTS):
        return "apple"
    return ""


def links(message_id: str, kind: str) -> list[Link]:
    """Ways back to ``message_id``: the client's own link where ``kind`` has one, then the id."""
    if not message_id:
        return []
    bare = message_id.strip().strip("<>")
    out = []
    if kind == "gmail":
        out.append(Link("Gmail", "https://mail.google.com/mail/u/0/#search/"
                        + quote(f"rfc822msgid:{bare}", safe="")))
    elif kind == "apple":
        out.append(Link("Apple Mail", f"message://%3c{quote(bare, safe='@')}%3e"))
    out.append(Link("Message-ID", f"<{bare}>"))
    return out


# "Hi Elena," or "Megan,": a salutation on its own line says nothing about the message.
_GREETING = re.compile(r"^(?:\S+\s+){0,3}\S+,$")


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first line of what someone wrote, verbatim (quotes, blank lines and a salutation
    skipped, unless the salutation is all there is), cut at a word when long."""
    greeting = ""
    for raw in (text or "").splitlines():
        line = " ".join(raw.split())
        if not line or line.startswith(">"):
            continue
        if _GREETING.match(line):
            greeting = greeting or line
            continue
        return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
    return greeting


def _when(iso: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(iso or "")
    except ValueError:
        return None


def item_context(store: Store, item: Item, now: datetime, owner_email: str, mail_kind: str = "",
                 upcoming: Iterable[Event] | None = None) -> ItemContext:
    """What the brief shows beside ``item``: the latest related message with a snippet, the
    thread's people, the newest related attachment, the next related meeting with its notes,
    and links back to the source. Nothing later than ``now`` is used. ``upcoming``: the events
    from ``now`` to :data:`MEETING_HORIZON` ahead, when the caller has read them already."""
    owner = owner_email.strip().lower()
    thread = store.context_messages(thread_id=item.thread_id, before=now) if item.thread_id else []
    # Messages with every word of the item first: closer to it, and far cheaper to rank than
    # those with any word, which on a big mailbox can be half of it. Any word when none has all.
    matched: list[str] = []
    for query in dict.fromkeys([query_for(item, every=True), query_for(item)]):
        if query and not matched:
            matched = [m["message_id"] for m in store.search_messages(query, limit=FTS_LIMIT)]
    found = store.context_messages(message_ids=matched, before=now) if matched else []
    latest_row = thread[0] if thread else (found[0] if found else None)
    latest = None
    if latest_row is not None:
        latest = MessageRef(message_id=latest_row["message_id"], subject=latest_row["subject"] or "",
                            sender=latest_row["sender"] or "", when=_when(latest_row["date"]),
                            snippet=snippet(latest_row["reply_text"] or ""))
    people: list[str] = []
    for m in reversed(thread):  # in the order they joined the thread
        for who in [m["sender"] or "", *m["recipients"]]:
            who = who.strip().lower()
            if who and who != owner and who not in people:
                people.append(who)
    if not people and item.counterparty and "@" in item.counterparty:
        people.append(item.counterparty.lower())
    words = _words(item)
    files = store.attachments(message_ids=matched, thread_id=item.thread_id, name_words=words, senders=people)
    files = [f for f in files if (_when(f["date"]) or now) <= now]
    attachment = None
    if files:
        f = files[0]
        attachment = AttachmentRef(filename=f["filename"], size=int(f["size"] or 0), sender=f["sender"] or "",
                                   when=_when(f["date"]), message_id=f["message_id"])
    return ItemContext(latest=latest, people=people, attachment=attachment,
                       meeting=next_meeting(store, now, people, words, owner, upcoming),
                       links=links(item.message_id or (latest.message_id if latest else ""), mail_kind))


def next_meeting(store: Store, now: datetime, people: list[str], words: list[str], owner: str,
                 upcoming: Iterable[Event] | None = None) -> Meeting | None:
    """The first meeting from ``now`` on (within :data:`MEETING_HORIZON`) that one of ``people``
    attends, or whose title or notes name one of ``words``; focus blocks are not meetings."""
    who = set(people)
    topic = [w for w in words if len(w) >= 4 and w not in GENERIC_MEETING_WORDS]
    for ev in upcoming if upcoming is not None else store.events(now, now + MEETING_HORIZON):
        if ev.is_focus_block or ev.start < now:
            continue
        attendees = {a.email.lower() for a in ev.attendees} | ({ev.organizer.lower()} if ev.organizer else set())
        text = f"{ev.title} {ev.description}".lower()
        if attendees & who or any(re.search(rf"\b{re.escape(w)}\b", text) for w in topic):
            others = [a for a in ev.attendees if a.email.lower() != owner]
            return Meeting(title=ev.title, start=ev.start, end=ev.end, uid=ev.uid, all_day=ev.all_day,
                           attendees=[a.email for a in others], names={a.email: a.name for a in others if a.name},
                           organizer=ev.organizer, location=ev.location, description=ev.description)
    return None
