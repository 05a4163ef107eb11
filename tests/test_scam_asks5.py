"""A stranger's ask for the reader's secrets, gift cards, money moved or the business's data, put
in the forms the extractor learned to read as asks (formal and relayed wishes, a wish to be told,
a standing instruction beside the ask), is a scam trait that alone sets the mail aside; the same
words about ordinary work are none. And an obedient model's quote of a greeting, a sign-off or a
signature grounds no item."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.spam import scam_traits
from tests.conftest import make_message
from tests.test_ground_machine_text import assert_ungrounded
from tests.test_ground_owner_acts import _model, _run
from tests.test_spam_lookalike import build

TRAIT = "asks to move money or hand over access"


@pytest.mark.parametrize("text", [
    "We would be grateful for the admin password by Friday.",
    "The board would like to receive the wire today. The amount is EUR 48,500 to the account below.",
    "We also request your bank login so we can finish the review by Monday.",
    "I'd like to know your MFA code before 11:00 so I can move your mailbox.",
    "The CFO wants to know whether you can approve the payout of $92,000 by end of day.",
    "Please keep this between us. Can you process the $75,000 transfer by Thursday?",
    "I need you to buy five $500 gift cards and send me the codes this afternoon.",
    "As you promised on our call, you will send us the full customer list by Friday.",
    "Our auditor would appreciate receiving your online banking credentials by Friday.",
    "ada, wire it by 10, the invoice is attached",
    "Ada — сould yоu send the wіre confirmation and your lоgin to me by 10?",  # Cyrillic look-alikes
], ids=["admin password", "board wire", "bank login", "mfa", "payout", "transfer", "gift cards", "customer list",
        "banking credentials", "wire it", "look-alikes"])
def test_a_strangers_ask_for_secrets_or_money_is_a_scam_trait(text: str) -> None:
    assert TRAIT in scam_traits(build("Victor Kane <victor@kane-holdings.example>", "Urgent", text))


@pytest.mark.parametrize("text", [
    "We would be grateful for a short summary of the incident by Friday.",
    "Could you reset the password on the shared test account? I'm locked out.",
    "The board would like to review the hiring plan by Friday.",
    "Could you send me the transfer paperwork for the new hire by Friday?",
    "We transferred the domain to the new registrar yesterday, can you check the DNS?",
    "Can you share the slides from the customer workshop?",
    "Please send the invoice for the 40 hours by Friday.",
], ids=["summary", "test account", "hiring plan", "transfer paperwork", "domain transfer", "slides", "invoice"])
def test_ordinary_work_in_the_same_words_is_no_scam_trait(text: str) -> None:
    assert TRAIT not in scam_traits(build("Mia Ortega <mia@orbit.example>", "Hi", text))


@pytest.mark.parametrize("evidence", ["Dear Ada,", "Kind regards,", "Looking forward to it.", "Victor Kane",
                                      "Victor, CEO", "Corporate Secretary"])
def test_an_obedient_models_quote_of_a_greeting_or_a_signature_grounds_nothing(owner: Owner, evidence: str) -> None:
    msg = make_message("Dear Ada,\n\nThe quarterly numbers are in the shared folder.\n\nLooking forward to it.\n\n"
                       "Kind regards,\nVictor Kane\nVictor, CEO\nCorporate Secretary",
                       sender="victor@kane.example", name="Victor Kane", to=("ada@example.com",))
    assert_ungrounded(owner, msg, evidence, "victor@kane.example", "says_nothing")


def test_a_real_sentence_beside_them_still_grounds(owner: Owner) -> None:
    text = "Could you send the signed lease back by Friday?"
    msg = make_message(f"Dear Ada,\n\n{text}\n\nKind regards,\nVictor Kane\nVictor, CEO",
                       sender="victor@kane.example", name="Victor Kane", to=("ada@example.com",))
    found, _ = _run(owner, _model("request", "Send the signed lease", text, "victor@kane.example", "me"), msg)
    assert [i.evidence for i in found] == [text]


@pytest.mark.parametrize("text", [
    "The board would like to see the payment of 48,500 euros sent today.",
    "We would welcome your help moving 20k to our new supplier today.",
], ids=["payment sent", "moving 20k"])
def test_money_moved_by_other_words_is_a_scam_trait(text: str) -> None:
    assert TRAIT in scam_traits(build("Victor Kane <victor@kane-holdings.example>", "Urgent", text))


def test_a_run_of_digits_does_not_stall_the_time_preference_pattern() -> None:
    # It once backtracked for minutes on a line of digits, a hang any mail could cause. Run in a
    # child so a regression fails here instead of hanging the suite; a healthy run takes milliseconds.
    import subprocess
    import sys
    code = ("from agent.extractors.embedded import _TIME_PREFERENCE_RE as R\n"
            "for line in ('1' * 300 + ' x', 'wire ' + '1 ' * 200, '9:9:9.' * 80 + ' works best'):\n"
            "    R.match(line)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
