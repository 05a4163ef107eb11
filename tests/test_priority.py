"""The priority model: order, reasons with their points, each [planner] weight, and how ranks
move over simulated days."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from agent.settings import SCHEMA
from planner.models import Item
from planner.priority import (
    DEFAULT_WEIGHTS,
    GoalRef,
    Weights,
    explain,
    rank,
    score,
    since,
    working_days_after,
)

TODAY = date(2026, 11, 19)  # a Thursday
SEED = GoalRef("Close the seed round", 3.0, ("deck", "investor"), date(2026, 12, 1))


def item(kind: str = "request", title: str = "Book travel", due: str | None = None, n: int = 1,
         counterparty: str = "maria@fund.example", sent: str = "2026-11-18", **kw: object) -> Item:
    return Item(kind=kind, title=title, evidence=f"Can you {title.lower()}?", id=n, due=due,
                counterparty=counterparty, source={"message_id": f"<{n}@x>", "subject": title,
                                                   "from": counterparty, "date": f"{sent}T09:00:00+00:00"},
                **kw)  # type: ignore[arg-type]


def test_weights_mirror_the_planner_section() -> None:
    names = {f.name for f in fields(Weights)} - {"working_days"}
    assert names == set(SCHEMA["planner"])
    assert all(getattr(DEFAULT_WEIGHTS, k) == SCHEMA["planner"][k].default for k in names)
    w = Weights.from_settings({"pinned": 3, "stale_days": 5, "unknown": 1}, [0, 2])
    assert (w.pinned, w.stale_days, w.working_days) == (3, 5, (0, 2))


def test_points_add_up_and_each_reason_carries_its_own() -> None:
    s = explain(item(title="Send the deck", due="2026-11-20"), [SEED], TODAY)
    assert s.contributions == [("asked of you", 2.0), ("goal: Close the seed round", 3.0),
                               ("goal deadline in 12 days", 1.0), ("due tomorrow", 3.32), ("Maria is waiting", 1.0)]
    assert s.points == sum(p for _, p in s.contributions) and s.goal == "Close the seed round"
    assert score(item(title="Send the deck", due="2026-11-20"), [SEED], TODAY) == (s.points, s.reasons, s.goal)


def test_the_due_curve_has_no_cliff_between_adjacent_days() -> None:
    def due_points(left: int) -> float:
        d = (TODAY + timedelta(days=left)).isoformat()
        return sum(p for r, p in explain(item(due=d), [], TODAY).contributions if r.startswith(("due", "overdue")))
    curve = [due_points(left) for left in range(-3, 60)]
    assert curve == sorted(curve, reverse=True)  # nearer is never lower
    steps = [a - b for a, b in zip(curve, curve[1:], strict=False)]
    assert max(steps) <= 0.5 + 1e-9  # the old ladder jumped 1.0 between day 7 and day 8
    assert due_points(0) == 3.5 and due_points(1) == 3.32 and due_points(-2) == pytest.approx(4.5)


def test_an_overdue_item_says_since_when_then_gives_way_after_its_grace() -> None:
    assert working_days_after(date(2026, 11, 13), TODAY, range(5)) == 4  # Fri -> Thu: Mon..Thu
    fresh = explain(item(due="2026-11-17"), [], TODAY)  # Tue: 2 working days
    assert "overdue since Tue" in fresh.reasons
    old = explain(item(due="2026-11-13"), [], TODAY)  # Fri: 4 working days, past 3
    assert "overdue since Fri, past its grace" in old.reasons
    assert old.points < explain(item(due="2026-11-30"), [], TODAY).points < fresh.points
    longer = explain(item(due="2026-11-13"), [], TODAY, replace(DEFAULT_WEIGHTS, overdue_grace_days=5))
    assert "overdue since Fri" in longer.reasons and longer.points > fresh.points
    assert since(date(2026, 11, 3), TODAY) == "3 Nov"


def test_who_waits_and_for_how_long() -> None:
    new = explain(item(sent="2026-11-18"), [], TODAY)
    week = explain(item(sent="2026-11-12"), [], TODAY)
    assert "Maria is waiting" in new.reasons and not any(r.startswith("waiting since") for r in new.reasons)
    assert ("Maria is waiting", 1.0) in week.contributions and ("waiting since 12 Nov", 0.6) in week.contributions
    assert week.points > new.points


def test_a_blocker_ranks_above_what_it_blocks_and_the_blocked_sits_lower() -> None:
    deck = item(title="Send the deck", due="2026-11-20", n=1, blocked_by=[2])
    legal = item("blocker", title="Chase legal sign-off", n=2, blocks=[1])
    other = item(title="Plan the offsite", due="2026-11-20", n=3, counterparty="tom@x.example")
    ranked = rank([other, deck, legal], [SEED], TODAY)
    assert [i.id for i in ranked] == [2, 1, 3]
    assert ("blocked by item 2", -1.0) in deck.contributions
    lift = dict(legal.contributions)["blocks “Send the deck”"]
    assert legal.score == pytest.approx((deck.score or 0) + 1.0) and lift > 1.0
    assert legal.reasons == [r for r, _ in legal.contributions]


@pytest.mark.parametrize(("weight", "make", "reason"), [
    ("request", lambda: item(), "asked of you"),
    ("goal", lambda: item(title="Send the deck"), "goal: Close the seed round"),
    ("goal_deadline", lambda: item(title="Send the deck"), "goal deadline in 12 days"),
    ("someone_waiting", lambda: item(), "Maria is waiting"),
    ("waiting_per_day", lambda: item(sent="2026-11-12"), "waiting since 12 Nov"),
    ("late", lambda: item("waiting", due="2026-11-18"), "Maria is late"),
    ("blocked", lambda: item(blocked_by=[7]), "blocked by item 7"),
    ("stale", lambda: item(sent="2026-10-01"), "untouched for 49 days"),
    ("pinned", lambda: item(pinned=True), "pinned for today"),
    ("snoozed", lambda: item(snoozed_until="2026-11-23"), "snoozed until 2026-11-23"),
])
def test_a_weight_of_zero_takes_its_reason_away(weight: str, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    on = explain(make(), [SEED], TODAY)
    off = explain(make(), [SEED], TODAY, replace(DEFAULT_WEIGHTS, **{weight: 0}))
    assert reason in on.reasons and reason not in off.reasons
    assert on.points != off.points


def test_weights_change_the_order() -> None:
    promise = item("commitment", title="Write the memo", n=1, counterparty="")
    ask = item(title="Book travel", n=2, counterparty="")
    assert [i.id for i in rank([ask, promise], [], TODAY)] == [1, 2]
    heavier = replace(DEFAULT_WEIGHTS, request=5.0)
    assert [i.id for i in rank([ask, promise], [], TODAY, weights=heavier)] == [2, 1]
    blocker = item("blocker", n=3, blocks=[2], counterparty="")
    assert rank([ask, blocker], [], TODAY)[0].id == 3
    assert "blocks “Book travel”" not in rank([ask, blocker], [], TODAY, weights=replace(DEFAULT_WEIGHTS, blocking=0))[0].reasons


# -- over simulated days ------------------------------------------------------------------------


def _order(items: list[Item], day: date, goals: list[GoalRef] | None = None) -> list[int]:
    return [i.id or 0 for i in rank([replace(i) for i in items], goals or [], day)]


def test_as_a_deadline_approaches_the_item_rises() -> None:
    deck = item(title="Send the deck", due="2026-12-03", n=1, counterparty="")
    others = [item(title=f"Task {n}", n=n, counterparty="", due=f"2026-11-{18 + n}") for n in range(2, 6)]
    places = []
    for offset in range(0, 15, 2):
        day = TODAY + timedelta(days=offset)
        places.append(_order([deck, *others], day).index(1))
    assert places[0] > 0 and places[-1] == 0
    assert places == sorted(places, reverse=True)


def test_a_pinned_item_stays_on_top_every_day() -> None:
    quiet = item("waiting", title="Follow up with Ben: numbers", n=1, pinned=True, counterparty="ben@x.example")
    loud = [item(title=f"Urgent {n}", n=n, due="2026-11-20") for n in range(2, 6)]
    for offset in range(5):
        assert _order([quiet, *loud], TODAY + timedelta(days=offset))[0] == 1


def test_when_a_blocker_clears_what_it_blocked_rises() -> None:
    deck = item(title="Send the deck", n=1, blocked_by=[2], counterparty="")
    legal = item("blocker", title="Chase legal", n=2, blocks=[1], counterparty="")
    memo = item(title="Write the memo", n=3, counterparty="")
    before = rank([replace(i) for i in (deck, legal, memo)], [], TODAY)
    assert [i.id for i in before] == [2, 3, 1]
    after = rank([replace(i) for i in (deck, memo)], [], TODAY + timedelta(days=1))  # legal is done
    assert [i.id for i in after] == [1, 3] and not any(r.startswith("blocked") for r in after[0].reasons)


def test_a_blocker_in_a_goals_way_ranks_above_the_goals_best_item() -> None:
    deck = item(title="Send the deck", due="2026-11-20", n=1)
    legal = item(kind="blocker", title="Unblock: the investor's legal review of the deck", n=2)
    other = item(title="Book travel", due="2026-11-19", n=3)
    ranked = rank([deck, legal, other], [SEED], TODAY)
    assert [i.id for i in ranked][:2] == [2, 1]
    lift = dict(legal.contributions)["blocks “Close the seed round”"]
    assert legal.score == pytest.approx(deck.score + DEFAULT_WEIGHTS.blocking) and lift > 0
    # Without the weight, nothing lifts it, and its own points leave it below the deck.
    flat = rank([replace(deck), replace(legal), replace(other)], [SEED], TODAY, weights=replace(DEFAULT_WEIGHTS, blocking=0))
    assert [i.id for i in flat][0] == 1 and not any(r.startswith("blocks") for r in flat[1].reasons + flat[2].reasons)
    # A blocker of no goal, or of a goal with no other open item, keeps its own points.
    alone = item(kind="blocker", title="Unblock: the venue contract", n=4)
    rank([alone, other], [SEED], TODAY)
    assert not any(r.startswith("blocks") for r in alone.reasons)
