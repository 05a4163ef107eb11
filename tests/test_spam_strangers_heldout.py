"""Held-out mail from strangers: scams and marketing that must yield nothing, and genuine first
contacts that must keep their items. Written before the stranger rules and never tuned on."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.nodes.triage import triage_reason
from agent.spam import Correspondents, MailPolicy
from connectors.mime import parse_message
from connectors.types import Message

OWNER = Owner("Ada Lovelace", "ada@acme.example", ZoneInfo("Europe/London"))
POLICY = MailPolicy.of([], Correspondents.of([OWNER.email], ["dee@client.example"]))
RECEIVED = ("Received: from mx.out.example (mx.out.example [198.51.100.7])\n"
            "\tby mx.acme.example with ESMTPS id 9Q2; Tue, 3 Mar 2026 09:00:01 +0000\n")


def parsed(n: int, sender: str, subject: str, body: str, own: str = "") -> Message:
    """A message as delivered to the owner; ``own`` are further headers the sender wrote."""
    data = (f"{RECEIVED}From: {sender}\nTo: Ada Lovelace <ada@acme.example>\nSubject: {subject}\n"
            f"Date: Tue, 3 Mar 2026 09:00:00 +0000\nMessage-ID: <h{n}@held.example>\n{own}\n{body}\n")
    return parse_message(data.encode())


HTML = "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
SCAMS = [
    ("Departamento de Premios <premios@loteria-mundial.example>", "¡Felicidades! Usted ha ganado",
     "Estimado ganador,\n\n¡Felicidades! Su dirección ha ganado 850.000 € en nuestro sorteo internacional. "
     "Para reclamar su premio, envíe sus datos bancarios antes del viernes.\n\nAtentamente,\nLa Dirección", ""),
    ("Service Client <securite@banque-alerte.example>", "Alerte de sécurité sur votre compte",
     "Bonjour,\n\nVotre compte sera suspendu. Veuillez confirmer vos coordonnées bancaires sous 24 heures : "
     "http://banque-alerte.example/verif\n\nLe service client", ""),
    ("DHL Paket <zustellung@dhl-paket-info.example>", "Ihre Sendung wartet",
     "Guten Tag,\n\nIhr Paket konnte nicht zugestellt werden. Bitte bestätigen Sie Ihre Kreditkartendaten "
     "und zahlen Sie die Gebühr von 1,99 € innerhalb von 48 Stunden: https://dhl-paket-info.example/z\n", ""),
    ("HMRC Refunds <refunds@gov-refund.example>", "Tax refund notification",
     "<html><body><p>Dear taxpayer,</p><p>You are eligible for a tax refund of &pound;412.67. Please submit "
     "your card details within 48 hours to claim your refund.</p>"
     "<p><a href='http://gov-refund.example/claim'>Claim now</a></p></body></html>", HTML),
    ("Acme Finance Department <acme.finance.dept@gmail.com>", "Urgent payment",
     "Ada,\n\nPlease process an urgent wire transfer of $18,400 to the new supplier account today and "
     "confirm once done. I am in meetings all day.\n\nFinance", ""),
    ("Premi Italia <bonus@premi-italia.example>", "Congratulazioni!",
     "Congratulazioni! Sei stato selezionato per ricevere un buono regalo di 1.000 €. "
     "Clicca qui per riscattare il tuo premio entro oggi: http://premi-italia.example/r\n", ""),
    ("Microsoft 365 Admin <admin@m365-secure-login.example>", "Password expires today",
     "Your mailbox password expires today. Verify your account now to keep access to your email: "
     "https://m365-secure-login.example/verify\n\nIT Helpdesk", ""),
    ("Growth Partners <hello@seo-growth.example>", "Your website",
     "Hi there,\n\nI noticed your website isn't ranking on Google. Could we schedule a quick call on "
     "Thursday?\n\nIf you don't want to hear from me again, just reply STOP.", ""),
    ("Promoções Brasil <parabens@promo-brasil.example>", "Parabéns, você ganhou um iPhone",
     "Parabéns! Você ganhou um iPhone 15. Confirme os dados do seu cartão para pagar o frete até amanhã: "
     "http://promo-brasil.example/frete\n", ""),
    ("Accounts Payable <billing@invoice-portal.example>", "FINAL NOTICE: invoice #88213 overdue",
     "Your invoice #88213 is overdue and your account will be suspended. Pay immediately here: "
     "http://invoice-portal.example/pay?id=88213&utm_source=mail\n", ""),
]
GENUINE = [
    ("Marta Ruiz <marta.ruiz@hotel-solmar.example>", "Proposal for 12 hotels",
     "Hi Ada,\n\nWe run a chain of 12 hotels in Spain and are looking at your scheduling product for our "
     "front desks. Could you send us a proposal with pricing by Thursday?\n\nBest regards,\nMarta", ""),
    ("Jenna Park <jenna.park.recruits@gmail.com>", "VP Engineering role",
     "Hi Ada,\n\nI'm recruiting for a VP Engineering role at a Series B fintech. Would you have 20 minutes on "
     "Thursday for a call? The job description is here: https://jobs.example/vp-eng\n\nJenna", ""),
    ("Tom Becker <tom@becker-capital.example>", "Intro via Sam Lee",
     "Hi Ada,\n\nSam Lee suggested I reach out. We lead seed rounds in workflow tools. Could you send me "
     "your deck by Friday?\n\nTom", ""),
    ("Priya Natarajan <priya@northside-supplies.example>", "Invoice 4471",
     "Hello Ada,\n\nOur records show invoice 4471 as overdue. Could you confirm the payment date by Friday? "
     "If it was already paid, please send me the bank transfer reference.\n\nKind regards,\nPriya", ""),
    ("Nina Patel <nina@techwire-news.example>", "Quick questions for Thursday's piece",
     "Hi Ada,\n\nI'm writing about remote work tools for Thursday's edition. It's a bit urgent: could you "
     "answer three questions by Wednesday noon? The questions: https://docs.example/q/77\n\nNina", ""),
    ("DevSummit Program Committee <program@devsummit.example>", "Your talk was accepted",
     "Hi Ada,\n\nCongratulations! Your talk on calendar automation was selected for DevSummit 2026. Please "
     "confirm your slot by Friday.\n\nThe program committee", ""),
    ("Dr. Amara Okafor <amara.okafor@yahoo.com>", "Research interview",
     "Dear Ms Lovelace,\n\nI study how founders plan their week. Would you have 30 minutes for an interview "
     "next Tuesday? Participants receive a $50 gift card as thanks.\n\nAmara Okafor", ""),
    ("Leo Brandt <leo@brandt-logistik.example>", "Account locked",
     "Hi Ada,\n\nOur account on your platform was locked after a password reset. Could you check what "
     "happened and restore access by tomorrow? Thirty drivers are waiting.\n\nLeo", ""),
    ("Hannah Weiss <h.weiss@weiss-consulting.example>", "Licensing your API",
     "<html><body><p>Hi Ada,</p><p>We represent a client who would like to license your API. Could you "
     "send me your standard terms by Monday?</p><p>Hannah</p></body></html>", HTML),
    ("Priya Shah <priya@shah-design.example>", "Charged twice",
     "Hi,\n\nWe were charged twice for March ($49 each) on our company card. Could you refund the "
     "duplicate charge by Friday?\n\nThanks,\nPriya", ""),
]


@pytest.mark.parametrize("n", range(len(SCAMS)))
def test_a_strangers_scam_or_marketing_is_skipped(n: int) -> None:
    sender, subject, body, own = SCAMS[n]
    assert triage_reason(parsed(n, sender, subject, body, own), POLICY) == "marketing"


@pytest.mark.parametrize("n", range(len(GENUINE)))
def test_a_strangers_genuine_first_contact_keeps_its_items(n: int) -> None:
    sender, subject, body, own = GENUINE[n]
    m = parsed(100 + n, sender, subject, body, own)
    assert triage_reason(m, POLICY) == ""
    assert EmbeddedExtractor().extract(m, OWNER)
