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
    C("The VPN is down so nobody on the team can reach the build server.", B),
    C("The license server is unreachable so no one can open CAD today.", ("blocker", "2026-11-18")),
    C("The deployment pipeline fails at the signing step, so nothing can go to production.", B),
    C("Rollout to the EU region is pending the data protection impact assessment.", B),
    C("The audit has been delayed by missing invoices from two subsidiaries.", B),
    C("Testing is paused until QA gets the new devices.", B),
    C("Development is stalled as we are lacking a decision on the data model.", B),
    C("Because the architect hasn't revised the drawings, the structural engineer can't do the calcs.", B),
    C("The beta is gated on the legal review of the terms.", B),
    C("I can't finish the forecast because finance hasn't sent the Q3 actuals.", B, mine=True),
    C("The migration is waiting on the DBA to restore the backup.", B),
    C("Merge is blocked pending the security review.", B),
    # Not blockers.
    C("About the rental house: we are waiting for the depreciation report from the surveyor.", *NONE),
    C("The certificate is still with Polimeri, who are waiting for their auditor.", *NONE),
    C("Your parcel is waiting for you at the post office.", *NONE),
    C("The flight was delayed by fog.", *NONE),
    C("Because I'm ill, I can't come to the office.", *NONE),
    C("The store is closed until further notice.", *NONE),
    C("My project is paused until I get back from holiday.", *NONE),
    C("Request for a new token raised, approval is pending from Sunil as reporting manager.", *NONE),
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
