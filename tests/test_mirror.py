"""The mirror's reading shortcuts: what changed is expanded again, what did not is not, and a
read with the shortcuts gives exactly what a read without them gives."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from connectors.calendar import mirror as mirror_module
from connectors.calendar.mirror import Mirror

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 11, 18, tzinfo=LONDON)
END = datetime(2026, 12, 3, tzinfo=LONDON)


def vcal(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"


def lone(uid: str, title: str, start: str, end: str) -> str:
    return vcal(f"UID:{uid}\r\nSUMMARY:{title}\r\nDTSTART:{start}\r\nDTEND:{end}\r\n")


@pytest.fixture
def expansions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many VEVENTs each expansion was given: the real expansion runs, and is counted."""
    calls: list[int] = []
    real = mirror_module.expand

    def counted(cal: icalendar.Calendar, *args: Any) -> Any:
        calls.append(len(cal.walk("VEVENT")))
        return real(cal, *args)

    monkeypatch.setattr(mirror_module, "expand", counted)
    yield calls


def test_an_unchanged_mirror_is_not_expanded_again(expansions: list[int]) -> None:
    m = Mirror(None, "test", LONDON)
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"))
    first, *_ = m.events(START, END, "cal")
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"), {"etag": "1"})  # same text
    m.set_token("t2")
    again, *_ = m.events(START, END, "cal")
    assert [e.title for e in again] == [e.title for e in first] == ["Standup"]
    assert len(expansions) == 1


def test_a_changed_added_or_removed_object_is_expanded_again(expansions: list[int]) -> None:
    m = Mirror(None, "test", LONDON)
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"))
    m.put("b", lone("b@x", "Lunch", "20261119T120000Z", "20261119T130000Z"))
    m.events(START, END, "cal")
    m.put("a", lone("a@x", "Standup (moved)", "20261119T103000Z", "20261119T104500Z"))
    assert [(e.title, e.start.hour) for e in m.events(START, END, "cal")[0]] == [("Standup (moved)", 10),
                                                                                 ("Lunch", 12)]
    m.remove("b")
    assert [e.title for e in m.events(START, END, "cal")[0]] == ["Standup (moved)"]
    m.put("c", lone("c@x", "Review", "20261120T150000Z", "20261120T160000Z"))
    assert [e.title for e in m.events(START, END, "cal")[0]] == ["Standup (moved)", "Review"]
    m.reset()
    assert m.events(START, END, "cal")[0] == []
    assert len(expansions) == 5


def test_another_window_is_expanded_and_each_is_kept(expansions: list[int]) -> None:
    m = Mirror(None, "test", LONDON)
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"))
    later = (END, END + timedelta(days=7))
    assert len(m.events(START, END, "cal")[0]) == 1
    assert m.events(*later, "cal")[0] == []
    m.events(START, END, "cal")
    m.events(*later, "cal")
    assert len(expansions) == 2


def test_what_a_caller_changes_does_not_change_the_kept_expansion() -> None:
    m = Mirror(None, "test", LONDON)
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"))
    given, *_ = m.events(START, END, "cal")
    given[0].title = "changed by the caller"
    given.clear()
    assert [e.title for e in m.events(START, END, "cal")[0]] == ["Standup"]


def test_lone_events_far_from_the_window_are_not_expanded(expansions: list[int]) -> None:
    m = Mirror(None, "test", LONDON)
    m.put("old", lone("old@x", "Old", "20250101T090000Z", "20250101T100000Z"))
    m.put("far", lone("far@x", "Far", "20270601T090000Z", "20270601T100000Z"))
    m.put("long", lone("long@x", "Conference", "20261101T090000Z", "20261220T100000Z"))  # spans the window
    m.put("edge", vcal("UID:edge@x\r\nSUMMARY:Edge\r\nDTSTART;VALUE=DATE:20261118\r\n"))  # all day, no end
    m.put("weekly", vcal("UID:w@x\r\nSUMMARY:Weekly\r\nDTSTART:20200106T090000Z\r\nDTEND:20200106T093000Z\r\n"
                         "RRULE:FREQ=WEEKLY;BYDAY=MO\r\n"))
    m.put("moved", vcal("UID:w@x\r\nSUMMARY:Weekly (moved)\r\nRECURRENCE-ID:20261123T090000Z\r\n"
                        "DTSTART:20261124T090000Z\r\nDTEND:20261124T093000Z\r\n"))
    titles = [e.title for e in m.events(START, END, "cal")[0]]
    assert sorted(titles) == ["Conference", "Edge", "Weekly", "Weekly (moved)"]
    assert expansions == [4]  # Old and Far never reached the expansion


def test_an_event_sharing_its_uid_is_always_expanded(expansions: list[int]) -> None:
    """An override kept as its own object, whose series is far from the window by DTSTART only,
    is expanded with it: skipping either would lose or misplace the occurrence."""
    m = Mirror(None, "test", LONDON)
    m.put("master", lone("s@x", "Series", "20240101T090000Z", "20240101T100000Z"))
    m.put("other", lone("s@x", "Same UID", "20261119T090000Z", "20261119T100000Z"))
    m.events(START, END, "cal")
    assert expansions == [2]


