"""The Google backend: the real client library against the local Calendar v3 server."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from google.oauth2.credentials import Credentials

from connectors import BackendEnv
from connectors.calendar import BACKENDS
from connectors.calendar import google as google_module
from connectors.calendar.base import CalendarBackend, CalendarError, Gone, NotOurs
from connectors.calendar.google import GoogleCalendar, mirror_file
from connectors.types import Event
from tests.calendar_contract import DAY, LONDON, CalendarBackendContract, _t
from tests.google_server import GoogleServer, validate

NEW_YORK = ZoneInfo("America/New_York")


def london(day: int, h: int, m: int = 0, month: int = 11) -> dict[str, str]:
    return {"dateTime": datetime(2026, month, day, h, m, tzinfo=LONDON).isoformat(), "timeZone": "Europe/London"}


def seed(server: GoogleServer) -> None:
    """The contract's SEED as Google holds it: a removed occurrence is a cancelled exception."""
    server.add({"summary": "Standup", "start": london(2, 9, 30), "end": london(2, 9, 45),
                "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"]}, "standup01")
    server.add({"recurringEventId": "standup01", "originalStartTime": london(20, 9, 30), "status": "cancelled",
                "start": london(20, 9, 30), "end": london(20, 9, 45)}, "standup01_20261120T093000Z")
    server.add({"summary": "1:1", "start": london(5, 11), "end": london(5, 11, 30),
                "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=TH"]}, "oneonone1")
    server.add({"summary": "1:1 (moved)", "recurringEventId": "oneonone1", "originalStartTime": london(19, 11),
                "start": london(19, 12, 30), "end": london(19, 13)}, "oneonone1_20261119T110000Z")
    server.add({"summary": "Interview", "start": {"dateTime": "2026-11-19T14:00:00Z"},
                "end": {"dateTime": "2026-11-19T15:00:00Z"},
                "attendees": [{"email": "ada@example.com", "responseStatus": "accepted"},
                              {"email": "alex@x.example", "responseStatus": "tentative"}]}, "interview1")
    server.add({"summary": "Offsite", "start": {"date": "2026-11-21"}, "end": {"date": "2026-11-22"}}, "offsite01")


def connect(server: GoogleServer, cache: Path | None = None, **kw: Any) -> GoogleCalendar:
    return GoogleCalendar(LONDON, "primary", credentials=kw.pop("credentials", Credentials(token="test")),
                          api_endpoint=server.endpoint, cache_dir=cache, **kw)


@pytest.fixture
def server() -> Iterator[GoogleServer]:
    srv = GoogleServer().start()
    yield srv
    srv.stop()
    assert srv.problems == []  # every body on the wire followed Google's schema


class TestGoogle(CalendarBackendContract):
    @pytest.fixture(autouse=True)
    def _server(self, server: GoogleServer) -> None:
        self.server = server

    def backend(self, tmp_path: Path) -> CalendarBackend:
        if not self.server.events:
            seed(self.server)
        return connect(self.server, tmp_path)

    def fingerprint(self, cal: CalendarBackend, uid: str) -> str | None:
        return self.server.etag(uid)


# -- reading ----------------------------------------------------------------------------------


