"""Forms the weakest development weeks (insurance broking, a vet practice, a solar installer) showed
focusd missing, written here in other words than the weeks': "I'll need you to...", a duty stated in the
passive with a deadline set from an event ("must be uploaded no later than seven days before the
visit"), and an ask whose "or else" tail is quoted with it.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, THU, C, Case, passes

CASES: list[Case] = [
    # "I'll need you to", as "I need you to" always was.
    C("I'll need you to countersign the variation order by Friday.", ("request", FRI)),
    C("We will need you to confirm the headcount before Monday.", ("request", MON)),
    C("Next month we'll need you to renew the parking permits.", ("request", None)),
    C("I'll need to check with the landlord first.", *NONE),
    # A question passed on counts when it is about the reader's side; one told of as settled is none.
    C("Our accountant would like to know whether your grant counts as income.", ("request", None)),
    C("She asked if we had room on Friday, and I said yes.", *NONE),
    C("I wonder if the weather will hold.", *NONE),
    # A duty in the passive, with a deadline from an event, or an amount in what is owed.
    C("The annual licence fee of £420.00 must be paid through the council portal no later than Friday.",
      ("request", FRI)),
    C("The completed risk register must be returned within 10 working days of the inspection.", ("request", None)),
    C("We will send the corrected report within two weeks after we get the samples.", ("waiting", "2026-12-02")),
    C("Payment must be made within 30 days of the invoice date.", ("request", None)),
    C("The gutters must be cleared every autumn.", *NONE),
    C("Our own report must be submitted within 5 days of the audit.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_twelve_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("I'll need you to countersign the variation order by Friday.", "Countersign the variation order"),
    ("Our accountant would like to know whether your grant counts as income.",
     "Tell Maria whether your grant counts as income"),
    ("The annual licence fee of £420.00 must be paid through the council portal no later than Friday.",
     "Pay the annual licence fee of £420.00"),
])
def test_titles_say_the_step(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]


@pytest.mark.parametrize("text", [
    "I've only pencilled him in, and another client has asked about the same week, so I'll need a yes or no "
    "from you by Thursday or I'll have to let him go.",
    "The council has a long queue this month, so we need the signed form back by Thursday, otherwise the slot "
    "goes to the next applicant.",
])
def test_an_ask_with_an_or_else_tail_quotes_the_whole_sentence(text: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [(i.kind, i.evidence, i.due) for i in items] == [("request", text, THU)]