def test_a_parsed_object_handed_in_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    text = vcal("UID:r@x\r\nSUMMARY:Weekly\r\nDTSTART:20261102T090000Z\r\nDTEND:20261102T093000Z\r\n"
                "RRULE:FREQ=WEEKLY\r\n")
    parsed = icalendar.Calendar.from_ical(text)
    m = Mirror(None, "test", LONDON)
    m.put("r", text, parsed=parsed)
    parses: list[object] = []
    real = icalendar.Calendar.from_ical
    monkeypatch.setattr(icalendar.Calendar, "from_ical",
                        lambda *a, **kw: parses.append(a) or real(*a, **kw))  # type: ignore[func-returns-value]
    assert len(m.events(START, END, "cal")[0]) == 2  # Mondays 23 and 30 November
    assert parses == []
    m.put("r", text.replace("Weekly", "Weekly sync"))  # new text without its parse: read from the text
    assert {e.title for e in m.events(START, END, "cal")[0]} == {"Weekly sync"}
    assert len(parses) == 1


def test_a_saved_mirror_reads_the_same_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "mirror.json"
    m = Mirror(path, "test", LONDON)
    m.put("a", lone("a@x", "Standup", "20261119T093000Z", "20261119T094500Z"))
    m.save()
    again = Mirror(path, "test", LONDON)
    assert [e.title for e in again.events(START, END, "cal")[0]] == ["Standup"]


def _random_calendar(rng: random.Random) -> dict[str, str]:
    """Objects of many shapes: zoned, UTC, floating, all day, with DURATION or no end, broken,
    recurring with an override in its own object, and events around the window's edges."""
    zones = ("Europe/London", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati")
    out: dict[str, str] = {}
    for k in range(300):
        day = date(2026, 11, 10) + timedelta(days=rng.randrange(30))
        stamp = f"{day:%Y%m%d}T{rng.randrange(24):02d}{rng.choice((0, 30)):02d}00"
        shape = k % 8
        if shape == 0:
            when = f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\nDTEND;VALUE=DATE:{day + timedelta(days=2):%Y%m%d}\r\n"
        elif shape == 1:
            when = f"DTSTART:{stamp}\r\nDTEND:{stamp[:9]}235900\r\n"  # floating
        elif shape == 2:
            when = f"DTSTART;TZID={zones[k % 4]}:{stamp}\r\nDURATION:PT{rng.randrange(1, 30)}H\r\n"
        elif shape == 3:
            when = f"DTSTART:{stamp}Z\r\n"  # no end
        elif shape == 4:
            when = f"DTSTART:{stamp}Z\r\nDTEND:{day - timedelta(days=1):%Y%m%d}T000000Z\r\n"  # ends before it starts
        elif shape == 5:
            when = f"DTSTART;TZID={zones[k % 4]}:{stamp}\r\nDTEND;TZID={zones[k % 4]}:{stamp[:9]}235900\r\n"
        elif shape == 6:
            when = f"DTSTART:2026{stamp[4:]}Z\r\nDTEND:2026{stamp[4:9]}235900Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\n"
        else:
            when = f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
        extra = ("", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\n",
                 'ATTENDEE;CN="Ada: chair";PARTSTAT=ACCEPTED:mailto:ada@x\r\n',
                 f"BEGIN:VEVENT\r\nUID:n{k}@x\r\nDTSTART:{START:%Y%m%d}T120000Z\r\nEND:VEVENT\r\n",  # nested
                 "DESCRIPTION:a long line folded\r\n  onto the next\r\n")[k % 5 if k % 3 == 0 else 0]
        out[f"o{k}"] = vcal(f"UID:u{k}@x\r\nSUMMARY:Event {k}\r\n{when}{extra}")
        if shape == 6:
            out[f"o{k}-moved"] = vcal(f"UID:u{k}@x\r\nSUMMARY:Moved {k}\r\nRECURRENCE-ID:2026{stamp[4:]}Z\r\n"
                                      f"DTSTART:{day + timedelta(days=9):%Y%m%d}T080000Z\r\n"
                                      f"DTEND:{day + timedelta(days=9):%Y%m%d}T090000Z\r\n")
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_shortcuts_read_what_a_full_expansion_reads(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    objects = _random_calendar(random.Random(seed))
    windows = [(START, END), (datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC)),
               (datetime(2026, 12, 8, 23, tzinfo=LONDON), datetime(2026, 12, 9, 1, tzinfo=LONDON))]
    fast = Mirror(None, "test", LONDON)
    for object_id, text in objects.items():
        fast.put(object_id, text, parsed=icalendar.Calendar.from_ical(text) if "RRULE" in text else None)
    quick = [fast.events(s, e, "cal") for s, e in windows]
    monkeypatch.setattr(Mirror, "caching", False)
    slow = Mirror(None, "test", LONDON)
    for object_id, text in objects.items():
        slow.put(object_id, text)
    assert quick == [slow.events(s, e, "cal") for s, e in windows]
    assert all(found for found, *_ in quick[:2])


def test_lone_events_far_from_the_window_are_not_even_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    m = Mirror(None, "test", LONDON)
    for k in range(50):
        m.put(f"old{k}", lone(f"old{k}@x", "Old", f"2025{1 + k % 12:02d}01T090000Z", f"2025{1 + k % 12:02d}01T100000Z"))
    m.put("now", vcal("UID:now@x\r\nSUMMARY:Now\r\nDTSTART;TZID=Asia/Tokyo:20261119T090000\r\nDURATION:PT1H\r\n"))
    parses: list[object] = []
    real = icalendar.Calendar.from_ical
    monkeypatch.setattr(icalendar.Calendar, "from_ical",
                        lambda *a, **kw: parses.append(a) or real(*a, **kw))  # type: ignore[func-returns-value]
    assert [e.title for e in m.events(START, END, "cal")[0]] == ["Now"]
    assert len(parses) == 1
    assert [e.title for e in m.events(datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 2, tzinfo=UTC),
                                      "cal")[0]] == ["Old"] * 4  # the old ones are read when asked for


