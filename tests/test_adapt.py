"""Adaptation over simulated days, on a real store with a fixed clock: re-planned lines, stale
items asked about once, follow-ups for late waiting items, and plain-English waiting titles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from planner.adapt import followups, replanned, stale_items, waiting_title
from planner.models import Block, Item
from planner.priority import DEFAULT_WEIGHTS
from planner.store import Store

LONDON = ZoneInfo("Europe/London")
MON = datetime(2026, 11, 16, 7, 30, tzinfo=UTC)


def _item(kind: str, title: str, due: str | None = None, who: str = "rachel@law.example") -> Item:
    return Item(kind=kind, title=title, evidence=f"{title}.", counterparty=who, due=due,
                source={"message_id": f"<{title}@x>", "from": who, "subject": title,
                        "date": "2026-11-13T09:00:00+00:00"})


class Days:
    """A store whose clock the test moves day by day."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.store = Store.open(":memory:", lambda: self.now)

    def send_brief(self, lines: dict[int, int]) -> None:
        day = self.now.astimezone(LONDON).date()
        assert self.store.claim_brief(day, f"tok{day.isoformat()}", f"<{day}@b>", "Focus", lines)
        self.store.mark_brief_sent(day)

    def open_items(self) -> dict[int, Item]:
        return {i.id: i for i in self.store.items() if i.id is not None}


def test_waiting_titles_read_as_plain_english() -> None:
    assert waiting_title(_item("waiting", "Follow up with Rachel: review the draft side letter and send you "
                                          "their comments")) == "Rachel: comments on the side letter"
    assert waiting_title(_item("waiting", "Follow up with Priya: send you the signed SOW")) == "Priya: the signed SOW"
    assert waiting_title(_item("waiting", "Follow up with Maria: have the Q3 numbers to you")) == "Maria: the Q3 numbers"
    assert waiting_title(_item("waiting", "Follow up with Ben: numbers")) == "Ben: numbers"
    assert waiting_title(_item("request", "Follow up with Ben: numbers")) == "Follow up with Ben: numbers"


def test_an_overdue_waiting_item_gets_a_follow_up_once_it_is_late() -> None:
    days = Days(MON)
    side = _item("waiting", "Follow up with Rachel: review the draft side letter and send you their comments",
                 due="2026-11-18")
    ask = _item("request", "Send Rachel the cap table", due="2026-11-17")
    days.store.add_item(side)
    days.store.add_item(ask)
    assert followups(days.store.items(), date(2026, 11, 18)) == {}  # due today: not late yet
    drafts = followups(days.store.items(), date(2026, 11, 20))
    assert list(drafts) == [side.id]  # only what is owed to the owner
    assert drafts[side.id].draft == ("Hi Rachel, any news on the side letter comments? It was due Wed; "
                                     "could you let me know where it stands?")
    assert "\n" not in drafts[side.id].draft


def test_a_stale_item_is_asked_about_once() -> None:
    days = Days(MON)
    old = _item("request", "Review the pension forms")
    fresh = _item("request", "Book the offsite venue")
    days.store.add_item(old)
    days.now += timedelta(days=5)
    days.store.add_item(fresh)
    asked_on = []
    for _ in range(25):  # a brief every day; each sent brief marks what it asked
        days.now += timedelta(days=1)
        today = days.now.date()
        ask = stale_items(days.store.items(), today, DEFAULT_WEIGHTS, days.store.touched(), days.store.asked_stale())
        if ask:
            asked_on.append((today, [i.id for i in ask]))
            days.store.mark_asked_stale([i.id for i in ask if i.id is not None])
    # untouched for 14 days: 14 days after each was stored, and never a second time
    assert asked_on == [(MON.date() + timedelta(days=14), [old.id]), (MON.date() + timedelta(days=19), [fresh.id])]


def test_an_overdue_item_moves_to_the_stale_question_after_its_grace() -> None:
    days = Days(MON)
    late = _item("request", "Sign the lease", due="2026-11-16")
    days.store.add_item(late)
    asked = []
    for offset in range(1, 6):  # Tue .. Sat
        today = MON.date() + timedelta(days=offset)
        asked.append(bool(stale_items(days.store.items(), today, touched=days.store.touched())))
    assert asked == [False, False, False, True, True]  # Fri is the 4th working day overdue


