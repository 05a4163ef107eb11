"""German and French mail, read as English mail is: asks in their many forms, promises in the future and
in the present (which both languages use for what is to come), preconditions, and the date phrases of
European business mail (calendar weeks, "Ende nächster Woche", "avant le 25", "en fin de journée").
Negatives are courtesies, notices, past events and other people's work. Written from general forms of
each language, not from any evaluation week's sentences.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, WED, C, Case, passes

NEXT_WED, NEXT_FRI, MONTH_END = "2026-11-25", "2026-11-27", "2026-11-30"

GERMAN: list[Case] = [
    # Asks: modal questions, "bitte" after the verb, the Sie form, "Wir bitten um", what is missing.
    C("Könnten Sie uns bitte bis Freitag das unterschriebene Angebot zurückschicken?", ("request", FRI)),
    C("Bitte senden Sie mir die Rechnung bis zum 30.11.", ("request", MONTH_END)),
    C("Schick mir bitte bis Donnerstag die aktuelle Stückliste.", ("request", THU)),
    C("Wir bitten um Rückmeldung bis Ende nächster Woche.", ("request", NEXT_FRI)),
    C("Ich bitte Sie, die Bestellung bis morgen freizugeben.", ("request", THU)),
    C("Gib mir bitte kurz Bescheid, ob der Termin passt.", ("request", None)),
    C("Denk bitte an die Freigabe für Lieferant Huber.", ("request", None)),
    C("Teilen Sie uns bitte bis Montag mit, ob die Menge stimmt.", ("request", MON)),
    C("Es fehlt noch Ihre Freigabe für die Bestellung 4711.", ("request", None)),
    C("Wäre super, wenn du mir die Zahlen bis Freitag schicken könntest.", ("request", FRI)),
    # Promises to the owner: the present, the future, "Sie bekommen".
    C("Ich schicke Ihnen die Auftragsbestätigung bis Mittwoch.", ("waiting", NEXT_WED)),
    C("Sie bekommen die Muster spätestens in KW 49.", ("waiting", "2026-12-04")),
    C("Wir werden die Teile bis Ende nächster Woche liefern.", ("waiting", NEXT_FRI)),
    C("Morgen schicke ich Ihnen die korrigierte Zeichnung.", ("waiting", THU)),
    # Preconditions.
    C("Ohne Ihre Freigabe können wir die Produktion nicht starten.", ("blocker", None)),
    C("Solange die Zollpapiere fehlen, können wir nicht ausliefern.", ("blocker", None)),
    C("Die Produktion steht, bis die Ersatzteile da sind.", ("blocker", None)),
    C("Die Bestellung hängt noch an Ihrer Freigabe.", ("blocker", None)),
    # Nothing: the past, courtesies, notices, other people's work, absence.
    C("Wir haben die Teile gestern geliefert.", *NONE),
    C("Ich hoffe, Sie hatten ein schönes Wochenende.", *NONE),
    C("Vielen Dank für Ihre schnelle Rückmeldung.", *NONE),
    C("Herr Maier schickt die Unterlagen bis Freitag an den Kunden.", *NONE),
    C("Ich bin ab Montag im Urlaub.", *NONE),
    C("Bitte beachten Sie unsere neuen Öffnungszeiten.", *NONE),
    C("Wir bitten um Ihr Verständnis.", *NONE),
    C("Ich freue mich auf unser Treffen am Donnerstag.", *NONE),
    # The owner's own mail: promises are commitments, asks are waited on.
    C("Ich schicke dir die Zahlen bis Donnerstag.", ("commitment", THU), mine=True),
    C("Ich werde das Angebot bis zum 30.11. prüfen.", ("commitment", MONTH_END), mine=True),
    C("Die Zahlen bekommst du von mir bis Donnerstag.", ("commitment", THU), mine=True),
    C("Ich schaue mir das heute noch an.", ("commitment", WED), mine=True),
    C("Ich kläre das mit der Geschäftsführung und melde mich morgen.", ("commitment", THU), mine=True),
    C("Wir überweisen die Anzahlung bis Freitag.", ("commitment", FRI), mine=True),
    C("Kannst du mir bis Freitag die Liste schicken?", ("waiting", FRI), mine=True),
    C("Bitte schicken Sie uns die Auftragsbestätigung bis Dienstag.", ("waiting", TUE), mine=True),
    C("Ich hatte gestern mit Herrn Weber telefoniert.", *NONE, mine=True),
    # Formal asks ("ersuchen", "Dürfen wir Sie bitten", "Wir wären Ihnen dankbar"), an order as an
    # infinitive after "bitte", a need said verb first or of a team with its day.
    C("Wir ersuchen Sie, die Unterlagen bis Freitag zu übermitteln.", ("request", FRI)),
    C("Dürfen wir Sie bitten, uns die Maße bis Montag zu schicken?", ("request", MON)),
    C("Wir wären Ihnen dankbar, wenn Sie den Liefertermin bis Donnerstag bestätigen.", ("request", THU)),
    C("Bei der Bestellung bitte die neue Kostenstelle angeben.", ("request", None)),
    C("Bitte mit Fr. Mayr einen Termin ausmachen.", ("request", None)),
    C("Für die Zollanmeldung benötigen wir noch die Handelsrechnung.", ("request", None)),
    C("Die Montage braucht die Teile spätestens am Montag.", ("request", MON)),
    # Promises in spoken German, what the writer can do for the reader, what follows, "Sie hören von mir".
    C("Ich frag bei der Buchhaltung nach und meld mich morgen.", ("commitment", THU), mine=True),
    C("Die Zahlen schick ich dir heute noch.", ("commitment", WED), mine=True),
    C("Den Rest können wir Ihnen bis Freitag liefern.", ("waiting", FRI)),
    C("Die Rechnungskopie folgt morgen.", ("waiting", THU)),
    C("Sie hören bis Donnerstag von mir.", ("commitment", THU), mine=True),
    C("Das Angebot erhalten Sie bis Mittwochabend.", ("waiting", WED)),
    C("Ohne die Zolltarifnummer darf die Sendung nicht verzollt werden.", ("blocker", None)),
    # Undated, a promise needs the future said outright or a trigger ("sobald"), as "I'll" is in English;
    # what goes with the mail ("anbei") is sent, not promised. A stop inside the sentence ends nothing.
    C("Die Stückliste werde ich noch überarbeiten.", ("commitment", None), mine=True),
    C("Ich leite dir die Bestätigung weiter, sobald sie da ist.", ("commitment", None), mine=True),
    C("Wir melden uns bei Ihnen, sobald die Ware eingetroffen ist.", ("waiting", None)),
    C("Ich schicke Ihnen anbei das unterschriebene Angebot.", *NONE, mine=True),
    C("Sie erhalten die Prüfberichte inkl. Messprotokoll bis Freitag.", ("waiting", FRI)),
    C("Die Abholung erfolgt am Montag zwischen 8 und 10 Uhr.", ("waiting", MON)),
    C("Wenn ja, bestellen wir die Teile diese Woche noch.", *NONE, mine=True),
    C("Gerne bespreche ich das am Freitag mit Ihnen.", *NONE),
    C("Wir sind am Freitag auf der Messe.", *NONE, mine=True),
]

FRENCH: list[Case] = [
    C("Pourriez-vous nous transmettre le bon de commande d'ici vendredi ?", ("request", FRI)),
    C("Merci de nous faire parvenir la facture avant le 25.", ("request", NEXT_WED)),
    C("Je vous remercie de bien vouloir valider le devis avant jeudi.", ("request", THU)),
    C("Il faudrait que tu valides la commande avant demain midi.", ("request", THU)),
    C("J'ai besoin de ta validation sur le budget d'ici la fin du mois.", ("request", MONTH_END)),
    C("Je vous envoie le devis révisé demain.", ("waiting", THU)),
    C("Nous vous livrerons les palettes semaine 50.", ("waiting", "2026-12-11")),
    C("Je vais vous transmettre le rapport d'audit lundi.", ("waiting", MON)),
    C("Vous recevrez la facture en fin de semaine.", ("waiting", FRI)),
    C("On ne peut pas lancer la série tant que le client n'a pas validé le BAT.", ("blocker", None)),
    C("La production est bloquée en attendant les films d'emballage.", ("blocker", None)),
    C("Sans votre signature, nous ne pouvons pas expédier.", ("blocker", None)),
    C("Nous avons reçu votre commande hier.", *NONE),
    C("Je vous souhaite une bonne journée.", *NONE),
    C("N'hésitez pas à me contacter si besoin.", *NONE),
    C("Je vous remercie pour votre retour rapide.", *NONE),
    C("Le salon aura lieu du 3 au 5 février à Lyon.", *NONE),
    C("Je serai absent jusqu'au 25.", *NONE),
    C("Je m'en occupe d'ici jeudi.", ("commitment", THU), mine=True),
    C("Je vais vous transmettre le contrat avant le 25.", ("commitment", NEXT_WED), mine=True),
    C("Je te fais un retour en fin de journée.", ("commitment", WED), mine=True),
    C("Nous vous ferons parvenir le paiement en fin de semaine.", ("commitment", FRI), mine=True),
    C("Peux-tu me renvoyer le planning avant jeudi ?", ("waiting", THU), mine=True),
    C("Je pense que la réunion de vendredi sera utile.", *NONE, mine=True),
    C("Je vais relancer le transporteur.", ("commitment", None), mine=True),
    C("Je te tiens au courant dès que j'ai la réponse.", ("commitment", None), mine=True),
    C("Je tiens à vous remercier pour votre aide.", *NONE),
    # What the writer wants of the reader counts as an ask with its day.
    C("Pour le point de jeudi, je veux le planning à jour et ton budget.", ("request", THU)),
    C("Ich will die Zahlen bis Freitag sehen.", ("request", FRI)),
    C("Je voudrais un café.", *NONE),
    # What only a scam asks for, as in English: money to a new account. (Credentials asked for are a
    # scam trait that triage weighs by sender: tests/test_money_or_access.py.)
    C("Bitte überweisen Sie die offene Rechnung bis Freitag auf unser neues Konto.", *NONE),
    C("Merci de régler la facture sur notre nouveau RIB d'ici vendredi.", *NONE),
    C("Bitte überweisen Sie die Anzahlung bis Freitag.", ("request", FRI)),
    # ...card data, a bank's TAN, gift cards and a fee paid through a link, as in English; a supplier's
    # voucher is none of these.
    C("Schicken Sie mir bis dahin bitte die TAN aus der SMS.", *NONE),
    C("Wir wären Ihnen dankbar, wenn Sie bis Freitag fünf Amazon-Gutscheine kaufen und mir die Codes schicken.", *NONE),
    C("Je te fais un virement demain dès que tu me confirmes le code de ta carte bancaire.", *NONE),
    C("Die Zustellung erfolgt am Montag, sobald Sie unter https://zoll-gebuehr.example/pay bezahlt haben.", *NONE),
    C("Sie erhalten einen Gutschein über 50 EUR bis Freitag.", ("waiting", FRI)),
    # How to handle the mail is no work; what follows "sonst" does not hide the ask before it.
    C("Bitte behandeln Sie dies streng vertraulich.", *NONE),
    C("Ceci reste strictement entre nous.", *NONE),
    C("Bei Müller bitte nicht mehr als 3 % zugestehen, sonst rechnet sich das nicht.", ("request", None)),
    C("Merci de me renvoyer le contrat avant jeudi, sinon on perd le créneau.", ("request", THU)),
    # A date is no thing a blocker waits on.
    C("Sorting of the 14 pallets blocked on 18 January, with a leak test on every tray.", *NONE),
    C("Je vous transmets le bon de livraison dès que je l'ai.", ("waiting", None)),
    C("Je vous transmets ci-joint le devis signé.", *NONE),
]


@pytest.mark.parametrize("case", GERMAN + FRENCH, ids=[c.text[:40] for c in GERMAN + FRENCH])
def test_german_and_french_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


WEDNESDAY = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("phrase,due", [
    ("Lieferung in KW 49", "2026-12-04"),
    ("Lieferung KW49/2027", "2027-12-10"),
    ("geplant für KW 2", "2027-01-15"),  # next year's: this year's second week is long past
    ("livraison semaine 50", "2026-12-11"),
    ("ready by week 48", "2026-11-27"),
    ("bis Ende nächster Woche", NEXT_FRI),
    ("d'ici la fin de la semaine prochaine", NEXT_FRI),
    ("Anfang nächster Woche", MON),
    ("début de semaine prochaine", MON),
    ("diese Woche noch", FRI),
    ("dans le courant de cette semaine", FRI),
    ("bis Ende des Monats", MONTH_END),
    ("bis Monatsende", MONTH_END),
    ("d'ici la fin du mois", MONTH_END),
    ("bis Ende Januar", "2027-01-31"),
    ("fin décembre", "2026-12-31"),
    ("mi-décembre", "2026-12-15"),
    ("en fin de journée", WED),
    ("bis Feierabend", WED),
    ("bis Mittwochabend", WED),
    ("am Freitagnachmittag", FRI),
    ("Unterschrift Do 14:00 Uhr", THU),
    ("die Sendungsnummer im Laufe des Tages", WED),
    ("Treffen vers 10h30", "2026-11-18T10:30:00+01:00"),
    ("um 14 Uhr", "2026-11-18T14:00:00+01:00"),
    ("avant le 25", NEXT_WED),
    ("jusqu'au 30 inclus", MONTH_END),
    ("bis zum 25.", NEXT_WED),
    ("bis 30.11", MONTH_END),
    ("bis zum 12. Mai", "2027-05-12"),
    ("le 3 mai", "2027-05-03"),  # "le" leads a French date
    # Numbers that are no dates.
    ("the revenue grew by 2.5 points", None),
    ("in week 3 of the project", None),
    ("bis 2.5 Mio Euro", None),
    ("pour le 12 heures", None),
])
def test_european_date_phrases(phrase: str, due: str | None) -> None:
    assert find_due(phrase, WEDNESDAY, ZoneInfo("Europe/Berlin"))[0] == due
