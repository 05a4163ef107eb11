"""The CalDAV backend against a real Radicale (tests/radicale_server.py): the shared contract, sync
request counts, discovery, conflicts and the errors a user sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors import BackendEnv, load_backend
from connectors.calendar import BACKENDS
from connectors.calendar import caldav as caldav_module
from connectors.calendar.base import CalendarError, NotOurs
from connectors.calendar.caldav import CaldavCalendar
from connectors.types import Event
from tests.calendar_contract import DAY, LONDON, SEED, CalendarBackendContract, _t
from tests.radicale_server import PASSWORD, USER, Radicale, radicale, split
from tests.servers import free_port

NEW_YORK = ZoneInfo("America/New_York")

# A weekly meeting across the end of US summer time (Sunday 1 November 2026), with its zone.
DST = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//another client//EN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:sync@ny
DTSTAMP:20261001T000000Z
SUMMARY:NY sync
DTSTART;TZID=America/New_York:20261027T090000
DTEND;TZID=America/New_York:20261027T093000
RRULE:FREQ=WEEKLY;COUNT=3
END:VEVENT
END:VCALENDAR
"""

FOREIGN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//another client//EN
BEGIN:VEVENT
UID:lunch@x
DTSTAMP:20261101T000000Z
SUMMARY:Lunch
DTSTART:20261119T120000Z
DTEND:20261119T130000Z
END:VEVENT
END:VCALENDAR
"""


def _name(uid: str) -> str:
    """The object name tests/radicale_server.split gives a seeded event."""
    return uid.replace("@", "-") + ".ics"


def _block_name(uid: str) -> str:
    return uid + ".ics"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Radicale]:
    with radicale(tmp_path / "radicale", auth=True, seed=split(SEED)) as r:
        yield r


def _calendar(url: str, tmp_path: Path | None = None, password: str = PASSWORD) -> CaldavCalendar:
    env = BackendEnv(tz=LONDON, secret=lambda name: password, cache_dir=tmp_path)
    return CaldavCalendar.from_config({"url": url, "username": USER}, env)


class TestCaldav(CalendarBackendContract):
    @pytest.fixture(autouse=True)
    def _server(self, server: Radicale) -> None:
        self.server = server

    def backend(self, tmp_path: Path) -> CaldavCalendar:
        return _calendar(self.server.calendar_url, tmp_path / "cache")

    def fingerprint(self, cal: object, uid: str) -> str | None:
        return self.server.etag(_name(uid))


def test_registered_and_built_from_config(server: Radicale, tmp_path: Path) -> None:
    cls = load_backend(BACKENDS, "calendar", "caldav")
    asked: list[str] = []
    env = BackendEnv(tz=LONDON, secret=lambda name: asked.append(name) or PASSWORD, cache_dir=tmp_path)
    cal = cls.from_config({"url": server.calendar_url, "username": USER}, env)
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "1:1 (moved)", "Interview"]
    assert asked == ["calendar.password"]
    assert list(tmp_path.glob("calendar-caldav-*.json"))  # the mirror is kept beside the store


def test_discovery_from_the_server_root(server: Radicale) -> None:
    cal = _calendar(server.url + "/")
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "1:1 (moved)", "Interview"]
    assert cal.collection() == server.calendar_url
    made = cal.create_block(Event(uid="", title="Focus", start=_t(16), end=_t(17), focusd_item=1))
    assert _block_name(made.uid) in server.names()


def test_a_dst_week_keeps_local_time(tmp_path: Path) -> None:
    with radicale(tmp_path / "r", seed=[("ny.ics", DST)]) as r:
        cal = _calendar(r.calendar_url)
        found = cal.events(datetime(2026, 10, 26, tzinfo=NEW_YORK), datetime(2026, 11, 12, tzinfo=NEW_YORK))
    assert [e.start.astimezone(NEW_YORK).hour for e in found] == [9, 9, 9]
    assert [e.start.utcoffset() for e in found] == [timedelta(hours=-4), timedelta(hours=-5), timedelta(hours=-5)]


def test_a_sync_with_no_change_is_one_request(server: Radicale, tmp_path: Path) -> None:
    cal = _calendar(server.calendar_url, tmp_path)
    server.reset_count()
    cal.events(DAY, DAY + timedelta(days=1))
    assert server.requests == [("PROPFIND", "/owner/work/"), ("REPORT", "/owner/work/")]
    server.reset_count()
    cal.events(DAY, DAY + timedelta(days=1))
    assert server.requests == [("REPORT", "/owner/work/")]
    server.reset_count()
    server.foreign_put("lunch.ics", FOREIGN)
    server.foreign_delete(_name("interview@x"))
    titles = [e.title for e in cal.events(DAY, DAY + timedelta(days=1))]
    assert titles == ["Standup", "Lunch", "1:1 (moved)"]
    assert server.count() == 1  # the changed object comes with the sync answer


def test_the_mirror_survives_a_restart_and_a_refused_token(server: Radicale, tmp_path: Path) -> None:
    _calendar(server.calendar_url, tmp_path).events(DAY, DAY + timedelta(days=1))
    server.foreign_delete(_name("interview@x"))
    again = _calendar(server.calendar_url, tmp_path)  # a new process: the mirror is read from its file
    server.reset_count()
    assert [e.title for e in again.events(DAY, DAY + timedelta(days=1))] == ["Standup", "1:1 (moved)"]
    assert server.count("REPORT") == 1  # incremental, from the saved token
    again.mirror.set_token("http://radicale.org/ns/sync/" + "0" * 64)  # a token the server never gave
    server.foreign_put("lunch.ics", FOREIGN)
    assert [e.title for e in again.events(DAY, DAY + timedelta(days=1))] == ["Standup", "Lunch", "1:1 (moved)"]


def test_a_server_without_sync_compares_etags(server: Radicale, tmp_path: Path) -> None:
    server.refuse_sync = True
    cal = _calendar(server.calendar_url, tmp_path)
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "1:1 (moved)", "Interview"]
    server.reset_count()
    cal.events(DAY, DAY + timedelta(days=1))
    assert server.requests == [("PROPFIND", "/owner/work/")]
    server.foreign_put("lunch.ics", FOREIGN)
    server.foreign_delete(_name("interview@x"))
    server.reset_count()
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "Lunch", "1:1 (moved)"]
    assert server.requests == [("PROPFIND", "/owner/work/"), ("REPORT", "/owner/work/")]  # only Lunch fetched


def test_a_foreign_event_added_later_is_never_changed(server: Radicale) -> None:
    cal = _calendar(server.calendar_url)
    before = server.foreign_put("lunch.ics", FOREIGN)
    with pytest.raises(NotOurs):
        cal.move_block("lunch@x", _t(15), _t(16))
    with pytest.raises(NotOurs):
        cal.delete_block("lunch@x")
    assert server.etag("lunch.ics") == before
    assert server.count("PUT") == 0 and server.count("DELETE") == 0


def test_a_block_changed_between_read_and_write_is_reread_not_overwritten(server: Radicale) -> None:
    cal = _calendar(server.calendar_url)
    made = cal.create_block(Event(uid="", title="Focus: deck", start=_t(15), end=_t(16), focusd_item=4))
    name = _block_name(made.uid)

    def owner_renames(method: str, path: str) -> None:
        if method == "PUT" and path.endswith(name):
            server.before = None
            server.foreign_put(name, server.get(name).replace("SUMMARY:Focus: deck", "SUMMARY:Deck (mine)"))

    server.before = owner_renames
    server.reset_count()
    moved = cal.move_block(made.uid, _t(17), _t(18))
    assert server.count("PUT") == 2  # the first write met the owner's change (412) and was retried
    held = server.get(name)
    assert "SUMMARY:Deck (mine)" in held  # the owner's change was kept
    assert moved.start == _t(17)
    assert [(e.title, e.start) for e in cal.events(_t(17), _t(18))] == [("Deck (mine)", _t(17))]


def test_a_block_the_owner_untagged_meanwhile_is_refused(server: Radicale) -> None:
    cal = _calendar(server.calendar_url)
    made = cal.create_block(Event(uid="", title="Focus", start=_t(15), end=_t(16), focusd_item=4))
    name = _block_name(made.uid)

    def owner_takes_it(method: str, path: str) -> None:
        if method == "DELETE" and path.endswith(name):
            server.before = None
            server.foreign_put(name, server.get(name).replace("X-FOCUSD-ITEM:4\r\n", ""))

    server.before = owner_takes_it
    with pytest.raises(NotOurs):
        cal.delete_block(made.uid)
    assert name in server.names()


def test_check_write_names_the_rights(server: Radicale) -> None:
    cal = _calendar(server.calendar_url)
    server.reset_count()
    assert "write" in cal.check_write()
    assert cal.check().startswith("CalDAV calendar /owner/work/")
    assert server.count("PUT") == server.count("DELETE") == server.count("MKCALENDAR") == 0


def _one_sentence(exc: pytest.ExceptionInfo[CalendarError]) -> str:
    text = str(exc.value)
    assert "\n" not in text and PASSWORD not in text and "Traceback" not in text
    assert exc.value.__cause__ is None and exc.value.__suppress_context__
    return text


def test_a_wrong_password_is_one_sentence(server: Radicale) -> None:
    with pytest.raises(CalendarError) as raised:
        _calendar(server.calendar_url, password="wrong-" + PASSWORD).events(DAY, DAY + timedelta(days=1))
    assert "refused the login as owner" in _one_sentence(raised)


def test_an_unreachable_host_is_one_sentence() -> None:
    with pytest.raises(CalendarError) as raised:
        _calendar(f"http://127.0.0.1:{free_port()}/cal/").check()
    assert "cannot be reached" in _one_sentence(raised)


def test_a_server_that_is_not_caldav_is_one_sentence(tmp_path: Path) -> None:
    import http.server
    import threading

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(CalendarError) as raised:
            _calendar(f"http://127.0.0.1:{httpd.server_port}/").check()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert "is not a CalDAV server" in _one_sentence(raised)


def test_a_sync_cut_after_the_last_page_allowed_says_the_calendar_is_incomplete(
        server: Radicale, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caldav_module, "MAX_SYNC_PAGES", 2)
    server.sync_pages = True
    cal = _calendar(server.calendar_url)
    cal.events(DAY, DAY + timedelta(days=7))
    assert len(cal.mirror.objects) == 2 < len(split(SEED))
    assert cal.incomplete.startswith("the CalDAV server 127.0.0.1 sent more than 2 partial answers")
    assert "\n" not in cal.incomplete


def test_pages_sent_without_a_sync_token_are_all_kept(server: Radicale) -> None:
    server.sync_pages, server.page_tokens = True, False
    cal = _calendar(server.calendar_url)
    cal.events(DAY, DAY + timedelta(days=7))
    assert len(cal.mirror.objects) == len(split(SEED)) > 1
    assert server.pages_served == len(split(SEED)) and cal.incomplete == ""


@pytest.mark.parametrize("refuse_sync", [False, True], ids=["sync-token", "etags"])
def test_broken_utf8_in_one_object_leaves_the_rest_of_the_calendar_readable(
        server: Radicale, refuse_sync: bool) -> None:
    server.refuse_sync = refuse_sync
    server.foreign_put("lunch.ics", FOREIGN.replace("SUMMARY:Lunch", "SUMMARY:Lunch MANGLED"))
    server.break_utf8 = b"MANGLED"
    cal = _calendar(server.calendar_url)
    found = cal.events(DAY, DAY + timedelta(days=1))
    assert [e.title for e in found if e.uid != "lunch@x"] == ["Standup", "1:1 (moved)", "Interview"]
    assert [e.title for e in found if e.uid == "lunch@x"] in ([], ["Lunch \ufffd\ufffd"])
    server.reset_count()
    cal.events(DAY, DAY + timedelta(days=1))  # and on the next cycle too
    assert server.count() == 1


def _synced(server: Radicale, tmp_path: Path) -> CaldavCalendar:
    cal = _calendar(server.calendar_url, tmp_path)
    cal.events(DAY, DAY + timedelta(days=1))
    server.foreign_put("lunch.ics", FOREIGN)
    return cal


def test_a_server_error_on_the_token_sync_keeps_the_copy_and_retries_next_cycle(
        server: Radicale, tmp_path: Path) -> None:
    cal = _synced(server, tmp_path)
    token, objects = cal.mirror.token, dict(cal.mirror.objects)
    saved = {p.name: p.read_bytes() for p in tmp_path.glob("calendar-caldav-*.json")}
    server.sync_answers = [(500, b"boom")]
    server.reset_count()
    with pytest.raises(CalendarError) as raised:
        cal.events(DAY, DAY + timedelta(days=1))
    assert str(raised.value) == "the CalDAV server 127.0.0.1 answered REPORT with HTTP 500"
    assert server.count() == 1  # no second, token-less REPORT: nothing downloaded again
    assert (cal.mirror.token, cal.mirror.objects) == (token, objects)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("calendar-caldav-*.json")} == saved
    server.reset_count()
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "Lunch", "1:1 (moved)",
                                                                           "Interview"]
    assert server.requests == [("REPORT", "/owner/work/")]  # incremental, from the kept token


VALID_SYNC_TOKEN = b'<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>'


@pytest.mark.parametrize("answer", [(403, VALID_SYNC_TOKEN), (409, VALID_SYNC_TOKEN), (400, b""), (412, b"")],
                         ids=["403-valid-sync-token", "409-valid-sync-token", "400", "412"])
def test_a_refused_sync_token_downloads_the_calendar_again(
        server: Radicale, tmp_path: Path, answer: tuple[int, bytes]) -> None:
    cal = _synced(server, tmp_path)
    server.foreign_delete(_name("interview@x"))
    server.sync_answers = [answer]
    server.reset_count()
    assert [e.title for e in cal.events(DAY, DAY + timedelta(days=1))] == ["Standup", "Lunch", "1:1 (moved)"]
    assert server.count("REPORT") == 2  # the refused one, then the full listing
    assert cal.mirror.token is not None


@pytest.mark.parametrize("answer", [(403, b"no"), (409, b"")], ids=["403", "409"])
def test_a_refusal_that_does_not_name_the_sync_token_keeps_the_copy(
        server: Radicale, tmp_path: Path, answer: tuple[int, bytes]) -> None:
    cal = _synced(server, tmp_path)
    token, objects = cal.mirror.token, dict(cal.mirror.objects)
    server.sync_answers = [answer]
    server.reset_count()
    with pytest.raises(CalendarError):
        cal.events(DAY, DAY + timedelta(days=1))
    assert server.count() == 1
    assert (cal.mirror.token, cal.mirror.objects) == (token, objects)


def test_a_sync_answer_that_is_not_xml_is_one_sentence(server: Radicale, tmp_path: Path) -> None:
    cal = _synced(server, tmp_path)
    server.sync_answers = [(207, b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response>')]
    with pytest.raises(CalendarError) as raised:
        cal.events(DAY, DAY + timedelta(days=1))
    assert "answered REPORT with something that is not WebDAV XML" in _one_sentence(raised)


def test_the_client_librarys_own_logs_never_carry_calendar_text(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from agent import logs

    logs.configure(json=True)
    with caplog.at_level(logging.INFO):  # as if the root logger were turned up
        logging.getLogger("caldav").error("answer: BEGIN:VCALENDAR SUMMARY:Board meeting")
        logging.getLogger("caldav.davclient").info("body: DESCRIPTION:private agenda")
    assert "Board meeting" not in caplog.text and "private agenda" not in caplog.text
