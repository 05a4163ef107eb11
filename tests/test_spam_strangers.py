"""Scams, phishing and cold mass mail from strangers yield nothing; genuine first contacts from
strangers, and anything from people the owner knows, keep their items (agent/spam.py)."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

import pytest

from agent import spam
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.nodes.triage import triage_reason
from agent.spam import Correspondents, MailPolicy, scam_traits
from connectors.mime import parse_message
from connectors.types import Message

OWNER = Owner("Ada Lovelace", "ada@acme.example", ZoneInfo("Europe/London"))
KNOWN = Correspondents.of([OWNER.email], ["dee@client.example", "rita.gomez@gmail.com"])
POLICY = MailPolicy.of([], KNOWN)
RECEIVED = ("Received: from mx.out.example (mx.out.example [192.0.2.44])\n"
            "\tby mx.acme.example with ESMTPS id 7Z1; Wed, 4 Mar 2026 07:30:01 +0000\n")
HTML = "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
_ids = iter(range(100_000))


def build(row: tuple[str, str, str, str]) -> Message:
    """A message delivered to the owner from (sender, subject, body, further headers)."""
    sender, subject, body, own = row
    data = (f"{RECEIVED}From: {sender}\nTo: ada@acme.example\nSubject: {subject}\n"
            f"Date: Wed, 4 Mar 2026 07:30:00 +0000\nMessage-ID: <s{next(_ids)}@strangers.example>\n{own}\n{body}\n")
    return parse_message(data.encode())


SCAMS = [
    ("Prize Center <winner@prize-hub.example>", "CONGRATULATIONS Ada!!! You were picked",
     "Dear Ada,\n\nYou have won a $750 shopping voucher! Confirm your bank details by Friday to claim your "
     "reward.\n\nClick: http://prize-hub.example/claim\n", ""),
    ("Security Team <alerts@acct-protect.example>", "Unusual sign-in activity",
     "We detected a sign-in from a new device. Your account will be locked within 12 hours unless you "
     "confirm your identity: https://acct-protect.example/confirm\n", ""),
    ("Kundenservice <service@sparkasse-sicher.example>", "Wichtige Mitteilung zu Ihrem Konto",
     "Sehr geehrter Kunde,\n\nIhr Konto wird gesperrt. Bitte aktualisieren Sie Ihre Kontodaten sofort: "
     "https://sparkasse-sicher.example/login\n", ""),
    ("Support Apple <apple.id.support@outlook.com>", "Votre identifiant a été bloqué",
     "Bonjour,\n\nVotre identifiant a été bloqué. Merci de vérifier votre mot de passe immédiatement : "
     "http://apple-id-verif.example\n", ""),
    ("Refund Department <refund@irs-online.example>", "You are owed money",
     "<html><body><p>Our records show you are eligible for a federal refund of $1,288.</p><p>Provide your "
     "payment information today to receive it.</p></body></html>", HTML),
    ("Jack Miller <ceo.acme.corp@gmail.com>", "Need a favour",
     "Ada, are you at your desk? I need you to buy four gift cards for a client and send me the gift card "
     "codes within the hour. Keep this between us.\n", ""),
    ("Lotería Nacional <sorteo@loteria-ganadores.example>", "Su número ha sido premiado",
     "Estimado/a:\n\nHa ganado el segundo premio de nuestro sorteo anual. Envíe sus datos bancarios y una "
     "copia de su pasaporte para el pago.\n", ""),
    ("Anna from LeadBoost <anna@leadboost-mail.example>", "Ada, 3 ideas for Acme",
     "Hi Ada,\n\nWe help SaaS teams book 30 more demos a month. Worth a 15-minute chat on Tuesday?\n\n"
     "Not interested? Reply 'remove' and I won't follow up.\n", ""),
    ("Crypto Rewards <bonus@coin-drop.example>", "Ｃｌａｉｍ ｙｏｕｒ ｒｅｗａｒｄ",
     "Ｙｏｕ ｈａｖｅ ｗｏｎ 0.5 BTC. Act now, the offer expires today: https://coin-drop.example/r?utm_source=mail\n",
     ""),
    ("Servizio Clienti <assistenza@poste-verifica.example>", "Il tuo conto è stato sospeso",
     "Gentile cliente,\n\nil tuo conto è stato sospeso. Aggiorna subito i dati della tua carta: "
     "http://poste-verifica.example/carta\n", ""),
    ("Webinar Team <events@martech-summit.example>", "Last seats for Thursday's masterclass",
     "Hi Ada,\n\nCould you save your seat by Wednesday? https://click.martech-summit.example/abc123\n\n"
     "You no longer wish to receive these emails? Click here.\n", ""),
    ("Pakketdienst <bezorging@pakket-status.example>", "Uw pakket wacht",
     "Uw pakket kon niet worden bezorgd. Bevestig uw bankgegevens binnen 24 uur om de verzendkosten te "
     "betalen: http://pakket-status.example\n", ""),
]
GENUINE = [
    ("Omar Haddad <omar@haddad-builders.example>", "Scheduling software for 60 crews",
     "Hi Ada,\n\nWe're a construction firm with 60 crews. Could you send me a quote for the team plan by "
     "Friday?\n\nThanks,\nOmar", ""),
    ("Grace Liu <grace.liu.talent@gmail.com>", "Head of Operations search",
     "Hi Ada,\n\nI'm leading a Head of Operations search for a logistics startup. Could we talk on Wednesday "
     "at 3pm?\n\nGrace", ""),
    ("Felix Brandt <felix@brandt-ventures.example>", "Intro from Dee",
     "Hi Ada,\n\nDee mentioned you're raising. Could you send me the deck and your latest metrics by "
     "Thursday?\n\nFelix", ""),
    ("Accounts Team <accounts@papercraft-supply.example>", "Question about PO 5531",
     "Hello Ada,\n\nThe amount on PO 5531 doesn't match our invoice. Could you confirm which quantity is "
     "right by Tuesday?\n\nRegards,\nKaren, Papercraft Supply", ""),
    ("Sofia Marino <sofia@ledger-daily.example>", "Comment for tomorrow's story",
     "Hi Ada,\n\nI'm on deadline for tomorrow's story about the funding market. Could you send me a comment "
     "by 5pm today?\n\nSofia", ""),
    ("Lukas Meyer <lukas.meyer@meyer-maschinen.example>", "Angebot für 50 Lizenzen",
     "Hi Ada,\n\nwe are a machine builder in Stuttgart. Could you send us an offer for 50 licences by "
     "Friday?\n\nBest regards,\nLukas", ""),
    ("Chen Wei <chen.wei@pacific-trade.example>", "Your assistant feature",
     "Hi Ada,\n\nWe saw the assistant in your app and want to roll it out. Could you set up a trial for our "
     "sales team by Monday? Our system admin will join.\n\nChen", ""),
    ("Maya Cohen <maya@cohen-legal.example>", "Contract review",
     "Hi Ada,\n\nPlease ignore my earlier draft: the attached version is final. Could you sign the NDA by "
     "Thursday?\n\nMaya", ""),
    ("Ravi Kumar <ravi@kumar-events.example>", "Speaking at our meetup",
     "<html><body><p>Hi Ada,</p><p>Would you give a 20-minute talk at our founders meetup on March 19? "
     "Please let me know by Friday.</p><p>Ravi</p></body></html>", HTML),
    ("Elena Petrova <elena.petrova@yandex.ru>", "Translation partnership",
     "Hello Ada,\n\nI run a translation agency. Could you send me your localisation requirements by "
     "Wednesday? Here is our portfolio: https://petrova-translate.example\n\nElena", ""),
    ("Customer Success <success@bright-hr.example>", "Data export for your migration",
     "Hi Ada,\n\nYour team asked us to move your HR records to your new vendor. Could you confirm the "
     "export date by Friday?\n\nJoe, Customer Success", ""),
]


@pytest.mark.parametrize("row", SCAMS, ids=[r[1][:30] for r in SCAMS])
def test_a_strangers_scam_phishing_or_cold_mass_mail_yields_nothing(row: tuple[str, str, str, str]) -> None:
    m = build(row)
    assert triage_reason(m, POLICY) in ("marketing", "bulk")  # a sign-in alert is bulk already


@pytest.mark.parametrize("row", GENUINE, ids=[r[1][:30] for r in GENUINE])
def test_a_strangers_genuine_first_contact_keeps_its_items(row: tuple[str, str, str, str]) -> None:
    m = build(row)
    assert triage_reason(m, POLICY) == ""
    assert EmbeddedExtractor().extract(m, OWNER)


def test_the_same_traits_from_someone_the_owner_knows_are_kept() -> None:
    """A client's real "please confirm the bank details, it's urgent: https://..." is no scam: who
    the owner knows is read before any trait."""
    body = ("Hi Ada,\n\nOur bank changed. Could you confirm your bank details for the refund by Friday? "
            "It's urgent: https://client.example/form\n\nDee")
    known = build(("Dee Finance Team <dee@client.example>", "Refund", body, ""))
    assert len(scam_traits(known)) >= 2
    assert triage_reason(known, POLICY) == ""
    webmail = build(("Rita Gomez <rita.gomez@gmail.com>", "Refund", body, ""))
    assert triage_reason(webmail, POLICY) == ""
    stranger = dataclasses.replace(known, sender=dataclasses.replace(known.sender, email="dee@client-pay.example"))
    assert triage_reason(stranger, POLICY) == "marketing"


def test_without_known_correspondents_no_stranger_is_told_apart() -> None:
    """The worker's screen has no correspondents: it leaves a scam to triage, which has them."""
    m = build(SCAMS[0])
    assert triage_reason(m) == ""


