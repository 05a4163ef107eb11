"""Kinds of sentence found on the development weeks (lab, hotel, biotech, freight, restaurant,
univ, arch) by reading their misses at the start of a session, each rule written here in new
wording, with negatives that must stay as they are. The weeks' own sentences are not among them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, NONE, C, Case, passes

EX = EmbeddedExtractor()
MON = "2026-11-23"
THU = "2026-11-19"

# "Please note that ..." asks only to read on: what follows is read alone, and "Note that" is
# never the work; "note the new details and update..." keeps its verb.
NOTES: list[Case] = [
    C("Please note that the venue cannot hold the date past Monday without a deposit.", *NONE),
    C("Please note that the survey results are now on the intranet.", *NONE),
    C("Kindly note: the insurer needs the signed claim form by Friday.", ("request", FRI)),
    C("Please be advised that you must renew the parking permit by Friday.", ("request", FRI)),
    C("Please note that we cannot release the funds until we have the signed mandate.", ("blocker", None)),
    C("Please note the new delivery address and update the order by Friday.", ("request", FRI)),
]

# "Please find X in the shared folder / on the drive" hands something over; "find a replacement"
# and "find the contract in the data room and sign it" are work.
FOUND: list[Case] = [
    C("Please find the revised drawings for level 2 on the project drive.", *NONE),
    C("Please find the signed minutes in the team folder.", *NONE),
    C("See the final agenda on the wiki.", *NONE),
    C("Please find a venue for the offsite by Friday.", ("request", FRI)),
    C("Please find the lease in the data room and sign it by Friday.", ("request", FRI)),
]

# What the reader will see is an outcome, no work of the owner's; what the reader will receive
# from the owner is.
SEEN: list[Case] = [
    C("Depending on the carrier you should see the parcel within three working days.", *NONE, mine=True),
    C("You should see the change on the dashboard by tonight.", *NONE, mine=True),
    C("You should see the agenda in the doc, please add your items by Friday.", ("waiting", FRI), mine=True),
    C("You should receive the signed copy from me by Friday.", ("commitment", FRI), mine=True),
    C("You should see the refund on your card by Friday.", ("waiting", FRI)),
]

# Two things in one sentence, each with its own day: a thing named before "I'll" after ", and",
# and a reply that lists two things without a verb.
TWO: list[Case] = [
    C("The cover letter will be with you on Friday, and the reference list I'll send on Monday.",
      ("commitment", FRI), ("commitment", MON), mine=True),
    C("Budget by Friday, hiring brief before Monday.", ("commitment", FRI), ("commitment", MON), mine=True),
    C("Thanks for the nudge, budget by Friday.", *NONE, mine=True),
]


@pytest.mark.parametrize("case", NOTES + FOUND + SEEN + TWO, ids=[c.text[:40] for c in NOTES + FOUND + SEEN + TWO])
def test_notes_handovers_outcomes_and_pairs(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_an_hour_alone_is_of_the_day_named_before_it(owner: Owner) -> None:
    msg = make_message("Hi Priya,\n\nThe budget will be with you tomorrow morning, and the signed form I'll "
                       "bring to your office before noon.\n\nAda", sender="ada@example.com",
                       to=("priya@acme.example",), name="Ada", subject="Re: plan")
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == [("commitment", THU), ("commitment", THU)]


def test_a_stated_deadline_after_please_note_is_titled_by_the_step(owner: Owner) -> None:
    msg = make_message("Dear Ms Lovelace,\n\nPlease note that the requested information must be received by the "
                       "Council on or before 4 December 2026, failing which the permit will lapse.\n\nYours faithfully,\n"
                       "J. Byrne")
    assert [(i.kind, i.due, i.title) for i in EX.extract(msg, owner)] == [
        ("request", "2026-12-04", "Submit the requested information")]


# Spanish promises after "y", "pero" or an emoji, and one made on someone else's behalf.
SPANISH: list[Case] = [
    C("La bomba llega el jueves y la conectamos el viernes temprano.", ("waiting", FRI)),
    C("Perdimos casi todo el pedido 😞 Te mando la lista de faltantes mañana.", ("waiting", THU)),
    C("Le pido a Carmen que te envíe el contrato mañana.", ("commitment", THU), mine=True),
    C("Ya llegó el pedido, gracias.", *NONE),
]


@pytest.mark.parametrize("case", SPANISH, ids=[c.text[:40] for c in SPANISH])
def test_spanish_promises_after_a_join(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,want", [
    ("necesito la lista para el sábado", "2026-11-21"),
    ("bis Samstag", "2026-11-21"),
    ("je te l'envoie vendredi", FRI),
    ("el próximo lunes", MON),
    ("Freitag passt mir gut", FRI),
    ("Domingo called about the lease", None),  # a name, with no deadline word before it
    ("Vendredi-Saint", None),
])
def test_foreign_days_weekends_and_bare_names(text: str, want: str | None) -> None:
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert find_due(text, sent, ZoneInfo("Europe/London"), 4)[0] == want


# Kinds found on week-build (a general contractor's project manager), in new wording.
# The owner's dated need of a thing the reader delivers waits on the reader; the owner's need to
# do something is the owner's own.
NEEDS: list[Case] = [
    C("We need the stamped drawings by Friday at the latest.", ("waiting", FRI), mine=True),
    C("I'll need the lien waivers from your subs by Monday.", ("waiting", MON), mine=True),
    C("I need to finish the pay application by Friday.", *NONE, mine=True),
    C("I need a minute before Friday's call.", *NONE, mine=True),
]

# Preconditions in a site's words.
SITE_BLOCKERS: list[Case] = [
    C("Drywall may not be closed up on level 2 until the fire inspector signs off.", ("blocker", None)),
    C("We have stopped the excavation at the north wall until the engineer tells us how to shore it.", ("blocker", None)),
    C("The guardrail has to be fixed before anyone goes back up on the roof.", ("blocker", None)),
    C("Crew is ready to frame Tuesday but the inspector needs to sign the footing first.", ("blocker", None)),
    C("We can not set the rooftop units on the curbs without it.", ("blocker", None)),
    C("We stopped for lunch until two.", *NONE),
    C("Read the spec first.", *NONE),
]

# Lines of minutes that name who does what.
ACTIONS: list[Case] = [
    C("Action: Ada to confirm the crane date by Monday.", ("request", MON)),
    C("Ada to send the revised schedule by Friday.", ("request", FRI)),
    C("Maria to resend the updated sub list by Friday.", ("waiting", FRI)),
    C("Luis to check the anchor bolts by Friday.", *NONE),  # someone else's, in another's mail
    C("Redline Electric to price the added circuits by Monday.", ("waiting", MON), mine=True),
    C("Nice to see the slab poured on Friday.", *NONE),
]

# Things on their way, to someone named or by another word; an hour from now is today; a
# promise in the present, as a phone writes it.
MOVING: list[Case] = [
    C("The revised layout goes to Kim on Monday.", ("waiting", MON)),
    C("The written answer comes tomorrow.", ("waiting", THU)),
    C("Tom goes to Leeds on Monday.", *NONE),
    C("I'll send the marked-up set within the hour.", ("commitment", "2026-11-18"), mine=True),
    C("Calling the supplier at 3pm.", ("commitment", "2026-11-18T15:00:00+00:00"), mine=True),
    C("Calling all volunteers: cleanup on Friday!", *NONE),
    C("Mañana te mando las fotos del avance.", ("waiting", THU)),
]


@pytest.mark.parametrize("case", NEEDS + SITE_BLOCKERS + ACTIONS + MOVING,
                         ids=[c.text[:40] for c in NEEDS + SITE_BLOCKERS + ACTIONS + MOVING])
def test_needs_site_blockers_minutes_and_things_moving(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# Kinds found on week-game (a game studio's producer, partly in French), in new wording.
def test_a_label_before_a_colon_is_no_addressee(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nBudget: could you send me the revised forecast by Friday?\n\nObservers: please "
                       "join five minutes early.\n\nThanks,\nMaria", to=("ada@example.com", "tom@acme.example"))
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == [("request", FRI)]


GAME: list[Case] = [
    C("We cannot start the balancing pass before we know whether the new map stays in.", ("blocker", None)),
    C("We cannot patch the servers before you approve the maintenance window, ideally today.", ("blocker", "2026-11-18")),
    C("The venue is booked for the week of 7 December, so the final deck is due to them December 1.",
      ("request", "2026-12-01")),
    C("On ne peut pas fermer le dossier tant qu'on n'a pas la facture signée.", ("blocker", None)),
    C("Sans le rapport de l'auditeur, on ne peut pas déposer la demande.", ("blocker", None)),
    C("J'ai besoin d'une réponse avant vendredi.", ("request", FRI)),
    C("J'ai aussi besoin que tu valides le budget.", ("request", None)),
    C("Vous aurez le contrat révisé demain.", ("waiting", THU)),
    C("Tu les auras au plus tard le 27 novembre.", ("commitment", "2026-11-27"), mine=True),
    C("J'ai besoin de vacances.", *NONE),
]


@pytest.mark.parametrize("case", GAME, ids=[c.text[:40] for c in GAME])
def test_game_week_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,want", [
    ("d'ici le 4 décembre", "2026-12-04"),
    ("antes del 10 de diciembre", "2026-12-10"),
    ("bis zum 3. Dezember", "2026-12-03"),
    ("au plus tard le 3 février 2027", "2027-02-03"),
    ("les mars de la fac", None),
])
def test_day_and_month_named_in_other_languages(text: str, want: str | None) -> None:
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert find_due(text, sent, ZoneInfo("Europe/London"), 4)[0] == want


# Kinds found on week-tax (an accounting practice), in new wording: formal asks and wishes to
# know, fallbacks offered and thanks that ask nothing, a deadline to reach the writer, "none of
# them can... until", where the writer will be, and a thing got and then sent on as one.
TAX: list[Case] = [
    C("We would be most grateful if you could confirm the valuation date.", ("request", None)),
    C("We should also like to know whether the gift has to be declared.", ("request", None)),
    C("We will get back to you if we need any further documents.", *NONE),
    C("If you have any questions, please contact our helpdesk on 0800 123 456.", *NONE),
    C("If you need more time, you may request an extension in the portal.", *NONE),
    C("Thanks for your help on Monday, and for your patience.", *NONE),
    C("Thanks for the summary, could you also send the schedule?", ("request", None)),
    C("The signed declaration must reach us by 4 December.", ("request", "2026-12-04")),
    C("The portal is down again, so none of the claims can go until they fix it.", ("blocker", None)),
    C("We shall be in Lisbon from the 2nd to the 9th of December.", *NONE),
    C("I'll be in on Friday to sign the lease.", ("waiting", FRI)),
    C("I'll get the bank to print the statement tonight and send you tomorrow.", ("waiting", THU)),
]


@pytest.mark.parametrize("case", TAX, ids=[c.text[:40] for c in TAX])
def test_tax_week_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# More of week-build's kinds, in new wording: "p.m." ends no sentence, a heading names no work, an
# ask said first keeps its precondition as its reason, a deadline "within 72 hours, i.e., by...",
# a thing named by its maker before "you'll have", and a document's code is no colleague.
BUILD_MORE: list[Case] = [
    C("Please upload the signed permit no later than 5:00 p.m. on Friday, November 20.", ("request", FRI)),
    C("Pour sequence / Level 2 deck", *NONE),
    C("Please have the anchor bolt layout on site with him, he can't start without it.", ("request", None)),
    C("A signed remediation plan is due within 48 hours of this notice, i.e., by Friday.", ("request", "2026-11-20")),
    C("Apex Glass's revised quote for the curtain wall you'll have Monday.", ("waiting", MON)),
    C("RFI-052 will be with you Monday.", ("commitment", MON), mine=True),
]


@pytest.mark.parametrize("case", BUILD_MORE, ids=[c.text[:40] for c in BUILD_MORE])
def test_more_build_week_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)



@pytest.mark.parametrize("text,want", [
    ("ask the driver of the 11/11 delivery why no straps were used", None),  # a week ago, not next November
    ("the crate that arrived on 12 November", None),
    ("please send it by 4 December", "2026-12-04"),
    ("by 5 January", "2027-01-05"),
    ("the 2027 plan by 12 November 2027", "2027-11-12"),
])
def test_a_day_and_month_just_past_is_no_deadline_a_year_on(text: str, want: str | None) -> None:
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert find_due(text, sent, ZoneInfo("Europe/London"), 4)[0] == want


# From week-univ, in new wording: a colleague busy first and then promising is the colleague's,
# not the owner's; the owner's formal wish of a thing only the reader gives waits on the reader.
UNIV: list[Case] = [
    C("Priya Shah in our finance team is checking the invoice today and will send the refund to you directly.",
      *NONE, mine=True),
    C("I'd be grateful for a quick read before Friday.", ("waiting", FRI), mine=True),
    C("We would appreciate your comments by Friday.", ("waiting", FRI), mine=True),
]


@pytest.mark.parametrize("case", UNIV, ids=[c.text[:40] for c in UNIV])
def test_univ_week_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# From attack round six's legitimate mail: an order of the reader's own thing with its day, plural
# things that go to someone named, and French "Merci de m'envoyer...".
ROUND6: list[Case] = [
    C("Submit your timesheet before Friday.", ("request", FRI)),
    C("The revised floor plans go to Kim on Monday.", ("waiting", MON)),
    C("Merci de m'envoyer le devis d'ici vendredi.", ("request", FRI)),
]


@pytest.mark.parametrize("case", ROUND6, ids=[c.text[:40] for c in ROUND6])
def test_round_six_legitimate_shapes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
