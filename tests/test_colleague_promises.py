"""In the owner's mail, a colleague's promise passed on with a day ("Priya will send you the signed
NDA tomorrow") is the owner's to keep track of: she made it to the reader, and seven of the labelled
weeks count it as her commitment. It is titled with the colleague's name ("Priya to send Sam the
signed NDA"), and the brief says "you promised it on Priya's behalf", not "you promised it". Without
a day, or said of "he" or "she", it stays news. What the owner says the reader will get stays hers."""

from __future__ import annotations

from datetime import date

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from planner.models import Item
from planner.priority import explain
from tests.conftest import make_message
from tests.test_extractor import _owner_mail


@pytest.mark.parametrize("text,title", [
    ("Priya will send you the signed NDA tomorrow.", "Priya to send Sam the signed NDA"),
    ("Jonas from our finance team will get the invoice to you by Friday.", "Jonas to get the invoice to Sam"),
])
def test_a_colleagues_dated_promise_is_the_owners_titled_with_the_colleague(text: str, title: str, owner: Owner) -> None:
    msg = make_message(text, sender="ada@example.com", to=("sam@client.example",), name="Ada")
    assert [(i.kind, i.title) for i in EmbeddedExtractor().extract(msg, owner)] == [("commitment", title)]


@pytest.mark.parametrize("text", [
    "Priya will send you the signed NDA at some point.",
    "He will send you the contract on Thursday.",
    "Priya will be out on Friday.",
])
def test_a_colleagues_news_is_not_a_promise(text: str, owner: Owner) -> None:
    assert [k for k, _, _ in _owner_mail(text, owner)] == []


def test_the_brief_says_whose_behalf() -> None:
    item = Item(kind="commitment", title="Priya to send Sam the signed NDA", evidence="Priya will send you the signed NDA tomorrow.",
                id=1, due="2026-11-19", source={})
    mine = Item(kind="commitment", title="Send Sam the signed NDA", evidence="I'll send you the signed NDA tomorrow.",
                id=2, due="2026-11-19", source={})
    assert "you promised it on Priya's behalf" in explain(item, [], date(2026, 11, 18)).reasons
    assert "you promised it" in explain(mine, [], date(2026, 11, 18)).reasons


@pytest.mark.parametrize("text,kind", [
    ("I'll send you the signed NDA tomorrow.", "commitment"),
    ("We will send the redline on Monday.", "commitment"),
    ("The deck will be with you on Friday.", "commitment"),
    ("Priya will draft it, and I'll send you the final version on Friday.", "commitment"),
    ("Ada will send you the contract on Thursday.", "commitment"),  # the owner by name
])
def test_the_owners_own_promise_stays(text: str, kind: str, owner: Owner) -> None:
    assert kind in [k for k, _, _ in _owner_mail(text, owner)]
