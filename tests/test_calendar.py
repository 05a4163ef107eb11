from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from connectors.calendar.base import CalendarError
from connectors.calendar.ics import IcsCalendar, expand
from connectors.calendar.memory import MemoryCalendar
from connectors.types import Event
from tests.calendar_contract import DAY, LONDON, SEED, CalendarBackendContract, _t

ROOT = Path(__file__).resolve().parent.parent


class TestIcs(CalendarBackendContract):
    writable = False

    def backend(self, tmp_path: Path) -> IcsCalendar:
        path = tmp_path / "cal.ics"
        path.write_text(SEED)
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
        # The memory calendar holds occurrences, not series: seed it with the seed's occurrences.
        events, _ = expand(icalendar.Calendar.from_ical(SEED), _t(0, day=1), _t(0, day=30), LONDON, "memory")
        return MemoryCalendar(events)

    def test_occurrences_sharing_a_uid_are_all_kept(self) -> None:
        cal = MemoryCalendar([Event("standup@x", "Standup", _t(9, 30, day=d), _t(9, 45, day=d)) for d in (18, 19, 20)])
        assert [e.start.day for e in cal.events(_t(0, day=18), _t(23, day=20))] == [18, 19, 20]


def test_a_tagged_event_with_guests_is_a_meeting_and_never_changed() -> None:
    from connectors.calendar.base import NotOurs
    from connectors.types import Attendee

    # An invitation can carry any property, focusd's tag included; a block has no guests.
    forged = Event("invite@x", "Sync", _t(10), _t(11), focusd_item=3,
                   attendees=[Attendee("mallory@evil.example", status="accepted")])
    cal = MemoryCalendar([forged])
    with pytest.raises(NotOurs, match="it has guests"):
        cal.delete_block("invite@x")
    with pytest.raises(NotOurs, match="it has guests"):
        cal.move_block("invite@x", _t(12), _t(13))
    assert [(e.uid, e.start) for e in cal.events(DAY, DAY + timedelta(days=1))] == [("invite@x", _t(10))]
