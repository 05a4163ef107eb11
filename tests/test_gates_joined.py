"""The gated patterns tests/test_gates.py does not name, and hostility's patterns joined into the
one it searches, find exactly what their branches joined into one pattern find; and the cheap
scans before the hostility patterns hide nothing (agent/gates.py, agent/hostility.py)."""

from __future__ import annotations

import re

import pytest

from agent import hostility, spam
from agent.extractors.dates import fold
from agent.gates import Gated
from agent.hostility import normalise
from tests import gate_corpus
from tests.test_gates import BRANCH_HITS as FIRST_HITS
from tests.test_gates import GATED as FIRST
from tests.test_hostility_more import ADDRESSED
from tests.test_hostility_r2 import ENCODED, OVERRIDES, VOCATIVES
from tests.test_spam_strangers import BRANCH_HITS as SCAM_HITS

GATED = {"vocative": hostility.GATED[8], "overrides": hostility.GATED[9], "decode": hostility.GATED[10],
         "windfall": spam.WINDFALL, "details": spam.DETAILS, "urgent": spam.URGENT, "opt-out": spam.OPT_OUT,
         "all hostile": hostility._ANY_GATED}
HITS = {"vocative": VOCATIVES + OVERRIDES + ENCODED, "overrides": VOCATIVES + OVERRIDES + ENCODED,
        "decode": VOCATIVES + OVERRIDES + ENCODED} | SCAM_HITS
HITS["all hostile"] = HITS["vocative"] + [t for name, g in FIRST.items() if g in hostility.GATED for t in FIRST_HITS[name]]


# A joined pattern's whole pattern, answered from its parts' (tests/gate_corpus.py: joined_finds).
PARTS = {"all hostile": hostility.GATED}


def _reader(name: str) -> gate_corpus.Reader:
    """How ``name`` reads text: the scam traits an NFKC, lower-case copy, the opt-out the text as
    it is, the hostility check the text normalised."""
    if name in ("windfall", "details", "urgent"):
        return gate_corpus.nfkc_lower
    return gate_corpus.as_is if name == "opt-out" else normalise


def _as_read(name: str, text: str) -> str:
    """``text`` as ``name`` is searched on."""
    return _reader(name)(text)


@pytest.mark.parametrize("name", GATED)
def test_a_gated_pattern_agrees_with_its_whole_pattern_on_all_mail(name: str) -> None:
    """The corpus is read and searched by each whole pattern once per session; the joined
    hostility pattern's whole pattern (40 s over it) is answered from its parts', which
    tests/test_gates.py and the cases above have searched."""
    gated, how = GATED[name], _reader(name)
    hits = [how(t) for t in HITS[name]]
    texts = [*gate_corpus.read(how), *hits]
    found = [t for t in texts if gated.search(t)]
    if name in PARTS:
        whole = gate_corpus.joined_finds(gated, PARTS[name], how, hits)
        joined = gated.whole()
        assert all(joined.search(t) for t in found)  # and the joined whole pattern itself finds those
    else:
        whole = gate_corpus.whole_finds(gated, how, hits)
    assert [t for t, hit in zip(texts, whole, strict=True) if hit] == found
    assert len(texts) > 1000


@pytest.mark.parametrize("name", GATED)
def test_every_branch_has_an_example_that_passes_its_gate(name: str) -> None:
    gated = GATED[name]
    hits = [_as_read(name, t) for t in HITS[name]]
    for branch in gated.branches:
        matched = [t for t in hits if branch.pattern.search(t)]
        assert matched, f"no example for the branch {branch.pattern.pattern[:40]!r}"
        assert all(gated.search(t) for t in matched)


def test_a_branch_whose_opening_word_holds_another_opens_through_it() -> None:
    g = Gated(0, (r"b ignore", [("ignore",)]), (r"a ign", [("ign",)]))
    assert g.search("b ignore") and g.search("a ign")
    assert not g.search("b ign") and not g.search("c ignore")


def test_joined_gated_patterns_match_where_either_does() -> None:
    one, two = Gated(re.I, (r"ab+c", [("ab",)])), Gated(re.I, (r"x+y", [("xy",)]))
    both = Gated.joined(one, two)
    for text in ("abbc", "XXY", "abxy", "ac", "", "ab ... xy"):
        assert both.search(text) == (one.search(text) or two.search(text)), text
    with pytest.raises(ValueError):
        Gated.joined(one, Gated(0, (r"a", [("a",)])))


def test_the_cheap_scans_before_the_hostility_patterns_hide_nothing() -> None:
    """The address is matched at the start and after each newline, as "^" under re.M would; the
    base64 scan runs only on text with a word of 24 characters."""
    anchored = re.compile("^" + hostility._OPENS_ADDRESSED, re.I | re.M)
    texts = [*gate_corpus.read(normalise), *(normalise(t) for t in ADDRESSED + ENCODED)]
    texts += [f"Thanks.{nl}{t}" for nl in ("\n", "\r\n", "\n\n") for t in ADDRESSED]
    found = [t for t in texts if anchored.search(t)]
    assert len(found) > len(ADDRESSED)
    assert found == [t for t in texts if hostility._ADDRESSED_RE.match(t) or hostility._ADDRESSED_LINE_RE.search(t)]
    coded = [t for t in texts if hostility._BASE64_ANY_RE.search(t)]
    assert coded and all(max(map(len, t.split())) >= 24 for t in coded)


def test_a_tracking_link_opens_with_the_scheme_it_is_gated_on() -> None:
    texts = list(gate_corpus.read(gate_corpus.nfkc_lower))  # NFKC, lower-cased, as the scam traits read it
    texts += ["see HTTPS://click.example/x?utm_source=a".lower(), "https://x.example/c/1"]
    tracked = [t for t in texts if spam._TRACKING_RE.search(t)]
    assert len(tracked) >= 2 and all("http" in fold(t) for t in tracked)
