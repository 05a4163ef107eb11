"""The calendar contract: one suite that every backend runs, subclassed per backend.

A subclass gives ``backend(tmp_path)``: a calendar seeded with the events of :data:`SEED` (as
that backend stores them: a file, objects on a server, events through an API), with nothing else
on it. ``writable`` says whether focusd may book blocks there. ``fingerprint(cal, uid)`` returns
the server's version of an event (an ETag) so a test can prove focusd never modified it; the
default returns None, which skips that check.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors.calendar.base import CalendarBackend, CalendarError, Gone, NotOurs, ReadOnly
from connectors.types import Event

LONDON = ZoneInfo("Europe/London")
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

    def fingerprint(self, cal: CalendarBackend, uid: str) -> str | None:
        return None

    def test_all_day_events(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        saturday = cal.events(_t(0, day=21), _t(0, day=22))
        assert [(e.title, e.all_day) for e in saturday] == [("Offsite", True)]
        assert saturday[0].start.date() == date(2026, 11, 21)

    def test_a_recurring_series_with_a_moved_and_a_removed_occurrence(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        week = cal.events(_t(0, day=16), _t(0, day=21))
        standups = [e.start.astimezone(LONDON).day for e in week if e.title == "Standup"]
        assert standups == [16, 17, 18, 19]  # Friday the 20th was removed
        ones = [(e.title, e.start.astimezone(LONDON).hour) for e in week if e.uid == "one@x" or "1:1" in e.title]
        assert ones == [("1:1 (moved)", 12)]

    def test_check_reads_without_writing(self, tmp_path: Path) -> None:
        cal = self.backend(tmp_path)
        before = [(e.uid, e.start, e.title) for e in cal.events(DAY, DAY + timedelta(days=3))]
        assert isinstance(cal.check(), str)
        if self.writable:
            assert isinstance(cal.check_write(), str)
        else:
            with pytest.raises(CalendarError):
                cal.check_write()
        assert [(e.uid, e.start, e.title) for e in cal.events(DAY, DAY + timedelta(days=3))] == before

    def test_a_block_is_created_moved_and_deleted_by_the_same_uid(self, tmp_path: Path) -> None:
        if not self.writable:
            pytest.skip("read-only backend")
        cal = self.backend(tmp_path)
        made = cal.create_block(Event(uid="", title="Focus: deck", start=_t(15, 30), end=_t(17), focusd_item=7,
                                      description="why: it blocks the round"))
        seen = [e for e in cal.events(DAY, DAY + timedelta(days=1)) if e.focusd_item == 7]
        assert [(e.uid, e.start, e.end, e.busy) for e in seen] == [(made.uid, _t(15, 30), _t(17), True)]
        cal.move_block(made.uid, _t(10), _t(11, 30, day=20))
        seen = [e for e in cal.events(DAY, DAY + timedelta(days=2)) if e.focusd_item == 7]
        assert [(e.uid, e.start, e.end) for e in seen] == [(made.uid, _t(10), _t(11, 30, day=20))]
        cal.delete_block(made.uid)
        assert not [e for e in cal.events(DAY, DAY + timedelta(days=2)) if e.focusd_item == 7]
        with pytest.raises(Gone):
            cal.delete_block(made.uid)
        with pytest.raises(Gone):
            cal.move_block(made.uid, _t(10), _t(11))

    def test_foreign_events_are_refused_and_left_as_they_were(self, tmp_path: Path) -> None:
        if not self.writable:
            pytest.skip("read-only backend")
        cal = self.backend(tmp_path)
        interview = cal.events(_t(14), _t(15))[0]
        before = self.fingerprint(cal, interview.uid)
        with pytest.raises(NotOurs):
            cal.move_block(interview.uid, _t(16), _t(17))
        with pytest.raises(NotOurs):
            cal.delete_block(interview.uid)
        with pytest.raises(NotOurs):
            cal.update_block(Event(uid=interview.uid, title="x", start=_t(16), end=_t(17), focusd_item=3))
        after = cal.events(_t(14), _t(15))[0]
        assert (after.uid, after.start, after.end, after.title) == (interview.uid, _t(14), _t(15), "Interview")
        assert self.fingerprint(cal, interview.uid) == before


SEED = """BEGIN:VCALENDAR
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
BEGIN:VEVENT
UID:offsite@x
DTSTAMP:20261101T000000Z
SUMMARY:Offsite
DTSTART;VALUE=DATE:20261121
DTEND;VALUE=DATE:20261122
END:VEVENT
END:VCALENDAR
"""


