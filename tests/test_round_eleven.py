"""Forms that two new development weeks showed focusd missing (Swiss German and English mail, and
Indian business English), written here in other words than the weeks': German dates with a
stop ("bis Mittwoch, 10. März"), "erst, wenn" and "only after" preconditions, what is still
awaited or not yet received, an ask passed on ("Legal wants you to..."), two asks joined by
", and could you", the owner's German promises with a fronted thing, and the titles of what
only the reader can give ("Approve the quote", not "Get your approval to Maria").
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import sentences
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, THU, C, Case, passes

GERMAN: list[Case] = [
    # A German day of the month ends on a stop that ends no sentence.
    C("Bitte schicken Sie uns bis Freitag, 20. November, die unterschriebene Vereinbarung.", ("request", FRI)),
    C("Ohne eure schriftliche Bestätigung (Pos. 2 und 3) können wir den Auftrag 18-22 nicht freigeben.",
      ("blocker", None)),
    C("Die Zertifikate stellen wir erst aus, wenn die Prüfung abgeschlossen ist.", ("blocker", None)),
    C("Ich melde mich erst, wenn ich wieder im Büro bin.", *NONE),
    C("Ich muss bis Freitag wissen, ob ihr die Menge liefern könnt.", ("request", FRI)),
    C("Die Geschäftsleitung will den Bericht bis Montag.", ("request", MON)),
    C("Für die Zollanmeldung benötigen wir noch die Handelsrechnung.", ("request", None)),
    C("Ich brauche noch die Reisekostenabrechnung von dir.", ("request", None)),
    C("Sollen wir die Muster per Kurier schicken oder reicht die normale Post?", ("request", None)),
    C("Das passt so, sag ihm bitte, dass wir zustimmen.", ("request", None)),
    C("Gerne informieren wir Sie, dass unser Lager am Freitag geschlossen bleibt.", *NONE),
    C("In der Beilage erhalten Sie den Vertrag vom 12. Oktober in zweifacher Ausführung.", *NONE),
    C("Wir informieren Sie, sobald die Ware eingetroffen ist.", ("waiting", None)),
    # The owner's own: a thing named first, the reader's "you'll have it", a wish with its day.
    C("Die Unterlagen leite ich nach Erhalt umgehend an die Buchhaltung weiter.", ("commitment", None), mine=True),
    C("Den Entwurf kriegst du morgen Vormittag.", ("commitment", THU), mine=True),
    C("Freitag weisst du mehr.", ("commitment", FRI), mine=True),
    C("Eine kurze Rückmeldung bis Montag wäre super.", ("waiting", MON), mine=True),
    C("Die Präsentation lade ich bis Donnerstag hoch.", ("commitment", THU), mine=True),
]

ENGLISH: list[Case] = [
    # What is still awaited of the reader.
    C("We have not received your signed timesheet yet.", ("request", None)),
    C("Still awaiting your confirmation of the delivery address.", ("request", None)),
    C("We are expecting your payment by Friday.", ("request", FRI)),
    C("We are awaiting the results from the lab.", *NONE),
    C("I need to know by Friday whether the venue can take 40 people.", ("request", FRI)),
    # An ask passed on, with its day; not a thing to know.
    C("Legal wants you to countersign the amendment by Monday.", ("request", MON)),
    C("She wants you to know the office is closed on Friday.", *NONE),
    # Courtesies and promises on a condition.
    C("Kindly reach out in case of any questions.", *NONE),
    C("If so, I'll introduce you to their CFO.", *NONE),
    C("Could you check the invoice and let me know if you need the PO number?", ("request", None)),
    # Two asks in one question; the first only a question of being free is no ask of its own.
    C("Could you book the room, and could you order lunch for Friday?", ("request", None), ("request", FRI)),
    C("Would you be around, and could you send me the floor plan by Thursday?", ("waiting", THU), mine=True),
    # "Revert with" hands a thing over; a precondition after "only after".
    C("We will revert with the signed PO once finance approves it.", ("waiting", None)),
    C("The refund can be released only after our audit team completes the review.", ("blocker", None)),
    C("I would be glad if you could send the agenda by Thursday.", ("request", THU)),
]


@pytest.mark.parametrize("case", GERMAN + ENGLISH, ids=[c.text[:40] for c in GERMAN + ENGLISH])
def test_round_eleven_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text", [
    "Die Lieferung kommt am Mittwoch, 2. Dezember 2026, zwischen 8 und 10 Uhr.",
    "Der Lagerraum im 1. UG ist ab sofort frei.",
    "Bitte per Kurier z.Hd. Herrn Baumann schicken.",
])
def test_a_german_ordinal_or_abbreviation_ends_no_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_a_number_that_ends_a_sentence_still_ends_it() -> None:
    assert sentences("We shipped 12. Then the line stopped.") == ["We shipped 12.", "Then the line stopped."]


@pytest.mark.parametrize("text,title", [
    ("We need your approval on the revised quote by Friday.", "Approve the revised quote"),
    ("Awaiting your sign-off on the budget.", "Sign off on the budget"),
    ("I need your decision on the vendor by Thursday.", "Decide on the vendor"),
    ("We'd love your feedback on the draft by Monday.", "Give Maria your feedback on the draft"),
    ("We haven't received your W-9 yet.", "Send Maria your W-9"),
    ("I'll update you by tomorrow on the migration.", "Follow up with Maria: update you on the migration"),
])
def test_titles_say_the_step(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]
