"""Ground: an item survives only if its evidence is a verbatim quote of the visible reply.

Quotes are compared with runs of whitespace collapsed, so a sentence the sender's client
wrapped over two lines still counts as verbatim; nothing else is forgiven.
"""

from __future__ import annotations

import re

import structlog
from langgraph.runtime import Runtime

from agent.state import BatchState, Context
from planner.models import KINDS, Item

log = structlog.get_logger(__name__)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_grounded(item: Item, reply_text: str) -> bool:
    evidence = collapse(item.evidence)
    return bool(evidence) and len(evidence) >= 8 and evidence in collapse(reply_text)


def ground(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    by_id = {m.message_id: m for m in state["messages"]}
    grounded: dict[str, list[Item]] = {}
    for message_id, items in state.get("candidates", {}).items():
        visible = by_id[message_id].reply_text
        kept = []
        for item in items:
            if item.kind in KINDS and item.title.strip() and is_grounded(item, visible):
                item.evidence = collapse(item.evidence)
                kept.append(item)
            else:
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind)
        grounded[message_id] = kept
    return {"grounded": grounded}
