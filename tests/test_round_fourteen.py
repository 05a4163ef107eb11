"""An order after a greeting or a name on the same line, as short and phone mail writes it: "Hey
Ada, send me the deck by Friday", "Hi all, pay the deposit by Friday", "Ada, sign the cover sheet".
The imperative rules read an order from its first word, so these were missed; the order is now read
without its greeting. Someone else's name in mail to several people makes it theirs, and a word
before a colon ("Jonas, update as promised: ...") is a label, no order.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, THU, TUE, C, Case, passes

CASES: list[Case] = [
    C("Hey Ada, send me the signed lease by Friday.", ("request", FRI)),
    C("Ada, sign the cover sheet before Thursday.", ("request", THU)),
    C("Hi all, pay the deposit by Friday.", ("request", FRI)),
    C("Hello Ada, review the draft budget before Tuesday.", ("request", TUE)),
    C("Hey, send me the photos from the site visit by Thursday.", ("request", THU)),
    C("Team, submit your expense reports by Friday.", ("request", FRI)),
    C("Morning Ada! Confirm the caterer numbers by Monday.", ("request", MON)),
    C("Hi Ada, could you send me the signed lease by Friday?", ("request", FRI)),  # read whole, as before
    C("Jonas, update as promised: the terms are agreed in principle.", *NONE),
    C("Hi Ada, update: the movers come on Thursday.", *NONE),
    # Found by a review: a verb of the list as a noun, and "so" as no greeting.
    C("Hi all, call for papers closes Friday.", *NONE),
    C("Hi all, schedule for next week below.", *NONE),
    C("So, call me old-fashioned, but I prefer paper.", *NONE),
    # The owner's order to the person written to: what to follow up on.
    C("Hi Priya, send me the revised forecast by Friday.", ("waiting", FRI), mine=True),
    C("Priya, review the hiring plan before Tuesday.", ("waiting", TUE), mine=True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_fourteen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,kinds", [
    ("Hi Marcus, send me the deck by Friday.", []),  # Marcus's work, with Ada copied in
    ("Marcus, send me the deck by Friday.", []),
    ("Hi Ada, send me the deck by Friday.", ["request"]),
    ("Hi all, send me your slides by Friday.", ["request"]),
])
def test_a_greeted_order_is_the_owners_only_when_it_greets_the_owner_or_everyone(
        text: str, kinds: list[str], owner: Owner) -> None:
    msg = make_message(f"{text}\n\nThanks,\nMaria", to=("marcus@fund.example", "ada@example.com"))
    items = EX.extract(msg, owner)
    assert [i.kind for i in items] == kinds
    for item in items:
        assert item.evidence in text and not item.evidence.lower().startswith(("hi", "hey"))


@pytest.mark.parametrize("text,title", [
    # Read whole first: the greeting does not cut what is asked short ("Tell Maria" alone).
    ("So, tell me, how was the trip to Lisbon for the review?", "Tell Maria how was the trip to Lisbon for the review"),
    ("Hi Ada, tell me if Friday works for the review?", "Tell Maria if Friday works for the review"),
    ("Hey Ada, send me the signed lease by Friday.", "Send Maria the signed lease"),
    # "Tell me" keeps what it asks, and a day that is what is asked stays in the title.
    ("Tell me which slot suits you best.", "Tell Maria which slot suits you best"),
    ("Let me know if Tuesday works.", "Tell Maria if Tuesday works"),
    ("Let me know if the room is free on Tuesday.", "Tell Maria if the room is free"),
    ("Please let me know by Friday whether you want to extend.", "Tell Maria whether you want to extend"),
    ("Let me know whether next Friday suits you.", "Tell Maria whether next Friday suits you"),
    ("Let me know if the numbers look right today.", "Tell Maria if the numbers look right"),  # a review's find
])
def test_a_greeted_or_told_ask_keeps_what_it_asks(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]
