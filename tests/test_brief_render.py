"""The brief built once as data and read off as text, HTML and JSON: the three say the same,
each new part shows only when given, and the subject names the top focus."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, send_brief, sync_once
from agent.daemon import brief_due
from agent.settings import load
from connectors.types import Attendee, Event
from planner.brief import MAX_SUBJECT, BriefInput, brief_day, compose, subject, to_json
from planner.models import (
    AttachmentRef,
    Brief,
    FollowUp,
    GoalProgress,
    Item,
    ItemContext,
    Link,
    Meeting,
    MessageRef,
    Replan,
)
from planner.priority import rank

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 19)  # a Thursday
OWNER = "ada@loom.example"


def item(kind: str = "request", title: str = "Send the deck", due: str | None = None, n: int = 1,
         counterparty: str = "maria@fund.example", evidence: str = "") -> Item:
    return Item(kind=kind, title=title, evidence=evidence or f"Can you {title.lower()}?", id=n, due=due,
                counterparty=counterparty, source={"message_id": f"<{n}@x>", "subject": title,
                                                   "from": counterparty, "date": "2026-11-18T09:00:00+00:00"})


def items() -> list[Item]:
    return rank([
        item(n=1, title="Send Maria the deck", due="2026-11-20"),
        item(n=2, title="Review the MSA", due="2026-11-21", counterparty="dana@acme.example"),
        item(n=3, title="Book travel", counterparty="travel@loom.example"),
        item("waiting", n=5, title="Ben: the November numbers", due="2026-11-16", counterparty="ben@x.example"),
        item(n=8, title="Renew the domain", due="2026-11-10", counterparty="ops@loom.example"),
    ], [], TODAY)


def context(it: Item) -> ItemContext:
    """Every part of a focus item's context, the way the planner hands it over."""
    when = datetime(2026, 11, 17, 15, 4, tzinfo=UTC)
    call = Meeting(title="Call with Maria", start=datetime(2026, 11, 20, 10, tzinfo=UTC),
                   end=datetime(2026, 11, 20, 10, 30, tzinfo=UTC), uid="c1",
                   description="Notes: walk through the Q3 numbers")
    mid = f"<ctx{it.id}@fund.example>"
    return ItemContext(
        latest=MessageRef(mid, "Re: the deck", "maria@fund.example", when, "Looking forward to the Q3 page"),
        people=["maria@fund.example", "james@harbor.example", OWNER],
        attachment=AttachmentRef("deck-v3.pdf", 1_200_000, "maria@fund.example", when, mid),
        meeting=call,
        links=[Link("Message-ID", mid), Link("Gmail", f"https://mail.google.com/mail/u/0/#search/rfc822msgid:ctx{it.id}"),
               Link("Apple Mail", f"message:%3Cctx{it.id}@fund.example%3E")])


def full_input(**kw: object) -> BriefInput:
    """A brief with every part over days set: context, re-planned, stale, follow-ups, progress,
    health."""
    meeting = Event("m", "Call with Maria", datetime(2026, 11, 19, 16, 30, tzinfo=LONDON),
                    datetime(2026, 11, 19, 17, tzinfo=LONDON), attendees=[Attendee("maria@fund.example")])
    ranked = items()
    stale = [i for i in ranked if i.id == 8]
    values: dict[str, object] = dict(
        day=TODAY, tz=LONDON, owner_name="Ada Lovelace", owner_email=OWNER, items=ranked, events=[meeting],
        max_focus=3, context=context,
        replanned=[Replan(1, "Send Maria the deck: its focus time Wed 14:00 passed; moved to today")],
        stale=stale, followups={5: FollowUp(5, "Hi Ben, any news on the November numbers?")},
        progress=[GoalProgress("Close the seed round", ["2 items done", "Rachel answered"], "Send Maria the deck"),
                  GoalProgress("Hire a backend engineer")],
        health=["Mail has not synced since Tue 17 Nov 09:00: the IMAP server refused the login."])
    values.update(kw)
    return BriefInput(**values)  # type: ignore[arg-type]


