"""Sentences that look like work and are none, from a facilities head's inbox: where to turn while
someone is away, a musing for some day, news still to come, what the reader already has, what a
choice not yet made would need, a sigh put as a question, keeping things as they are, and a
hold-up that is over. Beside them, the one kind that is work though it names no "you": a question
someone put to the writer, passed on for the reader to answer, unless an ask beside it puts it to
her already."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, NONE, C, Case, passes

CASES: list[Case] = [
    # Where to turn meanwhile, in an away note.
    C("For urgent capital finance queries please contact Owen Fairley on ext. 4471.", *NONE),
    C("For any urgent matters, please call the site office on 0161 555 0100.", *NONE),
    # A musing for some day.
    C("should we maybe at some point look at putting PV on the top deck of the multi-storey?", *NONE),
    C("Maybe at some point we could look at a second site?", *NONE),
    C("Perhaps one day we could move the archive off site?", *NONE),
    # News still to come, and keeping things as they are.
    C("I'll know more after my call with them on Monday.", *NONE, mine=True),
    C("We'll have a clearer picture by Friday.", *NONE, mine=True),
    C("I'll keep the dehumidifiers running until readings are under 60%, probably Friday.", *NONE),
    C("We'll keep the temporary boiler in place until the new one is commissioned on Friday.", *NONE),
    # What the reader already has.
    C("you should have the completed envelope from DocuSign already.", *NONE, mine=True),
    C("You should have received the signed copy by now.", *NONE, mine=True),
    C("You should now have an invite to the data room from DocSend.", *NONE, mine=True),
    C("You should now have access to the shared drive.", *NONE, mine=True),
    # What a choice not yet made would need.
    C("If you do want to continue, we'd also need a PO extension from your finance team before we can roster anyone "
      "beyond the 30th.", *NONE),
    C("If you decide to go ahead, we would need a deposit before we can book the crane.", *NONE),
    # A sigh put as a question.
    C("Who decides to put a sluice sink where the door can't open fully?", *NONE),
    C("And why does every refurbishment seem to make the storage worse, not better?", *NONE),
    # A hold-up that is over.
    C("Last time the bay behind Pathology was blocked by the waste compactor.", *NONE),
    C("Staff coming off the night shift couldn't get out without calling switchboard.", *NONE),
    # Still work: the same shapes with a day, an ask, or a hold-up that holds.
    C("Should we look at putting PV on the top deck before the budget round on Friday?", ("request", FRI)),
    C("I'll find out more after my call with them on Friday.", ("commitment", FRI), mine=True),
    C("We need a PO extension from your finance team before we can roster anyone beyond the 30th.",
      ("blocker", None)),
    C("The load test can't run until Mei restores the perf env, it got torn down in last week's cleanup.",
      ("blocker", None)),
    # A question passed on is an ask of the reader.
    C("Our driver is asking which loading bay he should use, because last time the bay behind Pathology was "
      "blocked by the waste compactor.", ("request", None)),
    C("The auditors are asking whether the lease was renewed.", ("request", None)),
    C("Tom is asking when you can sign the variation.", ("request", None)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_lookalikes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_question_passed_on_beside_the_ask_is_one_item(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nBaywater is asking whether they need to rotate anything. Can you confirm in "
                       "writing by Friday so I can close the loop with their CISO?\n\nTariq")
    items = EmbeddedExtractor().extract(msg, owner)
    assert [(i.kind, i.evidence[:20], i.due) for i in items] == [("request", "Can you confirm in w", FRI)]
