"""The shortcuts of the extractor's primitives (literal gates, a pattern's ending looked for first,
feature weights looked up by token) give exactly what the plain computations give."""

from __future__ import annotations

import math
import re

import pytest

from agent.extractors import embedded, model
from agent.extractors.dates import fold
from agent.extractors.kinds import ACTS, shipped_kinds_model
from agent.extractors.model import features, request_features, shipped_model

SHIPPING = ["Invoice on its way", "The samples are on their way to you", "Invoice to follow next week",
            "The signed copy will follow", "Replacement goes out tmrw", "Samples going in the post tmrw",
            "The parcel ships Friday", "Your order is shipping today", "The pallet leaves your way Monday",
            "Delivery is planned Friday", "The order is scheduled for Monday", "Stock is booked for Tuesday",
            "Payment is expected Friday", "The boxes should be with you Monday", "The parcel should arrive Friday",
            "New dispatch date is Wednesday, so delivery should arrive Friday", "Ok, the invoice posts out today",
            "Heads up: the mockups will land on Monday", "The samples will arrive Thursday",
            "Your copy will be with you Monday", "The boxes will reach you Friday", "The parcel will get to you Tuesday"]
CLAUSES = ["I'll draft the memo tonight and will share the budget on Monday",
           "I'll send the link tomorrow, please give me feedback by Monday",
           "I can't file it until I see the statement, so can you forward it?",
           "Julie is pulling the list now; you'll have it Thursday",
           "We spoke on Monday and agreed to revisit the timeline", "Send it, then we're done",
           "You'd have it Monday and the rest by Friday", "We'll review it, but you should have the notes",
           "I'm going to call them and we send the contract", "Thanks, could you resend it?", "Plain, no split here.",
           "a ; b", "a;;b", "x;\t y ;", " ; ", ";", "Notes:\u00a0; the rest -", "Julie; and I'll send it, please call",
           "Draft it \u2014; then, please sign"]
LOOSE = ["sorry - I can't ship till Friday", "moved). if you can drop them round tmrw", "the model no. off the plate",
         "Ok! see you then", "Really? yes", "Jan-Feb numbers", "A\u2013B", "No stop at all", "Ends here.",
         "e.g. this one", "Tabs.\tand more"]
BARE = ["Quotes from both suppliers by next week.", "Draft by Friday!", "Draft by Friday.\n", "Report by",
        "Final numbers before the 12th", "The summary no later than Tuesday.", "The deck is ready by Monday",
        "Two copies by the board meeting on the 3rd, as agreed", "Will send it over tomorrow."]


@pytest.mark.parametrize("sentence", SHIPPING)
def test_shipping_branches_hold_a_key(sentence: str) -> None:
    assert embedded._SHIPPING_RE.match(sentence), sentence
    assert any(k in fold(sentence) for k in embedded._SHIPPING_KEYS), sentence
    assert embedded._match(embedded._SHIPPING_RE, sentence) is not None


@pytest.mark.parametrize("sentence", CLAUSES + SHIPPING + LOOSE)
def test_clause_splits_and_subjects_are_unchanged(sentence: str) -> None:
    expected = [embedded._TRAILING_RE.sub("", p.strip()) for p in embedded._CLAUSE_SPLIT_RE.split(sentence)]
    assert embedded._clause_parts(sentence) == expected
    low = fold(sentence)
    for rx in (embedded._SUBJECT_RE, embedded._LEAD_RE):
        if rx.search(sentence):
            assert any(k in low for k in embedded._SUBJECT_KEYS), (rx.pattern[:30], sentence)


@pytest.mark.parametrize("text", LOOSE + CLAUSES)
def test_every_loose_break_follows_a_stop_or_a_dash(text: str) -> None:
    for m in embedded._LOOSE_SPLIT_RE.finditer(text):
        before = text[:m.start()]
        assert before[-1:] in (".", "!", "?") and m.start() <= len(text) - 3 or any(d in text for d in "-\u2013\u2014")
    if embedded._LOOSE_SPLIT_RE.search(text) is None:
        assert embedded._loose_split(text) == [text]


