"""The sentence classifier: which act a sentence performs, as a second opinion on the rules.

A sentence asks ("could you send..."), promises ("I'll send..."), reports a blocker ("we can't
sign until...") or does none of these. The act and the direction of the mail give the item's
kind: an ask to the owner is a request, an ask by the owner a waiting item, and so on.
Multinomial logistic regression over the request model's features, trained by
:mod:`agent.extractors.train_kinds` and shipped as ``kinds_model.tsv`` (a feature and its weight for
each act, a line each, read line by line so that loading holds the table once); plain Python scoring.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from agent.extractors.model import FeatureTable

ACTS = ("ask", "promise", "blocker", "none")
MODEL_FILE = "kinds_model.tsv"


class KindsModel:
    """Weights per act and feature; ``probabilities`` is a softmax over the acts."""

    def __init__(self, weights: dict[str, dict[str, float]]) -> None:
        # Feature -> its weights for the acts in ACTS order, as two complex numbers (ask + promise j,
        # blocker + none j): one lookup per feature, not four, and two additions. Adding complex
        # numbers adds their parts as separate float sums would, in the same order: the same floats.
        # Only this table is kept, not ``weights`` as well: the shipped model holds some 40,000
        # features, and the daemon keeps it for its life.
        rows = {f: (complex(weights["ask"].get(f, 0.0), weights["promise"].get(f, 0.0)),
                    complex(weights["blocker"].get(f, 0.0), weights["none"].get(f, 0.0)))
                for f in set().union(*(weights[a] for a in ACTS))}
        self._table: FeatureTable[tuple[complex, complex] | None] = FeatureTable(rows, None)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> KindsModel:
        """The model written by :meth:`to_tsv`, read a line at a time."""
        model = cls.__new__(cls)
        model._table = FeatureTable(_rows(lines), None)
        return model

    def to_tsv(self) -> str:
        """One line per feature, sorted: the feature and its weights in ACTS order (0 for none)."""
        out = ["# feature\t" + "\t".join(ACTS)]
        for f, row in sorted(self._table.items(), key=lambda fr: fr[0]):
            assert row is not None
            out.append("\t".join([f, *(repr(w) if w else "0" for w in (row[0].real, row[0].imag, row[1].real, row[1].imag))]))
        return "\n".join(out) + "\n"

    @property
    def weights(self) -> dict[str, dict[str, float]]:
        """The weights per act and feature, as given (a weight of 0.0 is left out, as training does)."""
        out: dict[str, dict[str, float]] = {a: {} for a in ACTS}
        for f, row in self._table.items():
            assert row is not None
            for act, w in zip(ACTS, (row[0].real, row[0].imag, row[1].real, row[1].imag), strict=True):
                if w:
                    out[act][f] = w
        return out

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



def _rows(lines: Iterable[str]) -> Iterator[tuple[str, tuple[complex, complex]]]:
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        f, ask, promise, blocker, none = line.rstrip("\n").split("\t")
        yield f, (complex(float(ask), float(promise)), complex(float(blocker), float(none)))


@lru_cache(maxsize=1)
def shipped_kinds_model() -> KindsModel:
    """The model shipped with the package."""
    with resources.files("agent.extractors").joinpath(MODEL_FILE).open(encoding="utf-8") as lines:
        return KindsModel.from_lines(lines)
