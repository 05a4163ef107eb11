"""Progress per goal, counted from the store: items done, waiting items answered, blockers
cleared since a time, and the next open item."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.models import GoalProgress, Item
from planner.priority import GoalRef
from planner.progress import goal_progress
from planner.store import Store

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)


def _add(store: Store, title: str, goal: str | None, kind: str = "commitment", score: float = 1.0,
         due: str | None = None, counterparty: str = "") -> int:
    item = Item(kind=kind, title=title, evidence=title, source={}, goal=goal, score=score, due=due,
                counterparty=counterparty)
    store.add_item(item)
    store.set_scores([(item.id or 0, score, [], goal)])
    return item.id or 0


def test_progress_counts_what_moved_since_and_names_the_next_item() -> None:
    now = [T0]
    store = Store.open(":memory:", clock=lambda: now[0])
    deck = _add(store, "Send Maria the deck", "Fundraise", score=5)
    model = _add(store, "Update the model", "Fundraise", score=2)
    _add(store, "Book the board room", "Fundraise", score=9, due="2026-12-01")
    _add(store, "Call the landlord", "Fundraise", score=1, due="2026-11-18")  # overdue: next
    rachel = _add(store, "Rachel: comments on the side letter", "Fundraise", kind="waiting",
                  counterparty="rachel@law.example")
    legal = _add(store, "Legal sign-off", "Fundraise", kind="blocker")
    old = _add(store, "Intro deck v0", "Fundraise")
    _add(store, "Review job posts", "Hiring", score=3)
    _add(store, "Nothing to do with goals", None)
    store.update_item(old, {"status": "done"})  # before the week: not counted
    now[0] = T0 + timedelta(days=2)
    since = (T0 + timedelta(days=1)).isoformat()
    for item_id in (deck, model, rachel, legal):
        store.update_item(item_id, {"status": "done"})
    progress = goal_progress(store, ["Fundraise", "Hiring", "Quiet goal"], since, TODAY)
    assert progress == [
        GoalProgress("Fundraise", ["2 items done", "Rachel answered", "1 blocker cleared"], "Call the landlord"),
        GoalProgress("Hiring", [], "Review job posts"),
        # A goal no item serves keeps its line: the owner set it, and the brief says nothing moves it.
        GoalProgress("Quiet goal", [], ""),
    ]


def test_a_goal_whose_work_is_all_done_still_says_so() -> None:
    now = [T0]
    store = Store.open(":memory:", clock=lambda: now[0])
    a = _add(store, "Sign the lease", "Office")
    now[0] = T0 + timedelta(hours=3)
    store.update_item(a, {"status": "done"})
    assert goal_progress(store, ["Office"], T0.isoformat(), TODAY) == [GoalProgress("Office", ["1 item done"], "")]
    # Dropped items are not progress.
    b = _add(store, "Paint the walls", "Office")
    store.update_item(b, {"status": "dropped"})
    later = (T0 + timedelta(hours=1)).isoformat()
    assert goal_progress(store, ["Office"], later, TODAY)[0].moved == ["1 item done"]


def test_an_item_closed_before_it_was_ranked_counts_for_the_goal_its_words_name() -> None:
    now = [T0]
    store = Store.open(":memory:", clock=lambda: now[0])
    answered = Item(kind="waiting", title="Follow up with Maria: share the list of partners", evidence="x",
                    source={}, counterparty="maria@northwind.vc")
    store.add_item(answered)
    now[0] = T0 + timedelta(hours=2)
    store.update_item(answered.id or 0, {"status": "done"})
    seed = GoalRef("Close the seed round", 2.0, ("partners", "seed"))
    other = GoalRef("Hire", 1.0, ("candidate",))
    assert goal_progress(store, [seed, other], T0.isoformat(), TODAY) == [
        GoalProgress("Close the seed round", ["Maria answered"], ""), GoalProgress("Hire", [], "")]
    # By title alone there is nothing to match it with.
    assert goal_progress(store, ["Close the seed round"], T0.isoformat(), TODAY) == [
        GoalProgress("Close the seed round", [], "")]
