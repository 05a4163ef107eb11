from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.dates import find_due

LONDON = ZoneInfo("Europe/London")
WEDNESDAY = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("sentence,due", [
    ("I'll send the deck by Friday.", "2026-11-20"),
    ("Can you do it by Wednesday?", "2026-11-18"),
    ("Feedback by Wednesday EOD please.", "2026-11-18"),
    ("Numbers by Tuesday.", "2026-11-24"),
    ("next Tuesday works", "2026-11-24"),
    ("Send it EOD.", "2026-11-18"),
    ("by close of business", "2026-11-18"),
    ("I'll have it tomorrow.", "2026-11-19"),
    ("by end of week", "2026-11-20"),
    ("by the end of next week", "2026-11-27"),
    ("before the end of the month", "2026-11-30"),
    ("in two days", "2026-11-20"),
    ("in 3 business days", "2026-11-23"),
    ("in a week", "2026-11-25"),
    ("early next week", "2026-11-23"),
    ("before the pilot review on Dec 3?", "2026-12-03"),
    ("by 15 December", "2026-12-15"),
    ("due 2027-01-10", "2027-01-10"),
    ("Call me tomorrow at 3pm", "2026-11-19T15:00:00+00:00"),
    ("Slides please, ahead of our Friday board call.", "2026-11-20"),
    ("Two slides ahead of our Wednesday board call.", "2026-11-25"),
    ("for the Wednesday standup", "2026-11-25"),
    ("Can you do it this Wednesday?", "2026-11-18"),
    ("The renewal needs your signature by the 30th.", "2026-11-30"),
    ("before the auditors arrive on the 2nd", "2026-12-02"),
    ("due on the 18th", "2026-11-18"),
    ("Could you fix the alerts before the weekend?", "2026-11-20"),
    ("I'll read it over the weekend.", "2026-11-22"),
    ("We can chat this weekend.", "2026-11-22"),
    ("Nothing to see here.", None),
    ("The 4th floor is closed.", None),
    ("We sat in the sun.", None),
])
def test_relative_dates_resolve_against_the_message_date(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


def test_dates_resolve_in_the_owners_time_zone() -> None:
    # 23:30 UTC on Wednesday is already Thursday in Tokyo: "tomorrow" is Friday there.
    late = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)
    assert find_due("tomorrow", late, ZoneInfo("Asia/Tokyo"))[0] == "2026-11-20"
    assert find_due("tomorrow", late, LONDON)[0] == "2026-11-19"


def test_a_bare_month_day_prefers_the_future() -> None:
    december = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    assert find_due("by Jan 5", december, LONDON)[0] == "2027-01-05"


def test_end_of_week_follows_the_owners_last_working_day() -> None:
    assert find_due("by end of week", WEDNESDAY, LONDON, last_workday=3)[0] == "2026-11-19"


def test_the_phrase_is_returned_for_titles() -> None:
    assert find_due("I'll send it by Friday.", WEDNESDAY, LONDON)[1] == "by Friday"


def test_a_deadline_past_the_calendar_or_a_decade_away_is_no_deadline() -> None:
    import time

    sent = datetime(2026, 11, 18, 9, tzinfo=UTC)
    began = time.perf_counter()
    for sentence in ("Please send the deck in 99999999 days.", "Send it in 99999999 working days.",
                     "Review it in 600 weeks."):
        assert find_due(sentence, sent, LONDON) == (None, "")
    assert time.perf_counter() - began < 1  # counting 99,999,999 working days took minutes
    assert find_due("Send it in 3 working days.", sent, LONDON)[0] == "2026-11-23"


def test_a_date_at_the_calendars_edge_or_a_weekday_in_odd_letters_is_handled() -> None:
    edge = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    assert find_due("Please send it by Friday.", edge, ZoneInfo("Pacific/Kiritimati")) == (None, "")
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday
    # Case-insensitive matching takes "ſ" for "s" and "ı" for "i": the weekday must still resolve.
    assert find_due("Can you do it by ſunday?", sent, UTC)[0] == "2026-11-22"
    assert find_due("Can you do it by next Frıday?", sent, UTC)[0] == find_due("by next Friday", sent, UTC)[0]
