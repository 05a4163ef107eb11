"""Round sixteen of the embedded extractor, from sentences of my own; none from an evaluation week.

An ask to hold back ("please don't rewrite anything yet", "ask reception not to book them in")
is no piece of work to track, from the owner or to the owner, unless it has its day ("don't run
any cycles after close on Wednesday"). Titles: "first thing" left behind by its day, "back from
you" in what the writer needs, and "They will ship it Monday" read as a thing shipped ("Deliver
they").
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, C, Case, passes

CASES: list[Case] = [
    # To hold back, undated: none, whoever asks it.
    C("Please don't rewrite anything yet :)", *NONE, mine=True),
    C("We asked the bank to refund it, so please do not pay the invoice again.", *NONE, mine=True),
    C("Please ask reception not to book them in yet.", *NONE, mine=True),
    C("Don't send the invoice until I say so.", *NONE, mine=True),
    C("One more thing: please don't contact the tenant directly while the claim is open.", *NONE),
    C("Please don't book the venue before we talk.", *NONE),
    C("Please never share the login with the contractors.", *NONE),
    # ...with its day, it is tracked.
    C("Please ask Petr not to give the pallets away before Friday.", ("waiting", FRI), mine=True),
    C("The unit has to be cooled down, so please don't run any cycles after close on Friday.", ("request", FRI)),
    # A reminder to do a thing is no holding back.
    C("Don't forget to send the signed copy back by Monday.", ("request", MON)),
    C("Please don't forget to send me the deck.", ("waiting", None), mine=True),
    # Who ships, not what is shipped.
    C("The samples will ship Monday.", ("waiting", MON)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_sixteen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Can you send over the updated deck first thing tomorrow?", "Send over the updated deck"),
    ("Could you call me first thing in the morning on Friday?", "Call Maria"),
    ("We'd love the signed engagement letter back from you by Friday.", "Get the signed engagement letter back to Maria"),
    ("Could I get the signed NDA back from you by Monday?", "Get the signed NDA back to Maria"),
    ("Need the signed NDA from you by Monday.", "Get the signed NDA to Maria"),
])
def test_titles_lose_what_their_day_left_behind(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]


@pytest.mark.parametrize("text", ["They will ship it Monday.", "They'll ship them on Friday."])
def test_a_shipper_is_no_thing_shipped(text: str, owner: Owner) -> None:
    for mine in (True, False):
        sender = dict(sender="ada@example.com", to=("priya@acme.example",), name="Ada") if mine else {}
        items = EX.extract(make_message(f"Hi,\n\n{text}\n\nThanks", subject="Re: plan", **sender), owner)
        assert not any(i.title.lower().endswith(("they", "deliver it")) for i in items), items


def test_the_owners_morning_promise_loses_first_thing(owner: Owner) -> None:
    msg = make_message("Hi Priya,\n\nI'll send over the updated deck first thing tomorrow.\n\nAda",
                       sender="ada@example.com", to=("priya@acme.example",), name="Ada", subject="Re: plan")
    assert [(i.kind, i.title) for i in EX.extract(msg, owner)] == [("commitment", "Send over the updated deck")]