@pytest.mark.parametrize("row", [
    ("Noah Berg <noah@berg-robotics.example>", "Your system",
     "Hi Ada,\n\nCould you ignore the invoice I sent on Monday and send the updated quote by Friday?", ""),
    ("Ines Duarte <ines@duarte-arq.example>", "Renovation",
     "Hi Ada,\n\nWe won the tender for your office renovation. Could you confirm the start date by Tuesday?", ""),
    ("Paul Kim <paul@kim-advisors.example>", "Referral",
     "Hi Ada,\n\nIf you'd rather not be introduced, no problem. Could you tell me by Thursday?", ""),
    ("Julia Wagner <julia@wagner-events.example>", "Anmeldung",
     "Hallo Ada,\n\nkönnten Sie sich bitte bis Freitag für den Workshop anmelden?", ""),
], ids=["ignore and system", "we won a tender", "rather not", "anmelden"])
def test_ordinary_words_of_scams_in_a_real_ask_leave_it_alone(row: tuple[str, str, str, str]) -> None:
    m = build(row)
    assert len(scam_traits(m)) <= 1
    assert triage_reason(m, POLICY) == ""


def test_a_newsletter_with_a_hidden_preheader_stays_skipped_as_before() -> None:
    html = ('<html><body><div style="display:none">Your weekly picks are inside</div><p>Hi Ada, could you '
            'rate this week\'s issue by Friday?</p><p><a href="https://x.example/u">Unsubscribe</a></p>'
            "</body></html>")
    m = build(("Weekly Picks <picks@weekly.example>", "This week", html,
               HTML + "List-Unsubscribe: <https://x.example/u>\nPrecedence: bulk\n"))
    assert triage_reason(m, POLICY) in ("bulk", "marketing")


