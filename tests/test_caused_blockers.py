"""Work held up by a problem said as its cause: "The parts are back-ordered, so the install can't
proceed", "Migration is stalled because the vendor hasn't given us read access", "Payroll can't
run because the bank file was rejected", and the owner's "We're stuck on the integration until
Acme rotates their API keys". Not a blocker: the writer's own absence, a past mishap, a plan the
writer's side carries out, the reader's own thing at fault (the reason for an ask), an offer."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import NONE, C, Case, passes

B = ("blocker", None)
CASES: list[Case] = [
    C("The parts are back-ordered, so the install can't proceed.", B),
    C("The vendor hasn't sent the certificate, so we can't go live.", B),
    C("Migration is stalled because the vendor hasn't given us read access.", B),
    C("The rollout is delayed because legal hasn't approved the terms.", B),
    C("Onboarding is on hold because the background checks haven't come back.", B),
    C("The build keeps failing on CI, so nobody can merge.", B),
    C("The crane is down, which means the steel erection is delayed.", B),
    C("We ran out of drywall screws, so the second-floor work has stopped.", B),
    C("The check-in system is down, so the front desk can't process arrivals.", B),
    C("Payroll can't run because the bank file was rejected.", B),
    C("We're stuck on the integration until Acme rotates their API keys.", B, mine=True),
    C("The launch is on hold until the legal review is done.", B, mine=True),
    # Not blockers.
    C("The office is closed on Monday, so we can't meet then.", *NONE),
    C("It rained all weekend, so we couldn't play golf.", *NONE),
    C("The meeting was delayed because the CEO was late.", *NONE),
    C("I'm travelling, so I can't join the call on Friday.", *NONE),
    C("Our printer is down, so I'll send the scan later.", *NONE),
    C("We are still looking for two parent volunteers, so do get in touch if you can help.", *NONE),
    C("Security is blocked until we upgrade the vault client.", *NONE, mine=True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_caused_blockers(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