def test_recurring_meeting_with_a_moved_and_a_cancelled_occurrence_and_exdate(server: GoogleServer,
                                                                           tmp_path: Path) -> None:
    server.add({"summary": "Sync", "start": london(2, 16), "end": london(2, 16, 30),
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=10", "EXDATE;TZID=Europe/London:20261104T160000"]}, "sync0001")
    server.add({"summary": "Sync (late)", "recurringEventId": "sync0001", "originalStartTime": london(5, 16),
                "start": london(5, 17), "end": london(5, 17, 30)}, "sync0001_20261105T160000Z")
    server.add({"recurringEventId": "sync0001", "originalStartTime": london(6, 16), "status": "cancelled"},
               "sync0001_20261106T160000Z")
    cal = connect(server, tmp_path)
    got = [(e.title, e.start.astimezone(LONDON).day, e.start.astimezone(LONDON).hour, e.uid)
           for e in cal.events(_t(0, day=2), _t(0, day=8))]
    assert got == [("Sync", 2, 16, "sync0001"), ("Sync", 3, 16, "sync0001"), ("Sync (late)", 5, 17, "sync0001"),
                   ("Sync", 7, 16, "sync0001")]


def test_an_occurrence_cancelled_later_disappears_on_the_next_sync(server: GoogleServer) -> None:
    server.add({"summary": "Sync", "start": london(2, 16), "end": london(2, 16, 30),
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}, "sync0001")
    cal = connect(server)
    assert len(cal.events(_t(0, day=2), _t(0, day=5))) == 3
    server.add({"recurringEventId": "sync0001", "originalStartTime": london(3, 16), "status": "cancelled"},
               "sync0001_20261103T160000Z")
    assert [e.start.day for e in cal.events(_t(0, day=2), _t(0, day=5))] == [2, 4]
    server.remove("sync0001")  # the whole series goes, exceptions too
    assert cal.events(_t(0, day=2), _t(0, day=5)) == []
    assert cal.mirror.objects == {}


def test_all_day_event(server: GoogleServer) -> None:
    server.add({"summary": "Holiday", "start": {"date": "2026-12-24"}, "end": {"date": "2026-12-27"}}, "holiday01")
    (event,) = connect(server).events(datetime(2026, 12, 25, tzinfo=LONDON), datetime(2026, 12, 26, tzinfo=LONDON))
    assert (event.all_day, event.start.date().isoformat(), event.end.date().isoformat()) == (
        True, "2026-12-24", "2026-12-27")


def test_an_event_in_another_time_zone(server: GoogleServer) -> None:
    server.add({"summary": "NY call", "start": {"dateTime": "2026-11-19T09:00:00-05:00", "timeZone": "America/New_York"},
                "end": {"dateTime": "2026-11-19T10:00:00-05:00", "timeZone": "America/New_York"},
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}, "nycall01")
    events = connect(server).events(_t(0, day=19), _t(0, day=27))
    # New York and London leave summer time a week apart; by now both are in winter: 5 hours
    assert [e.start.astimezone(LONDON).hour for e in events] == [14, 14]
    assert events[0].start.astimezone(NEW_YORK).hour == 9


def test_a_daylight_saving_week_keeps_the_wall_clock(server: GoogleServer) -> None:
    server.add({"summary": "Daily", "start": london(22, 9, month=10), "end": london(22, 10, month=10),
                "recurrence": ["RRULE:FREQ=DAILY"]}, "daily001")
    events = connect(server).events(datetime(2026, 10, 23, tzinfo=LONDON), datetime(2026, 10, 28, tzinfo=LONDON))
    assert [e.start.astimezone(LONDON).hour for e in events] == [9] * 5  # clocks go back on the 25th
    assert [e.start.utcoffset() for e in events] == [timedelta(hours=1)] * 2 + [timedelta(0)] * 3


def test_attendees_organizer_transparency_and_tag(server: GoogleServer) -> None:
    server.add({"summary": "Lunch", "start": london(19, 12), "end": london(19, 13), "transparency": "transparent",
                "organizer": {"email": "Ada@Example.com", "displayName": "Ada"},
                "attendees": [{"email": "me@example.com", "responseStatus": "declined", "self": True},
                              {"email": "bo@example.com", "responseStatus": "needsAction", "displayName": "Bo"}],
                "extendedProperties": {"private": {"focusd": "not-a-number"}}}, "lunch0001")
    (event,) = connect(server).events(DAY, DAY + timedelta(days=1))
    assert (event.busy, event.organizer, event.focusd_item) == (False, "ada@example.com", None)
    assert [(a.email, a.name, a.status) for a in event.attendees] == [
        ("me@example.com", "", "declined"), ("bo@example.com", "Bo", "needs-action")]


def test_a_hostile_recurrence_line_skips_only_that_event(server: GoogleServer) -> None:
    server.add({"summary": "Bad", "start": london(19, 9), "end": london(19, 10),
                "recurrence": ["RRULE:FREQ=DAILY", "SUMMARY:injected"]}, "bad000001")
    server.add({"summary": "Good", "start": london(19, 11), "end": london(19, 12)}, "good00001")
    assert [e.title for e in connect(server).events(DAY, DAY + timedelta(days=1))] == ["Good"]


# -- sync -------------------------------------------------------------------------------------


def test_a_sync_with_no_change_is_one_request(server: GoogleServer, tmp_path: Path) -> None:
    seed(server)
    cal = connect(server, tmp_path)
    first = cal.events(DAY, DAY + timedelta(days=1))
    assert server.api_requests() == 1
    before = server.api_requests()
    assert cal.events(DAY, DAY + timedelta(days=1)) == first
    assert server.api_requests() - before == 1
    # a new process reads the saved copy and still asks only for changes
    again = connect(server, tmp_path)
    before = server.api_requests()
    assert again.events(DAY, DAY + timedelta(days=1)) == first
    assert server.api_requests() - before == 1
    assert [("syncToken=" in query, "pageToken" in query) for _, _, query in server.requests] == [
        (False, False), (True, False), (True, False)]
    path = mirror_file(tmp_path, "primary")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["token"]


def test_a_change_made_elsewhere_arrives_with_the_next_sync(server: GoogleServer) -> None:
    seed(server)
    cal = connect(server)
    cal.events(DAY, DAY + timedelta(days=1))
    server.modify("interview1", start={"dateTime": "2026-11-19T16:00:00Z"}, end={"dateTime": "2026-11-19T17:00:00Z"})
    server.remove("offsite01")
    events = cal.events(DAY, DAY + timedelta(days=3))
    assert [e.title for e in events if e.title in ("Interview", "Offsite")] == ["Interview"]
    assert next(e for e in events if e.title == "Interview").start == _t(16)


def test_an_expired_token_means_one_full_resync_without_duplicates(server: GoogleServer) -> None:
    seed(server)
    cal = connect(server)
    first = cal.events(DAY, DAY + timedelta(days=3))
    server.expire_tokens()
    server.remove("offsite01")  # a deletion the resync must not miss
    before = server.api_requests()
    again = cal.events(DAY, DAY + timedelta(days=3))
    assert server.api_requests() - before == 2  # the 410, then one full listing
    assert again == [e for e in first if e.title != "Offsite"]
    assert len(cal.mirror.objects) == 5


def test_pagination_reads_every_page(server: GoogleServer) -> None:
    server.page_limit = 3
    for i in range(10):
        server.add({"summary": f"Meeting {i}", "start": london(19, 8 + i), "end": london(19, 8 + i, 30)},
                   f"meeting{i:03d}")
    cal = connect(server)
    assert len(cal.events(DAY, DAY + timedelta(days=1))) == 10
    assert server.api_requests() == 4  # 3 + 3 + 3 + 1
    for i in range(7):
        server.modify(f"meeting{i:03d}", summary=f"Changed {i}")
    titles = [e.title for e in cal.events(DAY, DAY + timedelta(days=1))]
    assert server.api_requests() == 7  # the changes span three pages too
    assert titles == [f"Changed {i}" for i in range(7)] + [f"Meeting {i}" for i in range(7, 10)]


# -- writing ----------------------------------------------------------------------------------


def test_a_block_is_busy_tagged_and_described(server: GoogleServer) -> None:
    cal = connect(server)
    made = cal.create_block(Event(uid="", title="Focus: deck", start=_t(15, 30), end=_t(17), focusd_item=42,
                                  description="why: it blocks the round\nsource: mail from Ada"))
    stored = server.events[made.uid]
    assert stored["extendedProperties"] == {"private": {"focusd": "42"}}
    assert (stored["transparency"], stored["summary"], stored["start"]["timeZone"]) == (
        "opaque", "Focus: deck", "Europe/London")
    assert stored["description"].startswith("why: it blocks the round")
    tag = server.etag(made.uid)
    cal.move_block(made.uid, _t(16), _t(17, 30))
    assert server.etag(made.uid) != tag
    assert set(server.events[made.uid]) >= {"start", "end"} and server.events[made.uid]["summary"] == "Focus: deck"
    assert [(e.uid, e.start) for e in cal.events(DAY, DAY + timedelta(days=1))] == [(made.uid, _t(16))]
    patches = [r for r in server.requests if r[0] == "PATCH"]
    assert len(patches) == 1


def test_a_block_the_owner_deleted_is_gone(server: GoogleServer) -> None:
    cal = connect(server)
    made = cal.create_block(Event(uid="", title="Focus", start=_t(15), end=_t(16), focusd_item=1))
    server.remove(made.uid)
    with pytest.raises(Gone):
        cal.move_block(made.uid, _t(16), _t(17))
    with pytest.raises(Gone):
        cal.delete_block(made.uid)
    assert cal.events(DAY, DAY + timedelta(days=1)) == []


def test_foreign_events_are_never_written(server: GoogleServer) -> None:
    seed(server)
    cal = connect(server)
    tags = {i: server.etag(i) for i in server.events}
    for uid in ("interview1", "standup01", "oneonone1_20261119T110000Z"):
        with pytest.raises(NotOurs):
            cal.move_block(uid, _t(16), _t(17))
        with pytest.raises(NotOurs):
            cal.delete_block(uid)
    assert {i: server.etag(i) for i in server.events} == tags
    assert not [r for r in server.requests if r[0] in ("PATCH", "DELETE", "PUT", "POST")]


def test_check_and_check_write(server: GoogleServer) -> None:
    cal = connect(server)
    assert "readable" in cal.check()
    assert cal.check_write() == "writable (owner)"
    server.access_role = "reader"
    with pytest.raises(CalendarError, match="focusd can only read"):
        cal.check_write()
    assert not [r for r in server.requests if r[0] != "GET"]


# -- tokens -----------------------------------------------------------------------------------


def test_a_revoked_token_is_one_sentence(server: GoogleServer, tmp_path: Path) -> None:
    server.revoked = True
    creds = Credentials(token="test", refresh_token="r", token_uri=server.token_uri, client_id="c",
                        client_secret="s")
    with pytest.raises(CalendarError) as raised:
        connect(server, credentials=creds).events(DAY, DAY + timedelta(days=1))
    assert str(raised.value) == "Google refused focusd's token (revoked or expired): run `focusd auth google` again"


def test_a_missing_token_file_says_what_to_run(server: GoogleServer, tmp_path: Path) -> None:
    cal = GoogleCalendar.from_config({"calendar_id": "primary", "token_file": str(tmp_path / "none.json")},
                                     BackendEnv(tz=LONDON, secret=lambda name: ""))
    with pytest.raises(CalendarError, match=r"yet: run `focusd auth google` to sign in \(`--headless` on a server"):
        cal.check()


def test_a_refreshed_token_is_written_back_private(server: GoogleServer, tmp_path: Path) -> None:
    token_file = tmp_path / "google-token.json"
    # google-auth always refreshes a loaded file at Google's own endpoint, so the test hands over
    # credentials that refresh here, and the file they are written back to
    creds = Credentials(token="stale", refresh_token="r", token_uri=server.token_uri, client_id="c",
                        client_secret="s")
    cal = GoogleCalendar(LONDON, "primary", credentials=creds, token_file=token_file, api_endpoint=server.endpoint)
    assert cal.events(DAY, DAY + timedelta(days=1)) == []
    saved = json.loads(token_file.read_text())
    assert saved["token"] in server.access_tokens and saved["token"] != "stale"
    assert saved["refresh_token"] == "r"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600


def test_registered_and_built_from_config(tmp_path: Path) -> None:
    assert BACKENDS["google"] == "connectors.calendar.google:GoogleCalendar"
    cal = GoogleCalendar.from_config({"calendar_id": "team@example.com", "token_file": str(tmp_path / "t.json")},
                                     BackendEnv(tz=LONDON, secret=lambda name: "", cache_dir=tmp_path))
    assert cal.mirror.path == mirror_file(tmp_path, "team@example.com")
    assert "team" not in cal.mirror.path.name


# -- the local server itself --------------------------------------------------------------------


def test_the_server_refuses_what_google_would(server: GoogleServer) -> None:
    assert validate({"summary": 3, "colour": "red", "start": {"dateTime": "2026-11-19T10:00:00"}},
                    {"$ref": "Event"}, "Event") == [
        "Event.summary: expected string, got int", "Event: unknown property 'colour'",
        "Event.start.dateTime: date-time without an offset"]
    cal = connect(server)
    with pytest.raises(CalendarError, match="HTTP 400"):
        cal._run(cal._api().events().insert(calendarId="primary", body={"summary": "x", "colour": "red"}), "insert")
    assert server.problems == ["insert body: unknown property 'colour'"]
    server.problems.clear()


def test_text_cannot_forge_focusds_tag(server: GoogleServer) -> None:
    forged = "Lunch\r\nX-FOCUSD-ITEM:5\r\nEND:VEVENT"
    server.add({"summary": forged, "description": forged, "location": forged, "start": london(19, 12),
                "end": london(19, 13), "attendees": [{"email": "a@example.com", "displayName": 'A"\r\nX-FOCUSD-ITEM:5'}]},
               "forged001")
    cal = connect(server)
    (event,) = cal.events(DAY, DAY + timedelta(days=1))
    assert (event.focusd_item, event.title) == (None, forged.replace("\r", ""))  # iCalendar keeps \n only
    with pytest.raises(NotOurs):
        cal.move_block("forged001", _t(16), _t(17))


def test_an_exception_deleted_bare_stays_cancelled() -> None:
    # Google may list a deleted exception with little more than its id: the copy knows its series
    cal = GoogleCalendar(LONDON, "primary", service=object())
    cal._apply({"id": "sync0001", "summary": "Sync", "start": london(2, 16), "end": london(2, 16, 30),
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]})
    cal._apply({"id": "sync0001_20261103T160000Z", "recurringEventId": "sync0001", "summary": "Sync (moved)",
                "originalStartTime": london(3, 16), "start": london(3, 18), "end": london(3, 18, 30)})
    assert [e.start.hour for e in cal.mirror.events(_t(0, day=2), _t(0, day=5), "g")[0]] == [16, 18, 16]
    cal._apply({"id": "sync0001_20261103T160000Z", "status": "cancelled"})
    assert [e.start.day for e in cal.mirror.events(_t(0, day=2), _t(0, day=5), "g")[0]] == [2, 4]
    cal._apply({"id": "sync0001", "status": "cancelled"})
    assert cal.mirror.objects == {}


GOOD = {"id": "goodone1", "status": "confirmed", "summary": "Good", "start": {"dateTime": "2026-11-19T10:00:00Z"},
        "end": {"dateTime": "2026-11-19T11:00:00Z"}}


def test_a_page_token_that_never_ends_is_cut_and_said(server: GoogleServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(google_module, "MAX_PAGES", 5)

    def endless(answer: dict[str, Any]) -> dict[str, Any]:
        answer.pop("nextSyncToken", None)
        answer["items"] = [GOOD]
        server.pages["again"] = ([], "sync00000000")  # the page token is accepted again and again
        return answer | {"nextPageToken": "again"}

    server.tamper = endless
    cal = connect(server)
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Good"]
    assert server.api_requests() == 5
    assert cal.incomplete == "Google Calendar listed more than 5 pages, so only part of the calendar was read"
    assert cal.mirror.token is None


@pytest.mark.parametrize("broken", [{"extendedProperties": "x"}, {"extendedProperties": ["a"]},
                                    {"extendedProperties": {"private": ["focusd"]}},
                                    {"extendedProperties": {"private": "focusd=3"}}])
def test_a_wrongly_typed_extended_property_is_taken_as_absent(server: GoogleServer, broken: dict[str, Any]) -> None:
    server.tamper = lambda answer: answer | {"items": [GOOD, GOOD | {"id": "broken01", "summary": "Broken"} | broken]}
    cal = connect(server)
    found = cal.events(DAY, DAY + timedelta(days=1))
    assert [(e.title, e.focusd_item) for e in found] == [("Broken", None), ("Good", None)]
    assert cal.incomplete == ""


def test_entries_that_are_not_events_are_skipped(server: GoogleServer) -> None:
    server.tamper = lambda answer: answer | {"items": ["x", 5, None, GOOD], "nextPageToken": 7}
    cal = connect(server)
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Good"]


@pytest.mark.parametrize("tag", ["\u0663", "100000000000000000000", "-1", "1e9"])
def test_a_tag_is_an_item_id_only_as_a_few_ascii_digits(server: GoogleServer, tag: str) -> None:
    server.add({"summary": "Tagged", "start": london(19, 12), "end": london(19, 13),
                "extendedProperties": {"private": {"focusd": tag}}}, "tagged001")
    cal = connect(server)
    (event,) = cal.events(DAY, DAY + timedelta(days=1))
    assert event.focusd_item is None
    with pytest.raises(NotOurs):
        cal.delete_block("tagged001")
