from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors.calendar.base import CalendarBackend, CalendarError, NotOurs, ReadOnly
from connectors.calendar.ics import IcsCalendar
from connectors.calendar.memory import MemoryCalendar
from connectors.types import Attendee, Event

LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parent.parent
DAY = datetime(2026, 11, 19, tzinfo=LONDON)


def _t(h: int, m: int = 0, day: int = 19) -> datetime:
    return datetime(2026, 11, day, h, m, tzinfo=LONDON)


class CalendarBackendContract:
    """Every backend: reads a seeded week the same way; writes only what carries focusd's tag."""

    writable = True

    def backend(self, tmp_path: Path) -> CalendarBackend:
        raise NotImplementedError

    def test_events_in_range_sorted(self, tmp_path: Path) -> None:
        events = self.backend(tmp_path).events(DAY, DAY + timedelta(days=1))
        assert [e.title for e in events] == ["Standup", "1:1 (moved)", "Interview"]
        assert events == sorted(events, key=lambda e: e.start)

    def test_attendees_carry_their_response(self, tmp_path: Path) -> None:
        interview = self.backend(tmp_path).events(_t(14), _t(15))[0]
        assert {a.email: a.status for a in interview.attendees} == {
            "ada@example.com": "accepted", "alex@x.example": "tentative"}

    def test_untagged_events_are_never_changed(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        standup = cal.events(_t(9), _t(10))[0]
        with pytest.raises((NotOurs, ReadOnly)):
            cal.update_block(standup)
        with pytest.raises((NotOurs, ReadOnly)):
            cal.delete_block(standup.uid)
        with pytest.raises((NotOurs, ReadOnly)):
            cal.create_block(Event(uid="", title="Sneaky", start=_t(16), end=_t(17)))

    def test_refusals_do_not_copy_the_event(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        standup = cal.events(_t(9), _t(10))[0]
        refusals = []
        for write in (lambda: cal.update_block(standup), lambda: cal.delete_block(standup.uid),
                      lambda: cal.create_block(Event(uid="", title="Sneaky", start=_t(16), end=_t(17)))):
            with pytest.raises(CalendarError) as raised:
                write()
            refusals.append(str(raised.value))
        assert not [r for r in refusals if "Standup" in r or "standup@x" in r or "Sneaky" in r]

    def test_focus_blocks_round_trip(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        block = Event(uid="", title="Focus: deck", start=_t(15, 30), end=_t(17), focusd_item=7)
        if not self.writable:
            with pytest.raises(ReadOnly):
                cal.create_block(block)
            return
        made = cal.create_block(block)
        assert made.uid and made.focusd_item == 7
        moved = cal.update_block(Event(uid=made.uid, title="Focus: deck", start=_t(16), end=_t(17, 30), focusd_item=7))
        assert cal.events(_t(16), _t(17))[-1].start == moved.start
        cal.delete_block(made.uid)
        assert all(e.uid != made.uid for e in cal.events(DAY, DAY + timedelta(days=1)))


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:standup@x
DTSTAMP:20261101T000000Z
SUMMARY:Standup
DTSTART;TZID=Europe/London:20261102T093000
DTEND;TZID=Europe/London:20261102T094500
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
EXDATE;TZID=Europe/London:20261120T093000
END:VEVENT
BEGIN:VEVENT
UID:one@x
DTSTAMP:20261101T000000Z
SUMMARY:1:1
DTSTART;TZID=Europe/London:20261105T110000
DTEND;TZID=Europe/London:20261105T113000
RRULE:FREQ=WEEKLY;BYDAY=TH
END:VEVENT
BEGIN:VEVENT
UID:one@x
DTSTAMP:20261101T000000Z
RECURRENCE-ID;TZID=Europe/London:20261119T110000
SUMMARY:1:1 (moved)
DTSTART;TZID=Europe/London:20261119T123000
DTEND;TZID=Europe/London:20261119T130000
END:VEVENT
BEGIN:VEVENT
UID:interview@x
DTSTAMP:20261101T000000Z
SUMMARY:Interview
DTSTART:20261119T140000Z
DTEND:20261119T150000Z
ATTENDEE;PARTSTAT=ACCEPTED:mailto:ada@example.com
ATTENDEE;PARTSTAT=TENTATIVE:mailto:alex@x.example
END:VEVENT
END:VCALENDAR
"""


class TestIcs(CalendarBackendContract):
    writable = False

    def backend(self, tmp_path: Path) -> IcsCalendar:
        path = tmp_path / "cal.ics"
        path.write_text(ICS)
        return IcsCalendar([path], LONDON)

    def test_recurrence_exceptions_and_time_zones(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        friday = cal.events(_t(0, day=20), _t(23, day=20))
        assert [e.title for e in friday] == []  # EXDATE removed Friday's standup
        july = cal.events(datetime(2027, 7, 1, tzinfo=LONDON), datetime(2027, 7, 2, tzinfo=LONDON))
        assert july[0].start.utcoffset() == timedelta(hours=1)  # summer time: 09:30 BST
        assert july[0].start.astimezone(LONDON).hour == 9

    def test_missing_file_is_one_clear_error(self, tmp_path: Path) -> None:
        with pytest.raises(CalendarError, match="does not exist"):
            IcsCalendar([tmp_path / "nope.ics"], LONDON).events(DAY, DAY + timedelta(days=1))

    def test_garbage_file_is_one_clear_error(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.ics"
        bad.write_text("this is not a calendar")
        with pytest.raises(CalendarError, match="not valid iCalendar"):
            IcsCalendar([bad], LONDON).events(DAY, DAY + timedelta(days=1))

    def test_demo_calendar_parses(self) -> None:
        cal = IcsCalendar([ROOT / "config" / "demo" / "calendar.ics"], LONDON)
        titles = [e.title for e in cal.events(DAY, DAY + timedelta(days=1))]
        assert titles[:2] == ["Team standup", "1:1 Ada / Tom (moved)"]


class TestMemory(CalendarBackendContract):
    def backend(self, tmp_path: Path) -> MemoryCalendar:
        ada = Attendee("ada@example.com", status="accepted")
        return MemoryCalendar([
            Event("standup@x", "Standup", _t(9, 30), _t(9, 45)),
            Event("one@x", "1:1 (moved)", _t(12, 30), _t(13)),
            Event("interview@x", "Interview", _t(14), _t(15),
                  attendees=[ada, Attendee("alex@x.example", status="tentative")]),
        ])

    def test_occurrences_sharing_a_uid_are_all_kept(self) -> None:
        cal = MemoryCalendar([Event("standup@x", "Standup", _t(9, 30, day=d), _t(9, 45, day=d)) for d in (18, 19, 20)])
        assert [e.start.day for e in cal.events(_t(0, day=18), _t(23, day=20))] == [18, 19, 20]
