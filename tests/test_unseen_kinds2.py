"""More kinds of sentence from the registers of the held-out weeks (partnerships, design, recruiting).

Each rule changed for the development weeks ``week-bd``, ``week-design`` and ``week-talent`` is
written here in new wording (other names, tenses and punctuation), with negatives that must stay
non-items. The weeks' own sentences are not among them.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, WED, C, Case, passes

# Negatives: stock lines and small replies that ask for nothing and promise nothing.
QUIET: list[Case | object] = [
    # An offer to be asked, as a closing.
    C("Ping me if anything is unclear.", *NONE),
    C("Shout if you have any questions on the draft.", *NONE),
    C("Just email me if something looks off.", *NONE),
    C("Tell us if you run into problems with the login!", *NONE),
    # A wish to be kept on the thread is no piece of work.
    C("Please cc me.", *NONE),
    C("Please cc me.", *NONE, mine=True),
    C("Keep me in the loop, thanks!", *NONE),
    C("pls copy us in", *NONE),
    # A time that suits, or the confirmation of one.
    C("Thursday 15:00 works for me.", *NONE),
    C("Monday at 9:30 is good for me.", *NONE),
    C("I confirm Tuesday 4 May at 10:00 is perfect for us.", *NONE),
    C("Confirmed, Friday 2pm works for us.", *NONE),
    # A bare go-ahead answers; it asks nothing back.
    C("Go ahead.", *NONE),
    C("Yes, go ahead!", *NONE),
    C("Go ahead and book the flights by Friday.", ("request", FRI)),
    # Handing the rest over.
    C("I'll leave it to you two to find a time.", *NONE, mine=True),
    C("We'll leave the details to your team.", *NONE, mine=True),
    # A "you" that only informs: no promise is owed to the reader.
    C("Just so you know, my camera is broken so I will borrow one from a friend.", *NONE),
    C("As you know, we will move offices in the summer.", *NONE),
    C("Just so you know, I'll send you the slides by Friday.", ("waiting", FRI)),
    # A heading that introduces a list names no work.
    C("A few things from my side before our call tomorrow:", *NONE),
    pytest.param(C("Two updates before the board on Thursday:", *NONE),
                 marks=pytest.mark.xfail(reason="the request model reads the heading as an ask", strict=True)),
    C("Revised numbers before Friday.", ("waiting", FRI)),
]

# What is needed is the reader's to give, for the writer's own next step: a request.
NEEDS_YOUR: list[Case | object] = [
    C("The partner agreement still needs your signature before I can send it out.", ("request", None)),
    C("The budget sheet needs your approval before we can book the venue.", ("request", None)),
    C("This PR requires your review before I can merge it on Friday.", ("request", FRI)),
    # Before a third party's step it stays a blocker.
    C("The vendor form needs your approval before procurement will pay it.", ("blocker", None)),
    C("The contractors need VPN access before they can start.", ("blocker", None)),
]


def _ids(cases: list[Case | object]) -> list[str]:
    return [(c if isinstance(c, Case) else c.values[0]).text[:40] for c in cases]  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", QUIET + NEEDS_YOUR, ids=_ids(QUIET + NEEDS_YOUR))
def test_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


_ = (MON, THU, TUE, WED)
