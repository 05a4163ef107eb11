"""Soak: a month of mail, briefs and replies in one process, with a fast clock.

    python bench/soak.py [--days 30] [--per-day 150] [--start 2026-10-12] [--work DIR]

The embedded backends (a Maildir, the file sender, an in-memory calendar, no LLM) and one
``App`` whose clock the bench moves. Each simulated day about ``--per-day`` messages arrive in
the INBOX over the working hours (people with asks, threads and replies, lists, newsletters,
notifications) and the owner's own mail lands in Sent; the clock steps through the whole day in
poll-interval steps (15 minutes) and each step runs :func:`tick`, what the daemon runs at that
moment. Every mail the file sender writes is delivered into the INBOX too, as it would reach
the owner's mailbox; the owner answers each brief ("done 1", "snooze 2 monday", ...), and at
the end of the day the owner's mail client marks the day's mail read (``new/`` -> ``cur/``).

The default start crosses the end of summer time in Europe/London (25 Oct 2026). Printed, each
with its goal and pass or miss: current RSS at the end of day 1 and of the last day (after a
collection), store size per 1,000 messages, briefs per day (exactly 1 on working days, 0 on
others, counted both in the outbox folder and in the store), and the median cycle of day 1 and
of the last day.
"""

from __future__ import annotations

import argparse
import ctypes
import email
import email.policy
import gc
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.app import App  # noqa: E402
from agent.cycle import CycleReport  # noqa: E402
from agent.daemon import Daemon  # noqa: E402
from agent.settings import load  # noqa: E402
from bench.imap_sync import ASKS, FILLER, SLOTS, _fill  # noqa: E402 - its sentence generators

TZ = ZoneInfo("Europe/London")
OWNER_NAME, OWNER = "Ada Lovelace", "ada@loom.example"
STEP = timedelta(minutes=15)  # the poll interval: one tick per step of simulated time
WORKDAY = (8, 19)  # mail arrives between these hours, local time
RSS_GOAL = 0.10  # growth of current RSS from day 1 to the last day
CYCLE_GOAL = 1.25  # last day's median cycle over day 1's: "about 1"

PEOPLE = [("Jordan Lee", "jordan@talentbridge.example"), ("Priya Natarajan", "priya@northwind.example"),
          ("Marcus Webb", "marcus@acme.example"), ("Sofia Alvarez", "sofia@seedfund.example"),
          ("Tom Becker", "tom@loom.example"), ("Hannah Ito", "hannah@lawfirm.example"),
          ("Rachel Kim", "rachel@seedfund.example"), ("Omar Haddad", "omar@acme.example")]
LISTS = [("Founders list", "founders@lists.example", "founders.lists.example"),
         ("Python announce", "announce@python.example", "announce.python.example"),
         ("Ops digest", "ops@lists.example", "ops.lists.example")]
NEWS = [("Deals", "news@shop.example"), ("The Weekly Brief", "letters@media.example"),
        ("SaaS Pricing", "hello@pricing.example")]
NOTIFY = [("CI", "builds@ci.example", "Build {n} passed on main"),
          ("Calendar", "calendar-noreply@cal.example", "Invitation updated: {meeting}"),
          ("Billing", "no-reply@billing.example", "Your invoice {n} is ready")]
PROMISES = ["I'll send you the {doc} by {day}.", "I will review the {doc} before the {meeting}.",
            "I'll get back to you on the {team} numbers by {day}.", "I can share the {doc} {day}.",
            "Let me check with {team} and I'll confirm the {meeting} time {day}."]
# The owner's answers, by the highest brief line each names; with no item lines the owner adds one.
# The owner answering an ask in its thread: a hand-over the cycle closes the ask on.
DELIVERIES = ["Here is the signed {doc}.", "Attached is the {doc} you asked for.", "I just sent you the {doc}.",
              "Sharing the {doc} now, see the link in the folder."]
REPLIES = [(1, "done 1"), (2, "snooze 2 monday"), (3, "top 3"), (2, "done 2\ntop 1"), (1, "due 1 friday"),
           (3, "drop 3"), (2, "done 1\nsnooze 2 3d"), (0, "add: Call the lawyer about the {doc} by {day}")]


