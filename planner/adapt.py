"""Adaptation over days: what was re-planned since the last brief, which items to ask about once,
follow-ups for what is owed and late, and waiting titles in plain English.

Pure functions over items, store rows and a clock; nothing here reads the store or sends mail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from planner.models import Block, FollowUp, Item, Replan
from planner.priority import DEFAULT_WEIGHTS, Weights, display_name, past_grace, since, touched_day

# Blocks that stood for a plan: one the owner deleted or focusd took back planned nothing.
PLANNED_STATES = ("suggested", "requested", "booked")


def brief_items(last_brief: Mapping[str, Any]) -> set[int]:
    """The item ids a stored brief row numbered (its ``lines``, as JSON text or already read)."""
    lines = last_brief.get("lines") or {}
    if isinstance(lines, str):
        lines = json.loads(lines)
    return {int(v) for v in lines.values() if v is not None}


def _brief_start(last_brief: Mapping[str, Any], tz: tzinfo) -> datetime:
    """When the last brief's plan began: its sending, else the start of its day."""
    sent = last_brief.get("sent_at")
    if sent:
        return datetime.fromisoformat(sent)
    return datetime.combine(date.fromisoformat(last_brief["date"]), datetime.min.time(), tz)


def replanned(last_brief: Mapping[str, Any] | None, blocks: Iterable[Block], items: Mapping[int, Item],
              now: datetime, tz: tzinfo) -> list[Replan]:
    """One line per open item whose plan changed since ``last_brief`` (a row of
    ``Store.last_sent_brief``): its focus time (a suggested, requested or booked ``Block``) ended
    with the item still open, or its due date passed while it was in that brief. ``items`` are
    the open items by id; ``now`` is aware. Focus times first, then in the order of ``blocks``
    and of the due dates."""
    if last_brief is None:
        return []
    start = _brief_start(last_brief, tz)
    today = now.astimezone(tz).date()
    out: dict[int, Replan] = {}
    for block in sorted(blocks, key=lambda b: b.start):
        item = items.get(block.item_id)
        if item is None or block.state not in PLANNED_STATES or block.item_id in out:
            continue
        if start <= block.end <= now:
            when = block.start.astimezone(tz)
            day = "today" if when.date() == today else when.strftime("%a")
            out[block.item_id] = Replan(block.item_id, f"{item.title}: its focus time {day} {when:%H:%M} passed "
                                                        "with it still open; ranked again for today")
    shown = brief_items(last_brief)
    brief_day = date.fromisoformat(last_brief["date"])
    passed = [items[i] for i in sorted(shown) if i in items and i not in out]
    for item in sorted(passed, key=lambda i: i.due or ""):
        due = item.due_date()
        if due is not None and brief_day <= due < today and item.id is not None:
            out[item.id] = Replan(item.id, f"{item.title}: due {since(due, today)}, it passed with the item "
                                           "still open; now overdue and ranked higher")
    return list(out.values())


def stale_items(items: Iterable[Item], today: date, weights: Weights = DEFAULT_WEIGHTS,
                touched: Mapping[int, str] | None = None, asked: Collection[int] = ()) -> list[Item]:
    """Open items to ask about once ("still relevant? reply drop N"): untouched for
    ``stale_days`` (``touched``: id -> when the store last changed it, see
    ``Store.touched``), or overdue past ``overdue_grace_days`` working days. Items in ``asked``
    (``Store.asked_stale``) were asked already and never are again. Oldest first. Once the
    brief that asks them is sent, the caller marks them (``Store.mark_asked_stale``)."""
    out = [(key, item) for item in items if (key := stale_key(item, today, weights, touched, asked)) is not None]
    return [item for _, item in sorted(out, key=lambda p: p[0])]


def stale_key(item: Item, today: date, weights: Weights = DEFAULT_WEIGHTS, touched: Mapping[int, str] | None = None,
              asked: Collection[int] = ()) -> tuple[date, int] | None:
    """Where ``item`` stands among the stale ones (:func:`stale_items`' order), or None when
    it is not one to ask about."""
    if item.id is None or item.id in asked or item.pinned:
        return None
    last = touched_day(item, touched)
    untouched = last is not None and (today - last).days >= weights.stale_days
    if untouched or past_grace(item, today, weights):
        return (item.due_date() or last or today, item.id)
    return None


