"""Kinds of sentence found on the development weeks of this round (vet, insure, compliance), each
written here in new wording, with negatives that must stay as they are. The weeks' own sentences are
not among them.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, MON, NONE, THU, C, Case, passes

EX = EmbeddedExtractor()

# What follows if an ask is not met ("or we'll...", "otherwise...", "failing which...") is no work of
# its own, and does not hide the ask before it.
CONSEQUENCES: list[Case] = [
    C("I need the signed mandate from you by Thursday or we'll miss the bank's cut-off.", ("request", THU)),
    C("We'll need your go-ahead by Friday or the crew goes to another job.", ("request", FRI)),
    C("I need your sign-off by Friday or we'll lose the booking.", ("request", FRI)),
    C("Please return the booking form by Monday, otherwise we can't hold the date.", ("request", MON)),
    C("Could you settle the deposit by Thursday, or else the supplier will release the stock?", ("request", THU)),
    C("Kindly pay the balance by Friday, failing which we will pass the account to collections.", ("request", FRI)),
    C("Can you send me the keys by Friday or I'll have to change the locks?", ("waiting", FRI), mine=True),
    # An "or" between two things or two days is no consequence.
    C("Could you tell me by Thursday whether you want the oak or the walnut finish?", ("request", THU)),
    C("Either we meet on Monday or we skip this week, I don't mind.", *NONE),
]

# An aside in brackets, spoken by the writer, neither hides the ask around it nor takes its place.
ASIDES: list[Case] = [
    C("Please send the three spare batteries on Friday's courier (we're down to one, I'll order more next month).",
      ("waiting", FRI), mine=True),
    C("Could you bring the signed lease on Monday (I'll have the keys ready for you)?", ("waiting", MON), mine=True),
    C("Please pick up the samples from reception on Thursday (I'll leave them in a blue box).", ("waiting", THU),
      mine=True),
    C("Can you confirm the delivery slot by Friday (we need someone on site to sign)?", ("request", FRI)),
    # A dated promise in the aside is one of its own.
    C("Could you lend me the projector for Thursday (I'll bring it back on Monday)?", ("waiting", THU),
      ("commitment", MON), mine=True),
    # Brackets that only name a thing stay part of the ask.
    C("Could you send the floor plan (ground and first floor) by Thursday?", ("request", THU)),
]

# A formal ask of a thing in the passive ("we would ask that X is returned by...") states a duty to the
# reader, as "X must be returned by..." does; "ask that you..." is read already, and a wish about
# anything but a thing to hand in is no ask.
FORMAL_PASSIVE: list[Case] = [
    C("We would ask that the completed questionnaire be returned by Friday.", ("request", FRI)),
    C("We ask that the balance is paid no later than Monday.", ("request", MON)),
    C("We require that all expense claims are submitted by Thursday.", ("request", THU)),
    C("I must request that the signed declaration be sent to me by Friday.", ("request", FRI)),
    C("We ask that guests are seated by 7pm on Friday.", *NONE),
]

# Someone the sender speaks of, by name or pronoun, will be in touch with the owner on a day: the owner
# waits on it. Weather and feelings are no one's work.
SOMEONE_WILL: list[Case] = [
    C("She's going to ring you on Thursday with the quote.", ("waiting", THU)),
    C("He's going to email you the revised schedule on Friday.", ("waiting", FRI)),
    C("Marek will phone you on Monday about the handover.", ("waiting", MON)),
    C("They're going to confirm to you by Friday which crew is coming.", ("waiting", FRI)),
    C("It's going to pour on Thursday, so bring a coat.", *NONE),
    C("She's going to love the new kitchen on Friday.", *NONE),
]

# What the sentence classifier alone would add is held to the rules' refusals: a wait that ends on a
# day of its own, where the writer will be, a thing handed to someone else, another's work in the
# owner's mail. A wait on work to be done stays a blocker.
CLASSIFIER_REFUSALS: list[Case] = [
    C("The refund may not show until the bank's batch runs on Monday.", *NONE),
    C("The crew may not start until the asbestos survey is signed off.", ("blocker", None)),
    C("I'll be away from Monday to Wednesday next week.", *NONE),
    C("Our accountant will send the final figures to the auditors on Friday.", *NONE),
    C("Kofi, in the finance team, will send the refund to you on Friday.", *NONE, mine=True),
    C("RJ will share the deck on Monday.", *NONE, mine=True),
    C("I can't join the dinner unless the flight lands early.", *NONE),
    C("We'd love to hear whether you enjoyed the concert.", *NONE),
    # The owner ("Ada") named as the doer in another's mail is an order, not the sender's promise.
    C("Ada to buy ten store vouchers today, and Ben to send the codes to me by Thursday.", *NONE),
    # Someone's work, named by their role, that never names the reader is owed to someone else.
    C("The site manager will walk the inspector round on Thursday.", *NONE),
    C("The site manager will walk the inspector round on Thursday.", *NONE, mine=True),
]

# A wish to be told, put as what the writer would appreciate or welcome knowing.
APPRECIATE_KNOWING: list[Case] = [
    C("I'd appreciate knowing whether the discount applies to the spring term.", ("request", None), tell=True),
    C("We would welcome hearing which option you prefer by Thursday.", ("request", THU), tell=True),
    C("I'd appreciate learning when the parts are expected.", ("request", None), tell=True),
]

# What only a scam asks for is no work, however it is put: card numbers and codes, PINs and passwords
# (in several languages), gift cards, changed bank details, a fee paid through a link, work marked
# done unchecked. Ordinary asks about cards and payments stay.
SCAM_ITEMS: list[Case] = [
    C("Kindly reply with the card number and CVV by Friday to keep the booking.", *NONE),
    C("Please confirm your online banking password by return.", *NONE),
    C("Envíe su contraseña antes del viernes.", *NONE),
    C("Bitte schicken Sie uns Ihr Passwort bis Freitag.", *NONE),
    C("Our bank details have changed, so please send Friday's payment to the new account.", *NONE),
    C("Settle the balance by Thursday with Apple gift cards.", *NONE),
    C("Pay the release fee by Thursday at https://parcel-fees.example/pay.", *NONE),
    C("Please approve the three supplier invoices today, no need to check them.", *NONE),
    C("Could you send me the card reader by Friday?", ("request", FRI)),
    C("Please pay the catering invoice by Friday.", ("request", FRI)),
]

CASES = CONSEQUENCES + ASIDES + FORMAL_PASSIVE + SOMEONE_WILL + CLASSIFIER_REFUSALS + APPRECIATE_KNOWING + SCAM_ITEMS


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_eight_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_the_consequence_stays_in_the_evidence(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nI need the signed mandate from you by Thursday or we'll miss the bank's cut-off.\n\n"
                       "Thanks,\nMaria", subject="Re: mandate")
    (item,) = EX.extract(msg, owner)
    assert item.evidence == "I need the signed mandate from you by Thursday or we'll miss the bank's cut-off."
    assert "cut-off" not in item.title.lower()
    msg = make_message("Hi Ada,\n\nPlease confirm the numbers by Monday or we'll have to release the tables.\n\n"
                       "Thanks,\nMaria", subject="Re: dinner")
    (item,) = EX.extract(msg, owner)
    assert item.title == "Confirm the numbers" and item.due == MON


def test_a_thing_wanted_in_a_state_is_titled_so(owner: Owner) -> None:
    # Not "Get this done to Maria": the thing is got done, and "this" is named by the subject.
    def titles(text: str) -> list[str]:
        msg = make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: gym speakers")
        return [i.title for i in EX.extract(msg, owner)]

    assert titles("Need this fixed by Friday.") == ["Get this fixed: gym speakers"]
    assert titles("I need the purchase order signed by Thursday.") == ["Get the purchase order signed"]
    assert titles("I need the invoice from you by Thursday.") == ["Get the invoice to Maria"]
