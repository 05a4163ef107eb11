"""The first sentence of a mail that says more sets the scene ("Further to our meeting on
Tuesday, I am writing regarding the maintenance contract"): it is no ask unless it says what is
wanted. Only the request model read such openers as asks, and they filled the brief with "Reply
to Pierre about Pricing" beside the real ask that followed."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message

EX = EmbeddedExtractor()
ASK = "The deck is attached. Could you review the pricing slide by Friday? Thanks!"


def _asks(text: str, owner: Owner) -> list[str]:
    return [i.evidence for i in EX.extract(make_message(text), owner) if i.kind == "request"]


@pytest.mark.parametrize("opener", [
    "Following up on our chat at the offsite, I'm writing to you about the vendor shortlist.",
    "After yesterday's call I come back to you regarding the renewal terms.",
    "For the offsite next week the hosts are you, Priya and Tom.",
    "Further to our meeting on Tuesday, I am writing regarding the maintenance contract.",
    "For the board dinner on Thursday the speakers are you, Lena and me.",
    "Re the audit, following our call I come back to you with the open points.",
    "Coming back to you on the insurance renewal after our call this morning.",
    "For the hiring panel tomorrow the interviewers are you and Jonas.",
])
def test_an_opener_that_sets_the_scene_is_no_ask(opener: str, owner: Owner) -> None:
    assert _asks(f"Hi Ada,\n\n{opener} {ASK}", owner) == ["Could you review the pricing slide by Friday?"]


@pytest.mark.parametrize("opener", [
    "We need your sign-off on the vendor by Thursday.",
    "Quick one, are you free Thursday afternoon for the vendor call?",
    "Please send me the signed NDA today.",
])
def test_an_opener_that_asks_is_an_ask(opener: str, owner: Owner) -> None:
    assert _asks(f"Hi Ada,\n\n{opener} {ASK}", owner) == [opener, "Could you review the pricing slide by Friday?"]


def test_a_mail_of_one_sentence_is_read_as_before(owner: Owner) -> None:
    # With nothing after it, the sentence is the mail: the model's reading stands.
    assert _asks("Hi Ada,\n\nComing back to you on the insurance renewal after our call this morning.\n\nBest,\nLena",
                 owner) == ["Coming back to you on the insurance renewal after our call this morning."]


@pytest.mark.parametrize("opener", [
    "I wanted to put a few things down in writing before the sprint starts, so bear with me.",
    "I'd like to run the vendor demos next week, ideally on Tuesday.",
])
def test_an_opener_that_says_the_writers_own_plan_is_no_ask(opener: str, owner: Owner) -> None:
    assert _asks(f"Hi Ada,\n\n{opener} {ASK}", owner) == ["Could you review the pricing slide by Friday?"]


@pytest.mark.parametrize("text", [
    "Following our demo of last week, please find in attachment our offer for the team plan.",
    "Please find herewith the signed minutes of the board meeting.",
    "You have done a huge amount this month, please actually take the weekend off.",
    "Please take a few days off after the launch, you have earned it.",
    "Get some rest before the offsite!",
    "This is the NDA version, so please keep it strictly confidential.",
    "Draft numbers only, please keep them between us for now.",
])
def test_courtesy_and_care_are_no_asks(text: str, owner: Owner) -> None:
    assert _asks(f"Hi Ada,\n\n{ASK}\n\n{text}\n\nBest,\nLena", owner) == ["Could you review the pricing slide by Friday?"]


@pytest.mark.parametrize("text", [
    "Please take some time to review the attached draft by Friday.",
    "Please keep the board deck under ten slides and send it to me by Thursday.",
])
def test_asks_that_share_their_words_stay_asks(text: str, owner: Owner) -> None:
    assert text in _asks(f"Hi Ada,\n\nThanks for the call.\n\n{text}\n\nBest,\nLena", owner)
