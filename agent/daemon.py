"""The foreground daemon behind ``focusd run``: a job table of cycles, the brief and the review.

Jobs (a ``schedule.Scheduler`` of the daemon's own):
- a cycle every ``[mail].poll_interval``, and at once when the mail source sees new mail
  (IMAP IDLE, a Maildir delivery), which it is asked about between jobs;
- each minute, the brief and the weekly review when they are due. Whether they are due is
  judged on focusd's clock in the owner's time zone (``FOCUSD_NOW`` pins it), so a DST change,
  a host that was down at ``[brief].time`` (the brief goes once on start-up, never after
  ``[brief].latest``) and a clock step all come out right: each is sent at most once per date,
  as the store records.

One cycle at a time: every job holds the store's cycle lock (:mod:`agent.lock`), which
``focusd sync`` and ``focusd brief --send`` in another process respect.

Signals: SIGTERM (and SIGINT) finish the round of messages in hand, close connections and exit
0. SIGHUP reloads the config between jobs; a new config that is invalid is refused with every
problem logged, and the old one goes on.

systemd (``Type=notify``): READY once started, STATUS with the last cycle or the first sync's
progress, and WATCHDOG from a heartbeat thread that pings only while the loop shows signs of
life (each batch of a sync, each slice of a wait), so a long first sync cannot starve it and a
hung loop is restarted.

A server that is down or a locked database heals by itself: the outage is logged once when it
begins and once when it ends (:class:`agent.health.Outages`), and failed cycles are retried
with a growing wait. An error that will not heal without the owner (an invalid config, a
secret that cannot be read, a backend that is not built or not installed) stops the daemon with
exit code 2, so systemd shows it failed instead of a log that repeats every poll forever.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import FrameType

import schedule
import structlog

from agent import health
from agent.app import App
from agent.cycle import CycleReport, send_brief, send_review, sync_once
from agent.errors import ConfigError, FocusdError
from agent.lock import Busy, cycle_lock
from connectors.calendar.base import CalendarError
from connectors.errors import ConnectorError
from connectors.mail.base import MailError
from connectors.send.base import SendError
from planner.brief import brief_day
from planner.review import week_of

log = structlog.get_logger(__name__)

STOP_CHECK = 5.0  # seconds: how soon a wait for mail hears a stop
MAX_BACKOFF = 900.0  # seconds: the longest wait after cycles that failed in a row
FRESH = 30.0  # seconds: a brief is composed from a sync at most this old
STATUS_EVERY = 5.0  # seconds between STATUS= updates during a long sync


def sd_notify(state: str) -> None:
    """Tell systemd about our state, when it is listening."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError as exc:  # systemd gone (a stop in progress): nothing to tell
        log.debug("daemon.notify_failed", error=exc.strerror)


def brief_due(app: App, now: datetime) -> bool:
    """Today's brief is due: a brief day, between ``[brief].time`` and ``[brief].latest``, and
    not sent or queued yet (a queued one is retried by each cycle's flush, on its backoff)."""
    brief_settings = app.settings["brief"]
    if not brief_settings["time"] <= now.time() < brief_settings["latest"]:
        return False
    if not brief_day(now.date(), app.settings["owner"]["working_days"], brief_settings["weekends"]):
        return False
    existing = app.store.brief(now.date())
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


def permanent(exc: BaseException) -> bool:
    """True for errors that no retry can heal: only the owner can fix them."""
    return (isinstance(exc, FocusdError) and exc.exit_code == 2) or isinstance(exc, ImportError)


def service_of(exc: BaseException) -> str:
    """Which part an error that failed a whole job belongs to, for the outage log."""
    if isinstance(exc, sqlite3.Error):
        return "store"
    if isinstance(exc, MailError):
        return "mail"
    if isinstance(exc, SendError):
        return "smtp"
    if isinstance(exc, CalendarError):
        return "calendar"
    if isinstance(exc, ConnectorError | OSError):
        return "mail"
    return "cycle"


