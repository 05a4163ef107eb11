"""IMAP sync against a Dovecot that this bench starts, beside raw imapclient and mbsync.

    python bench/imap_sync.py [--messages N] [--attach N] [--big N] [--quick] [--skip-mbsync] [--profile]

One Dovecot on 127.0.0.1 (run as root, mail as uid nobody, from a folder under /tmp), one user
and four folders, written straight into its Maildir (the fastest way in: the run prints the
rate of APPEND and of dovecot-lda beside it) and indexed by Dovecot once before anything is timed:

- INBOX: N small messages (default 10,000, about 5 KB, varied headers and text). Its first sync
  by (a) raw imapclient, UID SEARCH ALL + FETCH BODY.PEEK[] in batches of 500; (b) mbsync,
  pulling to a local Maildir; (c) focusd's fetch and store: ``ImapSource.fetch_new`` in the
  cycle's batch sizes, parse, ``Store.record_message`` (no extractor); (d) the whole cycle,
  ``sync_once`` with the embedded extractor. Each in messages/s and as a ratio to (a) and (b).
- Attach: a fifth of the messages carry a 1-5 MB attachment (default 1,000 messages): focusd's
  fetch and store against a raw full fetch (batches of 50).
- Poll1k and Big (default 50,000): one ``fetch_new`` with an up-to-date cursor, median of 20.
- Big, synced by ``focusd sync --once`` (the installed command) in a child process: its peak RSS as the kernel reports it,
  and the most its processes (the sync's workers included) held together, sampled.
- Arrival to stored item: APPEND on a second connection, then ``wait_for_new`` and ``sync_once``
  until the message is in the store; median of 10 (n/a while the source has no ``wait_for_new``).

``--quick`` makes every size small and skips the 50,000-message folder (the smoke test uses it);
``--profile`` prints the top costs of (c) under cProfile. Nothing here needs pytest.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imapclient import IMAPClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent import logs, memory  # noqa: E402
from agent.app import App  # noqa: E402
from agent.clock import fixed  # noqa: E402
from agent.cycle import FETCH_AHEAD, FETCH_BYTES, FETCH_LIMIT, sync_once  # noqa: E402
from agent.settings import load  # noqa: E402
from agent.workers import Pending, Workers  # noqa: E402
from bench.peak import measured  # noqa: E402
from connectors.mail.base import Batch  # noqa: E402
from connectors.mail.imap import ImapSource  # noqa: E402
from planner.store import Store  # noqa: E402
from tests.servers import make_dovecot_dir  # noqa: E402 - the tests' Dovecot set-up, without pytest

NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
LDA = "/usr/lib/dovecot/dovecot-lda"
MBSYNC = "/usr/bin/mbsync"
USER, PASSWORD = "ada", "secret"
OWNER = "ada@loom.example"
PASSWORD_ENV = "FOCUSD_BENCH_IMAP"

# -- the server ---------------------------------------------------------------------------------


class Dovecot:
    """One Dovecot with one user, from a folder under /tmp that its auth process can enter."""

    def __init__(self) -> None:
        self.dir, self.port, self.conf = make_dovecot_dir("focusd-bench-dovecot-", USER, PASSWORD)
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                if s.recv(64).startswith(b"* OK"):
                    return
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("Dovecot did not start")

    @property
    def maildir(self) -> Path:
        return self.dir / "mail" / USER

    def client(self) -> IMAPClient:
        c = IMAPClient("127.0.0.1", self.port, ssl=False)
        c.login(USER, PASSWORD)
        return c

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


# -- the mail -----------------------------------------------------------------------------------

PEOPLE = [("Jordan Lee", "jordan@talentbridge.example"), ("Priya Natarajan", "priya@northwind.example"),
          ("Marcus Webb", "marcus@acme.example"), ("Sofia Alvarez", "sofia@seedfund.example"),
          ("Tom Becker", "tom@loom.example"), ("Hannah Ito", "hannah@lawfirm.example"),
          ("Lists", "announce@lists.example"), ("Deals", "news@shop.example")]
# Sentences are filled from slots, so that nearly every sentence of the mailbox is new: real mail
# repeats little besides signatures, and an extractor that remembers sentences it has read must
# not look faster here than on real mail.
ASKS = ["Could you send me the signed {doc} by {day}?", "Can you review the {doc} before the {meeting}?",
        "Please confirm the {n} start date for the {team} rollout.", "Would you sign the {doc} {day}?",
        "Let me know if {day} at {hour}pm works for the {meeting}.",
        "Please send me your feedback on the {doc} by {day} EOD."]
FILLER = ["The numbers from Q{q} are in the {team} folder, broken down by region and by month ({n} rows).",
          "We spoke with the {team} team on {day} and agreed to revisit the timeline after the {meeting}.",
          "Thanks again for the quick turnaround on the {doc}; legal had only {n} minor comments.",
          "I have attached nothing this time, but the notes from the {meeting} are below for reference.",
          "Our CSV export now includes the {team} owner column, which should help with the {n} reconciliations.",
          "The data room is open to the {n} funds we discussed; access logs are reviewed every {day}.",
          "If anything changes on the {team} side, a short note is enough and we will adjust plan {n}.",
          "Traffic on staging cluster {n} was flat overnight; no alerts fired after the {team} deploy."]
SLOTS = {"doc": ["MSA", "deck", "side letter", "term sheet", "SOW", "security questionnaire", "offer letter", "budget",
                 "pilot plan", "board memo", "pricing sheet", "data processing agreement"],
         "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "tomorrow", "today", "next week"],
         "meeting": ["partner meeting", "board call", "security review", "pilot kickoff", "hiring sync",
                     "pricing review", "quarterly planning", "customer call"],
         "team": ["Acme", "Northwind", "platform", "growth", "finance", "legal", "sales", "support", "data"]}


def _fill(rng: random.Random, template: str) -> str:
    return template.format(**{k: rng.choice(v) for k, v in SLOTS.items()}, n=rng.randrange(2, 9999),
                           q=rng.randrange(1, 5), hour=rng.randrange(1, 6))


def _words(rng: random.Random, target: int) -> str:
    lines: list[str] = []
    size = 0
    while size < target:
        line = _fill(rng, rng.choice(FILLER))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def small_message(i: int, rng: random.Random, tag: str = "m") -> bytes:
    """One plain or alternative message of about 5 KB, unique by Message-ID, dated in the week
    before NOW (within max_age) with a few Received hops as real mail has."""
    name, addr = PEOPLE[i % len(PEOPLE)]
    date = NOW - timedelta(days=7) + timedelta(seconds=i * 37 % (6 * 86400))
    hops = "".join(f"Received: from mx{h}.example ([192.0.2.{h}]) by mx.loom.example with ESMTPS id {i:x}{h}\n"
                   f"\tfor <{OWNER}>; {date.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n" for h in range(3))
    head = (f"{hops}From: \"{name}\" <{addr}>\nTo: \"Ada Lovelace\" <{OWNER}>\n"
            f"Subject: {'Re: ' if i % 3 == 0 else ''}Update {i} on {rng.choice(['pilot', 'round', 'hiring', 'ops'])}\n"
            f"Date: {date.strftime('%a, %d %b %Y %H:%M:%S +0000')}\nMessage-ID: <{tag}{i}.bench@{addr.split('@')[1]}>\n")
    if i % 3 == 0:
        head += f"In-Reply-To: <{tag}{i - 1}.bench@loom.example>\nReferences: <{tag}{i - 1}.bench@loom.example>\n"
    if "lists" in addr or "shop" in addr:
        head += "List-Id: <announce.lists.example>\nList-Unsubscribe: <mailto:leave@lists.example>\nPrecedence: bulk\n"
    text = (f"Hi Ada,\n\n{_fill(rng, rng.choice(ASKS))}\n\n{_words(rng, 1500)}\n\nBest,\n{name}\n\n"
            f"On Mon, Ada Lovelace <{OWNER}> wrote:\n" + "\n".join("> " + line for line in _words(rng, 1800).split("\n")))
    if i % 2:
        html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")[:3]) + "</body></html>"
        body = ("MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
                f"--alt\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
                f"--alt\nContent-Type: text/html; charset=utf-8\n\n{html}\n--alt--\n")
    else:
        body = f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n"
    return (head + body).encode()


def attached_message(i: int, rng: random.Random, blob: bytes) -> bytes:
    """A small message; every fifth carries a base64 attachment of 1-5 MB."""
    base = small_message(i, rng, tag="a")
    if i % 5:
        return base
    head, _, _ = base.partition(b"MIME-Version: 1.0\n")
    size = rng.randint(1, 5) * 2**20
    return head + (b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"mix\"\n\n"
                   b"--mix\nContent-Type: text/plain\n\nCould you sign the attached scan by Friday?\n"
                   b"--mix\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=scan.pdf\n"
                   b"Content-Transfer-Encoding: base64\n\n") + blob[:size // 77 * 77] + b"\n--mix--\n"


def write_folder(maildir: Path, folder: str, messages: list[bytes] | Callable[[int], bytes], n: int) -> float:
    """Write n messages into a Maildir folder (Maildir++ name) as a delivery would; seconds taken."""
    base = maildir if folder == "INBOX" else maildir / f".{folder}"
    for sub in ("cur", "new", "tmp"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i in range(n):
        raw = messages[i] if isinstance(messages, list) else messages(i)
        # Named as Dovecot's own delivery names a file: with its size, and its size with CRLF line
        # ends (RFC822.SIZE), so that the server need not read a file to answer for its size.
        vsize = len(raw) + raw.count(b"\n") - raw.count(b"\r\n")
        (base / "cur" / f"{1_790_000_000 + i}.M{i}P1.bench,S={len(raw)},W={vsize}:2,S").write_bytes(raw)
    took = time.perf_counter() - start
    for path in [maildir, *maildir.rglob("*")]:
        os.chown(path, 65534, 65534)
    return took


def index(server: Dovecot, folder: str) -> float:
    """Let Dovecot find and index the folder's files (as after a delivery), once; seconds."""
    start = time.perf_counter()
    with server.client() as c:
        c.select_folder(folder, readonly=True)
        uids = c.search(["ALL"])
        for i in range(0, len(uids), 5000):
            c.fetch(uids[i:i + 5000], ["RFC822.SIZE", "INTERNALDATE"])
    return time.perf_counter() - start


