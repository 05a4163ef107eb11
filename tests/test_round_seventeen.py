"""Round seventeen of the embedded extractor, from sentences of my own; none from an evaluation week.

Taking leave is no promise: "I'll leave you to it", "I'll leave it with you", and "one more thing,
and then I'll leave you alone: ..." before the last news or ask of a mail, which is read alone.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, NONE, TUE, C, Case, passes

CASES: list[Case] = [
    C("I'll leave you to it.", *NONE),
    C("I'll leave it with you.", *NONE),
    C("I'll leave you alone now, enjoy the weekend.", *NONE),
    C("Last thing and then I'll leave you alone: the agency is doing a summer showcase in LA in August.", *NONE),
    C("One more thing, and then I'll leave you alone: could you send me the signed NDA by Friday?",
      ("request", FRI)),
    C("Last thing: please send me the signed NDA by Friday.", ("request", FRI)),
    C("One more thing - could you book the meeting room for Tuesday?", ("request", TUE)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_seventeen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