class SimClock:
    """The App's clock: the bench sets ``now``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def tick(daemon: Daemon) -> CycleReport | None:
    """What the daemon runs at each poll: its cycle job, then its timed job (the brief and the
    weekly review when due at ``app.now()``). None when the cycle failed (the daemon logged it)."""
    report = daemon.cycle()
    daemon.timed()
    return report


# -- the mail ---------------------------------------------------------------------------------


def settled(directory: Path) -> None:
    """Date a folder's last change back by the Maildir source's settling time. A poll lists a
    folder again while its time is within two seconds of the host's clock (a second change in
    the same clock tick would not move it); the bench moves its own clock 15 minutes a tick
    while the host's moves milliseconds, so without this every tick would list every folder the
    previous one changed, which no daemon polling minutes apart does."""
    then = time.time_ns() - 3_000_000_000
    os.utime(directory, ns=(then, then))


@dataclass
class Mailbox:
    """The owner's Maildir, and what the bench delivers into it. Only the latest threads are
    remembered, so the bench's own memory stays flat."""

    root: Path
    rng: random.Random
    seq: int = 0  # files delivered
    made: int = 0  # messages written
    threads: deque[tuple[str, str, str, str]] = field(default_factory=lambda: deque(maxlen=200))
    asks: deque[tuple[str, str, str, str, str]] = field(default_factory=lambda: deque(maxlen=200))  # not yet answered

    def deliver(self, raw: bytes, folder: str = "INBOX", when: datetime | None = None) -> None:
        """Write one message as a delivery does: into tmp/, then renamed into new/ (cur/ for Sent)."""
        self.seq += 1
        base = self.root if folder == "INBOX" else self.root / f".{folder}"
        stamp = int((when or datetime.now(UTC)).timestamp())
        name = f"{stamp}.M{self.seq}P{os.getpid()}.soak,S={len(raw)}"
        tmp = base / "tmp" / name
        tmp.write_bytes(raw)
        sub = base / ("new" if folder == "INBOX" else "cur")
        os.replace(tmp, sub / (name if folder == "INBOX" else name + ":2,S"))
        settled(sub)

    def mark_read(self) -> int:
        """What the owner's mail client does with the day's mail: new/ -> cur/ with the Seen flag."""
        moved = 0
        for path in (self.root / "new").iterdir():
            os.replace(path, self.root / "cur" / f"{path.name}:2,S")
            moved += 1
        settled(self.root / "new")
        settled(self.root / "cur")
        return moved

    def _mid(self, host: str) -> str:
        self.made += 1
        return f"<soak.{self.made}.{self.rng.randrange(16**8):08x}@{host}>"

    def _message(self, when: datetime, sender: tuple[str, str], to: tuple[str, str], subject: str, text: str,
                 extra: str = "", html: bool = False, host: str = "") -> tuple[bytes, str]:
        mid = self._mid(host or sender[1].split("@")[1])
        head = (f"Received: from mx1.example ([192.0.2.7]) by mx.loom.example with ESMTPS id {self.seq:x}\n"
                f"\tfor <{to[1]}>; {format_datetime(when)}\n"
                f'From: "{sender[0]}" <{sender[1]}>\nTo: "{to[0]}" <{to[1]}>\nSubject: {subject}\n'
                f"Date: {format_datetime(when)}\nMessage-ID: {mid}\n{extra}")
        if html:
            page = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
            body = ('MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="alt"\n\n'
                    f"--alt\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
                    f"--alt\nContent-Type: text/html; charset=utf-8\n\n{page}\n--alt--\n")
        else:
            body = f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
        return (head + body).encode(), mid

    def _filler(self, lines: int) -> str:
        return "\n".join(_fill(self.rng, self.rng.choice(FILLER)) for _ in range(lines))

    def one(self, when: datetime, weekend: bool) -> tuple[bytes, str]:
        """One message of the day's mix, and its folder. Weekends bring mostly bulk mail."""
        rng = self.rng
        roll = rng.random() * (0.5 if weekend else 1.0) + (0.5 if weekend else 0.0)
        ada = (OWNER_NAME, OWNER)
        if roll < 0.15:  # the owner writes: most often handing over what someone asked for
            if self.asks and rng.random() < 0.75:
                ref, subject, name, addr, doc = self.asks.pop() if rng.random() < 0.5 else self.asks.popleft()
                text = (f"Hi {name.split()[0]},\n\n{rng.choice(DELIVERIES).format(doc=doc)}\n\n{self._filler(1)}\n\n"
                        "Ada")
                raw, _ = self._message(when, ada, (name, addr), f"Re: {subject.removeprefix('Re: ')}", text,
                                       f"In-Reply-To: {ref}\nReferences: {ref}\n")
                return raw, "Sent"
            person = rng.choice(PEOPLE)
            extra, subject = "", f"{rng.choice(['Pilot', 'Round', 'Hiring', 'Ops'])} {rng.choice(SLOTS['doc'])}"
            if self.threads and rng.random() < 0.7:
                mid, subject, _, _ = rng.choice(self.threads)
                extra, subject = f"In-Reply-To: {mid}\nReferences: {mid}\n", f"Re: {subject.removeprefix('Re: ')}"
            text = f"Hi {person[0].split()[0]},\n\n{_fill(rng, rng.choice(PROMISES))}\n\n{self._filler(2)}\n\nAda"
            raw, mid = self._message(when, ada, person, subject, text, extra)
            return raw, "Sent"
        if roll < 0.60:  # a person: an ask about half the time, a reply in a thread a third
            person = rng.choice(PEOPLE)
            extra, subject, quoted = "", f"{rng.choice(['Update', 'Question', 'Next steps'])} on {rng.choice(SLOTS['doc'])}", ""
            if self.threads and rng.random() < 0.35:
                ref, subject, name, addr = rng.choice(self.threads)
                extra, subject = f"In-Reply-To: {ref}\nReferences: {ref}\n", f"Re: {subject.removeprefix('Re: ')}"
                quoted = f"\n\nOn {format_datetime(when - timedelta(hours=3))}, {name} <{addr}> wrote:\n" + \
                    "\n".join("> " + line for line in self._filler(3).split("\n"))
            doc = rng.choice(SLOTS["doc"])
            template = rng.choice(ASKS) if rng.random() < 0.5 else ""
            ask = _fill(rng, template.replace("{doc}", doc)) + "\n\n" if template else ""
            text = f"Hi Ada,\n\n{ask}{self._filler(rng.randrange(2, 6))}\n\nBest,\n{person[0]}{quoted}"
            raw, mid = self._message(when, person, ada, subject, text, extra, html=rng.random() < 0.4)
            self.threads.append((mid, subject, *person))
            if "{doc}" in template:
                self.asks.append((mid, subject, *person, doc))
            return raw, "INBOX"
        if roll < 0.78:  # a mailing list
            name, addr, list_id = rng.choice(LISTS)
            extra = f"List-Id: <{list_id}>\nList-Post: <mailto:{addr}>\nPrecedence: list\n"
            text = f"{self._filler(rng.randrange(3, 8))}\n\n--\nYou are subscribed to {addr}"
            poster = rng.choice(PEOPLE + [("A. Member", "member@example.net")])
            return self._message(when, (poster[0], poster[1]), (name, addr), f"[{name}] {self._filler(1)[:60]}",
                                 text, extra)[0], "INBOX"
        if roll < 0.94:  # a newsletter
            name, addr = rng.choice(NEWS)
            extra = f"List-Unsubscribe: <mailto:leave@{addr.split('@')[1]}>\nPrecedence: bulk\n"
            text = f"This week:\n\n{self._filler(rng.randrange(6, 14))}\n\nUnsubscribe at any time."
            return self._message(when, (name, addr), ada, f"{name}: issue {rng.randrange(1, 999)}", text, extra,
                                 html=True)[0], "INBOX"
        name, addr, subject = rng.choice(NOTIFY)  # a notification
        subject = _fill(rng, subject)
        return self._message(when, (name, addr), ada, subject, f"{subject}.\n\n{self._filler(1)}",
                             "Auto-Submitted: auto-generated\n")[0], "INBOX"

    def day(self, day: date, n: int) -> list[tuple[datetime, bytes, str]]:
        """The day's ``n`` messages, each with its arrival time (UTC) and folder, in order."""
        start = datetime(day.year, day.month, day.day, WORKDAY[0], tzinfo=TZ)
        span = (WORKDAY[1] - WORKDAY[0]) * 3600
        times = sorted(start + timedelta(seconds=self.rng.randrange(span)) for _ in range(n))
        weekend = day.weekday() >= 5
        return [(t.astimezone(UTC), *self.one(t, weekend)) for t in times]

    def reply(self, when: datetime, brief_id: str, subject: str, brief_text: str, command: str) -> bytes:
        """The owner's answer to a brief: commands on top, the brief quoted below."""
        quoted = "".join(f"> {line}\n" for line in brief_text.splitlines())
        text = f"{command}\n\nOn {format_datetime(when - timedelta(minutes=30))}, focusd <{OWNER}> wrote:\n{quoted}"
        return self._message(when, (OWNER_NAME, OWNER), ("focusd", OWNER), f"Re: {subject}", text,
                             f"In-Reply-To: {brief_id}\nReferences: {brief_id}\n")[0]


