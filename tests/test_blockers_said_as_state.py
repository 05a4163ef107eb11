"""Blockers said without "until" or "blocked by": the precondition said first before a third
party's step, a longer step that a third party will not take without a thing, a thing that is
stuck, no access to what the work needs, work held until the writer hears, and what is holding
up the work. Beside each, the look-alikes that are no one's obstacle: a person's day ("I'm stuck
in meetings"), an away day's "no access to email", "How are you holding up?", a room held for
the reader. And the message-level rules around them: a bare state gives way to the blocker
that says what the work waits on, a precondition said right after the ask for the same thing is
the ask's reason, and a blocker's secret is a scam's only when it is the reader's."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import NONE, C, Case, passes

B = ("blocker", None)

CASES: list[Case] = [
    # The precondition said first, before a third party's step.
    C("Without the signed wayleave the DNO won't programme the connection.", B),
    C("Without the lab report, the insurer will not settle the claim.", B),
    C("Without a valid permit the crane company can't set up the tower.", B),
    C("Without your help we would never have made it.", *NONE),
    C("Without a doubt the venue can't be beaten on price.", *NONE),
    C("Without further ado, here is the agenda.", *NONE),
    # A longer step a third party will not take without a thing.
    C("They can't flash the pilot gateways without the signed v1.4 image.", B),
    C("The bank will not open the escrow account without the notarised articles.", B),
    C("They can't tell the two versions apart without the labels.", *NONE),
    # A thing that is stuck, said as its state.
    C("The hardware COGS are stuck.", B),
    C("Datapeak's gold payment (EUR 45k) is stuck.", B),
    C("The shipment is still stuck in customs.", B),
    C("It's stuck behind the release freeze.", B),
    C("I was stuck in traffic for an hour.", *NONE),
    C("I'm stuck in meetings all afternoon, so call me after 5.", *NONE),
    C("The song has been stuck in my head all week.", *NONE),
    C("The v3 changelog is where I'm stuck.", *NONE),
    C("The builds are stuck because of the weather.", *NONE),
    # No access to what the work needs.
    C("I still don't have access to their staging environment.", B),
    C("For the next sprint: I still don't have access to their staging environment, the VPN credentials never "
      "arrived.", B),
    C("We still have no access to the shared drive.", B),
    C("I don't have access to email this weekend, so text me.", *NONE),
    C("If you don't have access to the portal, use the link below.", *NONE),
    # Work held until the writer hears, and what holds it up.
    C("I'm holding the pages until I hear back.", B),
    C("We're holding our cost statement until we hear from you.", B),
    C("The missing PO is holding up the whole delivery.", B),
    C("It's now holding up their renewal.", B),
    C("How are you holding up?", *NONE),
    C("How are you holding up after the move?", *NONE),
    C("The new roof is holding up well after the storm.", *NONE),
    C("I'm holding the room until Friday for you.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_blockers_said_as_state(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def _items(body: str, owner: Owner) -> list[tuple[str, str]]:
    msg = make_message(f"Hi Ada,\n\n{body}\n\nThanks,\nMaria", subject="Re: plan")
    return [(i.kind, i.evidence) for i in EmbeddedExtractor().extract(msg, owner)]


def test_a_bare_state_gives_way_to_what_the_work_waits_on(owner: Owner) -> None:
    got = _items("The deployment is stuck. QA can't test anything until staging is back.", owner)
    assert got == [("blocker", "QA can't test anything until staging is back.")]
    listed = _items("The migration is stuck. Blockers:\n- finance hasn't signed off on the Snowflake contract\n"
                    "- we lack a second data engineer since Leo left", owner)
    assert ("blocker", "The migration is stuck.") not in listed
    assert ("blocker", "finance hasn't signed off on the Snowflake contract") in listed


def test_a_precondition_after_the_ask_for_it_is_the_asks_reason(owner: Owner) -> None:
    got = _items("Kindly please help to amend the L/C: latest shipment date to 31 March. "
                 "Without the amendment our bank can not negotiate the documents.", owner)
    assert [k for k, _ in got] == ["request"]
    got = _items("Please send the signed NDA. Without it we can't open the data room.", owner)
    assert [k for k, _ in got] == ["request"]
    # A precondition of something else stays a blocker beside the ask.
    got = _items("Could you book the van for Friday? Without the signed wayleave the DNO won't programme the "
                 "connection.", owner)
    assert sorted(k for k, _ in got) == ["blocker", "request"]
    # Blocked on one thing without another: what is missing is the blocker's title.
    msg = make_message("Hi Ada,\n\nCould you send the signed NDA? We are blocked on the audit without the bank "
                       "letter.\n\nThanks,\nMaria", subject="Re: plan")
    titles = sorted((i.kind, i.title) for i in EmbeddedExtractor().extract(msg, owner))
    assert titles == [("blocker", "Unblock: the bank letter"), ("request", "Send the signed NDA")]
    msg = make_message("Hi Ada,\n\nJust following up on this: could you send me the review notes by Monday? We are "
                       "blocked on planning without it.\n\nThanks,\nMaria", subject="Re: plan")
    titles = sorted((i.kind, i.title) for i in EmbeddedExtractor().extract(msg, owner))
    # "Unblock: planning" says too little alone: the sentence is quoted, never "planning without it".
    assert titles == [("blocker", "Unblock Maria: “We are blocked on planning without it”"),
                      ("request", "Send Maria the review notes")]


def test_a_blockers_secret_is_a_scams_only_when_it_is_the_readers(owner: Owner) -> None:
    assert _items("Without the test credentials we cannot build a prototype.", owner) == [
        ("blocker", "Without the test credentials we cannot build a prototype.")]
    assert _items("Without your card details we cannot complete the booking.", owner) == []
    assert _items("Your account will stay locked until you confirm your login credentials.", owner) == []


@pytest.mark.parametrize("text,title", [
    ("Without your approval we can't start the migration.", "Give Maria your approval to start the migration"),
    ("Without your sign-off I cannot release the budget.", "Give Maria your sign-off to release the budget"),
])
def test_the_readers_own_word_holding_up_the_work_is_asked_of_her(text: str, title: str, owner: Owner) -> None:
    """What waits on the reader's own approval is hers to give: a request, not a blocker to chase."""
    items = EmbeddedExtractor().extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [(i.kind, i.title) for i in items] == [("request", title)]