def append_rate(server: Dovecot, raws: list[bytes]) -> float:
    with server.client() as c:
        c.create_folder("Scratch")
        start = time.perf_counter()
        for raw in raws:
            c.append("Scratch", raw)
        return len(raws) / (time.perf_counter() - start)


def lda_rate(server: Dovecot, raws: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in raws:
        subprocess.run([LDA, "-c", str(server.conf), "-d", USER, "-f", "s@example.com", "-m", "Scratch2"],
                       input=raw, capture_output=True, timeout=30, check=True)
    return len(raws) / (time.perf_counter() - start)


# -- the contenders -----------------------------------------------------------------------------


def raw_fetch(server: Dovecot, folder: str, batch: int) -> tuple[int, float]:
    """UID SEARCH ALL, then FETCH BODY.PEEK[] in batches; (messages, seconds)."""
    start = time.perf_counter()
    got = 0
    with server.client() as c:
        c.select_folder(folder, readonly=True)
        uids = c.search(["ALL"])
        for i in range(0, len(uids), batch):
            got += len(c.fetch(uids[i:i + batch], ["BODY.PEEK[]"]))
    return got, time.perf_counter() - start


def mbsync_pull(server: Dovecot, work: Path) -> tuple[int, float] | None:
    """mbsync pulling INBOX to a local Maildir; None when it is not installed."""
    if not Path(MBSYNC).exists():
        return None
    near = work / "mbsync"
    near.mkdir()
    rc = work / "mbsyncrc"
    rc.write_text(f"""IMAPAccount bench
Host 127.0.0.1
Port {server.port}
User {USER}
Pass {PASSWORD}
SSLType None
AuthMechs LOGIN

IMAPStore far
Account bench

MaildirStore near
Path {near}/
Inbox {near}/INBOX

Channel bench
Far :far:
Near :near:
Patterns INBOX
Sync Pull
Create Near
SyncState *
""")
    start = time.perf_counter()
    subprocess.run([MBSYNC, "-c", str(rc), "-a", "-q"], check=True, capture_output=True, timeout=3600)
    took = time.perf_counter() - start
    return sum(1 for _ in (near / "INBOX" / "cur").iterdir()) + sum(1 for _ in (near / "INBOX" / "new").iterdir()), took


def source(server: Dovecot) -> ImapSource:
    return ImapSource("127.0.0.1", server.port, "none", USER, lambda: PASSWORD, max_age=timedelta(days=30),
                      clock=fixed(NOW))


def fetch_store(server: Dovecot, folder: str, db: Path, pipelined: bool = True) -> tuple[int, float, str]:
    """focusd's fetch and store without the extractor: fetch_new in the cycle's batch sizes,
    parse, record each message, move the cursor; (messages stored, seconds, last cursor).
    ``pipelined``, as the cycle reads: the next FETCH_AHEAD batches are fetched in a thread and
    parsed in the sync's worker process (agent/workers.py) while this one is stored; else one
    step at a time."""
    src = source(server)
    store = Store.open(db, clock=fixed(NOW))
    key = f"mail:{folder}"
    start = time.perf_counter()
    stored = 0
    with Workers(parallel_from=1 if pipelined else 10**9, first_here=True) as workers, ThreadPoolExecutor(1) as pool:

        def fetch(cursor: str | None) -> tuple[Batch, Pending]:
            batch = src.fetch_new(folder, cursor, limit=FETCH_LIMIT, max_bytes=FETCH_BYTES)
            return batch, workers.submit(batch.messages, folder)

        def after(before: Future[tuple[Batch, Pending] | None]) -> tuple[Batch, Pending] | None:
            found = before.result()  # done: the one fetch thread ran it first
            return fetch(found[0].cursor) if found and found[0].more and found[0].messages else None

        ahead: deque[Future[tuple[Batch, Pending] | None]] = deque([pool.submit(fetch, store.cursor(key))])
        while ahead:
            if pipelined:
                while len(ahead) < FETCH_AHEAD:
                    ahead.append(pool.submit(after, ahead[-1]))
            found = ahead.popleft().result()
            if found is None:
                break
            batch, pending = found
            more = batch.more and bool(batch.messages)
            with store.write():  # a batch is one transaction, as the cycle's persist step writes it
                for p in pending.result():
                    if p.message is not None:
                        p.message.folder = folder
                        store.record_message(p.message, [], [], "")
                        stored += 1
            store.set_cursor(key, batch.cursor)
            if not more:
                break
            if not pipelined:
                ahead.append(pool.submit(fetch, batch.cursor))
    took = time.perf_counter() - start
    cursor = store.cursor(key) or ""
    store.close()
    src.close()
    return stored, took, cursor


def config(server: Dovecot, work: Path, folder: str, name: str) -> Path:
    path = work / f"{name}.toml"
    path.write_text(f"""[owner]
name = "Ada Lovelace"
email = "{OWNER}"
timezone = "Europe/London"

[mail]
backend = "imap"
host = "127.0.0.1"
port = {server.port}
security = "none"
username = "{USER}"
password_env = "{PASSWORD_ENV}"
folders = ["{folder}"]
sent_folder = "Sent"

[smtp]
backend = "file"
path = "{work}/outbox"

[calendar]
backend = "none"

[storage]
path = "{work}/{name}.db"
""")
    return path


def poll_ms(server: Dovecot, folder: str, cursor: str, rounds: int = 20) -> float:
    """Median time of one fetch_new with an up-to-date cursor, on an open connection."""
    src = source(server)
    src.fetch_new(folder, cursor)  # connects and finds the folder: not part of a poll
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        batch = src.fetch_new(folder, cursor)
        times.append(time.perf_counter() - start)
        assert not batch.messages, "a poll with an up-to-date cursor found mail"
    src.close()
    return statistics.median(times) * 1000


def child_sync(cfg: Path) -> tuple[float, float, float]:
    """``focusd sync --once`` in a child process: (peak RSS in MiB, the most its processes held
    together in MiB, seconds)."""
    # The ``focusd`` command itself, as a user runs it (its main module decides what the parse worker
    # imports: see agent/__main__.py); ``python -m agent`` where it is not installed.
    command = Path(sys.executable).with_name("focusd")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "agent"]
    start = time.perf_counter()
    done = measured([*argv, "--config", str(cfg), "sync", "--once"], ROOT,
                    env=dict(os.environ, FOCUSD_NOW=NOW.isoformat()))
    took = time.perf_counter() - start
    if done.status:
        print(f"    focusd sync exited {done.status}: {done.stderr}", file=sys.stderr)
    return done.peak_mib, done.tree_mib, took


