"""Crash safety, proven on the real daemon: `focusd run` is started as its own process against
Dovecot (IMAP), aiosmtpd (SMTP) and Radicale (CalDAV), and killed with SIGKILL again and again:
at the named points of :mod:`agent.faults` (mid-fetch, mid-graph, mid-brief, mid-reply,
mid-booking) and at random moments. Between kills new mail arrives, and the owner replies to the
briefs. After a last clean run nothing may be lost or done twice: each message processed once,
no item twice, each brief delivered once, each reply applied and confirmed once, and each focus
block on the calendar exactly once, known to the store.

The trials are seeded (``SEED``): each run's log (in the test's temporary folder) starts with
its clock and kill point, and running again replays them. ``FOCUSD_CRASH_TRIALS`` runs more
(a longer soak, by hand); the default keeps the test near half a minute on two cores.

Each run is a process of its own, forked by a server that imported focusd and its libraries
once (tests/forkserver.py): a fresh interpreter spent most of two seconds importing before the
daemon did anything, which made up most of the test's time.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import os
import random
import re
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from imapclient import IMAPClient

from agent import faults
from tests.conftest import DEMO, ROOT
from tests.forkserver import ForkServer
from tests.radicale_server import PASSWORD, USER, Radicale, radicale, split
from tests.servers import Dovecot, free_port

SEED = 1010
TRIALS = int(os.environ.get("FOCUSD_CRASH_TRIALS", "36"))  # killed runs, split between two mornings
TIME_KILLS = 4  # of every TIME_KILLS trials, one is killed at a random moment instead of at a point
# Seconds after the start when such a run is killed: a forked run logs daemon.started within about
# 0.05 s and its two cycles are done within 0.3-1 s (each run's log header has its start time, to check).
KILL_AFTER = (0.05, 0.5)
STEP = timedelta(minutes=6)  # the pinned clock moves on each run: past the outbox's and the claim's grace
THURSDAY = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
OWNER = "ada@loom.example"
SETTLED = 2  # cycles a run completes before it is stopped cleanly, when nothing killed it
RUN_LIMIT = 30.0  # seconds: a run that neither dies nor settles in this long is a hang
# What `focusd run` imports against these servers, imported once by the fork server (agent.cli
# itself is run as __main__ in each child, as `python -m agent.cli` runs it).
PRELOAD = ["click", "agent.app", "agent.daemon", "agent.graph", "agent.extractors.embedded", "agent.outbox",
           "connectors.mail.maildir", "connectors.mail.imap", "connectors.send.smtp", "connectors.calendar.caldav",
           "connectors.calendar.mirror"]


class Mailbox:
    """An SMTP server that delivers what it receives into the owner's IMAP INBOX (as the brief
    reaches the owner), and keeps every message it was handed."""

    def __init__(self, imap: Dovecot) -> None:
        self.imap = imap
        self.received: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        raw = envelope.original_content
        self.received.append(email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default))
        _append(self.imap, raw)
        return "250 OK"


def _append(server: Dovecot, raw: bytes, folder: str = "INBOX") -> None:
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.append(folder, raw)


def _ask(n: int, when: datetime) -> tuple[str, bytes]:
    """A new ask from a colleague: one item each."""
    mid = f"<ask-{n}@acme.example>"
    raw = (f"From: Grace Hopper <grace{n}@acme.example>\r\nTo: Ada Lovelace <{OWNER}>\r\n"
           f"Subject: Pilot report {n}\r\nDate: {email.utils.format_datetime(when - timedelta(minutes=1))}\r\n"
           f"Message-ID: {mid}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           f"Hi Ada,\r\n\r\nCould you send me the pilot usage report number {n} by Monday?\r\n\r\nThanks,\r\nGrace\r\n")
    return mid, raw.encode()


def _reply(n: int, body: str, brief_id: str, when: datetime) -> tuple[str, bytes]:
    mid = f"<reply-{n}@loom.example>"
    raw = (f"From: Ada Lovelace <{OWNER}>\r\nTo: {OWNER}\r\nSubject: Re: your focus\r\n"
           f"Date: {email.utils.format_datetime(when - timedelta(minutes=1))}\r\nMessage-ID: {mid}\r\n"
           f"In-Reply-To: {brief_id}\r\nReferences: {brief_id}\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n")
    return mid, raw.encode()


@dataclass
class World:
    dovecot: Dovecot
    calendar: Radicale
    box: Mailbox
    config: Path
    db: Path
    logs: Path
    server: ForkServer
    asks: list[str] = field(default_factory=list)
    replies: dict[str, str] = field(default_factory=dict)  # Message-ID -> body
    added: list[str] = field(default_factory=list)  # titles replies added
    kills: Counter[str] = field(default_factory=Counter)
    runs: int = 0

    def run(self, now: datetime, kill_at: str | None = None, kill_after: float | None = None) -> str:
        """One daemon run at ``now``: how it ended (the point it died at, ``time``, or ``clean``)."""
        env = {k: v for k, v in os.environ.items() if k != faults.ENV}
        env |= {"FOCUSD_NOW": now.isoformat(), "FOCUSD_TEST_IMAP": self.dovecot.password,
                "FOCUSD_TEST_CALDAV": PASSWORD, "PYTHONPATH": str(ROOT)}
        if kill_at:
            env[faults.ENV] = kill_at
        log = self.logs / f"run-{self.runs:02d}.log"
        self.runs += 1
        log.write_text(f"run at {now.isoformat()} kill_at={kill_at} kill_after={kill_after} "
                       f"started {datetime.now(UTC).isoformat()}\n")
        proc = self.server.spawn(["--config", str(self.config), "run"], env=env, cwd=ROOT, log=log)
        started = time.monotonic()
        try:
            while proc.poll() is None:
                elapsed = time.monotonic() - started
                if kill_after is not None and elapsed >= kill_after:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait(10)
                    return "time"
                if log.read_bytes().count(b"cycle.done") >= SETTLED:
                    proc.send_signal(signal.SIGTERM)
                    assert proc.wait(15) == 0, log.read_text()[-3000:]
                    return "clean"
                assert elapsed < RUN_LIMIT, f"run {log.name} hung:\n{log.read_text()[-3000:]}"
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        text = log.read_text()
        assert proc.returncode == -signal.SIGKILL and kill_at, f"run {log.name} exited {proc.returncode}:\n{text[-3000:]}"
        assert "Traceback" not in text, text[-3000:]
        return kill_at.split(":")[0]


@pytest.fixture(scope="module")
def server() -> Iterator[ForkServer]:
    env = {k: v for k, v in os.environ.items() if k not in (faults.ENV, "FOCUSD_NOW")}
    forks = ForkServer(PRELOAD, env | {"PYTHONPATH": str(ROOT)})
    try:
        yield forks
    finally:
        forks.close()


@pytest.fixture
def world(tmp_path: Path, server: ForkServer) -> Iterator[World]:
    dovecot = Dovecot()
    try:
        with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
            c.login(dovecot.user, dovecot.password)
            c.create_folder("Sent")
        for folder, path in (("INBOX", DEMO / "mail" / "cur"), ("Sent", DEMO / "mail" / ".Sent" / "cur")):
            for f in sorted(path.iterdir()):
                if f.name != ".keep":
                    _append(dovecot, f.read_bytes(), folder)
        box = Mailbox(dovecot)
        controller = Controller(box, hostname="127.0.0.1", port=free_port())
        controller.start()
        try:
            with radicale(tmp_path / "radicale", auth=True,
                          seed=split((DEMO / "calendar.ics").read_text())) as calendar:
                config = tmp_path / "focusd.toml"
                config.write_text(
                    (DEMO / "focusd.toml").read_text()
                    .replace('[mail]\nbackend = "maildir"\npath = "mail"',
                             f'[mail]\nbackend = "imap"\nhost = "127.0.0.1"\nport = {dovecot.port}\n'
                             f'security = "none"\nusername = "{dovecot.user}"\npassword_env = "FOCUSD_TEST_IMAP"\n'
                             'poll_interval = "1s"\nmax_age = "3650d"')
                    .replace('[smtp]\nbackend = "file"\npath = "outbox"',
                             f'[smtp]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {controller.port}\n'
                             'security = "none"')
                    .replace('[calendar]\nbackend = "ics"\npaths = ["calendar.ics"]',
                             f'[calendar]\nbackend = "caldav"\nurl = "{calendar.calendar_url}"\n'
                             f'username = "{USER}"\npassword_env = "FOCUSD_TEST_CALDAV"'))
                assert 'backend = "caldav"' in config.read_text() and 'backend = "imap"' in config.read_text()
                logs = tmp_path / "logs"
                logs.mkdir()
                yield World(dovecot, calendar, box, config, tmp_path / "focusd.db", logs, server)
        finally:
            controller.stop()
    finally:
        dovecot.stop()


def _briefs(box: Mailbox) -> list[EmailMessage]:
    """The briefs (and reviews) received: focusd's mail that answers no reply."""
    return [m for m in box.received if not m["In-Reply-To"]]


