"""Persist: the batch's messages, their items and their processed marks in one transaction (each
message in its own savepoint within it), so a batch costs one commit, not one per message."""

from __future__ import annotations

import structlog
from langgraph.runtime import Runtime

from agent.state import BatchState, Context
from planner.store import Store

log = structlog.get_logger(__name__)


def persist(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    store = runtime.context.store
    if store is None:
        return {"stored": {}}
    stored: dict[str, list[int]] = {}
    skipped = state.get("skipped", {})
    with store.write():
        _record(store, state, skipped, stored)
    # One line a batch: a line a message (thousands on a first sync) drowns what matters in the
    # log and cost a tenth of the cycle; each message's outcome is there under --verbose.
    log.info("batch.stored", messages=len(state["messages"]), skipped=len(skipped),
             items=sum(len(ids) for ids in stored.values()))
    return {"stored": stored}


def _record(store: Store, state: BatchState, skipped: dict[str, str], stored: dict[str, list[int]]) -> None:
    for msg in state["messages"]:
        mid = msg.message_id
        ids = store.record_message(msg, state.get("new_items", {}).get(mid, []),
                                   state.get("merges", {}).get(mid, []), skipped.get(mid, ""),
                                   answered=state.get("answered", {}).get(mid, []))
        stored[mid] = ids
        if ids:
            log.debug("message.extracted", message_id=mid, items=len(ids))
