"""A stranger's ask to move money to an account or to hand over access (a password, all the
owner's mail), in English, French, German or Spanish, yields nothing: the owner does not wire money
or open a mailbox for someone never written to on a mail's word. The same ask from someone the
owner knows keeps its item; everyday mail about payments and passwords is no such ask."""

from __future__ import annotations

import pytest

from agent.extractors.embedded import EmbeddedExtractor
from agent.nodes.triage import triage_reason
from agent.spam import scam_traits
from tests.test_spam_strangers import OWNER, POLICY, build

TRAIT = "asks to move money or hand over access"
ASKS = [
    "Merci de virer 4 200 € sur le compte FR76 1027 8060 4100 0203 4560 189 avant demain.",
    "Pouvez-vous me renvoyer vos identifiants de la banque d'ici ce soir ?",
    "Est-ce que tu peux transférer tous les mails de Paul à cette adresse d'ici vendredi ?",
    "Kannst du bis Freitag 3.500 € auf das Konto DE89 3704 0044 0532 0130 00 überweisen?",
    "¿Puedes enviarme la contraseña del portal antes del lunes?",
    "Could you transfer 9,800 USD to the account below by Friday?",
    "Please send me the admin password for the finance system today.",
    "Forward all of the CFO's emails to my address until further notice.",
]
EVERYDAY = [
    "The invoice of 1,200 € is paid, thanks for the quick turnaround.",
    "I changed my password after the reset, all good now.",
    "Could you send me the signed contract by Friday?",
    "Please forward the agenda to the team.",
    "Le virement de 300 € est bien arrivé, merci !",
]


@pytest.mark.parametrize("ask", ASKS)
def test_a_strangers_ask_for_money_or_access_yields_nothing(ask: str) -> None:
    msg = build(("Max Mallory <max@mallory.example>", "Quick favour", f"Hi Ada,\n\n{ask}\n\nMax\n", ""))
    assert TRAIT in scam_traits(msg)
    assert triage_reason(msg, POLICY) == "marketing"  # a stranger's mail with a strong trait


@pytest.mark.parametrize("ask", ASKS[:2] + ASKS[5:6])
def test_the_same_ask_from_someone_the_owner_knows_keeps_its_item(ask: str) -> None:
    msg = build(("Dee <dee@client.example>", "Quick favour", f"Hi Ada,\n\n{ask}\n\nDee\n", ""))
    assert triage_reason(msg, POLICY) == ""
    assert [i.kind for i in EmbeddedExtractor().extract(msg, OWNER)] == ["request"]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_mail_about_payments_and_passwords_is_no_such_ask(text: str) -> None:
    msg = build(("Max Mallory <max@mallory.example>", "Update", f"Hi Ada,\n\n{text}\n\nMax\n", ""))
    assert TRAIT not in scam_traits(msg)