def arrivals(server: Dovecot, app: App, rounds: int) -> list[float] | None:
    """Seconds from an APPEND on a second connection to the message being in the store."""
    wait = getattr(app.mail, "wait_for_new", None)
    if wait is None:
        return None
    out = []
    with server.client() as other:
        for n in range(rounds):
            raw = small_message(n, random.Random(n), tag="idle")
            mid = f"<idle{n}.bench@{PEOPLE[n % len(PEOPLE)][1].split('@')[1]}>"
            stamp: list[float] = []

            def deliver(raw: bytes = raw, stamp: list[float] = stamp) -> None:
                time.sleep(0.3)  # after the wait has begun, as mail arrives in life
                stamp.append(time.perf_counter())
                other.append("INBOX", raw)

            t = threading.Thread(target=deliver)
            t.start()
            deadline = time.perf_counter() + 30
            while mid not in app.store.fingerprints([mid]) and time.perf_counter() < deadline:
                wait(5.0)
                sync_once(app)
            t.join()
            if mid in app.store.fingerprints([mid]):
                out.append(time.perf_counter() - stamp[0])
    return out


def profile(server: Dovecot, folder: str, db: Path, top: int = 8) -> str:
    prof = cProfile.Profile()
    prof.enable()
    fetch_store(server, folder, db)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top * 2)
    return buf.getvalue()


