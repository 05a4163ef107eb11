"""Kinds of sentence from the registers of the development weeks ``week-hotel``, ``week-sre`` and
``week-school``, found by running the extractor on them once they were written and frozen.

Each rule changed for them is written here in new wording, with negatives that must stay as
they are. The weeks' own sentences are not among them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from agent.extractors.embedded import EmbeddedExtractor, sentences
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, NONE, C, Case, passes

EX = EmbeddedExtractor()

# Formal and relayed wishes ask the reader; a wish for a chance to talk, or for how events go, does not.
WISHES: list[Case] = [
    C("We would be grateful for a brief summary of the incident by Friday.", ("request", FRI)),
    C("The board would like to review the hiring plan by Friday.", ("request", FRI)),
    C("Our lenders would welcome a copy of the updated cash forecast.", ("request", None)),
    C("We also request a copy of your certificate of insurance.", ("request", None)),
    C("I hereby request the minutes of the last meeting by Friday.", ("request", FRI)),
    C("Would love your notes before Friday's workshop.", ("request", FRI)),
    C("We would welcome the opportunity to discuss this further.", *NONE),
    C("The client would like the pilot to start in March.", *NONE),
]

# A wish to be told asks, titled by what is to be told; a friendly one does not.
TOLD: list[Case] = [
    C("I would like to know when the scaffold comes down.", ("request", None), tell=True),
    C("We'd love to hear your thoughts on the new layout by Friday.", ("request", FRI), tell=True),
    C("I'd love to know whether the quote includes VAT.", ("request", None), tell=True),
    C("I'd love to hear how the holiday went.", *NONE),
    C("I'd love to know how your trip was.", *NONE),
    C("I'd love to hear how you are getting on.", *NONE),
]


@pytest.mark.parametrize("case", WISHES + TOLD, ids=[c.text[:40] for c in WISHES + TOLD])
def test_formal_relayed_and_told_wishes(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Would you be able to check the meter readings?", "Check the meter readings"),
    ("Could you possibly resend the invoice?", "Resend the invoice"),
    ("Would you be in a position to countersign the lease?", "Countersign the lease"),
    ("I would like to know when the scaffold comes down.", "Tell Maria when the scaffold comes down"),
    ("We'd love to hear your thoughts on the new layout.", "Give Maria your thoughts on the new layout"),
    ("Would love your notes before Friday's workshop.", "Send Maria your notes"),
])
def test_titles_of_softened_asks_and_wishes(text: str, title: str, owner: Owner) -> None:
    assert [i.title for i in EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner)] == [title]


def test_a_need_that_goes_on_to_ask_is_an_ask_of_its_own(owner: Owner) -> None:
    body = ("Hi Ada,\n\nCould you confirm the new opening hours for the website?\n\nThe lender needs the "
            "valuation by Friday, so could you send us the surveyor's report before then?\n\nMaria")
    items = EX.extract(make_message(body), owner)
    assert [(i.kind, i.due) for i in items] == [("request", None), ("request", FRI)]
    assert "surveyor's report" in items[1].title


def test_a_need_that_only_dates_the_ask_before_it_stays_a_date(owner: Owner) -> None:
    body = "Hi Ada,\n\nCould you speak at the meetup in March?\n\nThey need a name by Friday.\n\nMaria"
    items = EX.extract(make_message(body), owner)
    assert [(i.kind, i.due) for i in items] == [("request", FRI)]


# A standing instruction (keep a thing close, hold off until something) and a threat that backs an
# ask are no work to track; an ask beside them still is.
STANDING: list[Case] = [
    C("Please do not share the draft with the client yet.", *NONE),
    C("Please keep the numbers inside the finance team for now.", *NONE),
    C("Please keep this confidential until the announcement.", *NONE),
    C("Please don't sign anything until legal has seen it.", *NONE),
    C("If I don't hear back by Friday I'm going to the ombudsman.", *NONE),
    C("If we don't get the deposit by Friday, we will release the rooms.", *NONE),
    C("If we don't hear back by Friday, please call the office.", ("request", FRI)),
    C("Please don't forget to send the invoice by Friday.", ("request", FRI)),
    C("I need you to sign the declaration before I can submit it.", ("request", None)),
]


@pytest.mark.parametrize("case", STANDING, ids=[c.text[:40] for c in STANDING])
def test_standing_instructions_and_threats(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Please don't forget to send the invoice by Friday.", "Send the invoice"),
    ("Please remember to bring the keys on Friday.", "Bring the keys"),
    ("I need you to countersign the lease before I can file it.", "Countersign the lease"),
])
def test_reminders_and_needs_are_titled_by_the_step(text: str, title: str, owner: Owner) -> None:
    assert [i.title for i in EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner)] == [title]


# A time of day alone is that time today (tomorrow once it has passed); beside a day, the day says
# when; "at 12.50" and "12.30 euros" are prices, "by 5" an amount, and "the 14:00 slot" may be any day's.
MORNING = datetime(2026, 11, 18, 8, 5, tzinfo=ZoneInfo("Europe/London"))  # a Wednesday


@pytest.mark.parametrize("sentence,want", [
    ("Could you cut the guest list by 5?", None),
    ("The price is fixed at 12.30 euros.", None),
    ("Please send me the figures by 3pm.", "2026-11-18T15:00"),
    ("Could you call me at 18:00?", "2026-11-18T18:00"),
    ("Please sign it by 12.30 so the courier can take it.", "2026-11-18T12:30"),
    ("We need your decision before 7:30.", "2026-11-19T07:30"),
    ("You'll have the draft tomorrow by 5.", "2026-11-19"),
    ("Please confirm the slot before 12:00 on Thursday.", "2026-11-19"),
    ("The room costs 12.50 per hour, can you book it?", None),
    ("Would you be able to join the 14:00 slot?", None),
    ("We need 20 chairs by 10 tables.", None),
])
def test_a_time_of_day_alone_is_todays(sentence: str, want: str | None) -> None:
    due, _ = find_due(sentence, MORNING, ZoneInfo("Europe/London"), 4)
    assert (due[:len(want)] if due and want else due) == want


@pytest.mark.parametrize("text,want", [
    ("Could you get Dr. Okoye to sign the form? Thanks.", ["Could you get Dr. Okoye to sign the form?", "Thanks."]),
    ("We look forward to the call with Ms. Hendriks next week. Best.",
     ["We look forward to the call with Ms. Hendriks next week.", "Best."]),
    ("Invoice No. 4411 is attached. Can you pay it?", ["Invoice No. 4411 is attached.", "Can you pay it?"]),
    ("I met Mr. Smith. He agreed.", ["I met Mr. Smith.", "He agreed."]),
])
def test_a_title_stop_ends_no_sentence(text: str, want: list[str]) -> None:
    assert sentences(text) == want


@pytest.mark.parametrize("case", [
    C("Could you get Dr. Okoye to sign the consent form by Friday?", ("request", FRI)),
    C("Our Mr. Lange will send you the commercial invoice on Friday.", ("waiting", FRI)),
], ids=["dr", "mr"])
def test_a_sentence_with_a_title_keeps_its_item(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("case", [
    C("We request that you provide the register of complaints by Friday.", ("request", FRI)),
    C("We would ask that you return the signed form by Friday.", ("request", FRI)),
    C("We require that you submit the declaration by Friday.", ("request", FRI)),
], ids=["request that", "ask that", "require that"])
def test_a_formal_request_that_you(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_purpose_leaves_the_title(owner: Owner) -> None:
    text = "The trustees would like the audit pack so they can read it ahead of the meeting."
    assert [i.title for i in EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner)] == ["Get the audit pack to Maria"]


# Notes, things to find and offers of more help ask nothing; a go-ahead a step waits on blocks it.
NOTES_AND_BLOCKS: list[Case] = [
    C("Please note that the second option falls outside the agreed scope and would require a variation.", *NONE),
    C("Please note, we cannot ship without a signed PO.", ("blocker", None)),
    C("Please note, the courier needs the labels printed by Friday.", ("request", FRI)),
    C("Please find our revised quote below, valid until Friday:", *NONE),
    C("Please find the signed minutes in the shared folder.", *NONE),
    C("Please find out from the carrier why the pallet was late.", ("request", None)),
    C("Shout if Priya needs anything else.", *NONE),
    C("We can't run the Saturday shift unless you approve the overtime.", ("blocker", "2026-11-21")),
    C("We can't order the steel unless we get the PO.", ("blocker", None)),
    C("cant close the rota until Helena confirms the agency nurse", ("blocker", None)),
    C("We cannot offer a discount unless you sign for two years.", *NONE),
    C("I can't make it unless the train is on time.", *NONE),
]


@pytest.mark.parametrize("case", NOTES_AND_BLOCKS, ids=[c.text[:40] for c in NOTES_AND_BLOCKS])
def test_notes_finds_offers_and_go_aheads(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_title_keeps_the_name_after_a_title_stop(owner: Owner) -> None:
    msg = make_message("Hi Sam,\n\nI will send the revised lease to Mr. Hendriks on Friday.\n\nAda",
                       sender="ada@example.com", to=("sam@client.example",), name="Ada")
    assert [i.title for i in EX.extract(msg, owner)] == ["Send the revised lease to Mr. Hendriks"]


# Promises and things owed in the forms the new weeks used: talking to a third party about
# something, a thing said before "you'll get", a delivery in the passive or with someone named,
# and "we expect to".
PROMISED: list[Case] = [
    C("I'll talk to Jonas about the warranty claim before Friday.", ("commitment", FRI), mine=True),
    C("We'll talk on Friday.", *NONE, mine=True),
    C("The signed delivery note you'll get on Friday.", ("waiting", FRI)),
    C("The updated forecast you'll have on Friday.", ("commitment", FRI), mine=True),
    C("The corrected invoice will be sent on Friday.", ("waiting", FRI)),
    C("The formal letter will be issued by Friday.", ("waiting", FRI)),
    C("The corrected invoice was sent on Friday.", *NONE),
    C("The revised drawings will be with Priya on Friday.", ("commitment", FRI), mine=True),
    C("We expect to circulate the minutes on Friday.", ("waiting", FRI)),
    C("I expect to be in the office on Friday.", *NONE),
]


@pytest.mark.parametrize("case", PROMISED, ids=[c.text[:40] for c in PROMISED])
def test_promises_and_things_owed_of_the_new_weeks(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# A statement that only the request model reads as an ask, and that names no step of the reader's,
# is none; an ask no rule titles still counts when it speaks to the reader.
UNTITLED: list[Case] = [
    C("We need to agree internally before the courier comes.", *NONE),
    C("We need to free up the storeroom because new stock arrives on Monday.", *NONE),
    C("Also I think we should set up a call with Dana as well, not only by mail.", *NONE),
    C("I think we can match their offer at $3,900, but that's above the budget line.", *NONE),
    C("We look forward to the meeting with Mr. Ortega at 9:00 today.", *NONE),
    C("need your OK before I post it on Friday", ("request", FRI)),
    C("Go ahead and book the venue for Friday, please.", ("request", FRI)),
]


@pytest.mark.parametrize("case", UNTITLED, ids=[c.text[:40] for c in UNTITLED])
def test_statements_the_model_alone_reads_as_asks(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# Spanish and Portuguese, as suppliers, staff and clients in Mexico, Spain, Portugal or Brazil write
# them: needs, requests with their pronoun joined on, dated promises (the thing said first, too),
# preconditions, and the days they name.
SPANISH: list[Case] = [
    C("Necesito la lista de invitados antes del viernes.", ("request", FRI)),
    C("Necesitamos que aprueben el presupuesto del toldo.", ("request", None)),
    C("¿Me confirmas antes del viernes si queda el pedido?", ("request", FRI)),
    C("Necesito revisar el inventario.", *NONE),
    C("Le mando la factura corregida mañana.", ("waiting", "2026-11-19")),
    C("Los planos se los envío hoy.", ("waiting", "2026-11-18")),
    C("lo instalamos el viernes temprano", ("waiting", FRI)),
    C("Te voy a mandar las fotos la próxima semana.", ("waiting", "2026-11-27")),
    C("No podemos abrir la cocina hasta que llegue el permiso de gas.", ("blocker", None)),
    C("Mándale a Lucía el contrato firmado antes del fin de semana.", ("waiting", FRI), mine=True),
    C("El presupuesto te lo firmo mañana.", ("commitment", "2026-11-19"), mine=True),
    C("precisamos da vossa confirmação do orçamento até sexta", ("request", FRI)),
    C("consegues confirmar até amanhã se há quartos livres?", ("request", "2026-11-19")),
]


@pytest.mark.parametrize("case", SPANISH, ids=[c.text[:40] for c in SPANISH])
def test_spanish_and_portuguese_asks_promises_and_preconditions(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# A precondition that is the reader's own step, asked outright, is an ask; someone else's stays a blocker.
READERS_STEP: list[Case] = [
    C("I need you to sign the purchase order, the supplier won't ship until it's signed.", ("request", None)),
    C("You'll need to update the forecast before we can send the pack.", ("request", None)),
    C("The bank told me they need your passport copy before they can open the account.", ("request", None)),
    C("We can't order the tiles until the landlord approves the layout.", ("blocker", None)),
    C("Please sign on p. 4 and return it by Friday.", ("request", FRI)),
]


@pytest.mark.parametrize("case", READERS_STEP, ids=[c.text[:40] for c in READERS_STEP])
def test_the_readers_own_step_before_anothers(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("case", [
    C("Schedule is attached for Friday.", *NONE),
    C("Report is ready, link below.", *NONE),
    C("Schedule the review for Friday.", ("request", FRI)),
    C("I'm in the office all day Friday if you want to call.", *NONE),
    C("I'm around all afternoon if you'd like to talk it through.", *NONE),
], ids=["schedule is", "report is", "schedule the", "office if", "around if"])
def test_a_noun_that_looks_like_an_order_and_an_offer_to_be_called(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("case", [
    C("In this talk I will show that sleep spindles predict recall.", *NONE, mine=True),
    C("I will close with new results suggesting the effect fades with age.", *NONE, mine=True),
    C("We will argue that the tariff is unlawful.", *NONE, mine=True),
    C("I'll show the demo to the board on Friday.", ("commitment", FRI), mine=True),
], ids=["show that", "close with", "argue that", "show the demo"])
def test_what_a_talk_will_argue_is_no_promise(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# A deadline of the reader's, stated rather than asked, is an ask; one gone by, one of someone
# else's filing, or a birth is not.
DUE_STATEMENTS: list[Case] = [
    C("Your review for manuscript NR-0412 is due on Friday.", ("request", FRI)),
    C("Slides are due by Friday.", ("request", FRI)),
    C("The marking sheets are due to the exams office by Friday.", ("request", FRI)),
    C("The declaration must be submitted via the portal no later than Friday.", ("request", FRI)),
    C("The invoice was due on Friday.", *NONE),
    C("The baby is due in March.", *NONE),
    C("The VAT return is due with HMRC on Friday.", *NONE),
]


@pytest.mark.parametrize("case", DUE_STATEMENTS, ids=[c.text[:40] for c in DUE_STATEMENTS])
def test_a_deadline_of_the_readers_stated(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_stated_deadline_is_titled_by_its_thing(owner: Owner) -> None:
    assert [i.title for i in EX.extract(make_message("Hi Ada,\n\nSlides are due by Friday.\n\nMaria"), owner)] == [
        "Submit slides"]


# Found in review: each of these read wrongly at some point of this round.
REVIEWED: list[Case] = [
    C("Please find the contract attached and sign it by Friday.", ("request", FRI)),
    C("Please see the invoice attached, could you pay it by Friday?", ("request", FRI)),
    C("The rent is due on Friday.", *NONE),
    C("Our invoice is due by Friday.", *NONE),
    C("Your car's MOT is due by Friday.", *NONE),
    C("I'd like to know how your mother is doing.", *NONE),
    C("We'd love to hear whether you enjoyed the holiday.", *NONE),
    C("We request the pleasure of your company at our wedding.", *NONE),
    C("Please note that the lease requires your signature by Friday.", ("request", FRI)),
    C("Please do not tell anyone yet, but could you send me the figures by Friday?", ("request", FRI)),
    C("Lo reviso pasado mañana.", ("waiting", FRI)),
    C("Preparo el informe mañana.", ("waiting", "2026-11-19")),
]


@pytest.mark.parametrize("case", REVIEWED, ids=[c.text[:40] for c in REVIEWED])
def test_cases_found_in_review(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_a_wish_to_be_told_titles_only_a_wish(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nCould you when you have a moment send me the deck?\n\nMaria")
    assert not EX.extract(msg, owner)[0].title.startswith("Tell ")


# Preconditions in German and French, as Spanish has them.
FOREIGN_BLOCKERS: list[Case] = [
    C("Das Rollout ist blockiert, bis wir die Freigabe vom Betriebsrat bekommen.", ("blocker", None)),
    C("Wir können erst bestellen, wenn ihr die Bestellnummer schickt.", ("blocker", None)),
    C("Le cabinet ne peut pas déposer le dossier tant que nous n'avons pas la signature du client.", ("blocker", None)),
    C("Ich kann morgen nicht kommen.", *NONE),
    C("Wir können das bis Freitag machen.", *NONE),
]


@pytest.mark.parametrize("case", FOREIGN_BLOCKERS, ids=[c.text[:40] for c in FOREIGN_BLOCKERS])
def test_german_and_french_preconditions(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
