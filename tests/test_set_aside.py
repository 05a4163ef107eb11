"""What the owner let a "Still relevant?" pass: it stays open, after the rest of its section,
and is not nudged again, until something touches it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.settings import load

LONDON = ZoneInfo("Europe/London")


def test_a_wait_the_owner_let_a_still_relevant_pass_is_not_nudged_again(demo_dir: Path) -> None:
    """Asked about once and left: after the other waits, and without the daily nudge."""
    from planner.brief import to_json

    later = datetime(2026, 12, 3, 7, 30, tzinfo=LONDON)  # every demo wait is overdue by then
    app = App(load(demo_dir / "focusd.toml"), fixed(later))
    sync_once(app)
    before = to_json(compose_brief(app, later.date()))
    nudged = [row["id"] for row in before["waiting"] if row.get("followup")]
    assert len(nudged) >= 2, before["waiting"]
    app.store.mark_asked_stale([nudged[0]])
    after = to_json(compose_brief(app, later.date()))
    rows = {row["id"]: row for row in after["waiting"]}
    assert nudged[0] in rows and "followup" not in rows[nudged[0]]
    assert rows[nudged[1]].get("followup")
    assert [row["id"] for row in after["waiting"]][-1] == nudged[0]  # after the others


def test_an_undated_item_back_from_snooze_is_in_the_next_brief_once(demo_dir: Path) -> None:
    """Snoozed till Monday, with no date of its own and a rank below the focus: on Monday it is
    among what is due, said to be back, and on Tuesday, with Monday's brief sent, it ranks as
    any other."""
    from agent.cycle import send_brief
    from planner.brief import to_json

    thursday = datetime(2026, 11, 19, 7, 30, tzinfo=LONDON)
    app = App(load(demo_dir / "focusd.toml"), fixed(thursday))
    sync_once(app)
    culture = next(i for i in app.store.items() if i.title == "Take the culture round")
    assert culture.id is not None and culture.due is None
    app.store.update_item(culture.id, {"status": "snoozed", "snoozed_until": "2026-11-23"})
    monday = datetime(2026, 11, 23, 7, 30, tzinfo=LONDON)
    app = App(load(demo_dir / "focusd.toml"), fixed(monday))
    sync_once(app)
    brief = compose_brief(app, monday.date())
    rows = {row["id"]: row for row in to_json(brief)["due_soon"]}
    assert culture.id in rows, brief.text
    assert "Take the culture round (back from snooze)" in brief.text
    assert send_brief(app, monday.date()).outcome == "sent"
    tuesday = datetime(2026, 11, 24, 7, 30, tzinfo=LONDON)
    app = App(load(demo_dir / "focusd.toml"), fixed(tuesday))
    sync_once(app)
    assert "back from snooze" not in compose_brief(app, tuesday.date()).text


def test_a_goals_next_step_is_not_one_the_owner_let_pass() -> None:
    from datetime import date

    from planner.models import Item
    from planner.priority import GoalRef
    from planner.progress import progress_from
    from planner.review import progress_line

    def item(n: int, title: str, score: float) -> Item:
        return Item(kind="request", title=title, evidence=title, id=n, score=score, goal="Ship SSO",
                    source={"message_id": f"<{n}@x>"})

    old, new = item(1, "Read Lena's SSO guide", 9.0), item(2, "Send Victor the integration timeline", 5.0)
    goal = GoalRef("Ship SSO", 2.0, ("sso",), date(2026, 11, 20))
    day = date(2026, 11, 30)
    (plain,) = progress_from([(old, ""), (new, "")], [goal], "2026-11-23", day)
    assert plain.next == "Read Lena's SSO guide" and plain.passed == date(2026, 11, 20)
    (aside,) = progress_from([(old, ""), (new, "")], [goal], "2026-11-23", day, aside={1})
    assert aside.next == "Send Victor the integration timeline"
    assert progress_line(aside) == ("Ship SSO: nothing moved. Next: Send Victor the integration timeline. "
                                    "Its date, Fri 20 Nov, has passed.")
    (only,) = progress_from([(old, "")], [goal], "2026-11-23", day, aside={1})
    assert only.next == "Read Lena's SSO guide"  # next only when nothing else is