# -- measuring --------------------------------------------------------------------------------


def rss_mib() -> float:
    """Resident memory now (not the peak), after a full collection."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def trimmed_rss_mib() -> float | None:
    """Resident memory once the C allocator gave back what it holds free (glibc only): what is
    left is live, so growth here is held, and growth above it only freed memory kept for reuse."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    libc.malloc_trim(0)
    return rss_mib()


def fresh_rss(work: Path, day: date) -> tuple[float, float | None]:
    """RSS of a new process that opens a copy of ``work`` on ``day`` and ticks through the
    brief (07:00 to 09:00): what the store's size alone costs, without a month behind it."""
    with tempfile.TemporaryDirectory(prefix="focusd-soak-probe-") as tmp:
        copy = Path(tmp) / "state"
        shutil.copytree(work, copy)
        done = subprocess.run([sys.executable, __file__, "--probe", str(copy), "--start", day.isoformat()],
                              capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"the probe failed: {done.stderr[-800:]}")
    rss, trimmed = done.stdout.split()
    return float(rss), None if trimmed == "-" else float(trimmed)


def probe(work: Path, day: date) -> None:
    """The child of :func:`fresh_rss`: nine ticks from 07:00 of ``day``, then its RSS."""
    clock = SimClock(datetime(day.year, day.month, day.day, 7, tzinfo=TZ).astimezone(UTC))
    app = App(load(work / "focusd.toml"), clock)
    daemon = Daemon(app)
    for _ in range(9):
        tick(daemon)
        clock.now += STEP
    trimmed = trimmed_rss_mib()
    print(f"{rss_mib():.1f} {'-' if trimmed is None else f'{trimmed:.1f}'}")
    app.close()


