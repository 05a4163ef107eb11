"""The extractor seam: the embedded extractor and the LLM extractor both implement it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Protocol

from connectors.types import Message
from planner.models import Item

# How much of a reply an extractor reads: the head, where a reply's asks are. 20,000 characters
# is some 300 lines, fifty times the longest visible reply in the demo week and the shared reply
# fixtures (395); it keeps one oversized mail from costing more than a few hundred normal ones.
MAX_TEXT = 20_000


def examined_text(message: Message) -> str:
    """The part of ``message.reply_text`` an extractor reads: at most :data:`MAX_TEXT`
    characters, cut at the last line break inside that bound when there is one, else after a
    whole sentence or word (a cut mid-word, "Send Tom the si", reads as another ask)."""
    text = message.reply_text
    if len(text) <= MAX_TEXT:
        return text
    head = text[:MAX_TEXT]
    cut = head.rfind("\n")
    if cut > 0:
        return head[:cut]
    # Imported late: the parser's modules cost the CLI's start-up.
    from connectors.mime import cut_at_boundary

    return cut_at_boundary(text, MAX_TEXT) or head


@dataclass(frozen=True)
class Owner:
    """Who focusd works for: decides which mail is "mine" and what "Friday" means."""

    name: str
    email: str
    tz: tzinfo
    last_workday: int = 4  # Friday; from [owner].working_days

    @property
    def first_name(self) -> str:
        return self.name.split()[0].lower() if self.name.strip() else ""


class Extractor(Protocol):
    """Finds candidate items in one message. Candidates are checked by the grounding node,
    so an extractor may be wrong, but it must quote its evidence from :func:`examined_text`."""

    name: str

    def extract(self, message: Message, owner: Owner) -> list[Item]: ...
