"""Forms that three development weeks written this round showed the rules had missed (an Osaka
machine-tools exporter's week in Japanese, German and Thai second-language English, a Monterrey
plant's week, a Scottish council's week in formal British English), written anew here rather than
copied from those weeks, each beside look-alikes: a team of the writer's side named by two words
before its role, giving an answer or confirming a thing by a day; an ask only if something happens,
with no day to answer by after its "if" ("If you need more time, please let us know"), which asks
nothing, against a way out of an ask ("If that is not possible, please tell me...") and a
conditional ask with its day; thanks for the reader's work ("We appreciate your work") against a
wish for it ("We would appreciate your comments by Friday"); a delay by a length of time, which
is news, against a delay by a missing thing; goods that ship or leave the factory on a day,
whoever names them, against a team that ships a feature; thanks or regards to pass on, which ask
nothing, against a step asked beside them; and abbreviations whose stop does not end a sentence
("la Vostra offerta n. 2027/341", "l'ing. Ferraris", "rev. D"), from the Italian week too; and the
plant's Spanish: orders in the tú form (a name before them, a pronoun joined on), the formal
"usted" ask ("Le solicitamos...", "Le agradecería..."), blockers with "no hay forma", "hasta tener",
"si no llegan", a need that dates the ask before it, and a deadline hour with no day ("antes de las 3").
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import sentences
from tests.test_unseen_kinds import FRI, MON, NONE, THU, C, Case, passes

R, B, W, K = "request", "blocker", "waiting", "commitment"
WED_NEXT = "2026-11-25"

CASES: list[Case] = [
    # A team of the writer's side, named by its role, gives or confirms something by a day.
    C("Our credit control team will confirm the new limit by Thursday.", (W, THU)),
    C("Our customer service desk team will give you an answer on Monday.", (W, MON)),
    C("Our legal team will review your redlines by Friday.", (W, FRI)),
    C("Our legal team reviewed your redlines on Friday.", *NONE),
    C("Our legal team will be out on Friday.", *NONE),
    # Asked only if something happens, with no day to answer by: nothing asked.
    C("If you need more time, please let us know before the deadline.", *NONE),
    C("If the courier has not arrived by noon, please ring me on my mobile.", *NONE),
    C("If there is a fee for the copies, let me know and I will raise a PO.", *NONE),
    C("Should the figures change, please inform us.", *NONE),
    C("If anything has changed since your last certification, for example after the financing round, please let me "
      "know so that we can advise you.", *NONE),
    C("If there is a fee for the search, please let me know and I will raise a PO.", *NONE, mine=True),
    # ...but a way out of an ask asks, and so does a condition with a day to answer by.
    C("If that is not possible, please tell me who else in your team can sign.", (R, None)),
    C("If the dates suit you, please let me know by Wednesday 25 November.", (R, WED_NEXT)),
    C("If you have fixed them, please let us know by Wednesday so we can book a retest.", (R, WED_NEXT)),
    # Thanks for the reader's work is none; a wish for it is an ask.
    C("We appreciate your work on the launch.", *NONE),
    C("We really appreciate your help with the audit.", *NONE),
    C("We would appreciate your comments on the draft by Friday.", (R, FRI)),
    # A delay by a length of time is news; a delay by a missing thing holds the work up.
    C("The castings are delayed by about two weeks because of a furnace fault.", *NONE),
    C("The shipment is delayed by 3 working days.", *NONE),
    C("The audit has been delayed by the missing bank confirmations.", (B, None)),
    # Goods that ship or leave the factory on a day: the writer's side's promise, the owner's own in
    # her mail; not a team that ships a feature, nor a release.
    C("The two presses will leave our plant on Friday.", (W, FRI)),
    C("The spare spindles will ship on Monday.", (W, MON)),
    C("The two presses will leave our plant on Friday.", (K, FRI), mine=True),
    C("The team will ship the new dashboard on Monday.", *NONE),
    C("The new version will ship on Monday.", *NONE),
    C("The presses left our plant on Friday.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.text[:56]}{' (mine)' if c.mine else ''}" for c in CASES])
def test_weeks_trade(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


PASSED_ON: list[Case] = [
    # Thanks or regards to pass on ask nothing; with a step beside them, the step is asked.
    C("Thanks again, and please thank Mrs. Okafor for the tour as well.", *NONE),
    C("Please give my regards to the team in Lyon.", *NONE),
    C("Please pass on my thanks to your drivers.", *NONE),
    C("Please thank the crew for the quick fix and confirm the final invoice by Friday.", (R, FRI)),
]


@pytest.mark.parametrize("case", PASSED_ON, ids=[c.text[:56] for c in PASSED_ON])
def test_thanks_passed_on(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,count", [
    # An abbreviation's stop goes on: Italian titles and numbers, and a revision in lower case.
    ("Per completare l'analisi mi servirebbero la Vostra offerta n. 2027/341 e le condizioni generali.", 1),
    ("La perizia è ferma: l'ing. Ferraris non ha ancora firmato.", 1),
    ("Please send us rev. D of the drawing within next week.", 1),
    ("Abbiamo parlato con il Dott. Bianchi ieri.", 1),
    # ...not a word that ends a sentence: "no." before a new one.
    ("I said no. Then we moved on.", 2),
])
def test_abbreviations_do_not_end_a_sentence(text: str, count: int) -> None:
    assert len(sentences(text)) == count


SPANISH: list[Case] = [
    # Orders in the tú form in the owner's mail, a name before them too, and the pronoun joined on.
    C("Arma el calendario de turnos hoy.", (W, "2026-11-18"), mine=True),
    C("Habla con el transportista para que recoja la caja mañana.", (W, "2026-11-19"), mine=True),
    C("Explícame la diferencia en el inventario de octubre.", (W, None), mine=True),
    C("Dime hoy cuántas piezas quedan en piso.", (W, "2026-11-18"), mine=True),
    C("Roberto, mándame el reporte de scrap antes de las 3.", (W, "2026-11-18T15:00:00+00:00"), mine=True),
    C("Mándanos las 20 cajas; las necesitamos a más tardar el viernes.", (W, FRI), mine=True),
    # ...not an offer, a free hand, or a look at what someone sent.
    C("Dime si necesitas algo.", *NONE),
    C("Arma el plan como mejor te parezca.", *NONE),
    C("Roberto, mira lo que mandó el cliente.", *NONE, mine=True),
    # The formal "usted": asked; not thanks or an apology, and not someone else asked.
    C("Le solicitamos nos envíe el acta constitutiva a más tardar el viernes.", (R, FRI)),
    C("Le agradecería confirmarnos la asistencia de su representante.", (R, None)),
    C("Le agradecemos su preferencia.", *NONE),
    C("Les pido disculpas por el retraso.", *NONE),
    # Blockers: no way without it, not until it is in, not if it does not arrive.
    C("Sin el permiso no hay forma de empezar la obra.", (B, None)),
    C("No podemos facturar hasta tener la orden de compra.", (B, None)),
    C("No puedo cerrar el inventario si no llegan las facturas.", (B, None)),
    C("Sin la prensa 7 igual cumplimos, tenemos inventario.", *NONE),
]


@pytest.mark.parametrize("case", SPANISH, ids=[f"{c.text[:56]}{' (mine)' if c.mine else ''}" for c in SPANISH])
def test_spanish_from_the_plant(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


NEED_THEN_ASK: list[Case] = [
    # A need, then the ask it explains after ", so": one ask, by the ask's own day.
    C("The bank needs our answer by Friday, so could you check the figures with the controller by tomorrow?",
      (R, "2026-11-19")),
    C("The auditors need the listing by Thursday, so can you send it to me today?", (R, "2026-11-18")),
    C("The auditors need the listing by Thursday, so could you send it to me before then?", (R, THU)),
]


@pytest.mark.parametrize("case", NEED_THEN_ASK, ids=[c.text[:56] for c in NEED_THEN_ASK])
def test_the_ask_keeps_its_own_day(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


ATTACHED_THEN_SENT: list[Case] = [
    # What goes with the mail, then what follows it: the promise after it stands.
    C("The scan is attached, and the original will be sent by courier tomorrow.", (K, "2026-11-19"), mine=True),
    C("The scan is attached.", *NONE, mine=True),
]


@pytest.mark.parametrize("case", ATTACHED_THEN_SENT, ids=[c.text[:56] for c in ATTACHED_THEN_SENT])
def test_attached_then_sent(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