def store_bytes(app: App) -> tuple[int, int]:
    """The store's database file and its write-ahead log, in bytes, once every committed page
    is copied into the file (a passive checkpoint, as SQLite runs by itself every 1,000 pages)."""
    app.store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    path = Path(app.settings["storage"]["path"])
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size, wal.stat().st_size if wal.exists() else 0


@dataclass
class Day:
    day: date
    delivered: int = 0
    cycles: list[float] = field(default_factory=list)  # seconds of every tick
    busy: list[float] = field(default_factory=list)  # seconds of the ticks that took in new mail
    replies: int = 0
    failed: int = 0
    rss: float = 0.0
    trimmed: float | None = None
    store: int = 0
    wal: int = 0
    messages: int = 0
    open_items: int = 0


def working(day: date, app: App) -> bool:
    return day.weekday() in app.settings["owner"]["working_days"]


def config(work: Path) -> Path:
    for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (work / "mail" / sub).mkdir(parents=True, exist_ok=True)
    path = work / "focusd.toml"
    path.write_text(textwrap.dedent(f"""\
        [owner]
        name = "{OWNER_NAME}"
        email = "{OWNER}"
        timezone = "{TZ.key}"
        working_hours = "09:00-18:00"
        working_days = "mon-fri"
        [mail]
        backend = "maildir"
        path = "mail"
        sent_folder = "Sent"
        poll_interval = "15m"
        [smtp]
        backend = "file"
        path = "outbox"
        [calendar]
        backend = "memory"
        [llm]
        provider = "none"
        [brief]
        time = "07:30"
        [storage]
        path = "focusd.db"
        [[goals]]
        title = "Close the seed round"
        weight = 3
        keywords = ["deck", "investor", "term sheet", "side letter", "partner"]
        [[goals]]
        title = "Land the Acme pilot"
        weight = 2
        keywords = ["acme", "pilot", "msa", "security questionnaire"]
        """))
    return path


