"""The planner at scale: re-ranking and composing the brief on a big store, and their memory.

    python bench/planner.py [--repeats N] [--quick]   (from the project root; default 7)

Two stores, built the same way (seeded, so every run sees the same data): the goal's size,
10,000 open items, 100,000 messages and 2,000 events, and one tenth of it (1,000 items, 10,000
messages, 200 events), printed side by side to show how the cost grows. The messages form
threads of up to eight, from forty correspondents, about four goals' topics and the filler of
everyday mail; one message in ten carries an attachment; items come from their messages (every
kind, due dates from ten days ago to a month ahead, a few pinned or blocking each other); the
events fill the calendar's window, many with the same people as the mail.

For each store, in a child process started from a small launcher (so that its peak RSS is its
own, not this bench's):
- re-ranking: the cycle's ``rerank`` with its "nothing changed" shortcut cleared, so every open
  item is scored again (median of the repeats; goal under 200 ms at 10,000 items);
- composing the brief: ``compose_brief`` for the day, which ranks, picks the focus, reads the
  day's events and blocks and gathers each focus item's context (median; goal under 300 ms);
- the child's peak RSS (goal under 200 MB).
``--quick`` builds only the small store, with fewer repeats (the smoke test uses it).
Nothing here needs pytest.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.app import App  # noqa: E402
from agent.clock import fixed  # noqa: E402
from agent.cycle import compose_brief, rerank  # noqa: E402
from agent.settings import load  # noqa: E402
from bench.peak import measured  # noqa: E402
from connectors.types import Address, Attachment, Attendee, Event, Message, day_span  # noqa: E402
from planner.models import KINDS, Item  # noqa: E402
from planner.store import Store  # noqa: E402

NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
OWNER = Address("Ada Lovelace", "ada@loom.example")
GOALS = [("Close the seed round", ["investor", "round", "term sheet", "deck"]),
         ("Ship the Acme pilot", ["acme", "pilot", "rollout"]),
         ("Hire a head of sales", ["candidate", "sales", "interview"]),
         ("Pass the security review", ["security", "questionnaire", "soc"])]
TOPICS = ["investor deck", "term sheet", "Acme pilot", "rollout plan", "candidate feedback",
          "sales interview", "security questionnaire", "SOC report", "board minutes", "pricing page",
          "customer renewal", "quarterly numbers", "hiring plan", "data room", "side letter"]
VERBS = ["send", "review", "sign", "confirm", "prepare", "update", "share", "check"]
FILLER = ["The numbers from last quarter are in the shared folder, broken down by region.",
          "We spoke with the team yesterday and agreed to revisit the timeline after the board meeting.",
          "Thanks again for the quick turnaround; legal had only minor comments.",
          "Traffic on the staging cluster was flat overnight; no alerts fired after the last deploy.",
          "If anything changes on your side, a short note is enough and we will adjust the plan."]

CONFIG = """[owner]
name = "{name}"
email = "{email}"
timezone = "Europe/London"

[mail]
backend = "maildir"
path = "mail"

[smtp]
backend = "file"
path = "outbox"

[calendar]
backend = "memory"

