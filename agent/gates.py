"""Gated patterns: a costly case-insensitive pattern searched only in text that holds the words
it cannot match without.

Triage searches every message for hostile orders and mass-mail traits. One alternation of a
dozen branches scans a 2 KB text in 100-400 us; the words each branch needs are a few substring
tests on the lower-cased text, which almost no mail passes. So a pattern is split into its
branches, each with its gate: every group of a gate must have one of its words in the text,
and only then is the branch searched. A gate holds only words its branch matches literally, so a
gate can never hide a match; ``tests/test_gates.py`` checks each gated pattern against its
branches joined into one pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agent.extractors.dates import fold


@dataclass(frozen=True)
class Branch:
    """One branch of a gated pattern and the words it needs: one of each group."""

    pattern: re.Pattern[str]
    needs: tuple[tuple[str, ...], ...]

    def passes(self, low: str) -> bool:
        return all(any(w in low for w in group) for group in self.needs)


# The words that open branches (those of each branch's first group), each with the branches it
# opens: a word a text lacks is tested once, however many branches it opens.
_Index = tuple[tuple[str, tuple[Branch, ...]], ...]


def _index(branches: Iterable[Branch], ascii_only: bool) -> _Index:
    """The opening words of ``branches``; with ``ascii_only``, only those plain ASCII text can hold.
    A word that holds another opening word is left to it ("ignorier" to "ignor"): text that has
    the longer has the shorter, and the branches it opens check their whole gate."""
    found: dict[str, list[Branch]] = {}
    for branch in branches:
        for word in branch.needs[0]:
            if word.isascii() or not ascii_only:
                found.setdefault(word, []).append(branch)
    for word in sorted(found, key=len, reverse=True):
        inner = next((w for w in found if w != word and w in word), None)
        if inner is not None:
            found[inner] += found.pop(word)
    return tuple((word, tuple(dict.fromkeys(opened))) for word, opened in found.items())


class Gated:
    """A pattern searched as its gated branches: ``search(text)`` is whether any branch matches."""

    def __init__(self, flags: int, *branches: tuple[str, Iterable[Iterable[str]]]) -> None:
        self.flags = flags
        self.branches = tuple(
            Branch(re.compile(source, flags), tuple(tuple(fold(w) for w in group) for group in needs))
            for source, needs in branches)
        self._words = _index(self.branches, ascii_only=False)
        self._ascii_words = _index(self.branches, ascii_only=True)

    @classmethod
    def joined(cls, *gated: Gated) -> Gated:
        """One gated pattern of all the branches of ``gated`` (alike in flags): whether any of
        them matches, with each opening word they share tested once."""
        flags = {g.flags for g in gated}
        if len(flags) != 1:
            raise ValueError("gated patterns with other flags")
        return cls(flags.pop(), *((b.pattern.pattern, b.needs) for g in gated for b in g.branches))

    def search(self, text: str, low: str | None = None) -> bool:
        """Whether any branch matches in ``text``; ``low`` is ``fold(text)`` when the caller
        has it already."""
        low = fold(text) if low is None else low
        # Plain loops, not nested generators: most mail fails every gate, so the cost is these tests.
        for word, opened in self._ascii_words if text.isascii() else self._words:
            if word in low:
                for branch in opened:
                    if branch.passes(low) and branch.pattern.search(text) is not None:
                        return True
        return False

    def whole(self) -> re.Pattern[str]:
        """Every branch joined into one pattern, ungated: what ``search`` must agree with."""
        return re.compile("|".join(f"(?:{b.pattern.pattern})" for b in self.branches), self.flags)
