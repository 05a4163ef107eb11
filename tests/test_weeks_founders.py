"""Forms that two development weeks written this round showed the rules had missed (a Boston
hardware founder's week in American English, a Singapore payments team's week in Singapore
English), written anew here rather than copied from those weeks, each beside look-alikes: a duty
stated in the passive by an office ("must be received by this office no later than...", "are to be
returned to Payroll..."); a third party's want of the reader's own act, dated or not ("Sam wants
your sign-off..."), and a named committee's want with its day; "I can have X ready by..." as a
promise rather than an offer; "Please also note that ... until ..." as the blocker it introduces;
a need of the reader's, then the writer's own next step after a comma ("I need your passport
number, I'll book the flights Monday"); work unable to proceed since a thing expired; "Need you
to..." without its "I"; and help wished for with its day ("Any update before Friday would really
help")."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, NONE, TUE, C, Case, passes

R, B, W = "request", "blocker", "waiting"
MON = "2026-11-23"
WED_NEXT = "2026-11-25"

CASES: list[Case] = [
    # A duty stated in the passive, with the office that receives it.
    C("The signed lease amendment must be received by this office no later than Wednesday, 25 November.", (R, WED_NEXT)),
    C("Meter readings must be provided to the Billing Office by noon on Monday.", (R, MON)),
    C("Signed timesheets are to be returned to Payroll no later than Friday.", (R, FRI)),
    C("The executed addendum was received by this office on 4 November.", *NONE),
    C("The keys are to be returned at the end of the tenancy.", *NONE),
    # A third party's want of the reader's own act, dated or not; a committee's want with its day.
    C("Marta wants your sign-off before anything goes to the printer.", (R, None)),
    C("Priya would like your thoughts on the pricing page.", (R, None)),
    C("The investment committee wants a one-page summary and the cap table by Friday.", (R, FRI)),
    C("Marta wants to rewrite the onboarding flow next quarter.", *NONE),
    C("The committee wanted a video last year too.", *NONE),
    C("Tom wants the car back.", *NONE),
    # "I can have X ready by ..." promises; "I can send it ..." with an "if" offers.
    C("I can have the revised budget ready for your review by Tuesday.", (W, TUE)),
    C("We can have the samples with you on Friday.", (W, FRI)),
    C("I can have the revised budget ready by Tuesday if you want.", *NONE),
    # "Please also note" before a precondition is the blocker it introduces; before news, nothing.
    C("Please also note that the county will not release the permit until the survey is stamped.", (B, None)),
    C("Please also note that the office is closed on Friday.", *NONE),
    # A need of the reader's, then the writer's own next step: an ask and a promise.
    C("I need your passport number and date of birth, I'll book the flights on Monday.", (R, None), (W, MON)),
    C("I need your sign-off on the quote, I'll send the PO on Friday.", (R, None), (W, FRI)),
    C("I needed your passport last year too; all set now.", *NONE),
    # Work that cannot go on because a thing expired or is missing; not a plan that could not go ahead.
    C("Our engineers are unable to proceed with the payout integration since the test keys have expired.", (B, None)),
    C("We are unable to proceed as the signed PO has not been received.", (B, None)),
    C("I was unable to proceed since my laptop died, but it's fixed now.", *NONE),
    C("We are unable to attend since we are travelling.", *NONE),
    # An ask without its "I", and a help wished for with its day.
    C("Need you to pick a new release manager asap.", (R, None)),
    C("It would help if we could have the signed forms by Friday.", (R, FRI)),
    C("Any update before Friday would really help.", (R, FRI)),
    C("That would really help, thanks.", *NONE),
    # A step someone will take only after receiving a thing.
    C("The owner will release the budget only after receiving the revised headcount plan.", (B, None)),
    C("We only ship on Mondays.", *NONE),
    # What to do with the mail itself is no work.
    C("Please retain this letter for your records.", *NONE),
    C("Please keep a copy for your files.", *NONE),
    # A duty after what it is for.
    C("For the change order to be approved at that meeting, the signed drawings must be received by this office "
      "no later than Wednesday, 25 November.", (R, WED_NEXT)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:60] for c in CASES])
def test_weeks_founders(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
