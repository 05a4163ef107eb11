"""Round twenty of the embedded extractor: German and French office mail, from a fresh review set
(none from an evaluation week).

A delay for a thing missing ("Die Montage verzögert sich, da die Baugenehmigung noch fehlt"), a
step that may follow only another ("kann erst nach Eingang der Vereinbarung erfolgen", "ne
pourrons procéder au remboursement qu'après réception de la facture") and "sans X, le dossier ne
pourra pas être transmis" are blockers (in the owner's own mail these stay unread: tried, they took
her life's constraints too, "Ohne meine Brille kann ich fast nichts lesen").
Asks put in the passive or by a formula ("Um Zusendung ... wird gebeten", "Sie werden gebeten",
"Ich möchte Sie bitten", "Vous êtes invitée à fournir", "Prière de", "Veuillez nous faire
parvenir", "Auriez-vous l'amabilité de", "Pense à réserver", "Schau dir bitte ... an") are asks;
where to be reached ("Gerne können Sie uns telefonisch erreichen") and "Veuillez trouver ci-joint"
are not. A named person's or a team's promise to the reader ("Herr Brunner schickt Ihnen...",
"Notre comptable vous contactera cette semaine") is waited on.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, C, Case, passes

CASES: list[Case] = [
    # Blockers.
    C("Die Montage verzögert sich, da die Baugenehmigung noch fehlt.", ("blocker", None)),
    C("Weil die Lieferung des Zulieferers ausgeblieben ist, steht die Produktion derzeit still.", ("blocker", None)),
    C("Die Auszahlung kann erst nach Eingang der unterschriebenen Vereinbarung erfolgen.", ("blocker", None)),
    C("Nous ne pourrons procéder au remboursement qu'après réception de la facture originale.", ("blocker", None)),
    C("Sans votre signature, le dossier ne pourra pas être transmis au notaire.", ("blocker", None)),
    C("La livraison est retardée car le transporteur n'a toujours pas récupéré la marchandise.", ("blocker", None)),
    C("Ohne Kaffee kann ich nicht arbeiten.", *NONE, mine=True),
    # (a review's cases: a reason that is no missing thing, "sans" in other senses)
    C("Le train est retardé car il y a de la neige sur les voies.", *NONE),
    C("Sans doute, le comité ne pourra pas se réunir avant janvier.", *NONE),
    C("Sans vous, notre équipe ne peut pas fonctionner aussi bien, merci pour tout.", *NONE),
    C("Das Meeting verschiebt sich auf Donnerstag.", *NONE),
    C("La réunion est reportée à jeudi.", *NONE),
    # Asks in the passive or by a formula.
    C("Um Zusendung der fehlenden Belege bis zum 30.11. wird gebeten.", ("request", "2026-11-30")),
    C("Sie werden gebeten, die Lohnsteuerbescheinigungen bis 15.12. einzureichen.", ("request", "2026-12-15")),
    C("Ich möchte Sie bitten, den beigefügten Fragebogen auszufüllen.", ("request", None)),
    C("Schau dir bitte bis Donnerstag den Entwurf für den Newsletter an.", ("request", "2026-11-19")),
    C("Sie müssten noch die Vollmacht für das Finanzamt unterschreiben.", ("request", None)),
    C("Sie müssten das eigentlich schon wissen.", *NONE),
    C("Vous êtes invitée à fournir les pièces justificatives avant le 10 décembre.", ("request", "2026-12-10")),
    C("Prière de confirmer la réception de ce courrier.", ("request", None)),
    C("Il vous appartient de nous communiquer votre nouvelle adresse.", ("request", None)),
    C("Vous voudrez bien nous retourner un exemplaire signé.", ("request", None)),
    C("Veuillez nous faire parvenir votre attestation d'assurance.", ("request", None)),
    C("Auriez-vous l'amabilité de confirmer votre présence?", ("request", None)),
    C("Nous aurions besoin de votre numéro de TVA pour la facture.", ("request", None)),
    C("Pense à réserver la salle pour la formation du 2 décembre.", ("request", "2026-12-02")),
    C("Veuillez trouver ci-joint notre offre.", *NONE),
    C("Veuillez agréer, Madame, l'expression de nos salutations distinguées.", *NONE),
    C("Gerne können Sie uns auch telefonisch unter 0316 123456 erreichen.", *NONE),
    C("Vous êtes invitée à cet événement.", *NONE),
    # (a review's cases: notices to all, courtesies and offers in the same forms)
    C("Um Beachtung wird gebeten.", *NONE),
    C("Sie werden gebeten, während der Vorstellung die Mobiltelefone auszuschalten.", *NONE),
    C("Ich möchte Sie bitten, sich noch ein paar Tage zu gedulden.", *NONE),
    C("Nein bitte nicht, das war nur ein Scherz.", *NONE),
    C("Sie müssten dann eigentlich schon alles haben, was Sie brauchen.", *NONE),
    C("Vous êtes invités à découvrir notre nouvelle collection en boutique.", *NONE),
    C("Vous voudrez bien m'excuser pour ce contretemps.", *NONE),
    C("Veuillez patienter pendant le traitement de votre demande.", *NONE),
    C("Pensez à profiter de nos offres de Noël avant le 24 décembre.", *NONE),
    # Someone else's promise to the reader.
    C("Herr Brunner schickt Ihnen die Zugangsdaten heute noch.", ("waiting", "2026-11-18")),
    C("Frau Keller aus der Personalabteilung meldet sich diese Woche noch bei dir wegen des Vertrags.",
      ("waiting", FRI)),
    C("Notre comptable vous contactera cette semaine.", ("waiting", FRI)),
    C("Madame Dubois vous transmettra les accès à la plateforme lundi.", ("waiting", MON)),
    C("Herr Brunner ist diese Woche im Urlaub.", *NONE),
    C("Notre équipe vous souhaite de joyeuses fêtes.", *NONE),
    C("Unsere Preise werden Ihnen gefallen.", *NONE),
    C("Frau Hofmann wird euch im Team sehr fehlen.", *NONE),
    C("Madame Roux vous transmettra ses amitiés.", *NONE),
    C("Les enfants vous enverront une carte postale de Bretagne.", *NONE),
    C("Le jury vous contactera uniquement si votre candidature est retenue.", *NONE),
    # (a second review's cases: greetings, a need that may come, leftover days, marketing, thanks, a wait)
    C("Frau Ostermann schickt Ihnen liebe Grüße aus dem Urlaub.", *NONE),
    C("Notre technicien vous contactera en cas de besoin.", *NONE),
    C("Sie müssten noch fünf Urlaubstage übrig haben, soweit ich weiß.", *NONE),
    C("Pensez à réserver votre table pour le réveillon dès maintenant !", *NONE),
    C("Sans votre soutien, ce projet ne peut pas exister, un grand merci.", *NONE),
    C("L'installation est reportée car le client a préféré attendre le printemps.", *NONE),
    # ...and short sentences, read as German or French by their words
    C("Frau Keller meldet sich bei Ihnen.", ("waiting", None)),
    C("Pense à valider les factures avant vendredi.", ("request", FRI)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_round_twenty(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
