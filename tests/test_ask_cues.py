"""A plain statement the request model alone calls an ask needs a word of asking in it.

The model, trained on office mail where warm words and offers were labelled asks, read "Lovely
to finally meet you in person" and "Our driver will be at your loading dock on Tuesday" as asks,
and the brief showed "Reply to Sam about ...". A question, an order said first, or a word of
asking (a please, a modal aimed at someone, a need or a wish, a deadline, a reminder) keeps the
model's reading. Sentences of my own and of a review's; none from an evaluation week.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, WED, C, Case, passes

NEXT_FRI = "2026-11-27"

CASES: list[Case] = [
    # Warm words, news and plans of others: no ask.
    C("We're all so grateful to have you on the team.", *NONE),
    C("Lovely to finally meet you in person last week.", *NONE),
    C("Our driver will be at your loading dock on Tuesday at 9.", *NONE),
    C("Heard the council approved the extension for you, great news.", *NONE),
    C("My sister runs a café in Leith and I passed her your number.", *NONE),
    C("FYI the school is donating the chairs, so you won't be short this time.", *NONE),
    C("Great to have you back in the office.", *NONE),
    C("We're so lucky to have you on the team.", *NONE),
    C("The courier dropped your parcel with reception this morning.", *NONE),
    # Asks the model reads, each with a word or an order of asking: kept.
    C("Give me a ring when you land.", ("request", None)),
    C("Just a reminder that the timesheets are due Friday.", ("request", FRI)),
    C("Your signature on the lease by Friday would be great.", ("request", FRI)),
    C("Send me the deck when you get a chance.", ("request", None)),
    C("Watch the demo and tell me what you think.", ("request", None)),
    C("We'd really appreciate your feedback on the draft.", ("request", None)),
    C("Let's find time to discuss the pricing next week.", ("request", NEXT_FRI)),
    C("If you get a chance, shoot me the contract.", ("request", None)),
    # Softer asks a review wrote, which the first list of words lost: kept.
    C("Could do with your eyes on the pitch deck before Monday.", ("request", MON)),
    C("Hoping to get your go-ahead on the hire today.", ("request", WED)),
    C("Could use your help with the grant application this week.", ("request", FRI)),
    C("Keen for your feedback on the onboarding flow before we ship.", ("request", None)),
    C("Also your passport copy for the visa file.", ("request", None)),
    C("Over to you for the final call on the venue.", ("request", None)),
    # Thanks for a thing of the reader's asks nothing.
    C("Thank you for your feedback on the draft.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_a_statement_asks_only_with_a_word_of_asking(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
