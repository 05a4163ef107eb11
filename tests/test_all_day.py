"""All-day events: one marked busy ("Team offsite", "Out of office") takes its whole day, so no
focus time is booked on it and the brief says why; one marked free (a birthday, a holiday on a
shared calendar) takes none. Either is named in the brief's opening on its day."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.settings import load
from connectors.calendar.ics import event_from_component

LONDON = ZoneInfo("Europe/London")
OFFSITE_DAY = datetime(2026, 11, 27, 7, 30, tzinfo=LONDON)  # the demo calendar's "Team offsite", a Friday


def test_the_offsite_day_has_no_focus_block_and_the_brief_says_why(demo_dir: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(OFFSITE_DAY))
    sync_once(app)
    brief = compose_brief(app, OFFSITE_DAY.date())
    assert "All day today: “Team offsite”." in brief.text
    focus = [bl for bl in brief.lines if bl.section == "focus"]
    assert focus, brief.text
    assert "No focus time today: your calendar is busy all day (“Team offsite”)." in brief.text
    assert "Suggested time" not in brief.text and "Focus block booked" not in brief.text
    start = OFFSITE_DAY.replace(hour=0, minute=0)
    assert app.store.blocks(start, start + timedelta(days=1)) == []
    # The day before is an ordinary day: its brief suggests focus time and names no all-day event.
    before = OFFSITE_DAY - timedelta(days=1)
    app2 = App(load(demo_dir / "focusd.toml"), fixed(before))
    sync_once(app2)
    text = compose_brief(app2, before.date()).text
    assert "All day today" not in text and "Suggested time" in text


def test_a_free_all_day_event_is_named_but_leaves_the_day_open(demo_dir: Path) -> None:
    ics = demo_dir / "calendar.ics"
    ics.write_text(ics.read_text().replace("SUMMARY:Team offsite", "SUMMARY:Team offsite\nTRANSP:TRANSPARENT"))
    app = App(load(demo_dir / "focusd.toml"), fixed(OFFSITE_DAY))
    sync_once(app)
    text = compose_brief(app, OFFSITE_DAY.date()).text
    assert "All day today: “Team offsite”." in text
    assert "busy all day" not in text and "Suggested time" in text


def test_an_all_day_event_without_an_end_lasts_its_day() -> None:
    """RFC 5545: a DTSTART that is a date, with neither DTEND nor DURATION, lasts one day."""
    from icalendar import Calendar

    cal = Calendar.from_ical("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Holiday\r\n"
                             "DTSTART;VALUE=DATE:20261127\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    event = event_from_component(next(iter(cal.walk("VEVENT"))), LONDON)
    assert event.all_day and event.end - event.start == timedelta(days=1)