# How many times a point is passed in one run, at most, for the kill to land: the fetch and the
# cursor are passed each round of every cycle, a reply's points once per reply.
BRIEF_POINTS = ("outbox.sent", "brief.queued")  # Thursday's (after the server's OK), Friday's
OFTEN = {"fetch.batch": 4, "graph.cursor": 4, "graph.batch": 2, "outbox.taken": 2, "outbox.sent": 2}


def _new_work(world: World, rand: random.Random, trial: int, now: datetime, reply: bool, book: bool = False) -> None:
    """Mail that arrives while focusd is down: an ask or two, and (``reply``, once a brief came)
    a reply to the latest brief that marks, snoozes or books (``book``: always books), and adds
    an item."""
    for _ in range(rand.randint(1, 2)):
        mid, raw = _ask(len(world.asks) + 1, now)
        world.asks.append(mid)
        _append(world.dovecot, raw)
    briefs = _briefs(world.box)
    if briefs and (reply or book):
        title = f"Crash trial task {trial}"
        booking = f"block {rand.randint(1, 3)} {rand.choice(['monday', 'tuesday'])} {rand.randint(9, 16)}:00"
        lines = [booking if book else rand.choice(["done 1", "snooze 2 monday", "top 3", "done 2", booking]),
                 f"add: {title}"]
        n = len(world.replies) + 1
        mid, raw = _reply(n, "\n".join(lines), str(briefs[-1]["Message-ID"]), now)
        world.replies[mid] = "\n".join(lines)
        world.added.append(title)
        _append(world.dovecot, raw)