class _Lines(HTMLParser):
    """The text a reader sees, one line per block element; a link reads "label: target"."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "br", "hr", "title", "tr"}

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.lines.append("")
        if tag == "a":
            self.href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.lines.append("")
        if tag == "a":
            self.href = ""

    def handle_data(self, data: str) -> None:
        self.lines[-1] += f"{data}: {self.href}" if self.href else data


def html_lines(html: str) -> list[str]:
    parser = _Lines()
    parser.feed(html)
    return [" ".join(line.split()) for line in parser.lines if line.strip()]


def assert_html_says_what_text_says(brief: Brief) -> None:
    shown = set(html_lines(brief.html))
    for line in brief.text.splitlines():
        line = " ".join(line.split())
        if line and not re.fullmatch(r"-+", line):
            # The HTML puts a focus item's links on its source line, to keep the focus short.
            assert line in shown or any(line in s for s in shown), line


def test_html_shows_every_text_line_with_every_part_set() -> None:
    brief = compose(full_input())
    assert_html_says_what_text_says(brief)


def test_html_shows_see_also_and_related_lines() -> None:
    """The old HTML dropped them: a reader of the HTML missed what the text said."""
    inp = full_input(context=None, related=lambda it: [{"subject": "Re: deck", "sender": "maria@fund.example"}])
    brief = compose(inp)
    assert "See also: “Re: deck” from Maria" in brief.text and "Related: line" in brief.text
    assert_html_says_what_text_says(brief)


def test_the_html_is_a_document_with_nothing_remote_and_nothing_run() -> None:
    html = compose(full_input()).html
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html and '<meta name="viewport"' in html
    assert "<title>Focus Thu 19 Nov: Send Maria the deck (+2)</title>" in html
    assert "<script" not in html.lower() and "<link" not in html.lower() and "<style" not in html.lower()
    assert not re.search(r"""(src|url)\s*[=(]\s*["']?https?:""", html)
    # The focus section comes before every other section.
    assert html.index('id="focus"') < min(html.index(f'id="{k}"') for k in ("meetings", "waiting", "stale"))


def test_every_new_part_is_rendered_in_text() -> None:
    text = compose(full_input()).text
    top = text.split("Today's focus\n")[0]
    assert "Mail has not synced since Tue 17 Nov 09:00" in top  # health, near the top
    assert "Re-planned: Send Maria the deck: its focus time Wed 14:00 passed; moved to today" in top
    focus = text.split("Today's focus\n")[1].split("Today's meetings")[0]
    assert "   Latest: “Re: the deck” from Maria, Tue: “Looking forward to the Q3 page”" in focus
    assert "   People: Maria, James\n" in focus  # the owner is not one of "the people"
    assert "   Latest version: deck-v3.pdf (1.2 MB) from Maria, Tue" in focus
    assert "   Next meeting: Call with Maria, Fri 20 Nov 10:00" in focus
    assert "   Notes: walk through the Q3 numbers" in focus
    assert "   Message-ID: <ctx1@fund.example> · Gmail: https://mail.google.com/" in focus
    assert "Apple Mail: message:%3Cctx1@fund.example%3E" in focus
    waiting = text.split("Waiting on others")[1]
    assert re.search(r"\d+\. Ben: the November numbers .*\n   “.*\n   Nudge: Hi Ben, any news on the November", waiting)
    assert "Still relevant?" in text and "Reply `drop N`" in text
    assert "Goals this week\n---------------\nClose the seed round: 2 items done, Rachel answered. Next: Send Maria " \
           "the deck.\nHire a backend engineer: nothing moved yet; no open item moves it forward." in text


def test_stale_items_are_numbered_once_and_can_be_dropped() -> None:
    brief = compose(full_input())
    stale = [bl for bl in brief.lines if bl.section == "stale"]
    assert [bl.item.id for bl in stale if bl.item] == [8]
    assert brief.line_map()[stale[0].line] == 8
    # The overdue item would lead the due-soon list; asked about, it is on no other line.
    assert list(brief.line_map().values()).count(8) == 1
    assert re.search(rf"\n{stale[0].line}\. Renew the domain \(overdue since Tue 10 Nov\)\n", brief.text)
    data = to_json(brief)
    assert [e["id"] for e in data["stale"]] == [8] and data["stale"][0]["line"] == stale[0].line


def test_nothing_about_an_empty_part_shows() -> None:
    plain = compose(full_input(context=None, replanned=[], stale=[], followups={}, progress=[], health=[]))
    for word in ("Re-planned", "Nudge", "Still relevant?", "Goals this week", "Latest", "People:", "Message-ID",
                 "Mail has not synced", "drop N"):
        assert word not in plain.text and word not in plain.html, word
    data = to_json(plain)
    assert not {"stale", "replanned", "progress", "health"} & set(data)
    assert "context" not in data["focus"][0] and "followup" not in data["waiting"][0]


def test_json_keeps_its_keys_and_carries_the_new_parts() -> None:
    data = json.loads(json.dumps(to_json(compose(full_input()))))
    for key in ("date", "subject", "focus", "meetings", "tomorrow", "due_soon", "waiting", "blockers", "handled"):
        assert key in data, key
    assert {"id", "line", "why", "title", "evidence"} <= set(data["focus"][0])
    ctx = data["focus"][0]["context"]
    assert ctx["latest"]["message_id"] == "<ctx1@fund.example>" and ctx["latest"]["snippet"]
    assert ctx["attachment"] == {"filename": "deck-v3.pdf", "size": 1_200_000, "sender": "maria@fund.example",
                                 "date": "2026-11-17T15:04:00+00:00", "message_id": "<ctx1@fund.example>"}
    assert ctx["meeting"]["title"] == "Call with Maria" and ctx["links"][1]["label"] == "Gmail"
    assert data["waiting"][0]["followup"] == "Hi Ben, any news on the November numbers?"
    assert data["replanned"] == [{"item_id": 1, "text": "Send Maria the deck: its focus time Wed 14:00 passed; "
                                                      "moved to today"}]
    assert data["progress"][0] == {"goal": "Close the seed round", "moved": ["2 items done", "Rachel answered"],
                                   "next": "Send Maria the deck"}
    assert data["health"][0].startswith("Mail has not synced")


def test_only_a_mail_client_link_is_clickable() -> None:
    """A target is built from a Message-ID, which mail wrote: only https: and message: links
    become anchors, and everything is escaped."""
    def hostile(it: Item) -> ItemContext:
        return ItemContext(links=[Link("Message-ID", '<"><script>x</script>@evil>'),
                                  Link("Gmail", "javascript:alert(1)")])
    html = compose(full_input(context=hostile)).html
    assert "<script>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    good = compose(full_input()).html
    assert 'href="https://mail.google.com/mail/u/0/#search/rfc822msgid:ctx1"' in good
    assert 'href="message:%3Cctx1@fund.example%3E"' in good


def test_the_subject_names_the_top_focus() -> None:
    assert compose(full_input()).subject == "Focus Thu 19 Nov: Send Maria the deck (+2)"
    assert subject(TODAY, []) == "Focus Thu 19 Nov: a clear day"
    assert subject(TODAY, [item()]) == "Focus Thu 19 Nov: Send the deck"
    long = item(title="Send Maria the updated investor deck with the Q3 numbers, the revised hiring plan and "
                      "the new pricing page before the partner meeting")
    cut = subject(TODAY, [long, item(n=2), item(n=3)])
    assert len(cut) <= MAX_SUBJECT and cut.endswith("… (+2)")
    assert cut.startswith("Focus Thu 19 Nov: Send Maria the updated investor deck")
    assert not re.search(r"\w…", cut.replace("numbers…", "")) or cut.split("…")[0][-1].isalnum()


def test_one_brief_per_working_date() -> None:
    weekdays = [0, 1, 2, 3, 4]
    assert brief_day(TODAY, weekdays) and not brief_day(date(2026, 11, 21), weekdays)
    assert brief_day(date(2026, 11, 21), weekdays, weekends=True)


def _demo_app(demo_dir: Path, moment: datetime, weekends: bool = False) -> App:
    config = demo_dir / "focusd.toml"
    if weekends:
        config.write_text(config.read_text().replace("max_focus = 3", "max_focus = 3\nweekends = true"))
    app = App(load(config), fixed(moment))
    sync_once(app)
    return app


def test_a_day_off_gets_no_brief_unless_weekends(demo_dir: Path) -> None:
    saturday = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    app = _demo_app(demo_dir, saturday)
    assert not brief_due(app, saturday)
    result = send_brief(app, saturday.date())
    assert result.outcome == "not_working_day" and not result.sent
    assert not list((demo_dir / "outbox").glob("*.eml")) and app.store.brief(saturday.date()) is None
    # Asked for, the day's brief is still composed and shown.
    assert compose_brief(app, saturday.date()).text.startswith("Good morning, Ada.")


def test_weekends_asks_for_a_brief_every_day(demo_dir: Path) -> None:
    saturday = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    app = _demo_app(demo_dir, saturday, weekends=True)
    assert brief_due(app, saturday)
    assert send_brief(app, saturday.date()).outcome == "sent"
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1


def test_the_latest_message_is_not_shown_when_it_is_the_items_own() -> None:
    from planner.models import ItemContext, MessageRef

    def own(it: Item) -> ItemContext:
        return ItemContext(latest=MessageRef(it.message_id, "Deck", "maria@fund.example", None, "the same words"))

    text = compose(full_input(context=own)).text
    assert "Latest:" not in text and "the same words" not in text


def test_the_opening_keeps_a_name_that_leads_the_focus_title() -> None:
    from planner.brief import _mid_sentence

    assert _mid_sentence("Send Maria the deck", "Could you send me the deck?") == "send Maria the deck"
    assert _mid_sentence("Pull the pager logs together", "I'll pull the pager logs today") == "pull the pager logs together"
    assert _mid_sentence("Emre will get them to Giulia", "Emre will get them to you") == "Emre will get them to Giulia"
    assert _mid_sentence("OKR draft for Q3", "the OKR draft") == "OKR draft for Q3"


def test_a_role_mailbox_is_named_by_its_domain_not_its_greeting() -> None:
    from planner.priority import display_name

    assert display_name("hola@palomaruiz-retouch.example") == "Palomaruiz"
    assert display_name("hello@lumen.example") == "Lumen"
    assert display_name("maria.chen@fund.example") == "Maria"


@pytest.mark.parametrize("hour,greeting", [(6, "Good morning"), (11, "Good morning"), (12, "Good afternoon"),
                                           (17, "Good afternoon"), (18, "Good evening"), (23, "Good evening")])
def test_the_greeting_follows_the_hour_the_brief_is_composed(hour: int, greeting: str) -> None:
    assert compose(full_input(hour=hour)).text.startswith(f"{greeting}, Ada. Today's focus: send Maria the deck.")


@pytest.mark.parametrize(("reasons", "counterparty", "why"), [
    (["it blocks other work"], "maria@fund.example", "It holds up Maria."),
    (["it blocks other work", "blocks “Close the round”"], "maria@fund.example", "It blocks “Close the round”."),
    (["it blocks other work"], "", "It blocks other work."),
])
def test_a_blocker_s_why_names_whose_work_waits_when_it_blocks_nothing_named(
        reasons: list[str], counterparty: str, why: str) -> None:
    from planner.brief import _why
    from planner.models import Item

    item = Item(kind="blocker", title="Unblock: the NDA is signed", evidence="We can't share the data room until "
                "the NDA is signed.", source={}, counterparty=counterparty, reasons=reasons)
    assert _why(item) == why


def test_a_meeting_is_not_tied_to_work_by_a_word_any_meeting_has() -> None:
    """"Final interview: Alex Kim" was shown as related to "Send Rachel the final cap table"."""
    from planner.brief import meeting

    event = Event("i", "Final interview: Alex Kim", datetime(2026, 11, 19, 14, 0, tzinfo=LONDON),
                  datetime(2026, 11, 19, 15, 0, tzinfo=LONDON))
    cap = Item(kind="request", title="Send Rachel the final cap table", evidence="Could you send the final cap table?",
               id=4, counterparty="rachel@law.example",
               source={"message_id": "<c@x>", "subject": "Cap table", "from": "rachel@law.example",
                       "date": "2026-11-18T09:00:00+00:00"})
    offer = Item(kind="commitment", title="Send Alex Kim the offer letter", evidence="I'll send Alex Kim the offer.",
                 id=5, counterparty="alex@kim.example",
                 source={"message_id": "<o@x>", "subject": "Offer", "from": "ada@example.com",
                         "date": "2026-11-18T09:00:00+00:00"})
    assert meeting(event, [cap, offer], "ada@example.com").related == [5]


def test_a_block_turned_into_a_meeting_is_shown_as_a_meeting() -> None:
    """An event tagged as focusd's block that has guests (the owner invited Maria to it) vanished
    from "Today's meetings", though the README says such an event is no longer focusd's."""
    start = datetime(2026, 11, 19, 11, 0, tzinfo=LONDON)
    met = Event("b", "Focus: Send Maria the deck", start, start.replace(hour=12), focusd_item=1,
                attendees=[Attendee("maria@fund.example")])
    own = Event("c", "Focus: Send Maria the deck", start.replace(hour=14), start.replace(hour=15), focusd_item=1)
    assert not met.is_focus_block and own.is_focus_block
    brief = compose(full_input(events=[met, own]))
    meetings = brief.text.split("Today's meetings", 1)[1].split("\n\n", 1)[0]
    assert "11:00–12:00 Focus: Send Maria the deck" in meetings and "14:00" not in meetings


def test_open_work_beyond_focus_that_no_section_shows_is_counted_under_focus() -> None:
    """An undated ask ranked below the focus lines is on no other line: the focus section says
    how much such work is open, and where to see it, so that nothing is silently out of sight."""
    ranked = rank([item(n=k, title=f"Send the report {k}", counterparty="dana@acme.example") for k in range(1, 6)]
                  + [item(n=6, title="Renew the domain", due="2026-11-20"),
                     item(n=7, title="File the taxes", due="2026-12-20"),
                     item("blocker", n=8, title="Unblock: the audit letter"),
                     item("waiting", n=9, title="Ben: the numbers")], [], TODAY)
    brief = compose(full_input(items=ranked, stale=[], max_focus=2))
    shown = set(brief.line_map().values())
    hidden = [i for i in ranked if i.id not in shown and i.kind not in ("waiting", "blocker")
              and (i.due is None or i.due > "2026-11-22")]
    assert hidden and brief.more["focus"] == len(hidden)
    assert f"…and {len(hidden)} more open, not due in the next three days (`focusd items`" in brief.text
    assert f"…and {len(hidden)} more open" in " ".join(html_lines(brief.html))
    assert to_json(brief)["more"]["focus"] == len(hidden)
    # With room for every one of them, the line is not there.
    roomy = compose(full_input(items=ranked, stale=[], max_focus=9))
    assert "focus" not in roomy.more and "more open" not in roomy.text


def test_what_the_owner_let_a_still_relevant_pass_goes_after_the_rest_and_is_not_nudged() -> None:
    """Months on, the waiting section was five ancient waits asked about once and never
    answered, each with a daily nudge, and the new ones were in "…and 9 more"."""
    old = [item("waiting", n=n, title=f"Ben: the numbers {n}", due=f"2026-09-0{n}", counterparty="ben@x.example")
           for n in range(1, 6)]
    new = [item("waiting", n=n, title=f"Dana: the MSA {n}", due="2026-11-18", counterparty="dana@acme.example")
           for n in range(6, 9)]
    ranked = rank([*old, *new], [], TODAY)
    plain = compose(full_input(items=ranked, stale=[], followups={}, context=None))
    assert [bl.item.id for bl in plain.lines if bl.section == "waiting" and bl.item][:3] == [1, 2, 3]
    aside = compose(full_input(items=ranked, stale=[], followups={}, context=None, set_aside=frozenset(range(1, 6))))
    shown = [bl.item.id for bl in aside.lines if bl.section == "waiting" and bl.item]
    assert shown[:3] == [6, 7, 8] and set(shown[3:]) <= {1, 2, 3, 4, 5}


def test_an_item_asked_about_and_untouched_since_is_set_aside_until_it_is_touched() -> None:
    from planner.store import Store

    now = [datetime(2026, 11, 1, 8, 0, tzinfo=UTC)]
    store = Store.open(":memory:", clock=lambda: now[0])
    a, b = (store.add_item(item("waiting", n=0, title=t)) for t in ("Ben: the numbers", "Dana: the MSA"))
    now[0] = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    store.mark_asked_stale([a, b])
    assert store.set_aside() == {a, b}
    now[0] = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    store.update_item(b, {"due": "2026-11-30"})  # new mail or the owner's word: relevant again
    assert store.set_aside() == {a}
    store.update_item(a, {"status": "done"})
    assert store.set_aside() == set()


def test_a_focus_item_back_from_snooze_says_so_in_text_and_html() -> None:
    brief = compose(full_input(woken=frozenset({1})))
    focus = [bl for bl in brief.lines if bl.section == "focus"]
    assert focus[0].item is not None and focus[0].item.id == 1
    block = brief.text.split("\n2. ", 1)[0]
    assert "   Back from snooze." in block
    assert "Back from snooze." in html_lines(brief.html)
    assert_html_says_what_text_says(brief)


def test_a_goal_due_today_is_said_so() -> None:
    from planner.brief import _why

    it = item(n=1, title="Send the deck")
    it.reasons = ["goal: Close the round", "goal deadline in 0 days"]
    assert _why(it) == "Moves “Close the round” forward (goal due today)."
    it.reasons = ["goal: Close the round", "goal deadline in 3 days"]
    assert _why(it) == "Moves “Close the round” forward (goal due in 3 days)."
