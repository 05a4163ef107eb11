"""Wiring only: triage > extract > ground > resolve > persist, over a batch of messages.

A batch per invoke keeps LangGraph's fixed cost (0.35 ms an empty invoke here; bench/cycle.py
prints it) off the per-message path. Runtime dependencies arrive through
:class:`agent.state.Context`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from langgraph.graph import END, START, StateGraph

from agent.nodes.extract import extract
from agent.nodes.ground import ground
from agent.nodes.persist import persist
from agent.nodes.resolve import resolve
from agent.nodes.triage import triage
from agent.state import BatchState, Context
from connectors.types import Message


def after_triage(state: BatchState) -> Literal["extract", "persist"]:
    """A batch that triage set aside whole (a newsletter run, say) goes straight to persist,
    which still marks each message processed."""
    messages = state.get("messages")
    if messages is None:
        raise ValueError(f"after_triage: the state has no messages: {sorted(state)}")
    skipped = state.get("skipped", {})
    return "persist" if all(m.message_id in skipped for m in messages) else "extract"


@lru_cache(maxsize=1)
def build_graph() -> Any:
    graph = StateGraph(BatchState, context_schema=Context)
    graph.add_node("triage", triage)
    graph.add_node("extract", extract)
    graph.add_node("ground", ground)
    graph.add_node("resolve", resolve)
    graph.add_node("persist", persist)
    graph.add_edge(START, "triage")
    graph.add_conditional_edges("triage", after_triage)
    graph.add_edge("extract", "ground")
    graph.add_edge("ground", "resolve")
    graph.add_edge("resolve", "persist")
    graph.add_edge("persist", END)
    return graph.compile()


def run_batch(messages: list[Message], context: Context) -> BatchState:
    """Run the graph once over ``messages``; returns the final state."""
    result: BatchState = build_graph().invoke({"messages": messages}, context=context)
    return result
