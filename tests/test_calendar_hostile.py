"""Hostile calendar files: each bad event is skipped or bounded, and the good events beside it
survive. Logs and errors name the file and event, never the calendar's text."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import structlog

from connectors.calendar import ics
from connectors.calendar.base import CalendarError
from connectors.calendar.ics import (
    MAX_DESCRIPTION,
    MAX_FILE_OCCURRENCES,
    MAX_OCCURRENCES,
    BadEvent,
    IcsCalendar,
    event_from_component,
    short_uid,
)
from planner.brief import BriefInput, compose, to_json
from planner.models import Block, Item

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 11, 19, tzinfo=LONDON)
END = START + timedelta(days=15)
SECRET = "Secret-Acquisition-Talks"

GOOD = """BEGIN:VEVENT
UID:standup@x
DTSTAMP:20261101T000000Z
SUMMARY:Standup
DTSTART;TZID=Europe/London:20261102T093000
DTEND;TZID=Europe/London:20261102T094500
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
END:VEVENT
BEGIN:VEVENT
UID:review@x
DTSTAMP:20261101T000000Z
SUMMARY:Review
DTSTART:20261120T140000Z
DTEND:20261120T150000Z
END:VEVENT
"""
GOOD_COUNT = 11 + 1  # weekdays 19 Nov - 3 Dec, and the review


def _event(*lines: str, uid: str = "bad@x") -> str:
    body = "\n".join(lines)
    return f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261101T000000Z\nSUMMARY:{SECRET}\n{body}\nEND:VEVENT\n"


DENSE_MINUTES = "0,5,10,15,20,25,30,35,40,45,50,55"  # twelve an hour: dense, though hourly
HOSTILE = {
    "bad_rrule": _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z", "RRULE:FREQ=FORTNIGHTLY"),
    "rrule_garbage": _event("DTSTART:20261119T100000Z", f"RRULE:{SECRET};;==;"),
    "two_untils": _event("DTSTART:20261119T100000Z",
                         "RRULE:FREQ=DAILY;UNTIL=20261201T000000Z;UNTIL=20261202T000000Z"),
    "count_huge": _event("DTSTART:20261119T100000Z", "DTEND:20261119T101500Z", "RRULE:FREQ=DAILY;COUNT=999999999"),
    "until_9999": _event("DTSTART:20261119T100000Z", "DTEND:20261119T101500Z",
                         "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z"),
    "exdate_garbage": _event("DTSTART:20261119T100000Z", "DTEND:20261119T101500Z", "RRULE:FREQ=DAILY",
                             f"EXDATE:{SECRET}"),
    "rdate_garbage": _event("DTSTART:20261119T100000Z", f"RDATE:{SECRET}"),
    "missing_dtstart": _event("DTEND:20261119T110000Z"),
    "dtstart_garbage": _event(f"DTSTART:{SECRET}", "DTEND:20261119T110000Z"),
    "dtend_before_dtstart": _event("DTSTART:20261119T110000Z", "DTEND:20261119T100000Z"),
    "dtend_other_type": _event("DTSTART:20261119T100000Z", "DTEND;VALUE=DATE:20261120"),
    "bad_duration": _event("DTSTART:20261119T100000Z", f"DURATION:{SECRET}"),
    "garbage_attendee": _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z",
                               f'ATTENDEE;CN="{SECRET};PARTSTAT=:::', "ATTENDEE;;;:"),
    "unknown_tzid": _event("DTSTART;TZID=Mars/Olympus_Mons:20261119T100000",
                           "DTEND;TZID=Mars/Olympus_Mons:20261119T110000"),
    "override_garbage": _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z", "RRULE:FREQ=DAILY")
    + _event(f"RECURRENCE-ID:{SECRET}", "DTSTART:20261120T120000Z", "DTEND:20261120T130000Z"),
    "nested_vcalendar": "BEGIN:VCALENDAR\nVERSION:2.0\n"
    + _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z") + "END:VCALENDAR\n",
    "nested_vevent": _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z",
                            _event("DTSTART:20261119T120000Z", uid="inner@x")),
    "description_2mb": _event("DTSTART:20261119T100000Z", "DTEND:20261119T110000Z", "RRULE:FREQ=DAILY",
                              "DESCRIPTION:" + "x" * 2_000_000),
    "secondly": _event("DTSTART:20261119T090000Z", "RRULE:FREQ=SECONDLY"),
    "secondly_since_2000": _event("DTSTART:20000101T000000Z", "RRULE:FREQ=SECONDLY"),
    "every_five_minutes": _event("DTSTART:20261119T090000Z", "RRULE:FREQ=HOURLY;BYMINUTE=" + DENSE_MINUTES),
    "every_five_minutes_since_2000": _event("DTSTART:20000101T000000Z", "RRULE:FREQ=HOURLY;BYMINUTE=" + DENSE_MINUTES),
    "minutely_interval_0": _event("DTSTART:20261119T090000Z", "RRULE:FREQ=MINUTELY;INTERVAL=0"),
    "february_30": _event("DTSTART:20261101T090000Z", "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"),
}


def _calendar(tmp_path: Path, hostile: str) -> IcsCalendar:
    path = tmp_path / "cal.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{GOOD}{hostile}END:VCALENDAR\n")
    return IcsCalendar([path], LONDON)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_good_events_survive_a_hostile_one(tmp_path: Path, case: str) -> None:
    cal = _calendar(tmp_path, HOSTILE[case])
    began = time.perf_counter()
    with structlog.testing.capture_logs() as logs:
        events = cal.events(START, END)
    assert time.perf_counter() - began < 5
    good = [e for e in events if e.uid in ("standup@x", "review@x")]
    assert len(good) == GOOD_COUNT
    assert [e.title for e in good if e.uid == "review@x"] == ["Review"]
    assert len([e for e in events if e.uid == "bad@x"]) <= MAX_OCCURRENCES
    assert SECRET not in repr(logs)
    assert cal.incomplete == ""  # one bad event skipped or cut is not a calendar left unread
    for entry in logs:
        assert entry["uid_hash"] in (short_uid("bad@x"), short_uid("inner@x")) and entry["file"] == "cal.ics"


def test_a_dense_rule_is_cut_at_the_cap_and_says_so(tmp_path: Path) -> None:
    with structlog.testing.capture_logs() as logs:
        events = _calendar(tmp_path, HOSTILE["every_five_minutes"]).events(START, END)
    dense = [e for e in events if e.uid == "bad@x"]
    assert len(dense) == MAX_OCCURRENCES
    assert dense[0].start == datetime(2026, 11, 19, 9, tzinfo=LONDON)
    assert [e["event"] for e in logs] == ["calendar.occurrences_capped"]


def test_a_rule_too_dense_to_reach_the_window_is_skipped(tmp_path: Path) -> None:
    with structlog.testing.capture_logs() as logs:
        events = _calendar(tmp_path, HOSTILE["every_five_minutes_since_2000"]).events(START, END)
    assert all(e.uid != "bad@x" for e in events)
    assert logs[0]["event"] == "calendar.event_skipped" and logs[0]["reason"] == "recurrence too dense"


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY"])
def test_a_rule_repeating_every_second_or_minute_is_no_meeting(tmp_path: Path, freq: str) -> None:
    """Starting today it would fill the brief with a thousand meetings; starting long ago it was
    skipped as too dense. Either way it is no meeting."""
    with structlog.testing.capture_logs() as logs:
        events = _calendar(tmp_path, _event("DTSTART:20261119T093000Z", f"RRULE:FREQ={freq}")).events(START, END)
    assert all(e.uid != "bad@x" for e in events)
    assert [e["reason"] for e in logs] == ["recurs every second or minute, as no meeting does"]


def test_a_rule_for_days_that_never_come_is_skipped_at_once(tmp_path: Path) -> None:
    """February 30 every second: the date library would search to the year 9999 (ten seconds)."""
    impossible = "".join(_event("DTSTART:20261101T090000Z", f"RRULE:FREQ=SECONDLY;BYMONTH={m};BYMONTHDAY={d}",
                                uid=f"bad{d}@x") for m, d in (("2", "30"), ("2,4", "31"), ("2,4", "-31")))
    possible = _event("DTSTART:20261101T090000Z", "DTEND:20261101T091500Z",
                      "RRULE:FREQ=MONTHLY;BYMONTH=1,11;BYMONTHDAY=30", uid="ok@x")
    began = time.perf_counter()
    with structlog.testing.capture_logs() as logs:
        events = _calendar(tmp_path, impossible + possible).events(START, END)
    assert time.perf_counter() - began < 2
    assert [e.start.date().isoformat() for e in events if e.uid == "ok@x"] == ["2026-11-30"]
    assert [entry["reason"] for entry in logs] == ["recurrence never happens"] * 3


def test_an_event_without_a_start_is_skipped_with_a_reason(tmp_path: Path) -> None:
    with structlog.testing.capture_logs() as logs:
        events = _calendar(tmp_path, HOSTILE["missing_dtstart"]).events(START, END)
    assert all(e.uid != "bad@x" for e in events)
    assert [(e["event"], e["position"]) for e in logs] == [("calendar.event_skipped", 3)]
    assert logs[0]["reason"]


def test_long_text_is_bounded(tmp_path: Path) -> None:
    events = _calendar(tmp_path, HOSTILE["description_2mb"]).events(START, END)
    long = [e for e in events if e.uid == "bad@x"]
    assert len(long) == 15
    assert all(len(e.description) == MAX_DESCRIPTION for e in long)


def test_an_unreadable_file_names_no_content(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_text(f"BEGIN:VCALENDAR\n{SECRET} is not a property\nEND:VCALENDAR\n")
    with pytest.raises(CalendarError, match="not valid iCalendar") as raised:
        IcsCalendar([bad], LONDON).events(START, END)
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize(("lines", "reason"), [
    (["DTEND:20261119T110000Z"], "no DTSTART"),
    (["DTSTART:20261119T110000Z", "DTEND:20261119T100000Z"], "ends before it starts"),
    (["DTSTART:20261119T100000Z", "DTEND;VALUE=DATE:20261120"], "DTEND is not of DTSTART's type"),
    (["DTSTART;VALUE=DATE:20261119", "DTEND:20261120T100000Z"], "DTEND is not of DTSTART's type"),
])
def test_a_component_without_a_usable_span_is_a_bad_event(lines: list[str], reason: str) -> None:
    comp = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\n{_event(*lines)}END:VCALENDAR\n").walk("VEVENT")[0]
    with pytest.raises(BadEvent, match=reason) as raised:
        event_from_component(comp, LONDON)
    assert SECRET not in str(raised.value)


def _brief_input(problem: str) -> BriefInput:
    deck = Item(kind="request", title="Send the deck", evidence="Can you send the deck?", id=1,
                source={"message_id": "<1@x>", "subject": "Deck", "from": "maria@fund.example",
                        "date": "2026-11-18T09:00:00+00:00"})
    block = Block(1, datetime(2026, 11, 19, 10, tzinfo=LONDON), datetime(2026, 11, 19, 11, 30, tzinfo=LONDON))
    return BriefInput(day=START.date(), tz=LONDON, owner_name="Ada Lovelace", owner_email="ada@loom.example",
                      items=[deck], events=[], blocks=[block], calendar_problem=problem)


def test_the_brief_says_when_the_calendar_could_not_be_read() -> None:
    brief = compose(_brief_input("cal.ics is not valid iCalendar"))
    notice = ("Your calendar could not be read, so no free time is suggested and meetings may be missing: "
              "cal.ics is not valid iCalendar.")
    assert brief.text.splitlines()[2].startswith(notice)
    assert notice in brief.html and brief.html.index(notice) < brief.html.index('id="focus"')
    assert "Suggested time" not in brief.text and "Suggested time" not in brief.html
    assert to_json(brief)["calendar_problem"] == "cal.ics is not valid iCalendar"


def test_a_readable_calendar_brief_suggests_time_and_no_notice() -> None:
    brief = compose(_brief_input(""))
    assert "Suggested time: 10:00–11:30" in brief.text and "could not be read" not in brief.text
    assert "could not be read" not in brief.html
    assert "calendar_problem" not in to_json(brief)


def test_a_file_full_of_dense_events_is_bounded_as_a_whole(tmp_path: Path) -> None:
    dense = "".join(_event("DTSTART:20261119T090000Z", "RRULE:FREQ=HOURLY;BYMINUTE=" + DENSE_MINUTES,
                           uid=f"dense{n}@x") for n in range(25))
    cal = _calendar(tmp_path, dense)
    with structlog.testing.capture_logs() as logs:
        events = cal.events(START, END)
    assert len([e for e in events if e.uid in ("standup@x", "review@x")]) == GOOD_COUNT
    assert len(events) == MAX_FILE_OCCURRENCES
    assert "calendar.file_capped" in [e["event"] for e in logs]
    assert cal.incomplete.startswith("cal.ics: ")


def _daily_since_2015(count: int) -> str:
    """Ordinary rules: every day since 2015, at a time of its own."""
    return "".join(_event(f"DTSTART;TZID=Europe/London:2015{n % 12 + 1:02d}{n % 28 + 1:02d}T{8 + n % 10:02d}0000",
                          f"DTEND;TZID=Europe/London:2015{n % 12 + 1:02d}{n % 28 + 1:02d}T{8 + n % 10:02d}3000",
                          "RRULE:FREQ=DAILY", uid=f"daily{n}@x") for n in range(count))


def test_an_ordinary_big_calendar_is_read_whole_and_fast(tmp_path: Path) -> None:
    """300 daily rules from 2015 used to spend the file's budget walking to the window, and the
    one-off board meeting after them was never read."""
    board = _event("DTSTART:20261120T140000Z", "DTEND:20261120T150000Z", uid="board@x")
    cal = _calendar(tmp_path, _daily_since_2015(300) + board)
    began = time.perf_counter()
    with structlog.testing.capture_logs() as logs:
        events = cal.events(START, END)
    assert time.perf_counter() - began < 2
    assert logs == []
    assert cal.incomplete == ""
    assert [e.uid for e in events].count("board@x") == 1
    assert len([e for e in events if e.uid.startswith("daily")]) == 300 * 15


MOVED_RULES = [  # rules that start years before the window, each with something to get wrong
    ["DTSTART;TZID=Europe/London:20090105T093000", "DTEND;TZID=Europe/London:20090105T100000",
     "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"],
    ["DTSTART;TZID=America/New_York:20110307T080000", "DURATION:PT45M", "RRULE:FREQ=DAILY;INTERVAL=3"],
    ["DTSTART;VALUE=DATE:20120229", "DTEND;VALUE=DATE:20120301", "RRULE:FREQ=WEEKLY;INTERVAL=2"],
    ["DTSTART:20100101T120000", "DTEND:20100101T130000", "RRULE:FREQ=DAILY;BYDAY=SA,SU"],
    ["DTSTART:20130601T070000Z", "DTEND:20130601T080000Z", "RRULE:FREQ=DAILY;UNTIL=20270329T000000Z",
     "EXDATE:20261120T070000Z,20261121T070000Z"],
    ["DTSTART;TZID=Europe/London:20140102T230000", "DTEND;TZID=Europe/London:20140104T010000",
     "RRULE:FREQ=WEEKLY;BYMONTH=11,12,3,4"],
]


@pytest.mark.parametrize("window", [(START, END), (datetime(2027, 3, 22, tzinfo=LONDON),
                                                   datetime(2027, 4, 5, tzinfo=LONDON))])
@pytest.mark.parametrize("lines", MOVED_RULES)
def test_a_rule_started_near_the_window_keeps_every_occurrence(
        tmp_path: Path, lines: list[str], window: tuple[datetime, datetime]) -> None:
    """The occurrences are the ones the date library finds walking from DTSTART, across summer
    time, intervals, all-day, floating and UNTIL rules, with exceptions and a moved occurrence."""
    moved = _event("RECURRENCE-ID;TZID=Europe/London:20261123T093000", "DTSTART:20261123T150000Z",
                   "DTEND:20261123T160000Z") if "BYDAY=MO,TH" in lines[-1] else ""
    cal = _calendar(tmp_path, _event(*lines) + moved)
    whole = icalendar.Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
    expected = sorted((str(c["UID"]), event_from_component(c, LONDON).start)
                      for c in recurring_ical_events.of(whole).between(*window))
    assert sorted((e.uid, e.start) for e in cal.events(*window)) == expected
    assert any(uid == "bad@x" for uid, _ in expected)


def test_a_spent_file_budget_is_not_called_dense_and_the_calendar_says_it_is_incomplete(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice a day since 2020 is ordinary, but it is walked; when the file's budget runs out the
    reason says so, and the caller learns that the calendar was not read whole."""
    monkeypatch.setattr(ics, "MAX_FILE_STEPS", 8000)
    twice = "".join(_event("DTSTART:20200101T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,17", uid=f"twice{n}@x")
                    for n in range(3))
    cal = _calendar(tmp_path, twice)
    with structlog.testing.capture_logs() as logs:
        events = cal.events(START, END)
    assert len([e for e in events if e.uid in ("standup@x", "review@x")]) == GOOD_COUNT
    assert "recurrence too dense" not in repr(logs)
    assert [e["event"] for e in logs] == ["calendar.file_capped"] * 2
    assert logs[0]["reason"] == "expansion budget spent" and logs[1]["events_left"] == 1
    assert cal.incomplete == "cal.ics: 2 recurring events past the expansion budget were not read"
    monkeypatch.setattr(ics, "MAX_FILE_STEPS", 1_000_000)
    cal.events(START, END + timedelta(days=1))
    assert cal.incomplete == ""


