"""Resolve: a restatement of an open item merges into it instead of becoming a second item.

Two items are the same when kind, thread and counterparty agree and their evidence (or title)
is nearly identical. Items earlier in the same batch count as open items too, so ``focusd
extract`` resolves across the files it is given without a store.
"""

from __future__ import annotations

import difflib
import re

from langgraph.runtime import Runtime

from agent.state import BatchState, Context
from connectors.types import Message
from planner.models import Item

SIMILAR = 0.85
OVERLAP = 0.5
_STOP = frozenset(
    "the and for with from that this your you our their them they about into onto over then than will "
    "would could can please send sending share get give have has had make take follow reply back let know "
    "me my us him her his its it's also just some any all one two to of on in by at up an a is are be "
    "new latest updated update".split())


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def content_words(text: str) -> set[str]:
    return {w for w in _norm(text).split() if len(w) >= 3 and w not in _STOP}


def _kinds_match(a: str, b: str) -> bool:
    # The owner's promise to do what was asked is the same piece of work as the request.
    return a == b or {a, b} == {"request", "commitment"}


def same_item(a: Item, b: Item) -> bool:
    """Same work: kinds agree, same thread and counterparty, and near-identical evidence, or
    titles that share two content words or half of the shorter one's."""
    if not _kinds_match(a.kind, b.kind) or a.thread_id != b.thread_id or a.counterparty != b.counterparty:
        return False
    ea, eb = _norm(a.evidence), _norm(b.evidence)
    if ea == eb or difflib.SequenceMatcher(None, ea, eb).ratio() >= SIMILAR:
        return True
    wa, wb = content_words(a.title), content_words(b.title)
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    return shared >= 2 or shared / min(len(wa), len(wb)) >= OVERLAP


def _answers(msg: Message, waiting: Item, owner_email: str) -> bool:
    """A reply from the person the owner asked, in the same thread, settles what was asked."""
    return (waiting.kind == "waiting" and waiting.counterparty == msg.sender.email
            and waiting.source.get("from") == owner_email and waiting.thread_id == msg.thread_id
            and waiting.message_id != msg.message_id and msg.sender.email != owner_email)


def resolve(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    store = runtime.context.store
    owner_email = runtime.context.owner.email.lower()
    skipped = state.get("skipped", {})
    new_items: dict[str, list[Item]] = {}
    merges: dict[str, list[tuple[int, Item]]] = {}
    answered: dict[str, list[int]] = {}
    batch_open: list[Item] = []
    for msg in state["messages"]:
        if msg.message_id in skipped:
            continue
        existing = store.open_items_in_thread(msg.thread_id) if store else []
        restated: set[int] = set()
        for item in state.get("grounded", {}).get(msg.message_id, []):
            earlier = next((e for e in batch_open if same_item(item, e)), None)
            if earlier is not None:
                earlier.due = item.due or earlier.due  # the later word on a date wins, as in the store
                restated.add(id(earlier))
                continue
            match = next((e for e in existing if same_item(item, e)), None)
            if match is not None and match.id is not None:
                merges.setdefault(msg.message_id, []).append((match.id, item))
                restated.add(match.id)
                continue
            new_items.setdefault(msg.message_id, []).append(item)
            batch_open.append(item)
        for e in existing:
            if e.id is not None and e.id not in restated and _answers(msg, e, owner_email):
                answered.setdefault(msg.message_id, []).append(e.id)
        for e in batch_open:
            if id(e) not in restated and e.status == "open" and _answers(msg, e, owner_email):
                e.status = "done"
    return {"new_items": new_items, "merges": merges, "answered": answered}
