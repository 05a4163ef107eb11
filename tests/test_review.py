"""The weekly review: what it chooses (pure), how it renders, the demo week as the store says it,
a golden file of its text, sent once, and a reply to it that steers its own numbers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from agent import replies
from agent.app import App
from agent.cli import cli
from agent.clock import fixed
from agent.cycle import compose_review, send_brief, send_review, sync_once
from agent.settings import load
from connectors.types import Address, Message
from planner.models import GoalProgress, Item
from planner.priority import working_days_after
from planner.review import (
    ReviewInput,
    compose,
    gather,
    parse_week,
    to_json,
    week_of,
)
from tests.conftest import DEMO_NOW

GOLD = Path(__file__).parent / "gold" / "review_demo.txt"
MONDAY = date(2026, 11, 16)
FRIDAY = date(2026, 11, 20)


def _item(n: int, title: str, status: str = "open", due: str | None = None, snoozed: str | None = None) -> Item:
    return Item(kind="request", title=title, evidence=title, source={}, id=n, status=status, due=due,
                snoozed_until=snoozed)


def _at(day: date) -> str:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC).isoformat()


def test_gather_sorts_the_week_into_done_slipped_next_week_and_stale() -> None:
    rows = [
        (_item(1, "Done on Tuesday", "done"), _at(MONDAY), _at(MONDAY + timedelta(days=1))),
        (_item(2, "Done last week", "done"), _at(MONDAY), _at(MONDAY - timedelta(days=3))),
        (_item(3, "Due Wednesday, open", due="2026-11-18"), _at(MONDAY), _at(MONDAY)),
        (_item(4, "Snoozed past its date", "snoozed", due="2026-11-17", snoozed="2026-11-30"), _at(MONDAY),
         _at(MONDAY)),
        (_item(5, "Due next Tuesday", due="2026-11-24"), _at(MONDAY), _at(MONDAY)),
        (_item(6, "Long overdue", due="2026-11-09"), _at(MONDAY), _at(MONDAY)),
        (_item(7, "Overdue since last Friday", due="2026-11-13"), _at(MONDAY), _at(MONDAY)),
        (_item(8, "Nobody touched it", due=None), _at(date(2026, 10, 1)), _at(date(2026, 10, 1))),
        (_item(9, "Dropped", "dropped", due="2026-11-18"), _at(MONDAY), _at(MONDAY)),
        (_item(10, "Due today, not yet slipped", due="2026-11-20"), _at(MONDAY), _at(MONDAY)),
    ]
    parts = gather(rows, MONDAY, FRIDAY, UTC, stale_days=14, grace_days=3)
    assert [i.id for i in parts["done"]] == [1]
    assert [(i.id, why) for i, why in parts["slipped"]] == [
        (4, "due Tue 17 Nov, snoozed to Mon 30 Nov"), (3, "due Wed 18 Nov, still open")]
    assert [(i.id, when) for i, when in parts["due_next"]] == [(5, "Tue 24 Nov")]
    assert [(i.id, why) for i, why in parts["stale"]] == [  # oldest first
        (8, "untouched since Thu 1 Oct"), (6, "overdue since Mon 9 Nov"), (7, "overdue since Fri 13 Nov")]
    # Five working days overdue is within a grace of five.
    lenient = gather(rows, MONDAY, FRIDAY, UTC, stale_days=14, grace_days=5)
    assert [i.id for i, _ in lenient["stale"]] == [8, 6]


def test_weeks_and_working_days() -> None:
    assert parse_week("2026-W47") == MONDAY and week_of(FRIDAY) == MONDAY
    assert parse_week("2027-W01") == date(2027, 1, 4)
    with pytest.raises(ValueError):
        parse_week("2026-47")
    assert working_days_after(date(2026, 11, 13), FRIDAY, range(5)) == 5  # Fri -> next Fri: Mon..Fri
    assert working_days_after(FRIDAY, FRIDAY, range(5)) == 0


def _review_input() -> ReviewInput:
    return ReviewInput(
        week=MONDAY, today=FRIDAY, owner_name="Ada",
        done=[_item(1, "Ship <b>it</b> & tell")],
        slipped=[(_item(2, "Send the deck"), "due Wed 18 Nov, still open")],
        progress=[GoalProgress("Seed", ["1 item done"], "Send the deck")],
        due_next=[(_item(3, "Board pack"), "Tue 24 Nov")],
        stale=[(_item(4, "Old <script>alert(1)</script>"), "untouched since Thu 1 Oct")])


def test_the_review_numbers_its_item_lines_and_renders_text_html_and_json() -> None:
    review = compose(_review_input())
    assert review.line_map() == {1: 2, 2: 3, 3: 4}
    assert review.subject == "Week 47 review: 1 done, 1 slipped, 1 to drop?"
    assert " 3. Old <script>alert(1)</script> (untouched since Thu 1 Oct)" in review.text
    assert "- Seed: 1 item done. Next: Send the deck" in review.text
    html = review.html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert f"<title>{review.subject}</title>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "Ship &lt;b&gt;it&lt;/b&gt; &amp; tell" in html
    data = to_json(review)
    assert data["week"] == "2026-W47" and [e["line"] for e in data["stale"]] == [3]
    assert data["progress"] == [{"goal": "Seed", "moved": ["1 item done"], "next": "Send the deck"}]


def test_stale_items_come_oldest_first() -> None:
    old, older, oldest = _item(1, "Old"), _item(2, "Older", due="2026-10-01"), _item(3, "Oldest")
    rows = [(old, _at(date(2026, 10, 20)), _at(date(2026, 10, 20))),
            (older, _at(date(2026, 10, 1)), _at(date(2026, 11, 16))),
            (oldest, _at(date(2026, 9, 1)), _at(date(2026, 9, 2)))]
    parts = gather(rows, MONDAY, FRIDAY, UTC)
    assert [i.title for i, _ in parts["stale"]] == ["Oldest", "Older", "Old"]


def test_a_month_of_unanswered_asks_gives_a_review_of_ten_lines_a_section_and_a_count() -> None:
    from dataclasses import replace

    stale = [(_item(100 + n, f"Old ask {n}"), f"untouched since day {n}") for n in range(37)]
    done = [_item(500 + n, f"Done {n}", status="done") for n in range(40)]
    review = compose(replace(_review_input(), stale=stale, done=done))
    assert review.subject == "Week 47 review: 40 done, 1 slipped, 37 to drop?"
    assert [rl.item.title for rl in review.lines if rl.section == "stale"] == [f"Old ask {n}" for n in range(10)]
    assert "    … and 27 more: `focusd items` lists them all" in review.text
    assert "… and 27 more" in review.html
    assert max(review.line_map()) == 12  # 1 slipped, 1 due next week, 10 stale: numbers a reply can use
    data = to_json(review)
    assert data["more"] == {"stale": 27} and data["done_count"] == 40 and len(data["done"]) == 15
    # The stored review no longer grows with the backlog.
    small = len(json.dumps(to_json(compose(replace(_review_input(), stale=stale[:10], done=done[:15])))))
    assert len(json.dumps(data)) < small * 1.1


def _demo(demo_dir: Path) -> App:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    return app


def test_the_demo_weeks_review_lists_what_the_store_says(demo_dir: Path) -> None:
    app = _demo(demo_dir)
    review = compose_review(app, week_of(app.today()))
    items = app.store.all_items()
    done = [i.id for i in items if i.status == "done"]
    assert [i.id for i in review.done] == done and done
    # What is owed to the owner reads as the brief shows it: "Maria: the list of partners ..."
    assert [i.title for i in review.done] == ["Maria: the list of partners who will be in the room"]
    today = app.today()
    slipped = [i.id for i in items if i.status == "open" and i.due_date() and MONDAY <= i.due_date() < today]
    assert [rl.item.id for rl in review.lines if rl.section == "slipped"] == slipped and slipped
    nxt = {i.id for i in items if i.status == "open" and i.due_date() and MONDAY + timedelta(days=7)
           <= i.due_date() < MONDAY + timedelta(days=14)}
    assert {rl.item.id for rl in review.lines if rl.section == "due_next"} == nxt and nxt
    assert [p.goal for p in review.progress] == [g["title"] for g in app.store.goals()]


def test_golden_text_review_of_the_demo_week(demo_dir: Path) -> None:
    text = compose_review(_demo(demo_dir), MONDAY).text
    assert text == GOLD.read_text(), "the demo week's review changed: if on purpose, update " + str(GOLD)


def test_review_send_twice_sends_once_and_keeps_it_apart_from_the_brief(demo_dir: Path) -> None:
    app = _demo(demo_dir)
    assert send_brief(app, app.today()).outcome == "sent"
    first = send_review(app, MONDAY)
    assert first.outcome == "sent" and first.sent_at
    again = send_review(app, MONDAY)
    assert again.outcome == "already_sent" and again.text == first.text
    mails = sorted((demo_dir / "outbox").glob("*.eml"))
    assert len(mails) == 2  # the brief and the review, each once
    assert sum(b"Week 47 review" in m.read_bytes() for m in mails) == 1
    row, brief = app.store.brief(MONDAY, "review"), app.store.brief(app.today())
    assert row is not None and brief is not None and row["token"] != brief["token"] and row["sent_at"]
    assert json.loads(row["json"])["week"] == "2026-W47"


def test_a_reply_drop_1_to_the_review_drops_the_reviews_line_1(demo_dir: Path) -> None:
    app = _demo(demo_dir)
    send_brief(app, app.today())
    send_review(app, MONDAY)
    review, brief = app.store.brief(MONDAY, "review"), app.store.brief(app.today())
    assert review is not None and brief is not None
    target, briefs_line_1 = review["lines"]["1"], brief["lines"]["1"]
    assert target != briefs_line_1
    owner = app.settings.owner_email
    msg = Message(message_id="<r-review@x.example>", subject="Re: review", sender=Address("Ada", owner), to=[], cc=[],
                  date=app.now() + timedelta(minutes=5), text="drop 1", reply_text="drop 1",
                  in_reply_to=review["message_id"], references=[review["message_id"]], is_brief_reply=True,
                  strict_from=owner.lower())
    [out] = replies.handle(app, [msg])
    assert out.status == "applied"
    assert app.store.item(target).status == "dropped"
    assert app.store.item(briefs_line_1).status == "open"


def test_cli_review_prints_text_json_and_html(demo_dir: Path) -> None:
    app = _demo(demo_dir)
    app.close()
    runner = CliRunner()
    env = {"FOCUSD_NOW": DEMO_NOW.isoformat()}
    args = ["--config", str(demo_dir / "focusd.toml"), "review", "--week", "2026-W47"]
    text = runner.invoke(cli, args, env=env)
    assert text.exit_code == 0, text.output
    assert text.output.startswith("Week 47 review for")
    data = runner.invoke(cli, [*args, "--format", "json"], env=env)
    assert json.loads(data.output)["week"] == "2026-W47"
    html = runner.invoke(cli, [*args, "--format", "html"], env=env)
    assert html.output.startswith("<!DOCTYPE html>")
    bad = runner.invoke(cli, [*args[:-1], "47"], env=env)
    assert bad.exit_code != 0 and "not a week" in bad.output


def test_review_printed_on_monday_morning_is_last_weeks(demo_dir: Path) -> None:
    """On the week's first working day nothing of it is done yet: `focusd review` shows the week
    before; later in the week, that week."""
    app = _demo(demo_dir)
    app.close()
    runner = CliRunner()
    base = ["--config", str(demo_dir / "focusd.toml"), "review", "--format", "json"]
    monday = runner.invoke(cli, base, env={"FOCUSD_NOW": "2026-11-23T08:00:00+00:00"})
    assert monday.exit_code == 0, monday.output
    assert json.loads(monday.output)["week"] == "2026-W47"
    tuesday = runner.invoke(cli, base, env={"FOCUSD_NOW": "2026-11-24T08:00:00+00:00"})
    assert json.loads(tuesday.output)["week"] == "2026-W48"


def test_the_daemon_sends_the_review_on_the_last_working_day_after_the_brief(demo_dir: Path) -> None:
    from agent import daemon

    moments = [datetime(2026, 11, 19, 8, 0, tzinfo=UTC),  # Thursday: the brief, no review
               datetime(2026, 11, 20, 6, 0, tzinfo=UTC),  # Friday before the brief's time: nothing yet
               datetime(2026, 11, 20, 8, 0, tzinfo=UTC),  # Friday after it: the brief, then the review
               datetime(2026, 11, 20, 9, 0, tzinfo=UTC)]  # and never twice
    sent = []
    for now in moments:
        app = App(load(demo_dir / "focusd.toml"), fixed(now))
        assert daemon.run(app, max_cycles=1) == 0
        sent.append(sorted(m.read_bytes().split(b"Subject: ", 1)[1].split(b"\n", 1)[0].decode()
                           for m in (demo_dir / "outbox").glob("*.eml")))
        app.close()
    assert [len(s) for s in sent] == [1, 1, 3, 3]
    assert sum("Week 47 review" in s for s in sent[2]) == 1


def test_the_last_working_day_is_the_one_before_a_day_off() -> None:
    from agent.daemon import last_working_day

    week = [date(2026, 11, 16) + timedelta(days=n) for n in range(7)]  # Mon .. Sun
    assert [d.strftime("%a") for d in week if last_working_day(d, range(5))] == ["Fri"]
    assert [d.strftime("%a") for d in week if last_working_day(d, [6, 0, 1, 2, 3])] == ["Thu"]
    assert [d.strftime("%a") for d in week if last_working_day(d, range(7))] == ["Sun"]
    assert [d.strftime("%a") for d in week if last_working_day(d, [0, 2, 4])] == ["Mon", "Wed", "Fri"]


@pytest.mark.parametrize("seed", [4, 8])
def test_gather_keeps_the_lines_a_full_sort_would_show_and_counts_the_rest(seed: int) -> None:
    """Hundreds of slipped, next-week and stale items: gather holds ten of each, the very ten a
    sort of them all puts first (ties in the order read), and the composed review counts every one."""
    import random

    from planner.review import MAX_LINES

    rng = random.Random(seed)
    rows = []
    for n in range(1, 900):
        due = (MONDAY + timedelta(days=rng.randint(-40, 12))).isoformat() if rng.random() < 0.8 else None
        item = _item(n, f"Item {n}", rng.choice(["open", "open", "snoozed", "done"]), due=due,
                     snoozed="2026-11-30" if rng.random() < 0.3 else None)
        item.score = rng.choice([1.0, 2.5, 4.0])  # ties in score: the order read breaks them
        touched = MONDAY - timedelta(days=rng.randint(0, 60))
        rows.append((item, _at(touched), _at(touched)))
    parts = gather(rows, MONDAY, FRIDAY, UTC, stale_days=14, grace_days=3)

    # The reference: every row of each section, then one stable sort, as gather did before.
    end = MONDAY + timedelta(days=7)
    every: dict[str, list[tuple[tuple[object, ...], Item]]] = {"slipped": [], "due_next": [], "stale": []}
    for item, _, updated in rows:
        due, touched = item.due_date(), datetime.fromisoformat(updated).date()
        if item.status not in ("open", "snoozed"):
            continue
        if due is not None and MONDAY <= due < min(FRIDAY, end):
            every["slipped"].append(((item.due or "", item.id), item))
        elif due is not None and end <= due < end + timedelta(days=7):
            every["due_next"].append(((item.due or "", -(item.score or 0.0)), item))
        elif item.status == "open" and due is not None and due < MONDAY and working_days_after(due, FRIDAY, (0, 1, 2, 3, 4)) > 3:
            every["stale"].append(((due, item.id), item))
        elif item.status == "open" and (FRIDAY - touched).days >= 14:
            every["stale"].append(((touched, item.id), item))
    for section, found in every.items():
        ordered = [item for _, item in sorted(found, key=lambda p: p[0])]
        assert len(found) > 2 * MAX_LINES, section  # the case is a real one: sections overflow
        assert [item.id for item, *_ in parts[section]] == [item.id for item in ordered[:MAX_LINES]], section
        assert len(parts[section]) + parts["unlisted"][section] == len(found), section
    review = compose(ReviewInput(week=MONDAY, today=FRIDAY, owner_name="Ada", **parts))
    assert review.more == {s: len(found) - MAX_LINES for s, found in every.items()}
    assert f"{len(every['slipped'])} slipped" in review.subject and f"{len(every['stale'])} to drop?" in review.subject


def test_a_review_without_numbered_lines_offers_no_commands() -> None:
    """A trial's review offered "drop 3 · done 1" under a review with no numbered line."""
    from dataclasses import replace

    from planner.review import REPLY_HELP

    assert REPLY_HELP in compose(_review_input()).text
    bare = compose(replace(_review_input(), slipped=[], due_next=[], stale=[]))
    assert bare.line_map() == {} and REPLY_HELP not in bare.text and REPLY_HELP not in bare.html


def test_work_closed_by_a_mail_counts_in_the_week_of_that_mail() -> None:
    """A trial's week-50 review counted as done what Friday's mail finished, because Monday's sync
    read it; and its week-49 review left it out."""
    from dataclasses import replace

    friday_mail = replace(_item(1, "Send the questionnaire", "done"),
                          notes=["Closed by ada@loom.example's mail of 2026-11-20 (<q@x>): \"Attached is the questionnaire.\""])
    monday_sync = _at(MONDAY + timedelta(days=7))
    rows = [(friday_mail, _at(MONDAY), monday_sync), (_item(2, "Done by hand next Monday", "done"), _at(MONDAY), monday_sync)]
    assert [i.id for i in gather(rows, MONDAY, FRIDAY, UTC, stale_days=14, grace_days=3)["done"]] == [1]
    later = gather(rows, MONDAY + timedelta(days=7), FRIDAY + timedelta(days=7), UTC, stale_days=14, grace_days=3)
    assert [i.id for i in later["done"]] == [2]
