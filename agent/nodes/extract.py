"""Extract: the configured extractor proposes items; a failure falls back, never stops the cycle."""

from __future__ import annotations

import structlog
from langgraph.runtime import Runtime

from agent.state import BatchState, Context
from planner.models import Item

log = structlog.get_logger(__name__)


def extract(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    ctx = runtime.context
    skipped = state.get("skipped", {})
    candidates: dict[str, list[Item]] = {}
    for msg in state["messages"]:
        if msg.message_id in skipped:
            continue
        try:
            candidates[msg.message_id] = ctx.extractor.extract(msg, ctx.owner)
        except Exception as exc:  # noqa: BLE001 - any extractor failure falls back for this message
            if ctx.fallback is None:
                log.error("extract.failed", message_id=msg.message_id, extractor=ctx.extractor.name,
                          error=type(exc).__name__)
                candidates[msg.message_id] = []
                continue
            log.warning("extract.fallback", message_id=msg.message_id, extractor=ctx.extractor.name,
                        fallback=ctx.fallback.name, error=type(exc).__name__)
            candidates[msg.message_id] = ctx.fallback.extract(msg, ctx.owner)
    return {"candidates": candidates}