def run(days: int, per_day: int, start: date, work: Path, seed: int, trace: bool = False) -> int:
    clock = SimClock(datetime(start.year, start.month, start.day, tzinfo=TZ).astimezone(UTC))
    app = App(load(config(work)), clock)
    daemon = Daemon(app)
    box = Mailbox(work / "mail", random.Random(seed))
    outbox = work / "outbox"
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    outbox_briefs: Counter[date] = Counter()  # briefs in the outbox folder, by their Date
    errors: Counter[str] = Counter()
    log: list[Day] = []
    traced: tracemalloc.Snapshot | None = None
    snapshots = Path(tempfile.mkdtemp(prefix="focusd-soak-day1-"))  # the state at the end of day 1
    empty, _ = store_bytes(app)  # the schema alone: what per-message growth is measured from
    wall = time.perf_counter()
    for d in range(days):
        day = start + timedelta(days=d)
        stats = Day(day)
        arriving = deque(box.day(day, per_day))
        stats.delivered = len(arriving)
        moment = datetime(day.year, day.month, day.day, tzinfo=TZ).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), TZ).astimezone(UTC)
        while moment < end:  # in UTC: a 23- or 25-hour day is stepped whole
            clock.now = moment
            while arriving and arriving[0][0] <= moment:
                when, raw, folder = arriving.popleft()
                box.deliver(raw, folder, when)
            began = time.perf_counter()
            done = tick(daemon)
            if done is None:  # the daemon logged why and goes on; so does the soak
                errors["cycle"] += 1
                stats.failed += 1
            report = done or CycleReport()
            took = time.perf_counter() - began
            stats.cycles.append(took)
            if report.new:
                stats.busy.append(took)
            for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
                if path.name in seen:
                    continue
                seen.add(path.name)
                raw = path.read_bytes()
                box.deliver(raw, "INBOX", moment)  # sent to the owner: it lands in the INBOX too
                head = email.message_from_bytes(raw, policy=email.policy.default)
                # The brief's row, read through the store: an older one keeps its text compressed.
                found = app.store.db.execute("SELECT kind, date FROM briefs WHERE message_id = ?",
                                             [str(head["Message-ID"])]).fetchone()
                brief = app.store.brief(date.fromisoformat(found[1]), found[0]) if found else None
                row = (brief["kind"], brief["date"], brief["subject"], brief["text"], brief["lines"]) if brief else None
                kind = row[0] if row else "confirmation" if head["In-Reply-To"] else "other"
                kinds[kind] += 1
                if kind == "brief":
                    sent_on = email.utils.parsedate_to_datetime(str(head["Date"])).astimezone(TZ).date()
                    outbox_briefs[sent_on] += 1
                    command = answer(box.rng, len(row[4] or {}))
                    reply_at = moment + timedelta(minutes=box.rng.randrange(20, 90))
                    arriving.appendleft((reply_at, box.reply(reply_at, str(head["Message-ID"]), row[2], row[3] or "",
                                                             command), "INBOX"))
                    stats.replies += 1
                    arriving = deque(sorted(arriving, key=lambda a: a[0]))
            moment += STEP
        box.mark_read()
        stats.rss = rss_mib()
        stats.trimmed = trimmed_rss_mib()
        if d == 0:
            shutil.copytree(work, snapshots / "day1", ignore=shutil.ignore_patterns("*.lock"))
        if trace and d == 0:
            tracemalloc.start(8)
            traced = tracemalloc.take_snapshot()
        stats.store, stats.wal = store_bytes(app)
        stats.messages = app.store.count("messages")
        stats.open_items = int(app.store.db.execute("SELECT count(*) FROM items WHERE status = 'open'").fetchone()[0])
        log.append(stats)
        print(f"  day {d + 1:>2} {day:%a %Y-%m-%d}: {stats.delivered:>4} in, briefs {outbox_briefs[day]} "
              f"(store {briefs_in_store(app, day)}), median cycle {ms(stats.cycles)}, busy {ms(stats.busy)}, "
              f"{stats.open_items} open items, RSS {stats.rss:.1f} MiB"
              + (f" ({stats.trimmed:.1f} trimmed)" if stats.trimmed is not None else "") + f", store {stats.store / 2**20:.1f} MB"
              + (f", {stats.failed} failed cycles" if stats.failed else ""), flush=True)
    took = time.perf_counter() - wall
    if traced is not None and days > 1:
        gc.collect()
        print(f"\nPython memory that grew from the end of day 1 to the end of day {days} (tracemalloc):")
        for diff in tracemalloc.take_snapshot().compare_to(traced, "traceback")[:8]:
            print(f"  {diff.size_diff / 2**10:+,.0f} KiB in {diff.count_diff:+,} blocks, from:")
            for frame in diff.traceback.format(limit=4, most_recent_first=True):
                print(f"    {frame.strip()}")
        tracemalloc.stop()
    fresh = (fresh_rss(snapshots / "day1", start + timedelta(days=1)), fresh_rss(work, start + timedelta(days=days)))
    shutil.rmtree(snapshots, ignore_errors=True)
    code = summary(app, log, outbox_briefs, kinds, errors, took, empty, fresh)
    app.close()
    return code


