"""The agent's benchmarks, one section per function called from :func:`main`.

    python bench/agent.py [PATH/parakweet-ask-train.tsv]

``extraction()``: the embedded extractor against hand-labelled weeks (the demo week, the
development week ``eval/week-em`` and the held-out week ``eval/week-sales``), with precision,
recall and F1 per kind and overall and the share of matched items whose due date is right; then
request precision, recall and F1 on the held-out split of the shared request sentences, as
``bench/extract.py`` computes it.

A week is scored message by message, as the cycle extracts it: each message is parsed, mail the
triage skips (bulk, notifications, hostile) yields nothing, and every other message goes through
the extractor. An item matches a gold entry of the same message and kind whose evidence it
quotes; each gold entry and each item matches at most once.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

if __name__ == "agent":
    # A script run from bench/ (python bench/extract.py) has this folder first on sys.path, so
    # its "import agent" finds this file: hand it the package, which the import then returns.
    import importlib

    _bench = str(Path(__file__).resolve().parent)
    _saved = list(sys.path)
    sys.path[:] = [str(Path(__file__).resolve().parent.parent)] + [
        p for p in sys.path if p and str(Path(p).resolve()) != _bench]
    del sys.modules["agent"]
    sys.modules["agent"] = importlib.import_module("agent")
    sys.path[:] = _saved

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python bench/agent.py
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.base import Owner  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from agent.nodes.triage import triage_reason  # noqa: E402
from connectors.mime import try_parse  # noqa: E402
from connectors.types import Message  # noqa: E402
from planner.models import Item  # noqa: E402

KINDS = ("request", "commitment", "waiting", "blocker")
DEMO_GOLD = ROOT / "tests" / "gold" / "demo_items.json"
DEMO_DIR = ROOT / "config" / "demo"
DEMO_OWNER = Owner("Ada Lovelace", "ada@loom.example", ZoneInfo("Europe/London"))
WEEKS = ROOT / "eval"


@dataclass
class Week:
    """A labelled week: its owner, parsed messages and gold entries."""

    name: str
    owner: Owner
    messages: list[Message]
    gold: list[dict[str, str | None]]


@dataclass
class Score:
    """Counts per kind, plus due-date agreement on matched gold entries that carry a due date."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    due_right: int = 0
    due_total: int = 0
    misses: list[dict[str, str | None]] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)
    wrong_due: list[tuple[dict[str, str | None], str | None]] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 for one kind, or over all kinds."""
        kinds = KINDS if kind is None else (kind,)
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def due_accuracy(self) -> float:
        return self.due_right / self.due_total if self.due_total else 1.0


def read_maildir(root: Path) -> list[Message]:
    """Every message of a Maildir (inbox and Sent), oldest first."""
    files = sorted(p for sub in ("cur", "new", ".Sent/cur", ".Sent/new") for p in (root / sub).glob("*") if p.is_file())
    parsed = (try_parse(p.read_bytes())[0] for p in files)
    # The demo holds an empty file on purpose: what does not parse is skipped, as the sync does.
    return sorted((m for m in parsed if m is not None), key=lambda m: m.date)


def load_week(path: Path) -> Week:
    """An evaluation week folder: ``gold.json`` (owner and items) beside its ``mail`` Maildir."""
    gold = json.loads((path / "gold.json").read_text())
    o = gold["owner"]
    owner = Owner(o["name"], o["email"], ZoneInfo(o["timezone"]))
    return Week(path.name, owner, read_maildir(path / "mail"), gold["items"])


def demo_week() -> Week:
    """The demo week with its gold labels (they carry no due dates)."""
    return Week("demo", DEMO_OWNER, read_maildir(DEMO_DIR / "mail"), json.loads(DEMO_GOLD.read_text())["items"])


def extract_week(week: Week, extractor: EmbeddedExtractor) -> list[Item]:
    """The items the extractor finds in the messages the triage lets through."""
    items: list[Item] = []
    for msg in week.messages:
        if not triage_reason(msg):
            items.extend(extractor.extract(msg, week.owner))
    return items


def score(week: Week, items: list[Item]) -> Score:
    """Match items to gold entries one to one (same message and kind, evidence quoted)."""
    s = Score()
    free = list(items)
    for g in week.gold:
        evidence = str(g["evidence"]).lower()
        hit = next((i for i in free if i.message_id == g["message_id"] and i.kind == g["kind"]
                    and evidence in i.evidence.lower()), None)
        kind = str(g["kind"])
        if hit is None:
            s.fn[kind] += 1
            s.misses.append(g)
            continue
        free.remove(hit)
        s.tp[kind] += 1
        if g.get("due"):
            s.due_total += 1
            got = hit.due[:10] if hit.due else None
            if got == g["due"]:
                s.due_right += 1
            else:
                s.wrong_due.append((g, got))
    for i in free:
        s.fp[i.kind] += 1
        s.extras.append(i)
    return s


def print_score(name: str, s: Score) -> None:
    for kind in (*KINDS, None):
        p, r, f = s.prf(kind)
        label = kind or "overall"
        n = sum(s.tp[k] + s.fn[k] for k in ((kind,) if kind else KINDS))
        print(f"{name:<11} {label:<11} {p:>9.3f} {r:>7.3f} {f:>6.3f} {n:>5}")
    print(f"{name:<11} {'due dates':<11} {s.due_right}/{s.due_total} right ({s.due_accuracy:.0%})")


def requests_split(path: Path) -> tuple[float, float, float] | None:
    """Request precision, recall and F1 on the held-out split, or None without the data."""
    from agent.extractors.train import load_rows, split
    from bench.extract import OWNER, prf, wrap

    if not path.is_file():
        return None
    _, held_out = split(load_rows(path))
    extractor = EmbeddedExtractor()
    predicted = [any(i.kind == "request" for i in extractor.extract(wrap(s, n), OWNER))
                 for n, (s, _) in enumerate(held_out)]
    return prf(predicted, [label for _, label in held_out])


def extraction(request_data: Path, show_dev_misses: bool = False) -> None:
    """The embedded extractor on the labelled weeks and the held-out request sentences."""
    extractor = EmbeddedExtractor()
    print("== extraction: embedded extractor ==")
    print(f"{'week':<11} {'kind':<11} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for week in (demo_week(), load_week(WEEKS / "week-em"), load_week(WEEKS / "week-sales")):
        s = score(week, extract_week(week, extractor))
        print_score(week.name, s)
        # The held-out week's misses are never printed: it is scored, not read.
        if show_dev_misses and week.name != "week-sales":
            for g in s.misses:
                print(f"   miss  {g['message_id']} {g['kind']}: {g['evidence']}")
            for i in s.extras:
                print(f"   extra {i.message_id} {i.kind}: {i.title!r} <- {i.evidence!r}")
            for g, got in s.wrong_due:
                print(f"   due   {g['message_id']} {g['evidence']}: want {g['due']} got {got}")
    result = requests_split(request_data)
    if result is None:
        print(f"requests: {request_data} is missing (the shared request data); skipped")
    else:
        p, r, f = result
        print(f"{'requests':<11} {'held-out':<11} {p:>9.3f} {r:>7.3f} {f:>6.3f}")


def main() -> None:
    from bench.extract import DEFAULT

    logs.configure(level="warning")
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    extraction(Path(args[0]) if args else DEFAULT, show_dev_misses="--dev-misses" in sys.argv)


if __name__ == "__main__":
    main()
