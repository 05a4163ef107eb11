"""Extract: the configured extractor proposes items. When it fails on a message, the fallback
extractor (if any) takes that message; when there is none, or it fails too, the error goes up,
and the cycle records that one message as failed with its reason and carries on. A failure is
never turned into "this message asks nothing".

At most :data:`MAX_CANDIDATES` candidates per message go on to ground and resolve, the first in
reading order, so one mail full of asks costs no more than a bounded amount of later work.
"""

from __future__ import annotations

import structlog
from langgraph.runtime import Runtime

from agent.health import FALLBACK_REASONS, TALLY
from agent.state import BatchState, Context
from planner.models import Item

log = structlog.get_logger(__name__)

# A real message rarely asks more than a handful of things; 30 leaves room for a long checklist.
MAX_CANDIDATES = 30


def _capped(message_id: str, items: list[Item]) -> list[Item]:
    if len(items) <= MAX_CANDIDATES:
        return items
    log.warning("extract.capped", message_id=message_id, proposed=len(items), kept=MAX_CANDIDATES)
    return items[:MAX_CANDIDATES]


def extract(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    ctx = runtime.context
    skipped = state.get("skipped", {})
    candidates: dict[str, list[Item]] = {}
    for msg in state["messages"]:
        if msg.message_id in skipped:
            continue
        found = ctx.prepared.pop(id(msg), None) if ctx.prepared else None
        ready = found.items if found is not None else None
        try:
            proposed = ready if ready is not None else ctx.extractor.extract(msg, ctx.owner)
        except Exception as exc:
            if ctx.fallback is None:
                raise
            from agent.extractors.llm import reason

            # info: the daemon logs an LLM outage once, and the brief counts the fallbacks.
            why = reason(exc)
            log.info("extract.fallback", message_id=msg.message_id, extractor=ctx.extractor.name,
                     fallback=ctx.fallback.name, error=type(exc).__name__, reason=why)
            TALLY["llm_fallbacks"] += 1
            FALLBACK_REASONS[why] += 1
            proposed = ctx.fallback.extract(msg, ctx.owner)
        candidates[msg.message_id] = _capped(msg.message_id, proposed)
    return {"candidates": candidates}