[storage]
path = "focusd.db"
{goals}"""


def people(rng: random.Random, n: int = 40) -> list[Address]:
    first = ["Maria", "Tom", "Priya", "Jordan", "Sofia", "Hannah", "Marcus", "Rachel", "Li", "Omar"]
    domains = ["acme.example", "seedfund.example", "lawfirm.example", "northwind.example"]
    return [Address(f"{first[i % 10]} {chr(65 + i // 10)}.", f"{first[i % 10].lower()}{i}@{domains[i % 4]}")
            for i in range(n)]


def build(folder: Path, items: int, messages: int, events: int, seed: int = 9) -> float:
    """Write a config and a store of the given size under ``folder``; seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    (folder / "mail" / "cur").mkdir(parents=True)
    for sub in ("new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (folder / "mail" / sub).mkdir(parents=True, exist_ok=True)
    goals = "".join(f'\n[[goals]]\ntitle = "{t}"\nkeywords = {json.dumps(k)}\n' for t, k in GOALS)
    (folder / "focusd.toml").write_text(CONFIG.format(name=OWNER.name, email=OWNER.email, goals=goals))
    folks = people(rng)
    store = Store.open(folder / "focusd.db", clock=fixed(NOW))
    every = max(1, messages // items)  # one item per this many messages
    thread_root = ""
    with store.write():
        for n in range(messages):
            if n % 8 == 0 or rng.random() < 0.3:
                thread_root = ""
            sender = OWNER if rng.random() < 0.15 else rng.choice(folks)
            topic = rng.choice(TOPICS)
            when = NOW - timedelta(minutes=7 * (messages - n))
            mid = f"<m{n}@bench.example>"
            ask = f"Could you {rng.choice(VERBS)} the {topic} by {rng.choice(['Friday', 'Monday', 'next week'])}?"
            text = " ".join([ask, *rng.sample(FILLER, 2)])
            msg = Message(message_id=mid, subject=f"Re: {topic}" if thread_root else topic.capitalize(),
                          sender=sender, to=[OWNER if sender != OWNER else rng.choice(folks)], cc=[], date=when,
                          text=text, reply_text=text, in_reply_to=thread_root,
                          references=[thread_root] if thread_root else [],
                          attachments=[Attachment(f"{topic.replace(' ', '-')}-v{n % 7}.pdf", "application/pdf",
                                                  rng.randint(50_000, 5_000_000))] if n % 10 == 0 else [])
            new: list[Item] = []
            if n % every == 0 and store.count("items") + 1 <= items:
                kind = rng.choice(KINDS)
                due = NOW.date() + timedelta(days=rng.randint(-10, 30)) if rng.random() < 0.6 else None
                new.append(Item(kind=kind, title=f"{rng.choice(VERBS).capitalize()} the {topic}", evidence=ask,
                                source={"message_id": mid, "from": sender.email, "subject": msg.subject,
                                        "date": when.isoformat()},
                                thread_id=msg.thread_id, counterparty=sender.email,
                                due=due.isoformat() if due else None, pinned=rng.random() < 0.002))
            store.record_message(msg, new, [])
            thread_root = thread_root or mid
        # A few items block others, as a blocker blocks the work behind it.
        ids = [r[0] for r in store.db.execute("SELECT id FROM items ORDER BY id")]
        for a, b in zip(ids[::97], ids[1::97], strict=False):
            store.update_item(a, {"blocks": json.dumps([b])})
            store.update_item(b, {"blocked_by": json.dumps([a])})
        start, _ = day_span(NOW.date() - timedelta(days=1), ZoneInfo("Europe/London"))
        cal: list[Event] = []
        for n in range(events):
            day = NOW.date() + timedelta(days=n % 15 - 1)
            begin = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=8 + rng.randint(0, 9),
                                                                                 minutes=15 * rng.randint(0, 3))
            with_whom = rng.sample(folks, rng.randint(1, 3))
            cal.append(Event(uid=f"ev{n}@bench.example", title=f"{rng.choice(TOPICS).capitalize()} sync",
                             start=begin, end=begin + timedelta(minutes=rng.choice([15, 30, 45, 60])),
                             attendees=[Attendee(p.email, p.name, "accepted") for p in with_whom],
                             organizer=with_whom[0].email, description=rng.choice(FILLER)))
        store.replace_events(start, start + timedelta(days=16), cal)
        store.set_status("calendar", {"ok": True, "error": "", "read_at": NOW.isoformat()})
    store.close()
    return time.perf_counter() - started


def measure(folder: Path, repeats: int) -> None:
    """The child's part: re-rank and compose on the store in ``folder``; printed as JSON."""
    logs.configure(level="error")
    app = App(load(folder / "focusd.toml"), fixed(NOW))
    day = NOW.date()
    ranks, composes = [], []
    focus = 0
    for _ in range(repeats):
        app.store.set_status("rank", {})  # clear the shortcut: every open item is scored again
        t = time.perf_counter()
        rerank(app)
        ranks.append(time.perf_counter() - t)
        t = time.perf_counter()
        brief = compose_brief(app, day)
        composes.append(time.perf_counter() - t)
        focus = sum(1 for bl in brief.lines if bl.section == "focus")
    print(json.dumps({"rank": statistics.median(ranks), "compose": statistics.median(composes),
                      "open": app.store.count("items"), "messages": app.store.count("messages"),
                      "focus": focus, "first_compose": composes[0]}))
    app.close()


def child(folder: Path, repeats: int) -> tuple[dict[str, float], float]:
    """``measure`` in a child process started from a small launcher (bench/peak.py), so that its
    peak RSS is its own, not this bench's: its figures and that peak in MiB."""
    done = measured([sys.executable, str(Path(__file__).resolve()), "--child", str(folder), "--repeats", str(repeats)],
                    ROOT)
    if done.status:
        raise RuntimeError(f"the measuring child failed: {done.stderr}")
    return json.loads(done.stdout), done.peak_mib


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--quick", action="store_true", help="only the small store, few repeats")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        measure(a.child, a.repeats)
        return 0
    sizes = [(1_000, 10_000, 200)] + ([] if a.quick else [(10_000, 100_000, 2_000)])
    repeats = min(a.repeats, 3) if a.quick else a.repeats
    work = Path(tempfile.mkdtemp(prefix="focusd-bench-planner-"))
    rows = []
    try:
        for items, messages, events in sizes:
            folder = work / f"s{items}"
            folder.mkdir()
            took = build(folder, items, messages, events)
            print(f"built {items:,} items, {messages:,} messages, {events:,} events in {took:.1f} s", flush=True)
            got, rss = child(folder, repeats)
            rows.append((items, messages, events, got, rss))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nplanner on a big store (median of {repeats}; peak RSS of the measuring process)")
    print(f"  {'store':<40} {'re-rank':>9} {'compose':>9} {'peak RSS':>9}  focus")
    for items, messages, events, got, rss in rows:
        label = f"{items:,} items, {messages:,} messages, {events:,} events"
        print(f"  {label:<40} {got['rank'] * 1000:7.1f}ms {got['compose'] * 1000:7.1f}ms {rss:7.1f}MB  {got['focus']:.0f}"
              f"  (first compose {got['first_compose'] * 1000:.0f} ms)")
    if len(rows) == 2:
        small, big = rows[0][3], rows[1][3]
        print(f"  growth for 10x the store: re-rank {big['rank'] / small['rank']:.1f}x, "
              f"compose {big['compose'] / small['compose']:.1f}x")
    print("  goals at 10,000 items: re-rank < 200 ms, compose < 300 ms, peak RSS < 200 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
