"""The daemon's job table: the brief on time, once, never stale; one cycle at a time across
processes; SIGHUP and SIGTERM; the watchdog; `focusd status`; health lines in the brief."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
import structlog

from agent import daemon, health
from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.lock import Busy, cycle_lock, lock_path
from agent.settings import load
from tests.conftest import DEMO_NOW, run_cli

ROOT = Path(__file__).resolve().parent.parent
THURSDAY = DEMO_NOW.date()  # 2026-11-19, a working day of the demo owner (Europe/London)


def _config(demo_dir: Path, **mail: str) -> Path:
    config = demo_dir / "focusd.toml"
    extra = "".join(f'\n{k} = "{v}"' for k, v in mail.items())
    config.write_text(config.read_text().replace('sent_folder = "Sent"', f'sent_folder = "Sent"{extra}'))
    return config


def _briefs(demo_dir: Path) -> list[Path]:
    outbox = demo_dir / "outbox"
    files = sorted(outbox.glob("*.eml")) if outbox.exists() else []
    # Reviews share the brief's Message-ID form (replies to them are obeyed too): tell by subject.
    return [f for f in files if " review: " not in message_from_bytes(f.read_bytes())["Subject"]]


def _at(hour: int, minute: int = 0, day: int = 19) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # London is on UTC in November


# -- the brief: on time, once, never stale ---------------------------------------------------


def test_a_host_down_at_brief_time_sends_that_days_brief_once_on_start_up(demo_dir: Path) -> None:
    config = _config(demo_dir)
    assert daemon.run(App(load(config), fixed(_at(10, 15))), max_cycles=1) == 0
    assert len(_briefs(demo_dir)) == 1
    # Started again (a restart, a crash loop): nothing more that day.
    assert daemon.run(App(load(config), fixed(_at(10, 40))), max_cycles=1) == 0
    assert len(_briefs(demo_dir)) == 1


def test_a_brief_is_never_sent_stale(demo_dir: Path) -> None:
    config = _config(demo_dir)
    assert daemon.run(App(load(config), fixed(_at(12, 5))), max_cycles=1) == 0
    assert _briefs(demo_dir) == []  # past [brief].latest (12:00): that day's brief is skipped
    assert daemon.run(App(load(config), fixed(_at(7, 30, day=20))), max_cycles=1) == 0
    assert len(_briefs(demo_dir)) == 1  # the next morning's goes as usual


def test_brief_latest_is_a_setting_and_must_follow_the_brief_time(demo_dir: Path) -> None:
    from agent.errors import ConfigError

    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('time = "07:30"', 'time = "08:00"\nlatest = "07:00"'))
    with pytest.raises(ConfigError, match="brief.latest: must be later than brief.time"):
        load(config)


@pytest.mark.parametrize(("utc", "due"), [
    # 2026-10-25: London leaves summer time at 01:00 UTC. 07:30 local is 07:30 UTC that day.
    (datetime(2026, 10, 25, 6, 30, tzinfo=UTC), False),
    (datetime(2026, 10, 25, 7, 30, tzinfo=UTC), True),
    # 2026-03-29: London enters summer time. 07:30 local is 06:30 UTC.
    (datetime(2026, 3, 29, 6, 29, tzinfo=UTC), False),
    (datetime(2026, 3, 29, 6, 30, tzinfo=UTC), True),
])
def test_the_brief_time_is_wall_clock_time_in_the_owners_zone_across_dst(demo_dir: Path, utc: datetime,
                                                                         due: bool) -> None:
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('time = "07:30"', 'time = "07:30"\nweekends = true'))  # Sundays
    app = App(load(config), fixed(utc))
    assert daemon.brief_due(app, app.now()) is due
    app.close()


def test_next_brief_is_today_until_sent_then_the_next_working_day(demo_dir: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(_at(6, 0, day=20)))  # a Friday
    assert daemon.next_brief(app, app.now()) == datetime(2026, 11, 20, 7, 30, tzinfo=app.settings.tz)
    late = _at(12, 30, day=20)
    # Friday's brief can no longer go: Monday's is next (the weekend has none).
    assert daemon.next_brief(app, late.astimezone(app.settings.tz)) == datetime(2026, 11, 23, 7, 30,
                                                                                tzinfo=app.settings.tz)
    app.close()


# -- one cycle at a time -----------------------------------------------------------------------

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_sync_waits_while_another_process_runs_a_cycle_on_the_store(demo_dir: Path) -> None:
    config = _config(demo_dir)
    holder = _hold_lock(lock_path(demo_dir / "focusd.db"), 1.5)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "agent.cli", "--config", str(config), "sync"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "FOCUSD_NOW": DEMO_NOW.isoformat()},
                          timeout=60)
    waited = time.monotonic() - started
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert "another focusd process is running a cycle on this store; waiting" in done.stderr
    assert waited >= 1.0  # it did not run beside the holder
    assert "32 messages" in done.stdout


def test_the_daemons_cycle_waits_for_the_lock_and_a_stop_ends_the_wait(demo_dir: Path) -> None:
    config = _config(demo_dir)
    app = App(load(config), fixed(DEMO_NOW))
    holder = _hold_lock(lock_path(demo_dir / "focusd.db"), 30)
    stop = threading.Event()
    d = daemon.Daemon(app, stop)
    threading.Timer(0.5, stop.set).start()
    with structlog.testing.capture_logs() as captured:
        started = time.monotonic()
        assert d.cycle() is None
    holder.kill()
    holder.wait()
    assert time.monotonic() - started < 5
    assert [e["event"] for e in captured if e["event"].startswith("daemon.waiting")] == ["daemon.waiting_for_lock"]
    assert app.store.count("messages") == 0  # nothing ran beside the holder
    app.close()


def test_a_killed_holder_never_leaves_the_store_locked(tmp_path: Path) -> None:
    holder = _hold_lock(lock_path(tmp_path / "focusd.db"), 30)
    with pytest.raises(Busy), cycle_lock(tmp_path / "focusd.db", wait=False):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with cycle_lock(tmp_path / "focusd.db", wait=False):
        fd = os.open(lock_path(tmp_path / "focusd.db"), os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by us now
        os.close(fd)


# -- signals, as systemd sends them ------------------------------------------------------------


def _start(config: Path, now: datetime, **env: str) -> subprocess.Popen[bytes]:
    # stderr unbuffered on this side: a buffered reader may take two log lines in one read and hand
    # back one, and select() would then wait on the pipe for the line already read.
    return subprocess.Popen([sys.executable, "-m", "agent.cli", "--config", str(config), "run"], cwd=ROOT,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, bufsize=0,
                            env={**os.environ, "FOCUSD_NOW": now.isoformat(), **env})


@contextlib.contextmanager
def _daemon(config: Path, now: datetime, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """The real daemon in a process of its own, killed if a test leaves it running."""
    proc = _start(config, now, **env)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=30)


def _events(lines: list[str]) -> list[dict[str, object]]:
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def _read_until(proc: subprocess.Popen[bytes], event: str, seen: list[str], timeout: float = 30) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = proc.stderr.readline().decode()  # unbuffered: no line is left unseen behind select()
        if not line:
            break
        seen.append(line)
        if f'"event": "{event}"' in line:
            return
    raise AssertionError(f"no {event} in the daemon's log: {''.join(seen)[-2000:]}")


def test_sighup_reloads_the_config_and_keeps_the_old_one_when_the_new_one_is_invalid(demo_dir: Path) -> None:
    config = _config(demo_dir, poll_interval="1h")
    seen: list[str] = []
    with _daemon(config, _at(6, 0)) as proc:
        _read_until(proc, "daemon.started", seen)
        good = config.read_text()
        config.write_text(good.replace('poll_interval = "1h"', 'poll_interval = "forever"\nfavourite_colour = "teal"'))
        proc.send_signal(signal.SIGHUP)
        _read_until(proc, "daemon.reload_refused", seen)
        refused = [e for e in _events(seen) if e["event"] == "daemon.reload_refused"][0]
        problems = refused["problems"]
        assert isinstance(problems, list) and len(problems) >= 2  # every problem, in one line
        assert proc.poll() is None  # still running, on the old config
        config.write_text(good.replace('poll_interval = "1h"', 'poll_interval = "30m"'))
        proc.send_signal(signal.SIGHUP)
        _read_until(proc, "daemon.reloaded", seen)
        assert _stop(proc) == 0


def test_sigterm_during_a_sync_stops_after_the_round_in_hand_and_exits_0(demo_dir: Path) -> None:
    config = _config(demo_dir, poll_interval="1h")
    seen: list[str] = []
    with _daemon(config, _at(6, 0)) as proc:
        _read_until(proc, "daemon.started", seen)
        assert _stop(proc) == 0
    assert proc.stderr is not None
    seen.extend(line.decode() for line in proc.stderr.readlines())
    events = [e["event"] for e in _events(seen)]
    assert "daemon.stopping" in events and events[-1] == "daemon.stopped"


# -- systemd's watchdog ------------------------------------------------------------------------


def test_the_watchdog_is_fed_while_the_loop_lives_and_starved_when_it_stalls(demo_dir: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(0.2)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    monkeypatch.setenv("WATCHDOG_USEC", "300000")  # 0.3 s: a ping every 0.15 s
    config = _config(demo_dir, poll_interval="1h")
    stop = threading.Event()
    d = daemon.Daemon(App(load(config), fixed(_at(6, 0))), stop)
    worker = threading.Thread(target=d.run)
    worker.start()

    def pings(seconds: float) -> int:
        end, n = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            with contextlib.suppress(TimeoutError):
                n += listener.recv(256) == b"WATCHDOG=1"
        return n

    try:
        assert pings(1.5) >= 4  # the loop waits for mail in slices, each a sign of life
        # A loop that stops showing life (hung) is no longer vouched for: systemd restarts it.
        d._touch = lambda *_: None  # type: ignore[method-assign]
        d.alive_at = time.monotonic() - 10
        assert pings(1.0) == 0
    finally:
        stop.set()
        worker.join(timeout=30)


# -- focusd status -----------------------------------------------------------------------------


def test_status_shows_the_last_cycle_the_next_brief_counts_and_errors(demo_dir: Path, capsys,  # type: ignore[no-untyped-def]
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(demo_dir)
    monkeypatch.setenv("FOCUSD_NOW", _at(6, 0).isoformat())
    code, out, _ = run_cli(capsys, "--config", str(config), "status")
    assert code == 0
    assert "daemon:     never run on this store" in out and "last cycle: none recorded yet" in out
    app = App(load(config), fixed(_at(6, 0)))
    assert daemon.run(app, max_cycles=1) == 0
    health.record_error(App(load(config), fixed(_at(6, 1))), "mail", "MailError: login refused")
    code, out, _ = run_cli(capsys, "--config", str(config), "status")
    assert code == 0
    assert "daemon:     stopped Thu 19 Nov 06:00" in out
    assert "last cycle: Thu 19 Nov 06:00" in out and "ok" in out and "32 messages, 19 new items" in out
    assert "next brief: Thu 19 Nov 07:30 (Europe/London)" in out
    assert "store:      32 messages," in out
    assert "mail: MailError: login refused" in out
    code, out, _ = run_cli(capsys, "--config", str(config), "status", "--json")
    data = json.loads(out)
    assert data["last_cycle"]["new"] == 32 and data["next_brief"].startswith("2026-11-19T07:30")
    assert data["recent_errors"][0]["where"] == "mail"


def test_status_shows_an_outage_in_progress(demo_dir: Path, capsys,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(demo_dir)
    app = App(load(config), fixed(_at(6, 0)))
    outages = health.Outages()
    with structlog.testing.capture_logs() as captured:
        for _ in range(5):  # five failed retries: one line
            outages.failed(app, "smtp", "connection refused", app.clock())
    assert [e["event"] for e in captured if e["log_level"] == "error"] == ["outage"]
    monkeypatch.setenv("FOCUSD_NOW", _at(6, 20).isoformat())
    _, out, _ = run_cli(capsys, "--config", str(config), "status")
    assert "outage:     smtp since Thu 19 Nov 06:00 (20 min ago): connection refused" in out
    with structlog.testing.capture_logs() as captured:
        outages.ok(app, "smtp", _at(6, 21))
        outages.ok(app, "smtp", _at(6, 22))  # over once
    assert [(e["event"], e["lasted_s"]) for e in captured] == [("outage.over", 1260)]
    _, out, _ = run_cli(capsys, "--config", str(config), "status")
    assert "outage:" not in out
    app.close()


# -- health in the brief -----------------------------------------------------------------------


def test_the_brief_says_in_one_line_each_what_is_wrong(demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    app = App(load(config), fixed(_at(7, 30)))
    sync_once(app)
    assert not [line for line in compose_brief(app, THURSDAY).text.splitlines() if line.startswith("Health:")]
    # Mail last read whole at 02:00, and a review that keeps failing to send.
    app.store.set_status("mail", {"ok": False, "error": "folder INBOX: connection refused",
                                  "ok_at": _at(2, 0).isoformat()})
    app.store.outbox_add("review", "2026-11-16", "<r@x>", "ada@example.com", "Week", b"x")
    row = app.store.outbox_row("review", "2026-11-16")
    assert row is not None
    app.store.outbox_take(row["id"], _at(7, 0))
    app.store.outbox_done(row["id"], "queued", error="SMTP 451 try later", retry_at=_at(7, 40))
    lines = [line for line in compose_brief(app, THURSDAY).text.splitlines() if line.startswith("Health:")]
    assert lines == ["Health: mail has not been synced since 02:00.",
                     "Health: a review could not be sent (SMTP 451 try later); it is retried."]
    app.close()


def test_llm_fallbacks_since_the_last_brief_are_counted_for_the_brief(demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    app = App(load(config), fixed(_at(7, 0)))
    health.note_fallbacks(app, 3)
    health.note_fallbacks(app, 0)  # nothing noted
    later = App(load(config), fixed(_at(7, 10)))
    health.note_fallbacks(later, 2)
    assert health.fallbacks_since(later, (_at(6, 0)).isoformat()) == 5
    assert health.fallbacks_since(later, (_at(7, 5)).isoformat()) == 2
    app.close()
    later.close()


def test_a_cycle_logs_one_canonical_line(demo_dir: Path) -> None:
    app = App(load(_config(demo_dir)), fixed(_at(6, 0)))
    with structlog.testing.capture_logs() as captured:
        report = daemon.Daemon(app).cycle()
    assert report is not None
    (line,) = [e for e in captured if e["event"] == "cycle"]
    assert {k: line[k] for k in ("messages", "new", "items_created", "replies", "llm_calls", "llm_fallbacks")} == \
        {"messages": 32, "new": 32, "items_created": report.items_created, "replies": 0, "llm_calls": 0,
         "llm_fallbacks": 0}
    assert line["items_closed"] >= 0 and line["duration_s"] > 0
    stored = app.store.status("cycle")
    assert stored is not None and stored["new"] == 32 and stored["outcome"] == "ok"
    app.close()


def test_failed_cycles_wait_longer_each_time(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    config = _config(demo_dir, poll_interval="10s")
    app = App(load(config), fixed(_at(6, 0)))

    def disk_error(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")  # a fault that may heal: every cycle fails, for now

    monkeypatch.setattr(daemon, "sync_once", disk_error)
    d = daemon.Daemon(app)
    waits = []
    with structlog.testing.capture_logs() as captured:
        for _ in range(4):
            assert d.cycle() is None
            assert d._poll_job is not None
            waits.append(d._poll_job.interval)
    assert waits[0] < waits[1] < waits[2] < waits[3]
    assert 9 <= waits[0] <= 11 and 72 <= waits[3] <= 88
    # One error line for the outage, with its traceback; each try is an info line.
    errors = [e for e in captured if e["log_level"] == "error"]
    assert [e["event"] for e in errors] == ["outage"] and errors[0]["exc_info"] is not None
    assert [e["event"] for e in captured if e["event"] == "cycle.failed"] == ["cycle.failed"] * 4
    assert timedelta(seconds=waits[3]) <= timedelta(minutes=15)


def test_the_file_sender_stays_exactly_once_across_a_kill_between_writing_and_recording(demo_dir: Path) -> None:
    """The real daemon, SIGKILLed after the brief's .eml is written and before the store knows;
    started again past the in-flight grace, it finds the file and writes no second one."""
    config = _config(demo_dir, poll_interval="1h")
    killed = _start(config, _at(7, 31), FOCUSD_KILL_AT="outbox.sent:1")
    assert killed.wait(timeout=60) == -signal.SIGKILL
    assert len(_briefs(demo_dir)) == 1
    seen: list[str] = []
    with _daemon(config, _at(7, 40)) as again:  # past the 5 minutes another process could still be sending
        _read_until(again, "outbox.found", seen)  # the cycle's flush finds what the kill left, sends nothing
        assert _stop(again) == 0
    assert len(_briefs(demo_dir)) == 1
    assert [e["key"] for e in _events(seen) if e["event"] == "outbox.found"] == ["2026-11-19"]
    assert not [e for e in _events(seen) if e["event"] == "outbox.sent"]


def test_an_outage_recorded_before_a_restart_ends_once_the_service_works(demo_dir: Path, capsys,  # type: ignore[no-untyped-def]
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(demo_dir, poll_interval="1h")
    app = App(load(config), fixed(_at(6, 0)))
    health.Outages().failed(app, "mail", "connection refused", app.clock())  # then the process died
    app.close()
    with structlog.testing.capture_logs() as captured:
        assert daemon.run(App(load(config), fixed(_at(6, 30))), max_cycles=1) == 0
    assert [(e["event"], e["service"], e["lasted_s"]) for e in captured if e["event"] == "outage.over"] == \
        [("outage.over", "mail", 1800)]
    monkeypatch.setenv("FOCUSD_NOW", _at(6, 31).isoformat())
    _, out, _ = run_cli(capsys, "--config", str(config), "status")
    assert "outage:" not in out


def test_a_long_run_of_failures_waits_at_most_the_cap_and_the_brief_waits_for_a_good_cycle(demo_dir: Path) -> None:
    import sqlite3

    d = daemon.Daemon(App(load(_config(demo_dir, poll_interval="10s")), fixed(_at(7, 45))))
    d.failed_in_a_row = 5000  # weeks of a full disk
    d._failed("cycle", sqlite3.OperationalError("disk I/O error"))
    assert d._poll_job is not None and d._poll_job.interval <= daemon.MAX_BACKOFF * 1.1
    d.timed()  # the brief is due, but the store fails: no cycle a minute beside the backoff
    assert d.cycles == 0 and _briefs(demo_dir) == []


def test_a_wait_for_the_lock_shows_life_at_each_try(tmp_path: Path) -> None:
    holder = _hold_lock(lock_path(tmp_path / "focusd.db"), 30)
    stop = threading.Event()
    ticks: list[float] = []
    threading.Timer(1.0, stop.set).start()
    with pytest.raises(Busy), cycle_lock(tmp_path / "focusd.db", stop, tick=lambda: ticks.append(time.monotonic())):
        pass
    holder.kill()
    holder.wait()
    assert len(ticks) >= 3  # a watchdog fed from them does not kill a daemon that only waits


def test_sighup_refuses_a_config_whose_secret_cannot_be_read_and_keeps_the_old_one(demo_dir: Path) -> None:
    config = _config(demo_dir, poll_interval="1h")
    d = daemon.Daemon(App(load(config), fixed(_at(6, 0))))
    before = d.app
    config.write_text(config.read_text().replace('provider = "none"', 'provider = "openai-compatible"\n'
                                                 'model = "m"\nbase_url = "http://127.0.0.1:9/v1"\n'
                                                 'api_key_command = "exit 3"'))
    with structlog.testing.capture_logs() as captured:
        d.reload()
    (refused,) = [e for e in captured if e["event"] == "daemon.reload_refused"]
    assert "llm.api_key" in " ".join(refused["problems"]) and d.app is before


def test_a_source_that_cannot_be_waited_on_is_not_asked_again_before_the_next_job(
        demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server refusing the password was logged in to ten times a minute between cycles (every
    5-second wait slice): a failed wait now sits out the pause, and says why."""
    from connectors.mail.base import MailError

    monkeypatch.setattr(daemon, "STOP_CHECK", 0.05)
    app = App(load(_config(demo_dir, poll_interval="10s")), fixed(_at(6, 0)))
    calls = []

    def refused(timeout: float, stop: object = None) -> bool:
        calls.append(timeout)
        raise MailError("127.0.0.1:143 refused the login for ada: check the user name and the password source")

    monkeypatch.setattr(app.mail, "wait_for_new", refused)
    d = daemon.Daemon(app)
    monkeypatch.setattr(type(d.scheduler), "idle_seconds", property(lambda _: 0.6))
    with structlog.testing.capture_logs() as captured:
        d.pause()
    assert len(calls) == 1
    (failed,) = [e for e in captured if e["event"] == "daemon.wait_failed"]
    assert "refused the login" in failed["reason"]
