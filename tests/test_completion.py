"""Keeping the list true: the mail that finishes a piece of work closes it, and nothing else does.

Each case is a short thread of its own wording, run through the whole graph into a store, one
sync a day as the daemon reads mail. bench/completion.py measures the same rules on labelled
weeks written by others.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from agent.clock import fixed
from agent.extractors.embedded import EmbeddedExtractor
from agent.graph import run_batch
from agent.state import Context
from bench.agent import HELD_OUT
from planner.models import Item
from planner.store import Store
from tests.test_threads import ME, NOW, OWNER, _Thread


def _run(*threads: _Thread) -> list[Item]:
    """The threads' mail a day at a time, oldest first, into a fresh store; its items."""
    mail = sorted((m for t in threads for m in t.messages), key=lambda m: m.date)
    store = Store.open(":memory:", fixed(NOW))
    for day in sorted({m.date.date() for m in mail}):
        batch = [m for m in mail if m.date.date() == day]
        run_batch(batch, Context(extractor=EmbeddedExtractor(), owner=OWNER, clock=fixed(batch[-1].date), store=store))
    return store.all_items()


def _status(items: list[Item], words: str) -> str:
    found = [i for i in items if words in f"{i.title} {i.evidence}".lower()]
    assert found, (words, [i.title for i in items])
    return found[0].status


def _note(items: list[Item], words: str) -> str:
    return next(i for i in items if words in f"{i.title} {i.evidence}".lower()).notes[-1]


def test_the_owners_answer_closes_a_question_even_when_the_reply_promises_something_else() -> None:
    t = _Thread("offsite")
    t.mail(16, 9, "dana@acme.example", ME, "Could you let me know whether the offsite is still in Lisbon?")
    t.mail(16, 15, ME, "dana@acme.example", "Yes, Lisbon is confirmed for the 3rd. I'll send the agenda on Friday.")
    items = _run(t)
    assert _status(items, "still in lisbon") == "done"
    assert "Yes, Lisbon is confirmed for the 3rd." in _note(items, "still in lisbon")
    assert _status(items, "agenda") == "open"  # the new promise stays


def test_taking_an_ask_on_or_putting_it_off_closes_nothing() -> None:
    take = _Thread("intro")
    take.mail(16, 9, "dana@acme.example", ME, "Can you introduce me to your lawyer?")
    take.mail(16, 15, ME, "dana@acme.example", "Sure, happy to.")
    later = _Thread("terms")
    later.mail(16, 10, "james@harbor.example", ME, "Is the payment term net 30 or net 45?")
    later.mail(16, 16, ME, "james@harbor.example", "Let me check with finance and get back to you.")
    items = _run(take, later)
    assert _status(items, "lawyer") == "open"
    assert _status(items, "payment term") == "open"


def test_a_promised_thing_sent_in_a_new_thread_closes_what_is_waited_on() -> None:
    t = _Thread("termsheet")
    t.mail(16, 9, "rachel@law.example", ME, "I will send you the revised term sheet by Wednesday.")
    t.mail(18, 11, "rachel@law.example", ME, "As promised, attached is the revised term sheet.",
           attachments=("Revised_Term_Sheet.pdf",), new_thread=True)
    items = _run(t)
    assert _status(items, "term sheet") == "done"
    assert "Revised_Term_Sheet.pdf" in _note(items, "term sheet")


def test_another_thing_sent_in_a_new_thread_closes_nothing() -> None:
    t = _Thread("budget")
    t.mail(16, 9, "rachel@law.example", ME, "I will send you the engagement budget by Wednesday.")
    t.mail(18, 11, "rachel@law.example", ME, "Here is the agenda for the offsite.", new_thread=True)
    assert _status(_run(t), "engagement budget") == "open"


def test_a_form_named_by_its_number_is_named_in_a_new_thread_however_it_is_written() -> None:
    # "T661" is a thing, not a person's name, though it starts with a capital.
    t = _Thread("sred")
    t.mail(16, 9, "lee@law.example", ME, "Hi, the T661 authorization needs your signature by Friday.")
    t.mail(18, 11, ME, "lee@law.example", "Lee, I signed the T661 this morning in SignRight.", new_thread=True)
    assert _status(_run(t), "t661") == "done"


