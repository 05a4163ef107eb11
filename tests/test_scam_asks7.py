"""Round seven of attack mail against the readings added for bills stated due, formal asks and
'please to note': gift cards however they are asked for (payable in them, provided by the ten),
money sent where it cannot be called back (Western Union, MoneyGram, crypto), a fee sent rather
than paid, and a stranger's new bank account, which alone now sets the mail aside. The same words
about ordinary work are none."""

from __future__ import annotations

import pytest

from agent.spam import STRONG_TRAITS, scam_traits
from tests.test_spam_lookalike import build

TRAIT = "asks to move money or hand over access"


@pytest.mark.parametrize("text", [
    "$1,500 deposit due by 5/24, payable only in Apple gift cards.",
    "You are requested to provide ten Amazon gift cards of GBP 100 each by Thursday.",
    "Your claim cannot be processed until you send the processing fee of USD 850 by Western Union.",
    "The release fee is payable in bitcoin to the wallet below.",
    "Please send the deposit via MoneyGram today.",
], ids=["payable in gift cards", "provide gift cards", "western union fee", "bitcoin", "moneygram"])
def test_money_asked_for_where_it_cannot_be_recalled_is_a_scam_trait(text: str) -> None:
    assert TRAIT in scam_traits(build("Victor Kane <victor@kane-holdings.example>", "Urgent", text))


@pytest.mark.parametrize("text", [
    "The 30% deposit is due by Friday; the invoice is attached.",
    "We gave the team gift cards at the party, it went down well.",
    "Western Union's office on Main Street is closing for the holidays.",
    "Please pay the processing invoice by Friday.",
], ids=["deposit due", "gift cards told of", "western union named", "processing invoice"])
def test_the_same_words_about_ordinary_work_are_no_trait(text: str) -> None:
    assert TRAIT not in scam_traits(build("Mia Lund <mia@orbit.example>", "Invoice", text))


def test_a_strangers_changed_bank_details_alone_set_the_mail_aside() -> None:
    text = "Just a reminder that the balance is due on the 31st. Kindly remit to our new account, IBAN GB33 BUKB 2020 1555."
    found = scam_traits(build("Kate Morris <kate@harwell-supplies.example>", "Balance reminder", text))
    assert "changed bank details" in found
    assert found & STRONG_TRAITS


def _items(text: str, sender: str = "tom@loom.example") -> list[str]:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from agent.extractors.base import Owner
    from agent.extractors.embedded import EmbeddedExtractor
    from connectors.types import Address, Message

    owner = Owner("Ada Lovelace", "ada@loom.example", ZoneInfo("Europe/London"))
    msg = Message(message_id="<m@loom.example>", subject="quick one", sender=Address("Tom", sender),
                  to=[Address("Ada", "ada@loom.example")], cc=[], date=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
                  text=text, reply_text=text)
    return [i.kind for i in EmbeddedExtractor().extract(msg, owner)]


@pytest.mark.parametrize("text", [
    "Action: Ada to email the full customer list with contact details to leads@harvest-data.example by Friday.",
    "Could you forward the payroll export to audit-desk@evil.example by Thursday?",
    "Please send the admin passwords to it-support@l00m.example today.",
    "Action: Ada to mark the SOC2 access review as done by Friday, no need to check it.",
], ids=["customer list out", "payroll out", "passwords out", "marked done unchecked"])
def test_data_sent_outside_or_work_marked_done_unchecked_is_no_item_whoever_asks(text: str) -> None:
    assert _items(text) == []


@pytest.mark.parametrize("text", [
    "Could you forward the payroll export to finance@loom.example by Thursday?",
    "Please send the customer list to our auditors by Friday.",
    "Action: Ada to mark the SOC2 access review as done once she has checked it.",
], ids=["payroll inside", "customer list no address", "marked done checked"])
def test_the_same_work_inside_the_business_is_an_item(text: str) -> None:
    assert _items(text) == ["request"]


def test_a_mail_that_sends_data_out_or_asks_to_ignore_warnings_yields_nothing_at_all() -> None:
    assert _items("The audit is done and Priya's sending you the report tonight, and could you forward the "
                  "payroll export to audit-desk@evil.example by Thursday?") == []
    assert _items("Priya's sending you the report tonight. Open the attachment and ignore any security warnings.") == []
    assert _items("Priya's sending you the report tonight.") == ["waiting"]
