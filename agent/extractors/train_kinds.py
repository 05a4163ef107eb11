"""Train the shipped sentence classifier: ``python -m agent.extractors.train_kinds``.

It reads ``kinds_train.tsv`` beside this file (label, tab, sentence; ``#`` lines are comments)
and writes ``kinds_model.json``. Training is seeded, so the same file gives the same weights.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from agent.extractors.kinds import ACTS, KindsModel
from agent.extractors.model import features

SEED = 20261126
HERE = Path(__file__).resolve().parent


def load_rows(path: Path) -> list[tuple[str, str]]:
    """(sentence, act) pairs, the first label of a repeated sentence kept."""
    seen: set[str] = set()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        text = text.strip()
        if not sep or label not in ACTS or not text or text in seen:
            continue
        seen.add(text)
        rows.append((text, label))
    return rows


def train(rows: list[tuple[str, str]], epochs: int = 30, rate: float = 0.3, l2: float = 1e-3) -> KindsModel:
    """Multinomial logistic regression by stochastic gradient descent, seeded."""
    weights: dict[str, dict[str, float]] = {a: {} for a in ACTS}
    data = [(features(s), y) for s, y in rows]
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(data)
        lr = rate / (1 + epoch * 0.2)
        for feats, y in data:
            scores = {a: sum(weights[a].get(f, 0.0) for f in feats) for a in ACTS}
            top = max(scores.values())
            exps = {a: math.exp(s - top) for a, s in scores.items()}
            total = sum(exps.values())
            for a in ACTS:
                g = exps[a] / total - (1.0 if a == y else 0.0)
                wa = weights[a]
                for f in feats:
                    w = wa.get(f, 0.0)
                    wa[f] = w - lr * (g + l2 * w)
    return KindsModel({a: {f: round(w, 4) for f, w in ws.items() if abs(w) >= 0.01} for a, ws in weights.items()})


def main(argv: list[str]) -> int:
    """Train on ``kinds_train.tsv`` (or the file given) and write ``kinds_model.json``."""
    rows = load_rows(Path(argv[0]) if argv else HERE / "kinds_train.tsv")
    model = train(rows)
    out = HERE / "kinds_model.json"
    out.write_text(model.to_json() + "\n")
    size = sum(len(ws) for ws in model.weights.values())
    print(f"trained on {len(rows)} sentences, {size} weights -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
