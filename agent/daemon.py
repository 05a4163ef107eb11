"""The foreground daemon behind ``focusd run``: a sync every poll interval, the brief when due.

It tells systemd it is ready (``Type=notify``) and stops cleanly on SIGTERM. Between cycles it
waits on the mail source (IMAP IDLE, or the Maildir's INBOX), so new mail starts a cycle at
once; otherwise a cycle runs every poll interval. Each cycle also reads replies to briefs and
retries mail left in the outbox.

A server that is down or a locked database heals by itself, so such a cycle is logged and the
next one retries. So does a mail folder or calendar file that is not there at start-up (a late
mount): each cycle reports it, and the brief says what could not be read. An error that will not heal without the owner (an invalid config, a secret
that cannot be read, a backend that is not built or not installed) stops the daemon with exit
code 2, so systemd shows it failed instead of a log that repeats every poll forever.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Collection
from datetime import date, datetime
from types import FrameType

import structlog

from agent.app import App
from agent.cycle import send_brief, send_review, sync_once
from agent.errors import FocusdError
from connectors.errors import ConnectorError
from planner.brief import brief_day
from planner.review import week_of

log = structlog.get_logger(__name__)

STOP_CHECK = 5.0  # seconds: how soon a wait for mail hears a stop


def sd_notify(state: str) -> None:
    """Tell systemd about our state, when it is listening."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(state.encode())


def brief_due(app: App, now: datetime) -> bool:
    if now.time() < app.settings["brief"]["time"]:
        return False
    brief_settings = app.settings["brief"]
    if not brief_day(now.date(), app.settings["owner"]["working_days"], brief_settings["weekends"]):
        return False
    existing = app.store.brief(now.date())
    # A brief already in the outbox is retried by each cycle's flush, on its backoff.
    return not (existing and existing["sent_at"]) and app.store.outbox_row("brief", now.date().isoformat()) is None


def last_working_day(day: date, working: Collection[int]) -> bool:
    """Whether ``day`` ends the owner's working week: a working day whose next day is not one
    (Thursday for Sunday to Thursday), or Sunday for one who works every day."""
    days = set(working)
    if day.weekday() not in days:
        return False
    return (day.weekday() + 1) % 7 not in days or (len(days) == 7 and day.weekday() == 6)


def review_due(app: App, now: datetime) -> bool:
    """The weekly review goes on the week's last working day, once that day's brief is sent."""
    day = now.date()
    if not last_working_day(day, app.settings["owner"]["working_days"]) or now.time() < app.settings["brief"]["time"]:
        return False
    brief = app.store.brief(day)
    week = week_of(day)
    review = app.store.brief(week, "review")
    return bool(brief and brief["sent_at"]) and not (review and review["sent_at"]) and \
        app.store.outbox_row("review", week.isoformat()) is None


def pause(app: App, stop: threading.Event, interval: float) -> None:
    """Wait for the next cycle: until the mail source sees new mail (IMAP IDLE, a Maildir
    delivery) or ``interval`` ends. The wait is cut in short slices, so a stop is heard within
    :data:`STOP_CHECK` seconds. A source that fails while waiting is logged; the wait goes on
    as a plain sleep and the next cycle reconnects."""
    deadline = time.monotonic() + interval
    while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
        try:
            if app.mail.wait_for_new(min(left, STOP_CHECK)):
                log.info("daemon.new_mail")
                return
        except (ConnectorError, FocusdError, OSError) as exc:  # the next cycle reports it in full
            log.warning("daemon.wait_failed", error=type(exc).__name__)
            stop.wait(min(left, STOP_CHECK))


def permanent(exc: BaseException) -> bool:
    """True for errors that no retry can heal: only the owner can fix them."""
    return (isinstance(exc, FocusdError) and exc.exit_code == 2) or isinstance(exc, ImportError)


def run(app: App, stop: threading.Event | None = None, max_cycles: int | None = None) -> int:
    """Poll until stopped. Returns the exit code: 0 after a clean stop, 2 on an error that
    will not heal."""
    stop = stop or threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("daemon.stopping", signal=signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    interval = app.settings["mail"]["poll_interval"].total_seconds()
    for problem in app.settings.missing:
        log.error("daemon.path_missing", problem=problem)  # ridden out: each cycle reports it too
    sd_notify("READY=1")
    log.info("daemon.started", poll_interval=interval)
    cycles = 0
    while not stop.is_set():
        failed = False
        try:
            sync_once(app)
            now = app.now()
            if brief_due(app, now):
                send_brief(app, now.date())
            if review_due(app, now):
                send_review(app, week_of(now.date()))
        except Exception as exc:  # noqa: BLE001 - a failed cycle is logged; the next one retries
            if permanent(exc):
                log.error("daemon.giving_up", error=type(exc).__name__, message=str(exc))
                sd_notify(f"STATUS=stopped: {str(exc).splitlines()[0]}")
                sd_notify("STOPPING=1")
                app.close()
                return 2
            log.exception("cycle.failed", error=type(exc).__name__, message=str(exc))
            failed = True
        cycles += 1
        if max_cycles is not None and cycles >= max_cycles:
            break
        sd_notify("WATCHDOG=1")
        if failed:
            stop.wait(interval)  # not woken by mail: the mail the failed cycle left would wake it at once
        else:
            pause(app, stop, interval)
    sd_notify("STOPPING=1")
    app.close()
    return 0
