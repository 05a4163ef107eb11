"""Kinds of sentence from the registers of the development weeks ``week-agency`` and ``week-lead``.

Each rule changed for them is written here in new wording (other names, tenses and punctuation),
with negatives that must stay non-items. The weeks' own sentences are not among them.
"""

from __future__ import annotations

import pytest

from agent.extractors import embedded
from agent.extractors.base import Owner
from agent.extractors.dates import fold
from tests.test_unseen_kinds import NONE, C, Case, passes

# A step allowed only after someone else's: a blocker. A time or a bare noun after "after" is a
# schedule, not a precondition.
ONLY_AFTER: list[Case] = [
    C("The refund can only be issued after finance approves the credit note.", ("blocker", None)),
    C("We can only go live once legal has signed the DPA.", ("blocker", None)),
    C("Sorry, the booking can only be confirmed once the deposit has been paid.", ("blocker", None)),
    C("The migration will have to wait until the platform team finishes the upgrade.", ("blocker", None)),
    C("Phase two has to wait until their IT department returns the access forms.", ("blocker", None)),
    C("You can only park after 6 on weekdays.", *NONE),
    C("It has to wait until Monday.", *NONE),
    C("Lunch can only be served after 12.", *NONE),
    C("The discount can only be applied once per order.", *NONE),
]


@pytest.mark.parametrize("case", ONLY_AFTER, ids=[c.text[:40] for c in ONLY_AFTER])
def test_only_after(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("sentence", [c.text for c in ONLY_AFTER if c.want])
def test_blocker_branches_hold_a_key(sentence: str) -> None:
    """The literal gate before _BLOCKER_RE must let every sentence through that a branch matches."""
    assert embedded._BLOCKER_RE.search(sentence), sentence
    assert any(k in fold(sentence) for k in embedded._BLOCKER_KEYS), sentence
