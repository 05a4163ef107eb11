"""The embedded extractor on single written sentences (``eval/sentences/``), each read as a mail.

    python bench/sentences.py [--show] [FILE.txt ...]

Each line is ``kinds | sentence``: the kinds the sentence yields (request, commitment, waiting,
blocker; several comma-separated; ``none`` for none), labelled before any version of the extractor
read it. A line that starts ``M `` is the owner's own sentence, sent to a colleague; any other is a
colleague's to her. Each sentence is read inside a short greeting and sign-off, as probe mail is, and
is right when the kinds found are exactly the kinds labelled. Prints per file and in all the
sentences right, and item precision, recall and F1 per kind; ``--show`` also prints each wrong one.

Which files were scored before any rule read them, and which were tuned on since, is in
``eval/README.md``. The files in ``eval/sentences/aside/`` are held aside: scored, never read for
misses (``--show`` prints none of theirs), never tuned on; their total is printed apart.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.base import Owner  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from connectors.types import Address, Message  # noqa: E402

SENTENCES = ROOT / "eval" / "sentences"
OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))
KINDS = ("request", "commitment", "waiting", "blocker")
SENT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday


def load(path: Path) -> list[tuple[bool, list[str], str]]:
    """(the owner's own?, kinds, sentence) per line; a ValueError names the first line it cannot read."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        mine = line.startswith("M ")
        kinds, bar, text = (line[2:] if mine else line).partition("|")
        want = sorted(k.strip() for k in kinds.split(",") if k.strip() and k.strip() != "none")
        if not bar or not text.strip() or any(k not in KINDS for k in want):
            raise ValueError(f"{path.name}:{n}: '{line[:60]}' is no 'kinds | sentence' line")
        rows.append((mine, want, text.strip()))
    return rows


def message(mine: bool, text: str, n: int) -> Message:
    me, colleague = Address(OWNER.name, OWNER.email), Address("Priya Shah", "priya@acme.example")
    body = f"Hi Priya,\n\n{text}\n\nAda" if mine else f"Hi Ada,\n\n{text}\n\nThanks,\nPriya"
    return Message(folder="Sent" if mine else "INBOX", message_id=f"<s{n}@sentences.example>", subject="Re: plan",
                   sender=me if mine else colleague, to=[colleague if mine else me], cc=[], date=SENT,
                   text=body, reply_text=body)


def main(argv: list[str]) -> int:
    logs.configure(level="warning")
    show = "--show" in argv
    paths = [Path(a) for a in argv if a != "--show"] or (sorted(SENTENCES.glob("*.txt"))
                                                          + sorted((SENTENCES / "aside").glob("*.txt")))
    extractor = EmbeddedExtractor()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    right_all = total_all = 0
    groups: Counter[str] = Counter()
    print(f"{'file':<14} {'right':>11}")
    for path in paths:
        try:
            rows = load(path)
        except ValueError as exc:
            print(f"bench/sentences.py: {exc}", file=sys.stderr)
            return 2
        right = 0
        for n, (mine, want, text) in enumerate(rows):
            got = sorted(i.kind for i in extractor.extract(message(mine, text, n), OWNER))
            left = Counter(want)
            for kind in got:
                if left[kind]:
                    left[kind] -= 1
                    tp[kind] += 1
                else:
                    fp[kind] += 1
            for kind, count in left.items():
                fn[kind] += count
            right += got == want
            if show and got != want and path.parent.name != "aside":
                print(f"  want {want} got {got} | {'M ' if mine else ''}{text}")
        right_all += right
        total_all += len(rows)
        group = "aside" if path.parent.name == "aside" else "dev"
        groups[f"{group} right"] += right
        groups[f"{group} all"] += len(rows)
        print(f"{path.stem:<14} {right:>5}/{len(rows):<5}")
    if groups["aside all"]:
        for group in ("dev", "aside"):
            print(f"{group:<14} {groups[group + ' right']:>5}/{groups[group + ' all']:<5}")
    print(f"{'all':<14} {right_all:>5}/{total_all:<5}")
    for kind in KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {kind:<11} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp[kind]} fp {fp[kind]} fn {fn[kind]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
