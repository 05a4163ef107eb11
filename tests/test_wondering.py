"""An ask said as the writer wondering aloud whether the reader will ("I was wondering if I could
get some information on the Costilla deal", "I wanted to see if we could set up a time to meet",
"Would it be possible to move the review?"), which names no "you" and no "please". A hope sets an
agenda and asks nothing ("For our 1:1 tomorrow I was hoping we could talk about the packet")."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import NONE, C, Case, passes

CASES: list[Case] = [
    C("I was wondering if I could get some information on the Costilla deal, specifically the repurchase option.",
      ("request", None)),
    C("We were wondering whether the quote could include installation.", ("request", None)),
    C("I wanted to see if we could set up a time to meet about my review.", ("request", None)),
    C("Would it be possible to move the site visit to the afternoon?", ("request", None)),
    C("Is it possible to get a second parking permit for the contractors?", ("request", None)),
    # Not asks: a hope for a meeting's agenda, wonder at the world, a plan.
    C("For our 1:1 tomorrow I was hoping we could talk about the promotion packet.", *NONE),
    C("I wonder how they managed to finish so early.", *NONE),
    C("We will discuss it at the offsite.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_wondering_asks(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
