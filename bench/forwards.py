"""The embedded extractor on forwarded mail (``eval/forwards/``), beside the note read alone.

    python bench/forwards.py [--show] [SET ...]

Each set (``dev``, ``aside``) holds thirty forwards to or from the owner (Ada Lovelace,
ada@example.com) as .eml files, in the forms of Gmail, Outlook, Apple Mail and Thunderbird, some
localised, some HTML-only, two attached as a message: notes that hand the forwarded mail over,
the owner's own forwards to a colleague, FYIs, and notes that ask something of their own. They
were written and labelled by someone who had read none of the rules, and frozen
(``frozen.sha256``) before focusd first read them. ``labels.json`` gives each item's kind, the
note's sentence and the forwarded mail's sentence that say the work (either may be null), words
any good title must hold, and the due date.

An item found matches a label of its kind whose note or forwarded sentence it quotes (or that
quotes it). Prints per set item precision and recall, the matched items whose title holds the
work's words, and due dates right among the matched items that have one (labelled or found),
for focusd as shipped and with the forwarded mail left unread (the note read alone, as before
forwards were read). ``--show`` prints each mail's misses (use it on ``dev`` only: ``aside`` is
held aside, scored and never tuned on).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.base import Owner  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from connectors.mime import try_parse  # noqa: E402
from planner.models import Item  # noqa: E402

SETS = ROOT / "eval" / "forwards"
OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))


class NoteAlone(EmbeddedExtractor):
    """The extractor with the forwarded mail left unread: the baseline."""

    def _handed_over(self, items: list[Item], text: list[str], ctx: object) -> list[Item]:  # type: ignore[override]
        return items


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    titled: int = 0
    due_right: int = 0
    dated: int = 0

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return (f"P {p:.2f} R {r:.2f} ({self.tp} matched, {self.fp} extra, {self.fn} missed)  "
                f"titles naming the work {self.titled}/{self.tp}  due right {self.due_right}/{self.dated}")


def _same(quote: str, label: str | None) -> bool:
    a, b = " ".join(quote.split()).lower(), " ".join((label or "").split()).lower()
    return bool(b) and (a in b or b in a)


def score(folder: Path, extractor: EmbeddedExtractor, show: bool = False) -> Score:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    wanted: dict[str, list[dict[str, object]]] = {}
    for label in labels["items"]:
        wanted.setdefault(label["file"], []).append(label)
    out = Score()
    for path in sorted(folder.glob("*.eml")):
        message, _ = try_parse(path.read_bytes())
        if message is None:
            raise SystemExit(f"{path}: does not parse")
        gold = list(wanted.get(path.name, []))
        lines = []
        for item in extractor.extract(message, OWNER):
            match = next((g for g in gold if g["kind"] == item.kind and (_same(item.evidence, g.get("note_evidence"))  # type: ignore[arg-type]
                                                                         or _same(item.evidence, g.get("ask_evidence")))), None)  # type: ignore[arg-type]
            if match is None:
                out.fp += 1
                lines.append(f"  extra   {item.kind} | {item.title} | {item.due}")
                continue
            gold.remove(match)
            out.tp += 1
            titled = all(str(w).lower() in item.title.lower() for w in match["title_words"])  # type: ignore[attr-defined]
            due = item.due[:10] if item.due else None
            out.titled += titled
            if match["due"] is not None or due is not None:
                out.dated += 1
                out.due_right += due == match["due"]
            if not titled or due != match["due"]:
                lines.append(f"  {'title' if not titled else 'due'}   {item.kind} | {item.title} | {due} "
                             f"(wants {match['title_words']}, due {match['due']})")
        for g in gold:
            out.fn += 1
            lines.append(f"  missed  {g['kind']} | {g['title_words']} | due {g['due']}")
        if show and lines:
            print(f"{path.name}  {message.subject[:70]}")
            print("\n".join(lines))
    return out


def main(argv: list[str]) -> int:
    logs.configure(level="error")
    show = "--show" in argv
    names = [a for a in argv if a != "--show"] or ["dev", "aside"]
    for name in names:
        folder = SETS / name
        shipped = score(folder, EmbeddedExtractor(), show)
        alone = score(folder, NoteAlone())
        print(f"{name:6} focusd       {shipped.line()}")
        print(f"{'':6} note alone   {alone.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