def test_a_word_of_the_work_in_another_form_names_it_in_a_new_thread() -> None:
    # "approved" is one word of the work, matched by its stem ("approv") in a new thread as in the old one.
    t = _Thread("paygrid")
    t.mail(16, 9, "lee@law.example", ME, "We need it approved in the portal by Monday.")
    t.mail(18, 11, ME, "lee@law.example", "Approved in the portal just now.", new_thread=True)
    assert _status(_run(t), "portal") == "done"


def test_thanks_after_the_owners_reply_closes_what_the_owner_owed() -> None:
    t = _Thread("churn")
    t.mail(16, 9, ME, "priya@acme.example", "I'll pull the churn numbers together by Thursday.")
    t.mail(17, 10, ME, "priya@acme.example", "The churn analysis is in the metrics workbook, tab 3.")
    t.mail(17, 14, "priya@acme.example", ME, "Thanks for pulling this together, exactly what I needed.")
    items = _run(t)
    assert _status(items, "churn numbers") == "done"


def test_thanks_for_a_promise_alone_closes_nothing() -> None:
    t = _Thread("slides")
    t.mail(16, 9, ME, "priya@acme.example", "I'll send you the board slides by Thursday.")
    t.mail(16, 11, "priya@acme.example", ME, "Perfect, thanks!")
    assert _status(_run(t), "board slides") == "open"


def test_a_reply_that_only_starts_settles_nothing_and_done_does() -> None:
    started = _Thread("invoice")
    started.mail(16, 9, ME, "ben@ledger.example", "Could you pay the Acme invoice by Friday?")
    started.mail(16, 12, "ben@ledger.example", ME, "Ada,\nyep, on it.")
    done = _Thread("refund")
    done.mail(16, 9, ME, "tom@loom.example", "Could you process the Harbor refund by Friday?")
    done.mail(17, 12, "tom@loom.example", ME, "Done, the refund went out this morning.")
    items = _run(started, done)
    assert _status(items, "acme invoice") == "open"
    assert _status(items, "harbor refund") == "done"


def test_a_delivery_names_the_work_by_its_stem_or_its_number() -> None:
    rank = _Thread("proposals")
    rank.mail(16, 9, "grace@angels.example", ME, "Could you rank the three vendor proposals by Friday?")
    rank.mail(17, 9, ME, "grace@angels.example", "The rankings are in the shared sheet, vendor proposals tab.")
    review = _Thread("pr")
    review.mail(16, 10, "tom@loom.example", ME, "Can you review PR 4411 before the release?")
    review.mail(16, 17, ME, "tom@loom.example", "4411 approved, one nit on naming.")
    items = _run(rank, review)
    assert _status(items, "vendor proposals") == "done"
    assert _status(items, "4411") == "done"


def test_thanks_that_name_the_work_close_it_without_a_reply_in_the_thread() -> None:
    t = _Thread("preread")
    t.mail(16, 9, ME, "priya@acme.example", "I'll send the leads the pre-read list by noon tomorrow.")
    t.mail(17, 15, "priya@acme.example", ME, "Thanks, the pre-read list was exactly right.")
    assert _status(_run(t), "pre-read list") == "done"


def test_of_two_asks_the_answer_closes_the_one_it_names() -> None:
    t = _Thread("panel")
    t.mail(16, 9, "dana@acme.example", ME, "Could you check whether Olu can join the panel and let me know? "
           "Could you also score the four portfolios by Wednesday?")
    t.mail(16, 15, ME, "dana@acme.example", "Olu is in for Friday.")
    items = _run(t)
    assert _status(items, "olu") == "done"
    assert _status(items, "portfolios") == "open"


def test_labelled_weeks_close_where_their_labels_say() -> None:
    """bench/completion.py on the weeks written and labelled by others: floors just under what
    the rules reach (development 149/239 closed, 6 wrongly; held out 66/135, 2 wrongly; before
    these rules 24% and 24%)."""
    from bench.completion import completion

    results = completion()
    for held_out, floor, precision in ((False, 0.60, 0.95), (True, 0.45, 0.93)):
        group = [r for r in results if (r.name in HELD_OUT) == held_out]
        assert len(group) >= 5
        closed = sum(r.closed for r in group)
        assert closed / sum(r.should_close for r in group) >= floor
        assert closed / (closed + sum(r.closed_wrongly for r in group)) >= precision


