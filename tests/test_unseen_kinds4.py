"""Kinds of sentence from the registers of the development weeks ``week-legal`` and ``week-clinic``,
found by running the extractor on them once they were written and frozen.

Each rule changed for them is written here in new wording, with negatives that must stay as
they are. The weeks' own sentences are not among them.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, NONE, C, Case, passes

# What the writer expects of the reader is asked of the reader; "expect X" said to the reader, or
# what the writer expects to happen, is not.
EXPECTS: list[Case] = [
    C("I expect a written apology by Friday.", ("request", FRI)),
    C("We expect your answer by Friday.", ("request", FRI)),
    C("Frankly I still expect a refund for the second consultation.", ("request", None)),
    C("We do expect an update on the claim this week.", ("request", FRI)),
    C("Expect the signed copy on Friday.", ("waiting", FRI)),
    C("You can expect the corrected invoice by Friday.", ("waiting", FRI)),
    C("I expect the parcel to arrive on Friday.", *NONE),
    C("We expect delays on the ring road this week.", *NONE),
    C("I expect a slight delay on the spare parts.", *NONE),
    C("We expect a ruling from the court next month.", *NONE),
]

# "Early bird" offers are marketing; a colleague's deadline that mentions one is not.
EARLY_BIRD: list[Case] = [
    C("Could you book my place before the early bird closes on Friday?", ("request", FRI)),
    C("Can you ask finance to pay the registration before the early-bird deadline on Friday?", ("request", FRI)),
    C("Grab your early-bird ticket before Friday!", *NONE),
    C("Early bird pricing ends Friday, register today.", *NONE),
]


@pytest.mark.parametrize("case", EXPECTS + EARLY_BIRD, ids=[c.text[:40] for c in EXPECTS + EARLY_BIRD])
def test_unseen_kinds_of_the_legal_and_clinic_weeks(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
