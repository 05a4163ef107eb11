"""Kinds of sentence from the registers of the development weeks ``week-legal`` and ``week-clinic``,
found by running the extractor on them once they were written and frozen.

Each rule changed for them is written here in new wording, with negatives that must stay as
they are. The weeks' own sentences are not among them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from agent.extractors.embedded import EmbeddedExtractor
from agent.spam import traits
from connectors.types import Address
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, NONE, C, Case, passes

EX = EmbeddedExtractor()

# What the writer expects of the reader is asked of the reader; "expect X" said to the reader, or
# what the writer expects to happen, is not.
EXPECTS: list[Case] = [
    C("I expect a written apology by Friday.", ("request", FRI)),
    C("We expect your answer by Friday.", ("request", FRI)),
    C("Frankly I still expect a refund for the second consultation.", ("request", None)),
    C("We do expect an update on the claim this week.", ("request", FRI)),
    C("Expect the signed copy on Friday.", ("waiting", FRI)),
    C("You can expect the corrected invoice by Friday.", ("waiting", FRI)),
    C("I expect the parcel to arrive on Friday.", *NONE),
    C("We expect delays on the ring road this week.", *NONE),
    C("I expect a slight delay on the spare parts.", *NONE),
    C("We expect a ruling from the court next month.", *NONE),
]

# "Early bird" offers are marketing; a colleague's deadline that mentions one is not.
EARLY_BIRD: list[Case] = [
    C("Could you book my place before the early bird closes on Friday?", ("request", FRI)),
    C("Can you ask finance to pay the registration before the early-bird deadline on Friday?", ("request", FRI)),
    C("Grab your early-bird ticket before Friday!", *NONE),
    C("Early bird pricing ends Friday, register today.", *NONE),
]


@pytest.mark.parametrize("case", EXPECTS + EARLY_BIRD, ids=[c.text[:40] for c in EXPECTS + EARLY_BIRD])
def test_unseen_kinds_of_the_legal_and_clinic_weeks(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# A delivery said as "coming" with its day; a short reply's promise after "yep".
COMING: list[Case] = [
    C("Invoice coming Friday.", ("waiting", FRI)),
    C("The signed contract is coming your way on Friday.", ("waiting", FRI)),
    C("Receipts coming Friday, promise.", ("commitment", FRI), mine=True),
    C("yep will send the notes and the estimate friday", ("waiting", FRI)),
    C("yeah will sort the refund on Friday.", ("waiting", FRI)),
    C("The storm is coming Friday.", *NONE),
    C("The samples are coming from our Porto supplier.", *NONE),
    C("The final figures come Friday morning at the earliest.", ("waiting", FRI)),
    C("Our DPO is away, so it comes only on Friday, sorry.", ("waiting", FRI)),
    C("The heating engineer comes Friday.", *NONE),
    C("I called the service desk, they come Friday.", *NONE),
    C("Launch is on the 30th, so would love your comments by Friday.", ("request", FRI)),
]


@pytest.mark.parametrize("case", COMING, ids=[c.text[:40] for c in COMING])
def test_deliveries_said_as_coming(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("block", [
    "________________\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\n"
    "Click here to join the meeting\nMeeting ID: 123 456 789\nPasscode: x9Y",
    "Join Zoom Meeting\nhttps://zoom.example/j/123\nMeeting ID: 123 4567 8901",
])
def test_an_online_meetings_invitation_block_yields_nothing(block: str, owner: Owner) -> None:
    text = f"Budget review\nThursday, 19 November 2026, 11:00 am - 12:00 pm\n{block}\nAgenda: the Q1 budget, send your numbers."
    assert EX.extract(make_message(text, subject="Budget review"), owner) == []


def test_a_courtesy_opener_leaves_the_scene_setting_sentence_as_the_opener(owner: Owner) -> None:
    text = ("Hi Ada,\n\nLovely to chat last month. Just following up on the group booking for our workshop on "
            "Monday 7 December. Could you confirm numbers by Friday?\n\nWarm regards,\nHannah")
    assert [(i.kind, i.evidence) for i in EX.extract(make_message(text), owner)] == [
        ("request", "Could you confirm numbers by Friday?")]


# "Please note" gives information unless a need, a deadline or a step for the reader follows; a
# greeting passed on and a preference among times ask for no work.
NOTES: list[Case] = [
    C("Please note that our offices are closed on Friday.", *NONE),
    C("Kindly note that the hearing has moved to Friday.", *NONE),
    C("Please note, we need the signed form by Friday.", ("request", FRI)),
    C("Please note the new delivery address and update your records by Friday.", ("request", FRI)),
    # ...but changed bank details are what payment fraud asks the reader to note: no item (see
    # tests/test_unseen_kinds8.py, SCAM_ITEMS).
    C("Please note the new bank details and update your records by Friday.", *NONE),
    C("Please give Biscuit a pat from all of us.", *NONE),
    C("Say hi to the team from me!", *NONE),
    C("Tuesday or Friday would be best for me.", *NONE),
    C("Mornings work better for us.", *NONE),
    C("Friday works best, can you book the room for Friday?", ("request", FRI)),
    C("Shout if anything.", *NONE),
    C("Ping if anything!", *NONE),
]


@pytest.mark.parametrize("case", NOTES, ids=[c.text[:40] for c in NOTES])
def test_notes_greetings_and_preferences(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text", [
    "As agreed, we will draft the side letter for your review; you will receive it on Friday.",
    "We'll draft the side letter for your review. You will receive it on Friday.",
])
def test_a_thing_promised_then_dated_by_its_pronoun_is_one_item(text: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nBest,\nMaria"), owner)
    assert [(i.kind, i.title, i.due) for i in items] == [
        ("waiting", "Follow up with Maria: draft the side letter for your review", FRI)]


@pytest.mark.parametrize("text,want", [
    ("Also need a locum for Thurs 29th, I'm away all day.", "2027-04-29"),
    ("Council inspector booked Tues 27th.", "2027-04-27"),
    ("Can you sign it by Fri., 30th?", "2027-04-30"),
    ("Could you send it by Friday?", "2027-04-23"),
    ("Could you send it by Friday 7 May?", "2027-05-07"),
])
def test_a_weekday_with_its_day_of_the_month_names_that_day(text: str, want: str) -> None:
    # Written on Monday 19 April 2027: "Thurs 29th" is the Thursday after next, not this week's.
    monday = datetime(2027, 4, 19, 8, 0, tzinfo=ZoneInfo("Australia/Melbourne"))
    assert find_due(text, monday, ZoneInfo("Australia/Melbourne"))[0] == want


# Work waiting on the reader's OK, a question passed on from someone else, and "I hope you can...".
PASSED_ON: list[Case] = [
    C("The painter can start Monday if you ok it by Friday.", ("request", FRI)),
    C("We can ship the lot on Monday, but only if you approve it by Friday.", ("request", FRI)),
    C("The auditor has also asked whether any of your sites keep cash overnight.", ("request", None)),
    C("Our insurer wants to know if your staff hold first-aid certificates.", ("request", None)),
    C("I hope you can send the signed form by Friday.", ("request", FRI)),
    C("Jo asked if the room is free on Friday.", *NONE),
    C("I hope you have a lovely weekend.", *NONE),
    C("Hope you can make it on Friday!", *NONE),
    C("I still need the floor plan, without it we cannot price the fit-out.", ("blocker", None)),
    C("Thanks for the plan, without it we'd have been lost.", *NONE),
]


@pytest.mark.parametrize("case", PASSED_ON, ids=[c.text[:40] for c in PASSED_ON])
def test_oks_questions_passed_on_and_hopes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# The writer's own plan, said to no one, asks nothing; a proposal to talk, a need or a wish may.
OWN_PLANS: list[Case] = [
    C("Hi again. We build the landing page next week.", *NONE),
    C("All good here. Then we can send everything on Friday.", *NONE),
    C("Thanks. I would like to run both interviews next week, ideally Tuesday.", *NONE),
    C("Sounds good. We should discuss the pricing on Friday.", ("request", FRI)),
    C("Thanks for this. We will need someone on site to let the engineer in on Friday.", ("request", FRI)),
    C("One more thing. We need the signed form back by Friday.", ("request", FRI)),
]


@pytest.mark.parametrize("case", OWN_PLANS, ids=[c.text[:40] for c in OWN_PLANS])
def test_own_plans_and_proposals(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_need_to_know_and_its_ask_in_one_sentence_are_one_item(owner: Owner) -> None:
    text = ("Hi Ada,\n\nFor the quote we need to know which fridges you will use, can you tell me the model by "
            "Friday?\n\nThanks,\nCarla")
    items = EX.extract(make_message(text), owner)
    assert [(i.kind, i.due, i.evidence) for i in items] == [
        ("request", FRI, "For the quote we need to know which fridges you will use, can you tell me the model by Friday?")]


# From the architect's week: leave asked for, relief from an ask, a promise "after lunch".
LEAVE: list[Case] = [
    C("Also, is it ok for you if I take the afternoon off on Friday for my appointment?", ("request", FRI)),
    C("Can I take Friday off?", ("request", FRI)),
    C("I know it's late, please don't feel you have to answer today.", *NONE),
    C("Don't go to any trouble over the sketches if you haven't started them.", *NONE),
    C("Will send the cleaned export after lunch.", ("waiting", "2026-11-18")),
]


@pytest.mark.parametrize("case", LEAVE, ids=[c.text[:40] for c in LEAVE])
def test_leave_relief_and_after_lunch(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("sender", ["receipts@rides.example", "receipt@shop.example", "digest@roster.example",
                                    "alerts@bank.example"])
def test_a_receipts_digest_or_alerts_sender_is_mass_mail(sender: str) -> None:
    msg = make_message("Thanks for riding with us.\n\nNeed help with this trip?", sender=sender, name="Rides")
    assert "noreply sender" in traits(msg)


# From the lab week: a dated promise in a clause of its own, formal wishes, an office's "must
# receive", "ask that you", and a fallback offered in case a link does not arrive.
LAB: list[Case] = [
    C("The parts arrive Monday, so I start on Tuesday and you'll have the results by Friday.", ("waiting", FRI)),
    C("Yes, Amélie and I will join for the first half hour on Friday.", *NONE),
    C("We would be pleased to receive your revised manuscript by Friday.", ("request", FRI)),
    C("The finance office must receive the signed claim form no later than Friday.", ("request", FRI)),
    C("I would also ask that you confirm the venue with the caterer.", ("request", None)),
    C("The link comes from a no-reply address, let me know if it doesn't show up.", *NONE),
    C("The signed form I'll drop at your office on Friday.", ("commitment", FRI), mine=True),
    C("I put the form in your mailbox this morning, with a copy of my permit.", *NONE),
    C("I put the form in your mailbox on Friday.", ("waiting", FRI)),
]


@pytest.mark.parametrize("case", LAB, ids=[c.text[:40] for c in LAB])
def test_kinds_from_the_lab_week(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Can you sign it today or tomorrow?", "Sign it"),
    ("The finance office must receive the signed claim form no later than Friday.", "Get the signed claim form to Maria"),
])
def test_titles_lose_a_deadlines_leftovers(text: str, title: str, owner: Owner) -> None:
    assert [i.title for i in EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner)] == [title]


# French, as colleagues in Quebec or France write it: asks, needs and dated promises.
FRENCH: list[Case] = [
    C("Est-ce que tu peux me confirmer le budget du volet Montréal ?", ("request", None)),
    C("Pourriez-vous signer le formulaire d'ici vendredi ?", ("request", FRI)),
    C("Par contre, j'aurais besoin que tu relises le chapitre 3 avant vendredi.", ("request", FRI)),
    C("Merci de confirmer votre présence d'ici vendredi.", ("request", FRI)),
    C("Je t'envoie le rapport final d'ici vendredi.", ("waiting", FRI)),
    C("Je te renvoie la version corrigée vendredi au plus tard.", ("waiting", FRI)),
    C("Je relis ton chapitre ce soir et je te reviens demain avec mes commentaires.",
      ("commitment", "2026-11-18"), ("commitment", "2026-11-19"), mine=True),
    C("Merci de ton aide !", *NONE),
    C("Je t'envoie toutes mes amitiés.", *NONE),
    C("Peux-tu croire qu'il neige déjà ?", *NONE),
]


@pytest.mark.parametrize("case", FRENCH, ids=[c.text[:40] for c in FRENCH])
def test_french_asks_and_promises(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_bare_need_of_an_answer_dates_the_ask_before_it(owner: Owner) -> None:
    text = "Hi Ada,\n\nRFI 21: the sill detail clashes with the cladding. need answer by fri latest or the fitters stand down.\n\nG"
    assert [(i.kind, i.due) for i in EX.extract(make_message(text), owner)] == [("request", FRI)]


def test_a_need_of_a_sign_off_on_something_stays_its_own_ask(owner: Owner) -> None:
    text = "Hi Ada,\n\nCan you review the flows before Friday?\n\nWe need your sign-off on the copy by Friday so it can ship.\n\nM"
    assert [(i.kind, i.due) for i in EX.extract(make_message(text), owner)] == [("request", FRI), ("request", FRI)]


def test_the_owners_ask_named_to_one_recipient_is_followed_up_with_them(owner: Owner) -> None:
    msg = make_message("Gerry, Paul,\n\nPaul, please price the extra drainage run by Friday.\n\nAda", sender="ada@example.com",
                       to=("gerry@build.example", "paul@build.example"), name="Ada")
    msg.to = [Address("Gerry McGrath", "gerry@build.example"), Address("Paul Tierney", "paul@build.example")]
    assert [(i.kind, i.title, i.counterparty) for i in EX.extract(msg, owner)] == [
        ("waiting", "Follow up with Paul: price the extra drainage run", "paul@build.example")]


@pytest.mark.parametrize(("text", "want"), [
    ("I also need the drainage levels by Friday so I can issue the instruction.", [("waiting", FRI)]),
    ("There is a short case study, so let me get it over to you by Friday.", [("commitment", FRI)]),
    ("I'll send the deck on Friday so we can review it together.", [("commitment", FRI)]),
])
def test_the_owners_so_i_can_is_a_purpose_not_a_promise(text: str, want: list[tuple[str, str]], owner: Owner) -> None:
    msg = make_message(f"Hi Sam,\n\n{text}\n\nAda", sender="ada@example.com", to=("sam@client.example",), name="Ada")
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == want


# German and Spanish, read the same way (the fourth attack round's legitimate mail lost them).
GERMAN_SPANISH: list[Case] = [
    C("Kannst du mir bis Freitag das Angebot schicken?", ("request", FRI)),
    C("Könnten Sie den Vertrag bis Freitag unterschreiben?", ("request", FRI)),
    C("Bitte bestätige den Termin bis Freitag.", ("request", FRI)),
    C("Ich schicke dir die Entwürfe bis Freitag.", ("waiting", FRI)),
    C("¿Puedes enviarme el contrato antes del viernes?", ("request", FRI)),
    C("Te envío el presupuesto el viernes.", ("waiting", FRI)),
    C("Ich schicke dir liebe Grüße aus Berlin.", *NONE),
    C("Bitte schön, gern geschehen!", *NONE),
]


@pytest.mark.parametrize("case", GERMAN_SPANISH, ids=[c.text[:40] for c in GERMAN_SPANISH])
def test_german_and_spanish_asks_and_promises(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize(("hour", "want"), [(9, "2027-02-04"), (15, "2027-02-04"), (18, "2027-02-05")])
def test_after_lunch_is_this_afternoon_until_the_afternoon_is_over(hour: int, want: str) -> None:
    sent = datetime(2027, 2, 4, hour, 0, tzinfo=ZoneInfo("Europe/Dublin"))
    assert find_due("I'll send you two layouts after lunch.", sent, ZoneInfo("Europe/Dublin"))[0] == want


# Work that hangs on a case not yet known asks nothing yet; "if so, please..." after a question does.
IF_CASES: list[Case] = [
    C("If yes we need it as a separate line in the quote, for our accounting.", *NONE),
    C("If there are extra costs please send me an offer first by Friday.", *NONE),
    C("If needed, I can send the floor plan on Friday.", *NONE),
    C("If so, please forward it to me by Friday.", ("request", FRI)),
    C("If there are any extra costs, could you let me know by Friday?", ("request", FRI)),
    C("Thanks. I'll keep analysing cohort A in the meantime.", *NONE),
]


@pytest.mark.parametrize("case", IF_CASES, ids=[c.text[:40] for c in IF_CASES])
def test_work_that_hangs_on_a_case_not_yet_known(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
