"""Impostors: a stranger dressed as someone the owner knows (a lookalike domain, a known name
at another organisation), a new account to pay into, and a tax office or bank writing from a
domain none of theirs (agent/spam.py)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from agent import spam
from agent.extractors.base import Owner
from agent.nodes.triage import triage_reason
from agent.spam import Correspondents, MailPolicy, scam_traits
from connectors.mime import parse_message
from connectors.types import Message

OWNER = Owner("Ada Lovelace", "ada@loom.example", ZoneInfo("Europe/London"))
KNOWN = Correspondents.of([OWNER.email], ["dana@acme.example", "jonas.keller@northwind.de",
                                          "lucia@orbitfreight.com", "priya.nair@harbour.co.uk"])
POLICY = MailPolicy.of([], KNOWN)
_ids = iter(range(100_000))


def build(sender: str, subject: str, body: str) -> Message:
    data = (f"Received: from mx.out.example by mx.loom.example; Wed, 18 Nov 2026 09:00:01 +0000\n"
            f"From: {sender}\nTo: ada@loom.example\nSubject: {subject}\nDate: Wed, 18 Nov 2026 09:00:00 +0000\n"
            f"Message-ID: <l{next(_ids)}@lookalike.example>\n\n{body}\n")
    return parse_message(data.encode())


@pytest.mark.parametrize(("name", "address"), [
    ("Dana Whitfield", "dana@acme-example.co"),        # the known domain with a new ending
    ("Dana", "dana@acme.co"),                           # another ending
    ("Accounts", "billing@acme-example-billing.com"),   # the known domain, hyphenated, at the start
    ("Lucia", "lucia@orbit-freight.com"),               # a hyphen added
    ("Lucia", "lucia@orbitfreight2.com"),               # a digit added
    ("Lucia", "lucia@orbitfrieght.com"),                # two letters swapped
    ("J. Keller", "j.keller@northwlnd.de"),             # one letter changed
    ("Priya", "priya@harbour.com"),                     # .co.uk to .com
    ("Dana", "dana@acrne.example"),                     # "rn" for "m"
    ("Ada", "ada@l0om.example"),                        # the owner's own domain, a digit for a letter
    ("Jonas Keller", "jonas.keller.de@gmail.com"),      # a known full name on webmail
    ("Priya Nair", "pnair@consultants.example"),        # a known full name elsewhere
], ids=["new ending", "other ending", "prefix", "hyphen", "digit", "swap", "one letter", "co.uk", "rn",
        "owner domain", "name on webmail", "name elsewhere"])
def test_a_stranger_dressed_as_someone_known_is_a_lookalike(name: str, address: str) -> None:
    assert KNOWN.lookalike(name, address)


@pytest.mark.parametrize(("name", "address"), [
    ("Dana Whitfield", "dana@acme.example"),            # known
    ("Bob Stone", "bob@acme.example"),                  # a colleague of someone known: the same organisation
    ("Bob Stone", "bob@mail.acme.example"),             # a subdomain of it
    ("Zed", "zed@zoom.example"),                        # one letter from a four-letter name: another word
    ("Sam", "sam@acmeplumbing.com"),                    # a name that starts like a known one
    ("Mia Chen", "mia@orbit.example"),                  # unrelated
    ("Jonas", "jonas@keller-bau.de"),                   # one name only
    ("Rita Gomez", "rita@gmail.co"),                    # webmail's ending is no organisation's
], ids=["known", "colleague", "subdomain", "four letters", "prefix word", "unrelated", "first name", "webmail"])
def test_ordinary_strangers_are_no_lookalike(name: str, address: str) -> None:
    assert not KNOWN.lookalike(name, address)


@pytest.mark.parametrize("text", [
    "Please note our bank details have changed. Could you pay the £18,400 to the new account by today?",
    "Our remittance details have been updated; please pay invoice 4471 into the new account below.",
    "Kindly use our new IBAN DE89 3704 0044 0532 0130 00 for all future payments.",
    "Bitte überweisen Sie den offenen Betrag ab sofort auf unsere neue Bankverbindung.",
    "Veuillez trouver ci-joint notre nouveau RIB pour le règlement de la facture.",
    "Por favor, realice el pago a nuestra nueva cuenta bancaria a partir de hoy.",
    "Vi comunichiamo il nostro nuovo IBAN per i prossimi pagamenti.",
    "Segue a nossa nova conta bancária para o pagamento da fatura.",
    "Graag betalen op ons nieuwe rekeningnummer vanaf deze maand.",
    "Our bank account has changed. Could you pay invoice 4471 into account 44556677 by Friday?",
    "Could you transfer the £12,400 to our new Barclays account by Friday?",
], ids=["english", "remittance", "iban", "german", "french", "spanish", "italian", "portuguese", "dutch", "account changed",
        "named bank"])
def test_a_new_account_to_pay_into_is_a_scam_trait(text: str) -> None:
    assert "changed bank details" in scam_traits(build("Vendor <ap@vendor.example>", "Invoice", text))


@pytest.mark.parametrize("text", [
    "I set up a new account on the staging server for you, could you log in by Friday?",
    "Could you send the invite to the new account I created on GitHub?",
    "Please transfer the repo to the new account when you have a minute.",
    "We changed our meeting room details; see you on Thursday.",
    "Your new account manager is Sam; could you book a call with her?",
    "Could you pay the invoice to our new account manager by Friday?",
    "Your account has been updated.",
    "We will never change our bank details by email.",
], ids=["staging account", "invite", "repo", "room details", "account manager", "pay to a manager", "a service's notice",
        "anti-fraud footer"])
def test_ordinary_mentions_of_accounts_are_no_bank_change(text: str) -> None:
    assert "changed bank details" not in scam_traits(build("Mia <mia@orbit.example>", "Hi", text))


@pytest.mark.parametrize(("sender", "subject", "body"), [
    ("Dana Whitfield <dana@acme-example.co>", "Updated bank details",
     "Hi Ada,\n\nPlease note our bank details have changed. Could you pay the outstanding £18,400 for the pilot "
     "to the new account (sort code 20-00-00, acc 55779911) by end of day today?\n\nThanks,\nDana"),
    ("Jonas Keller <jonas.keller@northwind-de.com>", "Neue Bankverbindung",
     "Hallo Ada,\n\nbitte überweisen Sie die Rechnung 2231 ab sofort auf unsere neue Bankverbindung. Danke!"),
    ("Lucia <lucia@orbit-freight.com>", "Facture 88",
     "Bonjour Ada, voici notre nouveau RIB : merci de régler la facture 88 avant vendredi."),
    ("Priya Nair <priya.nair.harbour@gmail.com>", "Remittance update",
     "Hi Ada, our payment details have been updated. Could you wire the deposit to the new account today?"),
], ids=["H29", "german hyphen", "french hyphen", "known name on webmail"])
def test_a_lookalike_asking_to_pay_a_new_account_yields_nothing(sender: str, subject: str, body: str) -> None:
    assert triage_reason(build(sender, subject, body), POLICY) == "marketing"


@pytest.mark.parametrize(("sender", "body"), [
    # A known sender's bank details change: the owner knows them, and decides.
    ("Dana Whitfield <dana@acme.example>", "Our bank details have changed; could you pay invoice 7 to the new account?"),
    # A lookalike that only asks an ordinary thing: one weak trait.
    ("Lucia <lucia@orbit-freight.com>", "Could you review the shipping schedule by Friday?"),
    # A colleague of a known person, new to the owner, with an ordinary ask.
    ("Bob Stone <bob@acme.example>", "Dana asked me to send the pilot plan; could you review it by Monday?"),
], ids=["known", "lookalike, ordinary ask", "colleague"])
def test_known_senders_and_one_weak_trait_keep_their_items(sender: str, body: str) -> None:
    assert triage_reason(build(sender, "Hello", body), POLICY) == ""


@pytest.mark.parametrize(("sender", "subject", "body"), [
    ("HMRC <refunds@hmrc-gov-uk.example>", "Tax refund notification",
     "You are due a tax refund of £812.40. Please confirm your card details by Friday at "
     "http://hmrc-refund.example/claim so we can process it."),
    ("IRS Refunds <notice@irs-taxrefund.example>", "Your refund",
     "You are owed a federal refund of $1,204. Provide your banking information to receive it."),
    ("Finanzamt <info@steuer-erstattung.example>", "Steuerrückerstattung",
     "Sie erhalten eine Steuerrückerstattung von 640 EUR. Bitte bestätigen Sie Ihre Bankdaten."),
    ("Agence des impôts <contact@remboursement-fr.example>", "Remboursement",
     "Vous bénéficiez d'un remboursement d'impôt de 312 EUR. Merci de confirmer vos coordonnées bancaires."),
    ("GOV.UK <rebates@gov-uk-claims.example>", "Council tax rebate",
     "You are entitled to a council tax rebate of £150. Enter your card details to receive it."),
    ("Sparkasse <kundenservice@sparkasse-sicher.example>", "Ihr Konto",
     "Bitte bestätigen Sie Ihre Kontodaten, sonst wird Ihr Konto gesperrt."),
], ids=["H28", "irs", "finanzamt", "impots", "gov.uk", "bank login domain"])
def test_a_tax_office_or_bank_on_another_domain_yields_nothing(sender: str, subject: str, body: str) -> None:
    msg = build(sender, subject, body)
    assert "official body on another domain" in scam_traits(msg)
    assert triage_reason(msg, POLICY) == "marketing"


@pytest.mark.parametrize(("sender", "body"), [
    ("HMRC <noreply@notifications.service.gov.uk>", "Your tax return for 2025 has been received."),
    ("IRS <irs@irs.gov>", "Your payment was received."),
    ("Impôts <ne-pas-repondre@dgfip.finances.gouv.fr>", "Votre déclaration est disponible."),
    ("Barclays Bank <alerts@barclays.co.uk>", "Your statement is ready."),
    ("Lena from the Finance Team <lena@partner.example>", "Could you approve the budget by Friday?"),
    ("Ravi Sat <ravi@bankside-design.example>", "Could you review the mockups by Friday?"),
], ids=["hmrc gov.uk", "irs.gov", "gouv.fr", "bank own domain", "finance team", "bank in a design studio's name"])
def test_official_senders_on_their_own_domains_are_no_impostors(sender: str, body: str) -> None:
    assert "official body on another domain" not in scam_traits(build(sender, "Notice", body))


def test_an_accountant_reporting_a_refund_keeps_the_item() -> None:
    msg = build("Mia Chen <mia@chen-accounts.example>", "Your return",
                "Hi Ada, good news: you are due a tax refund of £420. Could you sign the return by Friday?")
    assert triage_reason(msg, POLICY) == ""  # one weak trait


@pytest.mark.parametrize(("gated", "hits"), [
    (spam.BANK_CHANGE, ["bank details have changed", "updated payment details", "pay the rest into the new account",
                        "new IBAN", "neue Bankverbindung", "nouveau RIB", "nueva cuenta bancaria", "nuovo IBAN",
                        "nova conta bancária", "nieuw rekeningnummer", "our bank account has changed"]),
    (spam.REFUND_DUE, ["you are due a refund", "tax rebate", "Steuerrückerstattung"]),
], ids=["bank change", "refund due"])
def test_the_new_gated_patterns_agree_with_their_branches_joined(gated: spam.Gated, hits: list[str]) -> None:
    for branch, hit in zip(gated.branches, hits, strict=True):
        assert branch.pattern.search(hit) and gated.search(hit), hit
    whole = gated.whole()
    for text in hits + ["Could you pay the invoice by Friday?", "a new account on staging"]:
        assert gated.search(text) == bool(whole.search(text)), text