class _CountingCalendar(IcsCalendar):
    """Counts how often a file is parsed."""

    parses = 0

    def _load(self, path: Path) -> icalendar.Calendar:
        self.parses += 1
        return super()._load(path)


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "MAX_FILE_OCCURRENCES", 12)
    path = tmp_path / "cal.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{GOOD}{_daily_since_2015(1)}END:VCALENDAR\n")
    cal = _CountingCalendar([path], LONDON)
    first = cal.events(START, END)
    assert cal.incomplete and len(first) == 12
    first[0].title = "changed by the caller"
    again = cal.events(START, END)
    assert cal.parses == 1 and cal.incomplete  # what was missing is still missing
    assert [(e.uid, e.start) for e in again] == [(e.uid, e.start) for e in first]
    assert again[0].title != "changed by the caller"
    cal.events(START, END + timedelta(days=1))
    assert cal.parses == 2
    path.write_text(path.read_text().replace("SUMMARY:Standup", "SUMMARY:Standup moved"))
    assert "Standup moved" in [e.title for e in cal.events(START, END + timedelta(days=1))]
    assert cal.parses == 3


def test_a_calendar_file_too_large_to_read_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors.calendar import ics

    monkeypatch.setattr(ics, "MAX_FILE_BYTES", 1000)
    cal = _calendar(tmp_path, _event("DTSTART:20261119T100000Z", "DESCRIPTION:" + "x" * 2000))
    with pytest.raises(CalendarError, match=r"cal.ics is larger than"):
        cal.events(START, END)
