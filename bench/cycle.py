"""Whole-cycle throughput: the demo week cloned to N messages, each with a fresh Message-ID.

    python bench/cycle.py [N]        (default 10000)

Every clone goes through the whole path of `focusd sync --once`: Maildir read, parse, triage,
the agent graph, and one SQLite transaction per message. Beside it, from the same run and the
same bytes, it prints the floors that show where the time goes: stdlib parsing alone with
compat32 and with policy.default (plus get_body), focusd's normaliser alone, the embedded
extractor alone, and an empty LangGraph invoke. Runs on one core (one process, one thread).
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

from langgraph.graph import END, START, StateGraph

from agent import logs
from agent.app import App
from agent.clock import fixed
from agent.cycle import CycleReport, sync_mail
from agent.extractors.embedded import EmbeddedExtractor
from agent.settings import load
from connectors.mime import parse_message
from planner.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "config" / "demo"
NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
_ID_RE = re.compile(rb"<([^<>@\s]+)@([^<>\s]+)>")
# Only these headers hold message ids; addresses in From and To must stay the owner's.
_ID_HEADERS_RE = re.compile(rb"^(?:Message-ID|In-Reply-To|References):[^\n]*(?:\n[ \t][^\n]*)*", re.M | re.I)


def _renumber(data: bytes, copy: int) -> bytes:
    """``data`` with every message id in its id headers made unique to this copy."""
    def ids(header: re.Match[bytes]) -> bytes:
        return _ID_RE.sub(lambda m: b"<" + m.group(1) + b".c" + str(copy).encode() + b"@" + m.group(2) + b">",
                          header.group(0))
    return _ID_HEADERS_RE.sub(ids, data)


def clone_week(target: Path, n: int) -> list[bytes]:
    """Copy the demo Maildir n/32 times over, rewriting every Message-ID (and the references
    that point at them) so each copy is a new, self-contained week."""
    shutil.copytree(DEMO, target)
    originals = []
    for folder in (target / "mail", target / "mail" / ".Sent"):
        for path in sorted((folder / "cur").glob("*.demo*")):
            originals.append((folder, path.read_bytes()))
            path.unlink()
    raws = []
    copy = 0
    while len(raws) < n:
        for folder, data in originals:
            if len(raws) >= n:
                break
            raw = _renumber(data, copy)
            name = f"{1_700_000_000 + len(raws)}.M{len(raws)}P1.bench:2,S"
            (folder / "cur" / name).write_bytes(raw)
            raws.append(raw)
        copy += 1
    return raws


def rate(fn: object, items: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in items:
        fn(raw)  # type: ignore[operator]
    return len(items) / (time.perf_counter() - start)


class Empty(TypedDict, total=False):
    x: int


def empty_invoke_ms(rounds: int = 2000) -> float:
    g = StateGraph(Empty)
    g.add_node("noop", lambda s: {})
    g.add_edge(START, "noop")
    g.add_edge("noop", END)
    graph = g.compile()
    graph.invoke({"x": 1})
    start = time.perf_counter()
    for _ in range(rounds):
        graph.invoke({"x": 1})
    return (time.perf_counter() - start) / rounds * 1000


def main() -> None:
    logs.configure(level="warning")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    work = Path(tempfile.mkdtemp(prefix="focusd-bench-"))
    try:
        raws = clone_week(work / "week", n)
        app = App(load(work / "week" / "focusd.toml"), fixed(NOW))
        report = CycleReport()
        start = time.perf_counter()
        sync_mail(app, report)
        cycle_s = time.perf_counter() - start
        items = app.store.count("items")
        app.close()

        compat = rate(lambda raw: email.message_from_bytes(raw), raws)
        modern = rate(lambda raw: email.message_from_bytes(raw, policy=email.policy.default).get_body(
            ("plain", "html")), raws)
        ours = rate(parse_message, raws)
        msgs = [parse_message(r) for r in raws[:2000]]  # the first 2,000: many whole weeks
        ex = EmbeddedExtractor()
        owner = app.owner
        start = time.perf_counter()
        for m in msgs:
            ex.extract(m, owner)
        extract_rate = len(msgs) / (time.perf_counter() - start)
        store = Store.open(work / "persist.db")
        start = time.perf_counter()
        for m in msgs:
            store.record_message(m, [], [], "")
        persist_rate = len(msgs) / (time.perf_counter() - start)
        store.close()
        invoke_ms = empty_invoke_ms()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    whole = report.new / cycle_s
    print(f"messages: {report.fetched} read, {report.new} through the graph, {report.skipped} skipped by triage, "
          f"{items} items stored")
    print(f"whole cycle (read, parse, triage, graph, persist): {whole:,.0f} messages/s  ({cycle_s:.1f} s)")
    print("floors from the same run, same bytes:")
    print(f"  stdlib parse, compat32:                      {compat:,.0f} messages/s  ({compat / whole:.1f}x the cycle)")
    print(f"  stdlib parse, policy.default + get_body():   {modern:,.0f} messages/s  ({modern / whole:.1f}x)")
    print(f"  focusd normaliser (compat32 + reply + bulk): {ours:,.0f} messages/s  ({ours / whole:.1f}x)")
    print(f"  embedded extractor alone:                    {extract_rate:,.0f} messages/s  ({extract_rate / whole:.1f}x)")
    print(f"  store alone (one transaction per message):   {persist_rate:,.0f} messages/s  ({persist_rate / whole:.1f}x)")
    print(f"  empty LangGraph invoke:                      {invoke_ms:.2f} ms  (one per {200} messages in a cycle)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
