"""The sentence classifier: which act a sentence performs, as a second opinion on the rules.

A sentence asks ("could you send..."), promises ("I'll send..."), reports a blocker ("we can't
sign until...") or does none of these. The act and the direction of the mail give the item's
kind: an ask to the owner is a request, an ask by the owner a waiting item, and so on.
Multinomial logistic regression over the request model's features, trained by
:mod:`agent.extractors.train_kinds` and shipped as ``kinds_model.json``; plain Python scoring.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from agent.extractors.model import FeatureTable

ACTS = ("ask", "promise", "blocker", "none")


class KindsModel:
    """Weights per act and feature; ``probabilities`` is a softmax over the acts."""

    def __init__(self, weights: dict[str, dict[str, float]]) -> None:
        self.weights = weights
        # Feature -> its weights for the acts in ACTS order, as two complex numbers (ask + promise j,
        # blocker + none j): one lookup per feature, not four, and two additions. Adding complex
        # numbers adds their parts as separate float sums would, in the same order: the same floats.
        self._rows: dict[str, tuple[complex, complex]] = {
            f: (complex(weights["ask"].get(f, 0.0), weights["promise"].get(f, 0.0)),
                complex(weights["blocker"].get(f, 0.0), weights["none"].get(f, 0.0)))
            for f in set().union(*(weights[a] for a in ACTS))}
        self._table: FeatureTable[tuple[complex, complex] | None] = FeatureTable(self._rows, None)

    def probabilities(self, sentence: str) -> dict[str, float]:
        """The probability of each act for one sentence."""
        return dict(zip(ACTS, self._probabilities(sentence), strict=True))

    def _probabilities(self, sentence: str) -> list[float]:
        """The probability of each act, in ACTS order."""
        first = second = 0j
        for ask_promise, blocker_none in filter(None, self._table.values(sentence)):  # features(sentence), in order
            first += ask_promise
            second += blocker_none
        scores = (first.real, first.imag, second.real, second.imag)  # ACTS order
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, sentence: str) -> tuple[str, float]:
        """The likeliest act and its probability (the first in ACTS order on a tie)."""
        probs = self._probabilities(sentence)
        top = max(probs)
        return ACTS[probs.index(top)], top

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights}, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=1)
def shipped_kinds_model() -> KindsModel:
    """The model shipped with the package."""
    text = resources.files("agent.extractors").joinpath("kinds_model.json").read_text()
    return KindsModel(json.loads(text)["weights"])