def test_the_person_owed_saying_they_have_it_closes_the_promise() -> None:
    """A new user's "Got the spreadsheet, thanks!" left "Send Karen the spreadsheet" open."""
    t = _Thread("budget")
    t.mail(16, 9, ME, "priya@acme.example", "I'll send you the final Q4 budget spreadsheet by Wednesday.")
    t.mail(17, 11, "priya@acme.example", ME, "Got the spreadsheet, thanks! Looks like we're on track.")
    flu = _Thread("deck")
    flu.mail(16, 9, ME, "tom@loom.example", "I'll send you the board deck by Friday.")
    flu.mail(17, 11, "tom@loom.example", ME, "Sorry for the silence, I got the flu this week.")
    items = _run(t, flu)
    assert _status(items, "spreadsheet") == "done"
    assert "Got the spreadsheet, thanks!" in _note(items, "spreadsheet")
    assert _status(items, "board deck") == "open"  # names no work of the promise


def test_the_person_who_asked_calling_it_off_drops_it() -> None:
    off = _Thread("offsite venue")
    off.mail(16, 9, "priya@acme.example", ME, "Could you book the offsite venue for the 12th?")
    off.mail(17, 10, "priya@acme.example", ME, "I'm not sure we need the offsite after all, let's skip it.")
    rush = _Thread("slides")
    rush.mail(16, 9, "dana@acme.example", ME, "Can you send me the pricing slides by Friday?")
    rush.mail(17, 10, "dana@acme.example", ME, "No need to rush, Monday is fine too.")
    talk = _Thread("contract")
    talk.mail(16, 9, "james@harbor.example", ME, "Could you countersign the contract by Thursday?")
    talk.mail(17, 10, "james@harbor.example", ME, "Let's skip the small talk at Friday's call and go straight to pricing.")
    quote = _Thread("renewal")
    quote.mail(16, 9, "james@harbor.example", ME, "Could you send us a quote for 50 seats by next Tuesday?")
    quote.mail(17, 10, "james@harbor.example", ME, "Change of plans: our CFO wants to push the renewal to January, "
                                                   "so no need for the quote now.")
    items = _run(off, rush, talk, quote)
    assert _status(items, "quote for 50 seats") == "dropped"
    assert _status(items, "offsite venue") == "dropped"
    assert _note(items, "offsite venue").startswith("Called off by priya@acme.example's mail")
    assert _status(items, "pricing slides") == "open"
    assert _status(items, "countersign") == "open"


def test_a_thing_that_slips_moves_its_date_rather_than_doubling() -> None:
    """"Sam, apologies: the term sheet will slip to next Wednesday" once made a second item titled
    "James: Sam" beside the first, whose nudge would have chased the investor for the old date."""
    t = _Thread("harbor next steps")
    t.mail(16, 9, "james@harbor.example", ME, "Great meeting today. I'll send over a draft term sheet by Friday.")
    t.mail(19, 11, "james@harbor.example", ME, "Sam, apologies: the term sheet will slip to next Wednesday, the "
                                               "partners want another look at the numbers.")
    d = _Thread("idp")
    d.mail(16, 9, "dana@acme.example", ME, "Hi Sam, our IT team will send the IdP metadata to Tom tomorrow morning.")
    items = _run(t, d)
    (sheet,) = [i for i in items if "term sheet" in i.title]
    assert sheet.due == "2026-11-25"  # the Wednesday after the Thursday it slipped on
    (idp,) = [i for i in items if "IdP" in i.title]
    assert idp.title == "Follow up with Dana: Dana's IT team will send the IdP metadata to Tom"


def test_a_blocker_that_waits_on_the_ask_beside_it_clears_with_the_ask() -> None:
    """"Could you fill in the questionnaire? Our procurement can't move the pilot forward until it's
    done." stayed a focus blocker after the owner sent the questionnaire."""
    t = _Thread("security questionnaire")
    t.mail(16, 9, "dana@acme.example", ME, "Could you fill in the attached security questionnaire by Friday? "
                                           "Our procurement can't move the pilot forward until it's done.")
    other = _Thread("release")
    other.mail(16, 9, "dana@acme.example", ME, "Could you send me the release notes by Friday? Separately, the "
                                               "pilot is stuck until their security review passes.")
    t.mail(18, 9, ME, "dana@acme.example", "Hi Dana,\n\nAttached is the completed security questionnaire.\n\nAda",
           attachments=("questionnaire.pdf",))
    other.mail(18, 10, ME, "dana@acme.example", "Hi Dana,\n\nHere are the release notes.\n\nAda",
               attachments=("release-notes.pdf",))
    items = _run(t, other)
    assert _status(items, "questionnaire") == "done"
    assert _status(items, "procurement") == "done"
    assert _status(items, "release notes") == "done"
    assert _status(items, "security review") == "open"  # waits on someone else's step, not on the ask


