"""The cheap checks before costly ones give the answers the costly ones alone gave."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pytest

from agent.extractors import dates
from agent.extractors.dates import _matches, _no_deadline
from agent.extractors.kinds import ACTS, shipped_kinds_model
from agent.extractors.model import features

SENTENCES = [
    "We met on Monday and agreed to send it by Friday.", "Legal is out until the 6th, so sign it by the 9th.",
    "The price lock holds till March 31.", "From Dec 24 to Jan 2 the office is closed.",
    "From Monday until Friday we are heads down.", "After Friday's all-hands, send the deck by Tuesday.",
    "Since Monday the numbers were flat; please check them tomorrow.", "We'll keep staging up until Friday.",
    "The invoice dated 03/11 was paid on the 5th.", "Thanks again for Tuesday, could you send the notes by Thursday?",
    "We wrapped up the audit on the 10th and will file it next week.", "Following our call on the 22nd, ping me.",
    "We SPOKE on Monday about the Friday launch.", "I'll be away from the 3rd – the 7th of May.",
    "Could you confirm by 20.3. whether it works?", "The cut-off is the 15th.", "See you on the 1ſt!",
]


def _reference(sentence: str, m: re.Match[str], clause_start: int, work: bool) -> bool:
    """_no_deadline as written before its cheap checks."""
    before = sentence[:m.start()]
    if (dates._START_LEAD_RE.search(before) or dates._START_IN_MATCH_RE.match(m.group(0))
            or dates._RANGE_END_RE.search(before)):
        return True
    head = sentence[:m.start() + dates._lead_len(m.group(0))]
    if work and dates._STATE_UNTIL_RE.search(head, clause_start):
        return True
    pasts = [p for p in dates._PAST_RE.finditer(sentence, clause_start) if p.end() <= m.start()]
    return bool(pasts) and not dates._FUTURE_RE.search(sentence[:len(head)], pasts[-1].end())


@pytest.mark.parametrize("sentence", SENTENCES)
def test_no_deadline_checks_hide_nothing(sentence: str) -> None:
    found = _matches(sentence)
    assert found
    for _, m in found:
        for start in (0, m.start() // 2):
            for work in (True, False):
                assert _no_deadline(sentence, m, start, work) == _reference(sentence, m, start, work)


@lru_cache(maxsize=1)
def _kinds_weights() -> dict[str, dict[str, float]]:
    """The shipped classifier's weights per act, spelled out once (the model keeps only its table)."""
    return shipped_kinds_model().weights


@pytest.mark.parametrize("sentence", SENTENCES)
def test_kinds_probabilities_are_those_of_float_sums(sentence: str) -> None:
    model = shipped_kinds_model()
    weights = _kinds_weights()
    scores = [0.0] * len(ACTS)
    for f in features(sentence):  # each act's weights added one by one, in the features' order
        if any(f in weights[a] for a in ACTS):
            scores = [score + weights[a].get(f, 0.0) for score, a in zip(scores, ACTS, strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    assert model._probabilities(sentence) == [e / sum(exps) for e in exps]