_FOLLOW = re.compile(r"^follow up with (?P<name>[^:]+):\s*(?P<what>.+)$", re.I)
# "review the draft side letter and send you their comments" -> comments on the side letter
_REVIEW = re.compile(
    r"^(?:review|read|check|look (?:at|over)|go (?:through|over)|mark up)\s+(?:the\s+|your\s+|our\s+)?"
    r"(?:draft\s+|latest\s+|new\s+)?(?P<doc>.+?)\s+and\s+(?:send|get|give|share)\s+(?:you|me)\s+"
    r"(?:their|his|her|the|any)?\s*(?P<note>comments|feedback|notes|thoughts|edits|changes|sign-?off|questions)\b",
    re.I)
# "send you the signed SOW", "have the Q3 numbers to you", "get back to you on pricing"
_SEND = re.compile(
    r"^(?:(?:send|get|give|have|share|forward|email|return)(?:\s+over|\s+across)?|pull together|put together|"
    r"prepare|finish|draft|write up|dig up|find)\s+(?:you\s+|me\s+)?(?P<thing>.+?)"
    r"(?:\s+(?:to|with|over to)\s+(?:you|me))?(?:\s+by\s+.+)?$", re.I)
# What is left once the verb is gone says nothing on its own: the title keeps its verb.
_VAGUE = re.compile(r"^(?:it|them|this|that|these|those|back|to (?:you|me)|you|me)\b", re.I)
_BACK = re.compile(r"^get back to (?:you|me) (?:on|about) (?P<thing>.+)$", re.I)


def _owed(item: Item) -> tuple[str, str, str]:
    """(name, what is owed as a title, the same as a topic to ask about) for a waiting item."""
    name = display_name(item.counterparty) if item.counterparty else ""
    what = item.title.strip().rstrip(".")
    if m := _FOLLOW.match(what):
        name, what = m["name"].strip(), m["what"].strip().rstrip(".")
    what = _PROMISER.sub("", what) or what  # "I'll introduce you...": their words, not a title's
    if m := _REVIEW.match(what):
        doc = m["doc"].strip()
        note = m["note"].lower()
        return name, f"{note} on the {doc}", f"the {doc} {note}"
    if m := _BACK.match(what):
        return name, m["thing"], m["thing"]
    if (m := _SEND.match(what)) and not _VAGUE.match(m["thing"]):
        thing = m["thing"].strip()
        return name, thing, thing
    if not _NOUN_PHRASE.match(what) and not _ASKED.match(what) and not what.endswith("?"):
        # A step, not a thing: asked after as theirs, in the owner's words ("Hi Maria, any news on
        # when you'll introduce me to your CTO?", not "...any news on I'll introduce you to our CTO?").
        step = _SWAP_RE.sub(lambda w: _SWAP[w.group(0).lower()], _PROMISER.sub("", what))
        return name, what, f"when you'll {step}"
    if _ASKED.match(what) or what.endswith("?"):
        return name, what, f"my question, {what.rstrip('?').rstrip()}"
    return name, what, what


_NOUN_PHRASE = re.compile(r"^(?:(?i:the|a|an|your|their|his|her|its|our|my|this|that|these|those|some|any|all|both)\b|"
                          r"\d|[A-Z])")
_PROMISER = re.compile(r"^(?:i|we)(?:'ll|’ll| will| shall)\s+", re.I)
# A title that is still the ask as written ("could your IT team send Tom the metadata by Friday?"):
# asked after as it stands, never made "when you'll could...".
_ASKED = re.compile(r"^(?:could|can|would|will|please|pls|kindly|do|does|did|is|are|have|has|shall|should|may|might)\b",
                    re.I)
_SWAP = {"you": "me", "your": "my", "yours": "mine", "our": "your", "us": "you", "me": "you", "my": "your"}
_SWAP_RE = re.compile(r"\b(?:you|your|yours|our|us|me|my)\b", re.I)


def waiting_title(item: Item) -> str:
    """A waiting item's title in plain English: "Rachel: comments on the side letter", not
    "Follow up with Rachel: review the draft side letter and send you their comments". Other
    kinds keep their title."""
    if item.kind != "waiting":
        return item.title
    name, title, _ = _owed(item)
    return f"{name}: {title}" if name else title


def followups(items: Iterable[Item], today: date) -> dict[int, FollowUp]:
    """A one-line draft to the counterparty of each overdue waiting item, for the owner to copy
    ("Hi Rachel, any news on the side letter comments? ..."). focusd never sends it."""
    out: dict[int, FollowUp] = {}
    for item in items:
        due = item.due_date()
        if item.kind != "waiting" or item.id is None or due is None or due >= today:
            continue
        name, _, topic = _owed(item)
        hello = f"Hi {name}," if name else "Hi,"
        out[item.id] = FollowUp(item.id, f"{hello} any news on {topic}? It was due {since(due, today)}; "
                                         "could you let me know where it stands?")
    return out
