"""Kinds a COO's mixed inbox held that the rules missed (a fresh set, scored before any rule read
it): a thing wished for after a clause of its own ("I've attached the template - comments by Monday
would be great"), "I'd value your view on...", two asks joined by ", and could you", work said
done or on its way without its verb ("Hanse v2 scoping done by Friday", "Template comments coming
Monday morning", "the reissued invoice will be out today"), a blocker caused by the sentence before
("Because of this, our hub is unable to dispatch") or by what a thing does not support, a question
that ends on the reader as one of two choices, and an order after ", but". Beside them, what is
none: the writer's own plan said as a wish, a role's plan that is not for the reader, a thing done
on a past day, a fragment that repeats an ask."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, WED, C, Case, passes

CASES: list[Case] = [
    C("I've attached the draft template - comments by Monday would be great, as it goes to the account managers on "
      "Tuesday.", ("request", MON)),
    C("We need your bio and headshot by 4 December, and a title for your talk would be lovely if you have one by then.",
      ("request", "2026-12-04"), ("request", "2026-12-04")),
    C("I'd value your view on whether we present the renewal as a decision or an update.", ("request", None)),
    C("Ada, please bring a short summary of the incident for item 3, and could you send me the ops slides by 5pm today?",
      ("request", None), ("request", WED)),
    C("Hanse v2 scoping done by Friday, with the two session dates.", ("waiting", FRI)),
    C("Final pricing sheet from me tomorrow am.", ("waiting", "2026-11-19")),
    C("Revised quote from me on Friday.", ("commitment", FRI), mine=True),
    C("Template comments coming Monday morning.", ("commitment", MON), mine=True),
    C("Credit note and reissued invoice will be out today.", ("waiting", WED)),
    C("Because of this, our Bhiwandi hub is unable to dispatch around 200 consignments.", ("blocker", None)),
    C("The mapping SDK doesn't support Android 9, so that feature can't ship on those phones whatever we do.",
      ("blocker", None)),
    C("I'm honestly not sure who should sign it, you or Jonathan?", ("request", None)),
    C("Lease: Jonathan signs, but send it to me first.", ("waiting", None), mine=True),
    C("I need an ETA I can give Rohan by 2pm our time.", ("waiting", f"{WED}T14:00:00+00:00"), mine=True),
    # None of these is work for the owner to track.
    C("I'd like to get the written offer out today while she's keen.", *NONE),
    C("Our accountant will file our company accounts next week.", *NONE),
    C("Customs clearance done on 5 April.", *NONE),
    C("Brenda or you?", *NONE),
    C("Greetings from me and the team.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_mixed_inbox(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
