"""Focus blocks follow the plan, end to end: whole cycles on the demo week, with the calendar
on every writable backend (memory, CalDAV on a real Radicale, Google on the local Calendar v3
server), configured as a user would. Each scenario checks the calendar as the server holds it
and what the brief says."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import structlog
from google.oauth2.credentials import Credentials

from agent import booking
from agent.app import App
from agent.cycle import compose_brief, sync_once
from agent.replies import apply_reply, parse
from agent.replies import booking as reply_booking
from agent.settings import load
from connectors.calendar.base import CalendarBackend, CalendarError
from connectors.calendar.caldav import CaldavCalendar
from connectors.calendar.google import GoogleCalendar
from connectors.calendar.ics import IcsCalendar
from connectors.calendar.memory import MemoryCalendar
from connectors.types import Address, Event, Message
from tests.conftest import DEMO, DEMO_NOW, LONDON
from tests.google_server import ApiError, GoogleServer
from tests.radicale_server import PASSWORD, USER, Radicale, radicale, split

ICS = DEMO / "calendar.ics"
DAY = date(2026, 11, 19)  # the demo's Thursday
PW_ENV = "FOCUSD_TEST_CALDAV_PW"
INTERVIEW = "final-alex-kim@loom.example"  # 14:00-15:00 on the demo Thursday


def local(h: int, m: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, h, m, tzinfo=LONDON)


class Clock:
    """A clock a test can move on."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# -- the calendar as each server holds it ------------------------------------------------------


class Served:
    """One backend's calendar, seen and changed from outside focusd, as another client would."""

    name = ""

    def reader(self) -> CalendarBackend:
        raise NotImplementedError

    def blocks(self) -> list[Event]:
        """focusd's blocks on the calendar, read fresh from the server."""
        start, end = local(0, day=date(2026, 3, 1)), local(0, day=date(2027, 1, 1))
        return [e for e in self.reader().events(start, end) if e.focusd_item is not None]

    def fingerprints(self) -> dict[str, str]:
        """The server's version of every seeded (foreign) event."""
        raise NotImplementedError

    def move_event(self, uid: str, start: datetime, end: datetime) -> None:
        raise NotImplementedError

    def delete_event(self, uid: str) -> None:
        raise NotImplementedError

    def requests(self) -> int | None:
        return None

    def fail_writes(self, fail: bool) -> None:
        raise NotImplementedError


class ServedMemory(Served):
    name = "memory"

    def __init__(self, app: App) -> None:
        self.cal = app.calendar
        assert isinstance(self.cal, MemoryCalendar)
        self.cal._events = IcsCalendar([ICS], LONDON).events(local(0, day=date(2026, 10, 1)),
                                                            local(0, day=date(2027, 1, 1)))
        self.failing = False
        self.failures = 0  # the next this many writes fail
        for name in ("_create", "_update", "_delete"):
            self.cal.__dict__[name] = self._refusing(getattr(self.cal, name))

    def _refusing(self, write: Any) -> Any:
        def guarded(arg: Any) -> Any:
            if self.failing or self.failures:
                self.failures = max(0, self.failures - 1)
                raise CalendarError("the calendar refused the write")
            return write(arg)

        return guarded

    def reader(self) -> CalendarBackend:
        return self.cal  # type: ignore[return-value]

    def fingerprints(self) -> dict[str, str]:
        return {f"{e.uid} {e.start}": repr(e) for e in self.cal._events if e.focusd_item is None}

    def move_event(self, uid: str, start: datetime, end: datetime) -> None:
        (old,) = [e for e in self.cal._events if e.uid == uid]
        self.cal._events = [replace(e, start=start, end=end) if e is old else e for e in self.cal._events]

    def delete_event(self, uid: str) -> None:
        self.cal._events = [e for e in self.cal._events if e.uid != uid]

    def fail_writes(self, fail: bool) -> None:
        self.failing = fail


class ServedCaldav(Served):
    name = "caldav"

    def __init__(self, server: Radicale, seeded: list[str]) -> None:
        self.server, self.seeded = server, seeded

    def reader(self) -> CalendarBackend:
        return CaldavCalendar(self.server.calendar_url, USER, PASSWORD, LONDON)

    def fingerprints(self) -> dict[str, str]:
        there = set(self.server.names())
        return {name: self.server.etag(name) for name in self.seeded if name in there}

    def _name(self, uid: str) -> str:
        (name,) = [n for n in self.server.names() if f"UID:{uid}" in self.server.get(n).replace("\r\n ", "")]
        return name

    def move_event(self, uid: str, start: datetime, end: datetime) -> None:
        name = self._name(uid)
        cal = icalendar.Calendar.from_ical(self.server.get(name))
        for comp in cal.walk("VEVENT"):
            for key, value in (("dtstart", start), ("dtend", end)):
                del comp[key]
                comp.add(key, value.astimezone(UTC))
        self.server.foreign_put(name, cal.to_ical().decode())

    def delete_event(self, uid: str) -> None:
        self.server.foreign_delete(self._name(uid))

    def requests(self) -> int:
        return self.server.count()

    def fail_writes(self, fail: bool) -> None:
        def refuse(method: str, path: str) -> None:
            if method in ("PUT", "DELETE"):
                raise RuntimeError("the server broke")

        self.server.before = refuse if fail else None


