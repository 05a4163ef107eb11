"""Persist: each message, its items and its processed mark in one transaction."""

from __future__ import annotations

import structlog
from langgraph.runtime import Runtime

from agent.state import BatchState, Context

log = structlog.get_logger(__name__)


def persist(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    store = runtime.context.store
    if store is None:
        return {"stored": {}}
    stored: dict[str, list[int]] = {}
    skipped = state.get("skipped", {})
    for msg in state["messages"]:
        mid = msg.message_id
        ids = store.record_message(msg, state.get("new_items", {}).get(mid, []),
                                   state.get("merges", {}).get(mid, []), skipped.get(mid, ""),
                                   answered=state.get("answered", {}).get(mid, []))
        stored[mid] = ids
        if ids:
            log.info("message.extracted", message_id=mid, items=len(ids))
    return {"stored": stored}
