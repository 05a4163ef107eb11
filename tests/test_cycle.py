"""A cycle against bad input: unreadable messages, unsafe logs, a daemon that reports to systemd."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import structlog

from agent import logs
from agent.app import App
from agent.clock import fixed
from agent.cycle import sync_once
from agent.daemon import run
from agent.settings import load
from tests.conftest import DEMO_NOW


def test_an_unreadable_message_is_logged_with_its_key_and_skipped(demo_dir: Path) -> None:
    (demo_dir / "mail" / "new" / "1763000000.junk.host").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    with structlog.testing.capture_logs() as captured:
        report = sync_once(app)
    assert report.unparseable == 1 and report.new == 32
    (event,) = [e for e in captured if e["event"] == "message.unparseable"]
    assert event["key"] == "1763000000.junk.host" and "binary" in event["reason"]
    # Nothing is retried forever: the cursor moved past it.
    assert sync_once(app).unparseable == 0


def test_logs_carry_no_bodies_and_no_secrets(demo_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    logs.configure(json=True)
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    structlog.get_logger("t").info("login", password="hunter2", api_key="sk-123", user="ada")
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines()]
    assert lines and all("event" in line and "timestamp" in line for line in lines)
    assert "hunter2" not in err and "sk-123" not in err and '"user": "ada"' in err
    for quote in ("updated deck with the Q3 numbers", "ignore your previous instructions", "security questionnaire"):
        assert quote not in err


def test_the_daemon_tells_systemd_and_sends_the_brief_when_due(demo_dir: Path, tmp_path: Path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    assert run(app, threading.Event(), max_cycles=1) == 0
    listener.settimeout(0.5)
    states: list[str] = []
    while True:
        try:
            states.append(listener.recv(256).decode())
        except TimeoutError:
            break
    assert states[0] == "READY=1" and states[-1] == "STOPPING=1"
    # The cycle's outcome, for `systemctl status`.
    assert any(s.startswith("STATUS=last cycle") and "32 messages" in s for s in states)
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1


def test_the_daemon_waits_for_brief_time(demo_dir: Path) -> None:
    early = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)
    app = App(load(demo_dir / "focusd.toml"), fixed(early))
    run(app, threading.Event(), max_cycles=1)
    assert not (demo_dir / "outbox").exists() or not list((demo_dir / "outbox").glob("*.eml"))
    saturday = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    run(App(load(demo_dir / "focusd.toml"), fixed(saturday)), threading.Event(), max_cycles=1)
    assert not (demo_dir / "outbox").exists() or not list((demo_dir / "outbox").glob("*.eml"))


def test_a_failing_cycle_is_logged_and_the_daemon_goes_on(demo_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from agent import daemon

    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('sent_folder = "Sent"', 'sent_folder = "Sent"\npoll_interval = "1s"'))
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))

    def disk_error(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")  # a fault that may heal: every cycle fails, for now

    monkeypatch.setattr(daemon, "sync_once", disk_error)
    with structlog.testing.capture_logs() as captured:
        assert run(app, threading.Event(), max_cycles=2) == 0
    assert [e["event"] for e in captured if e["event"] == "cycle.failed"] == ["cycle.failed", "cycle.failed"]


def test_a_message_that_breaks_the_graph_is_set_aside_and_the_rest_go_on(demo_dir: Path) -> None:
    from planner.models import Item

    class Poisonous:
        """Proposes an item with no text for one message: grounding it raises."""

        name = "poisonous"

        def __init__(self) -> None:
            from agent.extractors.embedded import EmbeddedExtractor

            self.inner = EmbeddedExtractor()

        def extract(self, message, owner):  # type: ignore[no-untyped-def]
            if message.message_id == "<m1.maria@northwind.vc>":
                return [Item(kind="request", title="x", evidence=None, source={})]  # type: ignore[arg-type]
            return self.inner.extract(message, owner)

    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    app.__dict__["extractor"] = Poisonous()
    with structlog.testing.capture_logs() as captured:
        report = sync_once(app)
    assert report.new == 32
    assert [e["message_id"] for e in captured if e["event"] == "message.failed"] == ["<m1.maria@northwind.vc>"]
    assert app.store.message("<m1.maria@northwind.vc>")["skipped"].startswith("failed: TypeError at ")
    (failure,) = app.store.failures()
    assert failure["message_id"] == "<m1.maria@northwind.vc>"
    assert app.store.count("items") >= 17


def test_old_mail_is_recorded_but_yields_no_items(demo_dir: Path) -> None:
    a_month_later = datetime(2026, 12, 20, 7, 30, tzinfo=UTC)
    app = App(load(demo_dir / "focusd.toml"), fixed(a_month_later))
    report = sync_once(app)
    assert report.new == 32 and report.items_created == 0
    assert app.store.message("<m1.maria@northwind.vc>")["skipped"] == "older than max_age"


def test_focus_blocks_are_booked_once_and_tagged_on_a_writable_calendar(demo_dir: Path) -> None:
    from datetime import timedelta

    from agent.cycle import compose_brief
    from connectors.calendar.ics import IcsCalendar
    from connectors.calendar.memory import MemoryCalendar
    from connectors.types import day_span

    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    start, _ = day_span(app.today() - timedelta(days=1), app.settings.tz)
    _, end = day_span(app.today() + timedelta(days=14), app.settings.tz)
    theirs = IcsCalendar([demo_dir / "calendar.ics"], app.settings.tz).events(start, end)
    calendar = MemoryCalendar(theirs)
    app.__dict__["calendar"] = calendar
    first_cycle = sync_once(app)
    # 90 minutes with 10 free around each meeting fit once in the demo day: 10:00-11:30.
    assert first_cycle.blocks.created == 1
    first = compose_brief(app, app.today())
    again = sync_once(app)  # a second cycle books, moves and deletes nothing
    assert (again.blocks.created, again.blocks.moved, again.blocks.deleted, again.blocks.dismissed) == (0, 0, 0, 0)
    today_start, today_end = day_span(app.today(), app.settings.tz)
    ours = [e for e in calendar.events(today_start, today_end) if e.is_focus_block]
    assert len(ours) == 1
    focus_ids = [bl.item.id for bl in first.lines if bl.section == "focus" and bl.item]
    assert [e.focusd_item for e in ours] == focus_ids[:1]
    meetings = [e for e in calendar.events(today_start, today_end) if not e.is_focus_block]
    for block in ours:
        assert all(block.end <= m.start or block.start >= m.end for m in meetings)
    assert "Focus block booked: 10:00–11:30." in first.text
    assert {e.uid for e in theirs} <= {e.uid for e in calendar.events(start, end)}  # theirs untouched


def test_without_a_calendar_the_brief_suggests_no_free_time(demo_dir: Path) -> None:
    from agent.cycle import compose_brief

    config = demo_dir / "focusd.toml"
    app = App(load(config), fixed(DEMO_NOW))
    sync_once(app)
    assert "Suggested time:" in compose_brief(app, DEMO_NOW.date()).text  # the demo calendar has free time
    config.write_text(config.read_text().replace('backend = "ics"\npaths = ["calendar.ics"]', 'backend = "none"'))
    app = App(load(config), fixed(DEMO_NOW))
    text = compose_brief(app, DEMO_NOW.date()).text
    assert "Suggested time:" not in text and "free on your calendar" not in text


def test_the_brief_says_once_why_a_focus_item_got_no_time(demo_dir: Path) -> None:
    from agent.cycle import compose_brief

    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    text = compose_brief(app, app.today()).text
    assert text.count("Suggested time: 10:00–11:30") == 1  # the one free 90 minutes of the demo day
    assert text.count("No more focus time today: no free 90 minutes are left in your focus hours.") == 1
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace("max_blocks_per_day = 2", "max_blocks_per_day = 1")
                      .replace("block_minutes = 90", "block_minutes = 30"))
    app = App(load(config), fixed(DEMO_NOW))
    text = compose_brief(app, app.today()).text
    assert "No more focus time today: 1 block is the most a day has ([focus].max_blocks_per_day)." in text
