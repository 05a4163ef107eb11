"""The embedded extractor on the written mail of ``eval/written/``, sentence by sentence.

    python bench/written.py [--show] [FILE.tsv ...]

Each file holds short emails, written for focusd and labelled before any rule read them: a comment
line ``# mail N: <who> -> <whom>; by owner: yes|no`` opens an email, and each of its lines is
``act<TAB>sentence`` (act: ask, promise, blocker or none; see ``eval/README.md``). Every email is
built as a message (from the owner when ``by owner: yes``, else to her), read by the extractor as the
cycle reads mail, and each labelled sentence is scored by the items that quote it: an ask is a
request in mail to the owner and a waiting item in hers, a promise is a waiting item in mail to her
and a commitment in hers, a blocker is a blocker. Prints, per file and in all, the sentences whose
items are exactly right, and item precision, recall and F1 per kind; ``--show`` also prints each
sentence that is wrong and every item that quotes no labelled sentence.

These files are development data: rules were tuned on them after the first measure (see
``eval/README.md``), so they say what the extractor does on them, not on mail it has never seen.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.base import Owner  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from connectors.mime import try_parse  # noqa: E402
from connectors.types import Message  # noqa: E402

WRITTEN = ROOT / "eval" / "written"
KINDS = ("request", "commitment", "waiting", "blocker")
OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))
OTHER = "Maria Lopez <maria@fund.example>"
COLLEAGUE = "Priya Shah <priya@acme.example>"
SENT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
# The item an act gives, in mail to the owner and in the owner's own.
THEIRS = {"ask": "request", "promise": "waiting", "blocker": "blocker"}
HERS = {"ask": "waiting", "promise": "commitment", "blocker": "blocker"}


@dataclass
class Mail:
    by_owner: bool
    lines: list[tuple[str, str]]  # (act, sentence)


@dataclass
class Tally:
    right: int = 0
    sentences: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.sentences += other.sentences
        for mine, theirs in ((self.tp, other.tp), (self.fp, other.fp), (self.fn, other.fn)):
            mine.update(theirs)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        kinds = KINDS if kind is None else (kind,)
        tp, fp, fn = (sum(c[k] for k in kinds) for c in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def read_mails(path: Path) -> list[Mail]:
    """The emails of one file, in order."""
    mails: list[Mail] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            m = re.search(r"by owner:\s*(yes|no)", line)
            mails.append(Mail(bool(m and m.group(1) == "yes"), []))
            continue
        act, sep, sentence = line.partition("\t")
        if not sep or act not in ("ask", "promise", "blocker", "none"):
            raise ValueError(f"{path.name}: not 'act<TAB>sentence': {line[:60]!r}")
        if not mails:
            mails.append(Mail(False, []))
        mails[-1].lines.append((act, sentence.strip()))
    return [m for m in mails if m.lines]


def message(mail: Mail, n: int) -> Message:
    """One email as the sync would hand it over, parsed from its raw form: its sentences a paragraph each."""
    sender, to = (f"{OWNER.name} <{OWNER.email}>", COLLEAGUE) if mail.by_owner else (OTHER, f"{OWNER.name} <{OWNER.email}>")
    raw = (f"From: {sender}\r\nTo: {to}\r\nSubject: Re: item {n}\r\nDate: {format_datetime(SENT)}\r\n"
           f"Message-ID: <w{n}@written.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           + "\r\n\r\n".join(s for _, s in mail.lines) + "\r\n")
    parsed, why = try_parse(raw.encode("utf-8"))
    if parsed is None:
        raise ValueError(f"mail {n} does not parse: {why}")
    return parsed


def score(path: Path, extractor: EmbeddedExtractor, show: bool) -> Tally:
    t = Tally()
    for n, mail in enumerate(read_mails(path)):
        items = extractor.extract(message(mail, n), OWNER)
        used: set[int] = set()
        for act, sentence in mail.lines:
            want = Counter([(HERS if mail.by_owner else THEIRS)[act]] if act != "none" else [])
            quoting = [i for i in items if id(i) not in used and (i.evidence.strip() in sentence or sentence in i.evidence)]
            used.update(map(id, quoting))
            got = Counter(i.kind for i in quoting)
            t.sentences += 1
            t.right += got == want
            for kind in set(want) | set(got):
                both = min(want[kind], got[kind])
                t.tp[kind] += both
                t.fp[kind] += got[kind] - both
                t.fn[kind] += want[kind] - both
            if show and got != want:
                print(f"  {path.stem} {'M ' if mail.by_owner else ''}want {sorted(want.elements())} "
                      f"got {sorted(got.elements())} | {sentence}")
        for item in items:
            if id(item) not in used:
                t.fp[item.kind] += 1
                if show:
                    print(f"  {path.stem} {'M ' if mail.by_owner else ''}unplaced {item.kind}: {item.evidence!r}")
    return t


def print_tally(name: str, t: Tally) -> None:
    p, r, f = t.prf()
    print(f"{name:<18} {t.right:>5}/{t.sentences:<5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")


def main(argv: list[str]) -> int:
    logs.configure(level="error")
    show = "--show" in argv
    paths = [Path(a) for a in argv if a != "--show"] or sorted(WRITTEN.glob("*.tsv"))
    extractor = EmbeddedExtractor()
    print("== written mail: sentences exactly right; items P, R, F1 ==")
    print(f"{'file':<18} {'right':>11} {'P':>6} {'R':>6} {'F1':>6}")
    total = Tally()
    for path in paths:
        try:
            t = score(path, extractor, show)
        except (OSError, ValueError) as e:
            print(f"bench/written.py: {e}", file=sys.stderr)
            return 2
        print_tally(path.stem, t)
        total.add(t)
    print_tally("all", total)
    for kind in KINDS:
        p, r, f = total.prf(kind)
        print(f"  {kind:<11} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {total.tp[kind]} fp {total.fp[kind]} fn {total.fn[kind]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
