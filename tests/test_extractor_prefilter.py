"""The literal prefilters in front of the extractor's regexes must never hide a match."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors import embedded, model
from agent.extractors.dates import PATTERNS, _may_match, find_due, fold
from agent.extractors.embedded import EmbeddedExtractor, is_rule_request

WEDNESDAY = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)

# Case-insensitive matching takes "ſ" for "s", "ı" and "İ" for "i", and the Kelvin sign for "k".
ODD_CASES = [
    "Pleaſe ſend the report.",
    "Could you ſign it by ſunday?",
    "Can you confırm by Frıday?",
    "HOPE THİS HELPS",
    "\u212aindly review the deck by end of week.",
    "We're blocked on legal until \u212aaren signs.",
    "I'm out of the offıce.",
]
SENTENCES = ODD_CASES + [
    "Could you send me the cap table by end of next week?",
    "We need the signed NDA from you by Friday.",
    "Don't forget to book the room for Tuesday 3pm.",
    "Is it possible to move the call to 15 December?",
    "I'll send you the deck in 3 business days.",
    "Thanks again for the quick turnaround on the contract.",
    "Click here if you no longer wish to receive these emails.",
    "Pending approval from finance, see https://example.com/x.",
    "Let us know tonight, tmrw at the latest.",
    "Make sure to add u to the thread, u know why.",
    "Nothing to see here.",
]

GATES = [(getattr(embedded, f"_{name}_RE"), getattr(embedded, f"_{name}_KEYS"))
         for name in ("COURTESY", "OOO", "MARKETING", "ASK", "NEED_FROM", "PROMISE", "LET_ME", "BLOCKER")]
GATES += [(model._CUES[name], keys) for name, keys in model._CUE_KEYS.items()]


def test_fold_maps_what_ignorecase_matches_onto_ascii() -> None:
    assert fold("Pleaſe ſIGN İt, Frıday, \u212aaren") == "please sign it, friday, karen"
    assert fold("Plain ASCII") == "plain ascii"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_match_holds_a_key(sentence: str) -> None:
    low = fold(sentence)
    for rx, keys in GATES:
        if rx.search(sentence):
            assert any(k in low for k in keys), (rx.pattern[:40], sentence)
    for kind, rx in PATTERNS:
        if rx.search(sentence):
            assert _may_match(kind, sentence, low), (kind, sentence)


def test_odd_case_letters_still_count() -> None:
    assert is_rule_request("Pleaſe ſend the report.")
    assert EmbeddedExtractor().is_request("\u212aindly review the deck by end of week.")
    assert find_due("Send it by end of wee\u212a.", WEDNESDAY, ZoneInfo("Europe/London"))[0] == "2026-11-20"
    assert find_due("Send it tonıght.", WEDNESDAY, ZoneInfo("Europe/London"))[0] == "2026-11-18"


def test_modal_you_cue_sees_a_lone_u() -> None:
    assert "cue:modal_you" in model.features("Can u send it?")
    assert "cue:modal_you" in model.features("Could\tyou send it?")
    assert "cue:modal_you" not in model.features("Can use it.")
    assert re.search(r"\bu\b", "menu") is None