# -- the run ------------------------------------------------------------------------------------


def _ratio(x: float, base: float | None) -> str:
    return f"{x / base:5.2f}x" if base else "  n/a"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--messages", type=int, default=10_000, help="small messages in INBOX (10,000)")
    p.add_argument("--attach", type=int, default=1_000, help="messages in the attachment-heavy folder (1,000)")
    p.add_argument("--big", type=int, default=50_000, help="messages in the big folder (50,000)")
    p.add_argument("--arrivals", type=int, default=10, help="IDLE arrivals to time (10)")
    p.add_argument("--quick", action="store_true", help="small sizes, no big folder")
    p.add_argument("--skip-mbsync", action="store_true")
    p.add_argument("--profile", action="store_true", help="cProfile focusd's fetch and store once")
    a = p.parse_args()
    memory.tune()  # as the focusd command does first: (c) and (d) run in this process
    if a.quick:
        a.messages, a.attach, a.big, a.arrivals = min(a.messages, 300), min(a.attach, 20), 0, min(a.arrivals, 3)
    if os.geteuid() != 0 or not shutil.which("dovecot"):
        print("bench/imap_sync.py needs root and Dovecot (apt-get install -y dovecot-imapd)", file=sys.stderr)
        return 2
    logs.configure(level="warning")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # each figure shows as soon as it is measured
    os.environ[PASSWORD_ENV] = PASSWORD
    rng = random.Random(6)
    server = Dovecot()
    work = Path(tempfile.mkdtemp(prefix="focusd-bench-imap-"))
    try:
        return run(a, server, work, rng)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def run(a: argparse.Namespace, server: Dovecot, work: Path, rng: random.Random) -> int:
    md = server.maildir
    smalls = [small_message(i, rng) for i in range(a.messages)]
    mean_kb = sum(map(len, smalls)) / len(smalls) / 1024
    wrote = write_folder(md, "INBOX", smalls, len(smalls))
    write_folder(md, "Sent", [], 0)
    blob = b"".join(rng.randbytes(38).hex().encode() + b"\n" for _ in range(5 * 2**20 // 77 + 1))
    write_folder(md, "Attach", lambda i: attached_message(i, rng, blob), a.attach)
    write_folder(md, "Poll1k", lambda i: small_message(i, rng, tag="p"), 1000)
    if a.big:
        write_folder(md, "Big", lambda i: small_message(i, rng, tag="b"), a.big)
    indexed = {f: index(server, f) for f in ["INBOX", "Attach", "Poll1k"] + (["Big"] if a.big else [])}
    sample = smalls[:200]
    app_rate = append_rate(server, sample)
    lda = lda_rate(server, sample[:50]) if Path(LDA).exists() else None
    print(f"mailbox: INBOX {len(smalls):,} messages of {mean_kb:.1f} KB on average; Attach {a.attach:,}; "
          f"Poll1k 1,000; Big {a.big:,}" + ("" if a.big else " (skipped)"))
    personal = sum(1 for name, addr in PEOPLE if "lists" not in addr and "shop" not in addr)
    print(f"  {personal} in {len(PEOPLE)} messages from people, each an ask and some 20 sentences that are nearly all "
          f"new; the rest list and bulk mail, which triage skips")
    print(f"seeding: Maildir files {len(smalls) / wrote:,.0f} msg/s + Dovecot's first index of INBOX "
          f"{indexed['INBOX']:.1f} s ({len(smalls) / (wrote + indexed['INBOX']):,.0f} msg/s in all); "
          f"IMAP APPEND {app_rate:,.0f} msg/s; dovecot-lda " + (f"{lda:,.0f} msg/s" if lda else "n/a"))

    # First sync of INBOX, each contender on the same indexed folder.
    n_raw, t_raw = raw_fetch(server, "INBOX", 500)
    raw = n_raw / t_raw
    mb = None if a.skip_mbsync else mbsync_pull(server, work)
    mbs = mb[0] / mb[1] if mb else None
    n_fs, t_fs, _ = fetch_store(server, "INBOX", work / "fetch.db")
    fs = n_fs / t_fs
    n_f1, t_f1, _ = fetch_store(server, "INBOX", work / "fetch-serial.db", pipelined=False)
    app = App(load(config(server, work, "INBOX", "cycle")), fixed(NOW))
    import agent.graph  # noqa: F401  - a daemon pays langgraph's import once, not per sync
    start = time.perf_counter()
    report = sync_once(app)
    t_cy = time.perf_counter() - start
    cy = report.fetched / t_cy
    print(f"\nfirst sync of INBOX ({len(smalls):,} messages)   {'msg/s':>8} {'seconds':>8} {'vs mbsync':>9} {'vs raw':>7}")
    rows = [("(a) raw imapclient, batches of 500", raw, t_raw, n_raw),
            ("(b) mbsync, pull to a Maildir", mbs, mb[1] if mb else None, mb[0] if mb else 0),
            ("(c) focusd fetch + parse + store", fs, t_fs, n_fs),
            ("    the same, one step at a time", n_f1 / t_f1, t_f1, n_f1),
            ("(d) focusd whole cycle (sync_once)", cy, t_cy, report.fetched)]
    for label, r, t, n in rows:
        if r is None or t is None:
            why = "skipped (--skip-mbsync)" if a.skip_mbsync else f"n/a ({MBSYNC} not installed)"
            print(f"  {label:<38} {why}")
            continue
        print(f"  {label:<38} {r:>8,.0f} {t:>8.2f} {_ratio(r, mbs):>9} {_ratio(r, raw):>7}  ({n:,} messages)")
    print("  goals: (c) >= 1.50x mbsync, (d) >= 1.00x mbsync")

    # Attachment-heavy folder: focusd against a raw full fetch.
    n_ra, t_ra = raw_fetch(server, "Attach", 50)
    n_fa, t_fa, _ = fetch_store(server, "Attach", work / "attach.db")
    size_mb = sum(p.stat().st_size for p in (md / ".Attach" / "cur").iterdir()) / 2**20
    print(f"\nattachment-heavy ({a.attach:,} messages, {size_mb:,.0f} MB, a fifth with 1-5 MB attachments)")
    print(f"  raw full fetch, batches of 50          {n_ra / t_ra:>8,.0f} {t_ra:>8.2f}")
    print(f"  focusd fetch + parse + store           {n_fa / t_fa:>8,.0f} {t_fa:>8.2f} "
          f"{_ratio(n_fa / t_fa, n_ra / t_ra):>9} of raw  (goal >= 1.00x)")

    # A poll with nothing new, and the peak memory of the big sync.
    _, _, cur1k = fetch_store(server, "Poll1k", work / "poll.db")
    p1k = poll_ms(server, "Poll1k", cur1k)
    print("\npoll with no new mail (one fetch_new, up-to-date cursor, median of 20; goal < 5 ms, flat)")
    print(f"  1,000 messages                         {p1k:>8.2f} ms")
    if a.big:
        big_cfg = config(server, work, "Big", "big")
        rss, tree, t_big = child_sync(big_cfg)
        store = Store.open(work / "big.db")
        cur_big, items = store.cursor("mail:Big") or "", store.count("messages")
        store.close()
        pbig = poll_ms(server, "Big", cur_big)
        print(f"  {a.big:,} messages                        {pbig:>8.2f} ms  ({pbig / p1k:.1f}x the 1,000)")
        print(f"\npeak RSS of `focusd sync --once` on {a.big:,} messages (child process; goal < 200 MB)")
        print(f"  {rss:,.0f} MiB its biggest process (the kernel's high-water mark); {tree:,.0f} MiB all its "
              "processes together, workers included (proportional set size, sampled every 50 ms)")
        print(f"  {items:,} messages stored in {t_big:.0f} s ({items / t_big:,.0f} msg/s, start-up included)")
    else:
        print("  50,000 messages                        skipped (--quick)")
        print("\npeak RSS of the 50,000-message sync: skipped (--quick)")

    # Arrival to stored item with IDLE, on the cycle's up-to-date INBOX.
    got = arrivals(server, app, a.arrivals)
    print("\narrival to stored item (APPEND on a second connection; wait_for_new + sync_once; goal median < 2 s)")
    if got is None:
        print("  n/a (no wait_for_new)")
    else:
        med = f"{statistics.median(got):.2f} s" if got else "none arrived"
        print(f"  median {med} over {len(got)} of {a.arrivals} arrivals"
              + (f" (min {min(got):.2f}, max {max(got):.2f})" if got else ""))
    app.close()

    if a.profile:
        print("\ncProfile of focusd fetch + parse + store on INBOX (top by own time, then by cumulative)")
        print(profile(server, "INBOX", work / "profile.db"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
