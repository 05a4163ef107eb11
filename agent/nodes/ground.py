"""Ground: an item survives only if its evidence is a verbatim quote of the text its extractor read,
and its counterparty took part in the message; a due date before the message's needs the text to
say so. These bind every extractor, the embedded one and a model alike.

That text is the head of the visible reply (:func:`agent.extractors.base.examined_text`). Quotes
are compared with runs of whitespace collapsed, so a sentence the sender's client wrapped over
two lines still counts as verbatim; nothing else is forgiven. The reply is collapsed once per
message, so the cost is the reply's length plus the candidates', never their product.
A counterparty took part when it is the sender or a recipient (To, Cc), or is named in the text.
"""

from __future__ import annotations

import re
from datetime import tzinfo

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import examined_text
from agent.state import BatchState, Context
from connectors.types import Message
from planner.models import KINDS, Item

log = structlog.get_logger(__name__)


def collapse(text: str) -> str:
    """``text`` with every run of whitespace made one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def is_grounded(item: Item, collapsed_text: str) -> bool:
    """Is the item's evidence, collapsed, a quote of ``collapsed_text`` (already collapsed)?"""
    evidence = collapse(item.evidence)
    return len(evidence) >= 8 and evidence in collapsed_text


# Words by which a message says that a date already gone by is meant ("was due yesterday").
_PAST = re.compile(r"\b(yesterday|overdue|past due|was due|were due|already late|last (week|month|"
                   r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|night)|ago|"
                   r"earlier this (week|month)|missed|slipped)\b", re.IGNORECASE)


def took_part(counterparty: str, msg: Message, visible: str) -> bool:
    """Did ``counterparty`` (an address) take part in ``msg``: From, To or Cc, or named in the
    visible text by its address or the name it goes by on the message? No counterparty claims
    no one, and passes."""
    who = counterparty.strip().lower()
    if not who:
        return True
    people = [msg.sender, *msg.to, *msg.cc]
    if who in {a.email.lower() for a in people}:
        return True
    text = visible.lower()
    if who in text:
        return True
    # A person named in the message: by the first name its address starts with ("tom@...").
    local = re.split(r"[._+-]", who.split("@")[0])[0]
    return len(local) >= 3 and re.search(rf"\b{re.escape(local)}\b", text) is not None


def past_due_said(item: Item, msg: Message, visible: str, tz: tzinfo) -> bool:
    """Is ``item``'s due date before the message's own day (in the owner's zone ``tz``) without
    the text saying so?"""
    due = item.due_date()
    if due is None:
        return False
    return due < msg.date.astimezone(tz).date() and _PAST.search(visible) is None


def ground(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    by_id = {m.message_id: m for m in state["messages"]}
    tz = runtime.context.owner.tz
    grounded: dict[str, list[Item]] = {}
    for message_id, items in state.get("candidates", {}).items():
        msg = by_id[message_id]
        visible = collapse(examined_text(msg)) if items else ""
        kept = []
        for item in items:
            if not (item.kind in KINDS and item.title.strip() and is_grounded(item, visible)):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind)
                continue
            if not took_part(item.counterparty, msg, visible):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="counterparty")
                continue
            if past_due_said(item, msg, visible, tz):
                # A date gone by that the text never calls late is a misread: keep the work, not the date.
                log.info("item.due_dropped", message_id=message_id, kind=item.kind, reason="before_message")
                item.due = None
            item.evidence = collapse(item.evidence)
            kept.append(item)
        grounded[message_id] = kept
    return {"grounded": grounded}