# One text per branch of each gated pattern of agent/spam.py that tests/test_gates.py does not cover.
BRANCH_HITS = {
    "windfall": ["You've just WON a car", "Claim your prize", "eligible for a tax refund", "the Lottery board",
                 "Usted ha ganado", "Vous avez gagné", "Sie haben heute gewonnen", "Hai vinto", "Você ganhou"],
    "details": ["Card details", "Verify your account", "Password expires", "Social Security", "Wire transfer",
                "giftcard codes", "Datos bancarios", "dados do cartão", "Kontodaten", "Mot de passe"],
    "urgent": ["URGENTLY", "within 24 hours", "will be suspended", "Sous 24 heures"],
    "opt-out": ["Reply STOP", "Don't want to hear from me", "Hier abmelden"],
}


def test_the_gated_scam_patterns_find_what_their_branches_joined_find() -> None:
    """Their gates only spare the search: on every mail of this file and each branch's example,
    a gated pattern agrees with its branches joined into one ungated pattern."""
    gated = {"windfall": spam.WINDFALL, "details": spam.DETAILS, "urgent": spam.URGENT, "opt-out": spam.OPT_OUT}
    texts = [f"{r[1]}\n{r[2]}" for r in SCAMS + GENUINE]
    for name, pattern in gated.items():
        for branch, hit in zip(pattern.branches, BRANCH_HITS[name], strict=True):
            assert branch.pattern.search(hit) and pattern.search(hit), (name, hit)
        whole = pattern.whole()
        for text in texts + BRANCH_HITS[name]:
            assert pattern.search(text) == bool(whole.search(text)), (name, text)
