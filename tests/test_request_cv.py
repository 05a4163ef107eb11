from __future__ import annotations

from collections.abc import Sequence

from agent.extractors import train
from agent.extractors.model import RequestModel

ROWS = [
    ("Could you send me the signed order form by Friday?", True),
    ("Please review the draft and reply with comments.", True),
    ("Call me when you land.", True),
    ("Can you confirm the room for Tuesday?", True),
    ("Let me know which slot works for you.", True),
    ("Would you mind forwarding the invoice to finance?", True),
    ("The quarterly numbers came in above plan.", False),
    ("We met with the auditors yesterday.", False),
    ("Thanks for the update.", False),
    ("I'll send the revised quote on Monday.", False),
    ("The office is closed on the holiday.", False),
    ("Our team shipped the release last night.", False),
]


def test_each_draw_scores_every_row_once_and_never_on_rows_it_fitted() -> None:
    pairs = train.folds(ROWS, k=3, draws=2)
    assert len(pairs) == 6
    for draw in (pairs[:3], pairs[3:]):
        scored = [row for _, score in draw for row in score]
        assert sorted(scored) == sorted(ROWS)
        for fit, score in draw:
            assert not set(fit) & set(score)
            assert len(fit) + len(score) == len(ROWS)
    assert train.folds(ROWS, k=3, draws=2) == pairs


def test_cross_validation_pools_each_setting_over_the_folds() -> None:
    def detect(model: RequestModel, sentences: Sequence[str]) -> list[list[bool]]:
        asks = [model.probability(s) >= 0.5 for s in sentences]
        return [asks, [True] * len(sentences)]

    first = train.cross_validate(ROWS, train.train, detect, k=3, draws=2)
    assert first == train.cross_validate(ROWS, train.train, detect, k=3, draws=2)
    # Calling everything a request: every ask found, half the calls wrong.
    assert first[1] == (0.5, 1.0, 2 * 0.5 / 1.5)
    assert all(0.0 <= x <= 1.0 for triple in first for x in triple)


def test_weighting_the_asks_raises_their_probability_and_stays_reproducible() -> None:
    plain, weighted = train.train(ROWS), train.train(ROWS, pos_weight=1.5)
    assert weighted.to_json() == train.train(ROWS, pos_weight=1.5).to_json()
    asks = [s for s, label in ROWS if label]
    assert sum(map(weighted.probability, asks)) > sum(map(plain.probability, asks))
