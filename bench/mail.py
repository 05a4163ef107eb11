"""The embedded extractor on the mixed work mail of ``eval/mail/``, item by item.

    python bench/mail.py [--show] [FILE.txt ...]

Each file holds fifty short emails of one working life (a COO's, a facilities head's, a freelance
producer's...), written for focusd and labelled by someone who had read none of the rules, in the
format of ``bench/lists.py`` (which scores them: the same loader and matching). The files under
``eval/mail/aside/`` are held aside: scored, never read for misses, never tuned on. Prints each file,
the development files together, the held-aside files together and all of them, and item precision,
recall and F1 per kind over all of them; ``--show`` prints each mail's misses and extras (use it on
development files only).

When each file was first scored, and what it scored then, is in ``eval/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from bench.lists import KINDS, Score, load, score  # noqa: E402

MAIL = ROOT / "eval" / "mail"


def _row(name: str, s: Score) -> str:
    p, r, f = s.prf()
    return f"{name:<14} {s.right:>5}/{s.mails:<6} {p:>9.3f} {r:>7.3f} {f:>6.3f}"


def main(argv: list[str]) -> int:
    logs.configure(level="warning")
    show = "--show" in argv
    given = [Path(a) for a in argv if a != "--show"]
    paths = given or sorted(MAIL.glob("*.txt")) + sorted((MAIL / "aside").glob("*.txt"))
    extractor = EmbeddedExtractor()
    groups = {"dev": Score(), "aside": Score()}
    total = Score()
    print(f"{'file':<14} {'mails right':>12} {'precision':>9} {'recall':>7} {'F1':>6}")
    for path in paths:
        try:
            mails = load(path)
        except ValueError as exc:
            print(f"bench/mail.py: {exc}", file=sys.stderr)
            return 2
        s = score(mails, extractor, show)
        total.add(s)
        groups["aside" if path.parent.name == "aside" else "dev"].add(s)
        print(_row(path.stem, s))
    if not given:
        print(_row("dev", groups["dev"]))
        print(_row("aside", groups["aside"]))
    print(_row("all", total))
    for kind in KINDS:
        p, r, f = total.prf((kind,))
        print(f"  {kind:<11} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {total.tp[kind]} fp {total.fp[kind]} fn {total.fn[kind]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
