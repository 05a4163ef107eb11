"""The small request model: logistic regression over words, word pairs, the opening and a few cues.

It is trained by :mod:`agent.extractors.train` on the training split of the labelled request
sentences and shipped as ``request_model.json``; scoring is plain Python, no numpy needed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Generic, TypeVar

from agent.extractors.dates import fold

_TOKEN_RE = re.compile(r"[a-z0-9']+|\?")
_CUES = {
    "cue:modal_you": re.compile(r"\b(can|could|would|will|do|did|are|have)\s+(you|u)\b", re.I),
    "cue:please": re.compile(r"\b(please|pls|kindly)\b", re.I),
    "cue:need_you": re.compile(r"\b(need|want|require)\s+(you|your|from you)\b", re.I),
    "cue:let_me_know": re.compile(r"\blet\s+(me|us)\s+know\b", re.I),
    "cue:question": re.compile(r"\?\s*$"),
    "cue:link": re.compile(r"https?://|\$link|click", re.I),
    "cue:first_person": re.compile(r"^\s*(i|we)\b", re.I),
}
# Prefilters: a cue's every match contains one of its keys in the folded sentence, so a sentence
# without them skips the regex. Cues left out are anchored or have no rare literal to key on.
_CUE_KEYS: dict[str, tuple[str, ...]] = {
    "cue:please": ("please", "pls", "kindly"),
    "cue:need_you": ("need", "want", "require"),
    "cue:let_me_know": ("know",),
    "cue:question": ("?",),
    "cue:link": ("http", "$link", "click"),
}
# cue:modal_you needs "you", or a "u" right after whitespace (its "\s+u"), in the folded sentence.
_SPACE_U_RE = re.compile(r"\su")
_MODAL_YOU_RX = _CUES["cue:modal_you"]
_FIRST_PERSON_RX = _CUES["cue:first_person"]
# The keyed cues, in _CUES order: all but the first and the last.
_KEYED = tuple((name, rx, _CUE_KEYS[name]) for name, rx in _CUES.items() if name in _CUE_KEYS)

V = TypeVar("V")


@lru_cache(maxsize=512)
def _read(sentence: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A sentence's tokens, its word pairs ("a_b") and its cues in _CUES order: what every feature
    is spelled from. Kept for the last sentences seen: the request model and the sentence
    classifier both ask."""
    lower = sentence.lower()
    tokens = tuple(_TOKEN_RE.findall(lower))
    pairs = tuple(map("_".join, zip(tokens, tokens[1:], strict=False)))
    low = lower if sentence.isascii() else fold(sentence)
    cues = []
    # The cues in _CUES order, each regex skipped when the sentence lacks a literal it needs.
    if ("you" in low or _SPACE_U_RE.search(low) is not None) and _MODAL_YOU_RX.search(sentence):
        cues.append("cue:modal_you")
    for name, rx, keys in _KEYED:
        if any(map(low.__contains__, keys)) and rx.search(sentence):
            cues.append(name)
    if _FIRST_PERSON_RX.match(sentence):  # anchored at the start: match finds what search would
        cues.append("cue:first_person")
    return tokens, pairs, tuple(cues)


@lru_cache(maxsize=512)
def features(sentence: str) -> tuple[str, ...]:
    """The model's features of one sentence: words, word pairs, the first word and the cues."""
    tokens, pairs, cues = _read(sentence)
    feats = [f"w:{t}" for t in tokens]
    feats += [f"b:{p}" for p in pairs]
    if tokens:
        feats.append(f"first:{tokens[0]}")
    feats += cues
    feats.append("bias")
    return tuple(feats)


# Length bands by token count: a short line ("Call me.") and a long paragraph ask differently.
_LENGTH_BANDS = ((6, "len:short"), (15, "len:medium"), (30, "len:long"))


_BAND_BY_COUNT = tuple(next((band for most, band in _LENGTH_BANDS if n < most), "len:longer")
                       for n in range(_LENGTH_BANDS[-1][0] + 1))


def _band(tokens: tuple[str, ...]) -> str:
    return _BAND_BY_COUNT[min(len(tokens), len(_BAND_BY_COUNT) - 1)]


@lru_cache(maxsize=512)
def request_features(sentence: str) -> tuple[str, ...]:
    """The request model's features: :func:`features` and two more, the opening word pair and a
    length band. The sentence classifier keeps :func:`features`, the ones it was trained on."""
    tokens, pairs, _ = _read(sentence)
    extra = [f"open:{pairs[0]}"] if pairs else []
    extra.append(_band(tokens))
    return features(sentence) + tuple(extra)


class FeatureTable(Generic[V]):
    """A model's values by feature, looked up from a sentence's tokens and cues without spelling
    out each feature: ``values(sentence)`` yields ``table.get(f, default)`` for each of
    ``features(sentence)`` (and, with ``request``, ``request_features``), in their order."""

    def __init__(self, table: Mapping[str, V] | Iterable[tuple[str, V]], default: V) -> None:
        self.default = default
        by_prefix: dict[str, dict[str, V]] = {"w:": {}, "b:": {}, "first:": {}, "open:": {}}
        # Every other feature (cues, length bands, the bias): a few dozen. The table itself is not
        # kept, so a model holds each feature once.
        self._rest: dict[str, V] = {}
        for name, value in (table.items() if isinstance(table, Mapping) else table):
            prefix = name[:name.index(":") + 1] if ":" in name else ""
            if prefix in by_prefix:
                by_prefix[prefix][name[len(prefix):]] = value
            else:
                self._rest[name] = value
        self._words, self._pairs = by_prefix["w:"], by_prefix["b:"]
        self._firsts, self._opens = by_prefix["first:"], by_prefix["open:"]

    def items(self) -> Iterator[tuple[str, V]]:
        """Each feature and its value, as the table given held them."""
        for prefix, part in (("w:", self._words), ("b:", self._pairs), ("first:", self._firsts), ("open:", self._opens)):
            for name, value in part.items():
                yield prefix + name, value
        yield from self._rest.items()

    def values(self, sentence: str, request: bool = False) -> list[V]:
        tokens, pairs, cues = _read(sentence)
        default, get = self.default, self._rest.get
        out = list(map(self._words.get, tokens, repeat(default)))
        out += map(self._pairs.get, pairs, repeat(default))
        if tokens:
            out.append(self._firsts.get(tokens[0], default))
        out += map(get, cues, repeat(default))
        out.append(get("bias", default))
        if request:
            if pairs:
                out.append(self._opens.get(pairs[0], default))
            out.append(get(_band(tokens), default))
        return out


class RequestModel:
    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self._table = FeatureTable(weights, 0.0)

    def probability(self, sentence: str) -> float:
        # The weight of each of request_features(sentence), summed in that order: the same float.
        z = sum(self._table.values(sentence, request=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights}, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=1)
def shipped_model() -> RequestModel:
    text = resources.files("agent.extractors").joinpath("request_model.json").read_text()
    return RequestModel(json.loads(text)["weights"])