def _google_id(uid: str) -> str:
    return re.sub(r"[^a-z0-9]", "", uid.split("@")[0].lower())


def _google_time(value: Any) -> dict[str, str]:
    if not isinstance(value, datetime):
        return {"date": value.isoformat()}
    return {"dateTime": value.isoformat(), "timeZone": "Europe/London"}


_PARTSTAT = {"ACCEPTED": "accepted", "TENTATIVE": "tentative", "DECLINED": "declined", "NEEDS-ACTION": "needsAction"}


def google_seed(server: GoogleServer, path: Path) -> list[str]:
    """An .ics file's events as Google holds them: a series with its RRULE and EXDATEs, a moved
    occurrence as an exception of its series. Returns the event ids."""
    ids = []
    for comp in icalendar.Calendar.from_ical(path.read_text()).walk("VEVENT"):
        base = _google_id(str(comp["UID"]))
        body: dict[str, Any] = {"summary": str(comp["SUMMARY"]), "start": _google_time(comp.decoded("dtstart")),
                                "end": _google_time(comp.decoded("dtend"))}
        if "ORGANIZER" in comp:
            body["organizer"] = {"email": str(comp["ORGANIZER"]).removeprefix("mailto:")}
        attendees = comp.get("ATTENDEE", [])
        body["attendees"] = [{"email": str(a).removeprefix("mailto:"),
                              "responseStatus": _PARTSTAT[str(a.params.get("PARTSTAT", "NEEDS-ACTION"))]}
                             for a in (attendees if isinstance(attendees, list) else [attendees])]
        if "RRULE" in comp:
            body["recurrence"] = ["RRULE:" + comp["RRULE"].to_ical().decode()]
            for ex in comp.get("EXDATE", []) if isinstance(comp.get("EXDATE"), list) else [comp.get("EXDATE")]:
                if ex is not None:
                    body["recurrence"] += [f"EXDATE;TZID=Europe/London:{d.dt:%Y%m%dT%H%M%S}" for d in ex.dts]
        event_id = base
        if "RECURRENCE-ID" in comp:
            original = comp.decoded("recurrence-id")
            body["recurringEventId"] = base
            body["originalStartTime"] = _google_time(original)
            event_id = f"{base}_{original.astimezone(UTC):%Y%m%dT%H%M%SZ}"
        server.add(body, event_id)
        ids.append(event_id)
    return ids


class ServedGoogle(Served):
    name = "google"

    def __init__(self, server: GoogleServer, seeded: list[str]) -> None:
        self.server, self.seeded = server, seeded
        self.failing = False

    def reader(self) -> CalendarBackend:
        return GoogleCalendar(LONDON, "primary", credentials=Credentials(token="test"),
                              api_endpoint=self.server.endpoint)

    def fingerprints(self) -> dict[str, str]:
        return {i: self.server.etag(i) for i in self.seeded}

    def move_event(self, uid: str, start: datetime, end: datetime) -> None:
        self.server.modify(_google_id(uid) if "@loom" in uid else uid, start=_google_time(start),
                           end=_google_time(end))

    def delete_event(self, uid: str) -> None:
        self.server.remove(_google_id(uid) if "@loom" in uid else uid)

    def requests(self) -> int:
        return self.server.api_requests()

    def fail_writes(self, fail: bool) -> None:
        server = self.server
        if not fail:
            server.__dict__.pop("route", None)
            return
        real = type(server).route.__get__(server)

        def route(method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any, str | None]:
            if method in ("POST", "PATCH", "DELETE") and "/events" in path:
                raise ApiError(403, "forbidden", "The calendar refused the write.")
            return real(method, path, query, body)

        server.__dict__["route"] = route


# -- the app, configured as a user would ------------------------------------------------------


Edits = dict[str, str]


def configure(home: Path, calendar: str, edits: Edits | None = None) -> Path:
    """The demo week in ``home`` with ``calendar`` as its [calendar] section, and each of
    ``edits`` (a line of the demo's config: its replacement) made."""
    shutil.copytree(DEMO, home)
    config = home / "focusd.toml"
    text = config.read_text().replace('[calendar]\nbackend = "ics"\npaths = ["calendar.ics"]', calendar)
    for old, new in (edits or {}).items():
        assert old in text
        text = text.replace(old, new)
    config.write_text(text)
    return config


