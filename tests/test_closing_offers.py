"""A closing offer to hear of anything wrong, missing or wanted asks nothing: "Let me know if you
have questions", "Shout if the split doesn't work for you", "Ping me if I missed anything", "Let
me know if you'd like more detail on any of it". With a day to answer by, or a thing to decide, it
still asks ("Let me know if the split works for you by Friday", "Shout if you can't make the 3pm
call")."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import NONE, C, Case, passes

CASES: list[Case] = [
    C("Let me know if you have questions.", *NONE),
    C("Shout if the split doesn't work for you.", *NONE),
    C("Ping me if I missed anything.", *NONE),
    C("Shout if I've got anything wrong.", *NONE),
    C("Let me know if any of that would be useful, no pressure at all.", *NONE),
    C("Let me know if you'd like more detail on any of it.", *NONE),
    C("Give me a shout if you have any questions.", *NONE),
    C("Let me know if you'd like more detail on any of it.", *NONE, mine=True),
    C("Ping me if I missed anything.", *NONE, mine=True),
    C("Let me know if the split works for you by Friday.", ("request", "2026-11-20")),
    C("Let me know if you can make Thursday.", ("request", "2026-11-19")),
    C("Shout if you can't make the 3pm call, otherwise see you there.", ("request", None)),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.text[:40]}{' (M)' if c.mine else ''}" for c in CASES])
def test_closing_offers(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