def answer(rng: random.Random, lines: int) -> str:
    """What the owner writes back to a brief of ``lines`` numbered items."""
    return _fill(rng, rng.choice([text for need, text in REPLIES if need <= lines and (need or not lines)]))


def briefs_in_store(app: App, day: date) -> int:
    row = app.store.db.execute("SELECT count(*) FROM briefs WHERE kind = 'brief' AND date = ? AND sent_at IS NOT NULL",
                               [day.isoformat()]).fetchone()
    return int(row[0])


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms" if values else "n/a"


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def summary(app: App, log: list[Day], outbox_briefs: Counter[date], kinds: Counter[str], errors: Counter[str],
            took: float, empty: int, fresh: tuple[tuple[float, float | None], ...]) -> int:
    first, last = log[0], log[-1]
    print()
    print(f"{len(log)} simulated days, {sum(d.delivered for d in log):,} messages delivered, "
          f"{sum(len(d.cycles) for d in log):,} ticks in {took:.0f} s")
    growth = last.rss / first.rss - 1
    print(f"RSS now, after a collection: day 1 {first.rss:.1f} MiB, day {len(log)} {last.rss:.1f} MiB: "
          f"growth {growth:+.1%} (ratio {last.rss / first.rss:.3f}), goal under {RSS_GOAL:.0%}: "
          f"{verdict(growth < RSS_GOAL)}")
    if first.trimmed is not None and last.trimmed is not None:
        print(f"RSS once the allocator returned its free memory: day 1 {first.trimmed:.1f} MiB, day {len(log)} "
              f"{last.trimmed:.1f} MiB: growth {last.trimmed / first.trimmed - 1:+.1%}, goal under {RSS_GOAL:.0%}: "
              f"{verdict(last.trimmed / first.trimmed - 1 < RSS_GOAL)}")
    (day1, _), (lastday, _) = fresh
    print(f"RSS of a new process on a copy of the store, through the next morning's brief: after day 1 "
          f"{day1:.1f} MiB, after day {len(log)} {lastday:.1f} MiB ({lastday / day1 - 1:+.1%}: what the data costs); "
          f"the soak process holds {last.rss - lastday:+.1f} MiB beside that on day {len(log)} "
          f"({first.rss - day1:+.1f} MiB on day 1)")
    print(f"RSS peak (getrusage maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")
    per_first = (first.store - empty) / max(first.messages, 1) * 1000
    per_last = (last.store - empty) / max(last.messages, 1) * 1000
    print(f"store: {last.messages:,} messages in {last.store / 2**20:.1f} MB (the empty schema {empty / 2**10:.0f} KB, "
          f"the log beside it {last.wal / 2**20:.1f} MB): {per_last / 2**10:.0f} KB per 1,000 messages (day 1: "
          f"{per_first / 2**10:.0f} KB, ratio {per_last / per_first:.2f}), goal flat (ratio at most 1.10): "
          f"{verdict(per_last / per_first <= 1.10)}")
    bad = []
    for d in log:
        want = 1 if working(d.day, app) else 0
        got = (outbox_briefs[d.day], briefs_in_store(app, d.day))
        if got != (want, want):
            bad.append(f"{d.day:%a %Y-%m-%d}: {got[0]} in the outbox, {got[1]} in the store, want {want}")
    work_days = sum(working(d.day, app) for d in log)
    print(f"briefs per day: exactly 1 on each of {work_days} working days and 0 on each of {len(log) - work_days} "
          f"others, in the outbox and in the store: {verdict(not bad)}")
    for line in bad:
        print(f"  !!! WRONG BRIEF COUNT {line}")
    ratio = statistics.median(last.cycles) / statistics.median(first.cycles)
    print(f"cycle, median of the day's ticks: day 1 {ms(first.cycles)}, day {len(log)} {ms(last.cycles)}: "
          f"ratio {ratio:.2f}, goal about 1 (at most {CYCLE_GOAL}): {verdict(ratio <= CYCLE_GOAL)}")
    if first.busy and last.busy:
        busy = statistics.median(last.busy) / statistics.median(first.busy)
        print(f"cycle with new mail, median: day 1 {ms(first.busy)}, day {len(log)} {ms(last.busy)}: "
              f"ratio {busy:.2f}, goal about 1 (at most {CYCLE_GOAL}): {verdict(busy <= CYCLE_GOAL)}")
    statuses = dict(app.store.db.execute("SELECT status, count(*) FROM replies GROUP BY status").fetchall())
    sent_replies = sum(d.replies for d in log)
    applied = statuses.get("applied", 0)
    print(f"replies: {sent_replies} written, recorded {sum(statuses.values())} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(statuses.items())) or 'none'}); applied {applied}, "
          f"goal every one: {verdict(applied == sent_replies)}")
    closed = app.store.db.execute("SELECT status, count(*) FROM items GROUP BY status").fetchall()
    print(f"items: {', '.join(f'{k} {v}' for k, v in sorted(closed))} (open on day 1: {first.open_items}, on day "
          f"{len(log)}: {last.open_items})")
    print("sent: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    failed = sum(d.failed for d in log)
    print(f"failed cycles: {failed}" + (f" ({', '.join(f'{k} {v}' for k, v in errors.items())})" if failed else "")
          + f", goal none: {verdict(not failed)}")
    return 1 if bad or failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=150)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2026, 10, 12),
                        help="the first simulated day (default a Monday, two weeks before summer time ends)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--trace", action="store_true", help="trace Python allocations after day 1 and print "
                                                                 "what grew (slower)")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)  # fresh_rss's child
    parser.add_argument("--work", type=Path, help="keep the mailbox, outbox and store here (default: a temporary "
                                                  "folder, removed after)")
    args = parser.parse_args(argv)
    if args.days < 1 or args.per_day < 0:
        parser.error("--days must be at least 1 and --per-day at least 0")
    logs.configure(level="error")
    if args.probe:
        probe(args.probe, args.start)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="focusd-soak-"))
    if args.work and args.work.exists() and any(args.work.iterdir()):
        parser.error(f"{args.work} is not empty")
    work.mkdir(parents=True, exist_ok=True)
    print(f"soak: {args.days} days from {args.start:%a %Y-%m-%d}, {args.per_day} messages a day, a tick every "
          f"{int(STEP.total_seconds() // 60)} min of simulated time, in {work}", flush=True)
    try:
        return run(args.days, args.per_day, args.start, work, args.seed, args.trace)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
