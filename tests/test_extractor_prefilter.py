"""The literal prefilters in front of the extractor's regexes must never hide a match."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent.extractors import embedded, model
from agent.extractors.base import Owner
from agent.extractors.dates import PATTERNS, _may_match, find_due, fold
from agent.extractors.embedded import EmbeddedExtractor, is_rule_request
from connectors.mime import try_parse
from connectors.types import Address, Message
from planner.models import Item

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
    # Promises from others that yield only with a date, "from me" or a "you": quiet without them.
    "We will adjust the rollout plan.", "We will adjust the rollout plan by Friday.",
    "We'll get the contract signed for you.", "You'll have the pricing from me.", "You'll have the pricing soon.",
    "You'll have the pricing on Thursday.", "Will send the deck over tomorrow.", "Will send the deck over.",
    "Expect the signed copy on Thursday.", "Expect the signed copy.", "We will revisit plan 4711 after the board call.",
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


# -- the quiet check: a sentence proven to yield nothing is skipped, and remembered -------------

ROOT = Path(__file__).resolve().parent.parent
MAIL_DIRS = [ROOT / "config" / "demo" / "mail", ROOT / "eval" / "week-em" / "mail", ROOT / "eval" / "week-sales" / "mail"]
LONDON = ZoneInfo("Europe/London")


class _Unfiltered(EmbeddedExtractor):
    """Every sentence read by the full chain of rules and the classifier."""

    def _quiet(self, sentence: str, from_owner: bool) -> bool:
        return False


def _corpus() -> list[Message]:
    found = [try_parse(p.read_bytes(), received=WEDNESDAY)[0]
             for d in MAIL_DIRS for p in sorted(d.rglob("*")) if p.is_file()]
    messages = [m for m in found if m is not None]
    # Each test sentence alone, to the owner and from the owner, and once more with another date.
    for n, s in enumerate(SENTENCES + [f"{a} {b}" for a, b in zip(SENTENCES, SENTENCES[1:], strict=False)]):
        for sender, to in ((Address("Sam Colleague", "sam@example.com"), Address("Ada Lovelace", "ada@example.com")),
                           (Address("Ada Lovelace", "ada@example.com"), Address("Sam Colleague", "sam@example.com"))):
            for day in (WEDNESDAY, WEDNESDAY - timedelta(days=40)):
                messages.append(Message(message_id=f"<q{n}@example.com>", subject="Re: plan", sender=sender,
                                        to=[to], cc=[], date=day, text=s, reply_text=s))
    return messages


def _owners(message: Message) -> list[Owner]:
    # Each message read as mail to the owner and as the owner's own mail.
    return [Owner("Ada Lovelace", "ada@example.com", LONDON),
            Owner(message.sender.name or "Rosa", message.sender.email or "rosa@example.com", LONDON)]


def _fields(items: list[Item]) -> list[tuple[object, ...]]:
    return [(i.kind, i.title, i.evidence, i.due, i.owner, i.counterparty) for i in items]


def test_the_quiet_check_changes_no_output() -> None:
    corpus = _corpus()
    assert len(corpus) > 150
    fast, full = EmbeddedExtractor(), _Unfiltered()
    found = 0
    for message in corpus:
        for owner in _owners(message):
            expected = _fields(full.extract(message, owner))
            assert _fields(fast.extract(message, owner)) == expected, message.message_id
            found += len(expected)
    assert found > 100
    # Most sentences of real mail yield nothing, so most were answered by the check.
    assert sum(fast._quiet_seen.values()) > len(fast._quiet_seen) / 2


def test_a_remembered_sentence_is_read_afresh_in_its_own_message() -> None:
    """Only "yields nothing" is remembered: a sentence that yields is dated by each message."""
    extractor = EmbeddedExtractor()
    owner = Owner("Ada Lovelace", "ada@example.com", LONDON)
    text = "Could you send me the cap table by Friday?"
    dues = []
    for day in (WEDNESDAY, WEDNESDAY + timedelta(days=7)):
        message = Message(message_id="<d@example.com>", subject="Cap table", sender=Address("Sam", "sam@example.com"),
                          to=[Address("Ada Lovelace", "ada@example.com")], cc=[], date=day, text=text, reply_text=text)
        dues.append([i.due for i in extractor.extract(message, owner)])
    assert dues == [["2026-11-20"], ["2026-11-27"]]
    assert extractor._quiet_seen[(text, False)] is False