def _what(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


class Daemon:
    """The job table and its loop. :meth:`cycle` and :meth:`timed` are the jobs; a test or the
    soak bench with a clock of its own may call them directly."""

    def __init__(self, app: App, stop: threading.Event | None = None) -> None:
        self.app = app
        self.stop = stop or threading.Event()
        self.reload_asked = threading.Event()
        self.outages = health.Outages()
        self.exit_code = 0
        self.signalled = ""
        self.cycles = 0
        self.failed_in_a_row = 0
        self.last_ok = float("-inf")  # monotonic end of the last cycle that ran whole
        self.alive_at = time.monotonic()
        self._status_at = 0.0
        self.scheduler = schedule.Scheduler()
        self._poll_job: schedule.Job | None = None
        self._jobs()

    # -- the job table ------------------------------------------------------------------------

    @property
    def interval(self) -> float:
        return float(self.app.settings["mail"]["poll_interval"].total_seconds())

    def _jobs(self) -> None:
        self.scheduler.clear()
        self._poll_in(self.interval)
        self.scheduler.every(1).minutes.do(self.timed).tag("timed")

    def _poll_in(self, seconds: float) -> None:
        """(Re)schedule the next poll ``seconds`` from now."""
        if self._poll_job is not None:
            self.scheduler.cancel_job(self._poll_job)
        self._poll_job = self.scheduler.every(max(1, round(seconds))).seconds.do(self._poll).tag("poll")

    def _poll(self) -> None:
        self.cycle()

    def _touch(self, *_: object) -> None:
        self.alive_at = time.monotonic()

    # -- jobs ----------------------------------------------------------------------------------

    def cycle(self) -> CycleReport | None:
        """One sync cycle under the store's lock, with its log line and its record for
        ``focusd status``; None when it failed (logged, retried after a growing wait)."""
        started, clock_start = time.monotonic(), self.app.clock()
        tally = dict(health.TALLY)
        try:
            with cycle_lock(self.app.settings["storage"]["path"], self.stop, self._waiting, tick=self._touch):
                closed_before = self.app.store.count_closed()
                report = sync_once(self.app, progress=self._progress, stop=self.stop)
                closed = self.app.store.count_closed() - closed_before
        except Busy:
            return None  # stopping while another process held the lock
        except Exception as exc:  # noqa: BLE001 - a failed cycle is logged; the next one retries
            self._failed("cycle", exc)
            return None
        finally:
            self.cycles += 1
            self._touch()
        took = time.monotonic() - started
        calls = health.TALLY["llm_calls"] - tally.get("llm_calls", 0)
        fallbacks = health.TALLY["llm_fallbacks"] - tally.get("llm_fallbacks", 0)
        if fallbacks:
            report.down["llm"] = f"{fallbacks} message(s) fell back to the embedded extractor"
        elif calls:
            report.up.add("llm")
        now = self.app.clock()
        for service, problem in report.down.items():
            self.outages.failed(self.app, service, problem, now)
        for service in report.up | {"store", "cycle"}:
            if service not in report.down:
                self.outages.ok(self.app, service, now)
        # The one line per cycle that says what it did.
        log.info("cycle", messages=report.fetched, new=report.new, items_created=report.items_created,
                 items_closed=closed, replies=report.replies, llm_calls=calls, llm_fallbacks=fallbacks,
                 problems=len(report.problems), duration_s=round(took, 3))
        record = {"at": clock_start.astimezone(UTC).isoformat(timespec="seconds"), "duration_s": round(took, 3),
                  "outcome": "problems" if report.problems else "ok", "messages": report.fetched,
                  "new": report.new, "items_created": report.items_created, "items_closed": closed,
                  "replies": report.replies, "llm_calls": calls, "llm_fallbacks": fallbacks,
                  "problems": report.problems[:5]}
        try:
            self.app.store.set_status("cycle", record)
            health.note_fallbacks(self.app, fallbacks)
        except sqlite3.Error as exc:
            self._failed("store", exc)
            return report
        sd_notify(f"STATUS=last cycle {datetime.now(UTC).strftime('%H:%M:%S')} UTC: {report.fetched} messages, "
                  f"{report.items_created} new items, {len(report.problems)} problems")
        self.failed_in_a_row = 0
        self.last_ok = time.monotonic()
        if self._poll_job is not None and self._poll_job.interval != max(1, round(self.interval)):
            self._poll_in(self.interval)  # back to the normal pace after failures
        return report

    def timed(self) -> None:
        """The brief and the weekly review, when due; each is composed from a fresh sync."""
        if self.failed_in_a_row:
            return  # the failing cycle is retried on its backoff; the brief waits for a good one
        try:
            now = self.app.now()
            if not (brief_due(self.app, now) or review_due(self.app, now)):
                return
            if time.monotonic() - self.last_ok > FRESH and self.cycle() is None:
                return  # the failed cycle is logged; the next minute tries again
            with cycle_lock(self.app.settings["storage"]["path"], self.stop, self._waiting, tick=self._touch):
                now = self.app.now()
                if brief_due(self.app, now):
                    result = send_brief(self.app, now.date())
                    self._sent("smtp", result.outcome, result.error)
                    # The composed brief holds every open item: let it go before the review
                    # reads them again, so the two never sit in memory together.
                    del result
                if review_due(self.app, now):
                    review = send_review(self.app, week_of(now.date()))
                    self._sent("smtp", review.outcome, review.error)
        except Busy:
            return
        except Exception as exc:  # noqa: BLE001 - logged; the next minute tries again
            self._failed("brief", exc)
        finally:
            self._touch()

    def _sent(self, service: str, outcome: str, error: str) -> None:
        if outcome == "failed":
            self.outages.failed(self.app, service, error or "the send failed", self.app.clock())
        elif outcome in ("sent", "already_sent"):
            self.outages.ok(self.app, service, self.app.clock())

    def _failed(self, job: str, exc: BaseException) -> None:
        if permanent(exc):
            log.error("daemon.giving_up", error=type(exc).__name__, message=str(exc))
            sd_notify(f"STATUS=stopped: {str(exc).splitlines()[0]}")
            self.exit_code = 2
            self.stop.set()
            return
        service = service_of(exc)
        first = service not in self.outages.down
        # One info line per try; the outage's one error line carries the traceback.
        log.info(f"{job}.failed", error=type(exc).__name__, message=str(exc)[:300])
        self.outages.failed(self.app if service != "store" else None, service, _what(exc), self.app.clock(),
                            exc if first else None)
        if service != "store":
            health.record_error(self.app, job, _what(exc))
        self.failed_in_a_row += 1
        wait = min(self.interval * 2 ** min(self.failed_in_a_row - 1, 20), max(self.interval, MAX_BACKOFF))
        self._poll_in(wait * random.uniform(0.9, 1.1))  # jitter: many instances do not retry in step

    def _waiting(self) -> None:
        log.info("daemon.waiting_for_lock", reason="another focusd process is running a cycle on this store")

    def _progress(self, done: int, total: int | None) -> None:
        self._touch()
        now = time.monotonic()
        if total and total > 200 and now - self._status_at >= STATUS_EVERY:
            self._status_at = now
            sd_notify(f"STATUS=syncing mail: {done:,} of {total:,} messages")

    # -- the loop ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the config again; an invalid one is refused and the running one kept."""
        from agent.settings import load

        self.reload_asked.clear()
        log.info("daemon.reload_asked")
        source = self.app.settings.source
        if source is None:
            log.warning("daemon.reload_refused", reason="the config was not read from a file")
            return
        try:
            settings = load(Path(source), allow_missing=True)
            new = App(settings, self.app.clock)
            for ref in settings.secret_refs:  # a secret file made unreadable is found now, not mid-cycle
                settings.secret(ref)
            new.backends_available()
        except FocusdError as exc:
            problems = exc.problems if isinstance(exc, ConfigError) else [str(exc)]
            log.error("daemon.reload_refused", problems=problems, note="the config in use before the reload goes on")
            return
        old = self.app
        self.app = new
        old.close()
        self._jobs()
        log.info("daemon.reloaded", config=str(source))

    def pause(self) -> None:
        """Wait for the next job: until the mail source sees new mail, then run a cycle at once,
        or until the next job is due. After a failed cycle, only the backoff ends the wait
        (the mail that the failed cycle left would wake it at once)."""
        idle = self.scheduler.idle_seconds
        if idle is None or idle <= 0:
            return
        if self.failed_in_a_row:
            self.stop.wait(min(idle, STOP_CHECK))
            self._touch()
            return
        deadline = time.monotonic() + idle
        source_down = False
        while not self.stop.is_set() and not self.reload_asked.is_set() and (left := deadline - time.monotonic()) > 0:
            slice_ = min(left, STOP_CHECK)
            # A wait is life until it ends: the source's own timeout bounds it (IDLE included).
            self.alive_at = time.monotonic() + slice_
            if source_down:
                self.stop.wait(slice_)
                continue
            try:
                if self.app.mail.wait_for_new(slice_, stop=self._stop_asked):
                    log.info("daemon.new_mail")
                    self.cycle()
                    if not self.failed_in_a_row:
                        self._poll_in(self.interval)
                    return
            except (ConnectorError, FocusdError, OSError) as exc:  # the next cycle reports it in full
                # The source cannot be waited on (down, or the login refused): no new login before
                # the next job, which reports it and backs off. Retrying every few seconds hammered
                # a server that refused the password ten times a minute.
                log.info("daemon.wait_failed", error=type(exc).__name__, reason=str(exc)[:300],
                         until_next_job_s=round(left))
                source_down = True

    def _stop_asked(self) -> bool:
        """Whether a wait for mail should end now: a stop or a reload was asked."""
        return self.stop.is_set() or self.reload_asked.is_set()

    def _heartbeat(self, every: float, limit: float) -> None:
        stalled = False
        while not self.stop.wait(every):
            quiet = time.monotonic() - self.alive_at
            if quiet < limit:
                sd_notify("WATCHDOG=1")
                stalled = False
            elif not stalled:  # once: systemd restarts it soon
                log.warning("daemon.stalled", seconds=round(quiet))
                stalled = True

    def run(self, max_cycles: int | None = None) -> int:
        """Run jobs until stopped. Returns the exit code: 0 after a clean stop, 2 on an error
        that will not heal."""
        if threading.current_thread() is threading.main_thread():
            # A handler only sets a flag: it may run in the middle of a log write, and logging
            # from it would wait forever on the lock that very write holds.
            def on_signal(signum: int, _frame: FrameType | None) -> None:
                self.signalled = signal.Signals(signum).name
                self.stop.set()

            def on_hup(_signum: int, _frame: FrameType | None) -> None:
                self.reload_asked.set()

            signal.signal(signal.SIGTERM, on_signal)
            signal.signal(signal.SIGINT, on_signal)
            signal.signal(signal.SIGHUP, on_hup)
        for problem in self.app.settings.missing:
            log.error("daemon.path_missing", problem=problem)  # ridden out: each cycle reports it too
        for line in self.app.settings.ignored:
            log.warning("config.ignored", problem=line)
        watchdog = int(os.environ.get("WATCHDOG_USEC", "0") or 0) / 1e6
        if watchdog > 0 and os.environ.get("WATCHDOG_PID", str(os.getpid())) == str(os.getpid()):
            threading.Thread(target=self._heartbeat, args=(watchdog / 2, watchdog), name="focusd-watchdog",
                             daemon=True).start()
        try:
            self.app.store.set_status("daemon", {"pid": os.getpid(),
                                                 "started_at": self.app.clock().astimezone(UTC).isoformat(timespec="seconds")})
        except sqlite3.Error as exc:
            log.info("daemon.not_recorded", error=type(exc).__name__)
        except FocusdError as exc:
            if permanent(exc):
                log.error("daemon.giving_up", error=type(exc).__name__, message=str(exc))
                self.app.close()
                return 2
        self.outages.load(self.app)
        sd_notify("READY=1")
        log.info("daemon.started", poll_interval=self.interval, pid=os.getpid())
        # On start-up: a cycle, then the brief if it is due (the host may have been down at its time).
        self.cycle()
        if not self.stop.is_set():
            self.timed()
        while not self.stop.is_set() and (max_cycles is None or self.cycles < max_cycles):
            if self.reload_asked.is_set():
                self.reload()
            self.scheduler.run_pending()
            if max_cycles is not None and self.cycles >= max_cycles:
                break
            self.pause()
        if self.signalled:
            log.info("daemon.stopping", signal=self.signalled)
        sd_notify("STOPPING=1")
        log.info("daemon.stopped", cycles=self.cycles, exit_code=self.exit_code)
        self._record_stop()
        self.app.close()
        return self.exit_code


    def _record_stop(self) -> None:
        try:
            held = self.app.store.status("daemon") or {}
            if held.get("pid") == os.getpid():
                held.pop("updated_at", None)
                self.app.store.set_status("daemon", held | {
                    "stopped_at": self.app.clock().astimezone(UTC).isoformat(timespec="seconds"),
                    "exit_code": self.exit_code})
        except (sqlite3.Error, FocusdError) as exc:
            log.info("daemon.not_recorded", error=type(exc).__name__)


def run(app: App, stop: threading.Event | None = None, max_cycles: int | None = None) -> int:
    """Poll until stopped (see :class:`Daemon`)."""
    return Daemon(app, stop).run(max_cycles)


def next_brief(app: App, now: datetime) -> datetime | None:
    """When the next brief is due to go, in the owner's time zone: today's if it is not sent yet
    and ``[brief].latest`` has not passed, else the next brief day's."""
    b = app.settings["brief"]
    day = now.date()
    for _ in range(15):
        if brief_day(day, app.settings["owner"]["working_days"], b["weekends"]):
            at = datetime.combine(day, b["time"], app.settings.tz)
            if day != now.date():
                return at
            sent = app.store.brief(day)
            if not (sent and sent["sent_at"]) and now.time() < b["latest"]:
                return max(at, now)
        day += timedelta(days=1)
    return None