def test_a_promise_kept_at_a_meeting_closes_once_the_meeting_has_taken_place(demo_dir: Path) -> None:
    """"Happy to walk you through it on our call this afternoon" led a trial's brief the day after
    the call, as overdue."""
    from agent.app import App
    from agent.cycle import kept_at_meetings
    from agent.settings import load
    from connectors.types import Attendee, Event

    app = App(load(demo_dir / "focusd.toml"), fixed(datetime(2026, 11, 19, 18, 0, tzinfo=UTC)))
    said = {"message_id": "<walk@loom.example>", "subject": "Re: model", "from": "ada@loom.example",
            "date": "2026-11-19T09:00:00+00:00"}
    walk = app.store.add_item(Item(kind="commitment", title="Walk Maria through it on our call", owner="me",
                                   evidence="Happy to walk you through it on our call this afternoon.",
                                   source=said, counterparty="maria@northwind.vc", due="2026-11-19"))
    deck = app.store.add_item(Item(kind="commitment", title="Send Maria the deck", owner="me",
                                   evidence="I'll send you the deck tomorrow.", source=said,
                                   counterparty="maria@northwind.vc", due="2026-11-20"))
    call = Event("c1", "Call with Maria Chen", datetime(2026, 11, 19, 16, 0, tzinfo=UTC),
                 datetime(2026, 11, 19, 16, 30, tzinfo=UTC), attendees=[Attendee("maria@northwind.vc")])
    later = replace(call, uid="c2", start=datetime(2026, 11, 19, 19, 0, tzinfo=UTC),
                    end=datetime(2026, 11, 19, 19, 30, tzinfo=UTC))
    assert kept_at_meetings(app, [later]) == 0  # not yet taken place
    assert kept_at_meetings(app, [call]) == 1
    closed, kept = app.store.item(walk), app.store.item(deck)
    assert closed and closed.status == "done" and "“Call with Maria Chen”, Thu 19 Nov 16:00" in closed.notes[-1]
    assert kept and kept.status == "open"  # not a promise for the meeting


def test_the_day_of_a_date_is_no_word_of_the_work() -> None:
    """"Could you send me the report by 17 September?" is delivered by "Attached is the report.":
    the 17 says when, not what, and left one word of the work short."""
    t = _Thread("report")
    t.mail(14, 9, "dana@acme.example", ME, "Could you send me the report by 17 September?")
    t.mail(16, 9, ME, "dana@acme.example", "Attached is the report.")
    assert _status(_run(t), "report") == "done"


def test_a_version_shared_by_two_things_names_neither() -> None:
    """Two asks of one person, both "(v2)": delivering one closes only that one."""
    a = _Thread("checklist")
    a.mail(14, 9, ME, "dana@acme.example", "Could you send me the mobile release checklist (v2) by Thursday?")
    b = _Thread("inventory")
    b.mail(15, 9, ME, "dana@acme.example", "Could you send me the tech debt inventory (v2) by Monday?")
    b.mail(17, 9, "dana@acme.example", ME, "Attached is the tech debt inventory (v2).")
    items = _run(a, b)
    assert _status(items, "tech debt") == "done"
    assert _status(items, "release checklist") == "open"


def test_comments_put_where_the_team_reads_them_close_the_review() -> None:
    t = _Thread("incident")
    t.mail(14, 9, "dana@acme.example", ME, "Could you review the incident section and send me your comments by Wednesday?")
    t.mail(15, 9, ME, "dana@acme.example", "My comments on the incident section are in the dashboard now.")
    assert _status(_run(t), "incident section") == "done"


