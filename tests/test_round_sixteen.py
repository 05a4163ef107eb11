"""Round sixteen of the embedded extractor, from sentences of my own; none from an evaluation week.

An ask to hold back ("please don't rewrite anything yet", "refrain from contacting the insurer")
is no piece of work to track, from the owner or to the owner, unless it has its day ("don't run
any cycles after close on Friday"); a reminder ("don't forget to...", "don't let it expire") and
a message to pass on ("ask reception not to book them in") are work, and so is what is asked
after the holding back ("don't wait for the numbers, send the draft as it is"). Titles: "first
thing" left behind by its day, "back from you" in what the writer needs, "They will ship it
Monday" read as a thing shipped ("Deliver they"), and "I'll sign it by Friday" after "I will
review the contract tomorrow" titled "Review the contract tomorrow".
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from connectors.types import Message
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, C, Case, passes


def _mine(text: str, subject: str = "Re: plan", hello: str = "Hi") -> Message:
    """``text`` in the owner's own mail to Priya."""
    return make_message(f"{hello} Priya,\n\n{text}\n\nAda", sender="ada@example.com", to=("priya@acme.example",),
                        name="Ada", subject=subject)


def _theirs(text: str, subject: str = "Re: plan", hello: str = "Hi", close: str = "Thanks,\nMaria") -> Message:
    """``text`` in Maria's mail to the owner."""
    return make_message(f"{hello} Ada,\n\n{text}\n\n{close}", subject=subject)

