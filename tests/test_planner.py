from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from connectors.types import Attendee, Event
from planner.brief import REPLY_HELP, BriefInput, compose, to_json
from planner.focus import free_slots, plan_blocks
from planner.models import Item
from planner.priority import GoalRef, rank, score

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 19)
SEED = GoalRef("Close the seed round", 3.0, ("deck", "investor"), date(2026, 12, 1))


def item(kind: str = "request", title: str = "Send the deck", due: str | None = None, n: int = 1,
         counterparty: str = "maria@fund.example", **kw: object) -> Item:
    return Item(kind=kind, title=title, evidence=f"Can you {title.lower()}?", id=n, due=due,
                counterparty=counterparty, source={"message_id": f"<{n}@x>", "subject": title,
                                                   "from": counterparty, "date": "2026-11-18T09:00:00+00:00"},
                **kw)  # type: ignore[arg-type]


def test_every_point_has_a_reason() -> None:
    points, reasons, goal = score(item(due="2026-11-20"), [SEED], TODAY)
    assert goal == "Close the seed round"
    assert reasons == ["asked of you", "goal: Close the seed round", "goal deadline in 12 days",
                       "due tomorrow", "Maria is waiting"]
    assert points == pytest.approx(2.0 + 3.0 + 1.0 + 3.32 + 1.0)  # due tomorrow: near due today on the smooth curve


def test_urgency_ladder() -> None:
    def s(due: str | None) -> float:
        return score(item(title="Book travel", due=due), [], TODAY)[0]
    assert s("2026-11-16") > s("2026-11-19") > s("2026-11-20") > s("2026-11-22") > s("2026-11-26") > s("2027-01-01") > s(None)
    assert "overdue since Mon" in score(item(due="2026-11-16"), [], TODAY)[1]


def test_kind_and_pin() -> None:
    assert score(item("commitment"), [], TODAY)[0] > score(item("request"), [], TODAY)[0] > score(item("waiting"), [], TODAY)[0]
    pinned = score(item("waiting", pinned=True), [], TODAY)
    assert "pinned for today" in pinned[1] and pinned[0] > 10


def test_rank_is_deterministic() -> None:
    items = [item(n=1, title="Book travel"), item(n=2, title="Send the deck"), item(n=3, title="Book hotel")]
    assert [i.id for i in rank(items, [SEED], TODAY)] == [2, 1, 3]
    assert [i.id for i in rank(list(reversed(items)), [SEED], TODAY)] == [2, 1, 3]


def test_free_slots_avoid_meetings_and_declined_ones_do_not_count() -> None:
    events = [Event("a", "Standup", datetime(2026, 11, 19, 9, 30, tzinfo=LONDON), datetime(2026, 11, 19, 9, 45, tzinfo=LONDON)),
              Event("b", "Lunch", datetime(2026, 11, 19, 12, 0, tzinfo=LONDON), datetime(2026, 11, 19, 13, 0, tzinfo=LONDON),
                    attendees=[Attendee("ada@example.com", status="declined")]),
              Event("c", "Dad's birthday", datetime(2026, 11, 19, tzinfo=LONDON), datetime(2026, 11, 20, tzinfo=LONDON),
                    all_day=True, busy=False)]
    slots = free_slots(TODAY, events, LONDON, time(9), time(13), 90, owner_email="ada@example.com")
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in slots] == [("09:45", "11:15"), ("11:15", "12:45")]
    # An all-day event marked busy ("Offsite") takes the day.
    offsite = Event("c", "Offsite", datetime(2026, 11, 19, tzinfo=LONDON), datetime(2026, 11, 20, tzinfo=LONDON),
                    all_day=True)
    assert free_slots(TODAY, [*events[:2], offsite], LONDON, time(9), time(13), 90, owner_email="ada@example.com") == []
    later = free_slots(TODAY, [], LONDON, time(9), time(13), 60, now=datetime(2026, 11, 19, 10, 5, tzinfo=LONDON))
    assert later[0][0].strftime("%H:%M") == "10:15"


def test_no_blocks_on_days_off() -> None:
    saturday = date(2026, 11, 21)
    assert plan_blocks(saturday, [1], [], LONDON, time(9), time(17), 90, 2, [0, 1, 2, 3, 4]) == []
    assert len(plan_blocks(TODAY, [1, 2, 3], [], LONDON, time(9), time(17), 90, 2, [0, 1, 2, 3, 4])) == 2