def test_a_blocker_said_in_a_later_mail_of_the_thread_clears_with_the_ask() -> None:
    """The ask, then "just following up ... we are blocked on planning without it": the owner's
    delivery closes the ask and the blocker that waited on it."""
    t = _Thread("review-notes")
    t.mail(14, 9, "dana@acme.example", ME, "Could you send me the performance review notes by Friday?")
    t.mail(16, 9, "dana@acme.example", ME, "Just following up on this: could you send me the performance review notes "
                                           "by Monday? We are blocked on planning without it.")
    t.mail(17, 9, ME, "dana@acme.example", "Attached are the performance review notes.")
    items = _run(t)
    assert _status(items, "review notes") == "done"
    assert _status(items, "blocked on planning") == "done"


def test_another_version_of_the_thing_delivers_nothing_promised_of_this_one() -> None:
    """"the load test results (v5)" shares every word with the v4 promised in another thread:
    not the same thing."""
    v4 = _Thread("load-v4")
    v4.mail(14, 9, ME, "dana@acme.example", "I'll send you the load test results (v4) by Friday.")
    v5 = _Thread("load-v5")
    v5.mail(16, 9, "dana@acme.example", ME, "Could you send me the load test results (v5) by Monday?")
    v5.mail(17, 9, ME, "dana@acme.example", "Attached are the load test results (v5).")
    items = _run(v4, v5)
    assert _status(items, "(v5)") == "done"
    assert _status(items, "(v4)") == "open"


def test_a_weekly_ask_answered_in_this_weeks_thread_leaves_last_weeks() -> None:
    """The same ask in two weekly threads, the owner's comments sent in the second: the first
    stays open (it was never answered)."""
    last = _Thread("incident-w40")
    last.mail(9, 9, "dana@acme.example", ME, "Could you review the incident section and send me your comments by Wednesday?")
    this = _Thread("incident-w41")
    this.mail(16, 9, "dana@acme.example", ME, "Could you review the incident section and send me your comments by Wednesday?")
    this.mail(17, 9, ME, "dana@acme.example", "My comments on the incident section are in the dashboard now.")
    items = sorted(_run(last, this), key=lambda i: i.thread_id)
    assert [(i.thread_id, i.status) for i in items if "incident" in i.title.lower()] == [
        ("<incident-w40.1@scenario.example>", "open"), ("<incident-w41.1@scenario.example>", "done")]


def test_the_owners_approval_clears_the_blocker_that_waited_on_it() -> None:
    t = _Thread("rollout")
    t.mail(16, 9, "dana@acme.example", ME, "We can't start the rollout until you approve the DR runbook.")
    t.mail(17, 9, ME, "dana@acme.example", "Approved, go ahead with the rollout.")
    items = _run(t)
    assert _status(items, "dr runbook") == "done"
    assert "Approved, go ahead with the rollout." in _note(items, "dr runbook")


def test_the_owners_word_clears_no_blocker_that_waits_on_someone_else() -> None:
    t = _Thread("vendor")
    t.mail(16, 9, "dana@acme.example", ME, "We can't start the rollout until the vendor signs the DPA.")
    t.mail(17, 9, ME, "dana@acme.example", "Done, thanks for the heads-up.")
    assert _status(_run(t), "vendor signs") == "open"


def test_a_blocker_that_waits_on_the_ask_beside_it_ranks_below_that_ask() -> None:
    """It was the focus's first line above its own ask: "Unblock: planning" over "Send Tom the
    notes". Linked, the ask blocks it: the ask carries its weight, the blocker waits on the ask."""
    from datetime import date

    from planner.priority import GoalRef, rank

    t = _Thread("notes")
    t.mail(14, 9, "dana@acme.example", ME, "Could you send me the performance review notes by Friday?")
    t.mail(16, 9, "dana@acme.example", ME, "Just following up on this: could you send me the performance review notes "
                                           "by Monday? We are blocked on planning without it.")
    items = [i for i in _run(t) if i.status == "open"]
    ask = next(i for i in items if i.kind == "request")
    blocker = next(i for i in items if i.kind == "blocker")
    assert blocker.blocked_by == [ask.id] and ask.blocks == [blocker.id]
    ranked = rank(items, [GoalRef("Plan the year", 3.0, ("planning",))], date(2026, 11, 16))
    assert [i.kind for i in ranked] == ["request", "blocker"]
