"""Round eighteen of the embedded extractor, from sentences of my own and from a fresh review set
(none from an evaluation week).

What nothing and no one needs asks nothing ("Nothing is waiting for your approval at the
moment" was "Approve at the moment"); nor does a process that runs by itself ("Rent will be
collected by direct debit on the 1st"), a question closed by "honestly?", or a list's footer ("You
can unsubscribe at any time"). A thing on its way told as the reason for an ask after ", so" gives
the ask, not the thing; two acts asked in one question, the second after "and also", are two
asks; "Chase the supplier" and "Do chase the supplier" are orders.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, NONE, THU, TUE, C, Case, passes

CASES: list[Case] = [
    # Nothing and no one as the subject: no ask...
    C("Nothing is waiting for your approval at the moment.", *NONE),
    C("Nothing is waiting for your review right now.", *NONE),
    C("Nothing needs your signature this week.", *NONE),
    C("Nobody is waiting on your feedback, take your time.", *NONE),
    C("None of this needs your sign-off.", *NONE),
    C("No one needs your input on the draft today.", *NONE),
    C("So nothing further is needed from you, thanks!", *NONE),
    C("No decision needed today.", *NONE),
    # ...unless something is asked besides, or after it.
    C("Nobody has signed yet, so please sign the NDA by Friday.", ("request", FRI)),
    C("None of the options work for us, could you send two more dates?", ("request", None)),
    C("No response yet on the contract; please send it back by Friday.", ("request", FRI)),
    C("The NDA is waiting for your signature.", ("request", None)),
    C("None of the invoices require your approval this month.", *NONE),
    C("At the moment nothing requires your sign-off.", *NONE),
    # (a review's cases: what is asked after it stays)
    C("Nothing is waiting for your approval, just sign the form by Friday.", ("request", FRI)),
    C("Nothing is pending, and Raj will send the keys on Monday.", ("waiting", "2026-11-23")),
    # A list's footer asks nothing; an ask to unsubscribe someone does, and so does an ask after it.
    C("You can unsubscribe at any time by clicking the link below.", *NONE),
    C("You may opt out of these updates at any time.", *NONE),
    C("Can you unsubscribe me from the supplier newsletter?", ("request", None)),
    C("Please unsubscribe the old support address from the list by Friday.", ("request", FRI)),
    C("You can unsubscribe at any time, but please confirm your attendance by Thursday.", ("request", THU)),
    C("You can opt out of the Friday drinks, but please RSVP by Thursday either way.", ("request", THU)),
    C("Please make sure customers can unsubscribe at any time from the new newsletter.", ("request", None)),
    C("Could you check whether users can unsubscribe at any time from the app?", ("request", None)),
    # A thing on its way as the reason for an ask: the ask.
    C("The board pack goes out Monday, so I'll need your section by Friday noon.", ("request", FRI)),
    C("The samples ship on Friday, so please confirm the colours by Thursday.", ("request", THU)),
    C("The revised contract goes out to you tomorrow.", ("waiting", THU)),
    # Two acts asked in one question: two asks, each with its own words.
    C("Could you review the lease and also send me the deposit receipt?", ("request", None), ("request", None)),
    C("Can you send me the invoice and also confirm the delivery date by Friday?", ("request", FRI), ("request", FRI)),
    C("Please sign the NDA and also book a room for Tuesday.", ("request", TUE), ("request", TUE)),
    C("Could you update the tracker and also book the flights to Berlin?", ("waiting", None), ("waiting", None),
      mine=True),
    # A process that runs by itself is no one's promise; a thing sent is.
    C("Rent for December will be collected by direct debit on the 1st as usual.", *NONE),
    C("The invoice will be generated automatically at month end.", *NONE),
    C("Your membership will be renewed automatically next month.", *NONE),
    C("The rent will be paid by standing order on the 1st.", *NONE, mine=True),
    C("The report will be sent to you on Friday as usual.", ("waiting", FRI)),
    C("The deposit will be paid by bank transfer tomorrow.", ("commitment", THU), mine=True),
    # A question closed by "honestly?" or "seriously?" is rhetorical.
    C("Who approved a 9am meeting on a Monday, honestly?", *NONE, mine=True),
    C("Who schedules a launch on Christmas Eve, seriously?", *NONE),
    C("Honestly, could you send me the slides by Friday?", ("request", FRI)),
    # An order to chase, and an order put with "do": the owner's to a colleague, and asks of hers.
    C("Chase the supplier about the late delivery when you get a chance.", ("waiting", None), mine=True),
    C("Do chase the supplier about the late delivery.", ("waiting", None), mine=True),
    C("Do chase the supplier about the late delivery when you get a chance.", ("request", None)),
    C("Chase is joining the team on Monday.", *NONE),
    C("Do what you think is best.", *NONE, mine=True),
    # ...but one act on two things, or a question of two facts, stays one ask.
    C("Could you review the lease and also the side letter?", ("request", None)),
    C("Could you check whether the venue is free and also whether it has parking?", ("request", None)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_round_eighteen(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_two_asks_quote_their_own_words(owner: Owner) -> None:
    from tests.test_round_seventeen import _items

    items = _items("Could you review the lease and also send me the deposit receipt?", owner)
    assert [(i.title, i.evidence) for i in items] == [
        ("Review the lease", "Could you review the lease"),
        ("Send Maria the deposit receipt", "send me the deposit receipt?")]
