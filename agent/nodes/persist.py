"""Persist: the batch's messages, their items and their processed marks in one transaction (each
message in its own savepoint within it), so a batch costs one commit, not one per message.

Then, in the same transaction, the work the batch's mail completed is closed: the owner's sent
mail that delivers a promised thing, a counterparty's word that a blocker or waited-on thing is
done. Each close keeps its sentence as a note, and ``Store.closed_since`` lists it as handled.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import Owner, examined_text
from agent.nodes.resolve import (
    LOOSE,
    acknowledgement,
    answer_note,
    answered,
    called_off,
    clearance,
    completion_note,
    delivery,
    hands_over,
    match_level,
    message_names,
    name_words,
    settles_text,
    substance,
    waits_on_the_ask,
)
from agent.state import BatchState, Context
from connectors.types import Message
from planner.models import Item
from planner.store import Store

log = structlog.get_logger(__name__)


def persist(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    store = runtime.context.store
    if store is None:
        return {"stored": {}}
    stored: dict[str, list[int]] = {}
    skipped = state.get("skipped", {})
    owner = runtime.context.owner
    with store.write():
        _record(store, state, skipped, stored, owner)
        closed = _close_completed(store, state["messages"], skipped, owner)
    # One line a batch: a line a message (thousands on a first sync) drowns what matters in the
    # log and cost a tenth of the cycle; each message's outcome is there under --verbose.
    log.info("batch.stored", messages=len(state["messages"]), skipped=len(skipped),
             items=sum(len(ids) for ids in stored.values()), completed=closed)
    return {"stored": stored}


def _record(store: Store, state: BatchState, skipped: dict[str, str], stored: dict[str, list[int]],
            owner: Owner) -> None:
    recorded = store.processed(m.message_id for m in state["messages"])
    for msg in state["messages"]:
        mid = msg.message_id
        merges = state.get("merges", {}).get(mid, [])
        answered = state.get("answered", {}).get(mid, [])
        fresh = mid not in recorded  # a message recorded before changes nothing again
        recorded.add(mid)
        resets = _step_dates(store, msg, merges, owner) if fresh else []
        new = state.get("new_items", {}).get(mid, [])
        ids = store.record_message(msg, new, merges, skipped.get(mid, ""), answered=answered)
        if fresh:
            _link_blockers(store, msg, new)
        for item_id, item in resets:
            store.set_due(item_id, item.due, item.due_said_at)
        for item_id in answered if fresh else []:
            store.close_item(item_id, answer_note(msg))  # the reply that settled it, quoted
        stored[mid] = ids
        if ids:
            log.debug("message.extracted", message_id=mid, items=len(ids))


_SENTENCES_RE = re.compile(r"(?<=[.!?])\s+")
_ASKED_RE = re.compile(r"\?\s*$|\b(?:could|can|would|will) (?:you|u)\b|\b(?:please|pls|kindly)\b|\bneed you to\b", re.I)


def _link_blockers(store: Store, msg: Message, new: list[Item]) -> None:
    """A new blocker that waits on the ask beside it ("Could you send the notes? We are blocked on
    planning without it.") is blocked by that ask, and the ask blocks it: the ask, the owner's to
    do, ranks above the blocker and carries its weight, where the blocker had led the focus above
    its own ask. Only when the thread holds one open ask of that person: which one is meant is
    otherwise a guess."""
    blockers = [b for b in new if b.kind == "blocker" and b.id is not None and waits_on_the_ask(b.evidence)]
    if not blockers:
        return
    text = examined_text(msg)
    open_here = store.open_items_in_thread(msg.thread_id)
    for blocker in blockers:
        # Its "it" is the ask only when the ask is the sentence just before it: in "Can you confirm
        # Paloma by Wednesday? After that she takes the other job. And I can't send the PO until
        # we have their number, they pay nothing without it." the "it" is the number.
        at = text.find(blocker.evidence)
        before = _SENTENCES_RE.split(text[:at].rstrip())[-1] if at > 0 else ""
        if not _ASKED_RE.search(before):
            continue
        asks = [i for i in open_here if i.kind == "request" and i.counterparty == blocker.counterparty
                and i.id is not None and i.id != blocker.id]
        if len(asks) != 1:
            continue
        ask = asks[0]
        assert ask.id is not None and blocker.id is not None
        store.update_item(blocker.id, {"blocked_by": json.dumps(sorted({*blocker.blocked_by, ask.id}))})
        store.update_item(ask.id, {"blocks": json.dumps(sorted({*ask.blocks, blocker.id}))})


def _step_dates(store: Store, msg: Message, merges: list[tuple[int, Item]], owner: Owner) -> list[tuple[int, Item]]:
    """Merges where a request takes over a stored promise of only a step towards it: the promise's
    date was the step's, so the request's own date (or none) replaces it."""
    resets = []
    for item_id, item in merges:
        if item.kind != "request":
            continue
        kept = store.item(item_id)
        if kept is None or kept.kind != "commitment":
            continue
        names = message_names(msg, owner) | name_words([("", kept.counterparty)])
        if match_level(item, kept, names) == LOOSE:
            resets.append((item_id, item))
    return resets


def _parse_date(when: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(when or "")
    except ValueError:
        return None


def _settled_by(store: Store, message_id: str) -> bool:
    row = store.message(message_id) or {}
    return settles_text(str(row.get("reply_text") or ""), bool(store.attachments([message_id])))


def _close_completed(store: Store, messages: list[Message], skipped: dict[str, str], owner: Owner) -> int:
    """Close the open items that the batch's mail, read in date order, completed; returns how many."""
    closed = 0
    owner_email = owner.email.lower()
    for msg in sorted((m for m in messages if m.message_id not in skipped), key=lambda m: m.date):
        text = examined_text(msg)
        in_thread = store.open_items_in_thread(msg.thread_id)
        # Mail that hands something over closes what it settles in any thread: the things the
        # sender owes the owner, or what the owner owes the people the owner's mail goes to.
        others: list[Item] = []
        if msg.attachments or any(hands_over(s) for s in substance(text)):
            if msg.sender.email.lower() == owner_email:
                for a in {a.email.lower() for a in [*msg.to, *msg.cc]}:
                    others += store.open_items_with(a, ("commitment", "request"))
                    others += store.open_items_handed_from(a, ("request",))  # a forward's work, done for its writer
            else:
                others = store.open_items_with(msg.sender.email.lower(), ("waiting", "blocker"))
        others = list({o.id: o for o in others}.values())  # (an item may be both a recipient's and handed from one)
        seen = {i.id for i in in_thread}
        # The same work asked again in another thread (a weekly "review the incident section") is
        # answered where this mail answers it: a reply in this week's thread leaves last week's.
        here = {(i.kind, i.counterparty, i.title.casefold()) for i in in_thread}
        candidates = in_thread + [o for o in others if o.id not in seen
                                  and (o.kind, o.counterparty, o.title.casefold()) not in here]
        if not candidates:
            continue
        # When the owner answered or handed something over in the thread (not a reply that only
        # promises): a counterparty's thanks after it accepts what was owed. Read only when the
        # sender is owed something here.
        sender = msg.sender.email.lower()
        owner_said = [_parse_date(d) for mid, who, d in store.thread_messages(msg.thread_id)
                      if who.lower() == owner_email and _settled_by(store, mid)] if any(
            i.counterparty == sender and i.kind in ("commitment", "request") for i in candidates) else []
        for item in candidates:
            group = ("blocker", "waiting") if item.kind in ("blocker", "waiting") else ("commitment", "request")
            same = item.thread_id == msg.thread_id
            # Other open work of that person, said before this message (what it promises itself is
            # no rival of what it answers).
            rivals = sum(1 for o in candidates if o is not item and o.kind in group
                         and o.counterparty == item.counterparty and (not same or o.thread_id == msg.thread_id)
                         and o.message_id != msg.message_id
                         and ((d := _parse_date(o.source.get("date"))) is None or d <= msg.date))
            said = _parse_date(item.source.get("date"))
            owner_replied = any(d is not None and (said is None or d > said) and d <= msg.date for d in owner_said)
            quote = (delivery(msg, item, owner, text, rivals) or clearance(msg, item, owner, text, rivals)
                     or answered(msg, item, owner, text, rivals)
                     or acknowledgement(msg, item, owner, text, rivals, owner_replied))
            if quote and item.id is not None:
                store.close_item(item.id, completion_note(msg, quote))
                item.status = "done"
                log.info("item.completed", item_id=item.id, kind=item.kind, message_id=msg.message_id)
                closed += 1
                if item.kind == "request":
                    # "Could you fill in the questionnaire? Procurement can't move until it's done.":
                    # what the ask's own mail said waits on it is cleared with it.
                    # So is what a later mail of the thread said waits on it ("Just following up: could
                    # you send the notes? We are blocked on planning without it."): linked to the ask
                    # when it was stored (see _link_blockers).
                    for other in candidates:
                        if (other.kind == "blocker" and other.status == "open" and other.id is not None
                                and ((other.message_id == item.message_id and waits_on_the_ask(other.evidence))
                                     or item.id in other.blocked_by)):
                            store.close_item(other.id, completion_note(msg, quote))
                            other.status = "done"
                            log.info("item.completed", item_id=other.id, kind=other.kind, message_id=msg.message_id)
                            closed += 1
            elif item.id is not None and (off := called_off(msg, item, owner, text, rivals)):
                store.close_item(item.id, completion_note(msg, off, "Called off"), status="dropped")
                item.status = "dropped"
                log.info("item.called_off", item_id=item.id, kind=item.kind, message_id=msg.message_id)
                closed += 1
    return closed