@pytest.fixture
def tweaks() -> tuple[datetime, Edits]:
    """The moment the world starts at and the config edits it runs with (a test may parametrize it)."""
    return DEMO_NOW, {}


@pytest.fixture(params=["memory", "caldav", "google"])
def world(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          tweaks: tuple[datetime, Edits]) -> Iterator[tuple[App, Clock, Served]]:
    """An app on the demo week whose calendar is the demo's, on one writable backend."""
    now, edits = tweaks
    clock = Clock(now)
    kind = request.param
    if kind == "memory":
        app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"', edits)), clock)
        yield app, clock, ServedMemory(app)
    elif kind == "caldav":
        with radicale(tmp_path / "radicale", auth=True, seed=split(ICS.read_text())) as server:
            monkeypatch.setenv(PW_ENV, PASSWORD)
            section = (f'[calendar]\nbackend = "caldav"\nurl = "{server.calendar_url}"\nusername = "{USER}"\n'
                       f'password_env = "{PW_ENV}"')
            seeded = server.names()
            app = App(load(configure(tmp_path / "demo", section, edits)), clock)
            yield app, clock, ServedCaldav(server, seeded)
    else:
        server = GoogleServer().start()
        try:
            seeded = google_seed(server, ICS)
            token = tmp_path / "google-token.json"
            token.write_text(Credentials(token="test").to_json())
            token.chmod(0o600)
            config = configure(tmp_path / "demo", f'[calendar]\nbackend = "google"\ntoken_file = "{token}"', edits)
            app = App(load(config), clock)
            # [calendar] has no key for the API's address: the app's backend is pointed at the
            # local server, built as from_config builds it (the mirror in the state folder).
            app.__dict__["calendar"] = GoogleCalendar(LONDON, "primary", credentials=Credentials(token="test"),
                                                      api_endpoint=server.endpoint, cache_dir=app.env.cache_dir)
            yield app, clock, ServedGoogle(server, seeded)
        finally:
            server.stop()
        assert server.problems == []


def brief_text(app: App, day: date = DAY) -> str:
    return compose_brief(app, day).text


# -- scenarios ----------------------------------------------------------------------------------


class Run:
    """Cycles that check, after each one, that no foreign event was touched by focusd."""

    def __init__(self, world: tuple[App, Clock, Served]) -> None:
        self.app, self.clock, self.served = world
        self.foreign = self.served.fingerprints()

    def changed_outside(self) -> None:
        """Another client changed the calendar: its new versions are the ones to keep."""
        self.foreign = self.served.fingerprints()

    def cycle(self) -> booking.BookReport:
        report = sync_once(self.app).blocks
        assert self.served.fingerprints() == self.foreign
        return report

    def blocks(self, item: int | None = None) -> list[tuple[int | None, datetime, datetime]]:
        return [(b.focusd_item, b.start.astimezone(LONDON), b.end.astimezone(LONDON)) for b in self.served.blocks()
                if item is None or b.focusd_item == item]

    def only_block(self, item: int) -> Event:
        (block,) = [b for b in self.served.blocks() if b.focusd_item == item]
        return block


def focus_ids(app: App, day: date = DAY) -> list[int]:
    return [i.id for i in booking.focus_items(app, day) if i.id is not None]


def focus_text(app: App, n: int, day: date = DAY) -> str:
    """Line ``n`` of the brief's focus section, with its details."""
    text = brief_text(app, day)
    section = text.split("Today's focus\n-------------\n", 1)[1].split("\n\n", 1)[0]
    parts = re.split(r"(?m)^(?=\d+\. )", section)
    return next(p for p in parts if p.startswith(f"{n}. "))


