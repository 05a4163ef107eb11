"""How many item titles stand alone, on every labelled week.

    python bench/titles.py [--show]

A brief's line is its title, over the quoted sentence. A title cut short ("Give it a", "Unblock:
the nozzles are") or naming nothing ("Check", "Yes", "Follow up with Tom: it") leaves the owner to
read the quote to learn what the work is. For every item the embedded extractor finds in the
weeks' mail (as ``bench/agent.py`` scores them: triaged mail yields nothing), this counts:

- vague: :func:`planner.titles.vague` says it names no thing to act on (the brief then adds the
  thread's subject beside it);
- dangling: it ends on a word that leads a phrase ("of", "to", "the", "by", "whether", ...) with
  no ellipsis to say it was cut.

Development weeks and held-out weeks are counted apart; ``--show`` lists the development weeks'
titles of both kinds (a held-out week's titles are never printed).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from bench.agent import EVAL_WEEKS, HELD_OUT, WEEKS, demo_week, extract_week, load_week  # noqa: E402
from planner.titles import vague  # noqa: E402

# Words that lead a phrase and so cannot end one ("that", "in", "on" can: "Forward that", "the
# parts are in").
_LEADS = frozenset("a an the of to by for with from at before until till and or but whether which if into onto "
                   "your my our their his its".split())
_LAST_WORD_RE = re.compile(r"([\w'’-]+)\W*$")


def dangling(title: str) -> bool:
    """Whether ``title`` ends on a word that leads a phrase, with no ellipsis or question mark."""
    if title.rstrip().endswith(("…", "?", "”", '"')):
        return False
    last = _LAST_WORD_RE.search(title)
    return bool(last) and last.group(1) in _LEADS  # (as written: "grid A" ends on a name)


def main() -> None:
    logs.configure(level="warning")
    show = "--show" in sys.argv
    extractor = EmbeddedExtractor()
    totals = {"development": [0, 0, 0], "held out": [0, 0, 0]}
    for week in [demo_week()] + [load_week(WEEKS / name) for name in EVAL_WEEKS]:
        group = "held out" if week.name in HELD_OUT else "development"
        for item in extract_week(week, extractor):
            is_vague, is_dangling = vague(item.title), dangling(item.title)
            counts = totals[group]
            counts[0] += 1
            counts[1] += is_vague
            counts[2] += is_dangling
            if show and group == "development" and (is_vague or is_dangling):
                print(f"  {'vague   ' if is_vague else 'dangling'} {week.name:<15} {item.kind:<10} {item.title!r}")
    print(f"{'weeks':<12} {'items':>6} {'vague':>13} {'dangling':>13}")
    for group, (n, v, d) in totals.items():
        print(f"{group:<12} {n:>6} {v:>6} ({v / n:5.1%}) {d:>6} ({d / n:5.1%})")


if __name__ == "__main__":
    main()
