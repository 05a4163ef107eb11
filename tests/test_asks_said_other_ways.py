"""Asks a founder's and a buyer's inboxes held that the rules missed (fresh sets, scored before any
rule read them): a statement put to the reader to confirm ("Northgate is leading, yes?", "...or
not??"), a question of who or when that names the reader, a thing held for the reader's word ("the
invoice is sitting in Pleo waiting for your approval"), someone's ask carried by the writer ("Raj
asked me to nudge you for the engagement letter"), "it would also help to have...", a terse order of
things ("Bring churn and pipeline slides."), an ask in another language's order ("We would need,
please, that you send us two seal kits"), "we kindly request the drawing", a need of a yes or no.
Beside them, what is none: time asked for ("give me till Tuesday"), a closing formula ("Awaiting your
early revert."), a handover after a clause ("..., please find the test report in attachment"), the
writer's travel, and a bare "right?"."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, MON, NONE, C, Case, passes

CASES: list[Case] = [
    C("One more thing - Northgate is leading, yes?", ("request", None)),
    C("Also totally unrelated but are we doing the team offsite in January or not??", ("request", None)),
    C("Also the copy for the Customers page is still missing - who from your team will write it?", ("request", None)),
    C("Pitanga: the invoice is sitting in Pleo waiting for your approval, and has been since 14 October.",
      ("request", None)),
    C("Raj asked me to nudge you for the signed engagement letter.", ("request", None)),
    C("It would also help to have a breakdown of staff time spent on qualifying R&D activities.", ("request", None)),
    C("Bring churn and pipeline slides.", ("request", None)),
    C("We would need, please, that you send us two replacement seal kits by express.", ("request", None)),
    C("For the PPAP we kindly request the updated drawing of bracket BR-330.", ("request", None)),
    C("The holds expire on Monday, so I need a yes or no on dates and a venue choice before then.", ("request", MON)),
    C("Our comms policy means I need your written confirmation that we won't be named, and I'd want to see the "
      "questions beforehand.", ("request", None), ("request", None)),
    C("I'll fly out Thursday evening and send you the inspection report on Monday.", ("waiting", MON)),
    C("Also I'll do the staff time breakdown for Raj, give me till Tuesday.", ("waiting", "2026-11-24")),
    # None of these asks or owes anything.
    C("Sharing it should be fine, but give me till Tuesday.", *NONE),
    C("Awaiting your early revert.", *NONE),
    C("Our engineer has finished the test, please kindly find the test report in attachment.", *NONE),
    C("It's brilliant, right?", *NONE),
    C("They go live on Tuesday morning.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_asks_said_other_ways(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# From an events head's, a product manager's and a property manager's inboxes (fresh sets too).
MORE: list[Case] = [
    C("For the gala transfer we need to know the departure times from each hotel.", ("request", None)),
    C("Furthermore, we would like to request a temporary increase of our burst limit to 1,200 requests per minute.",
      ("request", None)),
    C("Additionally, we request you to provision two more sandbox tenants for our UAT team.", ("request", None)),
    C("She would find it very helpful to have the panel questions in advance.", ("request", None)),
    C("What I need is a date when this will actually be fixed.", ("request", None)),
    C("Am I allowed to put up a couple of shelves in the living room?", ("request", None)),
    C("Until I hear back I can't finalise the room plan for day two.", ("blocker", None), mine=True),
    C("The brand assets will come to you from our design team by 4 December.", ("commitment", "2026-12-04"), mine=True),
    C("Before I serve anything I need the deposit protection certificate.", ("blocker", None)),
    # None: offers to book or join, a traveller's day, an away note's promise, thanks passed on, a
    # deadline of an ask made before, an announcement, a closing formula, a lead-in, the owner's own step.
    C("Book your 2027 event before 31 December and receive a complimentary welcome coffee for all your delegates!",
      *NONE),
    C("Join before 30 November and get your first three months free.", *NONE),
    C("Unfortunately he has a committee meeting on 20 April and won't be able to travel until that evening.", *NONE),
    C("I'll respond to your message when I'm back.", *NONE),
    C("Thank you, and please pass on our thanks to Helen.", *NONE, mine=True),
    C("It changes what we write in the migration guide, so an answer before the release cut on Thursday would be ideal.",
      *NONE),
    C("We would like to inform you about a problem that our platform team observed on 16 November.", *NONE),
    C("Please do the needful at the earliest.", *NONE),
    C("Two things I'd love your steer on.", *NONE),
    C("On the rent, I can't promise anything until I've spoken to the landlord.", *NONE, mine=True),
    C("Before I bring Finch to the partner meeting on Monday, I need a few things from you:", ("request", MON)),
]


@pytest.mark.parametrize("case", MORE, ids=[c.text[:40] for c in MORE])
def test_more_asks_and_lookalikes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# From an editor's, a customer success manager's and an agency CTO's inboxes (fresh sets too).
LAST: list[Case] = [
    C("We wish to receive the Japanese version of the admin manual by Friday.", ("request", FRI)),
    C("Our nightly sync is basically dead until this gets sorted.", ("blocker", None)),
    C("A contract will come from our rights team this week.", ("commitment", FRI), mine=True),
    C("Glossy or matt for the labels? need to know by Friday so I can order.", ("request", FRI)),
    C("I need to know before 3 so it makes the board pack.", ("request", "2026-11-18")),
    # None: a note's opening, a referral to someone else, news to come, a lead-in to a list.
    C("Quick one before our 1:1 tomorrow.", *NONE, mine=True),
    C("For network topics, please contact Lukas Hartmann, he manages our infrastructure.", *NONE, mine=True),
    C("We're holding the planning submission until a few things are resolved:", *NONE, mine=True),
    C("If not, we need to know now so we can bring the ventilation scheme forward.", *NONE),
]


@pytest.mark.parametrize("case", LAST, ids=[c.text[:40] for c in LAST])
def test_last_asks_and_lookalikes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_closing_chase_is_the_ask_before_it(owner: Owner) -> None:
    """"Kindly approve at the earliest." after "PR-1183 is pending your approval" is one ask."""
    msg = make_message("Dear Ada,\n\nPR-2026-1183 for the podium waterproofing membrane is pending your approval in the ERP "
                       "since 12 Nov.\n\nKindly approve at the earliest.\n\nRegards,\nHassan")
    items = EmbeddedExtractor().extract(msg, owner)
    assert [(i.kind, i.evidence[:12]) for i in items] == [("request", "PR-2026-1183")]


SECOND_LANGUAGE: list[Case] = [
    C("We request the developer's approval on the car interior finish before then; otherwise delivery will move to "
      "Q2 2027.", ("request", None)),
    C("Please see the facade update for this week:", *NONE),
    C("Please find the daily progress report for 17 November 2026:", *NONE),
    C("8 December would suit us best, as our October and November closes will be done by then.", *NONE, mine=True),
]


@pytest.mark.parametrize("case", SECOND_LANGUAGE, ids=[c.text[:40] for c in SECOND_LANGUAGE])
def test_gulf_and_german_english(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


GERMAN_AND_FRENCH: list[Case] = [
    # "dann kannst du..." says what follows from a promise; it asks nothing.
    C("Und fürs Investoren-Dinner: Ich schick dir morgen die Gästeliste, dann kannst du beim Restaurant fix reservieren.",
      ("commitment", "2026-11-19"), mine=True),
    C("Kannst du mir bis Freitag die Zahlen schicken?", ("request", FRI)),
    C("L'audit est suspendu tant que nous n'avons pas ce document.", ("blocker", None)),
    C("Pour toute question urgente concernant le WP2, merci de contacter Thomas Lejeune.", *NONE),
]


@pytest.mark.parametrize("case", GERMAN_AND_FRENCH, ids=[c.text[:40] for c in GERMAN_AND_FRENCH])
def test_german_and_french(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
