"""The embedded extractor on the list mail of ``eval/lists/``, item by item.

    python bench/lists.py [--show] [FILE.txt ...]

Each file holds short emails with lists in them (a lead-in line ending in a colon, then bullets),
written for focusd and labelled before any version of the extractor read them. An email opens with
``=== N | other|owner | Name <address> | Subject`` (``owner``: a mail the owner, Ada Lovelace,
sent to Name; ``other``: Name's mail to her); after its body, ``--- expect`` and one line per item,
``kind | evidence`` (request, commitment, waiting or blocker, and a verbatim piece of the sentence
or bullet the item quotes), or ``none``. An item found matches a labelled one of its kind whose
evidence it quotes (or that quotes it). Prints per file and in all the mails read exactly right,
and item precision, recall and F1 per kind; ``--show`` also prints each mail's misses and extras.

Which files were scored before any rule read them, and which were tuned on since, is in
``eval/README.md``: a tuned-on file says what the extractor does on it, not on mail it never saw.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
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

LISTS = ROOT / "eval" / "lists"
OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))
SENT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday
KINDS = ("request", "commitment", "waiting", "blocker")
_HEAD_RE = re.compile(r"^(?P<n>[^|]+)\|\s*(?P<who>other|owner)\s*\|\s*(?P<name>.*?)\s*<(?P<addr>[^>]+)>\s*\|\s*(?P<subject>.*)$")


@dataclass
class Mail:
    head: str
    message: Message
    gold: list[tuple[str, str]]


@dataclass
class Score:
    mails: int = 0
    right: int = 0
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    def add(self, other: Score) -> None:
        self.mails += other.mails
        self.right += other.right
        for k in KINDS:
            self.tp[k] += other.tp[k]
            self.fp[k] += other.fp[k]
            self.fn[k] += other.fn[k]

    def prf(self, kinds: tuple[str, ...] = KINDS) -> tuple[float, float, float]:
        tp, fp, fn = (sum(d[k] for k in kinds) for d in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(path: Path) -> list[Mail]:
    """The labelled mails of one file; a ValueError names the first line it cannot read."""
    mails = []
    for n, block in enumerate(re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]):
        head, _, rest = block.partition("\n")
        body, sep, expect = rest.partition("--- expect")
        m = _HEAD_RE.match(head.strip())
        if m is None or not sep:
            raise ValueError(f"{path.name}: mail {n + 1} ('{head.strip()[:60]}') has no header or no '--- expect'")
        text = body.strip()
        other = Address(m["name"], m["addr"])
        me = Address(OWNER.name, OWNER.email)
        mine = m["who"] == "owner"
        message = Message(folder="Sent" if mine else "INBOX", message_id=f"<{path.stem}-{n}@lists.example>",
                          subject=m["subject"], sender=me if mine else other, to=[other if mine else me], cc=[],
                          date=SENT, text=text, reply_text=text)
        gold = []
        for line in expect.strip().splitlines():
            line = line.strip()
            if not line or line.lower() == "none":
                continue
            kind, bar, evidence = line.partition("|")
            if not bar or kind.strip() not in KINDS:
                raise ValueError(f"{path.name}: mail {n + 1}: '{line[:60]}' is no 'kind | evidence' line")
            gold.append((kind.strip(), evidence.strip().lower()))
        mails.append(Mail(head.strip(), message, gold))
    return mails


def score(mails: list[Mail], extractor: EmbeddedExtractor, show: bool = False) -> Score:
    s = Score()
    for mail in mails:
        found = extractor.extract(mail.message, OWNER)
        free, missed = list(found), []
        for kind, evidence in mail.gold:
            hit = next((i for i in free if i.kind == kind and (evidence in i.evidence.lower()
                                                               or i.evidence.lower() in evidence)), None)
            if hit is None:
                missed.append((kind, evidence))
                s.fn[kind] += 1
            else:
                free.remove(hit)
                s.tp[kind] += 1
        for item in free:
            s.fp[item.kind] += 1
        s.mails += 1
        s.right += not missed and not free
        if show and (missed or free):
            print(f"  --- {mail.head}")
            for kind, evidence in missed:
                print(f"      miss  {kind}: {evidence}")
            for item in free:
                print(f"      extra {item.kind}: {item.title!r} <- {item.evidence!r}")
    return s


def row(name: str, s: Score) -> str:
    """One line of the table: mails read exactly right, and item precision, recall and F1."""
    p, r, f = s.prf()
    return f"{name:<14} {s.right:>5}/{s.mails:<6} {p:>9.3f} {r:>7.3f} {f:>6.3f}"


def run(paths: list[Path], show: bool, program: str, group: Callable[[Path], str] | None = None) -> int:
    """Score each file and print the table: a row per file, per group (when ``group`` names one
    for each file), all of them, and precision, recall and F1 per kind. 2 on a file it cannot read."""
    logs.configure(level="warning")
    extractor = EmbeddedExtractor()
    total = Score()
    groups: dict[str, Score] = {}
    print(f"{'file':<14} {'mails right':>12} {'precision':>9} {'recall':>7} {'F1':>6}")
    for path in paths:
        try:
            mails = load(path)
        except ValueError as exc:
            print(f"{program}: {exc}", file=sys.stderr)
            return 2
        s = score(mails, extractor, show)
        total.add(s)
        if group is not None:
            groups.setdefault(group(path), Score()).add(s)
        print(row(path.stem, s))
    for name, s in groups.items():
        print(row(name, s))
    print(row("all", total))
    for kind in KINDS:
        p, r, f = total.prf((kind,))
        print(f"  {kind:<11} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {total.tp[kind]} fp {total.fp[kind]} fn {total.fn[kind]})")
    return 0


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if a != "--show"] or sorted(LISTS.glob("*.txt"))
    return run(paths, "--show" in argv, "bench/lists.py")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