def _trials(world: World, start: datetime, first: int, count: int) -> None:
    for i in range(first, first + count):
        rand = random.Random(SEED + i)
        now = start + STEP * (i - first)
        # A point this run can reach: the brief is queued once a day, by the day's first run,
        # which is killed sending it (before, or after the server's OK: the worst case).
        briefed = any(m["Date"] and m["Date"].datetime.date() == now.date() for m in _briefs(world.box))
        point = (BRIEF_POINTS[start.weekday() % 2] if i == first else
                 rand.choice([p for p in faults.POINTS if not (briefed and p == "brief.queued")]))
        # The reply, booking and sending points need a reply to reach; other runs get one now and then.
        _new_work(world, rand, i, now, reply=point.startswith(("reply.", "outbox.")) or rand.random() < 0.3,
                  book=point.startswith("booking."))
        if i % TIME_KILLS == TIME_KILLS - 1:
            ended = world.run(now, kill_after=rand.uniform(*KILL_AFTER))
        else:
            ended = world.run(now, kill_at=f"{point}:{1 if i == first else rand.randint(1, OFTEN.get(point, 1))}")
        world.kills[ended] += 1


def _calendar_blocks(server: Radicale) -> dict[str, tuple[int, str]]:
    """focusd's blocks on the calendar: their UID -> (the item each is tagged with, its start)."""
    found: dict[str, tuple[int, str]] = {}
    for name in server.names():
        text = server.get(name)
        tag = re.search(r"^X-FOCUSD-ITEM:(\d+)\r?$", text, re.M)
        if tag:
            uid = re.search(r"^UID:(.+?)\r?$", text, re.M)
            start = re.search(r"^DTSTART[;:](.+?)\r?$", text, re.M)
            assert uid is not None and start is not None
            found[uid.group(1)] = (int(tag.group(1)), start.group(1))
    return found


def test_a_kill_between_the_calendar_put_and_the_store_leaves_no_block_the_store_does_not_know(
        world: World) -> None:
    """The first cycle books the day's focus blocks; killed after the first PUT, before the store
    recorded it, the block is on the calendar and nowhere else. The next run must own it (or
    take it off), not leave it there for good."""
    assert world.run(THURSDAY, kill_at="booking.created:1") == "booking.created"
    assert _calendar_blocks(world.calendar)  # the block went to the calendar
    assert world.run(THURSDAY + STEP) == "clean"
    _check_blocks(world)