CASES: list[Case] = [
    # To hold back, undated: none, whoever asks it.
    C("Please don't rewrite anything yet :)", *NONE, mine=True),
    C("We asked the bank to refund it, so please do not pay the invoice again.", *NONE, mine=True),
    C("Please refrain from contacting the insurer directly.", *NONE),
    C("Please remember not to lock the back door.", *NONE),
    C("Don't send the invoice until I say so.", *NONE, mine=True),
    C("One more thing: please don't contact the tenant directly while the claim is open.", *NONE),
    C("Please don't book the venue before we talk.", *NONE),
    C("Please never share the login with the contractors.", *NONE),
    # ...with its day, it is tracked.
    C("Please ask Petr not to give the pallets away before Friday.", ("waiting", FRI), mine=True),
    C("The unit has to be cooled down, so please don't run any cycles after close on Friday.", ("request", FRI)),
    # A reminder to do a thing is no holding back, whatever its spelling...
    C("Don't forget to send the signed copy back by Monday.", ("request", MON)),
    C("Please don't forget to send me the deck.", ("waiting", None), mine=True),
    C("Please don't forgot to send me the contract.", ("request", None)),
    C("Please do not neglect to file the annual return.", ("request", None)),
    C("Please don't let the SSL certificate expire.", ("request", None)),
    C("Please don't skip the safety induction.", ("request", None)),
    # ...nor is a message to pass on.
    C("Please ask reception not to book them in yet.", ("waiting", None), mine=True),
    C("Please tell the driver not to come before the warehouse opens.", ("request", None)),
    # The work asked beside the holding back stays.
    C("Please don't just approve it, can you check the figures first?", ("request", None)),
    C("Please don't change anything in the model, could you just add the Q4 column?", ("request", None)),
    C("Please do not process the refund, please escalate it to the finance team instead.", ("waiting", None), mine=True),
    C("Please don't wait for the final numbers, send the draft as it is.", ("request", None)),
    # What is shipped, whatever day follows it.
    C("The samples will ship Monday.", ("waiting", MON)),
    C("The certificates will ship this week.", ("waiting", FRI)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_sixteen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Can you send over the updated deck first thing tomorrow?", "Send over the updated deck"),
    ("Could you call me first thing in the morning on Friday?", "Call Maria"),
    ("We'd love the signed engagement letter back from you by Friday.", "Get the signed engagement letter back to Maria"),
    ("Could I get the signed NDA back from you by Monday?", "Get the signed NDA back to Maria"),
    ("Need the signed NDA from you by Monday.", "Get the signed NDA to Maria"),
    # "the first thing" is a thing, and with no day taken, "first thing" is the only time said.
    ("Could you review the first thing on Friday?", "Review the first thing"),
    ("Can you call me first thing?", "Call Maria first thing"),
    # What is left to do after the holding back is the title.
    ("Please do not send the report to the client; send it to me first.", "Send the report to Maria first"),
    ("Please never mind the old invoice, and send the new one to accounts.", "Send the new one to accounts"),
])
def test_titles_lose_what_their_day_left_behind(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(_theirs(text), owner)
    assert [i.title for i in items] == [title]


@pytest.mark.parametrize("text", ["They will ship it Monday.", "They'll ship them on Friday.",
                                  "They will ship the parts on Monday."])
def test_a_shipper_is_no_thing_shipped(text: str, owner: Owner) -> None:
    for mine in (True, False):
        sender = dict(sender="ada@example.com", to=("priya@acme.example",), name="Ada") if mine else {}
        items = EX.extract(make_message(f"Hi,\n\n{text}\n\nThanks", subject="Re: plan", **sender), owner)
        assert not any(i.title.lower().endswith(("they", "deliver it", "deliver them")) for i in items), items


def test_things_that_ship_are_delivered_by_name(owner: Owner) -> None:
    items = EX.extract(_theirs("They will ship this Friday.", "Re: parts"),
                       owner)
    assert [(i.kind, i.title, i.due) for i in items] == [("waiting", "Follow up with Maria: deliver them", FRI)]


def test_a_pronoun_after_a_promise_is_its_thing(owner: Owner) -> None:
    msg = _mine("I will review the contract tomorrow and I'll sign it by Friday.", "Re: plan")
    assert [i.title for i in EX.extract(msg, owner)] == ["Review the contract", "Sign the contract"]


def test_the_owners_morning_promise_loses_first_thing(owner: Owner) -> None:
    msg = _mine("I'll send over the updated deck first thing tomorrow.", "Re: plan")
    assert [(i.kind, i.title) for i in EX.extract(msg, owner)] == [("commitment", "Send over the updated deck")]


@pytest.mark.parametrize("text,title", [
    ("I've asked the supplier for return labels and will forward them as soon as they land.", "Forward them"),
    ("I'm working on the waiver and the corrected certificate and will send both as soon as I have them.", "Send both"),
    ("We expect the permit number next week and will forward it to you as soon as it arrives.", "Forward the permit number to Priya"),
])
def test_a_later_will_borrows_the_writers_i(text: str, title: str, owner: Owner) -> None:
    # "...and will forward them": the promise is the owner's, told with the first clause's "I" in
    # another tense; it is quoted whole.
    msg = _mine(text)
    assert [(i.kind, i.title, i.evidence) for i in EX.extract(msg, owner)] == [("commitment", title, text)]


@pytest.mark.parametrize("text,want", [
    ("Hold the pump for Monday.", ("waiting", "Follow up with Priya: hold the pump", MON)),
    ("Ship them Wednesday to the yard.", ("waiting", "Follow up with Priya: ship them to the yard", "2026-11-25")),
    ("Run the numbers by Friday.", ("waiting", "Follow up with Priya: run the numbers", FRI)),
    ("OK, renew the licence before Friday.", ("waiting", "Follow up with Priya: renew the licence", FRI)),
])
def test_the_owners_dated_order_waits_on_the_reader(text: str, want: tuple[str, str, str], owner: Owner) -> None:
    # An order in a verb that asks seldom open on, with its day: the owner waits on it. ("Run the
    # numbers by Friday" was the owner's own bare promise, "Deliver run the numbers".)
    msg = _mine(text)
    assert [(i.kind, i.title, i.due) for i in EX.extract(msg, owner)] == [want]


@pytest.mark.parametrize("text", [
    "File 7 has an EDD refresh in progress; the refreshed file will be in the folder on Monday.",
    "Hold on, I'm checking with the bank on Monday.",
    "Run through it with me on Friday if you like.",
])
def test_an_order_verb_that_is_no_order_is_none(text: str, owner: Owner) -> None:
    msg = _mine(text)
    assert not [i for i in EX.extract(msg, owner) if i.kind == "waiting"]


# From a second review: a later "will" that is not the writer's, and the asks after a holding back.
@pytest.mark.parametrize("text", [
    "I told the client the parts are late and will arrive on Monday.",
    "I was told the parcel is in Frankfurt and will arrive tomorrow.",
    "I asked my sister, who lives in Porto and will visit us next week.",
    "I've cc'd Marta, who handles payroll and will sort out your back pay.",
    "I've been with this company for ten years and will retire in March.",
    "I'm sorry for the confusion and will make sure it doesn't happen again.",
    "I'm on leave until the 30th and will reply when I'm back.",
    "We received two quotes and will go with the cheaper one.",
    "I didn't get the attachment and will wait for you to resend it.",
])
def test_a_later_will_that_is_no_promise_of_the_writers(text: str, owner: Owner) -> None:
    msg = _mine(text)
    assert not [i for i in EX.extract(msg, owner) if i.kind == "commitment"]


@pytest.mark.parametrize("text,title", [
    ("I'm working on the tax return and will send it to you by the 25th.", "Send the tax return to Priya"),
    ("I've read the contract and will sign it tomorrow.", "Sign the contract"),
])
def test_a_borrowed_promise_names_its_thing(text: str, title: str, owner: Owner) -> None:
    msg = _mine(text)
    assert [i.title for i in EX.extract(msg, owner)] == [title]


@pytest.mark.parametrize("text,title", [
    ("Please don't cancel the subscription, downgrade it to the basic plan instead.",
     "Downgrade the subscription to the basic plan"),
    ("Please do not throw away the old contracts, archive them in the basement.", "Archive the old contracts in the basement"),
    ("Please avoid calling the client before 10, and send him the revised offer instead.", "Send him the revised offer"),
    ("Please don't wait for the final numbers, send the draft as it is.", "Send the draft as it is"),
])
def test_the_ask_after_a_holding_back(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(_theirs(text), owner)
    assert [(i.kind, i.title, i.evidence) for i in items] == [("request", title, text)]


@pytest.mark.parametrize("text", [
    "Please don't give her any food after midnight, but water is fine.",
    "Kindly do not contact the tenant directly, all communication goes through our office.",
    "Please do not use the old template anymore, the new one is on the shared drive.",
])
def test_a_statement_after_a_holding_back_is_no_ask(text: str, owner: Owner) -> None:
    assert EX.extract(_theirs(text, "Re: op", "Hi", "Thanks,\nMaria"), owner) == []


def test_a_thing_it_came_from_is_not_it(owner: Owner) -> None:
    text = "I'm waiting for the quote from the roofer and will forward it to you as soon as I get it."
    msg = _mine(text)
    # ...it is the quote, not the roofer it comes from.
    assert [i.title for i in EX.extract(msg, owner)] == ["Forward the quote to Priya"]


def test_what_they_ship_is_the_work(owner: Owner) -> None:
    items = EX.extract(_theirs("They will ship our order this Friday.", "Re: order"), owner)
    assert [(i.kind, i.title, i.due) for i in items] == [("waiting", "Follow up with Maria: ship our order", FRI)]


@pytest.mark.parametrize("text,mine,kinds", [
    # The owner's undated German promise with its thing said first, or as what comes next.
    ("Die Verzichtserklärung bereite ich vor.", True, ["commitment"]),
    ("Die Besucherausweise lasse ich am Empfang hinterlegen.", True, ["commitment"]),
    ("Dann geb ich Hengda Rückmeldung.", True, ["commitment"]),
    ("Das weiss ich nicht.", True, []),
    ("Die Rechnung habe ich bezahlt.", True, []),
    ("Die Entscheidung überlasse ich dir.", True, []),
    ("Das glaube ich auch.", True, []),
    # Spanish: what the writer gets or hands the reader, and "me encargo", undated; "en cuanto" as a trigger.
    ("Las medidas de la cámara fría te las consigo con el proveedor.", True, ["commitment"]),
    ("Yo me encargo de contestarle a Pidelo.", True, ["commitment"]),
    ("Te regreso la cotización firmada en cuanto llegue.", True, ["commitment"]),
    ("Te lo dije ayer.", True, []),
    ("Te lo agradezco mucho.", True, []),
])
def test_undated_promises_in_german_and_spanish(text: str, mine: bool, kinds: list[str], owner: Owner) -> None:
    msg = _mine(text, "Re: plan", "Hallo")
    assert [i.kind for i in EX.extract(msg, owner)] == kinds


def test_an_ask_that_says_the_writer_will_be_away_is_an_ask(owner: Owner) -> None:
    text = ("Could you send me the X-rays you took in June by Friday, as I'm away at a conference in Melbourne "
            "from Monday?")
    items = EX.extract(_theirs(text, "Re: referral", "Hi", "Thanks,\nMaria"), owner)
    assert [(i.kind, i.due) for i in items] == [("request", FRI)]
    away = _theirs("I'm away at a conference until Friday.\n\nMaria", subject="Re: referral")
    assert EX.extract(away, owner) == []


def test_a_credentials_slide_is_no_secret(owner: Owner) -> None:
    text = "Could you also put together a one-slide credentials page on our e-mobility work for the pitch by Friday?"
    items = EX.extract(_theirs(text, "Re: pitch", "Hi", "Thanks,\nMaria"), owner)
    assert [(i.kind, i.due) for i in items] == [("request", FRI)]
    secret = "Could you send me your login credentials by Friday?"
    assert EX.extract(_theirs(secret, "Re: pitch", "Hi", "Thanks,\nMaria"), owner) == []


# From a third review: opinions, habits, the past and turning down are no German promise; "en cuanto
# a" is "regarding"; "voy a ver" promises nothing; an away note that sends the reader elsewhere is
# still one; and a credentials page of a login is still a secret.
@pytest.mark.parametrize("text", [
    "Die Meinung teile ich.", "Das Risiko trage ich.", "Den Newsletter schreibe ich immer freitags.",
    "Die Buchhaltung mache ich selber.", "Die Unterlagen schickte ich bereits an Frau Meier.",
    "Dann lasse ich es.", "Das Angebot lehne ich ab.", "Voy a ver si puedo.", "Vamos a necesitar más tiempo.",
    "En cuanto al presupuesto, te envío la tabla anterior.", "Yo me encargo de la contabilidad desde 2019.",
])
def test_no_foreign_promise_in_opinions_habits_and_the_past(text: str, owner: Owner) -> None:
    msg = _mine(text, "Re: plan", "Hallo")
    assert EX.extract(msg, owner) == []


@pytest.mark.parametrize("text", [
    "Since I'm away until Monday, please contact Jo for anything urgent.",
    "While I'm away, please direct any questions to Jo Smith.",
    "As I am away until 2 December, I will respond to your email on my return.",
    "Please send me the credentials doc for the bank portal.",
    "Please forward the credentials slide with the AWS root keys.",
    "Please share your email credentials page with me urgently.",
])
def test_away_notes_and_secrets_stay_out(text: str, owner: Owner) -> None:
    assert EX.extract(_theirs(text), owner) == []


def test_an_ask_while_the_writer_is_away_is_an_ask(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nCan you water the plants while I'm away?", "Re: trip")
    assert [i.kind for i in EX.extract(msg, owner)] == ["request"]


@pytest.mark.parametrize("text", [
    "Please do not pay the old invoice; use the new bank details from our portal instead.",
    "Please pay the invoice to our new bank details below by Friday.",
])
def test_new_bank_details_said_first_are_a_scams(text: str, owner: Owner) -> None:
    # "bank details ... changed" was refused; "the new bank details" said first was an ask.
    assert EX.extract(_theirs(text, "Invoice", "Hi", "Thanks,\nMaria"), owner) == []


@pytest.mark.parametrize("text,mine,want", [
    ("Die Ware wird am Montag geliefert.", False, [("waiting", MON)]),
    ("Ich kläre das mit der Buchhaltung und gebe dir Bescheid.", True, [("commitment", None)]),
    ("Ich schaue mir das am Wochenende an.", True, [("commitment", "2026-11-22")]),
    ("Die restlichen Stück werden gefertigt, sobald die Änderung freigegeben ist.", True, []),
    ("Die Rechnung wurde gestern bezahlt.", True, []),
])
def test_german_passive_futures_and_letting_know(text: str, mine: bool, want: list[tuple[str, str | None]],
                                                 owner: Owner) -> None:
    if mine:
        msg = _mine(text, "Re: Lieferung", "Hallo")
    else:
        msg = _theirs(text, "Re: Lieferung", "Hallo", "Gruss,\nMaria")
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == want


RUN_ON = ("hey Liam got your email about the renewal, all good except a few things, we opened the new site on "
          "the 2nd so that needs to go on the policy, also can you tell me why the premium has gone up 18% when we "
          "haven't had a single claim and the roaster is the same one we've had for six years, Ella had the duct "
          "cleaning done at all the sites in October so that should help, the bank needs a certificate of currency "
          "for the refinance by Friday, can you send it straight to Hamish at Harbour Bank, cheers Dimitri")


def test_a_run_on_is_read_clause_by_clause(owner: Owner) -> None:
    # Longer than any sentence read (400 characters), it was skipped whole; its asks are read at
    # its commas, an ask of "it" with what it is.
    assert len(RUN_ON) > 400
    items = EX.extract(make_message(f"{RUN_ON}\n", subject="Re: renewal"), owner)
    assert [(i.kind, i.due) for i in items] == [("request", None), ("request", FRI)]
    assert items[0].title == "Tell Maria why the premium has gone up 18%"
    assert items[1].evidence.startswith("the bank needs a certificate of currency")
    assert all(i.evidence in RUN_ON for i in items)


@pytest.mark.parametrize("text,want", [
    ("Leider wird die Ware nicht am Montag geliefert.", []),
    ("Can you send HR your new bank details by Friday?", [("request", FRI)]),
    ("I've attached the new bank details form; please fill it in and return it to HR by Friday.", [("request", FRI)]),
])
def test_a_negated_delivery_and_the_readers_own_bank_details(text: str, want: list[tuple[str, str]],
                                                            owner: Owner) -> None:
    items = EX.extract(_theirs(text), owner)
    assert [(i.kind, i.due) for i in items] == want


def test_a_dated_question_is_work_of_its_own(owner: Owner) -> None:
    # Two questions asked outright were one item, "the one reply the message wants"; one with its
    # own day is a piece of work of its own.
    text = ("Soll ich das mit ihm verhandeln oder willst du das selber machen?\n\n"
            "Die Bestellung liegt über meinem Freigabelimit. Kannst du die heute noch im SAP freigeben?")
    items = EX.extract(_theirs(text, "Spendwise", "Hi", "Danke,\nJonas"), owner)
    assert [(i.kind, i.due) for i in items] == [("request", None), ("request", "2026-11-18")]
    # Undated, they are still the one reply.
    text = "Can we use the word free in the app store text? Is the logo final?"
    items = EX.extract(_theirs(text, "App store", "Hi", "Thanks,\nDiego"), owner)
    assert len(items) == 1


@pytest.mark.parametrize("text,kinds", [
    ("On te revient avec une réponse demain.", ["commitment"]),
    ("On vous envoie la soumission révisée demain.", ["commitment"]),
    ("On rappelle que le bureau est fermé vendredi.", []),
    ("On prépare la fête de Noël pour le 18 décembre.", []),
    ("Je relance Marie demain matin.", ["commitment"]),
    ("Je reviens de vacances lundi.", []),
    ("Je reviens au bureau lundi.", []),
    ("On dit que le projet est en retard depuis lundi.", []),
])
def test_quebec_and_spoken_french_promises(text: str, kinds: list[str], owner: Owner) -> None:
    msg = _mine(text, "Re: projet", "Salut")
    assert [i.kind for i in EX.extract(msg, owner)] == kinds


@pytest.mark.parametrize("text,mine,kinds", [
    ("Erst nach Eingang der Anzahlung können wir mit der Fertigung beginnen.", False, ["blocker"]),
    ("Das Projekt ist blockiert, weil die Genehmigung der Stadt noch aussteht.", False, ["blocker"]),
    ("Ohne die Zahlen von dir kann ich den Bericht nicht fertigstellen.", True, ["blocker"]),
    ("Ohne Ihre Freigabe kann ich die Bestellung nicht auslösen.", True, ["blocker"]),
    ("Ohne Kaffee kann ich nicht arbeiten.", False, []),
    ("Unterschreiben tu ich erst, wenn Frau Dr. Haas ihr Okay gegeben hat.", True, []),
])
def test_german_blockers(text: str, mine: bool, kinds: list[str], owner: Owner) -> None:
    # The owner's own only when the reader's part holds it up; a life's needs are no blocker.
    if mine:
        msg = _mine(text, "Re: Bestellung", "Hallo")
    else:
        msg = _theirs(text, "Re: Bestellung", "Hallo", "Gruss,\nMaria")
    assert [i.kind for i in EX.extract(msg, owner)] == kinds


def test_gulf_and_south_asian_office_english(owner: Owner) -> None:
    ask = "Your good self is requested to sign the attached undertaking and return by Wednesday."
    items = EX.extract(make_message(f"Dear Ada,\n\n{ask}\n\nRegards,\nMaria", subject="Undertaking"), owner)
    assert [i.kind for i in items] == ["request"]
    chase = _mine("Awaiting the signed contract from your side.", "Re: contract")
    assert [(i.kind, i.title) for i in EX.extract(chase, owner)] == [("waiting", "Follow up with Priya: the signed contract")]
    news = _mine("Awaiting the results of the audit.", "Re: audit")
    assert EX.extract(news, owner) == []


# From a fifth review of the run-on split: evidence verbatim whatever the separators, no sign-off
# or rhetoric glued to an ask, a list kept whole.
SEMI_RUN_ON = ("hi Ada; the board meeting moved to Thursday; the venue is the same as last time; also the CFO wants "
               "the headcount plan for next year; please ask Raj for it; the auditors are coming on the 30th and want "
               "the fixed asset register from last year and this year; so please send it to them directly; and Tom "
               "asked about the projector; can you ask Tom to bring the spare projector; I think that is everything "
               "for now; thanks; Sam")
LIST_RUN_ON = ("hi Ada, for the audit next week please send me the bank statements for Q3, the signed lease agreement, "
               "the payroll summary for September, and the fixed asset register, also can you check with Dan from the "
               "finance team whether the VAT return was filed, the auditors were quite strict last year about the VAT "
               "side, and please confirm who will be our contact person during the audit, thanks so much, Helen")
STORY_RUN_ON = ("so the weekend was wild, we drove up to the lake on Friday, the car broke down twice on the way, "
                "my brother had to tow us with his truck, the cabin had no heating at all, we spent the evening by "
                "the fire telling stories, anyway we got home late on Sunday and I am exhausted, can you believe it, "
                "the dog ran off twice too, it took an hour to find him in the woods behind the cabin, what a trip, "
                "next time we are staying home")


def test_run_on_evidence_is_verbatim_whatever_the_separator(owner: Owner) -> None:
    assert len(SEMI_RUN_ON) > 400
    items = EX.extract(make_message(f"{SEMI_RUN_ON}\n", subject="Board"), owner)
    assert items and all(i.evidence in SEMI_RUN_ON for i in items)
    assert "Ask Tom to bring the spare projector" in [i.title for i in items]


def test_run_on_keeps_a_list_and_drops_the_sign_off(owner: Owner) -> None:
    items = EX.extract(make_message(f"{LIST_RUN_ON}\n", subject="Audit"), owner)
    assert "the signed lease agreement, the payroll summary for September" in items[0].evidence
    assert any(i.title.startswith("Confirm who will be") for i in items)
    assert not any("thanks" in i.evidence for i in items)


def test_a_run_on_story_asks_nothing(owner: Owner) -> None:
    assert len(STORY_RUN_ON) > 400
    assert EX.extract(make_message(f"{STORY_RUN_ON}\n", subject="Weekend"), owner) == []


def test_a_dated_holding_back_beside_the_work_is_none(owner: Owner) -> None:
    # "Don't delay" took the sentence's Friday and stood beside the real ask.
    items = EX.extract(_theirs("Please don't delay, we need the signed form back by Friday."), owner)
    assert [(i.kind, i.title, i.due) for i in items] == [("request", "Get the signed form back to Maria", FRI)]


def test_the_writers_clause_and_the_first_person_are_two_patterns() -> None:
    # 08fbd7e defined its own _FIRST_PERSON_RE, which shadowed the one _unaddressed reads: a
    # statement naming "our" or "my" mid-sentence was no longer first person.
    from agent.extractors import embedded as E

    assert E._FIRST_PERSON_RE.search("Priya said our launch is on Friday!")
    assert E._WRITERS_CLAUSE_RE.match("I've asked Jürgen for the labels")
    assert not E._WRITERS_CLAUSE_RE.match("Priya said our launch is on Friday")


def test_the_other_choice_of_a_question_is_the_same_question(owner: Owner) -> None:
    # With a dated question standing apart, "Or would Friday work better?" became an item of its own.
    items = EX.extract(_theirs("Can we move the call to Thursday? Or would Friday work better?"), owner)
    assert [i.title for i in items] == ["Answer Maria: can we move the call to Thursday?"]

