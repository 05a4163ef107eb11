"""The demo week's owner over simulated days, through the real cycle and the real brief: each
morning a sync and a brief sent to the file outbox, the clock moved by the test. What the
planner adapts shows in the brief as the owner reads it."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from agent.app import App
from agent.cycle import compose_brief, send_brief, sync_once
from agent.settings import load
from planner.models import Brief
from tests.conftest import DEMO_NOW


class Owner:
    """The demo owner's focusd, with a clock the test moves."""

    def __init__(self, demo_dir: Path) -> None:
        self.now = DEMO_NOW
        self.app = App(load(demo_dir / "focusd.toml"), lambda: self.now)
        sync_once(self.app)

    def morning(self, days: int = 1) -> None:
        self.now += timedelta(days=days)
        sync_once(self.app)

    def brief(self) -> Brief:
        return compose_brief(self.app, self.app.today())

    def send(self) -> Brief:
        result = send_brief(self.app, self.app.today())
        assert result.outcome == "sent", result
        return result.brief

    def section(self, brief: Brief, name: str) -> list[str]:
        return [bl.item.title for bl in brief.lines if bl.section == name and bl.item is not None]


def test_a_passed_focus_time_is_replanned_and_said_so(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    first = owner.send()
    sent = json.loads(owner.app.store.brief(owner.app.today())["json"])  # type: ignore[index]
    (timed,) = [row for row in sent["focus"] if row.get("focus_time")]  # the demo suggests one free time
    assert timed["focus_time"]["state"] == "suggested" and "Suggested time: 10:00–11:30" in first.text
    owner.morning()  # Friday: the deck is still open, its time passed unused
    text = owner.brief().text
    assert f"Re-planned: {timed['title']}: its focus time Thu 10:00 passed with it still open" in text
    before_focus = text.split("\nToday's focus\n")[0]
    assert f"Re-planned: {timed['title']}:" in before_focus  # said near the top, once
    assert text.count(f"Re-planned: {timed['title']}:") == 1
    # The promise due Thursday, shown in that brief and still open, is said to be overdue now.
    assert "Re-planned: Review the new pricing page copy and send notes: due Thu, it passed" in before_focus


def test_a_stale_item_is_asked_about_once_and_drop_numbers_it(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    owner.send()
    owner.morning(days=15)  # two weeks with no word on anything
    asked = owner.send()
    stale = [bl for bl in asked.lines if bl.section == "stale"]
    assert 1 <= len(stale) <= 3 and "Still relevant?" in asked.text and "drop N" in asked.text
    numbers = asked.line_map()
    assert all(numbers[bl.line] == bl.item.id for bl in stale if bl.item is not None)
    ids = {bl.item.id for bl in stale if bl.item is not None}
    others = {bl.item.id for bl in asked.lines if bl.section != "stale" and bl.item is not None}
    assert not ids & others  # an item is on one numbered line only
    owner.morning()
    again = owner.brief()
    assert not ids & {bl.item.id for bl in again.lines if bl.section == "stale" and bl.item is not None}


def test_an_overdue_waiting_item_gets_a_nudge_to_copy(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    assert "Nudge:" not in owner.brief().text  # nothing owed is late yet
    owner.morning(days=5)  # Tue 24 Nov: Rachel's comments were due Mon
    brief = owner.brief()
    lines = brief.text.splitlines()
    at = next(n for n, line in enumerate(lines) if "Rachel: comments on the side letter" in line)
    assert lines[at + 2].strip().startswith("Nudge: Hi Rachel, any news on the side letter comments?")
    assert owner.app.store.count("outbox") == 0  # a draft for the owner, sent to no one


def test_a_deadline_approaching_raises_an_item_into_focus(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    title = "Send the November investor update"
    assert title not in owner.section(owner.brief(), "focus")
    for item in owner.app.store.items():  # the three ahead of it are done
        if item.id is not None and item.title != title and item.kind != "waiting" and item.due and item.due < "2026-11-27":
            owner.app.store.close_item(item.id, "done by test")
    owner.morning(days=10)  # Sun 29 Nov: due tomorrow
    owner.now = datetime(2026, 11, 30, 7, 30, tzinfo=DEMO_NOW.tzinfo)
    focus = owner.section(owner.brief(), "focus")
    assert title in focus
    # Only what blocks a goal due within the week comes before it: the two Acme blockers,
    # lifted above that goal's overdue waiting item ("send it to Tom this week", due 20 Nov).
    assert all(t.startswith("Unblock:") for t in focus[:focus.index(title)])


def test_the_weekly_progress_line_names_what_moved(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    brief = owner.brief()
    assert "Goals this week" in brief.text
    line = next(x for x in brief.text.splitlines() if x.startswith("Close the seed round:"))
    assert "Next: Send Maria the updated deck with the Q3 numbers." in line


def test_a_brief_that_never_went_out_asks_its_stale_question_again(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    owner.send()
    owner.morning(days=15)
    outbox = demo_dir / "outbox"
    shutil.rmtree(outbox)
    outbox.write_text("not a folder")  # every send fails, all day
    failed = send_brief(owner.app, owner.app.today(), delays=())  # the quick retries (5 s) are not this test's matter
    assert failed.outcome == "failed"
    first = {bl.item.id for bl in failed.brief.lines if bl.section == "stale"}
    assert first
    outbox.unlink()
    outbox.mkdir()
    owner.morning(days=3)  # Monday: the unsent brief has expired; today's asks the same question
    sync_once(owner.app)
    again = owner.send()
    assert first <= {bl.item.id for bl in again.lines if bl.section == "stale"}


def test_an_item_asked_about_is_not_also_said_to_be_replanned(demo_dir: Path) -> None:
    owner = Owner(demo_dir)
    first = owner.send()
    deck = next(bl.item for bl in first.lines if bl.section == "focus" and bl.item is not None)
    assert "Suggested time" in first.text  # the deck had a focus time in that brief
    owner.app.store.db.execute("UPDATE items SET updated_at = '2026-10-01T09:00:00+00:00' WHERE id = ?", [deck.id])
    owner.morning()  # its time passed unused, and it has not been touched for weeks
    brief = owner.brief()
    assert deck.id in {bl.item.id for bl in brief.lines if bl.section == "stale" and bl.item is not None}
    assert f"Re-planned: {deck.title}:" not in brief.text


def test_a_goal_whose_date_has_passed_says_so(demo_dir: Path) -> None:
    """Weeks after "Land the Acme pilot" (Fri 4 Dec) came and went, its line says the date passed;
    the seed round's (Tue 15 Dec) does not yet."""
    owner = Owner(demo_dir)
    owner.morning(days=19)  # Tue 8 Dec
    text = owner.brief().text
    acme = next(x for x in text.splitlines() if x.startswith("Land the Acme pilot:"))
    seed = next(x for x in text.splitlines() if x.startswith("Close the seed round:"))
    assert acme.endswith("Its date, Fri 4 Dec, has passed.") and "passed" not in seed
