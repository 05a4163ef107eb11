"""In the owner's mail, a colleague's promise passed on ("Inès will send you the booking
confirmation today") is not the owner's commitment: the brief said "you promised it" of work
someone else does. What the owner says the reader will get stays the owner's."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_extractor import _owner_mail


@pytest.mark.parametrize("text", [
    "Priya will send you the signed NDA tomorrow.",
    "Jonas from our finance team will get the invoice to you by Friday.",
    "Marta, in the legal team, will share the redline on Monday.",
    "He will send you the contract on Thursday.",
    "Also, Tomasz is going to fix the export by Wednesday.",
])
def test_a_colleagues_promise_is_not_the_owners(text: str, owner: Owner) -> None:
    assert [k for k, _, _ in _owner_mail(text, owner)] == []


@pytest.mark.parametrize("text,kind", [
    ("I'll send you the signed NDA tomorrow.", "commitment"),
    ("We will send the redline on Monday.", "commitment"),
    ("The deck will be with you on Friday.", "commitment"),
    ("Priya will draft it, and I'll send you the final version on Friday.", "commitment"),
    ("Ada will send you the contract on Thursday.", "commitment"),  # the owner by name
])
def test_the_owners_own_promise_stays(text: str, kind: str, owner: Owner) -> None:
    assert kind in [k for k, _, _ in _owner_mail(text, owner)]
