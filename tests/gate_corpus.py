"""The mail the gated-pattern tests search (tests/test_gates.py, tests/test_gates_joined.py), and
what each ungated whole pattern finds in it: each built once per test session.

An ungated pattern is what a gate spares: one over the whole corpus (23,000 texts, 8.6 million
characters) costs seconds, and the joined hostility pattern 40. Both test files read the same
corpus the same ways, so each whole pattern is searched over it once, and the joined one is
answered from its parts (see :func:`joined_finds`).

Pure functions of their arguments, cached: a result is what searching again would give.
"""

from __future__ import annotations

import functools
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from re import _parser  # type: ignore[attr-defined]  # the parser `re` compiles with
from typing import Any

from agent.gates import Gated
from connectors.mime import parse_message, try_parse
from tests.conftest import DEMO, ROOT, SHARED

Reader = Callable[[str], str]


def _corpus() -> list[str]:
    """Texts from every mail this checkout and the shared data hold, and made-up bench mail."""
    texts: list[str] = []
    roots = [DEMO, ROOT / "eval", ROOT / "tests" / "hostile", SHARED / "mime", SHARED / "replies"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
            if path.suffix in (".toml", ".ics", ".json", ".md", ".py", ".tsv"):
                continue
            msg, _ = try_parse(path.read_bytes())  # the broken MIME set holds unreadable ones
            if msg is not None:
                texts += [msg.subject, msg.text, msg.reply_text]
    # bench/ first on the path only for this import: left there, a forkserver worker started
    # later would import bench/agent.py as the package ``agent``.
    saved = sys.path[:]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import imap_sync
    finally:
        sys.path[:] = saved

    rng = random.Random(1)
    texts += [parse_message(imap_sync.small_message(i, rng)).text for i in range(200)]
    return texts


@functools.cache
def corpus() -> tuple[str, ...]:
    """Every text that is not empty, then each upper-cased, then each title-cased: the gates
    read case-folded text."""
    texts = [t for t in _corpus() if t]
    return tuple(texts + [t.upper() for t in texts] + [t.title() for t in texts])


def as_is(text: str) -> str:
    return text


def nfkc_lower(text: str) -> str:
    """As the scam traits read text: NFKC, lower-cased."""
    return unicodedata.normalize("NFKC", text).lower()


@functools.cache
def read(how: Reader) -> tuple[str, ...]:
    """The corpus as ``how`` reads it."""
    return tuple(how(t) for t in corpus())


@functools.cache
def _whole_finds(source: str, flags: int, how: Reader) -> tuple[bool, ...]:
    whole = re.compile(source, flags)
    return tuple(whole.search(t) is not None for t in read(how))


def whole_finds(gated: Gated, how: Reader, more: Sequence[str] = ()) -> list[bool]:
    """For each text of ``read(how)`` and then of ``more``: whether ``gated.whole()`` finds it."""
    whole = gated.whole()
    return [*_whole_finds(whole.pattern, whole.flags, how), *(whole.search(t) is not None for t in more)]


def _group_references(tokens: Any) -> Iterator[str]:
    """The references to a group by its number (``\\1``, ``(?(1)...)``) in parsed pattern tokens."""
    for op, arg in tokens:
        if str(op).startswith("GROUPREF"):
            yield str(op)
        for part in arg if isinstance(arg, (list, tuple)) else []:
            if isinstance(part, _parser.SubPattern):
                yield from _group_references(part)
            elif isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, _parser.SubPattern):
                        yield from _group_references(sub)


def joined_finds(joined: Gated, parts: Sequence[Gated], how: Reader, more: Sequence[str] = ()) -> list[bool]:
    """What ``joined.whole()`` finds, for a pattern made by ``Gated.joined(*parts)``, answered
    from the parts' whole patterns: an alternation finds a text exactly when one of its branches
    does, so the joined whole pattern finds what one of its parts' does, provided its branches are
    theirs, in order, under the same flags, and none refers to a group by number (joining renumbers
    the groups). Those conditions are asserted here."""
    assert [(b.pattern.pattern, b.needs) for b in joined.branches] == \
        [(b.pattern.pattern, b.needs) for p in parts for b in p.branches]
    assert {p.flags for p in parts} == {joined.flags}
    for branch in joined.branches:
        refs = list(_group_references(_parser.parse(branch.pattern.pattern, joined.flags)))
        assert not refs, (branch.pattern.pattern[:60], refs)
    return [any(hits) for hits in zip(*(whole_finds(p, how, more) for p in parts), strict=True)]