def test_sigkill_at_seeded_points_and_moments_loses_nothing_and_doubles_nothing(world: World) -> None:
    began = time.monotonic()
    half = TRIALS // 2
    _trials(world, THURSDAY, 0, half)
    assert world.run(THURSDAY + STEP * half) == "clean"  # Thursday settles before Friday comes
    _trials(world, FRIDAY, half, TRIALS - half)
    _new_work(world, random.Random(SEED + TRIALS), TRIALS, FRIDAY + STEP * (TRIALS - half), reply=True)
    assert world.run(FRIDAY + STEP * (TRIALS - half)) == "clean"
    assert world.run(FRIDAY + STEP * (TRIALS - half + 1)) == "clean"  # and a run with nothing new changes nothing
    elapsed = time.monotonic() - began
    print(f"\n{TRIALS} killed runs in {elapsed:.1f}s; ended by: {dict(sorted(world.kills.items()))}")
    # Killed mid-fetch, mid-graph, mid-brief, mid-reply, mid-booking, and at random moments.
    for kind in ("fetch.", "graph.", ("brief.", "outbox."), "reply.", "booking.", "time"):
        assert any(k.startswith(kind) for k in world.kills), (kind, world.kills)

    db = sqlite3.connect(world.db)
    db.row_factory = sqlite3.Row
    # Each message once, none lost: every ask is stored, and each of its items once.
    stored = {r["message_id"] for r in db.execute("SELECT message_id FROM messages")}
    assert set(world.asks) <= stored, sorted(set(world.asks) - stored)
    items = db.execute("SELECT id, kind, title, message_id, status FROM items").fetchall()
    twice = Counter((r["message_id"], r["kind"], r["title"]) for r in items)
    assert [k for k, n in twice.items() if n > 1] == []
    for mid in world.asks:
        assert any(r["message_id"] == mid for r in items), f"{mid} made no item"
    # Each reply applied once: recorded once, its added item made once, confirmed once.
    for title in world.added:
        assert sum(1 for r in items if r["title"] == title) == 1, title
    confirmations = Counter(str(m["In-Reply-To"]) for m in world.box.received if m["In-Reply-To"])
    for mid in world.replies:
        row = db.execute("SELECT status FROM replies WHERE message_id = ?", (mid,)).fetchone()
        assert row is not None and row["status"] == "applied", (mid, row and dict(row))
        assert confirmations[mid] == 1, (mid, confirmations[mid])
    assert set(confirmations) == set(world.replies)
    # Nothing sent twice, and each brief (and the week's review) once per date.
    ids = Counter(str(m["Message-ID"]) for m in world.box.received)
    assert [k for k, n in ids.items() if n > 1] == []
    sent = {(r["kind"], r["date"]): r["message_id"] for r in db.execute(
        "SELECT kind, date, message_id FROM briefs WHERE sent_at IS NOT NULL AND sent_at != ''")}
    assert set(sent) == {("brief", "2026-11-19"), ("brief", "2026-11-20"), ("review", "2026-11-16")}, sent
    assert sorted(str(m["Message-ID"]) for m in _briefs(world.box)) == sorted(sent.values())
    assert db.execute("SELECT count(*) FROM outbox WHERE status != 'sent'").fetchone()[0] == 0
    _check_blocks(world)
    assert world.kills["clean"] <= TRIALS // 3, f"most runs must die: {world.kills}"


def _check_blocks(world: World) -> None:
    """Each focus block once on the calendar, each pointing at an item, each known to the store."""
    db = sqlite3.connect(world.db)
    db.row_factory = sqlite3.Row
    on_calendar = _calendar_blocks(world.calendar)
    blocks = db.execute("SELECT item_id, event_uid, start FROM blocks WHERE state = 'booked'").fetchall()
    assert on_calendar, "no block was booked: the run did not reach booking"
    for b in blocks:  # no block without its event
        assert on_calendar.get(b["event_uid"], (None,))[0] == b["item_id"], dict(b)
    assert {b["event_uid"] for b in blocks} == set(on_calendar), "an event on the calendar the store does not know"
    # An item may hold two blocks (the owner asked for both), never two at the same time.
    twice = Counter(on_calendar.values())
    assert [k for k, n in twice.items() if n > 1] == [], on_calendar
    db.close()
