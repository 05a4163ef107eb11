"""What one message costs in the agent graph, against the extractor alone on the same input.

    python -m bench.cost [ASKS]        (from the project root; default 20000)

Two inputs: a mail of ASKS lines like "Could you send me report 123 by Friday?" (about 830 KB
at 20,000), and a normal message (Maria's ask from the demo week). Each goes through
``agent.graph.run_batch`` with an in-memory store, as a sync does, and through the embedded
extractor alone; both are timed in this run, best of several rounds, and the graph's time is
printed as a ratio against the extractor's. Also printed: the candidates the graph kept.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from agent import logs
from agent.app import owner_from
from agent.clock import fixed
from agent.extractors.embedded import EmbeddedExtractor
from agent.graph import run_batch
from agent.settings import load
from agent.state import BatchState, Context
from connectors.mime import parse_message
from connectors.types import Address, Message
from planner.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "config" / "demo"
NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)


def best(fn: Callable[[], object], rounds: int) -> float:
    """The fastest of ``rounds`` runs, in seconds: the least disturbed by the machine."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def many_asks(n: int) -> Message:
    text = "\n".join(f"Could you send me report {k} by Friday?" for k in range(n))
    return Message(message_id="<asks@bench.example>", subject="Reports", sender=Address("Maria Chen", "maria@northwind.vc"),
                   to=[Address("Ada Lovelace", "ada@loom.example")], cc=[], date=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
                   text=text, reply_text=text)


def normal() -> Message:
    path = next(p for p in (DEMO / "mail" / "cur").glob("*.demo*") if b"<m1.maria@northwind.vc>" in p.read_bytes())
    return parse_message(path.read_bytes())


def measure(label: str, msg: Message, ctx: Context, rounds: int) -> None:
    extractor = EmbeddedExtractor()
    alone = best(lambda: extractor.extract(msg, ctx.owner), rounds)
    states: list[BatchState] = []
    # A fresh store each round, made before the clock starts: a recorded message is passed over.
    stores = [Store.open(":memory:") for _ in range(rounds)]

    def graph() -> None:
        states.append(run_batch([msg], replace(ctx, store=stores[len(states)])))

    whole = best(graph, rounds)
    state = states[-1]
    kept = len(state.get("candidates", {}).get(msg.message_id, []))
    items = len(state.get("stored", {}).get(msg.message_id, []))
    print(f"{label:<34} {len(msg.reply_text):>9,} chars  graph {whole * 1000:8.1f} ms  "
          f"extractor alone {alone * 1000:8.1f} ms  ratio {whole / alone:5.1f}x  "
          f"candidates kept {kept}, items {items}")


def main() -> None:
    logs.configure(level="error")
    asks = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    owner = owner_from(load(DEMO / "focusd.toml"))
    ctx = Context(extractor=EmbeddedExtractor(), owner=owner, clock=fixed(NOW))
    run_batch([normal()], ctx)  # builds and compiles the graph once, as a daemon would
    measure(f"{asks:,} asks in one mail", many_asks(asks), ctx, rounds=5)
    measure("a normal message", normal(), ctx, rounds=200)


if __name__ == "__main__":
    main()
