"""Forms that the development material of this round showed the rules had missed, written anew
here rather than copied, each beside look-alikes.

Someone else's promise, told to the owner by the writer: a pronoun with its "will" joined on
("They'll issue the amendment on Monday", read as "They will ..." always was) and a firm named by
what it is ("The bank will issue the amendment on Monday"), each owed to the owner by a day;
against what they will have to do, a state, a guess, and a firm's news.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, C, Case, passes

R, B, W, K = "request", "blocker", "waiting", "commitment"

REPORTED_PROMISES: list[Case] = [
    C("They'll issue the amendment on Monday.", (W, MON)),
    C("They will issue the amendment on Monday.", (W, MON)),
    C("She'll send the lab figures on Friday.", (W, FRI)),
    C("he'll drop the keys off Thursday", (W, THU)),
    C("Good news: they'll ship the replacement pump on Tuesday.", (W, TUE)),
    C("The bank will issue the guarantee on Monday.", (W, MON)),
    C("The lab will send the certificate of analysis by Friday.", (W, FRI)),
    C("The factory will ship the samples on Thursday.", (W, THU)),
    # ...not what they will have to do, a state, a guess, or a firm's news without work for the owner.
    C("He'll have to be quick, the first routes roll at 6:40 on Monday.", *NONE),
    C("They'll be closed on Monday.", *NONE),
    C("They'll probably announce the results on Monday.", *NONE),
    C("The city will be closed on Monday for the parade.", *NONE),
    C("The bank will be closed on Monday.", *NONE),
]


@pytest.mark.parametrize("case", REPORTED_PROMISES, ids=[c.text[:56] for c in REPORTED_PROMISES])
def test_reported_promises(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