def test_a_passed_focus_time_is_replanned_and_said_so() -> None:
    days = Days(MON)
    deck = _item("request", "Send Maria the deck", due="2026-11-18", who="maria@fund.example")
    memo = _item("request", "Write the memo", due="2026-11-20")
    done = _item("request", "Book travel")
    for i in (deck, memo, done):
        days.store.add_item(i)
    assert deck.id and memo.id and done.id
    days.send_brief({1: deck.id, 2: memo.id, 3: done.id})
    tue_14 = datetime(2026, 11, 17, 14, tzinfo=LONDON)
    days.store.add_block(Block(deck.id, tue_14, tue_14 + timedelta(minutes=90), state="booked", uid="b1"))
    days.store.add_block(Block(done.id, tue_14 + timedelta(hours=2), tue_14 + timedelta(hours=3), state="booked"))
    days.store.close_item(done.id, "sent")
    later = tue_14 + timedelta(days=1, hours=3)  # the day after, in the afternoon
    blocks = days.store.blocks(MON, later, states=("booked", "suggested", "requested", "dismissed"))
    # Wednesday morning: Tuesday's focus time passed, the due date (Wed) has not.
    wed_morning = datetime(2026, 11, 18, 7, tzinfo=LONDON)
    (line,) = replanned(days.store.last_sent_brief(date(2026, 11, 18)), blocks, days.open_items(), wed_morning, LONDON)
    assert line.item_id == deck.id
    assert line.text == "Send Maria the deck: its focus time Tue 14:00 passed with it still open; ranked again for today"
    # Saturday: the memo's Friday due date passed too.
    sat = datetime(2026, 11, 21, 7, tzinfo=LONDON)
    lines = replanned(days.store.last_sent_brief(sat.date()), blocks, days.open_items(), sat, LONDON)
    assert [r.item_id for r in lines] == [deck.id, memo.id]  # the closed item is not re-planned
    assert lines[1].text == "Write the memo: due Fri, it passed with the item still open; now overdue and ranked higher"
    assert replanned(None, blocks, days.open_items(), sat, LONDON) == []
    dismissed = [Block(deck.id, tue_14, tue_14 + timedelta(minutes=90), state="dismissed")]
    assert replanned(days.store.last_sent_brief(date(2026, 11, 18)), dismissed, days.open_items(), wed_morning,
                     LONDON) == []


def test_a_waiting_title_keeps_its_verb_when_the_rest_says_nothing_alone() -> None:
    assert waiting_title(_item("waiting", "Follow up with Elena: get back to you")) == "Elena: get back to you"
    assert waiting_title(_item("waiting", "Follow up with Megan: get it posted")) == "Megan: get it posted"
    assert waiting_title(_item("waiting", "Follow up with Lee: get back to you on pricing")) == "Lee: pricing"
    assert waiting_title(_item("waiting", "Follow up with James: send over a draft term sheet")) == \
        "James: a draft term sheet"


def test_a_follow_up_on_a_step_asks_when_in_the_owners_words() -> None:
    """A new user's nudge read "Hi Maria, any news on I'll introduce you to our CTO?"."""
    days = Days(MON)
    intro = _item("waiting", "Follow up with Maria: I'll introduce you to our CTO", due="2026-11-18")
    days.store.add_item(intro)
    drafts = followups(days.store.items(), date(2026, 11, 20))
    assert drafts[intro.id].draft.startswith("Hi Maria, any news on when you'll introduce me to your CTO? It was due")
    assert waiting_title(intro) == "Maria: introduce you to our CTO"


def test_a_follow_up_on_an_ask_as_written_asks_after_it_as_it_stands() -> None:
    days = Days(MON)
    ask = _item("waiting", "Follow up with Dana: could your IT team send Tom the IdP metadata by Friday?",
                due="2026-11-18")
    days.store.add_item(ask)
    draft = followups(days.store.items(), date(2026, 11, 20))[ask.id].draft
    assert "when you'll" not in draft and "??" not in draft
