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

from agent.extractors.model import features

ACTS = ("ask", "promise", "blocker", "none")


class KindsModel:
    """Weights per act and feature; ``probabilities`` is a softmax over the acts."""

    def __init__(self, weights: dict[str, dict[str, float]]) -> None:
        self.weights = weights

    def probabilities(self, sentence: str) -> dict[str, float]:
        """The probability of each act for one sentence."""
        feats = features(sentence)
        scores = {a: sum(self.weights[a].get(f, 0.0) for f in feats) for a in ACTS}
        top = max(scores.values())
        exps = {a: math.exp(s - top) for a, s in scores.items()}
        total = sum(exps.values())
        return {a: e / total for a, e in exps.items()}

    def best(self, sentence: str) -> tuple[str, float]:
        """The likeliest act and its probability."""
        probs = self.probabilities(sentence)
        act = max(ACTS, key=lambda a: probs[a])
        return act, probs[act]

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights}, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=1)
def shipped_kinds_model() -> KindsModel:
    """The model shipped with the package."""
    text = resources.files("agent.extractors").joinpath("kinds_model.json").read_text()
    return KindsModel(json.loads(text)["weights"])