def test_a_zone_far_from_utc_does_not_hide_an_event() -> None:
    """A lone event's span is read as if in UTC: an event 18 hours before the window by its
    wall clock, in a zone 23.5 hours behind UTC, is in the window."""
    zone = ("BEGIN:VTIMEZONE\r\nTZID:Far West\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            "TZOFFSETFROM:-2330\r\nTZOFFSETTO:-2330\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    text = vcal("UID:far@x\r\nSUMMARY:Far\r\nDTSTART;TZID=Far West:20261117T060000\r\n"
                "DTEND;TZID=Far West:20261117T070000\r\n").replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT", 1)
    m = Mirror(None, "test", LONDON)
    m.put("far", text)
    found, *_ = m.events(START, END, "cal")
    assert [(e.title, e.start.astimezone(UTC)) for e in found] == [("Far", datetime(2026, 11, 18, 5, 30, tzinfo=UTC))]


def _meeting(uid: str = "good@x") -> str:
    return lone(uid, "Board meeting", "20261119T140000Z", "20261119T160000Z")


def test_an_object_of_too_many_events_is_skipped_and_counted_not_the_calendar_cut() -> None:
    spam = vcal(*(f"UID:s{i}@spam\r\nDTSTART:20261119T030000Z\r\nDTEND:20261119T030000Z\r\n"
                  for i in range(mirror_module.MAX_OBJECT_EVENTS + 1)))
    m = Mirror(None, "test", LONDON)
    m.put("spam.ics", spam)
    m.put("real.ics", _meeting())
    found, cut, skipped = m.events(START, END, "cal")
    assert [e.title for e in found] == ["Board meeting"]
    assert (cut, skipped) == (0, 1)


def test_nested_events_count_towards_an_objects_limit() -> None:
    nested = "".join("BEGIN:VEVENT\r\nUID:n@spam\r\nDTSTART:20261119T030000Z\r\n"
                     for _ in range(mirror_module.MAX_OBJECT_EVENTS + 1))
    nested += "END:VEVENT\r\n" * (mirror_module.MAX_OBJECT_EVENTS + 1)
    m = Mirror(None, "test", LONDON)
    m.put("nest.ics", f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{nested}END:VCALENDAR\r\n")
    m.put("real.ics", _meeting())
    found, cut, skipped = m.events(START, END, "cal")
    assert [e.title for e in found] == ["Board meeting"]
    assert (cut, skipped) == (0, 1)


def test_objects_whose_masters_share_a_uid_are_all_read() -> None:
    m = Mirror(None, "test", LONDON)
    m.put("0-invite.ics", lone("good@x", "Early", "20261119T030000Z", "20261119T040000Z"))
    m.put("real.ics", _meeting())
    found, cut, skipped = m.events(START, END, "cal")
    assert [(e.title, e.start.hour) for e in found] == [("Early", 3), ("Board meeting", 14)]
    assert found[0].uid == "good@x" and found[1].uid != "good@x"
    assert (cut, skipped) == (0, 0)


def test_a_thousand_objects_sharing_a_uid_are_each_read() -> None:
    m = Mirror(None, "test", LONDON)
    for k in range(1000):
        m.put(f"{k:04d}.ics", lone("same@x", f"M{k}", "20261119T090000Z", "20261119T093000Z"))
    found, cut, _ = m.events(START, END, "cal")
    assert len(found) == 1000 and len({e.uid for e in found}) == 1000 and cut == 0


def test_an_override_in_its_own_object_still_moves_its_series() -> None:
    m = Mirror(None, "test", LONDON)
    m.put("series", vcal("UID:w@x\r\nSUMMARY:Weekly\r\nDTSTART:20261119T090000Z\r\nDTEND:20261119T100000Z\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=2\r\n"))
    m.put("moved", vcal("UID:w@x\r\nSUMMARY:Weekly\r\nRECURRENCE-ID:20261126T090000Z\r\n"
                        "DTSTART:20261126T150000Z\r\nDTEND:20261126T160000Z\r\n"))
    found, *_ = m.events(START, END, "cal")
    assert [(e.start.day, e.start.hour, e.uid) for e in found] == [(19, 9, "w@x"), (26, 15, "w@x")]
