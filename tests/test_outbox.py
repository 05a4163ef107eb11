"""The outbox: a brief goes at most once per date, through failures and crashes, and is shown
afterwards exactly as it went out."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from agent import outbox
from agent.app import App
from agent.cycle import send_brief, stored_brief, sync_once
from agent.settings import load
from connectors.send.file import FileSender
from tests.conftest import DEMO_NOW, run_cli
from tests.servers import free_port


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Crash(BaseException):
    """The process dying: nothing after it runs."""


class CrashAfterOk(FileSender):
    """The file sender, killed right after the mail is written and before focusd hears of it."""

    def _send(self, msg: EmailMessage) -> None:
        super()._send(msg)
        raise Crash



def _app(demo_dir: Path, clock: Clock) -> App:
    return App(load(demo_dir / "focusd.toml"), clock)


def _crash_once(app: App) -> None:
    real = app.sender
    app.__dict__["sender"] = CrashAfterOk(real.path)  # type: ignore[attr-defined]
    with pytest.raises(Crash):
        send_brief(app, app.today(), delays=())
    app.__dict__["sender"] = real


def test_a_crash_after_the_send_never_sends_the_brief_twice(demo_dir: Path) -> None:
    clock = Clock(DEMO_NOW)
    app = _app(demo_dir, clock)
    sync_once(app)
    _crash_once(app)
    row = app.store.outbox_row("brief", app.today().isoformat())
    assert row is not None and row["status"] == "sending"
    # Right after, another process may still be sending it: nothing goes.
    assert send_brief(app, app.today()).outcome == "in_progress"
    clock.now += outbox.SENDING_GRACE + timedelta(seconds=1)
    again = send_brief(app, app.today())
    # Looked for before any resend, and found where the sender put it.
    assert again.outcome == "already_sent" and "found in the mailbox" in again.via
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1
    assert app.store.brief(app.today())["sent_at"]  # type: ignore[index]
    assert send_brief(app, app.today()).outcome == "already_sent"
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1


def test_an_interrupted_send_that_never_left_goes_once_the_grace_is_over(demo_dir: Path) -> None:
    clock = Clock(DEMO_NOW)
    app = _app(demo_dir, clock)
    sync_once(app)
    _crash_once(app)
    for eml in (demo_dir / "outbox").glob("*.eml"):
        eml.unlink()  # it died before the file was kept: the mail never left
    clock.now += outbox.SENDING_GRACE + timedelta(seconds=1)
    assert send_brief(app, app.today()).outcome == "sent"
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1


def test_the_cycle_retries_a_failed_brief_on_its_backoff_and_expires_it_the_next_day(demo_dir: Path) -> None:
    clock = Clock(DEMO_NOW)
    app = _app(demo_dir, clock)
    sync_once(app)
    (demo_dir / "outbox").write_text("a file where the outbox folder should be")
    failed = send_brief(app, app.today(), delays=())
    assert failed.outcome == "failed" and failed.retry_at is not None
    report = sync_once(app)  # not due yet: no try, no problem
    assert not report.problems
    assert app.store.outbox_row("brief", app.today().isoformat())["attempts"] == 1  # type: ignore[index]
    clock.now = failed.retry_at + timedelta(seconds=1)
    report = sync_once(app)  # due, still broken: one more try, reported
    assert any("could not be sent" in p for p in report.problems)
    row = app.store.outbox_row("brief", app.today().isoformat())
    assert row is not None and row["attempts"] == 2 and row["status"] == "queued"
    # Two minutes at least (the second failure's backoff); the store keeps whole seconds.
    assert datetime.fromisoformat(row["next_attempt_at"]) - clock.now >= timedelta(minutes=2, seconds=-1)
    (demo_dir / "outbox").unlink()
    clock.now += timedelta(days=1)
    report = sync_once(app)
    row = app.store.outbox_row("brief", (app.today() - timedelta(days=1)).isoformat())
    assert row is not None and row["status"] == "expired"  # yesterday's brief, sent today, would mislead
    assert not (demo_dir / "outbox").exists() or not list((demo_dir / "outbox").glob("*.eml"))


def test_backoff_doubles_with_jitter_up_to_an_hour() -> None:
    assert outbox.backoff(1, lambda: 0.0) == timedelta(minutes=1)
    assert outbox.backoff(3, lambda: 0.0) == timedelta(minutes=4)
    assert outbox.backoff(3, lambda: 1.0) == timedelta(minutes=5)
    assert outbox.backoff(30, lambda: 1.0) == outbox.BACKOFF_MAX


def test_a_sent_brief_is_shown_as_it_went_out_with_its_numbers(demo_dir: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(demo_dir, Clock(DEMO_NOW))
    sync_once(app)
    sent = send_brief(app, app.today())
    first = next(bl for bl in sent.brief.lines if bl.item is not None)
    assert first.item is not None and first.item.id is not None
    with app.store.write():  # the list moves on after the brief went out
        app.store.db.execute("UPDATE items SET status = 'done' WHERE id = ?", [first.item.id])
    shown = stored_brief(app, app.today())
    assert shown is not None and shown.text == sent.brief.text
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    capsys.readouterr()
    code, out, err = run_cli(capsys, "--config", str(demo_dir / "focusd.toml"), "brief", "--date",
                         app.today().isoformat(), "--format", "json")
    assert code == 0, err
    assert "the brief as sent at 07:30" in err and "1 of its items was closed since" in err
    data = json.loads(out)
    lines = [e["line"] for section in ("focus", "due_soon", "waiting", "blockers") for e in data[section]]
    assert first.line in lines and {e["id"] for e in data["focus"]} >= {first.item.id}
    assert len(lines) == len(set(lines))
    ids = [e["id"] for section in ("focus", "due_soon", "waiting", "blockers") for e in data[section]]
    assert len(ids) == len(set(ids))  # an item is on one numbered line at most


def test_brief_send_that_fails_exits_1_and_says_it_will_be_retried(demo_dir: Path, capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox, "RETRY_DELAYS", ())
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    config = ("--config", str(demo_dir / "focusd.toml"))
    assert run_cli(capsys, *config, "sync", "--once")[0] == 0
    toml = demo_dir / "focusd.toml"
    file_sender = toml.read_text()
    # A mail server that is down: nothing listens on the port.
    toml.write_text(file_sender.replace('backend = "file"\npath = "outbox"',
                                        f'backend = "smtp"\nhost = "127.0.0.1"\nport = {free_port()}\nsecurity = "none"'))
    code, out, err = run_cli(capsys, *config, "brief", "--send")
    assert code == 1 and out == ""
    assert "could not be sent" in err and "retried" in err and "Traceback" not in err
    toml.write_text(file_sender)  # back up: the queued brief goes through the sender now configured
    code, out, err = run_cli(capsys, *config, "brief", "--send")
    assert code == 0 and out.startswith("written at") and "the file sender: no mail leaves this machine" in out, err
    code, out, err = run_cli(capsys, *config, "brief", "--send")
    assert code == 0 and out.startswith("already sent at"), err


class DiskFull(FileSender):
    def _send(self, msg: EmailMessage) -> None:
        raise OSError(28, "No space left on device")


def test_a_send_that_fails_in_an_unexpected_way_is_queued_again_not_stuck(demo_dir: Path) -> None:
    app = _app(demo_dir, Clock(DEMO_NOW))
    sync_once(app)
    real = app.sender
    app.__dict__["sender"] = DiskFull(real.path)  # type: ignore[attr-defined]
    failed = send_brief(app, app.today(), delays=())
    assert failed.outcome == "failed" and "No space left on device" in failed.error
    row = app.store.outbox_row("brief", app.today().isoformat())
    assert row is not None and row["status"] == "queued" and row["last_error"]
    app.__dict__["sender"] = real
    assert send_brief(app, app.today()).outcome == "sent"  # at once, not after a grace period


def test_a_try_knows_whether_the_one_before_it_was_cut_off(tmp_path: Path) -> None:
    from planner.store import Store

    store = Store.open(tmp_path / "s.db", clock=lambda: DEMO_NOW)
    row = store.outbox_add("brief", "2026-11-19", "<focusd-brief.t@x>", "ada@x", "s", b"raw")
    first = store.outbox_take(row["id"], DEMO_NOW - timedelta(minutes=5))
    assert first is not None and first["was"] == "queued"
    assert store.outbox_take(row["id"], DEMO_NOW - timedelta(minutes=5)) is None  # held by that try
    later = store.outbox_take(row["id"], DEMO_NOW + timedelta(minutes=1))  # that try is stale now
    assert later is not None and later["was"] == "sending"


def test_the_file_outbox_is_created_owner_only(tmp_path: Path) -> None:
    sender = FileSender(tmp_path / "state" / "outbox")
    assert sender.check().endswith("(made by the first brief)")  # doctor's check only looks
    assert not (tmp_path / "state").exists()
    sender._ready()  # as the first send does
    assert (tmp_path / "state" / "outbox").stat().st_mode & 0o777 == 0o700  # briefs are private mail