@pytest.mark.parametrize("sentence", BARE)
def test_the_verbless_promise_ending_first_changes_no_match(sentence: str) -> None:
    lookahead = r"(?=.* (?:by|before|no later than) [^.!?;,]{2,40}[.!]*$)"
    plain = re.compile(embedded._BARE_PROMISE_RE.pattern.replace(lookahead, "", 1), re.I)
    assert plain.pattern != embedded._BARE_PROMISE_RE.pattern
    got, expected = embedded._BARE_PROMISE_RE.match(sentence), plain.match(sentence)
    assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict()))


SENTENCES = CLAUSES + SHIPPING + LOOSE + BARE + ["", "?", "Can u send it?", "İstanbul ſoon?", "a_b c_d",
                                                 " ".join(["word"] * 40), "Could you send the deck by Friday?"]


# The shipped classifier's weights per act, read once for every sentence below.
_KINDS_WEIGHTS: dict[str, dict[str, float]] = {}


@pytest.mark.parametrize("sentence", SENTENCES)
def test_model_scores_are_the_features_weights_in_order(sentence: str) -> None:
    weights = shipped_model().weights
    z = sum(weights.get(f, 0.0) for f in request_features(sentence))
    assert shipped_model().probability(sentence) == 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    kinds = shipped_kinds_model()
    if not _KINDS_WEIGHTS:
        _KINDS_WEIGHTS.update(kinds.weights)
    by_act = _KINDS_WEIGHTS
    known = set().union(*by_act.values())
    scores = dict.fromkeys(ACTS, 0.0)
    for f in features(sentence):
        for act in ACTS:
            if f in known:
                scores[act] = scores[act] + by_act[act].get(f, 0.0)
    top = max(scores.values())
    exps = {a: math.exp(s - top) for a, s in scores.items()}
    assert kinds.probabilities(sentence) == {a: e / sum(exps.values()) for a, e in exps.items()}


def test_pairs_are_spelled_once() -> None:
    tokens, pairs, _ = model._read("Could you send it?")
    assert pairs == ("could_you", "you_send", "send_it", "it_?")
    assert tokens == ("could", "you", "send", "it", "?")


@pytest.mark.parametrize("body", ["Priya Shah has invited you to Weekly sync", "Invitation from Google Calendar",
                                  "Accept | Tentative | Decline", "ACCEPT / TENTATIVE / DECLINE", "Going? Yes - Maybe - No",
                                  "Invitation from Outlook Calendar\nJoin the call"])
def test_invitations_hold_a_key(body: str) -> None:
    assert embedded._INVITATION_RE.search(body), body
    assert any(k in fold(body) for k in embedded._INVITATION_KEYS), body


def test_trailing_chars_are_what_the_trailing_pattern_strips() -> None:
    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert set(embedded._TRAILING_CHARS) == set(spaces) | set(",:;–—-")
    for text in ("done ,;", "done\n", "done,\n", "a - b -", "x\u3000", "keep", "", " ;"):
        assert embedded._TRAILING_RE.sub("", text) == text.rstrip(embedded._TRAILING_CHARS), repr(text)


# ("The forms shall be returned by Friday" is a duty stated to the reader since round seven: _DUE_STATEMENT_RE.)
PASSIVE = ["The forms shall be collected at the latest tomorrow", "All keys shall be handed over by Thursday",
           "The signed contracts will be delivered before Monday", "Both rooms should be cleared by 5pm",
           "I'm sending the slides tonight", "Quotes from both suppliers by next week."]


@pytest.mark.parametrize("sentence", PASSIVE)
def test_bare_promise_branches_hold_a_key(sentence: str) -> None:
    """A gate skips the pattern when the sentence holds none of its keys: every branch that can
    match must hold one ("shall" was missing, so "the forms shall be returned..." was never read)."""
    assert embedded._BARE_PROMISE_RE.match(sentence), sentence
    assert embedded._bare(sentence, fold(sentence)) is not None, sentence