def test_first_cycle_books_tagged_busy_blocks_and_a_quiet_cycle_changes_nothing(
        world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    report = run.cycle()
    first = focus_ids(run.app)[0]
    assert (report.created, report.failed) == (1, 0)
    # The demo Thursday has one free 90 minutes (meetings keep a 10-minute buffer): 10:00-11:30.
    assert run.blocks() == [(first, local(10), local(11, 30))]
    block = run.only_block(first)
    item = run.app.store.item(first)
    assert item is not None
    assert block.busy and block.title == f"Focus: {item.title}"
    assert "Maria is waiting" in block.description and "Subject: Deck for the partner meeting" in block.description
    assert "Focus block booked: 10:00–11:30." in focus_text(run.app, 1)
    # Cycles with no change: nothing booked, moved or deleted. The first after a booking reads
    # focusd's own new block back once; from then on a cycle costs one request.
    counts = []
    for _ in range(3):
        before = run.served.requests()
        quiet = run.cycle()
        after = run.served.requests()
        assert not quiet.changed() and not quiet.failed
        assert run.blocks() == [(first, local(10), local(11, 30))]
        if before is not None and after is not None:
            counts.append(after - before)
    print(f"\nrequests per quiet cycle on {run.served.name}: {counts}")
    assert counts == [] or counts[1:] == [1, 1]


def test_a_meeting_moved_onto_a_block_moves_the_block_clear(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    run.served.move_event(INTERVIEW, local(10), local(11))
    run.changed_outside()
    report = run.cycle()
    assert (report.moved, report.deleted) == (1, 0)
    # Clear of the meeting and its buffers: the next free 90 minutes, after the 1:1 (12:30-13:00).
    assert run.blocks(first) == [(first, local(13, 15), local(14, 45))]
    assert "Focus block booked: 13:15–14:45." in focus_text(run.app, 1)
    assert not run.cycle().changed()


def test_a_block_the_owner_deleted_is_not_booked_again_that_day(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    run.served.delete_event(run.only_block(first).uid)
    report = run.cycle()
    assert report.dismissed == 1
    assert run.blocks(first) == []
    run.cycle()
    assert run.blocks(first) == []
    line = focus_text(run.app, 1)
    assert "Focus block" not in line and "Suggested time" not in line
    # The next day it may have its time again.
    run.clock.now = local(7, 30, DAY + timedelta(days=1))
    run.cycle()
    assert [b[1].date() for b in run.blocks(first)] == [DAY + timedelta(days=1)]


def test_a_block_the_owner_moved_stays_where_the_owner_put_it(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    run.served.move_event(run.only_block(first).uid, local(15), local(16, 30))  # over a meeting's buffer
    assert run.cycle().adopted == 1
    assert run.blocks(first) == [(first, local(15), local(16, 30))]
    # For good: a meeting moved onto it later does not move it either.
    run.served.move_event(INTERVIEW, local(15, 30), local(16))
    run.changed_outside()
    report = run.cycle()
    assert not (report.moved or report.deleted)
    assert run.blocks(first) == [(first, local(15), local(16, 30))]
    assert "Focus block booked: 15:00–16:30." in focus_text(run.app, 1)


def test_a_block_the_owner_moved_to_another_day_stays_there(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    friday = DAY + timedelta(days=1)
    run.served.move_event(run.only_block(first).uid, local(14, day=friday), local(15, 30, day=friday))
    run.cycle()
    run.cycle()
    assert run.blocks(first) == [(first, local(14, day=friday), local(15, 30, day=friday))]
    run.clock.now = local(7, 30, friday)
    run.cycle()
    run.cycle()
    assert run.blocks(first) == [(first, local(14, day=friday), local(15, 30, day=friday))]


@pytest.mark.parametrize("tweaks", [(DEMO_NOW, {"max_blocks_per_day = 2": "max_blocks_per_day = 4"})])
def test_the_brief_offers_no_time_today_to_an_item_the_owner_gave_another_day(
        world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    friday = DAY + timedelta(days=1)
    run.served.move_event(run.only_block(first).uid, local(14, day=friday), local(15, 30, day=friday))
    run.served.delete_event(INTERVIEW)  # free time today, so there would be room for it
    run.changed_outside()
    report = run.cycle()
    assert report.adopted == 1 and report.created == 2
    assert run.blocks(first) == [(first, local(14, day=friday), local(15, 30, day=friday))]
    line = focus_text(run.app, 1)
    assert "Focus block" not in line and "Suggested time" not in line


@pytest.mark.parametrize("how", ["store", "reply"])
def test_done_work_loses_its_future_block_and_keeps_its_past_one(world: tuple[App, Clock, Served], how: str) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    friday = DAY + timedelta(days=1)
    run.clock.now = local(7, 30, friday)
    run.cycle()
    # Thursday's block is over; Friday's is ahead (Board prep is at 10:00).
    assert run.blocks(first) == [(first, local(10), local(11, 30)), (first, local(11, 15, friday), local(12, 45, friday))]
    if how == "store":
        run.app.store.update_item(first, {"status": "done"})
    else:
        assert owner_reply(run.app, "done 1", "<r1@loom.example>", {"1": first})
    report = run.cycle()
    assert report.deleted == 1
    assert run.blocks(first) == [(first, local(10), local(11, 30))]
    # The time it held goes to the next focus item in the same cycle, not one cycle later.
    (_, start, end), = [b for b in run.blocks() if b[0] != first and b[1].date() == friday and b[1] < local(12, 45, friday)]
    assert (start, end) == (local(11, 15, friday), local(12, 45, friday))
    assert report.created == 1
    assert not run.cycle().changed()


def owner_reply(app: App, text: str, message_id: str, brief_lines: dict[str, int]) -> list[str]:
    msg = Message(message_id=message_id, subject="Re: Your focus", sender=Address("Ada", "ada@loom.example"), to=[],
                  cc=[], date=app.now(), text=text, reply_text=text, in_reply_to="", references=[],
                  is_brief_reply=True, strict_from="ada@loom.example")
    brief = {"lines": brief_lines, "date": app.today().isoformat()}
    out = apply_reply(app.store, msg, brief, parse(text, app.today(), LONDON), reply_booking(app))
    assert not out.errors
    return out.changes


def test_a_block_asked_for_by_reply_is_booked_then_and_undo_takes_it_off(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    third = focus_ids(run.app)[2]
    friday = DAY + timedelta(days=1)
    owner_reply(run.app, "block 1 90m tomorrow 14:00", "<r1@loom.example>", {"1": third})
    assert run.cycle().created == 1
    assert run.blocks(third) == [(third, local(14, day=friday), local(15, 30, day=friday))]
    assert not run.cycle().changed()
    owner_reply(run.app, "undo", "<r2@loom.example>", {"1": third})
    assert run.cycle().deleted == 1
    assert run.blocks(third) == []
    assert not run.cycle().changed()
    assert run.app.store.blocks(local(0, day=friday), local(0, day=friday + timedelta(days=1)),
                                states=("booked", "requested", "cancelled", "dismissed")) == []


def test_a_block_asked_for_today_by_reply_is_booked_and_kept(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    third = focus_ids(run.app)[2]
    owner_reply(run.app, "block 1 60m 15:15", "<r1@loom.example>", {"1": third})
    report = run.cycle()
    assert (report.created, report.dismissed) == (1, 0)
    assert run.blocks(third) == [(third, local(15, 15), local(16, 15))]
    assert not run.cycle().changed()
    assert run.blocks(third) == [(third, local(15, 15), local(16, 15))]
    assert "Focus block booked: 15:15–16:15." in focus_text(run.app, 3)


def test_a_calendar_that_fails_writes_does_not_stop_the_cycle(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.served.fail_writes(True)
    with structlog.testing.capture_logs() as captured:
        report = sync_once(run.app)
    assert report.blocks.failed == 1 and report.blocks.created == 0 and report.new == 32
    assert [e["action"] for e in captured if e["event"] == "focus.write_failed"] == ["create"]
    # The logs name the item by its id, never by the block's or the mail's text.
    assert not [e for e in captured if "Maria" in repr(e) or "deck" in repr(e)]
    assert run.blocks() == []
    run.served.fail_writes(False)
    assert run.cycle().created == 1
    assert run.blocks() == [(focus_ids(run.app)[0], local(10), local(11, 30))]


def test_a_failed_delete_is_tried_again_next_cycle(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    run.app.store.update_item(first, {"status": "done"})
    run.served.fail_writes(True)
    with structlog.testing.capture_logs() as captured:
        report = sync_once(run.app)
    # Tried once; and while the block still holds its time, nothing is booked over it.
    assert (report.blocks.deleted, report.blocks.created, report.blocks.failed) == (0, 0, 1)
    assert [e["action"] for e in captured if e["event"] == "focus.write_failed"] == ["delete"]
    assert run.blocks(first) == [(first, local(10), local(11, 30))]
    run.served.fail_writes(False)
    assert run.cycle().deleted == 1
    assert run.blocks(first) == []
    assert not run.cycle().changed()


def test_a_block_asked_for_by_reply_waits_out_a_failing_calendar(world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    third = focus_ids(run.app)[2]
    owner_reply(run.app, "block 1 60m 15:15", "<r1@loom.example>", {"1": third})
    run.served.fail_writes(True)
    assert sync_once(run.app).blocks.failed == 1
    assert run.blocks(third) == []
    run.served.fail_writes(False)
    assert run.cycle().created == 1
    assert run.blocks(third) == [(third, local(15, 15), local(16, 15))]


def _asked_for_and_refused(tmp_path: Path) -> tuple[App, Clock, Run, int]:
    """A reply asks for 15:15-16:15 for the third focus item; the calendar refuses the write."""
    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    run = Run((app, clock, ServedMemory(app)))
    run.cycle()
    third = focus_ids(app)[2]
    owner_reply(app, "block 1 60m 15:15", "<r1@loom.example>", {"1": third})
    run.served.fail_writes(True)
    assert sync_once(app).blocks.failed == 1
    return app, clock, run, third


def test_the_brief_does_not_call_a_block_booked_before_it_is_on_the_calendar(tmp_path: Path) -> None:
    app, _, run, third = _asked_for_and_refused(tmp_path)
    assert run.blocks(third) == []
    assert "Focus block booked" not in focus_text(app, 3)
    assert "Focus block asked for: 15:15–16:15" in focus_text(app, 3)


def test_nothing_is_booked_over_a_block_asked_for_whose_booking_failed(tmp_path: Path) -> None:
    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    served = ServedMemory(app)
    run = Run((app, clock, served))
    run.cycle()
    served.delete_event(INTERVIEW)  # the afternoon is free
    run.changed_outside()
    first, _, third = focus_ids(app)[:3]
    owner_reply(app, "block 1 60m 13:15", "<r1@loom.example>", {"1": third})
    served.failures = 1
    report = run.cycle()
    assert (report.failed, report.created) == (1, 0)
    assert run.cycle().created == 1
    # The day's two blocks: the one booked first, and the one the owner asked for; none overlap.
    assert sorted((b[1], b[2], b[0]) for b in run.blocks()) == [(local(10), local(11, 30), first),
                                                               (local(13, 15), local(14, 15), third)]
    assert "Focus block" not in focus_text(app, 2)


# -- nothing written ------------------------------------------------------------------------------


@pytest.mark.parametrize("calendar", ["ics", "memory, book = false"])
def test_without_booking_nothing_is_written_and_the_brief_suggests_a_time(tmp_path: Path, calendar: str) -> None:
    home = tmp_path / "demo"
    if calendar == "ics":
        config = configure(home, '[calendar]\nbackend = "ics"\npaths = ["calendar.ics"]')
    else:
        config = configure(home, '[calendar]\nbackend = "memory"')
        config.write_text(config.read_text().replace('latest = "17:30"', 'latest = "17:30"\nbook = false'))
    app = App(load(config), Clock(DEMO_NOW))
    if calendar != "ics":
        served = ServedMemory(app)
        seeded = served.fingerprints()
    ics = (home / "calendar.ics").read_bytes()
    for _ in range(2):
        report = sync_once(app).blocks
        assert not report.changed() and not report.failed
    assert (home / "calendar.ics").read_bytes() == ics
    if calendar != "ics":
        assert served.blocks() == [] and served.fingerprints() == seeded
    assert app.store.blocks(local(0, day=DAY - timedelta(days=1)), local(0, day=DAY + timedelta(days=30)),
                            states=("booked", "requested", "dismissed", "cancelled")) == []
    assert "Suggested time: 10:00–11:30 (free on your calendar)." in focus_text(app, 1)


# -- daylight saving ----------------------------------------------------------------------------


ALL_DAY_EVERY_DAY = {'working_hours = "09:00-18:00"': 'working_hours = "00:00-23:59"',
                     'working_days = "mon-fri"': 'working_days = "mon-sun"',
                     'earliest = "09:00"': 'earliest = "00:00"'}


@pytest.mark.parametrize(("tweaks", "first", "second"), [
    # 29 March 2026: London goes from 01:00 GMT to 02:00 BST.
    ((datetime(2026, 3, 29, 0, 0, tzinfo=UTC), ALL_DAY_EVERY_DAY), "00:00–02:30", "02:30–04:00"),
    # 25 October 2026: from 02:00 BST back to 01:00 GMT.
    ((datetime(2026, 10, 24, 23, 0, tzinfo=UTC), ALL_DAY_EVERY_DAY), "00:00–01:30", "01:30–02:00"),
], ids=["march", "october"])
def test_blocks_on_a_daylight_saving_day_last_90_real_minutes(world: tuple[App, Clock, Served], first: str,
                                                               second: str) -> None:
    run = Run(world)
    now = run.clock.now
    assert run.cycle().created == 2
    day = run.app.today()
    assert day.weekday() == 6
    blocks = sorted(run.served.blocks(), key=lambda b: b.start)
    # In UTC: two datetimes in one ZoneInfo subtract by wall clock, which is wrong across a change.
    assert [b.end.astimezone(UTC) - b.start.astimezone(UTC) for b in blocks] == [timedelta(minutes=90)] * 2
    assert [b.start.astimezone(UTC) for b in blocks] == [now, now + timedelta(minutes=90)]
    assert [b.focusd_item for b in blocks] == focus_ids(run.app, day)[:2]
    assert f"Focus block booked: {first}." in focus_text(run.app, 1, day)
    assert f"Focus block booked: {second}." in focus_text(run.app, 2, day)
    assert not run.cycle().changed()


def test_a_block_asked_for_whose_time_went_by_unbooked_is_forgotten(tmp_path: Path) -> None:
    app, clock, run, third = _asked_for_and_refused(tmp_path)
    clock.now = DEMO_NOW + timedelta(hours=9)  # 16:30, after the hour asked for
    run.served.fail_writes(False)
    with structlog.testing.capture_logs() as logs:
        sync_once(app)
    assert "focus.request_expired" in [e["event"] for e in logs]
    assert app.store.blocks(DEMO_NOW - timedelta(days=1), DEMO_NOW + timedelta(days=2),
                            states=("requested",)) == []
    assert run.blocks(third) == []


# -- what an attacker or a second process can do -------------------------------------------------


def test_an_invitation_carrying_focusds_tag_takes_no_items_focus_time(tmp_path: Path) -> None:
    from connectors.types import Attendee

    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    run = Run((app, clock, ServedMemory(app)))
    run.served.fail_writes(True)
    sync_once(app)  # the items are there; the calendar took no block yet
    run.served.fail_writes(False)
    top = focus_ids(app)[0]
    forged = Event(uid="invite@evil.example", title="Sync", start=local(7, 0, day=DAY + timedelta(days=3)),
                   end=local(7, 30, day=DAY + timedelta(days=3)), focusd_item=top,
                   attendees=[Attendee("mallory@evil.example", status="accepted")])
    run.served.cal._events.append(forged)
    run.cycle()
    today = [b for b in run.blocks(top) if b[1].astimezone(LONDON).date() == DAY]
    assert [b[0] for b in today] == [top]  # booked today all the same
    assert forged in run.served.cal._events  # and the invitation left alone


def test_a_second_process_booking_at_the_same_time_books_nothing(tmp_path: Path) -> None:
    import fcntl
    import os

    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    run = Run((app, clock, ServedMemory(app)))
    path = Path(app.settings["storage"]["path"])
    fd = os.open(path.with_name(path.name + ".booking.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another focusd process booking now
    try:
        with structlog.testing.capture_logs() as logs:
            report = run.cycle()
        assert report.created == 0 and run.blocks() == []
        assert {"event": "focus.not_booked", "reason": "another focusd process is booking",
                "log_level": "info"} in logs
    finally:
        os.close(fd)
    assert run.cycle().created == 1


def test_a_block_booked_after_the_calendar_was_read_is_not_taken_for_deleted(tmp_path: Path) -> None:
    from dataclasses import replace as dc_replace

    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    Run((app, clock, ServedMemory(app)))  # seeds the calendar
    sync_once(app)  # booked; the stored copy of the calendar does not show the block yet
    (block,) = app.store.blocks(DEMO_NOW - timedelta(days=1), DEMO_NOW + timedelta(days=1))
    # Another process read the calendar before this block was written, and stored that copy.
    status = app.store.status("calendar") or {}
    earlier = (DEMO_NOW - timedelta(minutes=5)).isoformat(timespec="seconds")
    app.store.set_status("calendar", {k: v for k, v in status.items() if k != "updated_at"} | {"read_at": earlier})
    clock.now = DEMO_NOW + timedelta(minutes=1)
    app.store.update_block(dc_replace(block))  # written after that read
    report = booking.book(app)
    assert report.dismissed == 0
    kept = app.store.block(block.id or 0)
    assert kept is not None and kept.state == "booked"


def test_a_block_asked_for_and_booked_just_before_a_crash_is_not_booked_twice(tmp_path: Path) -> None:
    from dataclasses import replace as dc_replace

    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    run = Run((app, clock, ServedMemory(app)))
    run.cycle()
    third = focus_ids(app)[2]
    owner_reply(app, "block 1 60m 15:15", "<r1@loom.example>", {"1": third})
    assert run.cycle().created == 1
    (block,) = app.store.blocks(DEMO_NOW, DEMO_NOW + timedelta(days=1), item_id=third)
    # As if focusd died after the calendar took the block and before the store noted it.
    app.store.update_block(dc_replace(block, state="requested", uid=""))
    report = run.cycle()
    assert report.created == 0
    assert run.blocks(third) == [(third, local(15, 15), local(16, 15))]
    (kept,) = app.store.blocks(DEMO_NOW, DEMO_NOW + timedelta(days=1), item_id=third)
    assert kept.state == "booked" and kept.uid


def test_a_block_booked_before_a_crash_kept_it_from_the_store_is_taken_back_not_booked_twice(
        world: tuple[App, Clock, Served]) -> None:
    run = Run(world)
    run.cycle()
    first = focus_ids(run.app)[0]
    (stored,) = run.app.store.blocks(local(0), local(23), states=("booked",))
    # The process died after the calendar took the block and before the store recorded it.
    with run.app.store.write():
        run.app.store.db.execute("DELETE FROM blocks WHERE id = ?", [stored.id])
    report = run.cycle()
    assert report.created == 0 and len(run.blocks(first)) == 1  # not booked a second time
    (again,) = run.app.store.blocks(local(0), local(23), states=("booked",))
    assert (again.item_id, again.uid, again.start, again.end) == (first, stored.uid, stored.start, stored.end)
    assert run.app.store.block_uids([stored.uid or "", "unknown-uid"], states=("booked",)) == {stored.uid}


def test_no_block_is_booked_for_work_the_brief_asks_about_as_stale(tmp_path: Path) -> None:
    """Months on, a sync booked 'Focus: Unblock: their IdP metadata' for an item the morning's
    brief listed only under "Still relevant?": a block on the calendar that no line of the brief
    named. Blocks now go only to items the brief can show as focus."""
    from connectors.types import day_span
    from planner.brief import to_json as to_json_brief

    clock = Clock(datetime(2026, 11, 19, 7, 30, tzinfo=UTC))
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"',
                             {"max_blocks_per_day = 2": "max_blocks_per_day = 3"})), clock)
    sync_once(app)
    top = booking.focus_items(app, app.today())[0]
    assert top.id is not None
    app.store.set_due(top.id, "2026-11-02", "2026-11-01T09:00:00+00:00")  # long overdue: the stalest of all
    clock.now = datetime(2027, 3, 29, 6, 30, tzinfo=UTC)  # a Monday, months later, with no new mail
    sync_once(app)
    brief = compose_brief(app, app.today())
    data = to_json_brief(brief)
    stale = {row["id"] for row in data["stale"]}
    focus = {row["id"] for row in data["focus"]}
    assert top.id in stale, "the stalest work is asked about"
    booked = {b.item_id for b in app.store.blocks(*day_span(app.today(), LONDON), states=("booked",))}
    assert booked and booked <= focus and not booked & stale


def test_a_block_asked_for_at_a_busy_or_late_time_is_booked_as_asked_and_said_to_clash(tmp_path: Path) -> None:
    """`block 2 60m tomorrow 09:30` sat on the team standup, and 17:00-18:30 ran past the focus
    hours, and the confirmation said neither."""
    clock = Clock(DEMO_NOW)
    app = App(load(configure(tmp_path / "demo", '[calendar]\nbackend = "memory"')), clock)
    run = Run((app, clock, ServedMemory(app)))
    run.cycle()
    third = focus_ids(app)[2]
    (said,) = owner_reply(app, "block 1 60m 16:15", "<r1@loom.example>", {"1": third})
    assert "; it overlaps “Call with Maria Chen" in said
    (late,) = owner_reply(app, "block 1 90m tomorrow 18:00", "<r2@loom.example>", {"1": third})
    assert "; it is outside your focus hours (" in late and "overlaps" not in late
    (away,) = owner_reply(app, "block 1 60m 27 nov 10:00", "<r3@loom.example>", {"1": third})
    assert "Fri 27 Nov 10:00–11:00" in away, away
    assert "; that day your calendar is busy all day (“Team offsite”)" in away and "overlaps" not in away


@pytest.mark.parametrize("world", ["google"], indirect=True)
def test_a_calendar_that_refuses_every_write_is_left_alone_and_the_brief_says_why(
        world: tuple[App, Clock, Served]) -> None:
    """A calendar shared with focusd read-only answers every write 403. After three cycles in a
    row, focusd stops trying for six hours: times are suggested, `sync` says why once, and the
    brief has a health line. Write access back, the next try books."""
    run = Run(world)
    assert isinstance(run.served, ServedGoogle)
    run.served.fail_writes(True)
    reports = [sync_once(run.app) for _ in range(3)]
    assert [r.blocks.failed for r in reports] == [1, 1, 1]
    assert not any("refused focusd's focus blocks" in p for r in reports[:2] for p in r.problems)
    assert any("refused focusd's focus blocks" in p and "[focus].book = false" in p for p in reports[2].problems)
    writes = run.served.server.api_requests()
    with structlog.testing.capture_logs() as captured:
        quiet = sync_once(run.app)
    assert quiet.blocks.failed == 0 and not quiet.problems
    assert not [e for e in captured if e["event"] == "focus.write_failed"]
    assert run.served.server.api_requests() - writes <= 2  # reads only (the calendar's changes)
    text = compose_brief(run.app, run.app.today()).text
    assert "Health: your calendar refused focusd's focus blocks" in text and "Suggested time" in text
    run.served.fail_writes(False)
    run.clock.now += timedelta(days=1)  # Friday morning, past the pause: time enough to book
    assert run.cycle().created >= 1
    assert "refused focusd's focus blocks" not in compose_brief(run.app, run.app.today()).text
