"""Request detection by the embedded extractor on a held-out split of the labelled sentences.

    python bench/extract.py [PATH/parakweet-ask-train.tsv]

The file comes with the shared data folder (``../shared/data/requests/``, beside the checkout);
without it the benchmark says what is missing and exits 2.

The sentences are de-duplicated, then split with the seed the shipped model was trained with
(agent.extractors.train), so the held-out quarter was never seen in training. Each sentence is
wrapped as a message from a colleague to the owner and run through the extractor; a sentence
counts as detected when the extractor returns a request. Beside the extractor it prints its two
halves alone (the rules, the model) as baselines from the same run.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from agent import logs
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor, is_rule_request
from agent.extractors.model import shipped_model
from agent.extractors.train import load_rows, split
from connectors.types import Address, Message

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "requests" / "parakweet-ask-train.tsv"
OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))


def wrap(sentence: str, n: int) -> Message:
    return Message(message_id=f"<bench-{n}@example.com>", subject="Quick question",
                   sender=Address("Sam Colleague", "sam@example.com"), to=[Address("Ada Lovelace", "ada@example.com")],
                   cc=[], date=datetime(2026, 11, 18, 9, 0, tzinfo=UTC), text=sentence, reply_text=sentence)


def prf(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def missing(path: Path) -> str:
    """Why ``path`` cannot feed the benchmark, or "" when it can."""
    if not path.is_file():
        return (f"{path} is missing: this benchmark needs the labelled sentences parakweet-ask-train.tsv "
                "from the shared data folder (../shared/data/requests/ beside the checkout), "
                "or give its path: python bench/extract.py PATH")
    return ""


def main() -> None:
    logs.configure(level="warning")
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    problem = missing(path)
    rows = load_rows(path) if not problem else []
    if not problem and not rows:
        problem = f"{path} has no labelled rows (lines of Yes or No, a tab, then a sentence)"
    if problem:
        print(f"bench/extract.py: {problem}", file=sys.stderr)
        sys.exit(2)
    train, held_out = split(rows)
    extractor = EmbeddedExtractor()
    model = shipped_model()
    print(f"sentences: {len(rows)} after de-duplication; train {len(train)}, held-out {len(held_out)}")
    print(f"{'split':<9} {'detector':<22} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, data in (("held-out", held_out), ("train", train)):
        gold = [label for _, label in data]
        start = time.perf_counter()
        full = [any(i.kind == "request" for i in extractor.extract(wrap(s, n), OWNER)) for n, (s, _) in enumerate(data)]
        elapsed = time.perf_counter() - start
        rules = [is_rule_request(s) for s, _ in data]
        alone = [model.probability(s) >= extractor.threshold for s, _ in data]
        for label, predicted in (("embedded extractor", full), ("rules alone", rules), ("model alone", alone)):
            p, r, f = prf(predicted, gold)
            print(f"{name:<9} {label:<22} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
        if name == "held-out":
            print(f"{'':<9} ({len(data) / elapsed:,.0f} messages/s through the extractor)")


if __name__ == "__main__":
    main()
