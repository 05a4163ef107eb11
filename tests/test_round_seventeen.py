"""Round seventeen of the embedded extractor, from sentences of my own; none from an evaluation week.

Taking leave is no promise: "I'll leave you to it", "I'll leave it with you", and "one more thing,
and then I'll leave you alone: ..." before the last news or ask of a mail, which is read alone.
Nor is a feeling guessed at ("You must be exhausted"), an exclamation ("You should see the view!")
or a notice ("Please be informed that the water will be off"), which the request model read as asks,
nor "let me know if" an offer ("if your accountant needs anything else", "if that time does not suit").
A thing that waits on the reader ("PR #142 is up for your review") is a request titled by the act.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from planner.models import Item
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, NONE, TUE, C, Case, passes


def _items(text: str, owner: Owner) -> list[Item]:
    """The items of ``text`` in Maria's mail to the owner."""
    return EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)

CASES: list[Case] = [
    # A thing that waits on the reader's act: a request titled by the act.
    C("PR #142 is up for your review.", ("request", None)),
    C("The contract is ready for your signature.", ("request", None)),
    C("The revised budget is with you for sign-off.", ("request", None)),
    C("Your expense report is pending your approval.", ("request", None)),
    C("The contract is ready for signature by both parties next week.", *NONE),
    C("The new office is ready for your visit.", *NONE),
    C("I'll leave you to it.", *NONE),
    C("I'll leave it with you.", *NONE),
    C("I'll leave you alone now, enjoy the weekend.", *NONE),
    C("Last thing and then I'll leave you alone: the agency is doing a summer showcase in LA in August.", *NONE),
    C("One more thing, and then I'll leave you alone: could you send me the signed NDA by Friday?",
      ("request", FRI)),
    C("Last thing: please send me the signed NDA by Friday.", ("request", FRI)),
    C("One more thing - could you book the meeting room for Tuesday?", ("request", TUE)),
    # A feeling guessed at, an exclamation and a notice ask nothing; a duty does.
    C("You must be exhausted after the launch.", *NONE),
    C("You must be thrilled with the result!", *NONE),
    C("You should see the view from the new office!", *NONE),
    C("Please be informed that the water supply will be off on Tuesday morning.", *NONE),
    C("Please be informed that our office moves to Leith Walk from 1 December.", *NONE),
    C("You must be at the venue by 8am on Saturday.", ("request", "2026-11-21")),
    C("You should send the signed form to HR by Friday.", ("request", FRI)),
    # ...but a duty or an ask said with the same words stays (a review's cases).
    C("You have to try the new booking form and tell me if it works!", ("request", None)),
    C("You need to see the landlord about the deposit by Friday!", ("request", FRI)),
    C("You must be happy with the final wording before we publish on Friday.", ("request", FRI)),
    C("You must be glad to help, so please send the slides by Friday.", ("request", FRI)),
    C("Please be informed and confirm receipt by Friday.", ("request", FRI)),
    C("Wow, you must be really busy these days.", *NONE),
    # An ask put as a hope, or as "appreciate if": an ask; a wish for the reader's own time: none.
    C("I was hoping you could look over the budget this week.", ("request", FRI)),
    C("Appreciate if you can share the report by EOD.", ("request", "2026-11-18")),
    C("We're hoping you can relax over the holidays.", *NONE),
    C("Could you believe the traffic this morning.", *NONE),
    C("You must be proud of the team, the launch went brilliantly.", *NONE),
    C("You must be relieved, so please send me the final numbers by Friday.", ("request", FRI)),
    # "Let me know if" an offer for what the reader may lack or mind: no ask; a question: an ask.
    C("Let me know if your accountant needs anything else.", *NONE),
    C("Please let me know if that time does not suit.", *NONE),
    C("Let me know if you'd rather go another way.", *NONE),
    C("Let me know if Tuesday doesn't suit and we'll find another slot.", *NONE),
    C("Let us know if your IT people need access details.", *NONE),
    C("Let me know if Tuesday works for the call.", ("request", TUE)),
    C("Please let me know if you approve the quote.", ("request", None)),
    C("Let me know if you want the blue or the green version.", ("request", None)),
    # ...but not when it offers a choice, sets a deadline, or follows an ask or a promise (a review's cases).
    C("Let me know if you'd prefer the 9th or the 16th.", ("request", None)),
    C("Let me know if your team wants anything vegetarian or vegan for the offsite, we need numbers by Friday.",
      ("request", FRI)),
    C("Please review the contract by Thursday and let me know if your lawyer needs anything further.",
      ("request", "2026-11-19")),
    C("I'll send the deck tomorrow, let me know if that doesn't suit.", ("waiting", "2026-11-19")),
]


def test_a_duty_read_with_its_notice_is_titled_without_it(owner: Owner) -> None:
    [item] = _items("Please be informed that your passport must be renewed before the trip on the 12th.", owner)
    assert item.kind == "request" and item.title == "Renew your passport"


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_seventeen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize(("text", "title"), [
    ("PR #142 is up for your review.", "Review PR #142"),
    ("The contract is ready for your signature.", "Sign the contract"),
    ("The revised budget is with you for sign-off.", "Sign off the revised budget"),
    ("The supplier approval form is in the workflow since last week and is waiting for your signature.",
     "Sign the supplier approval form"),
    ("The Castleton risk assessment is on EVOLVE waiting for your approval.", "Approve the Castleton risk assessment"),
    # A review's cases: the one waiting is a person or a team, a lead-in, a pronoun, the writer's own thing.
    ("Finance is waiting for your approval of the PO.", "Approve the PO"),
    ("Legal is waiting for your comments on the NDA.", "Comment on the NDA"),
    ("I think the contract is ready for your signature.", "Sign the contract"),
    ("It is ready for your review.", "Review it"),
    ("My timesheet is waiting for your approval.", "Approve Maria's timesheet"),
])
def test_a_thing_waiting_on_the_reader_is_titled_by_the_act(text: str, title: str, owner: Owner) -> None:
    [item] = _items(text, owner)
    assert (item.kind, item.title) == ("request", title)


@pytest.mark.parametrize("text", [
    "Once the contract is ready for your signature I'll let you know.",
    "When the draft is ready for your review I'll ping you.",
])
def test_a_condition_of_a_thing_waiting_on_the_reader_asks_no_act(text: str, owner: Owner) -> None:
    items = _items(text, owner)
    assert not any(i.title.startswith(("Sign ", "Approve ")) for i in items)