def _brief() -> dict:
    items = rank([
        item(n=1, title="Send the deck", due="2026-11-20"),
        item(n=2, title="Review the MSA", due="2026-11-19", counterparty="dana@acme.example"),
        item(n=3, title="Book travel", counterparty="travel@loom.example"),
        item(n=4, title="Approve invoices", due="2026-11-21", counterparty="maya@loom.example"),
        item("waiting", n=5, title="Follow up with Ben: numbers", due="2026-11-24", counterparty="ben@x.example"),
        item("blocker", n=6, title="Unblock: legal review", counterparty="dana@acme.example"),
        item(n=7, title="Plan the offsite", due="2027-02-01", counterparty="tom@loom.example"),
    ], [SEED], TODAY)
    meeting = Event("m", "Call with Maria", datetime(2026, 11, 19, 16, 30, tzinfo=LONDON),
                    datetime(2026, 11, 19, 17, tzinfo=LONDON), attendees=[Attendee("maria@fund.example")])
    inp = BriefInput(day=TODAY, tz=LONDON, owner_name="Ada Lovelace", owner_email="ada@loom.example",
                     items=items, events=[meeting], max_focus=2)
    brief = compose(inp)
    return {"brief": brief, "json": to_json(brief)}


def test_brief_sections_in_order_with_numbered_lines() -> None:
    b = _brief()
    data = b["json"]
    assert [i["id"] for i in data["focus"]] == [1, 2]
    assert data["meetings"][0]["line"] == 3 and data["meetings"][0]["related"] == [1]
    assert data["meetings"][0]["start"] == "2026-11-19T16:30:00+00:00"
    assert [i["id"] for i in data["due_soon"]] == [4]
    assert [i["id"] for i in data["waiting"]] == [5]
    assert [i["id"] for i in data["blockers"]] == [6]
    lines = [e["line"] for key in ("focus", "meetings", "due_soon", "waiting", "blockers") for e in data[key]]
    assert lines == list(range(1, len(lines) + 1))
    assert b["brief"].line_map() == {1: 1, 2: 2, 4: 4, 5: 5, 6: 6}
    # Not everything is dumped: an item with no urgency and no goal stays out.
    assert 7 not in {e.get("id") for key in data if isinstance(data[key], list) for e in data[key]}


def test_brief_text_reads_as_a_note() -> None:
    text = _brief()["brief"].text
    assert text.startswith("Good morning, Ada. Today's focus: send the deck.")
    headings = ["Today's focus", "Today's meetings", "Due soon and overdue", "Waiting on others", "Blockers"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert "“Can you send the deck?”" in text
    assert "Why: Due tomorrow, moves “Close the seed round” forward (goal due in 12 days) and Maria is waiting." in text
    assert text.rstrip().endswith("\n".join(REPLY_HELP))  # the reply language's cheat sheet closes it


def test_html_brief_escapes_what_mail_wrote() -> None:
    hostile = item(n=9, title="Send <script>alert(1)</script>", due="2026-11-19")
    inp = BriefInput(day=TODAY, tz=LONDON, owner_name="Ada", owner_email="ada@loom.example",
                     items=rank([hostile], [], TODAY), events=[])
    html = compose(inp).html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_day_of_hundreds_of_meetings_is_a_count_not_a_list() -> None:
    from datetime import timedelta

    from planner.brief import MAX_MEETINGS

    start = datetime(2026, 11, 19, 8, 0, tzinfo=LONDON)
    events = [Event(uid=f"rota{n}", title=f"Rota {n}", start=start + timedelta(minutes=2 * n),
                    end=start + timedelta(minutes=2 * n + 1)) for n in range(300)]
    brief = compose(BriefInput(day=start.date(), tz=LONDON, owner_name="Ada Lovelace",
                               owner_email="ada@example.com", items=[], events=events))
    assert len([bl for bl in brief.lines if bl.section == "meetings"]) == MAX_MEETINGS
    assert "You have 300 meetings today; the first 12 are listed, and `focusd calendar` shows them all." in brief.text
    assert len(brief.text.splitlines()) < 40
