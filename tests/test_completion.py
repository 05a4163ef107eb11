"""Keeping the list true: the mail that finishes a piece of work closes it, and nothing else does.

Each case is a short thread of its own wording, run through the whole graph into a store, one
sync a day as the daemon reads mail. bench/completion.py measures the same rules on labelled
weeks written by others.
"""

from __future__ import annotations

import pytest

from agent.clock import fixed
from agent.extractors.embedded import EmbeddedExtractor
from agent.graph import run_batch
from agent.state import Context
from bench.agent import HELD_OUT
from planner.models import Item
from planner.store import Store
from tests.test_threads import ME, NAMES, NOW, OWNER, _Thread


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


def test_a_handover_that_opens_on_the_work_closes_it_beside_other_asks() -> None:
    """"Scores are in Greenhouse" opens on the thing the ask names ("score", as "scores",
    "scored" and "scoring" all stem), so it names the work even with a second ask open in the
    thread; a word of the ask's evidence alone ("confirmed") is no thing handed over."""
    scores = _Thread("portfolios")
    scores.mail(16, 9, "dana@acme.example", ME, "Could you score the four portfolios by Wednesday? "
                "Could you also check whether Olu can join the panel?")
    scores.mail(17, 15, ME, "dana@acme.example", "Scores are in Greenhouse. Short version: two strong yeses.")
    pending = _Thread("cases")
    pending.mail(16, 9, "priya@acme.example", ME, "Could you score the two case studies by Friday? "
                 "Could you also send me the panel list?")
    pending.mail(17, 15, ME, "priya@acme.example", "Scores are still pending, sorry.")
    task = _Thread("take-home")
    task.mail(16, 9, ME, "jordan@talent.example", "I'll send the take-home task once you've confirmed the slot.")
    task.mail(17, 10, "jordan@talent.example", ME, "Confirmed, Tuesday at 3 is perfect, thank you.")
    tokens = _Thread("tokens")
    tokens.mail(16, 9, ME, "maya@loom.example", "Could you export the dark theme colour tokens from the library by Monday?")
    elsewhere = _Thread("handoff")
    elsewhere.mail(18, 11, "maya@loom.example", ME, "Tokens went to the agency this morning, you're cc'd.")
    items = _run(scores, pending, task, tokens, elsewhere)
    assert _status(items, "four portfolios") == "done"
    assert "Scores are in Greenhouse." in _note(items, "four portfolios")
    assert _status(items, "olu") == "open"
    assert _status(items, "case studies") == "open"
    assert _status(items, "take-home task") == "open"
    assert _status(items, "colour tokens") == "done"


def test_the_chase_that_gets_it_done_clears_the_blocker_it_was_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Priya is blocked until Tom acts; the owner chases Tom in a thread of its own; Tom's reply
    that it is done closes the chase, and the blocker with it, quoting Tom. A firm named as the
    one waited on counts as its people do."""
    blocked = _Thread("pricing-model")
    blocked.mail(16, 9, "priya@acme.example", ME, "I'm on it, but I can't finish the pricing model until Tom gives me "
                 "the transaction mix from the pilot.")
    chase = _Thread("mix")
    chase.mail(16, 11, ME, "tom@loom.example", "Could you get the transaction mix to Priya by tomorrow midday?")
    chase.mail(17, 10, "tom@loom.example", ME, "Sent it to Priya ten minutes ago, sorry for the delay.")
    monkeypatch.setitem(NAMES, "benedikt@tracewise.example", "Benedikt Maier")
    vendor = _Thread("security-review")
    vendor.mail(16, 9, "dana@acme.example", ME, "The security review is basically done, but I can't finish it until "
                "Tracewise sends their SOC 2 report.")
    soc = _Thread("soc2")
    soc.mail(16, 12, ME, "benedikt@tracewise.example", "Could you send over your SOC 2 Type II report?")
    soc.mail(18, 9, "benedikt@tracewise.example", ME, "The SOC 2 report is attached, NDA version.")
    items = _run(blocked, chase, vendor, soc)
    assert _status(items, "follow up with tom") == "done"
    assert _status(items, "unblock: tom gives") == "done"
    assert "Sent it to Priya ten minutes ago" in _note(items, "unblock: tom gives")
    assert _status(items, "unblock: tracewise") == "done"


def test_a_chase_done_leaves_the_named_persons_other_blockers_open() -> None:
    """Tom's delivery of the venue list clears nothing Priya waits on from Tom for other work,
    and a blocker said after Tom's mail is not cleared by it."""
    blocked = _Thread("budget")
    blocked.mail(16, 9, "priya@acme.example", ME, "I can't sign off the budget until Tom reviews the hiring plan.")
    chase = _Thread("venues")
    chase.mail(16, 11, ME, "tom@loom.example", "Could you send me the venue list by Friday?")
    chase.mail(17, 10, "tom@loom.example", ME, "Here is the venue list, three options.")
    later = _Thread("offsite")
    later.mail(18, 9, "dana@acme.example", ME, "I can't book the offsite until Tom sends the venue list.")
    items = _run(blocked, chase, later)
    assert _status(items, "follow up with tom") == "done"
    assert _status(items, "hiring plan") == "open"
    assert _status(items, "book the offsite") == "open"


def test_an_answer_given_before_a_promise_closes_the_question() -> None:
    """"Buy it, we'll put it on the costs" answers first and promises after; "And yes, you'll have
    my comments Monday" and "Laptop's on me, I'll raise the request" only take the ask on. An ask
    for a date is answered by one."""
    seat = _Thread("seat")
    seat.mail(16, 9, "tom@loom.example", ME, "Should I buy one more seat or do you want the client to pay for it?")
    seat.mail(16, 15, ME, "tom@loom.example", "Buy it, we'll put it on the production costs.")
    spec = _Thread("spec")
    spec.mail(16, 9, "maya@loom.example", ME, "Could you let me know your take on the backend job spec?")
    spec.mail(16, 16, ME, "maya@loom.example", "And yes, you'll have my comments on the spec Monday.")
    laptop = _Thread("laptop")
    laptop.mail(16, 10, "dana@acme.example", ME, "Can we get his laptop ordered before he starts?")
    laptop.mail(16, 17, ME, "dana@acme.example", "Laptop's on me, I'll raise the IT request today.")
    script = _Thread("script")
    script.mail(16, 11, "priya@acme.example", ME, "Can you give me a date for the script so I can book the voice actors?")
    script.mail(17, 9, ME, "priya@acme.example", "The team has the concept on Monday, so let's say you get the script "
                "on Wednesday.")
    items = _run(seat, spec, laptop, script)
    assert _status(items, "one more seat") == "done"
    assert "Buy it, we'll put it on the production costs." in _note(items, "one more seat")
    assert _status(items, "job spec") == "open"
    assert _status(items, "laptop") == "open"
    assert _status(items, "date for the script") == "done"


def test_labelled_weeks_close_where_their_labels_say() -> None:
    """bench/completion.py on the weeks written and labelled by others: floors just under what
    the rules reach (development 161/243 closed, 8 wrongly; held out 72/143, 3 wrongly; before
    these rules 24% and 24%)."""
    from bench.completion import completion

    results = completion()
    for held_out, floor, precision in ((False, 0.60, 0.95), (True, 0.45, 0.93)):
        group = [r for r in results if (r.name in HELD_OUT) == held_out]
        assert len(group) >= 5
        closed = sum(r.closed for r in group)
        assert closed / sum(r.should_close for r in group) >= floor
        assert closed / (closed + sum(r.closed_wrongly for r in group)) >= precision
