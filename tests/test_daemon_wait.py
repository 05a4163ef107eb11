"""The daemon waits on the mail source between cycles: new mail starts a cycle at once, long
before the poll interval, and a stop is heard within seconds."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from agent import daemon
from agent.app import App
from agent.clock import fixed
from agent.settings import load
from planner.store import Store
from tests.conftest import DEMO_NOW
from tests.test_cycle_hardening import deliver, mail


def _stored(demo_dir: Path, at_least: int) -> None:
    """Wait until the daemon stored ``at_least`` messages, looking through a connection of our
    own (the daemon's belongs to its thread)."""
    store = Store.open(demo_dir / "focusd.db")
    deadline = time.monotonic() + 30
    while store.count("messages") < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
    store.close()


def _app(demo_dir: Path) -> App:
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('sent_folder = "Sent"', 'sent_folder = "Sent"\npoll_interval = "1h"'))
    return App(load(config), fixed(DEMO_NOW))


def test_new_mail_starts_a_cycle_long_before_the_poll_interval(demo_dir: Path) -> None:
    app = _app(demo_dir)
    done = threading.Event()
    codes: list[int] = []

    def run() -> None:
        codes.append(daemon.run(app, threading.Event(), max_cycles=2))
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    _stored(demo_dir, 32)  # the first cycle read the demo week
    time.sleep(0.3)  # the daemon is waiting for mail now
    deliver(demo_dir / "mail", "1795300000.late.host",
            mail("<late@fund.example>", "Maria <maria@fund.example>", "term sheet", "Could you sign the term sheet?"))
    # Two cycles, the second on the new mail: well within the hour the poll interval would take.
    assert done.wait(10), "new mail did not start a cycle"
    worker.join()
    assert codes == [0]
    store = Store.open(demo_dir / "focusd.db")
    assert store.message("<late@fund.example>") is not None


def test_a_stop_is_heard_while_waiting_for_mail(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The wait for mail is cut in slices of STOP_CHECK (5 s) to look at the stop between them;
    # shorter slices hear it sooner. An hour's wait in one piece would still miss the join below.
    monkeypatch.setattr(daemon, "STOP_CHECK", 0.5)
    app = _app(demo_dir)
    stop = threading.Event()
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(daemon.run(app, stop)))
    worker.start()
    _stored(demo_dir, 32)
    time.sleep(0.3)
    stop.set()
    worker.join(daemon.STOP_CHECK + 5)
    assert not worker.is_alive() and codes == [0]
