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

from bench.lists import run  # noqa: E402

MAIL = ROOT / "eval" / "mail"


def main(argv: list[str]) -> int:
    given = [Path(a) for a in argv if a != "--show"]
    if given:
        return run(given, "--show" in argv, "bench/mail.py")
    paths = sorted(MAIL.glob("*.txt")) + sorted((MAIL / "aside").glob("*.txt"))
    return run(paths, "--show" in argv, "bench/mail.py", lambda p: "aside" if p.parent.name == "aside" else "dev")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
