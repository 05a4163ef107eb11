"""Ground: an item survives only if its evidence is a verbatim quote of the text its extractor read.

That text is the head of the visible reply (:func:`agent.extractors.base.examined_text`). Quotes
are compared with runs of whitespace collapsed, so a sentence the sender's client wrapped over
two lines still counts as verbatim; nothing else is forgiven. The reply is collapsed once per
message, so the cost is the reply's length plus the candidates', never their product.
"""

from __future__ import annotations

import re

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import examined_text
from agent.state import BatchState, Context
from planner.models import KINDS, Item

log = structlog.get_logger(__name__)


def collapse(text: str) -> str:
    """``text`` with every run of whitespace made one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def is_grounded(item: Item, collapsed_text: str) -> bool:
    """Is the item's evidence, collapsed, a quote of ``collapsed_text`` (already collapsed)?"""
    evidence = collapse(item.evidence)
    return len(evidence) >= 8 and evidence in collapsed_text


def ground(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    by_id = {m.message_id: m for m in state["messages"]}
    grounded: dict[str, list[Item]] = {}
    for message_id, items in state.get("candidates", {}).items():
        visible = collapse(examined_text(by_id[message_id])) if items else ""
        kept = []
        for item in items:
            if item.kind in KINDS and item.title.strip() and is_grounded(item, visible):
                item.evidence = collapse(item.evidence)
                kept.append(item)
            else:
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind)
        grounded[message_id] = kept
    return {"grounded": grounded}
