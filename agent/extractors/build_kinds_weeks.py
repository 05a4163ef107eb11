"""Build ``kinds_weeks.tsv``: the development weeks' real sentences, labelled by their gold.

    python -m agent.extractors.build_kinds_weeks

Each message of a development week that the triage lets through is split as the extractor splits
it (``sentences(examined_text(...))``). A sentence that holds a gold item's evidence takes that
item's act, read the way the gold reads who says it: a request is an ask and a commitment a
promise; a waiting item is the owner's ask in the owner's own mail and the other side's promise
in theirs; a blocker is a blocker. Every other sentence is "none", including those of messages
the gold lists under ``no_items``. A sentence two items give different acts is left out. Only
the development weeks are read: the held-out ones stay unread.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.extractors.base import Owner, examined_text
from agent.extractors.embedded import sentences
from agent.nodes.triage import triage_reason
from connectors.mime import try_parse
from connectors.types import Message

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent.parent / "eval"
OUT = HERE / "kinds_weeks.tsv"
DEV_WEEKS = ("week-em", "week-ops", "week-shop", "week-cfo", "week-bd", "week-design", "week-talent",
             "week-agency", "week-lead", "week-legal", "week-clinic", "week-arch", "week-lab", "week-hotel",
             "week-sre", "week-school", "week-biotech", "week-freight", "week-restaurant", "week-univ",
             "week-tax", "week-build", "week-game", "week-mro", "week-compliance", "week-music",
             "week-consult", "week-wedding", "week-solar", "week-vet", "week-insure", "week-ohio", "week-auckland",
             "week-munich", "week-lyon", "week-zurich", "week-mumbai")


def _messages(root: Path) -> list[Message]:
    files = sorted(p for sub in ("cur", "new", ".Sent/cur", ".Sent/new") for p in (root / sub).glob("*") if p.is_file())
    parsed = (try_parse(p.read_bytes())[0] for p in files)
    return sorted((m for m in parsed if m is not None), key=lambda m: m.date)


def _act(kind: str, from_owner: bool) -> str:
    if kind == "waiting":
        return "ask" if from_owner else "promise"
    return {"request": "ask", "commitment": "promise", "blocker": "blocker"}[kind]


def week_rows(name: str, eval_dir: Path = EVAL) -> list[tuple[str, str]]:
    """(sentence, act) for every sentence of one development week's triaged mail, in message order."""
    if name not in DEV_WEEKS:
        raise ValueError(f"{name} is not a development week")
    gold = json.loads((eval_dir / name / "gold.json").read_text())
    o = gold["owner"]
    owner = Owner(o["name"], o["email"], ZoneInfo(o["timezone"]))
    by_msg: dict[str, list[dict[str, str]]] = {}
    for g in gold["items"]:
        by_msg.setdefault(g["message_id"], []).append(g)
    rows: list[tuple[str, str]] = []
    seen: dict[str, str | None] = {}
    for msg in _messages(eval_dir / name / "mail"):
        if triage_reason(msg):
            continue  # the extractor never reads it
        from_owner = msg.sender.email == owner.email.lower()
        # (Split at every spaced dash, as when the shipped classifier was trained: keeping a dash's
        # aside whole and retraining cost the development mixed mail 3 mails and the lists 2.)
        for sentence in sentences(examined_text(msg), dash_asides=False):
            acts = {_act(g["kind"], from_owner) for g in by_msg.get(msg.message_id, [])
                    if g["evidence"].lower() in sentence.lower()}
            act = acts.pop() if len(acts) == 1 else (None if acts else "none")
            if sentence in seen:
                if seen[sentence] != act:
                    seen[sentence] = None  # said twice with two readings: no label
                continue
            seen[sentence] = act
    rows = [(s, a) for s, a in seen.items() if a is not None and "\t" not in s]
    return rows


def main(argv: list[str]) -> int:
    lines = ["# label<TAB>sentence: the development weeks' triaged mail, split as the extractor splits it and",
             "# labelled by the weeks' gold (python -m agent.extractors.build_kinds_weeks). Held-out weeks unread."]
    counts: dict[str, int] = {}
    for name in DEV_WEEKS:
        lines.append(f"# week: {name}")
        for text, act in week_rows(name):
            lines.append(f"{act}\t{text}")
            counts[act] = counts.get(act, 0) + 1
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(counts.values())} sentences {counts} -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
