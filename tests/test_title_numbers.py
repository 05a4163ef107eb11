"""A title keeps its numbers whole: a comma or a stop between two digits (thousands, decimals,
times) is part of the number, not a clause break; a comma before a space still is one."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from connectors.types import Address
from tests.conftest import make_message


@pytest.mark.parametrize("text,number", [
    ("Could you approve invoice 8812 for $18,400 by Friday?", "$18,400"),
    ("Can you pay the deposit of €12.500,00 by Monday?", "€12.500,00"),
    ("Can you wire CHF 1,250,000 to the notary by Monday?", "CHF 1,250,000"),
    ("Could you approve invoice 8812 for $18.400 by Friday?", "$18.400"),
    ("Could you confirm the 2,5% discount with the supplier by Thursday?", "2,5%"),
    ("Can you raise the budget by 12,5 % before Friday?", "12,5 %"),
    ("Please order 1,5 tonnes of gravel for the site by Friday.", "1,5 tonnes"),
    ("Can you move our call to 10,30 on Thursday?", "10,30"),
    ("Can you move our call to 10.30 on Thursday?", "10.30"),
    ("Could you book 2,000 chairs for the conference by Friday?", "2,000 chairs"),
])
def test_a_request_title_keeps_the_whole_number(owner: Owner, text: str, number: str) -> None:
    [found] = EmbeddedExtractor().extract(make_message(text), owner)
    assert number in found.title, found.title


@pytest.mark.parametrize("text,title", [
    ("I'll transfer £3,750 to the landlord by Friday.", "Transfer £3,750 to the landlord"),
    ("I'll send you the 1,200-page report by Friday, as promised.", "Send Maria the 1,200-page report"),
])
def test_the_owners_promise_keeps_the_whole_number(owner: Owner, text: str, title: str) -> None:
    msg = make_message(text, sender="ada@example.com", name="Ada Lovelace")
    msg.to = [Address("Maria Chen", "maria@fund.example")]
    [found] = EmbeddedExtractor().extract(msg, owner)
    assert (found.kind, found.title) == ("commitment", title)


def test_someone_elses_promise_keeps_the_whole_number(owner: Owner) -> None:
    [found] = EmbeddedExtractor().extract(make_message("I'll wire the $25,000 escrow deposit by Friday."), owner)
    assert found.title == "Follow up with Maria: wire the $25,000 escrow deposit"


@pytest.mark.parametrize("text,title", [
    # A comma and a space break a clause, between numbers too, as in a list of words.
    ("Could you review chapters 1, 2 and 3 by Friday?", "Review chapters 1"),
    ("Please send the deck to Tom, Priya and Lee by Friday.", "Send the deck to Tom"),
    ("Could you send me the deck, if you still have it, by Friday?", "Send Maria the deck"),
    ("Could you send me the 2026 budget, ideally by Friday?", "Send Maria the 2026 budget"),
])
def test_a_comma_that_breaks_a_clause_still_ends_the_title(owner: Owner, text: str, title: str) -> None:
    [found] = EmbeddedExtractor().extract(make_message(text), owner)
    assert found.title == title


@pytest.mark.parametrize("title,evidence,whole", [
    ("Pay the deposit of €12", "Can you pay the deposit of €12.500,00 by Monday?", "Pay the deposit of €12.500,00"),
    ("Send the v2", "Could you send the v2.1 deck?", "Send the v2.1"),
    # The same words twice, once with a decimal: which one the title means is unknown, so it stays.
    ("Pay invoice 12 and invoice 12", "Please pay invoice 12 and invoice 12.5 by Friday.",
     "Pay invoice 12 and invoice 12"),
    ("Review chapters 1", "Could you review chapters 1, 2 and 3?", "Review chapters 1"),
    ("Send invoice 12", "Could you send invoice 12.", "Send invoice 12"),
    ("Send the deck", "Send the deck by 10.30", "Send the deck"),
])
def test_only_a_number_the_title_cut_is_made_whole(title: str, evidence: str, whole: str) -> None:
    # Imported here, so the rest of the file runs without it.
    from agent.extractors.embedded import _whole_number

    assert _whole_number(title, evidence) == whole
