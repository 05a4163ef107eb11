"""Round twenty-one of the embedded extractor: blockers in the forms a fresh set of written mail
showed missing (none from an evaluation week; the sentences here are written for this file).

A longer step that cannot go ahead without a thing ("Our bank will not issue the bid bond without
the audited statements"), work paused or suspended for a step not yet taken ("Processing is
currently paused pending verification", "Payroll is on hold because we still don't have the
form", "will remain suspended until we hear from you"), "can only ... after receipt of" and
"once we receive", "Until X, you will be unable to", and their German and French forms ("ist erst
nach Eingang ... möglich", "Bis ... vorliegt, können wir ... nicht", "ohne das X können wir ...
nicht", "ist pausiert, bis", "ne pourra ... qu'une fois", "tant qu'on n'a pas", "est en attente : il
nous manque"). Not blockers: a promise of how things are handled ("we will not share your data
without your consent"), a want of comfort ("without a coffee"), a day alone ("paused until 3
March"), "as of Monday", a pause already over, help and thanks ("ohne Ihre Hilfe"), a time
("qu'après 14h"), a reader's own thing ("without your signature", an ask's reason), and an "it is"
that only repeats a condition.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import NONE, C, Case, passes

B = ("blocker", None)
CASES: list[Case] = [
    # English.
    C("The registry will not record the transfer of the shares without the stamped board minutes.", B),
    C("Our insurer cannot renew the fleet policy for next year without the updated driver list.", B),
    C("Fulfilment is currently on hold because we still haven't received the revised artwork.", B),
    C("The visa file remains paused pending the employer's confirmation of the start date.", B),
    C("All outgoing transfers will be suspended until the compliance documents have been verified.", B),
    C("The refund is frozen while we wait for the airline to confirm the cancellation.", B),
    C("The kitchen fit-out can only start once we receive the signed layout from the client.", B),
    C("The grant can be released only after receipt of the final narrative report.", B),
    C("Until the outstanding fees are cleared, students will be unable to register for exams.", B),
    C("Without the export licence we are not able to book the container.", B),
    C("We will not share your details without your consent.", *NONE),
    C("Your membership is paused until 3 March.", *NONE),
    C("The library is on hold as of Monday for the renovation.", *NONE),
    C("The newsletter was on hold because of the holidays, but it is back now.", *NONE),
    C("If the permit is not renewed by Friday, access to the site will be suspended until it is.", *NONE),
    C("The caterer cannot keep the booking for more than a week without the deposit.", *NONE),
    # German.
    C("Die Rückerstattung ist erst nach Eingang der Originalbelege möglich.", B),
    C("Bis die Vollmacht vorliegt, können wir beim Amt nichts einreichen.", B),
    C("Ohne die Messprotokolle können wir die Abnahme nicht durchführen.", B),
    C("Die Bestellung ist pausiert, bis uns die Freigabe der Konstruktion vorliegt.", B),
    C("Weitere Lieferungen können wir erst nach Ausgleich der offenen Rechnungen veranlassen.", B),
    C("Ohne Ihre Hilfe hätten wir das Projekt nicht geschafft.", *NONE),
    C("Bis bald, ich kann morgen leider nicht ans Telefon.", *NONE),
    # French.
    C("Les travaux ne pourront commencer qu'une fois l'autorisation du syndic obtenue.", B),
    C("On ne peut pas clôturer le dossier tant qu'on n'a pas l'attestation de l'assureur.", B),
    C("La commande est en attente : il nous manque votre numéro de TVA.", B),
    C("Sans ces justificatifs, le remboursement de vos frais ne pourra pas être effectué.", B),
    C("Nous ne pouvons passer qu'après 14h.", *NONE),
    C("Tant que vous êtes à Lyon, passez nous voir.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_twentyone_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
