"""Outages survived: the real daemon (``focusd run`` in a subprocess, JSON logs on stderr, a 1 s
poll interval) rides out its servers going away and coming back, one after the other: the SMTP
server down when the brief is due, Dovecot killed and restarted, Radicale stopped and started,
an LLM that hangs, and the database write-locked by another process.

For each outage the daemon stays up, logs one ``outage`` line (error) for the service when it
begins and one ``outage.over`` (warning) when it ends, recovers by itself, and loses nothing:
mail delivered during the outage is stored once and its items are not doubled, and the brief
that was due while SMTP was down reaches the server once (counted there by Message-ID).

The tests share one daemon and run in the order written; the brief's first retry waits the
outbox's one-minute backoff, so the other outages run meanwhile.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from planner.store import Store
from tests.conftest import ROOT
from tests.fake_chat import item
from tests.llm_stubs import ChatStub, serving
from tests.outage_tools import LogReader, Smtp, StoppableDovecot, StoppableRadicale, event
from tests.servers import need

FOCUSD = Path(os.environ.get("VIRTUAL_ENV", "/work/venv")) / "bin" / "focusd"
ASK = "Can you send me the signed lease by Friday?"
ITEMS = [item("request", "Return the signed lease to Maria", ASK, "by Friday")]
SERVICES = ("mail", "smtp", "calendar", "llm", "store")


@dataclass
class World:
    dovecot: StoppableDovecot
    smtp: Smtp
    radicale: StoppableRadicale
    llm: ChatStub
    config: Path
    db: Path
    proc: subprocess.Popen[bytes]
    log: LogReader
    recovered: dict[str, float] = field(default_factory=dict)  # service -> seconds from restart to outage.over
    delivered: list[str] = field(default_factory=list)  # Message-IDs delivered during outages

    def append(self, message_id: str, subject: str) -> None:
        """Deliver one message to INBOX over IMAP (Dovecot up)."""
        with IMAPClient("127.0.0.1", self.dovecot.port, ssl=False) as c:
            c.login(self.dovecot.user, self.dovecot.password)
            c.append("INBOX", _mail(message_id, subject))

    def drop(self, message_id: str, subject: str) -> None:
        """Deliver one message straight into the Maildir while Dovecot is down, as an MTA that
        writes Maildir itself would (dovecot-lda needs the server's auth process)."""
        new = self.dovecot.maildir / "new"
        tmp = self.dovecot.maildir / "tmp" / f"{time.time_ns()}.outage.host"
        tmp.write_bytes(_mail(message_id, subject))
        os.chown(tmp, 65534, 65534)  # mail_uid nobody, as the server's own files
        tmp.rename(new / tmp.name)

    def alive(self) -> None:
        assert self.proc.poll() is None, f"the daemon exited {self.proc.returncode}"


def _mail(message_id: str, subject: str) -> bytes:
    return (f"From: Maria Chen <maria@fund.example>\r\nTo: Ada Lovelace <ada@loom.example>\r\n"
            f"Subject: {subject}\r\nDate: Thu, 26 Nov 2026 09:00:00 +0000\r\nMessage-ID: {message_id}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nHi Ada,\r\n\r\n{ASK}\r\n\r\nMaria\r\n").encode()


def _config(tmp: Path, dovecot: StoppableDovecot, smtp: Smtp, radicale: StoppableRadicale, llm_url: str) -> Path:
    config = tmp / "focusd.toml"
    config.write_text(f"""[owner]
name = "Ada Lovelace"
email = "ada@loom.example"
timezone = "UTC"
working_hours = "09:00-18:00"
working_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

[mail]
backend = "imap"
host = "127.0.0.1"
port = {dovecot.port}
security = "none"
username = "{dovecot.user}"
password_env = "FOCUSD_TEST_IMAP"
sent_folder = "Sent"
poll_interval = "1s"

[smtp]
backend = "smtp"
host = "127.0.0.1"
port = {smtp.port}
security = "none"

[calendar]
backend = "caldav"
url = "{radicale.calendar_url}"

[llm]
provider = "openai-compatible"
model = "test-model"
base_url = "{llm_url}/v1"
timeout = "1s"
retries = 0

[brief]
time = "00:00"
latest = "23:59"
weekends = true

[storage]
path = "{tmp / 'focusd.db'}"
""")
    return config


def _env(**extra: str) -> dict[str, str]:
    """The environment for a focusd subprocess: this checkout's code first (the installed
    script would import whichever checkout the venv was installed from)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    need(str(FOCUSD), "pip install -e . into the venv")
    tmp = tmp_path_factory.mktemp("outages")
    dovecot = StoppableDovecot()  # skips unless root, as the other Dovecot tests do
    smtp = Smtp()  # not started: the brief falls due while the mail sender is down
    radicale = StoppableRadicale(tmp / "radicale")
    radicale.start()
    radicale.make_calendar()
    with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
        c.login(dovecot.user, dovecot.password)
        c.create_folder("Sent")
    with serving("openai", ITEMS) as stub:
        config = _config(tmp, dovecot, smtp, radicale, stub.url)
        env = _env(FOCUSD_TEST_IMAP=dovecot.password, XDG_STATE_HOME=str(tmp / "state"))
        for var in ("FOCUSD_NOW", "FOCUSD_CONFIG", "NOTIFY_SOCKET", "WATCHDOG_USEC"):
            env.pop(var, None)
        proc = subprocess.Popen([str(FOCUSD), "--config", str(config), "run"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tmp)
        assert proc.stderr is not None
        world = World(dovecot, smtp, radicale, stub, config, tmp / "focusd.db", proc, LogReader(proc.stderr))
        try:
            yield world
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            # Kept beside the store, for whoever reads a failure.
            (tmp / "daemon.log").write_text("".join(f"{json.dumps(e)}\n" for e in world.log.since(0)))
            smtp.stop()
            radicale.stop()
            dovecot.stop()


def _outages(w: World, service: str, mark: int = 0) -> tuple[int, int]:
    """(outage lines, outage.over lines) for ``service`` from log line ``mark`` on."""
    lines = w.log.since(mark)
    return (sum(1 for e in lines if e.get("event") == "outage" and e.get("service") == service),
            sum(1 for e in lines if e.get("event") == "outage.over" and e.get("service") == service))


def _stored_once(w: World, message_ids: list[str], timeout: float = 20.0) -> list[dict[str, Any]]:
    """Wait until every message is in the store; then each is there once and its items are not
    doubled. Read through a connection of our own, between the daemon's writes."""
    deadline = time.monotonic() + timeout
    while True:
        store = Store.open(w.db)
        try:
            found = {m: store.message(m) for m in message_ids}
            if all(found.values()) or time.monotonic() > deadline:
                rows = {m: int(store.db.execute("SELECT count(*) FROM messages WHERE message_id = ?", [m])
                               .fetchone()[0]) for m in message_ids}
                items = [i for i in store.all_items() if i.message_id in message_ids]
                break
        finally:
            store.close()
        time.sleep(0.2)
    assert rows == dict.fromkeys(message_ids, 1), rows
    doubled = [k for k, n in Counter((i.message_id, i.kind, i.title) for i in items).items() if n > 1]
    assert not doubled, doubled
    return [{"message_id": i.message_id, "kind": i.kind, "title": i.title} for i in items]


def _status(w: World) -> str:
    done = subprocess.run([str(FOCUSD), "--config", str(w.config), "status"], capture_output=True, timeout=30,
                          env=_env(FOCUSD_TEST_IMAP=w.dovecot.password), check=False)
    return done.stdout.decode()


# -- the outages, in turn ---------------------------------------------------------------------------


def test_the_brief_due_while_smtp_is_down_is_logged_as_one_outage(world: World) -> None:
    w = world
    w.log.wait_for(event("daemon.started"), timeout=30)
    # The start-up cycle reads the (empty) mailbox and the calendar, then the brief is due: the
    # send fails after its quick retries and the brief stays queued.
    w.log.wait_for(event("outage", "smtp"), timeout=30)
    w.log.wait_for(event("brief.send_failed"))
    w.alive()
    assert "outage:     smtp" in _status(w)
    w.smtp.start()
    w.recovered["smtp.restarted"] = time.monotonic()
    assert w.smtp.handler.ids == []


def test_dovecot_killed_and_restarted(world: World) -> None:
    w = world
    mark = w.log.mark()
    w.dovecot.kill()
    w.log.wait_for(event("outage", "mail"), after=mark, timeout=30)
    w.drop("<during-imap-1@fund.example>", "lease, while the server was down")
    w.drop("<during-imap-2@fund.example>", "lease again, while the server was down")
    time.sleep(2)  # a few more polls fail: retries, not outages
    assert "outage:     mail" in _status(w)
    w.alive()
    restarted = time.monotonic()
    w.dovecot.start()
    _over(w, "mail", mark, restarted, ["<during-imap-1@fund.example>", "<during-imap-2@fund.example>"])


def _over(w: World, service: str, mark: int, restarted: float, message_ids: list[str], timeout: float = 20) -> None:
    """The outage of ``service`` ended by itself: logged over once, the mail that came meanwhile
    stored once, one outage line and one end line in all, and the daemon still up."""
    w.log.wait_for(event("outage.over", service), after=mark, timeout=timeout)
    w.recovered[service] = time.monotonic() - restarted
    _stored_once(w, message_ids)
    assert _outages(w, service, mark) == (1, 1)
    w.alive()


def test_radicale_stopped_and_started(world: World) -> None:
    w = world
    mark = w.log.mark()
    w.radicale.stop()
    w.log.wait_for(event("outage", "calendar"), after=mark, timeout=30)
    w.append("<during-caldav@fund.example>", "lease, while the calendar was down")
    time.sleep(2)
    w.alive()
    restarted = time.monotonic()
    w.radicale.start()
    _over(w, "calendar", mark, restarted, ["<during-caldav@fund.example>"])


def test_an_llm_that_hangs(world: World) -> None:
    w = world
    mark = w.log.mark()
    # Two calls hang (the breaker opens at the third failure, for minutes: not this test's matter).
    w.llm.script = [("hang", 30), ("hang", 30)]
    w.append("<during-llm-1@fund.example>", "lease, while the model hangs")
    w.append("<during-llm-2@fund.example>", "lease too, while the model hangs")
    w.log.wait_for(event("outage", "llm"), after=mark, timeout=20)
    items = _stored_once(w, ["<during-llm-1@fund.example>", "<during-llm-2@fund.example>"])
    # The embedded extractor read them instead of the model.
    assert {i["message_id"] for i in items} == {"<during-llm-1@fund.example>", "<during-llm-2@fund.example>"}
    w.alive()
    restarted = time.monotonic()
    w.llm.released.set()
    calls = w.llm.calls
    w.append("<after-llm@fund.example>", "lease once more, the model back")
    _over(w, "llm", mark, restarted, ["<after-llm@fund.example>"])
    assert w.llm.calls > calls


def test_the_database_write_locked_by_another_process(world: World) -> None:
    w = world
    mark = w.log.mark()
    lock = sqlite3.connect(w.db, timeout=30, isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        w.append("<during-lock@fund.example>", "lease, while the database was locked")
        # Each write waits the store's busy timeout (5 s) before it fails: the lock is held
        # until a second cycle failed on it, a retry that is logged at info.
        w.log.wait_for(event("outage", "store"), after=mark, timeout=20)
        w.log.wait_for(lambda e: e.get("event") == "cycle.failed" and e.get("level") == "info", after=mark, timeout=20)
        w.alive()
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    restarted = time.monotonic()
    _over(w, "store", mark, restarted, ["<during-lock@fund.example>"], timeout=30)


def test_the_brief_goes_once_after_the_smtp_outage(world: World) -> None:
    w = world
    # The queued brief is retried on the outbox's backoff (one minute after the failed send, and
    # a quarter more at most), by a cycle's flush.
    w.log.wait_for(event("outage.over", "smtp"), timeout=90)
    w.recovered["smtp"] = time.monotonic() - w.recovered.pop("smtp.restarted")
    store = Store.open(w.db)
    try:
        brief = store.brief(datetime.now(UTC).date())
    finally:
        store.close()
    assert brief is not None and brief["sent_at"]
    # Two more cycles, each flushing the outbox again: nothing goes twice.
    mark, deadline = w.log.mark(), time.monotonic() + 20
    while sum(1 for e in w.log.since(mark) if e.get("event") == "cycle") < 2:
        assert time.monotonic() < deadline, "no cycle ran after the brief went"
        time.sleep(0.05)
    counts = Counter(w.smtp.handler.ids)
    assert counts[brief["message_id"]] == 1, counts
    assert set(counts.values()) == {1}, counts  # nor anything else twice (a Sunday's review)
    w.alive()


def test_one_outage_line_per_outage_and_the_daemon_still_runs(world: World) -> None:
    w = world
    w.alive()
    for service in SERVICES:
        assert _outages(w, service) == (1, 1), service
    assert _outages(w, "cycle") == (0, 0)
    over = {e["service"]: e["lasted_s"] for e in w.log.since(0) if e.get("event") == "outage.over"}
    assert set(over) == set(SERVICES)
    # Retries were logged at info, never as errors; nothing at error level but the outages, one
    # line each (the store's carries the failed cycle's traceback).
    errors = Counter(e["event"] for e in w.log.since(0) if e.get("level") == "error")
    assert set(errors) == {"outage"}, errors
    status = _status(w)
    assert "outage:" not in status, status
    # A clean stop after it all.
    w.proc.terminate()
    assert w.proc.wait(20) == 0
    retries = Counter(e["event"] for e in w.log.since(0)
                      if e.get("event") in ("outage.ongoing", "imap.retry", "outbox.send_failed", "calendar.unavailable",
                                            "llm.failed", "mail.unavailable", "daemon.wait_failed"))
    print("recovered after restart (s):", {k: round(v, 1) for k, v in w.recovered.items()}, "lasted_s:", over,
          "info retry lines:", dict(retries))
