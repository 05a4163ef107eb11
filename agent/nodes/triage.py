"""Triage: bulk, automated and hostile mail goes past extraction, with the reason logged. The
sender's display name is read like the text: an extractor sees it, so an order there is hostile."""

from __future__ import annotations

from functools import lru_cache

import structlog
from langgraph.runtime import Runtime

from agent.hostility import OwnerProof, hostile
from agent.screen import triage_reason
from agent.spam import MailPolicy
from agent.state import BatchState, Context, Prepared
from connectors.types import Message

log = structlog.get_logger(__name__)

__all__ = ["triage", "triage_reason"]


def triage(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    ctx = runtime.context
    oldest = ctx.clock() - ctx.max_age if ctx.max_age is not None else None
    policy = ctx.policy or MailPolicy()
    prepared = ctx.prepared or {}
    skipped = {}
    proof = OwnerProof(ctx.owner.email, ctx.sent_folder, ctx.authserv_id)
    for msg in state["messages"]:
        reason = ("older than max_age" if oldest is not None and msg.date < oldest
                  else triage_reason(msg, policy, proof, _hostile(prepared, msg)))
        if reason:
            skipped[msg.message_id] = reason
            log.debug("message.skipped", message_id=msg.message_id, reason=reason)
    return {"skipped": skipped}


@lru_cache(maxsize=4096)
def _hostile_name(name: str) -> bool:
    """:func:`hostile` of a display name: a correspondent's name recurs in every message."""
    return hostile(name)


def _hostile(prepared: dict[int, Prepared], msg: Message) -> bool | None:
    if msg.sender.name and _hostile_name(msg.sender.name):
        return True
    found = prepared.get(id(msg))
    return found.hostile if found is not None else None
